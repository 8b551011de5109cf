"""Which type a text column holds, decided on its distinct values weighted by their counts.

A type is kept when at least 99 % of the non-empty rows fit it, so a few "NA" or "?" do not
turn a date column into text; the misfits are counted and shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MIN_FIT = 0.99

DECIMAL = r"^[-+]?([0-9]+|[0-9]{1,3}([ \x{00a0}\x{202f}.][0-9]{3})+)([.,][0-9]+)?([eE][-+]?[0-9]+)?$"
CODE = r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"
HAS_DIGIT = r"[0-9]"
BOOLEAN_PAIRS = [
    {"0", "1"}, {"true", "false"}, {"vrai", "faux"}, {"oui", "non"}, {"yes", "no"}, {"o", "n"}, {"y", "n"},
    {"t", "f"},
]

_D = r"(?P<d>[0-9]{1,2})"
_M = r"(?P<m>[0-9]{1,2})"
_Y = r"(?P<Y>[0-9]{4})"
_TIME = r"[ T](?P<H>[0-9]{1,2}):(?P<MI>[0-9]{2})(?::(?P<S>[0-9]{2})(?:[.,][0-9]+)?)?"
# (format, pattern): French day-first forms first, since that is how these users write dates.
DATE_PATTERNS = [
    ("%d/%m/%Y", f"^{_D}/{_M}/{_Y}$"),
    ("%Y-%m-%d", f"^{_Y}-{_M}-{_D}$"),
    ("%d-%m-%Y", f"^{_D}-{_M}-{_Y}$"),
    ("%d.%m.%Y", rf"^{_D}\.{_M}\.{_Y}$"),
    ("%Y/%m/%d", f"^{_Y}/{_M}/{_D}$"),
    ("%d/%m/%y", r"^(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{2})$"),
    ("%m/%d/%Y", f"^{_M}/{_D}/{_Y}$"),
    ("%Y%m%d", r"^(?P<Y>(?:19|20)[0-9]{2})(?P<m>[0-9]{2})(?P<d>[0-9]{2})$"),
]
DATETIME_PATTERNS = [
    ("%d/%m/%Y %H:%M:%S", f"^{_D}/{_M}/{_Y}{_TIME}$"),
    ("%Y-%m-%d %H:%M:%S", f"^{_Y}-{_M}-{_D}{_TIME}$"),
    ("%Y-%m-%dT%H:%M:%S", f"^{_Y}-{_M}-{_D}{_TIME}$"),
]


@dataclass
class Inference:
    inferred_type: str
    date_formats: list[str] = field(default_factory=list)
    fits: pa.Array | None = None          # per distinct value: does it fit the type
    sort_keys: pa.Array | None = None     # per distinct value: a comparable value for min/max
    decimal_mark: str | None = None


def _share(mask: pa.Array, counts: pa.Array, total: int) -> float:
    if total == 0:
        return 0.0
    fitting = pc.sum(pc.filter(counts, mask)).as_py() or 0
    return float(fitting) / total


def _matches(values: pa.Array, pattern: str) -> pa.Array:
    # ``values`` never holds nulls here (empties were taken out before inference).
    return pc.match_substring_regex(values, pattern)


def valid_dates(values: pa.Array, pattern: str) -> tuple[pa.Array, pa.Array]:
    """(fits, timestamps) for values against a date pattern, checking the calendar (no 31/02)."""
    parts = pc.extract_regex(values, pattern)
    names = [parts.type.field(i).name for i in range(parts.type.num_fields)]

    def part(name: str, width: int) -> pa.Array:
        return pc.utf8_lpad(pc.struct_field(parts, name), width=width, padding="0")

    if "Y" in names:
        year = part("Y", 4)
    else:
        # Two-digit years: 00-30 are this century, the rest the last, as registries' birth years are.
        short = pc.cast(pc.struct_field(parts, "y"), pa.int32())
        year = pc.cast(pc.add(short, pc.if_else(pc.less_equal(short, 30), 2000, 1900)), pa.string())
    day = part("d", 2)
    iso = pc.binary_join_element_wise(year, part("m", 2), day, "-")
    has_time = "H" in names
    if has_time:
        # An optional group that did not match comes back empty, not null.
        seconds = pc.utf8_lpad(pc.fill_null(pc.struct_field(parts, "S"), ""), width=2, padding="0")
        clock = pc.binary_join_element_wise(part("H", 2), pc.struct_field(parts, "MI"), seconds, ":")
        iso = pc.binary_join_element_wise(iso, clock, " ")
        stamps = pc.strptime(iso, format="%Y-%m-%d %H:%M:%S", unit="s", error_is_null=True)
    else:
        stamps = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 31/02 over to 03/03: a real date reads back the same day.
    same_day = pc.equal(pc.cast(pc.day(stamps), pa.int64()), pc.cast(day, pa.int64()))
    fits = pc.and_(pc.is_valid(parts), pc.fill_null(same_day, False))
    if has_time:
        hours_ok = pc.less(pc.cast(pc.struct_field(parts, "H"), pa.int64()), 24)
        fits = pc.and_(fits, pc.fill_null(hours_ok, False))
    return pc.fill_null(fits, False), stamps


SAMPLE_DISTINCT = 5000


def infer(values: pa.Array, counts: pa.Array, non_empty: int, integers: pa.Array | None = None,
          shape: str | None = None) -> Inference:
    """Infer the type from distinct non-empty ``values`` and their ``counts``.

    Columns with many distinct values (identifiers, free text) are first typed on an even sample of
    them; the type found is then checked on every value, and only if it fails is the whole cascade run.
    ``integers``, when given, are the values already read as plain integers (digits, no leading zero);
    ``shape``, the one shape every value has, when they are ASCII and share one (see profile.keys).
    """
    if len(values) > SAMPLE_DISTINCT:
        step = len(values) // SAMPLE_DISTINCT
        picked = pa.array(np.arange(0, len(values), step))
        sample_counts = pc.take(counts, picked)
        guess = _cascade(pc.take(values, picked), sample_counts, int(pc.sum(sample_counts).as_py() or 0))
        if guess.inferred_type == "integer" and integers is not None:
            return Inference("integer", fits=pc.is_valid(integers), sort_keys=pc.cast(integers, pa.float64()))
        checked = confirm(guess, values, counts, non_empty, shape)
        if checked is not None:
            return checked
    return _cascade(values, counts, non_empty)


def confirm(guess: Inference, values: pa.Array, counts: pa.Array, non_empty: int,
            shape: str | None = None) -> Inference | None:
    """``guess`` recomputed on all values, or None when they do not fit it.

    ``shape``: see :func:`infer`. Whether an ASCII value is code-like depends on its shape alone
    (its letters, digits and punctuation, and its length), so one test stands for every value."""
    kind = guess.inferred_type
    if kind in ("boolean", "empty"):
        return None
    if kind == "text":
        return Inference("text", fits=pc.is_valid(values))
    if kind in ("date", "datetime"):
        patterns = [p for p in DATE_PATTERNS + DATETIME_PATTERNS if p[0] in guess.date_formats[:1]]
        return _dates(values, counts, non_empty, patterns, kind) if patterns else None
    if kind == "integer":
        fits = plain_integers(values)
        if _share(fits, counts, non_empty) < MIN_FIT or _leading_zero_codes(values, digits_only(values)):
            return None
        return Inference("integer", fits=fits, sort_keys=_numbers(values, fits))
    if kind == "decimal":
        fits = _matches(values, DECIMAL)
        if _share(fits, counts, non_empty) < MIN_FIT:
            return None
        mark = guess.decimal_mark or "."
        return Inference("decimal", fits=fits, sort_keys=_numbers(values, fits, mark), decimal_mark=guess.decimal_mark)
    if kind == "code":
        if shape is not None:
            fitting = bool(code_like(pa.array([shape]))[0].as_py())
            return Inference("code", fits=pa.array(np.ones(len(values), dtype=np.bool_))) if fitting else None
        fits = code_like(values)
        return Inference("code", fits=fits) if _share(fits, counts, non_empty) >= MIN_FIT else None
    return None


def _cascade(values: pa.Array, counts: pa.Array, non_empty: int) -> Inference:
    if non_empty == 0 or len(values) == 0:
        return Inference("empty")
    if len(values) <= 8:
        distinct = set(pc.utf8_lower(values).to_pylist())
        # Both values of a pair must appear: a column holding only "1" is not a yes/no answer.
        if any(distinct == pair for pair in BOOLEAN_PAIRS):
            return Inference("boolean", fits=pc.is_valid(values))

    digits = digits_only(values)
    if _share(digits, counts, non_empty) >= MIN_FIT:
        integer = plain_integers(values)
        # Leading zeros ("01000") carry meaning: such a column is a code, not a number.
        if _share(integer, counts, non_empty) >= MIN_FIT and not _leading_zero_codes(values, digits):
            date = _dates(values, counts, non_empty, DATE_PATTERNS[-1:])
            if date is not None and _share(pc.less_equal(pc.binary_length(values), 6), counts, non_empty) == 0:
                return date
            return Inference("integer", fits=integer, sort_keys=_numbers(values, integer))
        return Inference("code", fits=digits)

    # One regex test rules out both kinds at once on most columns (see _dates).
    if _share(_matches(values, _any_of(tuple(DATETIME_PATTERNS + DATE_PATTERNS[:-1]))), counts, non_empty) >= MIN_FIT:
        for patterns, kind in ((DATETIME_PATTERNS, "datetime"), (DATE_PATTERNS[:-1], "date")):
            found = _dates(values, counts, non_empty, patterns, kind)
            if found is not None:
                return found

    signed = plain_integers(values)
    if _share(signed, counts, non_empty) >= MIN_FIT:
        return Inference("integer", fits=signed, sort_keys=_numbers(values, signed))
    decimal = _matches(values, DECIMAL)
    if _share(decimal, counts, non_empty) >= MIN_FIT:
        comma = pc.sum(pc.if_else(_matches(values, r"^[-+]?[0-9]+,[0-9]+$"), counts, 0)).as_py() or 0
        point = pc.sum(pc.if_else(_matches(values, r"^[-+]?[0-9]+\.[0-9]+$"), counts, 0)).as_py() or 0
        mark = "," if comma > point else "." if point else None
        return Inference("decimal", fits=decimal, sort_keys=_numbers(values, decimal, mark or "."),
                         decimal_mark=mark)

    code = code_like(values)
    if _share(code, counts, non_empty) >= MIN_FIT:
        return Inference("code", fits=code)
    return Inference("text", fits=pc.is_valid(values))


def _leading_zero_codes(values: pa.Array, digits: pa.Array) -> bool:
    leading = pc.and_(digits, pc.and_(pc.starts_with(values, "0"), pc.greater(pc.binary_length(values), 1)))
    return bool(pc.any(leading).as_py())


@lru_cache(maxsize=16)
def _any_of(patterns: tuple[tuple[str, str], ...]) -> str:
    """One regex that matches what any of ``patterns`` matches (groups made anonymous)."""
    return "|".join(f"(?:{re.sub(r'[(][?]P<[A-Za-z]+>', '(?:', pattern)})" for _fmt, pattern in patterns)


def _dates(values: pa.Array, counts: pa.Array, non_empty: int, patterns: list[tuple[str, str]],
           kind: str = "date") -> Inference | None:
    # A pattern is kept only when 99 % of the rows fit it, and a value that fits matches its regex:
    # a pattern (or all of them) that too few rows match is passed over without parsing, which on
    # a wide file of few rows was most of the profile.
    if len(patterns) > 1 and _share(_matches(values, _any_of(tuple(patterns))), counts, non_empty) < MIN_FIT:
        return None
    formats: list[str] = []
    fits_all: pa.Array | None = None
    keys: pa.Array | None = None
    for fmt, pattern in patterns:
        if kind == "datetime" and fmt.endswith("T%H:%M:%S") and not pc.any(
                pc.match_substring(values, "T")).as_py():
            continue
        if _share(_matches(values, pattern), counts, non_empty) < MIN_FIT:
            continue
        fits, stamps = valid_dates(values, pattern)
        if not pc.any(fits).as_py():
            continue
        if _share(fits, counts, non_empty) >= MIN_FIT:
            formats.append(fmt)
            if fits_all is None:
                fits_all = fits
                keys = pc.if_else(fits, stamps, pa.scalar(None, stamps.type))
    if not formats or fits_all is None:
        return None
    return Inference(kind, date_formats=formats, fits=fits_all, sort_keys=keys)


def code_like(values: pa.Array) -> pa.Array:
    """Short tokens with a digit ("2A", "C50.9", "FINESS0123") or of three characters at most ("M", "IV").

    ASCII letters and digits are tested without a regex (far cheaper on a large column);
    only values with punctuation go through the pattern.
    """
    alnum = pc.ascii_is_alnum(values)
    has_digit_or_short = pc.or_(pc.invert(pc.ascii_is_alpha(values)), pc.less_equal(pc.binary_length(values), 3))
    fits = pc.and_(alnum, has_digit_or_short)
    if pc.all(alnum).as_py():
        return fits
    punctuated = pc.and_(_matches(values, CODE), pc.or_(_matches(values, HAS_DIGIT),
                                                        pc.less_equal(pc.binary_length(values), 3)))
    return pc.if_else(alnum, fits, punctuated)


def digits_only(values: pa.Array) -> pa.Array:
    return pc.ascii_is_decimal(values)


def plain_integers(values: pa.Array) -> pa.Array:
    """Values like 12, -3, +7, 0 (and not 007: leading zeros make a code)."""
    unsigned = pc.utf8_ltrim(values, characters="+-")
    signs = pc.subtract(pc.binary_length(values), pc.binary_length(unsigned))
    leading_zero = pc.and_(pc.starts_with(unsigned, "0"), pc.greater(pc.binary_length(unsigned), 1))
    return pc.and_(pc.and_(digits_only(unsigned), pc.less_equal(signs, 1)), pc.invert(leading_zero))


def _numbers(values: pa.Array, fits: pa.Array, mark: str = ".") -> pa.Array:
    usable = pc.if_else(fits, values, pa.scalar(None, pa.string()))
    if mark == ".":
        try:
            return pc.cast(usable, pa.float64())
        except pa.ArrowInvalid:
            pass
    cleaned = pc.replace_substring_regex(values, r"[ \x{00a0}\x{202f}+]", "")
    if mark == ",":
        cleaned = pc.replace_substring(pc.replace_substring(cleaned, ".", ""), ",", ".")
    else:
        cleaned = pc.replace_substring(cleaned, ",", "")
    usable = pc.if_else(fits, cleaned, pa.scalar(None, pa.string()))
    try:
        return pc.cast(usable, pa.float64())
    except pa.ArrowInvalid:
        return pa.nulls(len(values), pa.float64())
