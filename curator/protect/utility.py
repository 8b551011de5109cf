"""What the protection cost: per quasi-identifier, the share of values released at the requested
precision, coarser, or suppressed; ARX's loss measures before and after; histograms before and after.

"Before" is the table as the columns' own actions leave it (the precision the user asked for),
"after" is what the package holds once Reach k has generalised and suppressed. The measures are
ARX's: non-uniform entropy (a cell costs ``log2(n(released value) / n(its value among those
released alike))``, a suppressed cell ``log2(records / n(its value))``), precision (the mean of
level / highest level over the cells, a suppressed cell counting 1) and discernibility (the sum of
the squared class sizes, a suppressed record counting ``records``), each also relative to its
worst case (everything suppressed). Histograms hold only released values, whose counts are at
least k, and the count of ``*``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.protect.risk import class_sizes
from curator.protect.suppression import SUPPRESSED

HISTOGRAM_BINS = 24


@dataclass
class ColumnUtility:
    name: str
    records: int
    level: int                      # the whole-column level Reach k chose (0: as requested)
    highest: int                    # the highest level of its hierarchy
    requested: int                  # values released at the requested precision
    coarser: int                    # values released coarser (a level above 0)
    suppressed: int                 # cells suppressed
    histogram: list[tuple[str, int, int]] = field(default_factory=list)   # (released value, before, after)


@dataclass
class Loss:
    non_uniform_entropy: float = 0.0
    precision: float = 0.0
    discernibility: float = 0.0
    relative_entropy: float = 0.0   # share of the worst case (every cell suppressed), in [0, 1]
    relative_discernibility: float = 0.0


@dataclass
class Utility:
    columns: list[ColumnUtility]
    before: Loss
    after: Loss
    records: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Utility:
        columns = [ColumnUtility(**{**c, "histogram": [tuple(h) for h in c.get("histogram", [])]})
                   for c in data.get("columns", [])]
        return cls(columns, Loss(**data.get("before", {})), Loss(**data.get("after", {})), int(data.get("records", 0)))


def measure_utility(requested: pa.Table, generalised: pa.Table, released: pa.Table, quasi: list[str],
                    levels: dict[str, int], highest: dict[str, int]) -> Utility:
    """``requested``: the quasi-identifiers as the columns' actions leave them; ``generalised``: at
    Reach k's levels, before suppression; ``released``: what the package holds. Same rows, same order.

    A column may be dictionary-encoded (one dictionary per column, as a streamed apply gathers it):
    the figures are the same as over its values spelled out, which are never materialised."""
    records = requested.num_rows
    columns = []
    before, after = _LossSum(records), _LossSum(records)
    for name in quasi:
        original = _coded(requested.column(name))
        out = original if released is requested else _coded(released.column(name))
        kept = out if generalised is released else _coded(generalised.column(name))
        stars = out.stars[out.codes]
        suppressed = int(stars.sum())
        level = int(levels.get(name, 0))
        columns.append(ColumnUtility(name, records, level, int(highest.get(name, 0)),
                                     records - suppressed if level == 0 else 0,
                                     records - suppressed if level > 0 else 0, suppressed,
                                     _histogram(kept, out, stars)))
        del kept
        worst = before.add(original, original, original.stars[original.codes], 0, int(highest.get(name, 0)))
        after.add(original, out, stars, level, int(highest.get(name, 0)), worst)
        del original, out, stars
    return Utility(columns, before.loss(requested, quasi), after.loss(released, quasi), records)


@dataclass
class _Coded:
    """A column as integer codes, one per row: equal exactly when the values as text are (null has
    the last code), with the text of each code and whether it is a suppressed ``*``."""

    codes: np.ndarray       # int64, one per row
    text: pa.Array          # string, one per code but the null one
    stars: np.ndarray       # bool, one per code (the null one included)


def _coded(column: pa.ChunkedArray) -> _Coded:
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if pa.types.is_dictionary(array.type):
        value_type = array.type.value_type
        # Only the distinct values are spelled out; values equal as text (which the dictionary
        # may hold apart) share a code.
        encoded = pc.dictionary_encode(array.dictionary.cast(pa.string()))
        size = len(encoded.dictionary)
        remap = np.append(pc.fill_null(encoded.indices, size).to_numpy(zero_copy_only=False).astype(np.int64), size)
        codes = remap[pc.fill_null(array.indices, len(array.dictionary)).to_numpy(zero_copy_only=False)]
    else:
        value_type = array.type
        encoded = pc.dictionary_encode(array.cast(pa.string()))
        size = len(encoded.dictionary)
        codes = pc.fill_null(encoded.indices, size).to_numpy(zero_copy_only=False).astype(np.int64)
    stars = np.zeros(size + 1, dtype=bool)
    if pa.types.is_string(value_type) or pa.types.is_large_string(value_type):
        stars[:size] = pc.fill_null(pc.equal(encoded.dictionary, SUPPRESSED), False).to_numpy(zero_copy_only=False)
    return _Coded(codes, encoded.dictionary, stars)


class _LossSum:
    """ARX's loss measures summed column by column (each cell's cost in row order, so that the sums
    do not depend on how the columns were coded)."""

    def __init__(self, records: int) -> None:
        self.records = records
        self.entropy = self.worst = self.precision = 0.0
        self.full = np.ones(records, dtype=bool)      # every quasi-identifier suppressed so far
        self.columns = 0

    def add(self, original: _Coded, out: _Coded, stars: np.ndarray, level: int, highest: int,
            worst: float | None = None) -> float:
        """One column's cells summed in. Returns the column's worst-case term, which is the same for
        every ``out`` of one ``original``: ``worst`` passes it on rather than summing it again."""
        records = self.records
        self.columns += 1
        if not records:
            return 0.0
        self.full &= stars
        suppressed = bool(stars.any())
        # A cell's costs depend on its pair of codes alone: each is computed once per pair, then
        # looked up for each row and summed in row order, as cell by cell (the same sums, bit for bit).
        with np.errstate(divide="ignore"):      # codes no row holds: never looked up
            whole = np.log2(records / np.bincount(original.codes, minlength=len(original.stars)).astype(float))
        if worst is None:
            worst = float(whole[original.codes].sum())
        self.worst += worst
        if out is original:
            # Each value released alike with itself alone: log2(n / n) = 0 but for the suppressed.
            if suppressed:
                self.entropy += float(np.where(original.stars, whole, 0.0)[original.codes].sum())
        else:
            slot, pairs, pair_count, width = _pairs(original.codes, out.codes)
            held = pair_count > 0
            first, second = pairs[held] // width, pairs[held] % width
            cost = np.zeros(len(pairs))
            cost[held] = np.where(out.stars[second], whole[first],
                                  np.log2(np.bincount(out.codes).astype(float)[second] / pair_count[held]))
            self.entropy += float(cost[slot].sum())
        top = max(highest, 1)
        if suppressed or level:
            self.precision += float(np.where(stars, 1.0, min(level, top) / top).sum())
        return worst

    def loss(self, released: pa.Table, quasi: list[str]) -> Loss:
        records = self.records
        if not records or not self.columns:
            return Loss()
        full = self.full
        kept = released if not full.any() else released.filter(pa.array(~full)) if not full.all() else None
        sizes = class_sizes(kept, quasi)[0] if kept is not None else np.zeros(0, np.int64)
        discernibility = float((sizes.astype(float) ** 2).sum()) + float(full.sum()) * records
        entropy, worst = self.entropy, self.worst
        return Loss(entropy, self.precision / (records * self.columns), discernibility,
                    entropy / worst if worst > 0 else 0.0, discernibility / (float(records) ** 2))


def _pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The rows' pairs of codes: each row's slot in a table of pairs, each slot's pair (``first *
    width + second``), how many rows hold it (0 for some slots no row fills), and that width."""
    width = int(second.max()) + 1
    pair = first * width + second
    if int(pair.max()) <= 4 * len(pair):
        # Few pairs of values (dates, codes): counted by a bincount rather than a sort of every row.
        counts = np.bincount(pair)
        return pair, np.arange(len(counts)), counts, width
    found, inverse, counts = np.unique(pair, return_inverse=True, return_counts=True)
    return inverse.reshape(-1), found, counts, width


FIRST_ROWS = 1 << 16       # rows looked at first for where each value appears first; twice as many each time after


def _first_rows(codes: np.ndarray, size: int, wanted: np.ndarray) -> np.ndarray:
    """Each code's first row (``len(codes)``: not found), for the ``wanted`` codes at least: looked
    for in the first rows, then in twice as many, until each is found (every value is usually met early)."""
    first = np.full(size, len(codes), dtype=np.int64)
    start, step = 0, FIRST_ROWS
    while start < len(codes) and (first[wanted] == len(codes)).any():
        found, at = np.unique(codes[start:start + step], return_index=True)
        new = first[found] == len(codes)
        first[found[new]] = at[new] + start
        start, step = start + step, step * 2
    return first


def _histogram(generalised: _Coded, released: _Coded, stars: np.ndarray) -> list[tuple[str, int, int]]:
    """The most frequent released values (by value), with their count before suppression and after, then ``*``.

    Equal counts are taken in the order the values first appear in the rows."""
    after = np.bincount(released.codes, minlength=len(released.stars))
    shown = np.flatnonzero((after > 0) & ~released.stars)
    shown = shown[np.argsort(_first_rows(released.codes, len(released.stars), shown)[shown], kind="stable")]
    top = shown[np.argsort(-after[shown], kind="stable")[:HISTOGRAM_BINS]]
    size = len(released.text)
    values = [None if code == size else released.text[int(code)].as_py() for code in top]
    before_all = np.bincount(generalised.codes, minlength=len(generalised.stars))
    found = pc.index_in(pa.array(values, pa.string()), value_set=generalised.text).to_numpy(zero_copy_only=False)
    before = [int(before_all[len(generalised.text)]) if value is None else 0 if np.isnan(at) else int(before_all[int(at)])
              for value, at in zip(values, found, strict=True)]
    bins = sorted((("" if value is None else str(value), count, int(after[code]))
                   for value, count, code in zip(values, before, top, strict=True)), key=lambda b: b[0])
    if stars.any():
        bins.append((SUPPRESSED, 0, int(stars.sum())))
    return bins
