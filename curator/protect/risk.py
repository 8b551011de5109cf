"""Re-identification risk of a table as it is: k-anonymity figures over a set of quasi-identifiers.

The figures are ARX's (prosecutor model): records sharing the same quasi-identifier values form an
equivalence class; the average risk is classes / records, the highest 1 / the smallest class.
An empty cell is a value like any other (it matches only other empty cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text

_UNBOUNDED = 2**63
_SIZE_BANDS = ((1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, _UNBOUNDED))


@dataclass
class LDiversity:
    sensitive: str
    smallest: int                     # the fewest distinct sensitive values in a class (distinct l)
    classes_with_one_value: int       # classes where everyone shares the sensitive value
    records_with_one_value: int

    def to_dict(self) -> dict[str, Any]:
        return {"sensitive": self.sensitive, "l": self.smallest,
                "classes_with_one_value": self.classes_with_one_value,
                "records_with_one_value": self.records_with_one_value}


@dataclass
class RiskSummary:
    records: int
    quasi_identifiers: list[str]
    classes: int
    sample_uniques: int
    average_risk: float
    highest_risk: float
    smallest_class: int
    k: int | None = None
    records_below_k: int | None = None
    classes_below_k: int | None = None
    class_sizes: dict[int, int] = field(default_factory=dict)   # class size -> number of classes
    l_diversity: LDiversity | None = None
    unit: str = "records"          # what is counted: "records" (rows), or "persons" (distinct persons)

    @property
    def sample_unique_fraction(self) -> float:
        return self.sample_uniques / self.records if self.records else 0.0

    def distribution(self) -> list[dict[str, Any]]:
        """Classes and records per band of class size (1, 2, 3-4, 5-9, 10-19, 20-49, 50-99, 100+)."""
        bands = []
        for low, high in _SIZE_BANDS:
            sizes = [s for s in self.class_sizes if low <= s <= high]
            if sizes:
                label = str(low) if low == high else (f"{low}+" if high == _UNBOUNDED else f"{low}-{high}")
                bands.append({"sizes": label, "classes": sum(self.class_sizes[s] for s in sizes),
                              "records": sum(s * self.class_sizes[s] for s in sizes)})
        return bands

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "records": self.records, "quasi_identifiers": list(self.quasi_identifiers), "classes": self.classes,
            "sample_uniques": self.sample_uniques, "sample_unique_fraction": self.sample_unique_fraction,
            "average_risk": self.average_risk, "highest_risk": self.highest_risk,
            "smallest_class": self.smallest_class,
            "class_size_distribution": self.distribution(), "unit": self.unit,
        }
        if self.k is not None:
            data.update(k=self.k, records_below_k=self.records_below_k, classes_below_k=self.classes_below_k)
        if self.l_diversity is not None:
            data["l_diversity"] = self.l_diversity.to_dict()
        return data


def class_sizes_per_record(table: pa.Table, quasi: list[str]) -> np.ndarray:
    """For each record, the size of its equivalence class (used for suppression)."""
    keys, _ = combined_keys(table, quasi)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse.reshape(-1)]


def class_sizes(table: pa.Table, quasi: list[str], sensitive: str | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """The size of every equivalence class (in no particular order) and, with ``sensitive``, the
    number of distinct sensitive values in each. One sort of one integer per record, no hashing."""
    keys, cardinality = combined_keys(table, quasi)
    span = 1
    if sensitive is not None:
        _check_columns(table, [sensitive])
        values, span = _column_codes(table.column(sensitive))
        if cardinality * span >= 2**62:
            keys = np.unique(keys, return_inverse=True)[1].reshape(-1).astype(np.int64)
        keys = keys * span + values
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), None if sensitive is None else np.zeros(0, dtype=np.int64)
    if cardinality * span <= len(keys):
        # Fewer possible keys than records: counted in a table by key, in the order of the keys as
        # the sort below would give them, for no more memory than its copy of the keys.
        counts = np.bincount(keys, minlength=1)
        present = np.flatnonzero(counts)
        if sensitive is None:
            return counts[present], None
        of_class = present // span
        starts = np.flatnonzero(np.concatenate(([True], of_class[1:] != of_class[:-1])))
        return np.add.reduceat(counts[present], starts), np.diff(np.concatenate((starts, [len(present)])))
    # Keys that fit 32 bits sort in two thirds of the time.
    keys = np.sort(keys.astype(np.int32) if cardinality * span <= 2**31 else keys)
    classes = keys // span
    class_starts = np.flatnonzero(np.concatenate(([True], classes[1:] != classes[:-1])))
    sizes = np.diff(np.concatenate((class_starts, [len(keys)])))
    if sensitive is None:
        return sizes, None
    pair_starts = np.concatenate(([True], keys[1:] != keys[:-1])).astype(np.int64)
    return sizes, np.add.reduceat(pair_starts, class_starts)


def combined_keys(table: pa.Table, quasi: list[str]) -> tuple[np.ndarray, int]:
    """One integer per record, equal for two records exactly when their quasi-identifiers are,
    and an upper bound of those integers.

    Each column is dictionary-encoded (nulls get a code of their own) and the codes combined in
    mixed radix, re-densified whenever the product of cardinalities would overflow.
    """
    _check_columns(table, quasi)
    rows = table.num_rows
    combined = np.zeros(rows, dtype=np.int64)
    cardinality = 1
    for name in quasi:
        codes, size = _column_codes(table.column(name))
        if cardinality * size >= 2**62:
            combined = np.unique(combined, return_inverse=True)[1].reshape(-1).astype(np.int64)
            cardinality = int(combined.max()) + 1 if rows else 1
        combined = combined * size + codes
        cardinality *= size
    return combined, cardinality


def risk_summary(table: pa.Table, quasi: list[str], k: int | None = None,
                 sensitive: str | None = None) -> RiskSummary:
    """k-anonymity figures of ``table`` over the ``quasi`` columns (and l-diversity of ``sensitive``)."""
    if not quasi:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no quasi-identifier was chosen")),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose the columns an attacker could know.")))
    if k is not None and k < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "k must be at least 1, not {k}"), k=k))
    records = table.num_rows
    if records == 0:
        return RiskSummary(0, list(quasi), 0, 0, 0.0, 0.0, 0, k, 0 if k else None, 0 if k else None)
    sizes, distinct = class_sizes(table, quasi, sensitive)
    classes = len(sizes)
    tally = np.bincount(sizes)          # classes of each size: sizes are small numbers
    size_values = np.flatnonzero(tally)
    size_counts = tally[size_values]
    smallest = int(sizes.min())
    summary = RiskSummary(
        records=records, quasi_identifiers=list(quasi), classes=classes,
        sample_uniques=int((sizes == 1).sum()), average_risk=classes / records, highest_risk=1.0 / smallest,
        smallest_class=smallest, k=k,
        class_sizes={int(s): int(c) for s, c in zip(size_values, size_counts, strict=True)})
    if k is not None:
        small = sizes < k
        summary.records_below_k = int(sizes[small].sum())
        summary.classes_below_k = int(small.sum())
    if sensitive is not None and distinct is not None:
        single = distinct == 1
        summary.l_diversity = LDiversity(sensitive, int(distinct.min()), int(single.sum()), int(sizes[single].sum()))
    return summary


def _column_codes(column: pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """Dense codes of a column's values; null is one more code."""
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if pa.types.is_dictionary(array.type):
        dictionary = array.dictionary
        if dictionary.null_count == 0 and pc.count_distinct(dictionary).as_py() == len(dictionary):
            # Already dense codes (a streamed apply's quasi-identifiers, dictionaries unified):
            # no need to spell the values out and hash them again.
            size = len(dictionary)
            return pc.fill_null(array.indices, size).to_numpy(zero_copy_only=False).astype(np.int64), size + 1
        array = array.dictionary_decode()
    encoded = pc.dictionary_encode(array)
    size = len(encoded.dictionary)
    codes = pc.fill_null(encoded.indices, size).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, size + 1


def _check_columns(table: pa.Table, names: list[str]) -> None:
    missing = [n for n in names if n not in table.column_names]
    if missing:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no column named {names}"),
                              names=", ".join(repr(m) for m in missing)), Location(column=missing[0]),
                         hint=Text(QT_TRANSLATE_NOOP("core", "The columns are: {columns}."),
                                   columns=", ".join(table.column_names)))
