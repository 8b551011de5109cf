"""Profiles of many short text columns at once: a wide file of a few rows.

On such a file a column's profile costs its pyarrow calls, not its values. Every check of the
type inference and of the profile is a kernel applied value by value, so each runs once over the
distinct values of all the columns put end to end, its results are summed per column by an owner
index (numpy ``bincount``), and only the decisions are taken per column. Each profile is the one
``profile_column`` gives the column alone (tests/profile compare them).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.profile.column import EXCEPTION_EXAMPLES, TOP_SHAPES, TOP_VALUES, _blank
from curator.profile.infer import (
    BOOLEAN_PAIRS,
    DATE_PATTERNS,
    DATETIME_PATTERNS,
    DECIMAL,
    MIN_FIT,
    _any_of,
    _matches,
    _numbers,
    code_like,
    plain_integers,
    valid_dates,
)
from curator.profile.model import ColumnProfile, shown_count
from curator.profile.shapes import shapes_of

_COMMA = r"^[-+]?[0-9]+,[0-9]+$"
_POINT = r"^[-+]?[0-9]+\.[0-9]+$"


def _mask(array: pa.Array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


class _Values:
    """The distinct non-blank values of every column, end to end (grouped by column), with their
    counts and owners (the column each belongs to)."""

    def __init__(self, values: pa.Array, counts: np.ndarray, owners: np.ndarray, columns: int) -> None:
        keep = np.logical_not(_mask(_blank(values))) if len(values) else np.zeros(0, dtype=bool)
        self.columns = columns
        self.values = values.filter(pa.array(keep)) if len(values) else values
        self.counts = np.asarray(counts, dtype=np.int64)[keep]
        self.owners = np.asarray(owners, dtype=np.int64)[keep]
        self.texts: list[str] = self.values.to_pylist()
        self.non_empty = self.total(np.ones(len(self.owners), dtype=bool))
        self.distinct = np.bincount(self.owners, minlength=self.columns)
        # Where each column's values start and end.
        self.ends = np.cumsum(self.distinct)
        self.starts = self.ends - self.distinct

    @classmethod
    def of_lists(cls, columns: Sequence[Sequence[str | None]]) -> _Values:
        texts: list[str] = []
        counts: list[int] = []
        owners: list[int] = []
        for owner, column in enumerate(columns):
            counted: dict[str, int] = {}
            for value in column:
                if value is not None:
                    counted[value] = counted.get(value, 0) + 1
            texts.extend(counted)
            counts.extend(counted.values())
            owners.extend([owner] * len(counted))
        return cls(pa.array(texts, pa.string()), np.asarray(counts, dtype=np.int64), np.asarray(owners, dtype=np.int64),
                   len(columns))

    @classmethod
    def of_arrays(cls, columns: Sequence[pa.ChunkedArray | pa.Array]) -> _Values:
        """Counted by pyarrow and numpy: the values dictionary-encoded once, (column, value) pairs counted by np.unique."""
        chunks = [chunk for column in columns for chunk in (column.chunks if isinstance(column, pa.ChunkedArray) else [column])]
        together = pa.concat_arrays([chunk if pa.types.is_string(chunk.type) else chunk.cast(pa.string()) for chunk in chunks]) \
            if chunks else pa.array([], pa.string())
        owners = np.repeat(np.arange(len(columns), dtype=np.int64), [len(column) for column in columns])
        if together.null_count:
            present = _mask(together.is_valid())
            together, owners = together.filter(pa.array(present)), owners[present]
        encoded = pc.dictionary_encode(together)
        indices = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        width = max(len(encoded.dictionary), 1)
        pairs, counts = np.unique(owners * width + indices, return_counts=True)
        values = encoded.dictionary.take(pa.array(pairs % width)) if len(pairs) else pa.array([], pa.string())
        return cls(values, counts, pairs // width, len(columns))

    def total(self, mask: np.ndarray, owners: np.ndarray | None = None, counts: np.ndarray | None = None) -> np.ndarray:
        """Per column: the rows whose value is in ``mask`` (exact integers, as ``_share`` sums them)."""
        owners = self.owners if owners is None else owners
        counts = self.counts if counts is None else counts
        return np.bincount(owners, weights=np.where(mask, counts, 0), minlength=self.columns).astype(np.int64)

    def span(self, owner: int) -> slice:
        return slice(int(self.starts[owner]), int(self.ends[owner]))


class _Found:
    """One column's inference: its type, formats, fits (per value) and sort keys (per value, or None)."""

    def __init__(self, kind: str, fits: np.ndarray, keys: list[object] | None = None,
                 formats: list[str] | None = None, mark: str | None = None) -> None:
        self.kind, self.fits, self.keys, self.formats, self.mark = kind, fits, keys, formats or [], mark


def _dates(table: _Values, owners: list[int], patterns: list[tuple[str, str]], kind: str) -> dict[int, _Found]:
    """``infer._dates`` for each of ``owners`` at once: the columns it finds a format for."""
    if not owners:
        return {}
    index = np.concatenate([np.arange(table.starts[o], table.ends[o]) for o in owners])
    values = table.values.take(pa.array(index, pa.int64()))
    sub_owners, sub_counts = table.owners[index], table.counts[index]
    non_empty = table.non_empty
    has_t = table.total(_mask(pc.match_substring(values, "T")), sub_owners, sub_counts) > 0 \
        if any(fmt.endswith("T%H:%M:%S") for fmt, _ in patterns) and kind == "datetime" else None
    found: dict[int, _Found] = {}
    wanted = np.zeros(table.columns, dtype=bool)
    wanted[owners] = True
    for fmt, pattern in patterns:
        eligible = wanted.copy()
        if has_t is not None and fmt.endswith("T%H:%M:%S"):
            eligible &= has_t
        matching = table.total(_mask(_matches(values, pattern)), sub_owners, sub_counts)
        eligible &= _share_at_least(matching, non_empty)
        if not eligible.any():
            continue
        fits_array, stamps = valid_dates(values, pattern)
        fits = _mask(fits_array)
        fitting = table.total(fits, sub_owners, sub_counts)
        any_fit = np.bincount(sub_owners, weights=fits, minlength=table.columns) > 0
        keep = eligible & any_fit & _share_at_least(fitting, non_empty)
        if not keep.any():
            continue
        # Compared as integers: a year 0 parses, and Python's datetime cannot hold it.
        keys = pc.cast(pc.if_else(fits_array, stamps, pa.scalar(None, stamps.type)), pa.int64()).to_pylist()
        position = 0
        for owner in owners:
            width = int(table.distinct[owner])
            if keep[owner]:
                if owner not in found:
                    found[owner] = _Found(kind, fits[position:position + width], keys[position:position + width],
                                          [fmt])
                else:
                    found[owner].formats.append(fmt)
            position += width
    return found


def _share_at_least(fitting: np.ndarray, non_empty: np.ndarray) -> np.ndarray:
    """``_share(...) >= MIN_FIT`` as ``infer`` computes it: a float division, compared."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(non_empty > 0, fitting / np.maximum(non_empty, 1), 0.0) >= MIN_FIT


def _sort_keys(table: _Values, owners: list[int], fits: dict[int, np.ndarray], mark: str) -> dict[int, list[object]]:
    """``infer._numbers`` of each of ``owners``: one cast for all when every value casts, else column by column."""
    if not owners:
        return {}
    index = np.concatenate([np.arange(table.starts[o], table.ends[o]) for o in owners])
    values = table.values.take(pa.array(index, pa.int64()))
    mask = pa.array(np.concatenate([fits[o] for o in owners]))
    keys: list[object] | None = None
    try:
        if mark == ".":
            keys = pc.cast(pc.if_else(mask, values, pa.scalar(None, pa.string())), pa.float64()).to_pylist()
    except pa.ArrowInvalid:
        keys = None
    if keys is None:
        return {o: _numbers(table.values[table.span(o)], pa.array(fits[o]), mark).to_pylist() for o in owners}
    out: dict[int, list[object]] = {}
    position = 0
    for owner in owners:
        width = int(table.distinct[owner])
        out[owner] = keys[position:position + width]
        position += width
    return out


def _infer(table: _Values) -> dict[int, _Found]:
    """``infer.infer`` of every column (none has more than SAMPLE_DISTINCT values), batched."""
    values = table.values
    columns = range(table.columns)
    present = [o for o in columns if table.non_empty[o] > 0]
    at_least = lambda mask: _share_at_least(table.total(mask), table.non_empty)  # noqa: E731
    lowered = pc.utf8_lower(values).to_pylist()
    lengths = pc.binary_length(values)
    digits = _mask(pc.ascii_is_decimal(values))
    plain = _mask(plain_integers(values))
    leading = digits & _mask(pc.and_(pc.starts_with(values, "0"), pc.greater(lengths, 1)))
    any_date = _mask(_matches(values, _any_of(tuple(DATETIME_PATTERNS + DATE_PATTERNS[:-1]))))
    decimal = _mask(_matches(values, DECIMAL))
    code = _mask(code_like(values))
    short = table.total(_mask(pc.less_equal(lengths, 6))) > 0
    has_leading = np.bincount(table.owners, weights=leading, minlength=table.columns) > 0
    digits_ok, plain_ok, date_ok = at_least(digits), at_least(plain), at_least(any_date)
    decimal_ok, code_ok = at_least(decimal), at_least(code)

    found: dict[int, _Found] = {}
    compact_dates: list[int] = []
    dated: list[int] = []
    rest: list[int] = []
    for owner in present:
        span = table.span(owner)
        if table.distinct[owner] <= 8 and set(lowered[span]) in BOOLEAN_PAIRS:
            found[owner] = _Found("boolean", np.ones(span.stop - span.start, dtype=bool))
        elif digits_ok[owner]:
            if plain_ok[owner] and not has_leading[owner]:
                compact_dates.append(owner)
            else:
                found[owner] = _Found("code", digits[span])
        elif date_ok[owner]:
            dated.append(owner)
        else:
            rest.append(owner)
    integers: list[int] = []
    compact = _dates(table, [o for o in compact_dates if not short[o]], DATE_PATTERNS[-1:], "date")
    for owner in compact_dates:
        if owner in compact:
            found[owner] = compact[owner]
        else:
            integers.append(owner)
    stamped = _dates(table, dated, DATETIME_PATTERNS, "datetime")
    left = [o for o in dated if o not in stamped]
    stamped.update(_dates(table, left, DATE_PATTERNS[:-1], "date"))
    found.update(stamped)
    rest.extend(o for o in dated if o not in stamped)
    rest.sort()
    decimals: list[int] = []
    for owner in rest:
        span = table.span(owner)
        if plain_ok[owner]:
            integers.append(owner)
        elif decimal_ok[owner]:
            decimals.append(owner)
        elif code_ok[owner]:
            found[owner] = _Found("code", code[span])
        else:
            found[owner] = _Found("text", np.ones(span.stop - span.start, dtype=bool))
    fits = {o: plain[table.span(o)] for o in integers}
    for owner, keys in _sort_keys(table, integers, fits, ".").items():
        found[owner] = _Found("integer", fits[owner], keys)
    if decimals:
        comma = table.total(_mask(_matches(values, _COMMA)))
        point = table.total(_mask(_matches(values, _POINT)))
        marks: dict[int, str | None] = {o: "," if comma[o] > point[o] else "." if point[o] else None for o in decimals}
        fits = {o: decimal[table.span(o)] for o in decimals}
        for mark in (".", ","):
            chosen = [o for o in decimals if (marks[o] or ".") == mark]
            for owner, keys in _sort_keys(table, chosen, fits, mark).items():
                found[owner] = _Found("decimal", fits[owner], keys, mark=marks[owner])
    return found


def _top(pairs: list[tuple[str, int]], limit: int) -> list[tuple[str, int | str]]:
    """``column._top``: most rows first, ties to the smallest text (code-point order is UTF-8's byte order)."""
    chosen = heapq.nsmallest(limit, pairs, key=lambda pair: (-pair[1], pair[0]))
    return [(value, shown_count(count)) for value, count in chosen]


def _smallest_with(texts: list[str], keys: list[object], key: object) -> str:
    return min(text for text, other in zip(texts, keys, strict=True) if other is not None and other == key)


def profile_short_columns(names: Sequence[str], columns: Sequence[Sequence[str | None]]) -> list[ColumnProfile]:
    """``profile_column`` of each short text column (given as its Python values), computed together."""
    return _profiles(names, [len(column) for column in columns], _Values.of_lists(columns))


def profile_text_columns(names: Sequence[str], columns: Sequence[pa.ChunkedArray | pa.Array]) -> list[ColumnProfile]:
    """``profile_column`` of each text column of fewer than KEYED_ROWS rows (those it counts by
    hashing, and types on all their values), computed together."""
    return _profiles(names, [len(column) for column in columns], _Values.of_arrays(columns))


def _profiles(names: Sequence[str], lengths: Sequence[int], table: _Values) -> list[ColumnProfile]:
    found = _infer(table)
    widths = pc.utf8_length(table.values).to_numpy(zero_copy_only=False) if len(table.values) else np.zeros(0)
    shapes = shapes_of(table.values).to_pylist() if len(table.values) else []
    profiles = []
    for owner, (name, rows) in enumerate(zip(names, lengths, strict=True)):
        non_empty = int(table.non_empty[owner])
        profile = ColumnProfile(name=name, inferred_type="empty", row_count=rows, empty_count=rows - non_empty,
                                distinct_count=int(table.distinct[owner]))
        profiles.append(profile)
        if non_empty == 0:
            continue
        span = table.span(owner)
        texts, counts = table.texts[span], table.counts[span].tolist()
        inference = found[owner]
        profile.inferred_type = inference.kind
        profile.date_formats = inference.formats
        profile.decimal_mark = inference.mark
        profile.length_min, profile.length_max = int(widths[span].min()), int(widths[span].max())
        profile.top_values = _top(list(zip(texts, counts, strict=True)), TOP_VALUES)
        by_shape: dict[str, int] = {}
        for shape, count in zip(shapes[span], counts, strict=True):
            by_shape[shape] = by_shape.get(shape, 0) + count
        profile.shapes = _top(list(by_shape.items()), TOP_SHAPES)
        misfits = [(text, count) for text, count, fits in zip(texts, counts, inference.fits, strict=True) if not fits]
        if misfits:
            profile.type_exceptions = sum(count for _text, count in misfits)
            profile.exception_examples = [value for value, _count in _top(misfits, EXCEPTION_EXAMPLES)]
        keys = inference.keys
        present_keys = [key for key in keys if key is not None] if keys is not None else []
        if present_keys:
            if len(texts) == 1:
                profile.min = profile.max = texts[0]
                continue
            profile.min = _smallest_with(texts, keys or [], min(present_keys))  # type: ignore[type-var]
            profile.max = _smallest_with(texts, keys or [], max(present_keys))  # type: ignore[type-var]
        else:
            profile.min, profile.max = min(texts), max(texts)
    return profiles
