"""Value detectors for people and places: names, addresses, postcodes, dates, sex, ages, coordinates."""

from __future__ import annotations

import datetime as dt
import re
import statistics

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.identify.findings import Finding, integers, of_sampled
from curator.identify.lexicons import first_names, last_names
from curator.identify.sample import Sample
from curator.identify.text import fold
from curator.messages import QT_TRANSLATE_NOOP, Text, word

# ---------------------------------------------------------------- names and addresses

_TITLES = {"dr", "docteur", "pr", "professeur", "m", "mr", "mme", "mlle", "madame", "monsieur", "mrs", "ms",
           "miss", "mister", "mx", "sr", "jr", "phd", "md"}
# Letters, apostrophes, spaces, dots, commas, brackets, hyphens, then optional digits: written as
# "no digit nor other symbol" because RE2 compiles Unicode letter classes (\p{L}) on every call,
# the costliest pattern of a whole identification.
_NAME_SHAPE = r"[^\d\t@/:;=_#%&*+<>\[\]{}|\\^~\"!?$€°§]+\d*"


def _name_tokens(value: str) -> list[str]:
    words = re.split(r"[\s\-,()]+", fold(value).rstrip("0123456789"))
    return [w.strip(".'") for w in words if w.strip(".'") and w.strip(".'") not in _TITLES]


def detect_names(s: Sample) -> Finding | None:
    lengths = s.lengths
    shaped = s.matches(_NAME_SHAPE) & (lengths <= 50)
    if s.share(shaped) < 0.9 or s.n_distinct < 8:
        return None
    first, last = first_names(), last_names()
    checked = s.selected(shaped, limit=400)
    total = sum(count for _, count in checked)
    in_first = in_last = full = 0
    token_counts = []
    for value, count in checked:
        tokens = _name_tokens(value)
        if not tokens or len(tokens) > 5:
            continue
        token_counts.append(len(tokens))
        f = any(t in first for t in tokens)
        la = any(t in last for t in tokens)
        in_first += count * f
        in_last += count * la
        if len(tokens) >= 2 and any(t in first for t in tokens) and any(t in last for t in tokens if t not in first):
            full += count
    if not total or not token_counts:
        return None
    words = statistics.mean(token_counts)
    share_first, share_last = in_first / total, in_last / total
    if max(share_first, share_last) < 0.5:
        return None
    if words >= 1.8 and (full / total >= 0.3 or min(share_first, share_last) >= 0.4):
        kind, what = "person_name", QT_TRANSLATE_NOOP("core", "full names (a first name and a surname)")
    elif share_first >= share_last:
        kind, what = "first_name", QT_TRANSLATE_NOOP("core", "known first names")
    else:
        kind, what = "last_name", QT_TRANSLATE_NOOP("core", "known surnames")
    matched = round(max(share_first, share_last) * s.total)
    return Finding(kind, matched, s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} are {what}"), sampled=of_sampled(matched, s.total), what=word(what)))


_STREET_TYPES = (r"rue|avenue|av|ave|bd|boulevard|blvd|chemin|ch|che|allee|allée|impasse|imp|place|pl|route|rte"
                 r"|lieu[ \-]dit|ld|quai|cours|residence|résidence|res|square|sq|voie|passage|hameau|lotissement"
                 r"|lot|chaussee|chaussée|faubourg|fbg|sentier|villa|cite|cité|parvis|promenade|esplanade|montee"
                 r"|montée|rond[ \-]point|clos|domaine|mail|street|st|road|rd|lane|ln|drive|dr|court|ct|way"
                 r"|terrace|parkway|pkwy|circle|cir|highway|hwy|strasse|straße|str|weg|via|calle|rua")
_FR_ADDRESS = r"(?:\d+ ?(?:bis|ter|b|t)?,? ?)?(?:" + _STREET_TYPES + r")\.?\s.+"
# "784 Stamm Lock Unit 46": a house number, then capitalised words, then an optional flat or suite.
_EN_ADDRESS = (r"\d+[A-Za-z]? (?:[A-Z][\w'\-]*\.? )*[A-Z][\w'\-]*\.?"
               r"(?: (?:Apt|Suite|Unit|Flat|#|Bldg|Floor)\.? ?\w+)?")
_NUMBERED = r"\d+(?: ?(?:bis|ter))?,? .+"


def detect_address(s: Sample) -> Finding | None:
    if s.length_share(6, 100) < 0.6:
        return None
    street = s.matches(_FR_ADDRESS, ignore_case=True)
    english = s.matches(_EN_ADDRESS)
    numbered_words = s.matches(_NUMBERED) & s.matches(r"\d+\D.*[a-zA-Z]{3}.*\s.*[a-zA-Z]{3}.*")
    mask = street | english | numbered_words
    share = s.share(mask)
    if share < 0.6 or s.share(street | english) < 0.4:
        return None
    lengths = s.lengths
    if lengths.mean() > 80:
        return None
    return Finding("address", s.weight(mask), s.total, True,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} look like street addresses (house number and street type)"),
                        sampled=of_sampled(s.weight(mask), s.total)))


# ---------------------------------------------------------------- places

_DEPT = r"0[1-9]|[1-8]\d|9[0-5]|2[AaBb]"


# Values only one of the two French five-character place codes takes. INSEE commune codes: Corsica's
# 2A/2B, the arrondissements of Paris (75101-75120), Lyon (69381-69389) and Marseille (13201-13216),
# births abroad (99xxx). Postcodes: Corsica's 20xxx, the same cities' 750xx, 690xx and 130xx, and
# "xx000" (no commune is numbered 000).
_COMMUNE_ONLY = re.compile(r"2[AaBb]\d{3}|751(?:0[1-9]|1\d|20)|6938[1-9]|132(?:0[1-9]|1[0-6])|99\d{3}")
_POSTCODE_ONLY = re.compile(r"20\d{3}|750(?:0[1-9]|1\d|20)|75116|6900[1-9]|130(?:0[1-9]|1[0-6])|\d{2}000")


def commune_or_postcode(values: list[str]) -> str | None:
    """"commune_code" or "postcode" when the values tell the two apart, else None (not guessed).

    Besides the values only one takes (above), postcodes mostly end in 0 (one per delivery office,
    97100, 97110... overseas too) where commune numbers end in any digit."""
    codes = [value.strip() for value in values if len(value.strip()) == 5]
    if not codes:
        return None
    commune = sum(1 for code in codes if _COMMUNE_ONLY.fullmatch(code))
    postal = sum(1 for code in codes if _POSTCODE_ONLY.fullmatch(code))
    if commune > postal:
        return "commune_code"
    if postal > commune:
        return "postcode"
    ends_zero = sum(1 for code in codes if code.endswith("0")) / len(codes)
    if len(codes) >= 8 and ends_zero > 0.45:
        return "postcode"
    if len(codes) >= 8 and ends_zero < 0.25:
        return "commune_code"
    return None


def detect_postcode(s: Sample) -> Finding | None:
    if s.length_share(5, 10) < 0.9:
        return None
    french = s.matches(r"(?:" + _DEPT + r"|97|98)\d{3}|2[AaBb]\d{3}")
    us = s.matches(r"\d{5}(?:-\d{4})?")
    uk = s.matches(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", ignore_case=True)
    mask = french | us | uk
    if s.share(mask) < 0.9 or s.n_distinct < 3:
        return None
    told = commune_or_postcode(s.values()) if s.share(french) >= 0.9 else "postcode"
    if told == "commune_code":
        kind, what = "commune_code", QT_TRANSLATE_NOOP("core", "INSEE commune codes")
    elif told == "postcode":
        kind, what = "postcode", QT_TRANSLATE_NOOP("core", "postcodes")
    else:
        kind, what = "commune_code", QT_TRANSLATE_NOOP("core", "5-character codes shaped like INSEE commune codes or postcodes")
    return Finding(kind, s.weight(mask), s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} are {what}"), sampled=of_sampled(s.weight(mask), s.total), what=word(what)))


def detect_department(s: Sample) -> Finding | None:
    if s.length_share(1, 3) < 0.95:
        return None
    mask = s.matches(_DEPT + r"|97[1-6]")
    if s.share(mask) < 0.95 or s.n_distinct < 5:
        return None
    if not s.matches(r"0\d|2[AaBb]|97\d").any():
        return None
    return Finding("department", s.weight(mask), s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} are French département codes"),
                        sampled=of_sampled(s.weight(mask), s.total)))


# ---------------------------------------------------------------- dates, ages, sex

_MONTHS = {"janv": 1, "jan": 1, "fevr": 2, "fev": 2, "feb": 2, "mars": 3, "mar": 3, "avr": 4, "apr": 4, "mai": 5,
           "may": 5, "juin": 6, "jun": 6, "juil": 7, "jul": 7, "aout": 8, "aug": 8, "sept": 9, "sep": 9, "oct": 10,
           "nov": 11, "dec": 12}
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?")
_YMD = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?")
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_TEXTUAL = re.compile(r"(\d{1,2})[ \-]?([a-z]{3,9})\.?[ \-]?(\d{4})(?::.*)?")
_DATE_SHAPE = (r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?:[ T].*)?|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}(?:[ T].*)?"
               r"|(?:19|20)\d{6}|\d{1,2}[ \-]?[A-Za-zéû]{3,9}\.?[ \-]?\d{4}(?::.*)?")


def _parse_date(value: str, month_first: bool) -> dt.date | None:
    try:
        if m := _YMD.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _COMPACT.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.fullmatch(value):
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            if len(m[3]) == 2:
                year += 2000 if year <= dt.date.today().year % 100 else 1900
            day, month = (b, a) if month_first else (a, b)
            return dt.date(year, month, day)
        if m := _TEXTUAL.fullmatch(fold(value)):
            named_month = _MONTHS.get(m[2][:4]) or _MONTHS.get(m[2][:3])
            return dt.date(int(m[3]), named_month, int(m[1])) if named_month else None
    except ValueError:
        return None
    return None


def detect_date(s: Sample) -> Finding | None:
    if s.length_share(6, 30) < 0.8:
        return None
    shaped = s.matches(_DATE_SHAPE)
    if s.share(shaped) < 0.8:
        return None
    checked = s.selected(shaped, limit=500)
    # 03/04/2020 is ambiguous; a column is month-first only if some value cannot be day-first.
    month_first = any((m := _DMY.fullmatch(v)) and int(m[2]) > 12 for v, _ in checked) and not any(
        (m := _DMY.fullmatch(v)) and int(m[1]) > 12 for v, _ in checked)
    dates: list[tuple[dt.date, int]] = []
    for value, count in checked:
        parsed = _parse_date(value, month_first)
        if parsed is not None and 1850 <= parsed.year <= 2100:
            dates.append((parsed, count))
    checked_total = sum(count for _, count in checked)
    share = sum(c for _, c in dates) / checked_total * s.share(shaped) if checked_total else 0.0
    if share < 0.8 or not dates:
        return None
    matched = round(share * s.total)
    years = [d.year for d, _ in dates]
    low, high = min(years), max(years)
    today = dt.date.today()
    if high - low >= 25 and low >= 1890 and max(d for d, _ in dates) <= today and statistics.median(years) <= today.year - 15:
        return Finding("birth_date", matched, s.total, True,
                       Text(QT_TRANSLATE_NOOP("core", "{sampled} are dates {low}–{high}, spread like birth dates"),
                            sampled=of_sampled(matched, s.total), low=low, high=high))
    return Finding("date", matched, s.total, True,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} are dates {low}–{high}"), sampled=of_sampled(matched, s.total), low=low, high=high))


# Courtesy titles (M., Mme, Mrs...) code sex as surely as M/F do.
_SEX_MALE = {"m", "h", "1", "male", "homme", "masculin", "man", "garcon", "boy", "mr", "monsieur"}
_SEX_FEMALE = {"f", "2", "female", "femme", "feminin", "woman", "fille", "girl", "mme", "mlle", "madame",
               "mademoiselle", "mrs", "ms", "miss"}
_SEX_OTHER = {"9", "0", "u", "i", "x", "inconnu", "indetermine", "unknown", "other", "autre", "nr", "nd"}


def detect_sex(s: Sample) -> Finding | None:
    if not 2 <= s.n_distinct <= 5:
        return None
    folded = {fold(v).strip(". ") for v in s.values()}
    if not folded <= _SEX_MALE | _SEX_FEMALE | _SEX_OTHER:
        return None
    if not (folded & _SEX_MALE and folded & _SEX_FEMALE):
        return None
    if folded <= {"0", "1", "2", "9"} and not {"1", "2"} <= folded:
        return None
    return Finding("sex", s.total, s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "all sampled values are one of {values}, a sex coding"),
                        values=", ".join(sorted(s.values()))))


def detect_age_or_year(s: Sample) -> Finding | None:
    ints = integers(s)
    if ints is None or s.n_distinct < 10:
        return None
    low, high = int(ints.min()), int(ints.max())
    this_year = dt.date.today().year
    if low >= 1880 and high <= this_year:
        return Finding("birth_year", s.total, s.total, False,
                       Text(QT_TRANSLATE_NOOP("core", "all sampled values are years {low}–{high}, like birth years"), low=low, high=high))
    if low >= 0 and high <= 120 and high - low >= 25:
        return Finding("age", s.total, s.total, False,
                       Text(QT_TRANSLATE_NOOP("core", "all sampled values are whole numbers {low}–{high}, like ages in years"),
                            low=low, high=high))
    return None


# ---------------------------------------------------------------- coordinates

COORDINATE = r"-?\d{1,3}[.,]\d{4,}"


def coordinate_range(s: Sample) -> tuple[float, float] | None:
    """(min, max) when the values are precise decimal coordinates (4+ decimals), else None."""
    mask = s.matches(COORDINATE)
    if s.share(mask) < 0.9 or s.n_distinct < 0.5 * s.total:
        return None
    numbers = pc.cast(pc.replace_substring(s.distinct.filter(pa.array(mask)), ",", "."), pa.float64())
    values = numbers.to_numpy(zero_copy_only=False)
    low, high = float(values.min()), float(values.max())
    if low < -180 or high > 180 or float(np.abs(values).mean()) < 1:
        return None
    return low, high
