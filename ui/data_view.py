"""The data grid: a QTableView over ArrowTableModel with a row filter and "go to row"."""

from __future__ import annotations

import pyarrow as pa

from ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QLocale,
    QPushButton,
    QSpinBox,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.table_model import ArrowTableModel

MAX_COLUMN_WIDTH = 280
SAMPLE_ROWS_FOR_WIDTH = 200


class DataView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArrowTableModel(self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Show only rows containing…"))
        self.filter_edit.setToolTip(self.tr("Type text to show only the rows where a cell contains it (any case)"))
        self.filter_edit.setAccessibleName(self.tr("Row filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(300)   # filter when typing pauses, not on every key
        self._filter_timer.timeout.connect(lambda: self.model.set_filter(self.filter_edit.text()))
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())

        self.row_spin = QSpinBox(self)
        self.row_spin.setRange(1, 1)
        self.row_spin.setToolTip(self.tr("Row number in the file (data rows, from 1)"))
        self.row_spin.setAccessibleName(self.tr("Row number to go to"))
        self.row_spin.setKeyboardTracking(False)
        self.go_button = QPushButton(self.tr("Go to row"), self)
        self.go_button.setToolTip(self.tr("Scroll to this row and select it (Ctrl+G)"))
        self.go_button.setShortcut("Ctrl+G")
        self.go_button.clicked.connect(lambda: self.jump_to_row(self.row_spin.value() - 1))
        self.row_spin.editingFinished.connect(lambda: self.jump_to_row(self.row_spin.value() - 1))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Rows shown"))

        self.table_view = QTableView(self)
        self.table_view.setModel(self.model)
        self.table_view.setAccessibleName(self.tr("Data table"))
        self.table_view.setWordWrap(False)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table_view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table_view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)   # no sort until the user asks
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setToolTip(self.tr("Click a column title to sort by it; click again to reverse"))
        self.table_view.setSortingEnabled(True)
        vertical = self.table_view.verticalHeader()
        # Fixed row heights: the view never measures a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.model.arrangementChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Row:"), self))
        bar.addWidget(self.row_spin)
        bar.addWidget(self.go_button)
        bar.addSpacing(12)
        bar.addWidget(self.count_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table_view, 1)
        self._update_count()

    def set_table(self, table: pa.Table) -> None:
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.table_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_table(table)
        self.row_spin.setRange(1, max(table.num_rows, 1))
        self._fit_columns(table)

    def _fit_columns(self, table: pa.Table) -> None:
        """Width from the title and the first rows only: measuring every row would stall on big files."""
        metrics = self.table_view.fontMetrics()
        header_metrics = self.table_view.horizontalHeader().fontMetrics()
        sample = table.slice(0, SAMPLE_ROWS_FOR_WIDTH)
        for index, name in enumerate(table.column_names):
            values = [str(v) for v in sample.column(index).to_pylist() if v is not None]
            # Measure only the longest few: each measure is a call into Qt (and a GIL hand-off).
            longest = sorted(values, key=len, reverse=True)[:3]
            widest = max((metrics.horizontalAdvance(v) for v in longest), default=0)
            title = header_metrics.horizontalAdvance(name) + 28   # room for the sort arrow
            self.table_view.setColumnWidth(index, min(max(widest + 16, title, 60), MAX_COLUMN_WIDTH))

    def jump_to_row(self, source_row: int) -> bool:
        """Select the source row (0-based); False when it is outside the table or filtered out."""
        view_row = self.model.view_row(source_row)
        if view_row is None:
            return False
        column = max(self.table_view.currentIndex().column(), 0)
        index = self.model.index(view_row, column)
        self.table_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table_view.setCurrentIndex(index)
        return True

    def jump_to_cell(self, source_row: int, column_name: str) -> bool:
        names = self.model.table().column_names
        if column_name in names:
            self.table_view.setCurrentIndex(self.model.index(0, names.index(column_name)))
        return self.jump_to_row(source_row)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.source_row_count()
        locale = QLocale()
        if shown == total:
            self.count_label.setText(self.tr("{total} rows").format(total=locale.toString(total)))
        else:
            self.count_label.setText(self.tr("{shown} of {total} rows").format(
                shown=locale.toString(shown), total=locale.toString(total)))
