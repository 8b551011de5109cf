"""Check: what still blocks the export (and where to fix it), the validation issues, and the warnings."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from curator.check import Blocker, ValidationReport, blockers, convert_and_validate
from curator.errors import CuratorError
from curator.mapping import Vocabulary
from curator.progress import ProgressCallback
from curator.protect.reach import apply_recipe_generalisation, quasi_as_they_leave
from curator.recipe.model import Recipe
from curator.recipe.privacy import unprotected_columns
from ui.i18n import core_text
from ui.pages.common import ROLE_TARGET, Target, add_validation_findings, item_target, notice, page_header
from ui.qt import (
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
from ui.session import Session
from ui.workers import Operation, TaskRunner


@dataclass
class CheckResult:
    report: ValidationReport
    blockers: list[Blocker]
    unprotected: list[str]              # direct identifiers kept as they are without the user's confirmation
    generalisation: str | None          # why the export would refuse the Reach k levels (None: it would not)


def check_recipe(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary, detected: dict[str, str],
                 progress: ProgressCallback | None = None) -> CheckResult:
    """What the export would refuse or find wrong in ``table`` with ``recipe``'s decisions (on a worker)."""
    known = {c.source for c in recipe.columns}
    mapped = table.select([n for n in table.column_names if n in known])
    _typed, report = convert_and_validate(mapped, recipe, vocabulary, progress=progress)
    found = list(blockers(recipe, vocabulary, report, detected))
    unprotected = unprotected_columns(recipe.columns, detected, vocabulary)
    return CheckResult(report, found, unprotected, generalisation_problem(table, recipe, vocabulary))


class CheckPage(QWidget):
    navigate = Signal(object)     # Target: where a blocker or finding is fixed

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.shown_with: Sequence[QWidget] = ()    # other pages in whose view the checks run too (set by the window)
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
        self.session.sourceChanged.connect(self._forget)

    def _forget(self) -> None:
        """Another file or project: nothing found in the previous one stays on screen."""
        self.blockers_list.clear()
        self.warnings_list.clear()
        self.status.setText(self.tr("Open a file on the Load step first.") if self.session.loaded is None
                            else self.tr("Checking…"))

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
        self.session.check_is_stale()
        self._checked_key = None
        self._timer.start()

    def _run_if_visible(self) -> None:
        # The Map step shows the validation issues too: its changes are checked while it is in view.
        if self.isVisible() or any(page.isVisible() for page in self.shown_with):
            self.run_checks()

    def check_if_stale(self) -> None:
        """Run the checks now unless the current decisions were checked already."""
        if self.session.blocker_count is None:
            self.run_checks()

    # --- checking --------------------------------------------------------------------------
    def run_checks(self) -> None:
        loaded, vocabulary = self.session.loaded, self.session.vocabulary
        if loaded is None:
            self.status.setText(self.tr("Open a file on the Load step first."))
            return
        if vocabulary is None:
            self.status.setText(self.tr("The columns are still being analysed: the checks run as soon as they are."))
            return
        key = self._decisions_key()
        recipe = copy.deepcopy(self.session.recipe)
        table = loaded.table
        detected = {i.name: i.klass for i in self.session.identifications or []}

        def done(result: CheckResult) -> None:
            if self.session.loaded is None or self.session.loaded.table is not table:
                return      # the check of a table since replaced: a newer one is on its way
            # Decisions changed while this ran (the timer checks them again): shown, but not counted.
            current = self._decisions_key() == key
            if current:
                self._checked_key = key
            self._show(result, current)

        self.status.setText(self.tr("Checking…"))
        # Keyed: a check started for newer decisions replaces one still running for older ones.
        self.runner.run(Operation(lambda progress: check_recipe(table, recipe, vocabulary, detected, progress),
                                  self.tr("Converting and validating…"), done, key="check",
                                  error_title=self.tr("Cannot run the checks")))

    def _show(self, result: CheckResult, current: bool = True) -> None:
        report, found, unprotected, generalisation = (result.report, result.blockers, result.unprotected,
                                                      result.generalisation)
        self.blockers_list.clear()
        self.warnings_list.clear()
        loaded = self.session.loaded
        recipe = self.session.recipe
        shown: list[tuple[str, Target]] = []
        if not recipe.columns:
            shown.append((self.tr("No column has a decision yet: accept the suggestions on the Map step."),
                          Target(1)))
        for name in unprotected:
            if not any(b.column == name for b in found):
                shown.append((self.tr("column '{name}' identifies people and would be exported as is — "
                                      "pseudonymise or drop it").format(name=name), Target(2, name)))
        if generalisation:
            shown.append((self.tr("Reach k: {problem}. Run Reach k again on the Protect step.").format(
                problem=generalisation), Target(2)))
        for blocker in found:
            step = 2 if "identif" in str(blocker) else 1
            shown.append((core_text(str(blocker)), Target(step, blocker.column)))
        for text, target in shown:
            item = QListWidgetItem("✖ " + text)
            item.setData(ROLE_TARGET, target)
            item.setToolTip(self.tr("Double-click to go where this is fixed"))
            self.blockers_list.addItem(item)
        if not shown:
            self.blockers_list.addItem(QListWidgetItem("✔ " + self.tr("No blocker: the package can be written.")))
        add_validation_findings(self.warnings_list, report, loaded)
        if loaded is not None:
            for name in loaded.table.column_names:
                if recipe.column(name) is None and recipe.columns:
                    item = QListWidgetItem(self.tr("column '{name}' has no decision: it will not be exported").format(
                        name=name))
                    item.setData(ROLE_TARGET, Target(1, name))
                    self.warnings_list.addItem(item)
        for note in report.notes[:10]:
            self.warnings_list.addItem(QListWidgetItem("ℹ " + core_text(note)))
        summary = core_text(report.summary())
        if shown:
            self.status.setText(self.tr("{count} blocker(s): the export stays disabled until they are settled. "
                                        "{summary}").format(count=len(shown), summary=summary))
        else:
            self.status.setText(self.tr("Nothing blocks the export. {summary}").format(summary=summary))
        self.session.set_checked(report, len(shown) if current else None)

    def _go_to(self, item: QListWidgetItem) -> None:
        target = item_target(item)
        if target is not None:
            self.navigate.emit(target)


def generalisation_problem(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> str | None:
    """Why the export would refuse the recipe's Reach k levels on this file (None when it would not)."""
    if not recipe.protection.generalisation:
        return None
    try:
        leaving, _names = quasi_as_they_leave(table, recipe, vocabulary)
        apply_recipe_generalisation(leaving, recipe)
    except CuratorError as exc:
        return core_text(exc.message)
    return None
