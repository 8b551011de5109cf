"""A column's sample: the values detectors look at before anything is confirmed on the whole column.

Detectors work on the *distinct* values of the sample with their counts, so a column of
2,000 sampled values with 3 distinct ones costs three checks, and shape tests run vectorised
(pyarrow compute over the distinct values); only checksums and parsing loop in Python, over
distinct values.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SAMPLE_SIZE = 2000
# Below this many non-empty values in a sparse column, the sample is redrawn from non-empty rows.
MIN_FILLED = 200
RUN_LENGTH = 20


@dataclass
class Sample:
    distinct: pa.Array            # distinct non-empty sampled values, trimmed
    weights: np.ndarray           # how many sampled values each distinct value stands for
    rows: int                     # rows in the whole column
    filled_rows: int | None = None  # non-empty rows in the whole column, when counted
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @cached_property
    def total(self) -> int:
        return int(self.weights.sum())

    @property
    def n_distinct(self) -> int:
        return len(self.distinct)

    def values(self) -> list[str]:
        return [str(v) for v in self.distinct.to_pylist()]

    def matches(self, pattern: str, ignore_case: bool = False) -> np.ndarray:
        """Boolean mask over distinct values: the whole value matches ``pattern`` (RE2)."""
        key = f"{ignore_case}:{pattern}"
        if key not in self._cache:
            if len(self.distinct) == 0:
                self._cache[key] = np.zeros(0, dtype=bool)
            else:
                mask = pc.match_substring_regex(self.distinct, f"^(?:{pattern})$", ignore_case=ignore_case)
                self._cache[key] = mask.to_numpy(zero_copy_only=False).astype(bool)
        return self._cache[key]

    @property
    def lengths(self) -> np.ndarray:
        """Length in characters of each distinct value."""
        if "lengths" not in self._cache:
            self._cache["lengths"] = pc.utf8_length(self.distinct).to_numpy(zero_copy_only=False)
        return self._cache["lengths"]

    def length_share(self, low: int, high: int) -> float:
        """Share of sampled values between ``low`` and ``high`` characters long: a free first test that
        spares most detectors their regular expressions on columns that cannot be theirs."""
        return self.share((self.lengths >= low) & (self.lengths <= high))

    def contains_share(self, text: str) -> float:
        """Share of sampled values containing ``text`` (a plain substring, no regular expression)."""
        mask = pc.match_substring(self.distinct, text).to_numpy(zero_copy_only=False).astype(bool)
        return self.share(mask)

    def weight(self, mask: np.ndarray) -> int:
        return int(self.weights[mask].sum()) if len(mask) else 0

    def share(self, mask: np.ndarray) -> float:
        return self.weight(mask) / self.total if self.total else 0.0

    def selected(self, mask: np.ndarray, limit: int | None = None) -> list[tuple[str, int]]:
        """(value, count) of the distinct values in ``mask``, at most ``limit`` of them spread evenly."""
        idx = np.flatnonzero(mask)
        if limit is not None and len(idx) > limit:
            idx = idx[np.linspace(0, len(idx) - 1, limit).astype(int)]
        values = self.distinct.take(pa.array(idx, type=pa.int64())).to_pylist() if len(idx) else []
        return [(str(v), int(self.weights[i])) for v, i in zip(values, idx, strict=False)]


# What people type for "no value": not evidence of anything, so left out of the sample like blanks
# (a column of e-mails with 15% "NA" is still a column of e-mails).
MISSING_MARKERS = ("na", "n/a", "n.a.", "nan", "null", "none", "nr", "nc", "nd", "ns", "nsp", "?", "-", "--", ".",
                   "inconnu", "inconnue", "unknown", "missing", "manquant", "non renseigne", "non renseigné",
                   "ne sait pas", "#n/a", "#na")


def _clean(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        values = pc.cast(values, pa.string())
    values = pc.utf8_trim_whitespace(values)
    values = pc.filter(values, pc.greater(pc.binary_length(values), 0))
    missing = pc.is_in(pc.utf8_lower(values), value_set=_missing_markers())
    return pc.filter(values, pc.invert(missing)) if pc.any(missing).as_py() else values


@lru_cache(maxsize=1)
def _missing_markers() -> pa.Array:
    return pa.array(MISSING_MARKERS, type=pa.string())


def _spread(column: pa.ChunkedArray | pa.Array, size: int, seed: int) -> pa.ChunkedArray | pa.Array:
    """About ``size`` rows in short runs at random places over the whole column.

    Exports are often sorted (by date, by patient), so the sample must reach the end of the file;
    runs of consecutive rows are zero-copy slices, far cheaper than gathering single rows.
    """
    rows = len(column)
    runs = max(1, size // RUN_LENGTH)
    starts = sorted(random.Random(seed).sample(range(rows // RUN_LENGTH), runs)) if rows // RUN_LENGTH > runs \
        else range(runs)
    pieces = [column.slice(start * RUN_LENGTH, RUN_LENGTH) for start in starts]
    chunks = [chunk for piece in pieces for chunk in (piece.chunks if isinstance(piece, pa.ChunkedArray) else [piece])]
    return pa.chunked_array(chunks, type=column.type)


def draw_sample(column: pa.ChunkedArray | pa.Array, size: int = SAMPLE_SIZE, seed: int = 0) -> Sample:
    rows = len(column)
    filled_rows: int | None = None
    if rows <= size:
        kept = _clean(column)
        filled_rows = len(kept)
    else:
        kept = _clean(_spread(column, size, seed))
        if len(kept) < MIN_FILLED:
            # A sparse column: look at its filled rows only, so a few identifiers among empties are seen.
            lengths = pc.binary_length(column)
            filled = pc.fill_null(pc.greater(lengths, 0), False)
            filled_rows = int(pc.sum(filled).as_py() or 0)
            non_empty = column.filter(filled)
            if len(non_empty) > size:
                non_empty = _spread(non_empty, size, seed)
            kept = _clean(non_empty)
    if len(kept) == 0:
        return Sample(pa.array([], type=pa.string()), np.zeros(0, dtype=np.int64), rows, filled_rows)
    counts = pc.value_counts(kept)
    return Sample(counts.field("values"), counts.field("counts").to_numpy(zero_copy_only=False).astype(np.int64),
                  rows, filled_rows)


def short_samples(columns: Sequence[Sequence[str | None]], patterns: Sequence[str] = ()) -> list[Sample]:
    """:func:`draw_sample` of each short text column (at most SAMPLE_SIZE rows, given as its values),
    cleaned by one pyarrow call per step for all; ``patterns`` are matched once for all too and kept
    in each sample's cache, as :meth:`Sample.matches` would keep them."""
    present = [[value for value in column if value is not None] for column in columns]
    trimmed = pc.utf8_trim_whitespace(pa.array([value for values in present for value in values], pa.string()))
    kept = pc.and_(pc.greater(pc.binary_length(trimmed), 0),
                   pc.invert(pc.is_in(pc.utf8_lower(trimmed), value_set=_missing_markers())))
    texts, keep = trimmed.to_pylist(), kept.to_pylist()
    counted: list[dict[str, int]] = []
    start = 0
    for values in present:
        counts: dict[str, int] = {}
        for text, wanted in zip(texts[start:start + len(values)], keep[start:start + len(values)], strict=True):
            if wanted:
                counts[text] = counts.get(text, 0) + 1
        start += len(values)
        counted.append(counts)
    distinct = pa.array([text for counts in counted for text in counts], pa.string())
    masks = {f"False:{pattern}": pc.match_substring_regex(distinct, f"^(?:{pattern})$").to_numpy(zero_copy_only=False)
             .astype(bool) for pattern in patterns} if len(distinct) else {}
    samples = []
    start = 0
    for column, counts in zip(columns, counted, strict=True):
        if not counts:
            samples.append(Sample(pa.array([], type=pa.string()), np.zeros(0, dtype=np.int64), len(column), 0))
            continue
        end = start + len(counts)
        sample = Sample(distinct.slice(start, len(counts)), np.fromiter(counts.values(), dtype=np.int64, count=len(counts)),
                        len(column), sum(counts.values()))
        for key, mask in masks.items():
            sample._cache[key] = mask[start:end]
        samples.append(sample)
        start = end
    return samples
