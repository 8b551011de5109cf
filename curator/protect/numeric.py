"""Numbers coarsened: into bands, or capped at the top and bottom."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text


def as_numbers(values: pa.Array | pa.ChunkedArray, column: str) -> pa.Array:
    """Numeric values as they are; text read with a decimal point or comma. Anything else is an error."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], values.type)
    if pa.types.is_integer(values.type) or pa.types.is_floating(values.type):
        return values
    if pa.types.is_decimal(values.type):
        return values.cast(pa.float64())
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the values are {type}, not numbers"), type=str(values.type)),
                         Location(column=column))
    text = pc.replace_substring(pc.utf8_trim_whitespace(values), ",", ".")
    text = pc.if_else(pc.equal(pc.utf8_length(text), 0), pa.scalar(None, text.type), text)
    integral = pc.match_substring_regex(text, r"^[+-]?[0-9]+$")
    numeric = pc.match_substring_regex(text, r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
    bad = pc.and_(pc.is_valid(text), pc.invert(numeric))
    if pc.any(bad).as_py():
        row = pc.index(bad, True).as_py()
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{count} value(s) are not numbers, the first on row {row}: "
                                                        "'{value}'"),
                              count=pc.sum(bad).as_py(), row=row + 1, value=text[row].as_py()),
                         Location(column=column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Correct or empty those cells, or choose another action "
                                                             "for this column.")))
    if pc.all(pc.or_(integral, pc.is_null(text))).as_py():
        return text.cast(pa.int64())
    return text.cast(pa.float64())


def band(values: pa.Array, params: dict[str, Any], column: str) -> pa.Array:
    """Each number replaced by the label of its band: ``{"width": w}`` (bands start at multiples
    of w) or ``{"edges": [e0, e1, ...]}`` (``<e0``, ``[e0;e1[``, ..., ``>=en``)."""
    numbers = as_numbers(values, column)
    data = numbers.to_numpy(zero_copy_only=False).astype(np.float64)   # nulls become NaN
    valid = ~np.isnan(data)
    if "width" in params:
        width = float(params["width"])
        if not width > 0:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "band width must be positive, not {width}"),
                                  width=repr(params["width"])), Location(column=column))
        starts = np.floor(data[valid] / width) * width
        labels = {s: _width_label(s, width, pa.types.is_integer(numbers.type)) for s in np.unique(starts)}
        keys = starts
    elif "edges" in params:
        edges = sorted(float(e) for e in params["edges"])
        if not edges:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "band edges are empty")), Location(column=column))
        keys = np.searchsorted(np.array(edges), data[valid], side="right").astype(np.float64)
        names = [f"<{_fmt(edges[0])}"] + [f"[{_fmt(a)};{_fmt(b)}[" for a, b in zip(edges, edges[1:], strict=False)]
        names.append(f">={_fmt(edges[-1])}")
        labels = {float(i): name for i, name in enumerate(names)}
    else:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a band needs a 'width' or 'edges'")), Location(column=column))
    distinct, inverse = np.unique(keys, return_inverse=True)
    indices = np.zeros(len(data), dtype=np.int64)
    indices[valid] = inverse
    names_of_distinct = pa.array([labels[float(k)] for k in distinct], pa.string())
    return names_of_distinct.take(pa.array(indices, mask=~valid))


def clip(values: pa.Array, low: float | None, high: float | None, column: str) -> pa.Array:
    """Top- and bottom-coding: values above ``high`` become ``high``, below ``low`` become ``low``."""
    numbers = as_numbers(values, column)
    result = numbers
    if high is not None:
        result = pc.min_element_wise(result, pa.scalar(high).cast(numbers.type, safe=False))
    if low is not None:
        result = pc.max_element_wise(result, pa.scalar(low).cast(numbers.type, safe=False))
    return result


def _width_label(start: float, width: float, integers: bool) -> str:
    if integers and float(width).is_integer():
        return f"{_fmt(start)}-{_fmt(start + width - 1)}"
    return f"[{_fmt(start)};{_fmt(start + width)}["


def _fmt(number: float) -> str:
    return str(int(number)) if math.isfinite(number) and float(number).is_integer() else f"{number:g}"
