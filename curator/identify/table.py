"""identify_table: each column's class from its header and its values, confirmed on the whole column."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from curator.identify.checksums import count_valid_nirs
from curator.identify.detect_people import COORDINATE
from curator.identify.headers import HeaderMatch, match_header
from curator.identify.model import KIND_CLASS, SEVERITY, ColumnIdentification
from curator.identify.sample import SAMPLE_SIZE, Sample, draw_sample, short_samples
from curator.identify.values import Finding, coordinate_range, detect_values
from curator.messages import QT_TRANSLATE_NOOP, Text, word
from curator.progress import ProgressCallback, report

# Byte lengths a value of each kind can have: the whole-column confirmation is a vectorised length
# check (pyarrow ``binary_length``), cheap enough for millions of rows, that tells the user how many
# values could not be of the kind the sample showed.
KIND_LENGTHS: dict[str, tuple[int, int]] = {
    "nir": (13, 21), "rpps": (11, 11), "finess": (9, 9), "adeli": (9, 9), "email": (6, 254), "phone": (9, 30),
    "iban": (15, 42), "ip": (3, 39), "url": (5, 2048), "ssn": (9, 11), "birth_date": (6, 30), "death_date": (6, 30),
    "date": (6, 30), "postcode": (4, 10), "commune_code": (5, 5), "department": (1, 3), "icd10": (3, 7),
    "ccam": (7, 11), "atc": (3, 7), "morphology": (6, 6), "sex": (1, 16), "age": (1, 3), "birth_year": (4, 4),
}

KIND_WORDS = {
    "nir": QT_TRANSLATE_NOOP("core", "a NIR"), "rpps": QT_TRANSLATE_NOOP("core", "an RPPS number"),
    "finess": QT_TRANSLATE_NOOP("core", "a FINESS number"), "adeli": QT_TRANSLATE_NOOP("core", "an ADELI number"),
    "email": QT_TRANSLATE_NOOP("core", "an e-mail address"), "phone": QT_TRANSLATE_NOOP("core", "a phone number"),
    "iban": QT_TRANSLATE_NOOP("core", "an IBAN"), "ip": QT_TRANSLATE_NOOP("core", "an IP address"),
    "url": QT_TRANSLATE_NOOP("core", "a URL"), "ssn": QT_TRANSLATE_NOOP("core", "a US SSN"),
    "birth_date": QT_TRANSLATE_NOOP("core", "a date"), "death_date": QT_TRANSLATE_NOOP("core", "a date"),
    "date": QT_TRANSLATE_NOOP("core", "a date"), "postcode": QT_TRANSLATE_NOOP("core", "a postcode"),
    "commune_code": QT_TRANSLATE_NOOP("core", "a commune code"),
    "department": QT_TRANSLATE_NOOP("core", "a département"), "icd10": QT_TRANSLATE_NOOP("core", "an ICD-10 code"),
    "ccam": QT_TRANSLATE_NOOP("core", "a CCAM code"), "atc": QT_TRANSLATE_NOOP("core", "an ATC code"),
    "morphology": QT_TRANSLATE_NOOP("core", "a morphology code"), "sex": QT_TRANSLATE_NOOP("core", "a sex code"),
    "age": QT_TRANSLATE_NOOP("core", "an age"), "birth_year": QT_TRANSLATE_NOOP("core", "a year"),
}


def _severity(klass: str) -> int:
    return SEVERITY[klass]


def _confirm(column: pa.ChunkedArray, kind: str) -> str | None:
    """Check the sample's verdict on every row, vectorised: how many filled values can be of ``kind``."""
    if kind not in KIND_LENGTHS or len(column) <= SAMPLE_SIZE:   # the sample was the whole column
        return None
    if kind == "nir":
        keyed = count_valid_nirs(column)
        if keyed.valid:
            # The key is checked on every row, not just on the sample: a cheap, certain count.
            return Text(QT_TRANSLATE_NOOP("core", "whole column: {valid:,} of {filled:,} filled values are valid NIRs "
                        "(check key verified)"), valid=keyed.valid, filled=keyed.filled)
    low, high = KIND_LENGTHS[kind]
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    lengths = pc.binary_length(column)
    bounds = pc.min_max(lengths).as_py()
    shortest, longest = bounds["min"], bounds["max"]
    if shortest is None:
        return None
    # The usual case, all values of a possible length, costs one pass; counting misfits only when there are some.
    if shortest >= low and longest <= high:
        filled = fitting = len(column) - column.null_count
    else:
        filled = int(pc.sum(pc.greater(lengths, 0)).as_py() or 0)
        fitting = int(pc.sum(pc.and_(pc.greater_equal(lengths, low), pc.less_equal(lengths, high))).as_py() or 0)
    what = word(KIND_WORDS[kind])
    if fitting == filled:
        return Text(QT_TRANSLATE_NOOP("core", "whole column: all {filled:,} filled values have a length {what} can have"),
                    filled=filled, what=what)
    return Text(QT_TRANSLATE_NOOP("core", "whole column: {misfits:,} of {filled:,} filled values are too short or too long to be {what}"),
                misfits=filled - fitting, filled=filled, what=what)


def _decide(name: str, header: HeaderMatch | None, findings: list[Finding], sample: Sample) -> ColumnIdentification:
    strong = [f for f in findings if f.strong]
    weak = [f for f in findings if not f.strong]
    if any(f.kind != "identifier" for f in weak):
        # "distinct codes of one shape" is the fallback reading; a specific one (postcodes...) is better.
        weak = [f for f in weak if f.kind != "identifier"]
    result = ColumnIdentification(name=name)
    if header is not None:
        result.evidence.append(header.evidence())
        result.kinds.append(header.kind)
    for finding in strong:
        result.evidence.append(finding.evidence)
        result.kinds.append(finding.kind)
    best_strong = max(strong, key=lambda f: (_severity(KIND_CLASS[f.kind]), f.share), default=None)

    if header is not None and best_strong is not None:
        header_class, value_class = KIND_CLASS[header.kind], KIND_CLASS[best_strong.kind]
        # Disagreeing evidence: the more identifying reading wins (a missed identifier is a leak).
        result.klass = max(header_class, value_class, key=_severity)
        result.confidence = 0.95 if header_class == value_class else 0.75
    elif header is not None:
        result.klass = KIND_CLASS[header.kind]
        result.confidence = 0.45 + 0.4 * header.score
        agreeing = [f for f in weak if KIND_CLASS[f.kind] == result.klass]
        for finding in agreeing:
            result.evidence.append(finding.evidence)
            result.kinds.append(finding.kind)
        if agreeing:
            result.confidence = min(0.95, result.confidence + 0.1)
    elif best_strong is not None:
        result.klass = KIND_CLASS[best_strong.kind]
        result.confidence = 0.55 + 0.4 * best_strong.share
    elif weak:
        best_weak = max(weak, key=lambda f: (_severity(KIND_CLASS[f.kind]), f.share))
        result.klass = KIND_CLASS[best_weak.kind]
        result.confidence = 0.4 + 0.3 * best_weak.share
        result.evidence.append(best_weak.evidence)
        result.kinds.append(best_weak.kind)
        if result.klass != "none":
            result.evidence.append(Text(QT_TRANSLATE_NOOP("core", "the header says nothing about the content: decided from the values alone")))
    elif sample.total == 0:
        result.klass, result.confidence = "none", 0.3
        result.evidence.append(Text(QT_TRANSLATE_NOOP("core", "the column is empty in the rows looked at")))
    else:
        result.klass, result.confidence = "none", 0.6
        result.evidence.append(Text(QT_TRANSLATE_NOOP("core", "neither the header nor the sampled values look identifying or medical")))
    result.kinds = list(dict.fromkeys(result.kinds))
    result.confidence = round(result.confidence, 2)
    return result


def _pair_coordinates(results: list[ColumnIdentification], headers: list[HeaderMatch | None],
                      ranges: list[tuple[float, float] | None]) -> None:
    """A latitude and a longitude together locate a home: both are direct; one alone is quasi."""
    candidates = [i for i, (h, r) in enumerate(zip(headers, ranges, strict=False))
                  if (h is not None and h.kind in ("gps_lat", "gps_lon")) or (h is None and r is not None)]
    def latitude_like(i: int) -> bool:
        header, span = headers[i], ranges[i]
        return (header is not None and header.kind == "gps_lat") or (
            span is not None and span[0] >= -90 and span[1] <= 90)

    has_lat = any(latitude_like(i) for i in candidates)
    if len(candidates) >= 2 and has_lat:
        names = [results[i].name for i in candidates]
        for order, i in enumerate(candidates):
            header = headers[i]
            kind = header.kind if header is not None else ("gps_lat" if order == 0 else "gps_lon")
            others = ", ".join(f"'{n}'" for n in names if n != results[i].name)
            lo_hi = ranges[i]
            results[i].klass = "direct"
            results[i].confidence = 0.9 if header is not None and lo_hi is not None else 0.75
            results[i].kinds = list(dict.fromkeys([*results[i].kinds, kind]))
            if lo_hi:
                results[i].evidence.append(Text(QT_TRANSLATE_NOOP("core", "values are precise coordinates ({low:.4f} to {high:.4f}); with column "
                                                "{others} it forms a latitude/longitude pair, which locates a home"),
                                                low=lo_hi[0], high=lo_hi[1], others=others))
            else:
                results[i].evidence.append(Text(QT_TRANSLATE_NOOP("core", "with column {others} it forms a latitude/longitude pair, "
                                                "which locates a home"), others=others))
    else:
        for i in candidates:
            header = headers[i]
            if header is not None:
                results[i].klass = "quasi"
                results[i].kinds = list(dict.fromkeys([*results[i].kinds, "coordinate"]))
                results[i].evidence.append(Text(QT_TRANSLATE_NOOP("core", "a single coordinate without its pair: locates a band, not a home")))


# Columns of at most this many rows (all sampled whole) are compared by their values (see identify_table).
SHARED_ROWS = 16


def identify_table(table: pa.Table, progress: ProgressCallback | None = None) -> list[ColumnIdentification]:
    """Classify every column of ``table`` as direct, quasi, sensitive or none, with evidence."""
    results: list[ColumnIdentification] = []
    headers: list[HeaderMatch | None] = []
    ranges: list[tuple[float, float] | None] = []
    count = max(table.num_columns, 1)
    # What the values say depends on the values alone: short text columns holding the same values
    # (a wide file's 0/1 answers) share the first one's sample and findings.
    alike: dict[tuple[object, ...], tuple[Sample, list[Finding], tuple[float, float] | None]] = {}
    columns = table.columns
    keys: list[tuple[object, ...] | None] = []
    first_of: dict[tuple[object, ...], list[str | None]] = {}
    for column in columns:
        key = None
        if len(column) <= SHARED_ROWS and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            values = column.to_pylist()
            key = (column.type, *values)
            first_of.setdefault(key, values)
        keys.append(key)
    # The short columns' samples are drawn together, one pyarrow call per step for all (see short_samples).
    drawn = dict(zip(first_of, short_samples(list(first_of.values()), patterns=(COORDINATE,)), strict=True))
    for index, name in enumerate(table.column_names):
        report(progress, index / count, Text(QT_TRANSLATE_NOOP("core", "Looking for identifying data: column '{name}'"), name=name))
        column = columns[index]
        key = keys[index]
        if key is not None and key in alike:
            sample, findings, span = alike[key]
        else:
            sample = drawn[key] if key is not None else draw_sample(column, seed=index)
            findings = detect_values(sample)
            span = coordinate_range(sample) if sample.total else None
            if key is not None:
                alike[key] = (sample, findings, span)
        header = match_header(name)
        result = _decide(name, header, findings, sample)
        strong_kinds = [f.kind for f in findings if f.strong and f.kind in result.kinds]
        confirm_kind = strong_kinds[0] if strong_kinds else (header.kind if header is not None else None)
        if confirm_kind is not None and sample.total:
            confirmation = _confirm(column, confirm_kind)
            if confirmation:
                result.evidence.append(confirmation)
        results.append(result)
        headers.append(header)
        ranges.append(span)
    _pair_coordinates(results, headers, ranges)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "Identifying columns: done"))
    return results
