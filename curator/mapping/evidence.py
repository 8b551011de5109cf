"""Value and identification evidence: how well a column's values fit a concept, and why.

Measured over a column's sampled distinct values (``values.ValueShape``): dates and their years,
numbers and their range, patterns, code-list coverage, NIR and RPPS/ADELI keys, phone and e-mail
shapes, name lexicons, street words. Each ``ValueFit`` says how much the values support the concept
(``fit``), whether that is specific enough to suggest it without a header (``strength``), and the
phrase the reason quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import phonenumbers
from stdnum import luhn
from stdnum.fr import nir as stdnum_nir

from curator.identify.detect_people import commune_or_postcode
from curator.identify.lexicons import first_names, last_names
from curator.mapping.codes import coverage
from curator.mapping.text import compact
from curator.mapping.values import ValueShape, to_float
from curator.mapping.vocabulary import CodeList, Concept, Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Label, Text, word

NEUTRAL = 0.75            # value compatibility when values neither support nor contradict
FIT_VALUES = 300          # distinct values enough to measure a fraction
DATE_PRIOR = {"diagnosis_date": 0.45, "admission_date": 0.44, "procedure_date": 0.43, "inclusion_date": 0.42,
              "discharge_date": 0.41, "death_date": 0.40, "birth_date": 0.30}

@dataclass
class ValueFit:
    fit: float           # 0 contradicts, NEUTRAL says nothing, 1 supports
    strength: float      # how specific the evidence is: strong enough to suggest without a header
    phrase: str


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bound(value: Any, upper: bool) -> float | None:
    if value is None:
        return None
    if value == "today":
        return float(date.today().year) if not upper else float(date.today().year)
    if value == "this_year":
        return float(date.today().year)
    if isinstance(value, int | float):
        return float(value)
    text = str(value)
    if _ISO_DATE.match(text):
        return float(text[:4])
    try:
        return float(text)
    except ValueError:
        return None


def _in_range(numbers: list[float], concept: Concept) -> float:
    low, high = _bound(concept.minimum, False), _bound(concept.maximum, True)
    if not numbers:
        return 0.0
    inside = sum(1 for x in numbers if (low is None or x >= low) and (high is None or x <= high))
    return inside / len(numbers)


def _pct(fraction: float) -> int:
    """A share as a whole percentage, for the templates' "{pct}%"."""
    return round(fraction * 100)


_TNM = re.compile(r"^(y?[cpr]?T[0-4xX](is|a|[a-d])?\s*[cp]?N[0-3xX][a-c]?\s*[cp]?M[01xX][a-c]?|[0-4][ABCabc]?|I{1,3}[ABC]?|IV[ABC]?|0)$")
_ADDRESS = re.compile(r"^\d+\s*(bis|ter|b|t)?,?\s+[^\W\d_]{2,}", re.IGNORECASE)
_STREET = re.compile(r"\b(rue|avenue|av|bd|boulevard|chemin|impasse|place|all[ée]e|route|quai|cours|square|"
                     r"lieu[- ]dit|r[ée]sidence|street|road|lane|drive|avenue)\b", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE_SHAPE = re.compile(r"^\+?[\d\s().\-/]{8,22}$")


def _specific_fit(concept: Concept, shape: ValueShape) -> ValueFit | None:
    """Detectors precise enough to suggest a concept from the values alone (headerless files)."""
    values = shape.distinct[:FIT_VALUES]
    n = len(values)
    cid = concept.id
    if cid == "nir" and sum(1 for v in values[:50] if len(v) >= 13 and v[0] in "123478") * 2 > len(values[:50]):
        valid = sum(1 for v in values if stdnum_nir.is_valid(v.strip())) / n
        if valid > 0:
            return ValueFit(valid, 0.95 if valid > 0.5 else 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are NIRs with a valid key"), pct=_pct(valid)))
    if cid == "practitioner_id":
        keyed = sum(1 for v in values if v.strip().isdigit() and len(v.strip()) in (9, 11) and luhn.is_valid(v.strip())) / n
        if keyed > 0.5:
            return ValueFit(keyed, 0.8, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are RPPS/ADELI numbers with a valid key"),
                                                pct=_pct(keyed)))
    if cid == "phone":
        phones = sum(1 for v in values if _looks_like_phone(v)) / n
        return ValueFit(phones, 0.85 if phones > 0.6 else 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are phone numbers"), pct=_pct(phones)))
    if cid == "email":
        fit = sum(1 for v in values if _EMAIL.match(v.strip())) / n
        return ValueFit(fit, 0.9 if fit > 0.6 else 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are email addresses"), pct=_pct(fit)))
    if cid in ("first_name", "last_name", "birth_name") and not (shape.date_fraction > 0.5 or shape.number_fraction > 0.5):
        titled = sum(1 for v in values if v.strip().lower().startswith(("dr ", "dr.", "pr ", "pr.", "docteur", "professeur")))
        if titled > len(values) / 2:
            return ValueFit(0.1, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are doctors' names")))
        first, last, full = lexicon_rates(values)
        if full > 0.5:
            return ValueFit(0.2, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are full names (first and last name together)"),
                                              pct=_pct(full)))
        own = first if cid == "first_name" else last
        other = last if cid == "first_name" else first
        fit = 0.4 + 0.6 * shape.alpha_fraction * (0.5 + 0.5 * own)
        strength = 0.0
        if own > 0.7 and own >= other:
            strength = 0.55 if cid == "birth_name" else 0.75     # a surname is more often the used name
        return ValueFit(fit, strength, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are known first names") if cid == "first_name"
                                       else QT_TRANSLATE_NOOP("core", "{pct}% of values are known surnames"), pct=_pct(own)))
    return None


def _looks_like_phone(value: str) -> bool:
    """A national number with its trunk 0, or an international one that phonenumbers finds possible."""
    text = value.strip()
    digits = sum(ch.isdigit() for ch in text)
    if not 9 <= digits <= 15 or not _PHONE_SHAPE.match(text):
        return False
    if text.startswith(("+", "00")):
        if text.startswith("00") and digits < 11:
            return False        # '00' + country code + number: shorter is a zero-padded identifier
        international = "".join(ch for ch in text if ch.isdigit())
        if (text[0] == "+" and international.startswith("33")) or international.startswith("0033"):
            national = international[2:] if text[0] == "+" else international[4:]
            if len(national) == 9 and national[0] != "0":
                return True     # the common French case, without asking phonenumbers
        try:
            return bool(phonenumbers.is_possible_number(phonenumbers.parse(text, None if text[0] == "+" else "FR")))
        except phonenumbers.NumberParseException:
            return False
    if text.isdigit():
        return len(text) == 10 and text.startswith("0") and text[1] != "0"
    return text.lstrip("(").startswith("0")


CIVILITIES = frozenset({"m", "mr", "mme", "mlle", "mrs", "ms", "miss", "dr", "pr", "monsieur", "madame"})


def lexicon_rates(values: list[str]) -> tuple[float, float, float]:
    """Shares of values that start with a known first name, a known surname, and that are full names."""
    return _lexicon_rates_of(tuple(values[:300]))


@lru_cache(maxsize=128)
def _lexicon_rates_of(values: tuple[str, ...]) -> tuple[float, float, float]:
    firsts, lasts = first_names(), last_names()
    first = last = full = 0
    sample = values
    for value in sample:
        words = [w for w in (compact(_name_part(part)) for part in value.replace(",", " ").split())
                 if w and w not in CIVILITIES]
        if not words:
            continue
        first += words[0] in firsts
        last += words[0] in lasts
        if len(words) >= 2 and ((words[0] in lasts and words[-1] in firsts) or (words[0] in firsts and words[-1] in lasts)):
            full += 1
    n = max(len(sample), 1)
    return first / n, last / n, full / n


def _name_part(word: str) -> str:
    """'Adalberto722' -> 'Adalberto': exports that make names unique (Synthea) append digits to a
    capitalised name. Codes keep their digits ('GEO0001', 'pat12'), so they are never taken for names."""
    letters = word.rstrip("0123456789")
    if letters != word and len(letters) >= 3 and letters[0].isupper() and letters[1:].islower():
        return letters
    return word


def value_fit(concept: Concept, shape: ValueShape, vocabulary: Vocabulary) -> ValueFit:
    """How well the column's values fit the concept (fit 0-1), how much that alone says (strength), and why."""
    if shape.empty:
        return ValueFit(NEUTRAL, 0.0, Text(QT_TRANSLATE_NOOP("core", "the column is empty")))
    specific = _specific_fit(concept, shape)
    if specific is not None:
        return specific
    values = shape.distinct[:FIT_VALUES]
    vt = concept.value_type
    if concept.date_format == "%m":
        vt = "integer"
    if vt in ("date", "datetime"):
        return _date_fit(concept, shape)
    if vt == "year":
        return _year_fit(values)
    if vt == "integer" or (vt == "number" and shape.number_fraction > 0):
        return _number_fit(concept, shape, values, whole=vt == "integer")
    if vt == "number":
        return ValueFit(0.0, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are not numbers")))
    if vt == "boolean":
        return _boolean_fit(concept, values)
    if concept.enum:
        return _enum_fit(concept.enum, values)
    code_list = vocabulary.code_list_of(concept)
    if code_list is not None:
        fit = coverage(values[:500], code_list)
        phrase = Text(QT_TRANSLATE_NOOP("core", "{pct}% of distinct values are in the code list '{code_list}'"), pct=_pct(fit),
                      code_list=code_list.id)
        return ValueFit(fit, _code_strength(concept, code_list, values, fit), phrase)
    if concept.pattern:
        return _pattern_fit(concept, concept.pattern, values)
    return _free_text_fit(concept, shape)


# Concepts whose fit can be specific enough alone (a strength above 0), by the fit that measures them.
_ALONE_SPECIFIC = frozenset({"nir", "practitioner_id", "phone"})
_ALONE_PATTERN = frozenset({"procedure_ccam", "morphology_icdo3", "topography_icdo3", "drug_atc", "postal_code",
                            "commune_code"})
_ALONE_TEXT = frozenset({"address", "free_text"})


def may_stand_alone(concept: Concept, shape: ValueShape, vocabulary: Vocabulary) -> bool:
    """False when :func:`value_fit` surely gives a strength of 0 (the values alone never suggest the
    concept), told without measuring: a column whose header matches nothing skips that fit. Follows
    value_fit's dispatch; tests/mapping check it against value_fit on real columns."""
    if shape.empty:
        return False
    cid = concept.id
    if cid in ("first_name", "last_name", "birth_name"):
        return not (shape.date_fraction > 0.5 or shape.number_fraction > 0.5)
    if cid == "email":
        return any("@" in value for value in shape.distinct[:FIT_VALUES])
    if cid in _ALONE_SPECIFIC:
        return True
    vt = "integer" if concept.date_format == "%m" else concept.value_type
    if vt in ("date", "datetime"):
        return shape.date_fraction != 0
    if vt == "integer" or (vt == "number" and shape.number_fraction > 0):
        return len(shape.distinct) >= 8         # _number_fit's strength needs 8 distinct values
    if vt in ("year", "number", "boolean") or concept.enum:
        return False
    code_list = vocabulary.code_list_of(concept)
    if code_list is not None:       # see _code_strength
        values = shape.distinct[:FIT_VALUES]
        if cid == "sex":
            return len(values) <= 4 and any(not value.strip().isdigit() for value in values)
        if cid == "department":
            return len(values) > 5
        return len(code_list) > 200
    if concept.pattern:
        return cid in _ALONE_PATTERN
    return cid in _ALONE_TEXT


def _date_fit(concept: Concept, shape: ValueShape) -> ValueFit:
    """A date concept: the share of dates; their span says which event they may record."""
    if shape.date_fraction == 0:
        return ValueFit(0.0, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are not dates")))
    fit = shape.date_fraction
    phrase = Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are dates"), pct=_pct(fit))
    # Without a header, which event a date column records is a guess: the order follows how
    # often registries carry each one, and only dates decades apart suggest births.
    strength = DATE_PRIOR.get(concept.id, 0.35)
    if shape.date_years:
        y0, y1 = shape.date_years
        phrase = Text(QT_TRANSLATE_NOOP("core", "values are dates {first}–{last} ({pct}%)"), first=y0, last=y1, pct=_pct(fit))
        fit *= _in_range([float(y0), float(y1)], concept) * 0.5 + 0.5
        if concept.id == "birth_date" and y0 < 1975 and y1 - y0 > 25:
            fit, strength = min(1.0, fit + 0.05), 0.6     # decades apart: people's birth dates
    return ValueFit(fit, strength, phrase)


def _year_fit(values: list[str]) -> ValueFit:
    """A year concept: the share of values that are plausible years."""
    numbers = [x for x in (to_float(v, False) for v in values if v.strip().isdigit()) if x is not None]
    fit = sum(1 for x in numbers if 1800 <= x <= 2100) / len(values)
    return ValueFit(fit, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are years"), pct=_pct(fit)))


def _number_fit(concept: Concept, shape: ValueShape, values: list[str], whole: bool) -> ValueFit:
    """A number concept (``whole``: integers): the share of numbers and of those in the concept's range."""
    matching = shape.integer_fraction if whole else shape.number_fraction
    if matching == 0:
        return ValueFit(0.0, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are not whole numbers") if whole
                                       else QT_TRANSLATE_NOOP("core", "values are not numbers")))
    numbers = _numbers_of(tuple(values), shape.decimal_comma)
    in_range = _in_range(numbers, concept) if (concept.minimum is not None or concept.maximum is not None) else 1.0
    fit = matching * (0.3 + 0.7 * in_range)
    phrase = Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are whole numbers") if whole
                  else QT_TRANSLATE_NOOP("core", "{pct}% of values are numbers"), pct=_pct(matching))
    if shape.numbers:
        lo, hi = shape.numbers
        if in_range > 0.95:
            phrase = Text(QT_TRANSLATE_NOOP("core", "values are whole numbers {low:g}–{high:g}") if whole
                          else QT_TRANSLATE_NOOP("core", "values are numbers {low:g}–{high:g}"), low=lo, high=hi)
        else:
            phrase = Text(QT_TRANSLATE_NOOP("core", "values are whole numbers {low:g}–{high:g}, {pct}% out of range") if whole
                          else QT_TRANSLATE_NOOP("core", "values are numbers {low:g}–{high:g}, {pct}% out of range"),
                          low=lo, high=hi, pct=_pct(1 - in_range))
    strength = 0.0
    if whole and matching > 0.95 and in_range > 0.98 and len(values) >= 8:
        if concept.id == "birth_year" and shape.numbers and shape.numbers[1] - shape.numbers[0] >= 10:
            strength = 0.65
        elif concept.id == "age" and shape.numbers and shape.numbers[1] >= 30:
            strength = 0.55
    elif not whole and matching > 0.95 and in_range > 0.98 and len(values) >= 8 and concept.minimum is not None:
        strength = 0.45       # a measurement in the concept's plausible range: offered, never assigned alone
    return ValueFit(fit, strength, phrase)


@lru_cache(maxsize=64)
def _numbers_of(values: tuple[str, ...], decimal_comma: bool) -> list[float]:
    """The values read as numbers: the same for every number concept a column is scored against."""
    return [x for x in (to_float(v, decimal_comma) for v in values) if x is not None]


def _boolean_fit(concept: Concept, values: list[str]) -> ValueFit:
    """A yes/no concept: the share of values among its true and false words."""
    accepted = {t.lower() for t in (concept.true_values or ["1", "true", "oui", "o", "y", "yes"])}
    accepted |= {f.lower() for f in (concept.false_values or ["0", "false", "non", "n", "no"])}
    fit = sum(1 for v in values if v.strip().lower() in accepted) / len(values)
    return ValueFit(fit, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are yes/no"), pct=_pct(fit)))


def _enum_fit(enum: list[str], values: list[str]) -> ValueFit:
    """A concept with a list of allowed values: the share of values in it."""
    allowed = set(enum)
    fit = sum(1 for v in values if v.strip() in allowed) / len(values)
    return ValueFit(fit, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are allowed ({allowed})"), pct=_pct(fit),
                                    allowed=", ".join(enum[:5])))


def _pattern_fit(concept: Concept, pattern_text: str, values: list[str]) -> ValueFit:
    """A concept with a pattern: the share of values matching it; for some codes that alone is telling."""
    pattern = _compiled(pattern_text)
    if pattern is None:
        return ValueFit(NEUTRAL, 0.0, Text(""))
    fit = sum(1 for v in values if pattern.match(v.strip())) / len(values)
    strength = 0.0
    if fit > 0.6 and concept.id in ("procedure_ccam", "morphology_icdo3", "topography_icdo3", "drug_atc"):
        strength = 0.85
    elif fit > 0.8 and concept.id in ("postal_code", "commune_code"):
        # Told apart by the values only one of them takes; undecided, neither is suggested alone.
        told = commune_or_postcode(values)
        strength = 0.6 if told is not None and (told == "postcode") == (concept.id == "postal_code") else 0.0
    return ValueFit(fit, strength, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values match the pattern of '{concept}'"), pct=_pct(fit),
                                      concept=Label(concept.label_en or concept.id, fr=concept.label_fr)))


@lru_cache(maxsize=256)
def _compiled(pattern_text: str) -> re.Pattern[str] | None:
    """A concept's pattern compiled once: ``re.compile``'s own cache costs more than the match on a wide file."""
    try:
        return re.compile(pattern_text)
    except re.error:
        return None


def _code_strength(concept: Concept, code_list: CodeList, values: list[str], fit: float) -> float:
    """Whether coverage alone is telling: a few '1'/'2' values fit many small lists."""
    if fit < 0.6:
        return 0.0
    if concept.id == "sex":
        return 0.75 if len(values) <= 4 and fit >= 0.99 and any(not v.strip().isdigit() for v in values) else 0.0
    if concept.id == "department":
        padded = any(len(v.strip()) == 2 and (v.strip().startswith("0") or v.strip().upper() in ("2A", "2B"))
                     for v in values)
        return 0.6 if padded and len(values) > 5 else 0.0
    return 0.9 if len(code_list) > 200 else 0.0


def _free_text_fit(concept: Concept, shape: ValueShape) -> ValueFit:
    values = shape.distinct[:FIT_VALUES]
    looks_dated = shape.date_fraction > 0.5
    numeric = shape.number_fraction > 0.8
    if concept.id == "address":
        if looks_dated:       # "18 février 1985" has a number and a word, as "18 rue Pasteur" has
            return ValueFit(0.0, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are dates")))
        fit = sum(1 for v in values if _ADDRESS.search(v) or _STREET.search(v)) / len(values)
        return ValueFit(0.3 + 0.7 * fit, 0.7 if fit > 0.7 else 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values look like street addresses"),
                                                                            pct=_pct(fit)))
    if concept.id == "free_text":
        if numeric or looks_dated:
            return ValueFit(0.1, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are not text")))
        fit = min(1.0, shape.mean_length / 30.0)
        strong = shape.mean_length > 40 and shape.distinct_ratio > 0.5
        return ValueFit(0.3 + 0.7 * fit, 0.65 if strong else 0.0,
                         Text(QT_TRANSLATE_NOOP("core", "values are text of {length:.0f} characters on average"), length=shape.mean_length))
    if concept.id == "patient_local_id":
        if looks_dated:
            return ValueFit(0.1, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are dates")))
        first, last, full = lexicon_rates(values)
        if max(first, last, full) > 0.5:
            return ValueFit(0.0, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are people's names")))
        wordy = shape.alpha_fraction
        fit = (0.3 + 0.7 * shape.distinct_ratio) * (1.0 - 0.7 * wordy)
        return ValueFit(fit, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are distinct"), pct=_pct(shape.distinct_ratio)))
    if concept.id == "tnm_stage":
        fit = sum(1 for v in values if _TNM.match(v.strip())) / len(values)
        return ValueFit(0.3 + 0.7 * fit, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values look like TNM stages"), pct=_pct(fit)))
    if looks_dated and concept.value_type == "string" and concept.max_length is None:
        return ValueFit(0.5, 0.0, Text(QT_TRANSLATE_NOOP("core", "values are dates")))
    if concept.max_length is not None or concept.min_length is not None:
        low, high = concept.min_length or 0, concept.max_length or 10**9
        fit = sum(1 for v in values if low <= len(v.strip()) <= high) / len(values)
        return ValueFit(0.3 + 0.7 * fit, 0.0, Text(QT_TRANSLATE_NOOP("core", "{pct}% of values have the expected length"), pct=_pct(fit)))
    return ValueFit(NEUTRAL, 0.0, "")


def describe_values(shape: ValueShape) -> str:
    if shape.empty:
        return "empty"
    if shape.date_fraction >= 0.8:
        return "date"
    if shape.integer_fraction >= 0.9:
        return "integer"
    if shape.number_fraction >= 0.9:
        return "number"
    return "text"


# Kinds the identify stage reports (curator/identify/model.py) -> the hub-core concept they mean.
KIND_CONCEPTS = {
    "patient_id": "patient_local_id", "postcode": "postal_code",
    "finess": "establishment_finess", "icd10": "diagnosis_icd10", "diagnosis": "diagnosis_icd10",
    "ccam": "procedure_ccam", "procedure": "procedure_ccam", "atc": "drug_atc", "drug": "drug_atc",
    "topography": "topography_icdo3", "morphology": "morphology_icdo3", "tnm": "tnm_stage",
    "smoking": "smoking_status", "rpps": "practitioner_id", "adeli": "practitioner_id",
}


def identification_bonus(concept: Concept, ident: Any) -> tuple[float, str]:
    if ident is None:
        return 0.0, ""
    return _bonus(concept.id, concept.identifying, tuple(getattr(ident, "kinds", None) or ()), getattr(ident, "klass", None))


@lru_cache(maxsize=4096)
def _bonus(concept_id: str, identifying: str | None, kinds: tuple[Any, ...], klass: str | None) -> tuple[float, str]:
    """The bonus for what identification found: the same for every column identified alike."""
    for kind in (str(k).lower() for k in kinds):
        if KIND_CONCEPTS.get(kind, kind) == concept_id:
            return 0.1, Text(QT_TRANSLATE_NOOP("core", "identification found {kind}"), kind=word(kind.replace("_", " ")))
    if klass is not None and klass == identifying and klass != "none":
        return 0.02, ""
    if klass == "none" and identifying == "direct":
        return -0.05, ""
    return 0.0, ""
