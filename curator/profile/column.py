"""The profile of one text column."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.profile.infer import infer
from curator.profile.keys import fixed_width_counts, integer_counts
from curator.profile.model import ColumnProfile, shown_count
from curator.profile.shapes import shapes_of

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
    # Ties go to the smallest value, so the result does not depend on the order values were counted in.
    order = pc.select_k_unstable(pa.table({"c": counts, "v": values}), k=min(limit, len(values)),
                                 sort_keys=[("c", "descending"), ("v", "ascending")])
    chosen_values = pc.take(values, order).to_pylist()
    chosen_counts = pc.take(counts, order).to_pylist()
    return [(value, shown_count(count)) for value, count in zip(chosen_values, chosen_counts, strict=True)]


def _digit_keys(array: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, int] | None:
    """Identifier-like digit columns as int64 (hashing integers is several times faster than text).

    Exact: returns (keys, width) only when the text can be rebuilt from the number, i.e. no value has
    a leading zero, or every value has the same width (then zeros are padded back). Only worth it
    when most values differ: for a handful of codes, hashing the text directly is cheaper.
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
    leading_zero = pc.and_(pc.starts_with(present, "0"), pc.greater(pc.binary_length(present), 1))
    if lengths["min"] != lengths["max"] and pc.any(leading_zero).as_py():
        return None
    width = lengths["max"] if lengths["min"] == lengths["max"] else 0
    return pc.cast(array, pa.int64()), width


def count_values(array: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """(distinct non-empty values, their counts): the one pass over every row that a profile needs."""
    keys = _digit_keys(array)
    if keys is not None:
        numbers, counts = integer_counts(keys[0])
        text = pc.cast(pa.array(numbers, pa.int64()), pa.string())
        if keys[1]:
            text = pc.utf8_lpad(text, width=keys[1], padding="0")
        return text, pa.array(counts, pa.int64())
    fixed = fixed_width_counts(array)
    if fixed is not None:
        return _without_blanks(*fixed)
    counted = pc.value_counts(array)
    values = counted.field(0)
    counts = counted.field(1)
    if values.null_count:
        present = pc.is_valid(values)
        values, counts = pc.filter(values, present), pc.filter(counts, present)
    return _without_blanks(values, counts)


def _without_blanks(values: pa.Array, counts: pa.Array) -> tuple[pa.Array, pa.Array]:
    # Spaces alone, or nothing, are an empty cell to whoever typed them.
    blank = pc.or_(pc.utf8_is_space(values), pc.equal(pc.binary_length(values), 0))
    if pc.any(blank).as_py():
        keep = pc.invert(blank)
        values, counts = pc.filter(values, keep), pc.filter(counts, keep)
    return values, counts


def _weighted_shapes(values: pa.Array, counts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(distinct shapes, rows having each): shapes are few, so an index and a bincount beat a group-by."""
    encoded = pc.dictionary_encode(shapes_of(values))
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    totals = np.bincount(indices, weights=counts.to_numpy(zero_copy_only=False), minlength=len(encoded.dictionary))
    return encoded.dictionary, pa.array(totals.astype(np.int64), pa.int64())


def profile_column(name: str, column: pa.ChunkedArray | pa.Array) -> ColumnProfile:
    array = _as_string(column)
    rows = len(array)
    values, counts = count_values(array)
    non_empty = int(pc.sum(counts).as_py() or 0)
    profile = ColumnProfile(name=name, inferred_type="empty", row_count=rows, empty_count=rows - non_empty,
                            distinct_count=len(values))
    if non_empty == 0:
        return profile
    inference = infer(values, counts, non_empty)
    profile.inferred_type = inference.inferred_type
    profile.date_formats = inference.date_formats
    profile.decimal_mark = inference.decimal_mark
    lengths = pc.min_max(pc.utf8_length(values)).as_py()
    profile.length_min, profile.length_max = lengths["min"], lengths["max"]
    profile.top_values = _top(values, counts, TOP_VALUES)
    profile.shapes = _top(*_weighted_shapes(values, counts), TOP_SHAPES)
    if inference.fits is not None:
        misfit = pc.invert(inference.fits)
        profile.type_exceptions = int(pc.sum(pc.if_else(misfit, counts, 0)).as_py() or 0)
        if profile.type_exceptions:
            examples = _top(pc.filter(values, misfit), pc.filter(counts, misfit), EXCEPTION_EXAMPLES)
            profile.exception_examples = [value for value, _count in examples]
    if inference.sort_keys is not None and inference.sort_keys.null_count < len(inference.sort_keys):
        keys = inference.sort_keys
        # Several values can share a key ("1,5" and "1,50"): the smallest text of them, whatever the order.
        profile.min = pc.min(pc.filter(values, pc.equal(keys, pc.min(keys)))).as_py()
        profile.max = pc.min(pc.filter(values, pc.equal(keys, pc.max(keys)))).as_py()
    else:
        bounds = pc.min_max(values).as_py()
        profile.min, profile.max = bounds["min"], bounds["max"]
    return profile
