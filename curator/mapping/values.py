"""What a column's values look like, read from a sample of its distinct values.

Column suggestions weigh the header against the values ("values are dates 1930-2005"), and
typed conversion needs the date format and decimal mark. Both come from here. Work per row is done
by pyarrow; Python only looks at distinct values of a bounded sample.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SAMPLE_ROWS = 10_000
SAMPLE_STRETCHES = 20
MAX_DISTINCT = 1_000

# Candidate date formats, most specific first; French day-first order before month-first.
DATE_FORMATS = (
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d%m%Y",
    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
    "%d%b%Y:%H:%M:%S", "%d%b%Y", "%d/%m/%y", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f",
    "%d %B %Y",
)
# "%B" stands for a month written in words, in French or English ("18 février 1985", "3 mars 2021",
# "1er mai 2020", "18 February 1985"): read by putting the month's number in its place
# (``months_as_numbers``), never through strptime's %B, which knows only the C locale's names.
MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1, "fevrier": 2, "février": 2, "févr": 2, "fevr": 2,
    "february": 2, "feb": 2, "mars": 3, "march": 3, "mar": 3, "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5, "juin": 6, "june": 6, "jun": 6, "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "août": 8, "aout": 8, "august": 8, "aug": 8, "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "oct": 10, "october": 10, "novembre": 11, "nov": 11, "november": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12, "december": 12,
}
# Longest names first, so that "juillet" is not read as "juil" followed by "let".
MONTH_WORDS = re.compile(r"(?i)^(\d{1,2})(?:er)?\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                         + r")\.?\s+(\d{4})$")


def months_as_numbers(value: str) -> str | None:
    """"18 février 1985" -> "18 02 1985" (day, month, year as "%d %m %Y" reads them), else None."""
    match = MONTH_WORDS.match(value.strip())
    if match is None:
        return None
    return f"{match.group(1)} {MONTHS[match.group(2).lower()]:02d} {match.group(3)}"

_INT = re.compile(r"^\s*[+-]?[0-9]+\s*$")
_NUMBER = re.compile(r"^\s*[+-]?([0-9]{1,3}([ \u00a0\u202f.,][0-9]{3})*|[0-9]+)([.,][0-9]+)?\s*$")
_ALPHA_WORDS = re.compile(r"^[^\W\d_]+([ '\-.][^\W\d_]+)*\.?$")


@dataclass
class ValueShape:
    """Facts about a column's values, all measured over its sampled distinct values."""

    rows: int = 0
    non_empty: int = 0                  # sampled non-empty cells
    distinct: list[str] = field(default_factory=list)
    distinct_ratio: float = 0.0         # distinct / non-empty in the sample (1.0 = all different)
    date_format: str | None = None
    date_fraction: float = 0.0
    date_years: tuple[int, int] | None = None
    integer_fraction: float = 0.0
    number_fraction: float = 0.0
    numbers: tuple[float, float] | None = None     # min, max of the values that are numbers
    decimal_comma: bool = False
    alpha_fraction: float = 0.0         # values made of words only (names, labels)
    mean_length: float = 0.0
    max_length: int = 0

    @property
    def empty(self) -> bool:
        return not self.distinct


def sample_column(column: pa.ChunkedArray | pa.Array, sample_rows: int = SAMPLE_ROWS) -> pa.Array:
    """Up to ``sample_rows`` cells spread evenly over the column, nulls removed."""
    length = len(column)
    if length > sample_rows:
        # Twenty stretches spread over the file: slices cost nothing, a row-by-row take does.
        stretch = sample_rows // SAMPLE_STRETCHES
        starts = np.linspace(0, length - stretch, SAMPLE_STRETCHES).astype(np.int64).tolist()
        pieces = [column.slice(start, stretch) for start in starts]
        chunks = [c for piece in pieces for c in (piece.chunks if isinstance(piece, pa.ChunkedArray) else [piece])]
        column = pa.concat_arrays(chunks) if chunks else pa.array([], pa.string())
    elif isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    return pc.drop_null(column)


def parse_date(value: str, fmt: str) -> date | None:
    if "%B" in fmt:
        numeric = months_as_numbers(value)
        if numeric is None:
            return None
        value, fmt = numeric, fmt.replace("%B", "%m")
    try:
        return datetime.strptime(value.strip(), fmt).date()
    except ValueError:
        return None


def _shape_regex(fmt: str) -> re.Pattern[str]:
    """A regex with the outline of a strptime format, to rule formats out without calling strptime."""
    parts = {"%Y": r"\d{4}", "%m": r"\d{1,2}", "%d": r"\d{1,2}", "%H": r"\d{1,2}", "%M": r"\d{2}",
             "%S": r"\d{2}", "%y": r"\d{2}", "%b": r"[A-Za-z]{3}", "%f": r"\d{1,6}"}
    if fmt == "%d %B %Y":
        return MONTH_WORDS
    out, i = "", 0
    while i < len(fmt):
        token = fmt[i:i + 2]
        if token in parts:
            out += parts[token]
            i += 2
        else:
            out += re.escape(fmt[i])
            i += 1
    if fmt in ("%Y%m%d", "%d%m%Y"):
        out = r"\d{8}"
    return re.compile(out + "$")


_SHAPES = {fmt: _shape_regex(fmt) for fmt in DATE_FORMATS}


def detect_date_format(values: list[str]) -> tuple[str | None, float]:
    """The format that reads most of ``values``, and the fraction it reads. Day-first wins ties."""
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        return None, 0.0
    probe = values[:200]
    outlines = sorted(((sum(1 for v in probe if _SHAPES[fmt].match(v)), -i, fmt)
                       for i, fmt in enumerate(DATE_FORMATS)), reverse=True)
    best: tuple[str | None, int] = (None, 0)
    for shaped, _order, fmt in outlines:
        if shaped == 0 or shaped <= best[1]:
            break
        parsed = sum(1 for v in probe if _SHAPES[fmt].match(v) and parse_date(v, fmt) is not None)
        if parsed > best[1]:
            best = (fmt, parsed)
    if best[0] is None:
        return None, 0.0
    fmt = best[0]
    return fmt, best[1] / len(probe)


_cache: OrderedDict[tuple[int, bytes], ValueShape] = OrderedDict()
_cache_lock = threading.Lock()
CACHED_SHAPES = 256


def clear_shape_cache() -> None:
    """Forget measured shapes (benchmarks use it to time a first look at a file)."""
    with _cache_lock:
        _cache.clear()


def _fingerprint(sample: pa.Array) -> bytes:
    """A digest of the sample's bytes: equal digests mean equal values, whatever array holds them."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sample.type}|{sample.offset}|{len(sample)}".encode())
    for buffer in sample.buffers():
        if buffer is not None:
            digest.update(buffer)
    return digest.digest()


def shape_of(column: pa.ChunkedArray | pa.Array, sample_rows: int = SAMPLE_ROWS) -> ValueShape:
    """The shape of a column's values. Suggestions, the recipe's column profiles and conversion all ask
    for the same columns: a shape is measured once per sample content and then copied from a cache."""
    sample = sample_column(column, sample_rows)
    key = (len(column), _fingerprint(sample))
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
    if cached is None:
        cached = _measure(sample, len(column))
        with _cache_lock:
            _cache[key] = cached
            while len(_cache) > CACHED_SHAPES:
                _cache.popitem(last=False)
    return replace(cached, distinct=list(cached.distinct))


def _measure(sample: pa.Array, rows: int) -> ValueShape:
    shape = ValueShape(rows=rows, non_empty=len(sample))
    if len(sample) == 0:
        return shape
    trimmed = pc.utf8_trim_whitespace(sample)
    trimmed = pc.filter(trimmed, pc.not_equal(trimmed, ""))
    if len(trimmed) == 0:
        return shape
    return _described(shape, len(trimmed), pc.unique(trimmed).to_pylist())


def _described(shape: ValueShape, non_empty: int, distinct: list[str]) -> ValueShape:
    """``shape`` filled from the sample's ``non_empty`` trimmed values and the ``distinct`` ones, in file order."""
    shape.non_empty = non_empty
    shape.distinct_ratio = len(distinct) / non_empty
    # Distinct values come in file order: keep a spread of them, not the first ones.
    shape.distinct = distinct[::-(-len(distinct) // MAX_DISTINCT)] if len(distinct) > MAX_DISTINCT else distinct
    values = shape.distinct
    count = len(values)
    lengths = [len(v) for v in values]
    shape.mean_length = sum(lengths) / count
    shape.max_length = max(lengths)
    shape.alpha_fraction = sum(1 for v in values if _ALPHA_WORDS.match(v)) / count

    integers = [v for v in values if _INT.match(v)]
    shape.integer_fraction = len(integers) / count
    numbers = [v for v in values if _NUMBER.match(v)]
    shape.number_fraction = len(numbers) / count
    if numbers:
        shape.decimal_comma = sum(1 for v in numbers if "," in v and "." not in v) > sum(1 for v in numbers if "." in v)
        parsed = [x for x in (to_float(v, shape.decimal_comma) for v in numbers) if x is not None]
        if parsed:
            shape.numbers = (min(parsed), max(parsed))

    # Plain integers are dates only when they have the 8 digits of a compact date.
    if shape.integer_fraction < 0.5 or all(len(v) == 8 for v in integers[:50]):
        fmt, fraction = detect_date_format(values)
        if fmt is not None and fraction > 0:
            shape.date_format, shape.date_fraction = fmt, fraction
            spread = values[::max(1, len(values) // 200)]      # distinct values come in file order
            years = [d.year for d in (parse_date(v, fmt) for v in spread) if d is not None]
            if years:
                shape.date_years = (min(years), max(years))
    return shape


# Columns of at most this many rows are measured together (see short_shapes).
SHORT_ROWS = 16


def short_shapes(columns: Sequence[Sequence[str | None]]) -> list[ValueShape]:
    """:func:`shape_of` of each short text column, given as its values: a wide file's columns are
    trimmed in one pyarrow call for all, and columns holding the same values share one measure."""
    present = [[value for value in column if value is not None] for column in columns]
    trimmed = pc.utf8_trim_whitespace(pa.array([value for values in present for value in values], pa.string()))
    texts: list[str] = trimmed.to_pylist()
    measured: dict[tuple[int, tuple[str, ...]], ValueShape] = {}
    shapes = []
    start = 0
    for column, values in zip(columns, present, strict=True):
        kept = tuple(text for text in texts[start:start + len(values)] if text != "")
        start += len(values)
        key = (len(values), kept)
        shape = measured.get(key)
        if shape is None:
            shape = measured[key] = ValueShape(rows=len(column), non_empty=len(values))
            if kept:
                _described(shape, len(kept), list(dict.fromkeys(kept)))
        shapes.append(replace(shape, rows=len(column), distinct=list(shape.distinct)))
    return shapes


def to_float(value: str, decimal_comma: bool) -> float | None:
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    text = text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None
