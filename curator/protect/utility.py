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
    Reach k's levels, before suppression; ``released``: what the package holds. Same rows, same order."""
    records = requested.num_rows
    columns = []
    for name in quasi:
        stars = _is_suppressed(released.column(name))
        suppressed = int(stars.sum())
        level = int(levels.get(name, 0))
        kept = records - suppressed
        columns.append(ColumnUtility(name, records, level, int(highest.get(name, 0)),
                                     kept if level == 0 else 0, kept if level > 0 else 0, suppressed,
                                     _histogram(generalised.column(name), released.column(name), stars)))
    before = _loss(requested, requested, quasi, {}, highest)
    after = _loss(requested, released, quasi, levels, highest)
    return Utility(columns, before, after, records)


def _is_suppressed(column: pa.ChunkedArray) -> np.ndarray:
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return np.zeros(len(column), dtype=bool)
    return pc.fill_null(pc.equal(column, SUPPRESSED), False).to_numpy(zero_copy_only=False)


def _codes(column: pa.ChunkedArray) -> np.ndarray:
    encoded = pc.dictionary_encode(column.cast(pa.string()).combine_chunks())
    return pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(zero_copy_only=False).astype(np.int64)


def _loss(requested: pa.Table, released: pa.Table, quasi: list[str], levels: dict[str, int],
          highest: dict[str, int]) -> Loss:
    records = requested.num_rows
    if not records or not quasi:
        return Loss()
    entropy = worst = precision = 0.0
    full = np.ones(records, dtype=bool)
    for name in quasi:
        original = _codes(requested.column(name))
        out = _codes(released.column(name))
        stars = _is_suppressed(released.column(name))
        full &= stars
        value_count = np.bincount(original)[original].astype(float)
        pair = original * (int(out.max()) + 1) + out
        if int(pair.max()) <= 4 * records:
            # Few pairs of values (dates, codes): counted by a bincount rather than a sort of every row.
            pair_count = np.bincount(pair)[pair]
        else:
            _, pair_inverse, pair_counts = np.unique(pair, return_inverse=True, return_counts=True)
            pair_count = pair_counts[pair_inverse.reshape(-1)]
        out_count = np.bincount(out)[out].astype(float)
        cell = np.where(stars, np.log2(records / value_count), np.log2(out_count / pair_count))
        entropy += float(cell.sum())
        worst += float(np.log2(records / value_count).sum())
        top = max(int(highest.get(name, 0)), 1)
        precision += float(np.where(stars, 1.0, min(levels.get(name, 0), top) / top).sum())
    sizes, _ = class_sizes(released.filter(pa.array(~full)), quasi) if (~full).any() else (np.zeros(0, np.int64), None)
    discernibility = float((sizes.astype(float) ** 2).sum()) + float(full.sum()) * records
    return Loss(entropy, precision / (records * len(quasi)), discernibility,
                entropy / worst if worst > 0 else 0.0, discernibility / (float(records) ** 2))


def _histogram(generalised: pa.ChunkedArray, released: pa.ChunkedArray, stars: np.ndarray) -> list[tuple[str, int, int]]:
    """The most frequent released values (by value), with their count before suppression and after, then ``*``."""
    text = released.cast(pa.string()).combine_chunks()
    kept = pc.filter(text, pa.array(~stars))
    counts = pc.value_counts(kept)
    values = counts.field("values").to_pylist()
    after = counts.field("counts").to_pylist()
    top = sorted(range(len(values)), key=lambda i: -after[i])[:HISTOGRAM_BINS]
    before_counts = pc.value_counts(generalised.cast(pa.string()).combine_chunks())
    before = dict(zip(before_counts.field("values").to_pylist(), before_counts.field("counts").to_pylist(), strict=True))
    bins = sorted((("" if values[i] is None else str(values[i]), int(before.get(values[i], 0)), int(after[i]))
                   for i in top), key=lambda b: b[0])
    if stars.any():
        bins.append((SUPPRESSED, 0, int(stars.sum())))
    return bins
