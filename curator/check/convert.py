"""Typed conversion of one mapped column to its concept's type, finding every value that breaks a rule.

Each converter returns the typed array (nulls where a value is invalid) and, per rule, a boolean
mask of the offending rows. It never decides what happens to them: ``validate.py`` applies the
recipe's decisions, and a column whose invalid values are not decided stays as text.
All per-row work is pyarrow compute; Python only looks at distinct values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curator.mapping.codes import suggest_codes
from curator.mapping.values import detect_date_format, months_as_numbers, shape_of
from curator.mapping.vocabulary import Concept, Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text, word

# Rules a value can break while still converting: keeping it does not stop the column being typed.
VALUE_RULES = ("range", "pattern", "check_digit", "length", "unique", "required")
TRUE_WORDS = ("1", "true", "vrai", "oui", "o", "y", "yes", "t")
FALSE_WORDS = ("0", "false", "faux", "non", "n", "no", "f")


@dataclass
class Failure:
    rule: str
    mask: pa.Array            # boolean, True where the row breaks the rule
    detail: str = ""


@dataclass
class Converted:
    typed: pa.Array
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_text(column: pa.Array, missing_values: list[str] | None = None) -> pa.Array:
    """Trimmed text, with empty strings (and declared missing values) as null."""
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    trimmed = pc.utf8_trim_whitespace(column)
    missing = [m for m in (missing_values or []) if m != ""]
    is_missing = pc.equal(trimmed, "")
    if missing:
        is_missing = pc.or_(is_missing, pc.is_in(trimmed, value_set=pa.array(missing, trimmed.type)))
    if not pc.any(is_missing).as_py():
        return trimmed          # nothing to empty: spare a copy of every string
    return pc.if_else(is_missing, pa.scalar(None, trimmed.type), trimmed)


def _invalid(text: pa.Array, parsed: pa.Array) -> pa.Array:
    """Rows that had a value but did not convert."""
    return pc.and_(pc.is_valid(text), pc.is_null(parsed))


def _bound(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if value == "today":
        return date.today() if kind == "date" else date.today().year
    if value == "this_year":
        return date.today().year
    if kind == "date":
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _range_failure(values: pa.Array, concept: Concept, kind: str) -> Failure | None:
    low, high = _bound(concept.minimum, kind), _bound(concept.maximum, kind)
    if low is None and high is None:
        return None
    if kind == "date":
        values = pc.cast(values, pa.date32())
        low_s = pa.scalar(low, pa.date32()) if low is not None else None
        high_s = pa.scalar(high, pa.date32()) if high is not None else None
    else:
        values = pc.cast(values, pa.float64())
        low_s = pa.scalar(float(low), pa.float64()) if low is not None else None
        high_s = pa.scalar(float(high), pa.float64()) if high is not None else None
    mask = outside(values, low_s, high_s)
    assert mask is not None
    return Failure("range", mask.fill_null(False), f"{low if low is not None else '…'} – {high if high is not None else '…'}")


def outside(values: pa.Array, low: Any, high: Any) -> pa.Array | None:
    """Rows below ``low`` or above ``high`` (either may be None; nulls stay null); None without bounds."""
    mask = None
    if low is not None:
        mask = pc.less(values, low)
    if high is not None:
        above = pc.greater(values, high)
        mask = above if mask is None else pc.or_(mask, above)
    return mask


# --- numbers ---------------------------------------------------------------------------------------

def to_integer(text: pa.Array, concept: Concept) -> Converted:
    unit_free = _strip_unit(text, concept)
    normalised = pc.replace_substring_regex(unit_free, r"^([+-]?\d+)[.,]0+$", r"\1")
    normalised = pc.replace_substring_regex(normalised, "[ \u00a0\u202f]", "")
    return _numeric(text, normalised, r"^[+-]?\d{1,18}$", pa.int64(), "integer", concept)


def _numeric(text: pa.Array, normalised: pa.Array, shape: str, arrow_type: pa.DataType, rule: str,
             concept: Concept, notes: list[str] | None = None) -> Converted:
    """Cast the values that have the number's shape; the others and those out of range are failures."""
    ok = pc.match_substring_regex(normalised, shape)
    typed = pc.cast(pc.if_else(ok, normalised, pa.scalar(None, normalised.type)), arrow_type)
    failures = [Failure(rule, _invalid(text, typed))]
    out_of_range = _range_failure(typed, concept, "number")
    if out_of_range:
        failures.append(out_of_range)
    return Converted(typed, failures, notes or [])


def to_number(text: pa.Array, concept: Concept, decimal: str | None) -> Converted:
    notes: list[str] = []
    if decimal not in (",", "."):
        shape = shape_of(text, 5_000)
        decimal = "," if shape.decimal_comma else "."
    unit_free = _strip_unit(text, concept)
    normalised = pc.replace_substring_regex(unit_free, "[ \u00a0\u202f]", "")
    if decimal == ",":
        normalised = pc.replace_substring(normalised, ".", "")
        normalised = pc.replace_substring(normalised, ",", ".")
        notes.append(Text(QT_TRANSLATE_NOOP("core", "decimal comma read as a decimal point")))
    else:
        grouped = pc.match_substring_regex(normalised, r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
        normalised = pc.if_else(grouped, pc.replace_substring(normalised, ",", ""), normalised)
    return _numeric(text, normalised, r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", pa.float64(), "number",
                    concept, notes)


def _strip_unit(text: pa.Array, concept: Concept) -> pa.Array:
    """'72 kg' -> '72' when the unit written is the concept's own; any other unit stays and fails."""
    if not concept.unit:
        return text
    unit = re.escape(concept.unit)
    return pc.replace_substring_regex(text, rf"(?i)\s*{unit}\.?$", "")


# --- dates -----------------------------------------------------------------------------------------

def _parse_dates(text: pa.Array, fmt: str) -> pa.Array:
    """Dates read with ``fmt``; pyarrow rolls '31/02' over to March, so each distinct value that does
    not print back the same is checked with Python's strict strptime. A month in words (``%B``,
    "18 février 1985") is put as its number first, once per distinct value."""
    if "%B" in fmt:
        distinct = pc.unique(text)
        numeric = pa.array([months_as_numbers(v) if v is not None else None for v in distinct.to_pylist()], pa.string())
        text = pc.take(numeric, pc.index_in(text, value_set=distinct))
        fmt = fmt.replace("%B", "%m")
    parsed = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
    printed = pc.strftime(parsed, format=fmt)
    suspicious = pc.and_(pc.is_valid(parsed), pc.invert(pc.equal(printed, text).fill_null(False)))
    if pc.any(suspicious).as_py():
        distinct = pc.unique(pc.filter(text, suspicious)).to_pylist()
        bad = []
        for value in distinct:
            try:
                datetime.strptime(value, fmt)
            except ValueError:
                bad.append(value)
        if bad:
            parsed = pc.if_else(pc.is_in(text, value_set=pa.array(bad, text.type)), pa.scalar(None, parsed.type), parsed)
    return parsed


def to_date(text: pa.Array, concept: Concept, keep_time: bool = False,
            known: list[str | None] | None = None) -> Converted:
    """Dates read with the concept's format, else the one most values fit (and a second for the rest).

    ``known``, when given, carries the formats between batches of one file: empty, it receives
    [format, second format or None] as detected; filled, they are used without detecting again,
    so that every batch of a streamed file is read the same way (and detection is paid once).
    """
    fmt = concept.date_format
    notes: list[str] = []
    if fmt is None and known:
        fmt = known[0]
    if fmt is None:
        shape = shape_of(text, 10_000)
        fmt = shape.date_format
    if fmt is None:
        fmt = "%Y-%m-%d"
    parsed = _parse_dates(text, fmt)
    used = [fmt]
    # A second format for the rest, when a column mixes two ways of writing dates.
    if concept.date_format is None:
        second: str | None = None
        if known:
            second = known[1]
        else:
            rest = pc.filter(text, _invalid(text, parsed))
            if len(rest):
                found, fraction = detect_date_format(pc.unique(rest).to_pylist()[:2000])
                # Never a second reading that swaps day and month: that would change dates silently.
                if found is not None and found != fmt and fraction > 0 and found not in ("%m/%d/%Y", "%d/%m/%y"):
                    second = found
            # Kept only once values were read with it: an empty first batch decides nothing.
            if known is not None and pc.any(pc.is_valid(parsed)).as_py():
                known.extend([fmt, second])
        if second is not None:
            parsed = pc.coalesce(parsed, _parse_dates(text, second))
            used.append(second)
    notes.append(Text(QT_TRANSLATE_NOOP("core", "dates read as {formats}"), formats=Text.joined(QT_TRANSLATE_NOOP("core", " and "), [_readable(f) for f in used])))
    if not keep_time and any("%H" in f for f in used):
        # A date concept takes the date part; a time other than midnight is said, never dropped unseen.
        timed = pc.sum(pc.not_equal(pc.cast(pc.cast(parsed, pa.date32()), parsed.type), parsed).fill_null(False)).as_py()
        if timed:
            notes.append(Text(QT_TRANSLATE_NOOP("core", "the date part was kept: the time of day of {count} values "
                                                        "was dropped"), count=timed))
    typed = parsed if keep_time else pc.cast(parsed, pa.date32())
    failures = [Failure("datetime" if keep_time else "date", _invalid(text, typed),
                        Text.joined(QT_TRANSLATE_NOOP("core", " or "), [_readable(f) for f in used]))]
    rng = _range_failure(typed, concept, "date")
    if rng:
        failures.append(rng)
    return Converted(typed, failures, notes)


# The date formats as people read them, marked so that the app shows them in its language (JJ/MM/AAAA).
READABLE_FORMATS = {
    "%Y-%m-%d": QT_TRANSLATE_NOOP("core", "YYYY-MM-DD"),
    "%d/%m/%Y": QT_TRANSLATE_NOOP("core", "DD/MM/YYYY"),
    "%d-%m-%Y": QT_TRANSLATE_NOOP("core", "DD-MM-YYYY"),
    "%d.%m.%Y": QT_TRANSLATE_NOOP("core", "DD.MM.YYYY"),
    "%Y/%m/%d": QT_TRANSLATE_NOOP("core", "YYYY/MM/DD"),
    "%Y%m%d": QT_TRANSLATE_NOOP("core", "YYYYMMDD"),
    "%d%m%Y": QT_TRANSLATE_NOOP("core", "DDMMYYYY"),
    "%Y-%m-%dT%H:%M:%S": QT_TRANSLATE_NOOP("core", "YYYY-MM-DDThh:mm:ss"),
    "%Y-%m-%d %H:%M:%S": QT_TRANSLATE_NOOP("core", "YYYY-MM-DD hh:mm:ss"),
    "%Y-%m-%dT%H:%M:%SZ": QT_TRANSLATE_NOOP("core", "YYYY-MM-DDThh:mm:ssZ"),
    "%d/%m/%Y %H:%M:%S": QT_TRANSLATE_NOOP("core", "DD/MM/YYYY hh:mm:ss"),
    "%d/%m/%Y %H:%M": QT_TRANSLATE_NOOP("core", "DD/MM/YYYY hh:mm"),
    "%Y-%m-%d %H:%M": QT_TRANSLATE_NOOP("core", "YYYY-MM-DD hh:mm"),
    "%Y-%m-%dT%H:%M": QT_TRANSLATE_NOOP("core", "YYYY-MM-DDThh:mm"),
    "%d%b%Y:%H:%M:%S": QT_TRANSLATE_NOOP("core", "DDMONYYYY:hh:mm:ss"),
    "%d%b%Y": QT_TRANSLATE_NOOP("core", "DDMONYYYY"),
    "%d/%m/%y": QT_TRANSLATE_NOOP("core", "DD/MM/YY"),
    "%m/%d/%Y": QT_TRANSLATE_NOOP("core", "MM/DD/YYYY"),
    "%Y-%m-%d %H:%M:%S.%f": QT_TRANSLATE_NOOP("core", "YYYY-MM-DD hh:mm:ss.ffffff"),
    "%Y-%m-%dT%H:%M:%S.%f": QT_TRANSLATE_NOOP("core", "YYYY-MM-DDThh:mm:ss.ffffff"),
    "%d %B %Y": QT_TRANSLATE_NOOP("core", "DD month YYYY"),
}


def _readable(fmt: str) -> str:
    """A date format as people read it: a marked word for the formats detection knows."""
    if fmt in READABLE_FORMATS:
        return word(READABLE_FORMATS[fmt])
    return (fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")
            .replace("%H", "hh").replace("%M", "mm").replace("%S", "ss").replace("%b", "MON").replace("%B", "month").replace("%f", "ffffff"))


def to_year(text: pa.Array, concept: Concept) -> Converted:
    ok = pc.match_substring_regex(text, r"^\d{4}$")
    typed = pc.cast(pc.if_else(ok, text, pa.scalar(None, text.type)), pa.int32())
    failures = [Failure("year", _invalid(text, typed))]
    if concept.minimum is None and concept.maximum is None:
        concept = Concept(id=concept.id, minimum=1800, maximum="this_year")
    rng = _range_failure(typed, concept, "number")
    if rng:
        failures.append(rng)
    return Converted(typed, failures)


def to_yearmonth(text: pa.Array) -> Converted:
    normalised = pc.replace_substring_regex(text, r"^(\d{4})[-/]?(0[1-9]|1[0-2])$", r"\1-\2")
    ok = pc.match_substring_regex(normalised, r"^\d{4}-(0[1-9]|1[0-2])$")
    typed = pc.if_else(ok, normalised, pa.scalar(None, normalised.type))
    return Converted(typed, [Failure("yearmonth", _invalid(text, typed))])


def to_boolean(text: pa.Array, concept: Concept) -> Converted:
    true_words = [t.lower() for t in concept.true_values] or list(TRUE_WORDS)
    false_words = [f.lower() for f in concept.false_values] or list(FALSE_WORDS)
    lower = pc.utf8_lower(text)
    is_true = pc.is_in(lower, value_set=pa.array(true_words, lower.type))
    is_false = pc.is_in(lower, value_set=pa.array(false_words, lower.type))
    typed = pc.if_else(is_true, True, pc.if_else(is_false, False, pa.scalar(None, pa.bool_())))
    return Converted(typed, [Failure("boolean", _invalid(text, typed))])


# --- codes and text --------------------------------------------------------------------------------

def apply_codes(text: pa.Array, concept: Concept, vocabulary: Vocabulary, code_map: dict[str, str | None]
                ) -> Converted:
    """Source values -> codes through the recipe's code map; values that are codes already stay."""
    distinct = pc.unique(pc.drop_null(text)).to_pylist()
    code_list = vocabulary.code_list_of(concept)
    allowed = set(concept.enum) if concept.enum else None
    mapped: list[str | None] = []
    unknown: list[str] = []
    for value in distinct:
        if value in code_map:
            code = code_map[value]
            mapped.append(code)
            if code is not None and code_list is not None and code not in code_list.codes:
                unknown.append(value)       # mapped by hand to a code the list does not have
            continue
        if code_list is not None:
            if value in code_list.codes:
                mapped.append(value)
            else:
                mapped.append(None)
                unknown.append(value)
        elif allowed is not None:
            mapped.append(value if value in allowed else None)
            if value not in allowed:
                unknown.append(value)
        else:
            mapped.append(value)
    index = pc.index_in(text, value_set=pa.array(distinct, text.type))
    typed = pc.take(pa.array(mapped, pa.string()), index)
    failures: list[Failure] = []
    if unknown:
        rule = "code" if code_list is not None else "enum"
        mask = pc.is_in(text, value_set=pa.array(unknown, text.type))
        detail = f"code list '{code_list.id}'" if code_list is not None else ", ".join(sorted(allowed or []))[:200]
        failures.append(Failure(rule, mask, detail))
    notes: list[str] = []
    if code_map:
        notes.append(Text(QT_TRANSLATE_NOOP("core", "{count} distinct value(s) recoded with the code map"), count=sum(1 for v in distinct if v in code_map)))
    if concept.pattern and code_list is None:
        failures.append(_pattern_failure(typed, concept.pattern))
    return Converted(typed, failures, notes)


def suggested_code_map(text: pa.Array, concept: Concept, vocabulary: Vocabulary) -> dict[str, str | None]:
    """The code map a user gets by accepting every suggestion (for tests, 'accept all' and the demo)."""
    code_list = vocabulary.code_list_of(concept)
    if code_list is None:
        return {}
    distinct = pc.unique(pc.drop_null(clean_text(text))).to_pylist()
    return {v: s.code for v, s in suggest_codes(distinct, code_list).items() if s.code is not None and s.code != v}


def _pattern_failure(text: pa.Array, pattern: str) -> Failure:
    matches = pc.match_substring_regex(text, _anchored(pattern))
    return Failure("pattern", pc.and_(pc.is_valid(text), pc.invert(matches.fill_null(True))).fill_null(False), pattern)


def _anchored(pattern: str) -> str:
    return pattern if pattern.startswith("^") else "^(?:" + pattern + ")$"


def nir_failures(text: pa.Array) -> list[Failure]:
    """Form and key of NIRs, column-wide without a regex (the slow part on a million rows).

    Form: 13 or 15 characters, digits except 2A/2B in the département, sex digit 1-4, 7 or 8.
    Key: 97 - (first 13 characters, 2A -> 19 and 2B -> 18) mod 97.
    A 15-digit NIR fits an int64, so one cast gives both the number (// 100) and its key (% 100).
    """
    present = pc.is_valid(text)
    lengths = pc.binary_length(text)
    # ASCII digits only: other Unicode digits would pass utf8_is_digit and then fail the cast.
    not_digits = pc.invert(pc.ascii_is_decimal(text)).fill_null(False)
    if pc.any(not_digits).as_py():
        # Only the few rows with a letter go through the regex: Corsican départements 2A and 2B.
        corsican = pc.filter(text, not_digits)
        fixed = pc.replace_substring_regex(corsican, r"^(\d{5})2A(\d{6}(?:\d{2})?)$", r"\119\2")
        fixed = pc.replace_substring_regex(fixed, r"^(\d{5})2B(\d{6}(?:\d{2})?)$", r"\118\2")
        text = pc.replace_with_mask(text, not_digits, fixed)
    sized = pc.or_(pc.equal(lengths, 13), pc.equal(lengths, 15))
    candidate = pc.and_(sized, pc.ascii_is_decimal(text)).fill_null(False)
    if not pc.all(candidate).as_py():
        text = pc.if_else(candidate, text, pa.scalar("0", text.type))
    whole = pc.cast(text, pa.int64())
    keyed = pc.and_(candidate, pc.equal(lengths, 15)).fill_null(False)
    number = pc.if_else(keyed, pc.divide(whole, 100), whole)
    sex = pc.divide(number, 10**12)
    shaped = pc.and_(candidate, pc.is_in(sex, value_set=pa.array([1, 2, 3, 4, 7, 8], pa.int64())))
    form = Failure("pattern", pc.and_(present, pc.invert(shaped)).fill_null(False),
                   "13 or 15 characters: sex, year, month, place of birth, order, key")
    expected = pc.subtract(97, pc.subtract(number, pc.multiply(pc.divide(number, 97), 97)))
    given = pc.subtract(whole, pc.multiply(pc.divide(whole, 100), 100))
    wrong_key = pc.and_(pc.and_(shaped, keyed), pc.not_equal(expected, given)).fill_null(False)
    return [form, Failure("check_digit", wrong_key, "NIR key")]


def _compact_nir(text: pa.Array) -> tuple[pa.Array, int]:
    """'1 95 10 99 126 111 93' -> '195109912611193': only rows longer than a NIR are rewritten."""
    long = pc.greater(pc.utf8_length(text), 15).fill_null(False)
    count = pc.sum(pc.cast(long, pa.int64())).as_py() or 0
    if not count:
        return text, 0
    spaced = pc.filter(text, long)
    for separator in (" ", ".", "-", "\u00a0"):
        spaced = pc.replace_substring(spaced, separator, "")
    return pc.replace_with_mask(text, long, spaced), count


def to_text(text: pa.Array, concept: Concept, code_map: dict[str, str | None]) -> Converted:
    notes: list[str] = []
    typed = text
    if code_map:
        distinct = pc.unique(pc.drop_null(text)).to_pylist()
        index = pc.index_in(text, value_set=pa.array(distinct, text.type))
        typed = pc.take(pa.array([code_map.get(v, v) for v in distinct], pa.string()), index)
        notes.append(Text(QT_TRANSLATE_NOOP("core", "{count} distinct value(s) recoded with the code map"), count=sum(1 for v in distinct if v in code_map)))
    failures = []
    if concept.id == "nir":
        typed, changed = _compact_nir(typed)
        if changed:
            notes.append(Text(QT_TRANSLATE_NOOP("core", "spaces, dots and dashes removed from {count} NIR(s)"), count=changed))
    if concept.id == "nir":
        failures += nir_failures(typed)
    elif concept.pattern:
        failures.append(_pattern_failure(typed, concept.pattern))
    if concept.min_length is not None or concept.max_length is not None:
        mask = outside(pc.utf8_length(typed), concept.min_length, concept.max_length)
        assert mask is not None
        failures.append(Failure("length", mask.fill_null(False),
                                f"{concept.min_length or 0}–{concept.max_length or '…'} characters"))
    return Converted(typed, failures, notes)


def has_rules(concept: Concept, vocabulary: Vocabulary, code_map: dict[str, str | None]) -> bool:
    """Whether a column mapped to ``concept`` needs converting or checking at all."""
    return bool(concept.value_type != "string" or concept.pattern or concept.enum or code_map
                or vocabulary.code_list_of(concept) is not None or concept.id == "nir"
                or concept.min_length is not None or concept.max_length is not None
                or concept.required or concept.unique)


def _convert_values(values: pa.Array, concept: Concept, vocabulary: Vocabulary, code_map: dict[str, str | None],
                    decimal: str | None, date_formats: list[str | None] | None = None) -> Converted:
    """Conversion of an array of source values (a whole column, or its distinct values)."""
    text = clean_text(values, concept.missing_values)
    if code_map:
        # The map is keyed by the value as written; a value with stray spaces finds its trimmed key too.
        text = pc.if_else(pc.is_in(values, value_set=pa.array(list(code_map), values.type)), values, text)
    vt = concept.value_type
    if vt == "code" or vocabulary.code_list_of(concept) is not None or concept.enum:
        return apply_codes(text, concept, vocabulary, code_map)
    if vt == "integer":
        return to_integer(_recode(text, code_map), concept)
    if vt == "number":
        return to_number(_recode(text, code_map), concept, decimal)
    if vt in ("date", "datetime"):
        return to_date(_recode(text, code_map), concept, keep_time=vt == "datetime", known=date_formats)
    if vt == "year":
        return to_year(_recode(text, code_map), concept)
    if vt == "yearmonth":
        return to_yearmonth(_recode(text, code_map))
    if vt == "boolean":
        return to_boolean(_recode(text, code_map), concept)
    return to_text(text, concept, code_map)


# Share of distinct values in a 20,000-row stretch below which converting the distinct values and
# spreading them back beats converting every row (measured on 1.5M rows, benchmarks/bench_mapping.py).
# Parsing dates and numbers costs so much per row that even 90% distinct pays (dates of birth);
# a text check is one regex pass, so encoding pays only when values repeat (postcodes, not e-mails).
DISTINCT_SHARE_PARSED = 0.9
DISTINCT_SHARE_TEXT = 0.5
DISTINCT_SAMPLE = 20_000


def _few_distinct(column: pa.Array, concept: Concept, vocabulary: Vocabulary) -> bool:
    """Whether converting distinct values and spreading them back beats converting every row."""
    if len(column) < 50_000:
        return False
    text_check = concept.value_type == "string" and vocabulary.code_list_of(concept) is None and not concept.enum
    share = DISTINCT_SHARE_TEXT if text_check else DISTINCT_SHARE_PARSED
    sample = column.slice(len(column) // 3, DISTINCT_SAMPLE)
    return len(pc.unique(sample)) < share * len(sample)


def convert_column(column: pa.Array | pa.ChunkedArray, concept: Concept, vocabulary: Vocabulary, code_map: dict[str, str | None],
                   decimal: str | None, date_formats: list[str | None] | None = None) -> Converted:
    """One mapped column converted; failure masks are aligned with the column's rows.

    ``date_formats``: see :func:`to_date` (the formats kept from one batch to the next)."""
    if not has_rules(concept, vocabulary, code_map):
        converted = Converted(column)          # names, addresses, free text: passed on exactly as written
    elif _few_distinct(column, concept, vocabulary):
        # A whole table's column (the rules across tables) is chunked: one dictionary for all its chunks.
        encoded = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
        on_distinct = _convert_values(encoded.dictionary, concept, vocabulary, code_map, decimal, date_formats)
        indices = encoded.indices
        # A rule no distinct value breaks is broken by no row: it needs no row mask.
        converted = Converted(pc.take(on_distinct.typed, indices),
                              [Failure(f.rule, pc.take(f.mask, indices).fill_null(False), f.detail)
                               for f in on_distinct.failures if pc.any(f.mask).as_py()], on_distinct.notes)
    else:
        converted = _convert_values(column, concept, vocabulary, code_map, decimal, date_formats)
    if concept.required:
        converted.failures.append(Failure("required", pc.is_null(clean_text(column))))
    if concept.unique:
        converted.failures.append(_unique_failure(column))
    return converted


def _recode(text: pa.Array, code_map: dict[str, str | None]) -> pa.Array:
    """A value map on a typed column: the user's fix for values like 'inconnu' in a date column."""
    if not code_map:
        return text
    keys = pa.array(list(code_map), text.type)
    index = pc.index_in(text, value_set=keys)
    replaced = pc.take(pa.array(list(code_map.values()), pa.string()), index)
    return pc.if_else(pc.is_in(text, value_set=keys), replaced, text)


def _unique_failure(text: pa.Array) -> Failure:
    counts = pc.value_counts(pc.drop_null(text))
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    return Failure("unique", pc.is_in(text, value_set=repeated).fill_null(False))
