"""Check: what still blocks the export (and where to fix it), the validation issues, and the warnings."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from ui.core import core_function
from ui.i18n import core_text
from ui.pages.common import notice, page_header
from ui.qt import (
    QCoreApplication,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1     # (step, column, source row or None)


class CheckPage(QWidget):
    checked = Signal(int)     # number of blockers found by the last check

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.blocker_count: int | None = None
        self.validation: Any = None
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        page_header(self, layout, self.tr("Check before export"), self.tr(
            "curator converts and validates every value against the vocabulary. Blockers must be settled before "
            "the package can be written; double-click one to go where it is fixed."))
        self.status = notice(self, self.tr("Open a file on the Load step first."))
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Check again"), self)
        self.run_button.setToolTip(self.tr("Convert and validate the whole table with the current decisions (F5)"))
        self.run_button.setAccessibleName(self.tr("Run the checks"))
        self.run_button.setShortcut("F5")
        self.run_button.clicked.connect(self.run_checks)
        row.addWidget(self.run_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.blockers_list = QListWidget(self)
        self.blockers_list.setAccessibleName(self.tr("Blockers"))
        self.blockers_list.setWordWrap(True)
        self.blockers_list.itemActivated.connect(self._go_to)
        self.warnings_list = QListWidget(self)
        self.warnings_list.setAccessibleName(self.tr("Warnings and validation findings"))
        self.warnings_list.setWordWrap(True)
        self.warnings_list.itemActivated.connect(self._go_to)
        blockers_box = QGroupBox(self.tr("Blockers"), self)
        QVBoxLayout(blockers_box).addWidget(self.blockers_list)
        warnings_box = QGroupBox(self.tr("Warnings and validation findings"), self)
        QVBoxLayout(warnings_box).addWidget(self.warnings_list)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(blockers_box)
        splitter.addWidget(warnings_box)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self._run_if_visible)
        self._checked_key: str | None = None
        self.session.recipeChanged.connect(self._recipe_changed)
        self.session.loadedChanged.connect(self._stale)
        self.session.identificationsChanged.connect(self._stale)

    def entered(self) -> None:
        self.run_checks()

    def _decisions_key(self) -> str:
        """The recipe without the export metadata: who sends it changes nothing the checks look at."""
        data = self.session.recipe.to_dict()
        data.pop("export", None)
        return json.dumps(data, sort_keys=True, default=str)

    def refresh_soon(self) -> None:
        """Run the checks again shortly if the decisions changed since the last run."""
        self._recipe_changed()

    def _recipe_changed(self) -> None:
        if self._decisions_key() != self._checked_key:
            self._stale()

    def _stale(self) -> None:
        self.blocker_count = None
        self._checked_key = None
        self._timer.start()

    def _run_if_visible(self) -> None:
        # The Map step shows the validation issues too: its changes are checked while it is in view.
        if self.isVisible() or self.window_.export_page.isVisible() or self.window_.map_page.isVisible():
            self.run_checks()

    # --- checking --------------------------------------------------------------------------
    def run_checks(self) -> None:
        loaded, vocabulary = self.session.loaded, self.session.vocabulary
        validate = core_function("curator.check", "convert_and_validate")
        find_blockers = core_function("curator.check", "blockers")
        if loaded is None:
            self.status.setText(self.tr("Open a file on the Load step first."))
            return
        if vocabulary is None or validate is None or find_blockers is None:
            self.status.setText(self.tr("The checks are not available in this version of curator (or the columns "
                                        "are still being analysed)."))
            return
        self._generation += 1
        generation = self._generation
        key = self._decisions_key()
        recipe = copy.deepcopy(self.session.recipe)
        table = loaded.table
        detected = {i.name: i.klass for i in self.session.identifications or []}

        def work(progress: Any) -> tuple[Any, list[Any], list[str], str | None]:
            known = {c.source for c in recipe.columns}
            mapped = table.select([n for n in table.column_names if n in known])
            _typed, report = validate(mapped, recipe, vocabulary, progress=progress)
            found = list(find_blockers(recipe, vocabulary, report))
            unprotected = []
            for decision in recipe.columns:
                klass = decision.identifying or detected.get(decision.source)
                if klass == "direct" and decision.transform.action == "keep" and not decision.transform.keep_confirmed:
                    unprotected.append(decision.source)
            return report, found, unprotected, generalisation_problem(table, recipe, vocabulary)

        def done(result: object) -> None:
            if generation == self._generation:
                assert isinstance(result, tuple)
                self._checked_key = key
                self._show(*result)

        self.status.setText(self.tr("Checking…"))
        self.window_.run_task(work, self.tr("Converting and validating…"), done,
                              error_title=self.tr("Cannot run the checks"))

    def _show(self, report: Any, found: list[Any], unprotected: list[str], generalisation: str | None = None) -> None:
        self.validation = report
        self.blockers_list.clear()
        self.warnings_list.clear()
        loaded = self.session.loaded
        recipe = self.session.recipe
        blockers: list[tuple[str, tuple[int, str | None, int | None]]] = []
        if not recipe.columns:
            blockers.append((self.tr("No column has a decision yet: accept the suggestions on the Map step."),
                             (1, None, None)))
        for name in unprotected:
            if not any(getattr(b, "column", None) == name for b in found):
                blockers.append((self.tr("column '{name}' identifies people and would be exported as is — "
                                         "pseudonymise or drop it").format(name=name), (2, name, None)))
        if generalisation:
            blockers.append((self.tr("Reach k: {problem}. Run Reach k again on the Protect step.").format(
                problem=generalisation), (2, None, None)))
        for blocker in found:
            column = getattr(blocker, "column", None)
            step = 2 if "identif" in str(blocker) else 1
            blockers.append((core_text(str(blocker)), (step, column, None)))
        for text, target in blockers:
            item = QListWidgetItem("⛔ " + text)
            item.setData(ROLE_TARGET, target)
            item.setToolTip(self.tr("Double-click to go where this is fixed"))
            self.blockers_list.addItem(item)
        if not blockers:
            self.blockers_list.addItem(QListWidgetItem("✔ " + self.tr("No blocker: the package can be written.")))
        add_validation_findings(self.warnings_list, report, loaded)
        if loaded is not None:
            for name in loaded.table.column_names:
                if recipe.column(name) is None and recipe.columns:
                    item = QListWidgetItem(self.tr("column '{name}' has no decision: it will not be exported").format(
                        name=name))
                    item.setData(ROLE_TARGET, (1, name, None))
                    self.warnings_list.addItem(item)
        for note in getattr(report, "notes", [])[:10]:
            self.warnings_list.addItem(QListWidgetItem("ℹ " + core_text(note)))
        self.blocker_count = len(blockers)
        summary = core_text(report.summary()) if hasattr(report, "summary") else ""
        if blockers:
            self.status.setText(self.tr("{count} blocker(s): the export stays disabled until they are settled. "
                                        "{summary}").format(count=len(blockers), summary=summary))
        else:
            self.status.setText(self.tr("Nothing blocks the export. {summary}").format(summary=summary))
        self.checked.emit(len(blockers))

    def _go_to(self, item: QListWidgetItem) -> None:
        go_to_target(self.window_, item)


def add_validation_findings(widget: QListWidget, report: Any, loaded: Any, per_rule: int = 5) -> int:
    """One item per offending cell shown (the first ``per_rule`` of each rule), each leading to its
    row and cell in the data. Returns the number of items added."""
    header_row = (loaded.source.options.header_row or 1) if loaded is not None else 1
    added = 0
    for result in getattr(report, "results", []):
        for finding in result.examples[:per_rule]:
            item = QListWidgetItem(QCoreApplication.translate("CheckPage", "row {row}, column '{column}': '{value}' {message}").format(
                row=finding.row, column=finding.column, value=finding.value or "", message=core_text(result.message)))
            item.setData(ROLE_TARGET, (0, finding.column, finding.row - header_row - 1))
            item.setToolTip(QCoreApplication.translate("CheckPage", "Double-click to show this cell in the data"))
            widget.addItem(item)
            added += 1
    return added


def go_to_target(window: MainWindow, item: QListWidgetItem) -> None:
    """Show where an item of a findings list is fixed: the cell in the data, or the column's row."""
    target = item.data(ROLE_TARGET)
    if not target:
        return
    step, column, source_row = target
    window.go_to(step)
    if step == 0 and column is not None and source_row is not None:
        window.load_page.data_view.jump_to_cell(source_row, column)
    elif column is not None:
        page = window.map_page if step == 1 else window.protect_page
        table = page.columns_table
        for row in range(table.rowCount()):
            cell = table.item(row, 0)
            if cell is not None and cell.text() == column:
                table.selectRow(row)
                table.scrollToItem(cell)
                break


def generalisation_problem(table: Any, recipe: Any, vocabulary: Any) -> str | None:
    """Why the export would refuse the recipe's Reach k levels on this file (None when it would not)."""
    from curator.errors import CuratorError
    from curator.protect.reach import apply_recipe_generalisation, quasi_as_they_leave

    if not recipe.protection.generalisation:
        return None
    try:
        leaving, _names = quasi_as_they_leave(table, recipe, vocabulary)
        apply_recipe_generalisation(leaving, recipe)
    except CuratorError as exc:
        return core_text(exc.message)
    return None
