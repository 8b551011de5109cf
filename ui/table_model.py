"""A QAbstractTableModel over an Arrow table that stays cheap at a million rows.

``data()`` answers only the display and tooltip roles and reads one cell from a cached block of
rows converted to Python on first use (the view asks for a screenful at a time). Sorting and
filtering never copy the table: they compute an index array (view row -> source row) with
pyarrow/numpy — on a worker thread for large tables — and the model reads through it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.progress import ProgressCallback, report
from ui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from ui.workers import Operation, TaskRunner

BLOCK_ROWS = 256
CACHE_BLOCKS = 512          # at most 512 x 256 cells (one column each) kept as Python objects
ASYNC_ABOVE_ROWS = 50_000   # below this, sort and filter inline: faster than a thread hop
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole

AnyIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


SLICE_ROWS = 16_384   # pyarrow kernels hold the GIL: run them on slices so the GUI thread gets it back


def _numbers(column: pa.ChunkedArray) -> np.ndarray | None:
    """The column as float64 (NaN for empty) when every value is a number (decimal comma too), else None."""
    parts = []
    for start in range(0, len(column), SLICE_ROWS):
        piece = column.slice(start, SLICE_ROWS)
        try:
            numbers = pc.cast(pc.replace_substring(piece, ",", "."), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
        parts.append(numbers.to_numpy(zero_copy_only=False))
    return np.concatenate(parts) if parts else np.zeros(0)


def sorted_indices(table: pa.Table, column: int, descending: bool) -> np.ndarray:
    """Source-row order of ``table`` sorted on one column, empty cells last.

    Numbers sort as numbers ("9" before "10"); text sorts by ranking its distinct values and
    arg-sorting the ranks with numpy, which, unlike a whole-column pyarrow sort, lets other
    threads (the GUI) run meanwhile.
    """
    values = table.column(column)
    numbers = _numbers(values)
    if numbers is not None:
        keys = -numbers if descending else numbers     # NaN (empty) stays last either way
        return np.argsort(keys, kind="stable").astype(np.int64, copy=False)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = pc.cast(values, pa.string())
    encoded = pc.dictionary_encode(values.combine_chunks())
    distinct = len(encoded.dictionary)
    order = pc.array_sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(distinct + 1, dtype=np.int64)
    rank[order] = np.arange(distinct) if not descending else np.arange(distinct - 1, -1, -1)
    rank[distinct] = distinct                           # empty cells after every value
    codes = pc.fill_null(encoded.indices, distinct).to_numpy(zero_copy_only=False)
    return np.argsort(rank[codes], kind="stable").astype(np.int64, copy=False)


def filter_mask(table: pa.Table, text: str, progress: ProgressCallback | None = None) -> np.ndarray:
    """Rows where any cell contains ``text``, ignoring case."""
    mask = np.zeros(table.num_rows, dtype=bool)
    for i, column in enumerate(table.columns):
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            column = pc.cast(column, pa.string())
        for start in range(0, len(column), SLICE_ROWS):
            hits = pc.fill_null(pc.match_substring(column.slice(start, SLICE_ROWS), text, ignore_case=True), False)
            mask[start:start + SLICE_ROWS] |= hits.to_numpy(zero_copy_only=False)
        report(progress, (i + 1) / max(table.num_columns, 1))
    return mask


def view_rows(order: np.ndarray | None, mask: np.ndarray | None) -> np.ndarray | None:
    """The view's row -> source row array from a sort order and a filter mask (None = identity)."""
    if order is None and mask is None:
        return None
    if order is None:
        assert mask is not None
        return np.flatnonzero(mask).astype(np.int64)
    if mask is None:
        return order
    return order[mask[order]]


class ArrowTableModel(QAbstractTableModel):
    """Read-only view of a ``pa.Table`` with in-model sorting, filtering and row lookup."""

    busy = Signal(bool)            # a sort or filter is being computed on a worker
    arrangementChanged = Signal()  # sort or filter applied

    def __init__(self, parent: QObject | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._table: pa.Table = pa.table({})
        self._names: list[str] = []
        self._rows: np.ndarray | None = None          # view row -> source row; None = identity
        self._order: np.ndarray | None = None
        self._mask: np.ndarray | None = None
        self._sort_column: int | None = None
        self._descending = False
        self._filter_text = ""
        self._cache: OrderedDict[tuple[int, int], list[str | None]] = OrderedDict()
        self._chunk_starts: dict[int, tuple[list[pa.Array], np.ndarray]] = {}
        self._runner = runner or TaskRunner(parent=self)
        self._generation = 0

    # --- the table -------------------------------------------------------------------------
    def set_table(self, table: pa.Table) -> None:
        self.beginResetModel()
        self._table = table
        self._names = list(table.column_names)
        self._rows = self._order = self._mask = None
        self._sort_column = None
        self._filter_text = ""
        self._cache.clear()
        self._chunk_starts.clear()
        self._generation += 1
        self.endResetModel()

    def table(self) -> pa.Table:
        return self._table

    def source_row_count(self) -> int:
        return self._table.num_rows

    # --- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return self._table.num_rows if self._rows is None else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._table.num_columns

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> str | None:
        if role != _DISPLAY and role != _TOOLTIP:
            return None
        row = index.row()
        column = index.column()
        block = row // BLOCK_ROWS
        values = self._cache.get((column, block))
        if values is None:
            values = self._load_block(column, block)
        else:
            self._cache.move_to_end((column, block))
        value = values[row - block * BLOCK_ROWS]
        if role == _TOOLTIP:
            return value if value is not None and len(value) > 40 else None
        return value

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> str | None:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._names[section] if 0 <= section < len(self._names) else None
        # Row numbers are the source's (1-based data row), so they stay true after sorting.
        return str(self.source_row(section) + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0 or column >= self._table.num_columns:
            self._sort_column = None
            self._apply(None, self._mask)
            return
        self._sort_column, self._descending = column, descending
        table = self._table
        self._compute(lambda progress: sorted_indices(table, column, descending),
                      lambda order_: self._apply(order_, self._mask))

    # --- filtering and lookup --------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        self._filter_text = text
        if not text:
            self._apply(self._order, None)
            return
        table = self._table
        self._compute(lambda progress: filter_mask(table, text, progress),
                      lambda mask: self._apply(self._order, mask))

    def filter_text(self) -> str:
        return self._filter_text

    def source_row(self, view_row: int) -> int:
        return view_row if self._rows is None else int(self._rows[view_row])

    def view_row(self, source_row: int) -> int | None:
        """Where source row ``source_row`` (0-based) is in the view, or None if filtered out."""
        if not 0 <= source_row < self._table.num_rows:
            return None
        if self._rows is None:
            return source_row
        hits = np.flatnonzero(self._rows == source_row)
        return int(hits[0]) if len(hits) else None

    # --- internals -------------------------------------------------------------------------
    def _load_block(self, column: int, block: int) -> list[str | None]:
        start = block * BLOCK_ROWS
        chunked = self._table.column(column)
        values: list[str | None]
        if self._rows is not None and (pa.types.is_string(chunked.type) or pa.types.is_large_string(chunked.type)):
            values = self._gather(column, self._rows[start:start + BLOCK_ROWS])
        else:
            part = chunked.slice(start, BLOCK_ROWS) if self._rows is None else \
                chunked.take(pa.array(self._rows[start:start + BLOCK_ROWS]))
            if not (pa.types.is_string(part.type) or pa.types.is_large_string(part.type)):
                part = pc.cast(part, pa.string())
            values = part.to_pylist()
        self._cache[(column, block)] = values
        if len(self._cache) > CACHE_BLOCKS:
            self._cache.popitem(last=False)
        return values

    def _gather(self, column: int, rows: np.ndarray) -> list[str | None]:
        """The values of source ``rows`` of a text column, read cell by cell from their chunks.

        A sorted or filtered block's rows lie in hundreds of chunks: an Arrow take across them, or
        joining the chunks, costs more on this (the GUI) thread than a one-row slice per cell."""
        found = self._chunk_starts.get(column)
        if found is None:
            chunks = self._table.column(column).chunks
            found = chunks, np.cumsum([0] + [len(chunk) for chunk in chunks])
            self._chunk_starts[column] = found
        chunks, starts = found
        which = np.searchsorted(starts, rows, side="right") - 1
        local = rows - starts[which]
        return [chunks[chunk].slice(row, 1).to_pylist()[0] for chunk, row in zip(which.tolist(), local.tolist(), strict=True)]

    def _compute(self, work: Callable[[ProgressCallback], T], apply: Callable[[T], None]) -> None:
        self._generation += 1
        generation = self._generation
        if self._table.num_rows < ASYNC_ABOVE_ROWS:
            apply(work(lambda fraction, message="": None))
            return

        def done(result: T) -> None:
            if generation == self._generation:   # a newer table supersedes this one (a newer sort/filter too)
                apply(result)

        self.busy.emit(True)
        # Keyed: a newer sort or filter replaces one still running; the older's result is dropped.
        task = self._runner.run(Operation(work, "arrange", done, can_cancel=False, key=f"arrange-{id(self)}"))
        task.signals.finished.connect(lambda: self.busy.emit(False))

    def _apply(self, order: np.ndarray | None, mask: np.ndarray | None) -> None:
        rows = view_rows(order, mask)
        same_count = (len(rows) if rows is not None else self._table.num_rows) == self.rowCount()
        # A pure reorder keeps the view's scroll state; a change of row count needs a reset.
        if same_count:
            self.layoutAboutToBeChanged.emit()
        else:
            self.beginResetModel()
        self._order, self._mask, self._rows = order, mask, rows
        self._cache.clear()
        if same_count:
            self.layoutChanged.emit()
        else:
            self.endResetModel()
        self.arrangementChanged.emit()

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._runner.wait_all(timeout_ms)
