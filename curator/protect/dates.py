"""Dates on their way out: read them, coarsen them, turn them into ages, shift them per person."""

from __future__ import annotations

import hmac

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.recipe.params import DATE_LEVELS


def as_dates(values: pa.Array | pa.ChunkedArray, column: str) -> pa.Array:
    """``values`` as ``date32``: typed dates as they are, text as ISO ``YYYY-MM-DD`` or ``DD/MM/YYYY``.

    ISO values may carry a time after the date (``2020-03-01T10:00``), which is ignored. A value
    that is neither is an error naming the first such row: guessing a date would be worse.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], values.type)
    kind = values.type
    if pa.types.is_date32(kind):
        return values
    if pa.types.is_date64(kind) or pa.types.is_timestamp(kind):
        return values.cast(pa.date32())
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the values are {type}, not dates"), type=str(kind)),
                         Location(column=column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Map the column to a date concept, or choose another "
                                                             "action.")))
    text = pc.utf8_trim_whitespace(values)
    text = pc.if_else(pc.equal(pc.utf8_length(text), 0), pa.scalar(None, text.type), text)
    iso_shape = pc.match_substring_regex(text, r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")
    iso = pc.strptime(pc.if_else(iso_shape, pc.utf8_slice_codeunits(text, 0, 10), pa.scalar(None, text.type)),
                      format="%Y-%m-%d", unit="s", error_is_null=True)
    french_shape = pc.match_substring_regex(text, r"^\d{1,2}/\d{1,2}/\d{4}$")
    french = pc.strptime(pc.if_else(french_shape, text, pa.scalar(None, text.type)),
                         format="%d/%m/%Y", unit="s", error_is_null=True)
    dates = pc.coalesce(iso, french).cast(pa.date32())
    bad = pc.and_(pc.is_valid(text), pc.is_null(dates))
    if pc.any(bad).as_py():
        row = pc.index(bad, True).as_py()
        count = pc.sum(bad).as_py()
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{count} value(s) are not dates, the first on row {row}: "
                                                        "'{value}'"),
                              count=count, row=row + 1, value=str(text[row].as_py())[:40]),
                         Location(column=column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Dates must be written YYYY-MM-DD or DD/MM/YYYY; correct "
                                                             "or empty those cells.")))
    return dates


def generalise_date(dates: pa.Array, to: str, column: str) -> pa.Array:
    """A date coarsened to its year (integer), year and month (``YYYY-MM``) or quarter (``YYYY-Qn``)."""
    if to == "year":
        return pc.year(dates).cast(pa.int32())
    if to == "year_month":
        return pc.strftime(dates.cast(pa.timestamp("s")), format="%Y-%m")
    if to == "quarter":
        year = pc.cast(pc.year(dates), pa.string())
        quarter = pc.cast(pc.quarter(dates), pa.string())
        return pc.binary_join_element_wise(year, quarter, "-Q")
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "unknown date generalisation '{to}'"), to=to),
                     Location(column=column),
                     hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(DATE_LEVELS)))


def age_at(birth: pa.Array, reference: pa.Array | str, column: str) -> pa.Array:
    """Age in completed years at ``reference`` (a ``YYYY-MM-DD`` date, or a date per row)."""
    reference_dates: pa.Array | pa.Scalar
    if isinstance(reference, str):
        reference_dates = as_dates(pa.array([reference], pa.string()), f"{column} (reference date)")[0]
    else:
        reference_dates = reference
    years = pc.subtract(pc.year(reference_dates), pc.year(birth))
    ref_md = pc.add(pc.multiply(pc.month(reference_dates), 100), pc.day(reference_dates))
    birth_md = pc.add(pc.multiply(pc.month(birth), 100), pc.day(birth))
    before_birthday = pc.less(ref_md, birth_md).cast(pa.int64())
    return pc.subtract(years, before_birthday).cast(pa.int32())


def shift_dates(dates: pa.Array, person_tokens: pa.Array, secret: bytes, max_days: int, column: str) -> pa.Array:
    """Move each date by an offset in [-max_days, -1] ∪ [1, max_days] that is the same for all of
    one person's dates (so intervals between them survive) and derived from the secret and the
    person's pseudonym (so it can be recomputed next year, and by no one without the secret)."""
    if not isinstance(max_days, int) or max_days < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "date shift needs a whole number of days ≥ 1, not {days}"),
                              days=repr(max_days)), Location(column=column))
    encoded = pc.dictionary_encode(person_tokens)
    span = 2 * max_days
    offsets = np.zeros(len(encoded.dictionary), dtype=np.int64)
    for i, token in enumerate(encoded.dictionary.to_pylist()):
        digest = hmac.digest(secret, b"curator date shift\x00" + token.encode("ascii"), "sha256")
        draw = int.from_bytes(digest[:8], "big") % span          # 0 .. 2N-1
        offsets[i] = draw - max_days if draw < max_days else draw - max_days + 1
    per_row = pa.array(offsets).take(encoded.indices)           # null where the person is unknown
    days = pc.add(dates.cast(pa.int32()).cast(pa.int64()), per_row)
    return days.cast(pa.int32()).cast(pa.date32())


def with_time_of(values: pa.Array | pa.ChunkedArray, days: pa.Array, shifted: pa.Array) -> pa.Array:
    """``shifted`` (the dates ``days`` moved) with the time of day of ``values`` when they are date-times
    kept with their time (``time: keep``), so that a date shift moves the day and keeps the hour."""
    if not pa.types.is_timestamp(values.type):
        return shifted
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], values.type)
    time_of_day = pc.subtract(values, days.cast(values.type))
    return pc.add(shifted.cast(values.type), time_of_day)
