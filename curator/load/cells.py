"""Turn typed cells (Arrow arrays, Python values from a workbook) into the text a person would read.

The Load stage keeps every value as text; formats that store types (Parquet, SAS, Excel...)
are rendered the way the producer saw them: integers without ".0", dates as ISO 8601.
Conversion is vectorised with pyarrow compute; Python only touches columns of mixed types.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# Doubles hold every integer below 2**53 exactly.
EXACT_INTEGER_LIMIT = 2**53


def empty_to_null(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Empty strings become null, so an empty cell means the same thing whatever the format."""
    if array.null_count == len(array) or len(array) == 0:
        return array
    is_empty = pc.equal(pc.utf8_length(array), 0)
    if not pc.any(is_empty).as_py():
        return array
    return pc.if_else(is_empty, pa.scalar(None, array.type), array)


def to_text(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """An Arrow column of any type as ``pa.string()``, empties as null."""
    kind = array.type
    if pa.types.is_dictionary(kind):
        array = array.cast(kind.value_type) if isinstance(array, pa.Array) else pa.chunked_array(
            [chunk.dictionary_decode() for chunk in array.chunks], kind.value_type)
        return to_text(array)
    if pa.types.is_null(kind):
        return pa.nulls(len(array), pa.string())
    if pa.types.is_string(kind):
        return empty_to_null(array)
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return empty_to_null(array.cast(pa.string()))
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind):
        return empty_to_null(array.cast(pa.string()))
    if pa.types.is_floating(kind):
        return _floats_to_text(array)
    if pa.types.is_boolean(kind):
        return pc.if_else(array, "true", "false")
    if pa.types.is_timestamp(kind):
        return _timestamps_to_text(array)
    if pa.types.is_date(kind):
        return array.cast(pa.string())
    if pa.types.is_integer(kind) or pa.types.is_decimal(kind) or pa.types.is_time(kind):
        return array.cast(pa.string())
    # Durations, nested types and the rest: rare in exports, rendered one value at a time.
    return pa.array([None if v is None else _json_text(v) for v in array.to_pylist()], pa.string())


def _json_text(value: object) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _floats_to_text(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    # Whole numbers are written as integers (a NIR stored as a number must not become 2.95e+14); the rest
    # as the shortest text that reads back the same double. NaN is how pandas-made files spell missing.
    text = array.cast(pa.string())
    whole = pc.and_(pc.equal(pc.floor(array), array), pc.less(pc.abs(array), float(EXACT_INTEGER_LIMIT)))
    whole = pc.fill_null(whole, False)
    if pc.any(whole).as_py():
        integers = pc.cast(pc.if_else(whole, array, 0.0), pa.int64()).cast(pa.string())
        text = pc.if_else(whole, integers, text)
    return pc.if_else(pc.is_nan(array), pa.scalar(None, pa.string()), text)


def _timestamps_to_text(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    if array.type.tz is not None:
        return array.cast(pa.string())
    if array.type.unit != "s":
        whole_seconds = pc.equal(pc.floor_temporal(array, unit="second"), array)
        if not pc.all(pc.fill_null(whole_seconds, True)).as_py():
            return array.cast(pa.string())
        # strftime's %S prints the sub-second digits of finer units.
        array = array.cast(pa.timestamp("s"))
    midnight = pc.equal(pc.floor_temporal(array, unit="day"), array)
    fmt = DATE_FORMAT if pc.all(pc.fill_null(midnight, True)).as_py() else DATETIME_FORMAT
    return pc.strftime(array, format=fmt)


def cell_text(value: object) -> str | None:
    """One workbook cell as text (used only for columns mixing types)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < EXACT_INTEGER_LIMIT else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime(DATE_FORMAT if value.time() == dt.time() else DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


_SEPARATOR = "\x00"
_JOINED_LIMIT = 1 << 30     # characters: well inside one Arrow string's 2 GiB


def _all_strings(values: Sequence[object]) -> pa.Array | None:
    """A column of Python strings as Arrow text, or None when a value is not a string.

    Joined, encoded and split by Arrow, they convert in half the time they take one by one
    (pyarrow encodes each string on its own). A NUL inside a value would split it: such columns
    are left to the cell-by-cell path, found by counting the separators.
    """
    if not values:
        return None
    try:
        joined = _SEPARATOR.join(values)  # type: ignore[arg-type]
    except TypeError:
        return None
    if len(joined) > _JOINED_LIMIT or joined.count(_SEPARATOR) != len(values) - 1:
        return None
    parts = pc.split_pattern(pa.array([joined], pa.string()), _SEPARATOR)
    return parts.flatten()


def cells_to_text(values: Sequence[object]) -> tuple[pa.Array, bool]:
    """A column of workbook cells as text, and whether it held dates.

    Homogeneous columns go through Arrow in one call; only mixed ones are formatted cell by cell.
    """
    text = _all_strings(values)
    if text is not None:
        return empty_to_null(text), False
    try:
        # Most columns are text: one C-level pass, no per-cell Python.
        return empty_to_null(pa.array(values, pa.string())), False
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        pass
    kinds = set(map(type, values))
    has_dates = dt.date in kinds or dt.datetime in kinds
    typed = values
    if str in kinds:
        typed = [None if v == "" else v for v in values]
        kinds = set(map(type, typed))
        kinds.discard(type(None))
    if kinds == {dt.date, dt.datetime}:
        # calamine gives a date for a datetime cell at midnight: one column, one rendering.
        typed = [dt.datetime(v.year, v.month, v.day) if type(v) is dt.date else v for v in typed]
        kinds = {dt.datetime}
    homogeneous = str not in kinds and (kinds <= {int, float} or len(kinds) == 1)
    if homogeneous:
        try:
            return to_text(pa.array(typed, from_pandas=False)), has_dates
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
            pass
    return pa.array([cell_text(v) for v in values], pa.string()), has_dates
