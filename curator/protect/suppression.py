"""Local suppression: the quasi-identifiers of records in too-small classes are blanked, up to a cap.

As in ARX, a suppressed record keeps its other columns but every quasi-identifier becomes ``*``;
it is then no longer counted in any class. The cap is a fraction of all records
(``floor(cap × records)`` may be suppressed); needing more than that is an error, not a silent
half-measure.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.protect.risk import class_sizes_per_record

SUPPRESSED = "*"


@dataclass
class SuppressionResult:
    table: pa.Table
    suppressed_records: int
    allowed_records: int


def allowed_suppressions(records: int, cap: float) -> int:
    """How many records a cap (a fraction in [0, 1]) lets go: ARX's ``floor(cap × records)``."""
    if not 0.0 <= cap <= 1.0:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the suppression cap must be a fraction between 0 and 1, "
                                                        "not {cap}"), cap=cap),
                         hint=Text(QT_TRANSLATE_NOOP("core", "For 4 %, give 0.04.")))
    return math.floor(cap * records)


def suppress_small_classes(table: pa.Table, quasi: list[str], k: int, cap: float) -> SuppressionResult:
    """Blank the quasi-identifiers of every record whose class has fewer than ``k`` records."""
    if k < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "k must be at least 1, not {k}"), k=k))
    allowed = allowed_suppressions(table.num_rows, cap)
    if table.num_rows == 0:
        return SuppressionResult(table, 0, allowed)
    small = class_sizes_per_record(table, quasi) < k
    count = int(small.sum())
    if count > allowed:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{count} records are in classes smaller than {k}, more than "
                                                        "the {allowed} ({cap:.1%}) that may be suppressed"),
                              count=count, k=k, allowed=allowed, cap=cap),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Generalise the quasi-identifiers further (or let curator "
                                                             "search for it), or raise the suppression cap.")))
    return SuppressionResult(suppress_rows(table, quasi, small), count, allowed)


def suppress_rows(table: pa.Table, quasi: list[str], rows: np.ndarray) -> pa.Table:
    """``table`` with the ``quasi`` columns of the rows marked in the boolean ``rows`` set to ``*``."""
    if not rows.any():
        return table
    mask = pa.array(rows)
    for name in quasi:
        index = table.column_names.index(name)
        column = table.column(name)
        text = column.cast(pa.string()) if not pa.types.is_string(column.type) else column
        table = table.set_column(index, name, pc.if_else(mask, pa.scalar(SUPPRESSED), text.combine_chunks()))
    return table


# ---- cell-level (local) suppression ----------------------------------------------------------------

@dataclass
class CellSuppression:
    """Which quasi-identifier cells of each class to blank so that every class reaches k.

    ``masks[c]`` has bit ``j`` set when column ``j`` of class ``c`` is suppressed; a class whose
    every bit is set is a suppressed record (as in ARX, it then counts in no class)."""

    masks: np.ndarray
    cells: int              # suppressed cells, counted over records
    records: int            # records with at least one suppressed cell
    whole_records: int      # records with every quasi-identifier suppressed
    per_column: list[int]   # suppressed cells per quasi-identifier
    topup: tuple[int, int] = (-1, 0)   # (class, records) suppressed whole to bring the suppressed records to k


def unique_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(rows, axis=0, return_inverse=True, return_counts=True)`` of non-negative integer
    rows (the inverse flat): each row read as one number in a mixed radix when they fit in 63 bits
    (the first column the most significant, so the order is the same), which numpy sorts several
    times faster than rows."""
    if rows.ndim == 2 and len(rows) and rows.shape[1] and int(rows.min()) >= 0:
        weights: list[int] = []
        space = 1           # Python's integers: the product may pass 64 bits
        for high in rows.max(axis=0)[::-1]:
            weights.insert(0, space)
            space *= int(high) + 1
        if space < 2**63:
            _numbers, first, inverse, counts = np.unique(rows.astype(np.int64) @ np.array(weights, dtype=np.int64), return_index=True,
                                                         return_inverse=True, return_counts=True)
            return rows[first], inverse.reshape(-1), counts
    keys, inverse, counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
    return keys, inverse.reshape(-1), counts


def plan_cell_suppression(keys: np.ndarray, weights: np.ndarray, k: int, order: Sequence[int]) -> CellSuppression:
    """The cells to suppress, as sdcMicro's ``localSuppression`` chooses them, counted as ARX counts.

    ``keys`` holds one row per class (its values as integer codes ≥ 0, one column per
    quasi-identifier) and ``weights`` its records; ``order`` lists the columns from the first to
    suppress (the least important) to the last. A suppressed cell is a value of its own (``*``
    matches only ``*``), so the check stays strict: the records of a too-small class have the
    fewest cells suppressed, in the order of importance, that put them in a class of at least k
    together with other records treated alike. Records that no pattern saves lose every
    quasi-identifier. All the records of a class move together, so the plan does not depend on the
    order of the rows or on the numbering of the codes.
    """
    width = keys.shape[1]
    masks, waiting = search_patterns(keys, weights, k, order)
    full = (1 << width) - 1
    masks[waiting] = full
    # The suppressed records share '*' everywhere: a class like any other, so it too needs k
    # records. A few short of k are made up from the largest class, which stays far above k.
    short = k - int(weights[waiting].sum())
    topup = (-1, 0)
    if waiting.any() and short > 0:
        sizes = np.where(masks == 0, weights, 0)
        largest = int(np.argmax(sizes))
        if sizes[largest] >= k + short:
            topup = (largest, short)
    return _summarise(masks, weights, width, topup)


def search_patterns(keys: np.ndarray, weights: np.ndarray, k: int, order: Sequence[int],
                    fixed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The search of :func:`plan_cell_suppression`: per class, the bits of the fewest cells whose
    suppression (patterns of 1, 2... columns, tried in ``order``) puts it with others treated alike
    in a class of at least k, and whether no pattern does. A cell ``fixed`` marks (same shape as
    ``keys``) cannot be suppressed: it keeps its value in every pattern."""
    masks = np.zeros(keys.shape[0], dtype=np.int64)
    waiting = weights < k
    for size in range(1, keys.shape[1]):
        for pattern in itertools.combinations([int(j) for j in order], size):
            candidates = np.flatnonzero(waiting)
            if not len(candidates):
                break
            columns = list(pattern)
            projected = keys[candidates].copy()
            if fixed is None:
                projected[:, columns] = -1
            else:
                projected[:, columns] = np.where(fixed[candidates][:, columns], projected[:, columns], -1)
            _, inverse = np.unique(projected, axis=0, return_inverse=True)
            inverse = inverse.reshape(-1)
            moved = candidates[np.bincount(inverse, weights=weights[candidates])[inverse] >= k]
            bits = np.full(len(moved), sum(1 << j for j in columns), dtype=np.int64)
            if fixed is not None:
                for column in columns:
                    bits &= np.where(fixed[moved, column], ~(1 << column), -1)
            masks[moved] = bits
            waiting[moved] = False
    return masks, waiting


def _summarise(masks: np.ndarray, weights: np.ndarray, width: int, topup: tuple[int, int] = (-1, 0)) -> CellSuppression:
    extra = topup[1]
    per_column = [int(weights[(masks >> j) & 1 == 1].sum()) + extra for j in range(width)]
    return CellSuppression(masks, sum(per_column), int(weights[masks != 0].sum()) + extra,
                           int(weights[masks == (1 << width) - 1].sum()) + extra if width else 0, per_column, topup)


@dataclass
class CellSuppressionResult:
    table: pa.Table
    plan: CellSuppression
    row_masks: np.ndarray       # per record: the bits of its suppressed columns


def allowed_cells(records: int, columns: int, cap: float) -> int:
    """How many cells a cell cap (a fraction of the quasi-identifier cells) lets go."""
    return allowed_suppressions(records * columns, cap)


def suppress_cells(table: pa.Table, quasi: list[str], k: int, importance: Sequence[str], cell_cap: float,
                   record_cap: float) -> CellSuppressionResult:
    """``table`` with the cells :func:`plan_cell_suppression` chooses set to ``*``.

    ``importance`` names the quasi-identifiers from the most important (suppressed last) to the least.
    Needing more cells than ``cell_cap`` (a fraction of the quasi-identifier cells) or more
    records than ``record_cap`` (a fraction of the records) is an error."""
    if k < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "k must be at least 1, not {k}"), k=k))
    cells_allowed = allowed_cells(table.num_rows, len(quasi), cell_cap)
    records_allowed = allowed_suppressions(table.num_rows, record_cap)
    if table.num_rows == 0 or not quasi:
        return CellSuppressionResult(table, _summarise(np.zeros(0, np.int64), np.zeros(0, np.int64), len(quasi)),
                                     np.zeros(table.num_rows, np.int64))
    codes = [_codes(table.column(name)) for name in quasi]
    stacked = np.stack(codes, axis=1)
    keys, inverse, weights = unique_rows(stacked)
    plan = plan_cell_suppression(keys, weights, k, suppression_order(quasi, importance))
    if plan.cells > cells_allowed or plan.records > records_allowed:
        raise InputError(
            Text(QT_TRANSLATE_NOOP("core", "reaching k = {k} needs {cells} suppressed cells in {records} records, more "
                                           "than the cap allows ({cells_allowed} cells, {records_allowed} records)"),
                 k=k, cells=plan.cells, records=plan.records, cells_allowed=cells_allowed,
                 records_allowed=records_allowed),
            hint=Text(QT_TRANSLATE_NOOP("core", "Run Reach k again on the Protect step (it can generalise a column "
                                                "further, within its floor), or raise the suppression cap.")))
    inverse = inverse.reshape(-1)
    row_masks = plan.masks[inverse]
    topup_class, topup_records = plan.topup
    if topup_records:
        # The first records of that class, in the file's order.
        rows = np.flatnonzero(inverse == topup_class)[:topup_records]
        row_masks[rows] = (1 << len(quasi)) - 1
    for j, name in enumerate(quasi):
        rows = (row_masks >> j) & 1 == 1
        if rows.any():
            table = suppress_rows(table, [name], rows)
    return CellSuppressionResult(table, plan, row_masks)


def suppression_order(quasi: Sequence[str], importance: Sequence[str]) -> list[int]:
    """Column indexes of ``quasi`` from the first to suppress to the last: the reverse of
    ``importance`` (most important first); columns it does not name come first, in their order."""
    ranked = [name for name in importance if name in quasi]
    rest = [name for name in quasi if name not in ranked]
    return [list(quasi).index(name) for name in [*rest, *reversed(ranked)]]


def _codes(column: pa.ChunkedArray) -> np.ndarray:
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    encoded = pc.dictionary_encode(array)
    return pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(zero_copy_only=False).astype(np.int64)
