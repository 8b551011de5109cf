"""Pieces the pages share: a title with a one-line explanation, a notice, the validation findings list
and the target a findings item leads to.

Pages never import one another nor the main window: they read and change the session and emit
signals; the main window wires one page's signal to another's slot.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable
from typing import NamedTuple

from curator.check import ValidationReport
from curator.check.report import RuleResult
from curator.hubview import SubmissionView, submission_view
from curator.messages import Text
from curator.progress import ProgressCallback
from curator.source import LoadedTable
from ui.i18n import core_text, format_local
from ui.qt import (
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QSplitter,
    Qt,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from ui.session import Session

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1     # a Target, on items of findings lists


class Target(NamedTuple):
    """Where something is fixed: a step (0 Load ... 4 Export), a column, a source row (0-based)."""

    step: int
    column: str | None = None
    source_row: int | None = None


def item_target(item: QListWidgetItem) -> Target | None:
    target = item.data(ROLE_TARGET)
    return Target(*target) if target else None


def page_header(parent: QWidget, layout: QVBoxLayout, title: str, explanation: str) -> QLabel:
    heading = QLabel(f"<h2 style='margin:0'>{title}</h2>", parent)
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    text = QLabel(explanation, parent)
    text.setWordWrap(True)
    layout.addWidget(text)
    return text


def split(parent: QWidget, orientation: Qt.Orientation, first: QWidget, second: QWidget,
          stretch: tuple[int, int] = (3, 1), sizes: list[int] | None = None) -> QSplitter:
    """Two panes the user can resize, sharing extra room as ``stretch`` says, starting at ``sizes``."""
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    if sizes is not None:
        splitter.setSizes(sizes)
    return splitter


def notice(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { background: palette(alternate-base); border: 1px solid palette(mid);"
                        " border-radius: 4px; padding: 8px; }")
    return label


def select_row_named(table: QTableWidget, name: str) -> bool:
    """Select and show the row whose first cell reads ``name`` (a column of the source file)."""
    for row in range(table.rowCount()):
        cell = table.item(row, 0)
        if cell is not None and cell.text() == name:
            table.selectRow(row)
            table.scrollToItem(cell)
            return True
    return False


def add_validation_findings(widget: QListWidget, report: ValidationReport, loaded: LoadedTable | None,
                            per_rule: int = 5) -> int:
    """One item per offending cell shown (the first ``per_rule`` of each rule), each leading to its
    row and cell in the data. Returns the number of items added."""
    header_row = (loaded.source.options.header_row or 1) if loaded is not None else 1
    added = 0
    for result in report.results:
        if result.kind == "coherence":
            continue        # listed per rule on the Check page, with the decisions they take
        for finding in result.examples[:per_rule]:
            # Context "CheckPage": the text was first written there, and its translation is filed under it.
            item = QListWidgetItem(QCoreApplication.translate("CheckPage", "row {row}, column '{column}': '{value}' {message}").format(
                row=finding.row, column=finding.column, value=finding.value or "", message=core_text(result.message)))
            item.setData(ROLE_TARGET, Target(0, finding.column, finding.row - header_row - 1))
            item.setToolTip(QCoreApplication.translate("CheckPage", "Double-click to show this cell in the data"))
            widget.addItem(item)
            added += 1
    return added


class RebuiltWhenShown:
    """For a page whose table is costly GUI-thread work: rebuilt only while the page is in view, else
    when it is entered; between rebuilds a recipe change only refreshes the decisions it shows.

    Mixed into a QWidget page (listed after QWidget), which calls ``watch_session(session)`` once and
    ``enter_rebuilt()`` from ``entered``, and provides ``refresh()`` (which clears ``_dirty``) and
    ``decisions_changed()``.
    """

    _dirty = True

    def isVisible(self) -> bool:    # QWidget's, which comes first in the page's bases
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def decisions_changed(self) -> None:
        raise NotImplementedError

    def watch_session(self, session: Session) -> None:
        self._dirty = True
        session.loadedChanged.connect(self._invalidate)
        session.identificationsChanged.connect(self._invalidate)
        session.recipeChanged.connect(lambda: self.decisions_changed() if self.isVisible() else None)

    def _invalidate(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def enter_rebuilt(self) -> None:
        if self._dirty:
            self.refresh()
        else:
            self.decisions_changed()


class TableSelector(QWidget):
    """Which table of a linked submission the page shows (hidden for one file); every page's selector
    follows the session's table in view."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(self.tr("Table of the submission shown"))
        self.combo.setToolTip(self.tr("This step works on one table at a time; the package holds them all"))
        caption = QLabel(self.tr("Table:"), self)
        caption.setBuddy(self.combo)
        row.addWidget(caption)
        row.addWidget(self.combo)
        self.summary = QLabel(self)
        row.addWidget(self.summary, 1)
        self.combo.currentIndexChanged.connect(self._chosen)
        session.tableChanged.connect(self.refresh)
        session.sourceChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        names = self.session.table_names() if self.session.is_submission() else []
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            for state in self.session.tables if names else []:
                self.combo.addItem(self.tr("{name} ({rows} rows)").format(
                    name=state.recipe.name, rows=QLocale().toString(state.loaded.table.num_rows)), state.recipe.name)
            if names:
                self.combo.setCurrentIndex(self.session.active)
        finally:
            self.combo.blockSignals(False)
        self.summary.setText(self.tr("one of the {count} tables of this submission").format(count=len(names)))
        self.setVisible(bool(names))

    def _chosen(self, index: int) -> None:
        if index >= 0:
            self.session.select_table(index)


def submission_measure(session: Session, secret: bytes | None = None
                       ) -> Callable[[ProgressCallback | None], SubmissionView] | None:
    """The work finding what the export would find across a submission's tables (integrity, rules
    across tables, below k, risk in persons, each table's first rows), on copies of the decisions;
    None for one file. ``secret``: a throw-away one of the caller's (its previews' pseudonyms)."""
    vocabulary = session.vocabulary
    if not session.is_submission() or vocabulary is None:
        return None
    submission = copy.deepcopy(session.submission())
    tables = [(state.loaded, recipe) for state, recipe in zip(session.tables, submission.tables, strict=True)]
    links = submission.links
    # Pseudonyms under a throw-away secret: keys join as they will, nothing is kept.
    chosen = secret or secrets.token_bytes(32)
    return lambda progress: submission_view(tables, links, vocabulary, chosen, progress)


def finding_text(result: RuleResult) -> str:
    """One finding in words: how many rows, what, which columns, the first rows."""
    rows = ", ".join(str(f.row) for f in result.examples[:5])
    return QCoreApplication.translate("CheckPage", "{count} row(s): {problem} — {columns}; first rows {rows}").format(
        count=format_local("{count:,}", count=result.count), problem=core_text(result.message),
        columns=core_text(result.column) if isinstance(result.column, Text)
        else QCoreApplication.translate("CheckPage", "columns {names}").format(names=result.column), rows=rows)
