"""The profile of one text column."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.distinctness import mostly_distinct
from curator.profile.infer import infer
from curator.profile.keys import KeyCounts, fixed_width_keys, integer_keys
from curator.profile.model import ColumnProfile, shown_count
from curator.profile.shapes import cut_shape, shapes_of

TOP_VALUES = 10
SAMPLE_ROWS = 10_000
TOP_SHAPES = 5
EXCEPTION_EXAMPLES = 3


def _as_string(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    # Kept chunked: every kernel used here takes chunks, and combining would copy the column.
    # large_string too: the inference kernels mix the column with plain string literals.
    if not pa.types.is_string(column.type):
        return column.cast(pa.string())
    return column


def _top(values: pa.Array, counts: pa.Array, limit: int) -> list[tuple[str, int | str]]:
    if len(values) == 0:
        return []
    if len(values) == 1:      # one distinct value (a file of one row): no sort to make
        return [(values[0].as_py(), shown_count(counts[0].as_py()))]
    # Ties go to the smallest value, so the result does not depend on the order values were counted in.
    order = pc.select_k_unstable(pa.table({"c": counts, "v": values}), k=min(limit, len(values)),
                                 sort_keys=[("c", "descending"), ("v", "ascending")])
    chosen_values = pc.take(values, order).to_pylist()
    chosen_counts = pc.take(counts, order).to_pylist()
    return [(value, shown_count(count)) for value, count in zip(chosen_values, chosen_counts, strict=True)]


def _digit_keys(array: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, int, tuple[int, int]] | None:
    """Identifier-like digit columns as int64 (hashing integers is several times faster than text).

    Exact: returns (keys, width, (shortest, longest)) only when the text can be rebuilt from the
    number, i.e. no value has a leading zero, or every value has the same width (then zeros are
    padded back). Only worth it when most values differ: for a handful of codes, hashing the text
    directly is cheaper.
    """
    head = pc.drop_null(array.slice(0, SAMPLE_ROWS))
    if len(head) < SAMPLE_ROWS // 2 or not pc.all(pc.ascii_is_decimal(head)).as_py():
        return None
    if pc.count_distinct(head).as_py() < len(head) // 2:
        return None
    present = pc.drop_null(array)
    if not pc.all(pc.ascii_is_decimal(present)).as_py():
        return None
    lengths = pc.min_max(pc.binary_length(present)).as_py()
    if lengths["max"] > 18:
        return None
    if lengths["min"] != lengths["max"]:
        leading_zero = pc.and_(pc.starts_with(present, "0"), pc.greater(pc.binary_length(present), 1))
        if pc.any(leading_zero).as_py():
            return None
    width = lengths["max"] if lengths["min"] == lengths["max"] else 0
    return pc.cast(array, pa.int64()), width, (lengths["min"], lengths["max"])


# Below this many rows, a column is counted by hashing its text (see _keyed); digit keys need as many.
KEYED_ROWS = SAMPLE_ROWS // 2
# Above this share of distinct values among present ones, a column is profiled on its rows (see tally).
ROWS_INSTEAD = 0.75


@dataclass
class Tally:
    """What a column holds, counted.

    ``values`` and ``counts`` pair each distinct value with its count; for a mostly-distinct column
    counted by key, they are every present value with a count of 1 instead, which weighs every
    statistic the same and spares decoding a million keys back to text. ``distinct`` and ``top`` are
    exact either way.
    """

    values: pa.Array
    counts: pa.Array
    distinct: int
    top: tuple[pa.Array, pa.Array] | None = None  # candidates for the top values, when values are rows
    integers: pa.Array | None = None  # values as int64, when rows are plain integers (no leading zero)
    digits: bool = False              # every value is ASCII digits (counted as integers)
    # Fixed-width ASCII columns (see KeyCounts) and one-width digit columns: the one shape of every
    # value, their width, and the smallest and largest text, read off the keys instead of measured
    # on every row.
    shape: str | None = None
    lengths: tuple[int, int] | None = None      # shortest and longest value, in characters
    bounds: tuple[str, str] | None = None
    # Digit columns without leading zeros: the texts of the smallest and largest number.
    numeric_bounds: tuple[str, str] | None = None

    @property
    def per_row(self) -> bool:
        return self.top is not None

    @classmethod
    def of_distinct(cls, values: pa.Array, counts: pa.Array) -> Tally:
        return cls(values, counts, distinct=len(values))


@dataclass
class _Keyed:
    counts: KeyCounts
    integers: pa.ChunkedArray | pa.Array | None = None   # the column as int64, when values are plain integers
    digit_lengths: tuple[int, int] | None = None           # digits only: the shortest and longest value


def _keyed(array: pa.ChunkedArray | pa.Array) -> _Keyed | None:
    """The column's values counted by exact integer keys, when they can be and it pays."""
    if len(array) < KEYED_ROWS:
        # On short columns (a wide file of a few rows) the calls cost more than the values: hashed.
        return None
    keys = _digit_keys(array)
    if keys is not None:
        numbers, width, lengths = keys
        counted = integer_keys(numbers, width)
        leading_zero = width > 1 and len(counted.keys) and int(counted.keys[0]) < 10 ** (width - 1)
        return _Keyed(counted, None if leading_zero else numbers, lengths)
    # Fixed-width keys beat hashing on columns whose values mostly differ (a postcode column); on
    # columns of a few thousand values, dates or codes, hashing the text costs less, and so it does
    # on short columns (a wide file of a few rows), where the calls cost more than the values.
    if not mostly_distinct(array):
        return None
    fixed = fixed_width_keys(array)
    return _Keyed(fixed) if fixed is not None else None


def _combined(array: pa.ChunkedArray | pa.Array) -> pa.Array:
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def tally(array: pa.ChunkedArray | pa.Array) -> Tally:
    """The one pass over every row that a profile needs."""
    found = _keyed(array)
    if found is None:
        return Tally.of_distinct(*_hashed_counts(array))
    keyed, integers, digits = found.counts, found.integers, found.digit_lengths is not None
    present = len(array) - array.null_count
    if len(keyed.keys) <= ROWS_INSTEAD * present:
        values, counts = keyed.texts()
        kept = _without_blanks(values, counts)
        tally = Tally.of_distinct(*kept)
        tally.digits = digits
        _from_keys(tally, found, blanks=len(kept[0]) < len(values))
        return tally
    rows = _combined(pc.drop_null(array))
    blank_values = 0
    # Digits are never blank (their integers line up with the rows kept), nor are values sharing
    # one shape with a printable character in it: a blank value's shape is its whitespace.
    never_blank = digits or (keyed.shape is not None and any(c.isprintable() and not c.isspace() for c in keyed.shape))
    if not never_blank:
        blank = _blank(rows)
        if pc.any(blank).as_py():
            blank_values = pc.count_distinct(pc.filter(rows, blank)).as_py()
            rows = pc.filter(rows, pc.invert(blank))
    top_values, top_counts = keyed.top(TOP_VALUES + blank_values)
    tally = Tally(rows, pa.array(np.ones(len(rows), dtype=np.int64)), distinct=len(keyed.keys) - blank_values,
                  top=_without_blanks(top_values, top_counts),
                  integers=_combined(pc.drop_null(integers)) if integers is not None else None, digits=digits)
    _from_keys(tally, found, blanks=blank_values > 0)
    return tally


def _from_keys(tally: Tally, found: _Keyed, blanks: bool) -> None:
    """What a keyed column tells without another pass over its values: a fixed-width ASCII column
    its shape, width and smallest and largest text; a digit column its lengths, its shape when
    they are one width, and the texts of its smallest and largest number."""
    keyed = found.counts
    tally.lengths = (keyed.width, keyed.width) if keyed.width is not None else found.digit_lengths
    tally.shape = keyed.shape
    if found.digit_lengths is not None and found.digit_lengths[0] == found.digit_lengths[1]:
        tally.shape = "9" * found.digit_lengths[0]
    ordered = keyed.ordered and not blanks
    if not len(keyed.keys) or not (ordered or found.integers is not None):
        return
    first, last = keyed.decode(keyed.keys[[0, -1]]).to_pylist()
    if ordered:
        tally.bounds = (first, last)
    else:
        tally.numeric_bounds = (first, last)


def count_values(array: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """(distinct non-empty values, their counts)."""
    found = _keyed(array)
    if found is not None:
        return _without_blanks(*found.counts.texts())
    return _hashed_counts(array)


def _hashed_counts(array: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    counted = pc.value_counts(array)
    values = counted.field(0)
    counts = counted.field(1)
    if values.null_count:
        present = pc.is_valid(values)
        values, counts = pc.filter(values, present), pc.filter(counts, present)
    return _without_blanks(values, counts)


def _blank(values: pa.Array) -> pa.Array:
    # Spaces alone, or nothing, are an empty cell to whoever typed them.
    return pc.or_(pc.utf8_is_space(values), pc.equal(pc.binary_length(values), 0))


def _without_blanks(values: pa.Array, counts: pa.Array) -> tuple[pa.Array, pa.Array]:
    blank = _blank(values)
    if pc.any(blank).as_py():
        keep = pc.invert(blank)
        values, counts = pc.filter(values, keep), pc.filter(counts, keep)
    return values, counts


def _digit_shapes(values: pa.Array, counts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """:func:`_weighted_shapes` of values that are all digits: a digit's shape is "9", so a value's
    shape is its length in nines; the lengths are counted, no value is rewritten."""
    lengths = pc.binary_length(values).to_numpy(zero_copy_only=False)
    totals = np.bincount(lengths, weights=counts.to_numpy(zero_copy_only=False))
    present = np.flatnonzero(totals)
    return pa.array(["9" * int(length) for length in present]), pa.array(totals[present].astype(np.int64), pa.int64())


def _weighted_shapes(values: pa.Array, counts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(distinct shapes, rows having each): shapes are few, so an index and a bincount beat a group-by."""
    encoded = pc.dictionary_encode(shapes_of(values))
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    totals = np.bincount(indices, weights=counts.to_numpy(zero_copy_only=False), minlength=len(encoded.dictionary))
    return encoded.dictionary, pa.array(totals.astype(np.int64), pa.int64())


def profile_column(name: str, column: pa.ChunkedArray | pa.Array) -> ColumnProfile:
    array = _as_string(column)
    rows = len(array)
    counted = tally(array)
    values, counts = counted.values, counted.counts
    non_empty = int(pc.sum(counts).as_py() or 0)
    profile = ColumnProfile(name=name, inferred_type="empty", row_count=rows, empty_count=rows - non_empty,
                            distinct_count=counted.distinct)
    if non_empty == 0:
        return profile
    inference = infer(values, counts, non_empty, counted.integers, counted.shape)
    profile.inferred_type = inference.inferred_type
    profile.date_formats = inference.date_formats
    profile.decimal_mark = inference.decimal_mark
    if counted.lengths is not None:
        profile.length_min, profile.length_max = counted.lengths
    else:
        lengths = pc.min_max(pc.utf8_length(values)).as_py()
        profile.length_min, profile.length_max = lengths["min"], lengths["max"]
    profile.top_values = _top(*(counted.top or (values, counts)), TOP_VALUES)
    if counted.shape is not None:
        shapes: tuple[pa.Array, pa.Array] = (pa.array([cut_shape(counted.shape)]), pa.array([non_empty], pa.int64()))
    else:
        shapes = (_digit_shapes if counted.digits else _weighted_shapes)(values, counts)
    profile.shapes = _top(*shapes, TOP_SHAPES)
    if inference.fits is not None and not pc.all(inference.fits).as_py():
        misfit = pc.invert(inference.fits)
        profile.type_exceptions = int(pc.sum(pc.if_else(misfit, counts, 0)).as_py() or 0)
        if profile.type_exceptions:
            misfits, misfit_counts = pc.filter(values, misfit), pc.filter(counts, misfit)
            if counted.per_row:
                # One entry per row here: count the misfits so that each example is shown once.
                grouped = pc.value_counts(misfits)
                misfits, misfit_counts = grouped.field(0), grouped.field(1)
            examples = _top(misfits, misfit_counts, EXCEPTION_EXAMPLES)
            profile.exception_examples = [value for value, _count in examples]
    if inference.inferred_type == "integer" and counted.numeric_bounds is not None:
        # Every value is a plain integer (no leading zero), each number written one way only.
        profile.min, profile.max = counted.numeric_bounds
    elif inference.sort_keys is not None and inference.sort_keys.null_count < len(inference.sort_keys):
        keys = inference.sort_keys
        if len(values) == 1:
            profile.min = profile.max = values[0].as_py()
            return profile
        # Several values can share a key ("1,5" and "1,50"): the smallest text of them, whatever the order.
        profile.min = pc.min(pc.filter(values, pc.equal(keys, pc.min(keys)))).as_py()
        profile.max = pc.min(pc.filter(values, pc.equal(keys, pc.max(keys)))).as_py()
    elif counted.bounds is not None:
        profile.min, profile.max = counted.bounds
    else:
        bounds = pc.min_max(values).as_py()
        profile.min, profile.max = bounds["min"], bounds["max"]
    return profile
