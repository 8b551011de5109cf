"""Protect: per column the identification class (overridable), the action and a before/after preview;
the quasi-identifiers and k; a live risk panel; "reach k" finds the least generalisation that gets there."""

from __future__ import annotations

import contextlib
import copy
import math
import secrets
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from curator.check import convert_and_validate
from curator.errors import CuratorError
from curator.hubview import HubView, hub_view
from curator.mapping import Vocabulary, load_vocabulary
from curator.progress import ProgressCallback
from curator.protect import persons
from curator.protect.personreach import SubmissionReach, counts_persons_across, submission_reach
from curator.protect.persons import reach_k_recipe as find_reach_k
from curator.protect.reach import (
    ReachResult,
    apply_recipe_generalisation,
    quasi_as_they_leave,
    with_suggested_floors,
)
from curator.protect.risk import RiskSummary, risk_summary
from curator.protect.search import KUnreachable
from curator.protect.suppression import allowed_suppressions
from curator.protect.transforms import output_name, protect_table
from curator.protect.utility import Utility
from curator.recipe.model import ColumnDecision, ProtectionSettings, Recipe, Transform
from curator.recipe.submission import Submission
from curator.undo import ReplaceColumnDecision, ReplaceProtection, ReplaceProtections
from ui.i18n import core_text, format_local
from ui.pages.common import RebuiltWhenShown, TableSelector, notice, page_header, split, submission_measure
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QColor,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPainter,
    QPaintEvent,
    QPushButton,
    QScrollArea,
    QSpinBox,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.session import Session
from ui.table_model import ArrowTableModel
from ui.workers import Operation, TaskRunner

COLUMN, CLASS, ACTION, QUASI, FLOOR, PREVIEW = range(6)
FLOORS = ("", "as_is", "year_month", "year", "decade", "department", "band:5", "band:10")
CLASSES = ("direct", "quasi", "sensitive", "none")
ACTIONS = ("keep", "drop", "pseudonymise", "generalise", "date_shift", "band", "top_code", "rare_to_other", "scrub")
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    "generalise": {"to": "year"}, "date_shift": {"max_days": 30}, "band": {"width": 10},
    "top_code": {"max": 90}, "rare_to_other": {"threshold": 5, "other": "other"}}
PREVIEW_ROWS = 200
# What Reach k across the tables writes into each table's protection.
REACHED_FIELDS = ("generalisation", "hierarchies", "floors", "k_target", "suppression_cap", "person_reach")
BUCKETS = ((1, 1, "1"), (2, 2, "2"), (3, 4, "3–4"), (5, 9, "5–9"), (10, 99, "10–99"), (100, None, "100+"))


class ClassSizeChart(QWidget):
    """Records per equivalence-class size: the bars left of k are the records at risk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(130)
        self.bars: list[tuple[str, int, bool]] = []   # label, records, below k

    def set_sizes(self, class_sizes: dict[int, int], k: int | None) -> None:
        records = {label: 0 for _lo, _hi, label in BUCKETS}
        below = {label: False for _lo, _hi, label in BUCKETS}
        for size, classes in class_sizes.items():
            for low, high, label in BUCKETS:
                if size >= low and (high is None or size <= high):
                    records[label] += size * int(classes)
                    below[label] = below[label] or (k is not None and size < k)
        self.bars = [(label, records[label], below[label]) for _lo, _hi, label in BUCKETS]
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        width, height = self.width(), self.height()
        text_height = metrics.height()
        top = text_height + 4
        bottom = height - text_height - 6
        most = max((r for _l, r, _b in self.bars), default=0)
        if not self.bars or most == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No risk figures yet"))
            return
        slot = width / len(self.bars)
        for index, (label, records, below) in enumerate(self.bars):
            bar_height = int((bottom - top) * records / most)
            x = int(index * slot + slot * 0.15)
            bar_width = int(slot * 0.7)
            painter.fillRect(x, bottom - bar_height, bar_width, bar_height,
                             QColor("#c0392b") if below else QColor("#2e86c1"))
            painter.drawText(int(index * slot), bottom + 2, int(slot), text_height,
                             Qt.AlignmentFlag.AlignHCenter, label)
            painter.drawText(int(index * slot), max(bottom - bar_height - text_height - 2, 0), int(slot),
                             text_height, Qt.AlignmentFlag.AlignHCenter, str(records))


class HistogramChart(QWidget):
    """Records per released value of one quasi-identifier: before Reach k (grey) and after (blue)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.bins: list[tuple[str, int, int]] = []

    def set_bins(self, bins: list[tuple[str, int, int]]) -> None:
        self.bins = list(bins)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        text_height = metrics.height()
        top, bottom = 4, self.height() - text_height - 6
        most = max((max(b, a) for _l, b, a in self.bins), default=0)
        if not self.bins or most == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Run Reach k to see what the data keep"))
            return
        slot = self.width() / len(self.bins)
        widest = max(metrics.horizontalAdvance(label + "  ") for label, _b, _a in self.bins)
        step = max(1, -(-widest // max(int(slot), 1)))      # labels drawn every step-th bar, never overlapping
        for index, (label, before, after) in enumerate(self.bins):
            x = int(index * slot + slot * 0.1)
            width = max(int(slot * 0.8), 1)
            for value, color, shrink in ((before, "#b0b0b0", 0), (after, "#c0392b" if label == "*" else "#2e86c1", 0.25)):
                height = int((bottom - top) * value / most)
                inset = int(width * shrink)
                painter.fillRect(x + inset, bottom - height, max(width - 2 * inset, 1), height, QColor(color))
            if index % step == 0:
                centre = int((index + 0.5) * slot)
                painter.drawText(centre - widest // 2, bottom + 2, widest, text_height,
                                 Qt.AlignmentFlag.AlignHCenter, label)


class ProtectPage(QWidget, RebuiltWhenShown):
    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self._preview_secret = secrets.token_bytes(32)   # preview tokens only; never saved, never exported
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        page_header(self, layout, self.tr("Protect the people in the data"), self.tr(
            "Choose what happens to each column on its way out. Columns that identify someone directly must be "
            "dropped or pseudonymised. Tick the quasi-identifiers (what an outsider could know) to measure the "
            "risk that remains."))
        self.status = notice(self, self.tr("Open a file on the Load step first."))
        layout.addWidget(self.status)
        self.table_selector = TableSelector(session, self)
        layout.addWidget(self.table_selector)

        self.columns_table = QTableWidget(0, 6, self)
        self.columns_table.setHorizontalHeaderLabels([
            self.tr("Column"), self.tr("Identifies a person?"), self.tr("Action"), self.tr("Quasi-identifier"),
            self.tr("Floor (coarsest kept)"), self.tr("Before → in the package (first values)")])
        self.columns_table.setAccessibleName(self.tr("Protection of each column"))
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns_table.verticalHeader().hide()
        self.columns_table.setWordWrap(False)
        self.columns_table.horizontalHeader().setStretchLastSection(True)
        self.columns_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        for column, width in ((COLUMN, 170), (CLASS, 170), (ACTION, 150), (QUASI, 110), (FLOOR, 130)):
            header = self.columns_table.horizontalHeaderItem(column)
            # French headers are longer: a header is never cut, its column widened instead.
            needed = self.fontMetrics().horizontalAdvance(header.text()) + 24 if header is not None else 0
            self.columns_table.setColumnWidth(column, max(width, needed))

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self._persons_box(side))
        risk_box = QGroupBox(self.tr("Re-identification risk"), side)
        self.risk_box = risk_box
        risk_form = FormColumn(risk_box)
        self.k_spin = QSpinBox(risk_box)
        self.k_spin.setRange(1, 100)
        self.k_spin.setToolTip(self.tr("Each record should look like at least k records on the quasi-identifiers"))
        self.k_spin.setAccessibleName(self.tr("k target"))
        self.k_spin.editingFinished.connect(self._k_changed)
        risk_form.addRow(self.tr("k target"), self.k_spin)
        self.risk_labels = figure_rows(risk_form, risk_box, (
            ("records", self.tr("Records")), ("classes", self.tr("Groups of look-alikes")),
            ("sample_uniques", self.tr("Unique records")), ("records_below_k", self.tr("Records at risk (below k)")),
            ("highest_risk", self.tr("Highest risk"))))
        self.chart = ClassSizeChart(risk_box)
        self.chart.setToolTip(self.tr("Records by size of their group of look-alikes; red: smaller than k"))
        self.chart.setAccessibleName(self.tr("Chart of group sizes"))
        risk_form.addRow(self.chart)
        self.risk_note = QLabel(risk_box)
        self.risk_note.setWordWrap(True)
        risk_form.addRow(self.risk_note)
        # Reach k in a box of its own: for a submission it works in persons across the tables, not
        # in this table's records, and comes right below the figures in persons.
        reach_box = QGroupBox(self.tr("Reach k"), side)
        self.reach_box = reach_box
        risk_form = FormColumn(reach_box)
        caps = []
        for caption, tip, highest in (
                (self.tr("Cells that may be suppressed"),
                 self.tr("Reach k may blank at most this share of the quasi-identifier cells"), 50),
                (self.tr("Records that may lose a cell"), self.tr("Reach k may touch at most this share of the records"),
                 100)):
            spin = QSpinBox(reach_box)
            spin.setRange(0, highest)
            spin.setSuffix(" %")
            spin.setAccessibleName(caption)
            spin.setToolTip(tip)
            spin.editingFinished.connect(self._caps_changed)
            caption_label = QLabel(caption, reach_box)
            caption_label.setBuddy(spin)
            risk_form.addRow(caption_label, spin)
            caps.append(spin)
        self.cell_cap_spin, self.record_cap_spin = caps
        self.record_cap_label = caption_label       # says persons for a submission counted in persons
        self.importance_list = QListWidget(reach_box)
        self.importance_list.setAccessibleName(self.tr("Quasi-identifiers in order of importance"))
        self.importance_list.setToolTip(self.tr("Reach k blanks cells of the last ones first and keeps the first "
                                                "ones longest"))
        self.importance_list.setMaximumHeight(self.fontMetrics().height() * 4 + 8)
        # Caption, list and buttons each span the panel: beside a caption they widened it past 400 px.
        risk_form.addRow(QLabel(self.tr("Order of importance"), reach_box))
        risk_form.addRow(self.importance_list)
        moves = QHBoxLayout()
        for caption, step in ((self.tr("More important"), -1), (self.tr("Less important"), 1)):
            button = QPushButton(caption, reach_box)
            button.setAccessibleName(caption)
            button.clicked.connect(lambda _c=False, s=step: self.move_importance(s))
            moves.addWidget(button)
        risk_form.addRow(moves)
        self.reach_button = QPushButton(self.tr("Reach k"), reach_box)
        self.reach_button.setToolTip(self.tr("Find the least generalisation of the quasi-identifiers that makes "
                                             "every group at least k records"))
        self.reach_button.setAccessibleName(self.tr("Reach k"))
        self.reach_button.clicked.connect(lambda _checked=False: self.reach_k())
        risk_form.addRow(self.reach_button)
        self.suggestion_button = QPushButton(self.tr("Use the coarser floors suggested"), reach_box)
        self.suggestion_button.setAccessibleName(self.tr("Use the coarser floors suggested"))
        self.suggestion_button.clicked.connect(self.use_suggestion)
        self.suggestion_button.hide()
        risk_form.addRow(self.suggestion_button)
        self.reach_label = QLabel(reach_box)
        self.reach_label.setWordWrap(True)
        self.reach_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Another file or project: the previous one's Reach k result is not this one's.
        self.session.sourceChanged.connect(lambda: self.reach_label.setText(""))
        risk_form.addRow(self.reach_label)
        self.last_unreachable: KUnreachable | None = None
        side_layout.addWidget(risk_box)
        side_layout.addWidget(reach_box)
        self.side_layout = side_layout

        utility_box = QGroupBox(self.tr("What the data keep"), side)
        utility_layout = QVBoxLayout(utility_box)
        self.utility_table = QTableWidget(0, 4, utility_box)
        self.utility_table.setHorizontalHeaderLabels([self.tr("Quasi-identifier"), self.tr("As requested"),
                                                      self.tr("Coarser"), self.tr("Suppressed")])
        self.utility_table.setAccessibleName(self.tr("Share of each quasi-identifier kept"))
        self.utility_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.utility_table.verticalHeader().hide()
        self.utility_table.horizontalHeader().setStretchLastSection(True)
        self.utility_table.setMaximumHeight(130)
        for index, width in enumerate((110, 110, 90, 80)):
            self.utility_table.setColumnWidth(index, width)
        utility_layout.addWidget(self.utility_table)
        self.loss_label = QLabel(utility_box)
        self.loss_label.setWordWrap(True)
        utility_layout.addWidget(self.loss_label)
        self.histogram_combo = QComboBox(utility_box)
        self.histogram_combo.setAccessibleName(self.tr("Quasi-identifier shown in the histogram"))
        self.histogram_combo.currentIndexChanged.connect(self._show_histogram)
        utility_layout.addWidget(self.histogram_combo)
        self.histogram = HistogramChart(utility_box)
        self.histogram.setToolTip(self.tr("Records per value: grey before Reach k, blue after, red the suppressed cells"))
        self.histogram.setAccessibleName(self.tr("Histogram before and after Reach k"))
        utility_layout.addWidget(self.histogram)
        side_layout.addWidget(utility_box)
        self.utility_box = utility_box
        side_layout.addStretch(1)
        self.utility: Utility | None = None
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(side)
        # At 900×600 the risk figures, the chart and Reach k do not fit: they scroll, never overlap.
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(400)        # the risk figures' values stay in view beside their labels
        self.side_scroll = scroll

        hub_box = QGroupBox(self.tr("What the hub receives"), self)
        hub_layout = QVBoxLayout(hub_box)
        hub_row = QHBoxLayout()
        # A submission's package holds every table: the rows shown are the chosen one's, the table in
        # view until another is chosen here (the decisions above stay those of the table in view).
        self.hub_table_combo = QComboBox(hub_box)
        self.hub_table_combo.setAccessibleName(self.tr("Table of the package shown"))
        self.hub_table_combo.setToolTip(self.tr("The package holds every table of the submission: choose the one "
                                                "whose rows are shown here"))
        self.hub_table_combo.activated.connect(lambda _index: self._show_submission_rows())
        self.hub_table_combo.hide()
        hub_row.addWidget(self.hub_table_combo)
        self.hub_label = QLabel(hub_box)
        self.hub_label.setWordWrap(True)
        hub_row.addWidget(self.hub_label, 1)
        hub_layout.addLayout(hub_row)
        self.session.tableChanged.connect(self._hub_tables_listed)
        self.session.sourceChanged.connect(self._hub_tables_listed)
        self.session.submissionChecked.connect(self._show_submission_rows)
        self.hub_model = ArrowTableModel(self, runner)
        self.hub_table = QTableView(hub_box)
        self.hub_table.setModel(self.hub_model)
        self.hub_table.setAccessibleName(self.tr("The first rows of the package's data"))
        self.hub_table.verticalHeader().hide()
        hub_layout.addWidget(self.hub_table)
        self.hub: HubView | None = None
        left = split(self, Qt.Orientation.Vertical, self.columns_table, hub_box, stretch=(3, 2), sizes=[420, 260])

        splitter = split(self, Qt.Orientation.Horizontal, left, scroll, sizes=[880, 380])
        layout.addWidget(splitter, 1)

        self._risk_timer = QTimer(self)
        self._risk_timer.setSingleShot(True)
        self._risk_timer.setInterval(500)
        self._risk_timer.timeout.connect(lambda: self.refresh_risk() if self.isVisible() else None)
        # Reach k's result scrolled into view once the panel is laid out again for it (a page's own
        # timer: it dies with the page).
        self._result_timer = QTimer(self)
        self._result_timer.setSingleShot(True)
        self._result_timer.setInterval(50)
        self._result_timer.timeout.connect(self._show_reach_result)
        # Rebuilding the table is GUI-thread work: done for the page in view, else when it is entered.
        self.watch_session(self.session)

    def _persons_box(self, parent: QWidget) -> QGroupBox:
        """A linked submission's risk counted in distinct persons across its tables (hidden for one file)."""
        box = QGroupBox(self.tr("Across the tables, in persons"), parent)
        form = FormColumn(box)
        self.person_labels = figure_rows(form, box, (
            ("records", self.tr("Persons")), ("classes", self.tr("Groups of look-alike persons")),
            ("sample_uniques", self.tr("Unique persons")), ("records_below_k", self.tr("Persons at risk (below k)")),
            ("highest_risk", self.tr("Highest risk"))))
        self.person_note = QLabel(box)
        self.person_note.setWordWrap(True)
        form.addRow(self.person_note)
        box.setVisible(False)
        self.persons_box = box
        self.session.submissionChecked.connect(self._show_persons)
        self.session.sourceChanged.connect(self._submission_shown)
        return box

    def _submission_shown(self) -> None:
        """The panel in persons for a submission, and the table's own panel said to be of this table."""
        self.persons_box.setVisible(self.session.is_submission())
        self.risk_box.setTitle(self.tr("Risk in this table, in records")
                               if self.session.is_submission() else self.tr("Re-identification risk"))
        self._show_reach_unit()

    def counts_in_persons(self) -> bool:
        """Whether k is reached and judged in persons across the tables (a submission with a person key)."""
        return self.session.is_submission() and counts_persons_across(
            Submission([state.recipe for state in self.session.tables]))

    def _show_reach_unit(self) -> None:
        """Reach k's button says whether it works in persons across the tables or in this table's records."""
        across = self.counts_in_persons()
        self.reach_box.setTitle(self.tr("Reach k across the tables, in persons") if across else self.tr("Reach k"))
        if self.side_layout.indexOf(self.reach_box) != (1 if across else 2):
            self.side_layout.removeWidget(self.reach_box)
            self.side_layout.insertWidget(1 if across else 2, self.reach_box)
        self.reach_button.setText(self.tr("Reach k in persons") if across else self.tr("Reach k"))
        caption = self.tr("Persons that may lose a cell") if across else self.tr("Records that may lose a cell")
        self.record_cap_label.setText(caption)
        self.record_cap_spin.setAccessibleName(caption)
        self.record_cap_spin.setToolTip(self.tr(
            "Reach k may touch at most this share of the persons (a person suppressed whole counts)") if across
            else self.tr("Reach k may touch at most this share of the records"))
        self.reach_button.setToolTip(self.tr(
            "Find the least generalisation of every table's quasi-identifiers that makes every group of persons, "
            "their quasi-identifiers gathered from all the tables, at least k persons") if across else self.tr(
            "Find the least generalisation of the quasi-identifiers that makes every group at least k records"))

    def _show_persons(self) -> None:
        view = self.session.submission_view
        self._submission_shown()
        risk = view.risk if view is not None else None
        if risk is None or risk.get("unit") != "persons":
            for label in self.person_labels.values():
                label.setText("–")
            self.person_note.setText(self.tr("No person key, or no quasi-identifier ticked in a table linked to it: "
                                             "the risk is counted in records of each table (below)."))
            return
        show_risk_figures(self.person_labels, risk)
        k = risk.get("k")
        below = risk.get("records_below_k") or 0
        self.person_note.setText(
            self.tr("A person's quasi-identifiers are gathered from every table; each person counts once. "
                    "Every person is in a group of at least {k}.").format(k=k) if below == 0 else
            self.tr("A person's quasi-identifiers are gathered from every table; each person counts once. "
                    "{count} persons are in groups smaller than {k}: Reach k below generalises across the tables, "
                    "in persons.").format(
                        count=format_local("{count:,}", count=below), k=k))

    def measure_persons(self) -> None:
        """The submission's risk in persons for the current decisions (the export's own chain)."""
        work = submission_measure(self.session, self._preview_secret)    # the box's rows: the previews' pseudonyms
        if work is None:
            return
        self.person_note.setText(self.tr("Measuring…"))
        self.runner.run(Operation(work, self.tr("Measuring the risk across the tables…"),
                                  self.session.set_submission_view, key="submission",
                                  error_title=self.tr("Cannot measure the risk across the tables")))

    def decisions_changed(self) -> None:
        self._recipe_changed()

    def entered(self) -> None:
        self.enter_rebuilt()
        self.refresh_risk()

    # --- labels ----------------------------------------------------------------------------
    def class_texts(self) -> dict[str, str]:
        return {"direct": self.tr("directly"), "quasi": self.tr("in combination (quasi)"),
                "sensitive": self.tr("sensitive"), "none": self.tr("no")}

    def action_texts(self) -> dict[str, str]:
        return {"keep": self.tr("keep as is"), "drop": self.tr("drop"), "pseudonymise": self.tr("pseudonymise"),
                "generalise": self.tr("generalise"), "date_shift": self.tr("shift dates (±30 days)"),
                "band": self.tr("bands of 10"), "top_code": self.tr("cap at 90"),
                "rare_to_other": self.tr("rare values → other"), "scrub": self.tr("scrub free text")}

    # --- filling ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        loaded = self.session.loaded
        if loaded is None:
            self.columns_table.setRowCount(0)
            self.status.setText(self.tr("Open a file on the Load step first."))
            return
        names = loaded.table.column_names
        self.columns_table.setRowCount(len(names))
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            self.columns_table.setItem(row, COLUMN, item)
            self.columns_table.setCellWidget(row, CLASS, self._class_combo(name))
            self.columns_table.setCellWidget(row, ACTION, self._action_combo(name))
            self.columns_table.setCellWidget(row, QUASI, self._quasi_box(name))
            self.columns_table.setCellWidget(row, FLOOR, self._floor_combo(name))
            self.columns_table.setItem(row, PREVIEW, QTableWidgetItem(""))
        self._recipe_changed()

    def params_text(self, params: dict[str, object]) -> str:
        """An action's settings in words of the interface language ("to: year" -> "to the year")."""
        levels = {"year": self.tr("the year"), "year_month": self.tr("the year and month"),
                  "quarter": self.tr("the quarter"), "department": self.tr("the département"),
                  "region": self.tr("the region")}
        shown = {"to": lambda v: levels.get(str(v), str(v)),
                 "max_days": lambda v: self.tr("up to {days} days").format(days=v),
                 "width": lambda v: self.tr("bands of {width}").format(width=v),
                 "reference": lambda v: self.tr("at {reference}").format(reference=v)}
        return ", ".join(shown[key](value) if key in shown else f"{key}: {value}" for key, value in params.items())

    def _class_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self.columns_table)
        combo.setAccessibleName(self.tr("Identification class of {name}").format(name=name))
        combo.setToolTip(self.tr("What curator detected; change it if you know better"))
        for klass, text in self.class_texts().items():
            combo.addItem(text, klass)
        combo.activated.connect(lambda index, c=combo, n=name: self.set_class(n, c.itemData(index)))
        return combo

    def _action_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self.columns_table)
        combo.setAccessibleName(self.tr("Action for {name}").format(name=name))
        combo.setToolTip(self.tr("What happens to this column in the package"))
        for action, text in self.action_texts().items():
            combo.addItem(text, action)
        combo.activated.connect(lambda index, c=combo, n=name: self.set_action(n, c.itemData(index)))
        return combo

    def floor_texts(self) -> dict[str, str]:
        return {"": self.tr("any level but *"), "as_is": self.tr("as requested"), "year_month": self.tr("year and month"),
                "year": self.tr("year"), "decade": self.tr("decade"), "department": self.tr("département"),
                "band:5": self.tr("bands of 5"), "band:10": self.tr("bands of 10")}

    def _floor_combo(self, name: str) -> QComboBox:
        combo = QComboBox(self.columns_table)
        combo.setAccessibleName(self.tr("Floor of {name}").format(name=name))
        combo.setToolTip(self.tr("The coarsest precision Reach k may release for this quasi-identifier; "
                                 "below it, cells are suppressed instead"))
        for floor, text in self.floor_texts().items():
            combo.addItem(text, floor)
        combo.activated.connect(lambda index, c=combo, n=name: self.set_floor(n, c.itemData(index)))
        return combo

    def _quasi_box(self, name: str) -> QWidget:
        holder = QWidget(self.columns_table)
        box = QCheckBox(holder)
        box.setAccessibleName(self.tr("{name} is a quasi-identifier").format(name=name))
        box.setToolTip(self.tr("Could an outsider know this about a person (age, sex, place, dates)?"))
        box.clicked.connect(lambda checked, n=name: self.set_quasi(n, checked))
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(box)
        holder.setProperty("checkbox", box)
        return holder

    def _recipe_changed(self) -> None:
        loaded = self.session.loaded
        if loaded is None:
            return
        recipe = self.session.recipe
        quasi = set(recipe.protection.quasi_identifiers)
        for row in range(self.columns_table.rowCount()):
            item = self.columns_table.item(row, COLUMN)
            if item is None:
                continue
            name = item.text()
            decision = recipe.column(name)
            class_combo = self.columns_table.cellWidget(row, CLASS)
            action_combo = self.columns_table.cellWidget(row, ACTION)
            holder = self.columns_table.cellWidget(row, QUASI)
            if isinstance(class_combo, QComboBox):
                class_combo.blockSignals(True)
                class_combo.setCurrentIndex(max(class_combo.findData(self.session.effective_class(name) or "none"), 0))
                class_combo.blockSignals(False)
            if isinstance(action_combo, QComboBox):
                action = decision.transform.action if decision is not None else "drop"
                params = decision.transform.params if decision is not None else {}
                action_combo.setToolTip(self.tr("What happens to this column in the package") +
                                        (f" ({self.params_text(params)})" if params else ""))
                action_combo.blockSignals(True)
                action_combo.setCurrentIndex(max(action_combo.findData(action), 0))
                action_combo.blockSignals(False)
            if holder is not None:
                box = holder.property("checkbox")
                if isinstance(box, QCheckBox):
                    box.setChecked(name in quasi)
            floor_combo = self.columns_table.cellWidget(row, FLOOR)
            if isinstance(floor_combo, QComboBox):
                floor = recipe.protection.floors.get(name, "")
                if floor and floor_combo.findData(floor) < 0:
                    floor_combo.addItem(self.tr("level {level}").format(level=floor.split(":")[-1]), floor)
                floor_combo.blockSignals(True)
                floor_combo.setCurrentIndex(max(floor_combo.findData(floor), 0))
                floor_combo.blockSignals(False)
                floor_combo.setEnabled(name in quasi)
            # Previews come from the package's data (refresh_hub); until then, each transform alone.
            preview = self.preview(name) if self.isVisible() else ""
            preview_item = QTableWidgetItem(preview)
            preview_item.setToolTip(preview)
            self.columns_table.setItem(row, PREVIEW, preview_item)
        self.k_spin.blockSignals(True)
        self.k_spin.setValue(recipe.protection.k_target or persons.DEFAULT_K)
        self.k_spin.blockSignals(False)
        for spin, value in ((self.cell_cap_spin, recipe.protection.cell_suppression_cap),
                            (self.record_cap_spin, recipe.protection.suppression_cap)):
            spin.blockSignals(True)
            spin.setValue(round(value * 100))
            spin.blockSignals(False)
        self.cell_cap_spin.setEnabled(recipe.protection.suppression_unit == "cells")
        chosen = self.importance_list.currentRow()
        self.importance_list.clear()
        self.importance_list.addItems(recipe.protection.quasi_identifiers)
        self.importance_list.setCurrentRow(min(chosen, self.importance_list.count() - 1))
        unmentioned = [n for n in loaded.table.column_names if recipe.column(n) is None]
        if not recipe.columns:
            self.status.setText(self.tr("No decision yet: accept the suggestions on the Map step, or choose an "
                                        "action per column here. Columns without a decision are not exported."))
        elif unmentioned:
            self.status.setText(self.tr("{count} columns have no decision and will not be exported.").format(
                count=len(unmentioned)))
        else:
            self.status.setText(self.tr("Every column has a decision."))
        self._risk_timer.start()

    # --- decisions -------------------------------------------------------------------------
    def _decision(self, name: str) -> ColumnDecision:
        current = self.session.recipe.column(name)
        return copy.deepcopy(current) if current is not None else ColumnDecision(source=name, transform=Transform("drop"))

    def set_class(self, name: str, klass: str) -> None:
        decision = self._decision(name)
        decision.identifying = None if klass == self.session.detected_class(name) else klass
        self.session.push(ReplaceColumnDecision(self.session.recipe, decision,
                                                self.tr("mark '{name}' as {klass}").format(
                                                    name=name, klass=self.class_texts().get(klass, klass))))

    def set_action(self, name: str, action: str) -> None:
        decision = self._decision(name)
        if decision.transform.action == action and self.session.recipe.column(name) is not None:
            return
        confirmed = False
        if action == "keep" and self.session.effective_class(name) == "direct":
            from ui.qt import QMessageBox
            answer = QMessageBox.warning(
                self, self.tr("Keep an identifying column?"),
                self.tr("'{name}' identifies people directly. Keeping it exports it as it is.\n\n"
                        "Keep it anyway? The package records that you confirmed it.").format(name=name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self._recipe_changed()
                return
            confirmed = True
        decision.transform = Transform(action, dict(DEFAULT_PARAMS.get(action, {})), confirmed)
        self.session.push(ReplaceColumnDecision(self.session.recipe, decision,
                                                self.tr("{action} '{name}'").format(
                                                    action=self.action_texts().get(action, action), name=name)))

    def set_quasi(self, name: str, checked: bool) -> None:
        settings = copy.deepcopy(self.session.recipe.protection)
        quasi = [q for q in settings.quasi_identifiers if q != name]
        if checked:
            quasi.append(name)
        settings.quasi_identifiers = quasi
        settings.k_target = settings.k_target or persons.DEFAULT_K
        # Levels found for other quasi-identifiers say nothing about these: Reach k is to be run again.
        settings.generalisation = {}
        self.reach_label.setText("")
        label = (self.tr("add '{name}' to the quasi-identifiers") if checked
                 else self.tr("remove '{name}' from the quasi-identifiers")).format(name=name)
        self._push_unreached(settings, label)

    def set_floor(self, name: str, floor: str) -> None:
        settings = copy.deepcopy(self.session.recipe.protection)
        if floor:
            settings.floors[name] = floor
        else:
            settings.floors.pop(name, None)
        settings.generalisation = {}   # found under the former floor
        self.reach_label.setText("")
        self._push_unreached(settings, self.tr("set the floor of '{name}'").format(name=name))

    def move_importance(self, step: int) -> None:
        """Move the chosen quasi-identifier up (-1) or down (+1) the order Reach k suppresses cells by."""
        row = self.importance_list.currentRow()
        settings = copy.deepcopy(self.session.recipe.protection)
        order = settings.quasi_identifiers
        if row < 0 or not 0 <= row + step < len(order):
            return
        order[row], order[row + step] = order[row + step], order[row]
        settings.generalisation = {}   # suppressed cells were chosen by the former order
        self.reach_label.setText("")
        self.importance_list.setCurrentRow(row + step)
        self._push_unreached(settings, self.tr("change the importance of '{name}'").format(name=order[row + step]))

    def _push_unreached(self, settings: ProtectionSettings, label: str) -> None:
        """The table's protection set to ``settings`` (its levels forgotten); in persons across the
        tables, the levels found with this table's are forgotten in every table, in the same step."""
        changes = [(self.session.recipe, settings)]
        if self.counts_in_persons():
            for state in self.session.tables:
                if state.recipe is not self.session.recipe and state.recipe.protection.generalisation:
                    other = copy.deepcopy(state.recipe.protection)
                    other.generalisation = {}
                    changes.append((state.recipe, other))
        self.session.push(ReplaceProtections(changes, label) if len(changes) > 1 else
                          ReplaceProtection(self.session.recipe, settings, label))

    def _caps_changed(self) -> None:
        protection = self.session.recipe.protection
        cells, records = self.cell_cap_spin.value() / 100, self.record_cap_spin.value() / 100
        if (round(protection.cell_suppression_cap * 100), round(protection.suppression_cap * 100)) == \
                (self.cell_cap_spin.value(), self.record_cap_spin.value()):
            return
        settings = copy.deepcopy(protection)
        settings.cell_suppression_cap, settings.suppression_cap = cells, records
        settings.generalisation = {}   # found under the former caps
        self.reach_label.setText("")
        self._push_unreached(settings, self.tr("set the suppression caps"))

    def _k_changed(self) -> None:
        if self.k_spin.value() == (self.session.recipe.protection.k_target or persons.DEFAULT_K):
            return
        settings = copy.deepcopy(self.session.recipe.protection)
        settings.k_target = self.k_spin.value()
        settings.generalisation = {}   # found for the former k
        self.reach_label.setText("")
        self._push_unreached(settings, self.tr("set k to {k}").format(k=settings.k_target))

    # --- preview ---------------------------------------------------------------------------
    def preview(self, name: str) -> str:
        """The first distinct values before and after this column's action, on a small sample."""
        loaded = self.session.loaded
        decision = self.session.recipe.column(name)
        if loaded is None:
            return ""
        sample = loaded.table.select([name]).slice(0, PREVIEW_ROWS)
        before = [v for v in dict.fromkeys(sample.column(0).to_pylist()) if v is not None][:3]
        if decision is None or decision.transform.action == "drop":
            return ", ".join(before) + "  →  " + self.tr("(not exported)")
        if self.hub is not None and self.hub.previews.get(name, ([], []))[1]:
            shown, after = self.hub.previews[name]
            return ", ".join(shown) + "  →  " + ", ".join("" if v is None else str(v) for v in after)
        if decision.transform.action == "keep":
            return ", ".join(before) + "  →  " + self.tr("(unchanged)")
        try:
            after = protected_sample(sample, decision, self.session.recipe,
                                     self.session.vocabulary or _vocabulary(self.session.recipe),
                                     self._preview_secret, before)
        except Exception as exc:   # a preview must never break the page: say why there is none
            reason = core_text(getattr(exc, "message", None) or str(exc))
            return ", ".join(before) + "  →  " + self.tr("(no preview: {reason})").format(reason=reason[:80])
        return ", ".join(before) + "  →  " + ", ".join("" if v is None else str(v) for v in after)

    # --- risk ------------------------------------------------------------------------------
    def refresh_risk(self) -> None:
        loaded = self.session.loaded
        quasi = [q for q in self.session.recipe.protection.quasi_identifiers
                 if loaded is not None and q in loaded.table.column_names]
        across = self.session.is_submission() and any(s.recipe.protection.quasi_identifiers for s in self.session.tables)
        self.reach_button.setEnabled(bool(quasi) or across)
        self._show_reach_unit()
        if loaded is None:
            return
        self.refresh_hub()
        self.measure_persons()
        if not quasi:
            self.risk_note.setText(self.tr("Tick the quasi-identifiers to measure the risk."))
            for label in self.risk_labels.values():
                label.setText("–")
            self.chart.set_sizes({}, None)
            return
        recipe = copy.deepcopy(self.session.recipe)
        table = loaded.table
        k = recipe.protection.k_target or persons.DEFAULT_K
        # Keyed: a measure for newer decisions replaces one still running; the work has no progress
        # to check, so it runs to its end and its result is dropped.
        self.risk_note.setText(self.tr("Measuring…"))
        self.runner.run(Operation(lambda _progress: risk_after_actions(table, recipe, quasi, k),
                                  self.tr("Measuring the re-identification risk…"),
                                  lambda summary: self._show_risk(summary, k), can_cancel=False, key="risk",
                                  error_title=self.tr("Cannot measure the risk")))

    def _show_risk(self, summary: RiskSummary, k: int) -> None:
        data = summary.to_dict()
        show_risk_figures(self.risk_labels, data)
        self.chart.set_sizes(summary.class_sizes, k)
        below = data.get("records_below_k") or 0
        in_persons = self.counts_in_persons()
        self.risk_note.setText(
            self.tr("Every record is in a group of at least {k}.").format(k=k) if below == 0 else
            self.tr("{count} records of this table are in groups smaller than {k}; the package is judged in persons "
                    "across the tables (above).").format(count=below, k=k) if in_persons else
            self.tr("{count} records are in groups smaller than {k}: generalise a quasi-identifier, or use "
                    "Reach k.").format(count=below, k=k))

    def reach_k(self, coarser_floors: bool = False, floors: list[tuple[Recipe, ProtectionSettings]] | None = None) -> None:
        """Reach k on the table in view, in records; for a submission whose tables a person key links,
        in persons across every table (``coarser_floors``: taking the floors it suggests when out of reach;
        ``floors``: tables' protections with coarser floors, searched with and written with the levels)."""
        loaded = self.session.loaded
        if loaded is None:
            return
        if self.session.is_submission() and self.reach_across(coarser_floors, floors):
            return
        recipe = copy.deepcopy(self.session.recipe)
        own = next((settings for target, settings in floors or [] if target is self.session.recipe), None)
        if own is not None:
            recipe.protection = copy.deepcopy(own)
        k = recipe.protection.k_target or persons.DEFAULT_K
        cap = recipe.protection.suppression_cap or persons.DEFAULT_SUPPRESSION
        # Rules are chosen again over the values as they leave now (a transform may have changed);
        # a hierarchy file the recipe names is the user's choice and is kept.
        recipe.protection.hierarchies = {source: spec for source, spec in recipe.protection.hierarchies.items()
                                         if spec not in ("date", "digits") and not spec.startswith("intervals:")}
        table = loaded.table
        vocabulary = self.session.vocabulary
        types = {p.name: getattr(p, "inferred_type", "") for p in self.session.profiles or []}

        def work(progress: ProgressCallback) -> ReachResult:
            return find_reach_k(table, recipe, vocabulary or _vocabulary(recipe), k, cap, types, progress=progress)

        def done(found: ReachResult) -> None:
            result = found.search
            parts = [self.tr("{column}: level {level}/{top}").format(
                         column=source, level=level, top=max(result.levels.get(found.names[source], 1) - 1, 0))
                     for source, level in found.levels.items()]
            self.reach_label.setText(format_local(self.tr(
                "Found: {parts}. Information lost: {loss:.0%}; cells suppressed: {cells} in {records} records."),
                parts=self.tr("; ").join(parts), loss=result.relative_loss, cells=result.cells_suppressed,
                records=result.records_touched))
            self.last_unreachable = None
            self.suggestion_button.hide()
            settings = _with_floors(self.session.recipe.protection, own)
            settings.generalisation = dict(found.levels)
            settings.hierarchies = dict(found.hierarchies)
            settings.suppression_cap = cap
            settings.k_target = k
            self.session.push(ReplaceProtection(self.session.recipe, settings,
                                                self.tr("generalise to reach k = {k}").format(k=k)))

        self._search(work, done, self.tr("Looking for the least generalisation reaching k = {k}…").format(k=k),
                     [(self.session.recipe, own)] if own is not None else None)

    def reach_across(self, coarser_floors: bool = False,
                     floors: list[tuple[Recipe, ProtectionSettings]] | None = None) -> bool:
        """Reach k in distinct persons across the submission's tables (``submission_reach``, as
        `curator recipe reach-k` does), its levels written into every table in one undoable step.
        False when no person key links the tables (k is then reached per table, in records)."""
        session = self.session
        submission = copy.deepcopy(session.submission())
        if not counts_persons_across(submission):
            return False
        protection = session.recipe.protection
        k, cap = protection.k_target or persons.DEFAULT_K, protection.suppression_cap or persons.DEFAULT_SUPPRESSION
        tables = {state.recipe.name: state.loaded.table for state in session.tables}
        recipes = [state.recipe for state in session.tables]
        for target, settings in floors or []:
            submission.tables[recipes.index(target)].protection.floors = copy.deepcopy(settings.floors)
        vocabulary = session.vocabulary or _vocabulary(submission.tables[0])

        def work(progress: ProgressCallback) -> tuple[Submission, SubmissionReach]:
            return submission_reach(submission, tables, vocabulary, k, cap, progress, coarser_floors)

        def done(result: tuple[Submission, SubmissionReach]) -> None:
            reached, found = result
            if [id(state.recipe) for state in session.tables] != [id(recipe) for recipe in recipes]:
                return      # another submission was opened meanwhile: these levels are not its
            self.reach_label.setText(self.reached_across_text(reached, found))
            self.last_unreachable = None
            self.suggestion_button.hide()
            changes = []
            for recipe, found_recipe in zip(recipes, reached.tables, strict=True):
                settings = copy.deepcopy(recipe.protection)
                for name in REACHED_FIELDS:
                    setattr(settings, name, copy.deepcopy(getattr(found_recipe.protection, name)))
                changes.append((recipe, settings))
            session.push(ReplaceProtections(changes, self.tr("generalise to reach k = {k} persons across the "
                                                             "tables").format(k=k)))

        self._search(work, done, self.tr("Looking for the least generalisation reaching k = {k} persons across "
                                         "the tables…").format(k=k), floors)
        return True

    def reached_across_text(self, submission: Submission, found: SubmissionReach) -> str:
        """What Reach k across the tables found, in persons: the levels per table, what it suppressed."""
        parts = []
        for recipe in submission.tables:
            levels = found.levels.get(recipe.name, {})
            columns = []
            for source, level in levels.items():
                decision = recipe.column(source)
                top = found.search.levels.get(f"{recipe.name}.{output_name(decision)}") if decision else None
                columns.append(self.tr("{column} level {level}/{top}").format(column=source, level=level,
                                                                              top=top - 1) if top else
                               self.tr("{column} level {level}").format(column=source, level=level))
            text = ", ".join(columns) if columns else self.tr("no quasi-identifier")
            if levels and not recipe.person_key:
                text = self.tr("{levels} (no person key: k reached in its own records)").format(levels=text)
            parts.append(self.tr("{table}: {levels}").format(table=recipe.name, levels=text))
        if found.suppression_unit == "cells":
            suppressed = self.tr("cells suppressed on every row holding them: {cells} (of {touched} persons); "
                                 "persons suppressed whole, their rows leaving every table: {whole}")
        else:
            suppressed = self.tr("persons suppressed whole, their rows leaving every table: {whole}")
        return format_local(self.tr(
            "k = {k} reached in persons across the {count} tables ({persons} persons). {levels}. Information lost: "
            "{loss:.0%}; {suppressed}."), k=found.k, count=len(submission.tables),
            persons=format_local("{n:,}", n=found.persons), levels=self.tr("; ").join(parts),
            loss=found.search.relative_loss, suppressed=format_local(
                suppressed, cells=format_local("{n:,}", n=found.cells_suppressed),
                touched=format_local("{n:,}", n=found.persons_touched),
                whole=format_local("{n:,}", n=found.persons_suppressed)))

    def _search(self, work: Callable[[ProgressCallback], Any], done: Callable[[Any], None], title: str,
                floors: list[tuple[Recipe, ProtectionSettings]] | None = None) -> None:
        """Run a Reach k search on the worker (progress bar and Cancel); on failure say why, and what
        would reach k. ``floors``: the coarser floors the search was given, written only when it ends,
        with the levels found or (k still out of reach) alone, for the next suggestion to start from."""
        def failed(error: Exception) -> None:
            if floors and isinstance(error, KUnreachable):
                self._push_floors(floors)
            # The status never stays at "Searching…".
            self.last_unreachable = error if isinstance(error, KUnreachable) else None
            lines = [core_text(getattr(error, "message", None) or str(error))]
            if self.last_unreachable is not None:    # what this panel would reach it with, first
                lines.append(self.caps_reaching(self.last_unreachable))
            lines += [core_text(detail) for detail in getattr(error, "details", [])]
            hint = getattr(error, "hint", None)
            if hint:
                lines.append(core_text(hint))
            self.reach_label.setText("\n".join(line for line in lines if line))
            self.suggestion_button.setVisible(bool(self.last_unreachable and self.last_unreachable.coarser))

        def cancelled() -> None:
            self.reach_label.setText(self.tr("Reach k was cancelled."))
            # Nothing was written: the floors it was offered are still to be taken.
            self.suggestion_button.setVisible(bool(self.last_unreachable and self.last_unreachable.coarser))

        def shown(then: Callable[..., None]) -> Callable[..., None]:
            """``then``, and the panel scrolled to what Reach k says (below the caps, out of view at 800 px)."""
            def run(*args: Any) -> None:
                then(*args)
                self._result_timer.start()
            return run

        self.reach_label.setText(self.tr("Searching…"))
        self.suggestion_button.hide()
        self.runner.run(Operation(work, title, shown(done), shown(failed), cancelled, key="reach",
                                  error_title=self.tr("Cannot reach k")))

    def _show_reach_result(self) -> None:
        """What Reach k said in view: for a submission from the figures in persons at the panel's top
        when all fits, else all of it, else (taller than the panel) from the button."""
        bottom = self.reach_box.y() + self.reach_label.y() + self.reach_label.height() + 8
        height = self.side_scroll.viewport().height()
        if self.counts_in_persons() and bottom <= height:
            self.side_scroll.verticalScrollBar().setValue(0)
        elif self.reach_label.height() + self.reach_button.height() + 24 <= height:
            self.side_scroll.ensureWidgetVisible(self.reach_label, 0, 8)
        else:
            self.side_scroll.verticalScrollBar().setValue(self.reach_box.y() + self.reach_button.y() - 8)

    def caps_reaching(self, unreachable: KUnreachable) -> str:
        """The caps of this panel that would reach k at the floors (the least cell suppression of the
        coarsest levels they allow), in words."""
        if not getattr(unreachable, "records_total", 0):
            return ""
        cells = max(needed_percent(unreachable.cells_needed, unreachable.cells_total), self.cell_cap_spin.value())
        records = max(needed_percent(unreachable.records_needed, unreachable.records_total),
                      self.record_cap_spin.value())
        if cells > self.cell_cap_spin.maximum() or records > self.record_cap_spin.maximum():
            return self.tr("Raising the caps alone cannot reach k here: choose coarser floors, remove a "
                           "quasi-identifier or lower k.")
        unit = self.tr("persons") if self.session.is_submission() else self.tr("records")
        return self.tr("To reach k at these floors, raise \u201c{cells_cap}\u201d above to {cells} % and "
                       "\u201c{records_cap}\u201d to {records} % ({count} {unit} touched), then run Reach k "
                       "again.").format(cells_cap=self.cell_cap_spin.accessibleName(), cells=cells,
                                        records_cap=self.record_cap_spin.accessibleName(), records=records,
                                        count=unreachable.records_needed, unit=unit)

    def use_suggestion(self) -> None:
        """Take the coarser floors Reach k proposed, and run it again."""
        unreachable = self.last_unreachable
        if unreachable is None or not unreachable.coarser:
            return
        if self.counts_in_persons():
            # Named "table.column" across the tables: each table takes its own.
            changes = []
            for state in self.session.tables:
                prefix = f"{state.recipe.name}."
                own = copy.copy(unreachable)
                own.coarser = {name[len(prefix):]: level for name, level in unreachable.coarser.items()
                               if name.startswith(prefix)}
                if own.coarser:
                    changes.append((state.recipe, with_suggested_floors(state.recipe, own)))
            self.reach_k(coarser_floors=True, floors=changes)
            return
        recipe = self.session.recipe
        self.reach_k(floors=[(recipe, with_suggested_floors(recipe, unreachable))])

    def _push_floors(self, floors: list[tuple[Recipe, ProtectionSettings]]) -> None:
        """The coarser floors suggested, taken alone (k still out of reach with them), onto each
        table's protection as it is now (a decision made during the search is kept)."""
        changes = [(recipe, _with_floors(recipe.protection, settings)) for recipe, settings in floors]
        label = self.tr("use the coarser floors suggested")
        self.session.push(ReplaceProtections(changes, label) if len(changes) > 1 else
                          ReplaceProtection(changes[0][0], changes[0][1], label))

    # --- what the hub receives ------------------------------------------------------------------
    def refresh_hub(self) -> None:
        """The package's data for the current decisions, computed by the export's own chain: the table
        in view's previews and utility; the box's rows, for a submission, come with its measure across
        the tables (``submission_view``: persons suppressed across the tables are gone from them)."""
        loaded = self.session.loaded
        if loaded is None:
            return
        recipe = copy.deepcopy(self.session.recipe)
        vocabulary = self.session.vocabulary or _vocabulary(recipe)
        secret = self._preview_secret
        self.hub_label.setText(self.tr("Computing the package's data…"))

        def failed(error: Exception) -> None:
            self.hub = None
            self.show_utility(None)
            if not self.session.is_submission():
                self._no_rows(core_text(getattr(error, "message", None) or str(error)))

        self.runner.run(Operation(lambda progress: hub_view(loaded, recipe, vocabulary, secret, progress=progress),
                                  self.tr("Computing what the hub receives…"), self._show_hub, failed,
                                  key="hubview", error_title=self.tr("Cannot compute the package's data")))

    def _no_rows(self, reason: str) -> None:
        self.hub_model.set_table(pa.table({}))
        self.hub_label.setText(self.tr("No package can be written yet: {reason}").format(reason=reason))

    def _hub_tables_listed(self) -> None:
        """The box's choice of tables: a submission's, the table in view chosen (it follows the page's)."""
        names = self.session.table_names() if self.session.is_submission() else []
        self.hub_table_combo.blockSignals(True)
        self.hub_table_combo.clear()
        for name in names:
            self.hub_table_combo.addItem(name, name)
        if names:
            self.hub_table_combo.setCurrentIndex(self.session.active)
        self.hub_table_combo.blockSignals(False)
        self.hub_table_combo.setVisible(bool(names))
        self._show_submission_rows()

    def _rows_across(self) -> bool:
        """Whether the box's rows come from the measure across the tables (a submission, measured
        whenever ``submission_measure`` can: its vocabulary known)."""
        return self.session.is_submission() and self.session.vocabulary is not None

    def _show_submission_rows(self) -> None:
        """The chosen table's first rows as the package holds them, from the measure across the tables."""
        if not self._rows_across():
            return
        view = self.session.submission_view
        table = str(self.hub_table_combo.currentData() or self.session.recipe.name)
        if view is None:
            self.hub_model.set_table(pa.table({}))
            self.hub_label.setText(self.tr("Computing the package's data…"))
            return
        sample = view.samples.get(table)
        if sample is None:      # the chain refused the table: its note says why
            said = [core_text(note) for note in view.notes if getattr(note, "params", {}).get("table") == table]
            self._no_rows("; ".join(said) or table)
            return
        self.hub_model.set_table(sample)
        self.hub_label.setToolTip(self.tr(
            "Pseudonyms under a throw-away secret, the same for every table: the tables join as in the package"))
        self.hub_label.setText(self.tr("{member}: the first {rows} of {total} rows as the package holds them.").format(
            member=f"{table}.parquet", rows=sample.num_rows,
            total=format_local("{count:,}", count=view.rows.get(table, sample.num_rows))))

    def _show_hub(self, view: HubView) -> None:
        self.hub = view
        if not self._rows_across():
            self.hub_model.set_table(view.sample)
            self.hub_label.setText(self.tr(
                "The first {rows} of {total} rows as the package holds them (pseudonyms under a throw-away "
                "secret).").format(rows=view.sample.num_rows,
                                   total=format_local("{count:,}", count=view.result.table.num_rows)))
        for row in range(self.columns_table.rowCount()):
            item = self.columns_table.item(row, COLUMN)
            if item is not None:
                preview = self.preview(item.text())
                preview_item = QTableWidgetItem(preview)
                preview_item.setToolTip(preview)
                self.columns_table.setItem(row, PREVIEW, preview_item)
        data = view.result.generalisation.get("utility")
        self.show_utility(Utility.from_dict(data) if data else None)

    def show_utility(self, utility: Utility | None) -> None:
        self.utility = utility
        columns = utility.columns if utility is not None else []
        self.utility_table.setRowCount(len(columns))
        for row, column in enumerate(columns):
            total = column.records or 1
            values = [column.name] + [format_local("{share:.1%}", share=n / total)
                                      for n in (column.requested, column.coarser, column.suppressed)]
            for index, value in enumerate(values):
                self.utility_table.setItem(row, index, QTableWidgetItem(value))
        if utility is None:
            self.loss_label.setText(self.tr("Run Reach k to measure what the protection costs."))
        else:
            before, after = utility.before, utility.after
            self.loss_label.setText(format_local(self.tr(
                "Information lost (ARX's measures), before → after Reach k: entropy {e0:.1%} → {e1:.1%}; "
                "precision {p0:.1%} → {p1:.1%}; discernibility {d0:.2%} → {d1:.2%}."),
                e0=before.relative_entropy, e1=after.relative_entropy, p0=before.precision, p1=after.precision,
                d0=before.relative_discernibility, d1=after.relative_discernibility))
        current = self.histogram_combo.currentText()
        self.histogram_combo.blockSignals(True)
        self.histogram_combo.clear()
        for column in columns:
            self.histogram_combo.addItem(column.name)
        self.histogram_combo.setCurrentIndex(max(self.histogram_combo.findText(current), 0))
        self.histogram_combo.blockSignals(False)
        self._show_histogram()

    def _show_histogram(self) -> None:
        name = self.histogram_combo.currentText()
        column = next((c for c in (self.utility.columns if self.utility else []) if c.name == name), None)
        self.histogram.set_bins(column.histogram if column is not None else [])


class FormColumn:
    """A form's rows (caption, field) and full-width rows (a chart, a wrapped note) stacked in a
    QVBoxLayout: a wrapped label spanning a QFormLayout's row gets less height than its text needs
    (its height for the width is not counted) and overlaps the row above it."""

    def __init__(self, parent: QWidget) -> None:
        self.column = QVBoxLayout(parent)
        self._form: QFormLayout | None = None

    def addRow(self, first: str | QWidget | QHBoxLayout, field: QWidget | None = None) -> None:  # noqa: N802 - QFormLayout's
        if field is not None and isinstance(first, str | QLabel):
            if self._form is None:
                self._form = QFormLayout()
                self.column.addLayout(self._form)
            self._form.addRow(first, field)
            return
        self._form = None
        if isinstance(first, QHBoxLayout):
            self.column.addLayout(first)
        elif isinstance(first, QWidget):
            self.column.addWidget(first)


def figure_rows(form: FormColumn, parent: QWidget, captions: tuple[tuple[str, str], ...]) -> dict[str, QLabel]:
    """One row per risk figure (key, caption), its value in a label of its own."""
    labels: dict[str, QLabel] = {}
    for key, caption in captions:
        labels[key] = QLabel("–", parent)
        labels[key].setAccessibleName(caption)
        form.addRow(caption, labels[key])
    return labels


def show_risk_figures(labels: dict[str, QLabel], data: dict[str, Any]) -> None:
    """A risk summary's figures (``RiskSummary.to_dict()``) in their labels, with the locale's marks."""
    for key, label in labels.items():
        value = data.get(key)
        if key == "highest_risk" and value is not None:
            label.setText(format_local("{risk:.0%}", risk=value))
        elif key == "records_below_k" and value is not None:
            share = value / data["records"] if data.get("records") else 0
            label.setText(format_local("{count:,} ({share:.1%})", count=value, share=share))
        else:
            label.setText("–" if value is None else format_local("{count:,}", count=value)
                          if isinstance(value, int) else str(value))


def needed_percent(needed: int, total: int) -> int:
    """The least whole percentage of ``total`` a cap must be for ``needed`` suppressions to be allowed."""
    percent = math.ceil(needed * 100 / total) if total else 0
    while percent < 100 and allowed_suppressions(total, percent / 100) < needed:
        percent += 1
    return percent


def risk_after_actions(table: pa.Table, recipe: Recipe, quasi: list[str], k: int) -> RiskSummary:
    """Risk over the quasi-identifiers as they would leave: dropped ones no longer count, transformed ones
    count transformed, and the generalisation found by Reach k applied (all as the export does)."""
    try:
        subset, _names = quasi_as_they_leave(table, recipe, _vocabulary(recipe))
    except Exception:   # noqa: BLE001 - fall back to the risk of the values as written
        subset = table.select(quasi)
    if subset.num_columns == 0:
        subset = table.select(quasi)
    # Levels that no longer reach k: the risk is shown without them (Check blocks the export).
    with contextlib.suppress(CuratorError):
        subset, _info = apply_recipe_generalisation(subset, recipe)
    return risk_summary(subset, list(subset.column_names), k=k)


def _with_floors(protection: ProtectionSettings, floors: ProtectionSettings | None) -> ProtectionSettings:
    """A copy of ``protection`` with the floors of ``floors`` (if any) and no level chosen under others."""
    settings = copy.deepcopy(protection)
    if floors is not None and floors.floors != protection.floors:
        settings.floors, settings.generalisation = copy.deepcopy(floors.floors), {}
    return settings


def _vocabulary(recipe: Recipe) -> Vocabulary:
    return load_vocabulary(recipe.vocabulary.get("path") or recipe.vocabulary.get("id") or None)


def protected_sample(sample: pa.Table, decision: ColumnDecision, recipe: Recipe, vocabulary: Vocabulary,
                     secret: bytes, before: list[str]) -> list[Any]:
    partial = Recipe(reader=recipe.reader, columns=[decision],
                     protection=ProtectionSettings())
    typed, _report = convert_and_validate(sample, partial, vocabulary)
    out = protect_table(typed, [decision], secret)
    values = out.column(0).to_pylist()
    source = sample.column(0).to_pylist()
    result = []
    for original in before:
        index = source.index(original)
        result.append(values[index] if index < len(values) else None)
    return result
