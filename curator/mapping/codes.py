"""Code-value mapping: each distinct source value of a coded column -> a vocabulary code.

Suggestions are exact (the value is a code), synonym (a known way of writing a code: 'H', 'Homme',
'Male' -> '1'; 'C50.9' -> 'C509'; '1' -> '01'), or fuzzy (close to a label or synonym). The user
reviews them as in Usagi: each value has a review state, bulk actions accept or reject many at
once, and whatever stays unmapped is counted and listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from curator.mapping.text import strip_accents, value_key
from curator.mapping.vocabulary import CodeList

REVIEW_STATES = ("suggested", "approved", "rejected", "unmapped")
FUZZY_CUTOFF = 82.0          # rapidfuzz WRatio (0-100) below which a label match is not offered
MAX_FUZZY_VALUES = 3_000     # fuzzy matching is per value; beyond this, values stay unmapped for review


@dataclass(frozen=True)
class CodeSuggestion:
    code: str | None
    score: float
    method: str      # "exact" | "synonym" | "fuzzy" | "none"
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "score": round(self.score, 3), "method": self.method, "label": self.label}


_SHAPE = str.maketrans("0123456789abcdefghijklmnopqrstuvwxyz", "9" * 10 + "a" * 26)


def key_shape(key: str) -> str:
    """The outline of a value key: 'c509' -> 'a999'. Two keys of different outlines never match."""
    return key.translate(_SHAPE)


def _code_key(code: str) -> str:
    # Codes are mostly plain ASCII letters and digits: their key is their lower case.
    return code.lower() if code.isascii() and code.isalnum() else value_key(code)


def code_summary(codes: list[str]) -> dict[str, Any]:
    """What a vocabulary file records of a big code list so it is read only for the columns that need it:
    its size, and the outlines of its code keys (``scripts/build_vocabulary.py`` writes it)."""
    return {"count": len(codes), "key_shapes": sorted({key_shape(_code_key(code)) for code in codes})}


class CodeIndex:
    """Lookups over one code list, built once per list (and so per vocabulary) and reused for every value.

    Codes are indexed at once; labels and synonyms (tens of thousands for ICD-10 and CCAM) only
    when a value is not a code, so scoring a column against a big list stays cheap.
    """

    def __init__(self, code_list: CodeList) -> None:
        self.code_list = code_list
        self.code_keys: dict[str, str] = {}
        self.digits: dict[int, str] = {}
        for code in code_list.codes:
            self.code_keys.setdefault(_code_key(code), code)
            if code.isdigit():
                self.digits.setdefault(int(code), code)
        self._label_keys: dict[str, str] | None = None
        self._words: dict[str, list[str]] = {}

    @property
    def label_keys(self) -> dict[str, str]:
        if self._label_keys is None:
            keys: dict[str, str] = {}
            words: dict[str, list[str]] = defaultdict(list)
            for code in self.code_list.codes.values():
                for text in (code.label_fr, code.label_en, *code.synonyms):
                    key = value_key(text)
                    if key and key not in self.code_keys and key not in keys:
                        keys[key] = code.code
                        for word in set(_words(text)):
                            words[word].append(key)
            self._label_keys = keys
            self._words = dict(words)
        return self._label_keys

    def _fuzzy_choices(self, value: str) -> list[str]:
        """Labels worth comparing: those sharing one of the value's two rarest words (all, for a short list)."""
        keys = self.label_keys
        if len(keys) <= 2_000:
            return list(keys)
        known = sorted((w for w in set(_words(value)) if w in self._words), key=lambda w: len(self._words[w]))
        choices: set[str] = set()
        for word in known[:2]:
            choices.update(self._words[word])
        return sorted(choices)

    def exact_or_synonym(self, value: str, labels: bool = True) -> CodeSuggestion | None:
        codes = self.code_list.codes
        if value in codes:
            return CodeSuggestion(value, 1.0, "exact", self.code_list.label(value))
        stripped = value.strip()
        if stripped in codes:
            return CodeSuggestion(stripped, 0.99, "exact", self.code_list.label(stripped))
        key = value_key(value)
        # A code always wins over a label or synonym spelled like it.
        code = self.code_keys.get(key)
        if code is None and stripped.isdigit() and int(stripped) in self.digits:
            code = self.digits[int(stripped)]         # leading zeros: '1' -> '01', '001' -> '01'
        if code is None and key.endswith("x") and key[:-1] in self.code_keys:
            code = self.code_keys[key[:-1]]            # ICD-10 'C50X' written for the category
        if code is None and labels:
            code = self.label_keys.get(key)
        if code is None:
            return None
        return CodeSuggestion(code, 0.95, "synonym", self.code_list.label(code))

    def fuzzy(self, value: str) -> CodeSuggestion | None:
        key = value_key(value)
        if len(key) < 4 or key.isdigit():
            return None
        choices = self._fuzzy_choices(value)
        if not choices:
            return None
        found = process.extractOne(key, choices, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
        if found is None:
            return None
        code = self.label_keys[found[0]]
        return CodeSuggestion(code, round(0.9 * found[1] / 100.0, 3), "fuzzy", self.code_list.label(code))


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", strip_accents(text).lower()) if len(w) >= 3]


def code_index(code_list: CodeList) -> CodeIndex:
    """The list's index, built on first use and kept on the list (so it lives as long as its vocabulary)."""
    index = code_list.index
    if not isinstance(index, CodeIndex):
        index = CodeIndex(code_list)
        code_list.index = index
    return index


def _may_hold_codes(values: list[str], code_list: CodeList) -> bool:
    """False when no value has the outline of a code of the list: the list need not be read at all.

    A necessary condition for ``exact_or_synonym(value, labels=False)``: a code, its key, a number
    written without leading zeros, or an ICD-10 category written with a trailing X.
    """
    shapes = code_list.key_shapes
    if shapes is None:
        return True
    numeric = any(shape.strip("9") == "" for shape in shapes)
    for value in values:
        key = value_key(value)
        if key_shape(key) in shapes or (numeric and value.strip().isdigit()):
            return True
        if key.endswith("x") and key_shape(key[:-1]) in shapes:
            return True
    return False


def suggest_codes(values: list[str], code_list: CodeList, fuzzy: bool = True) -> dict[str, CodeSuggestion]:
    """For each distinct source value, the code it most likely means (or none)."""
    index = code_index(code_list)
    result: dict[str, CodeSuggestion] = {}
    fuzzy_budget = MAX_FUZZY_VALUES
    for value in values:
        if value is None or value in result:
            continue
        suggestion = index.exact_or_synonym(value)
        if suggestion is None and fuzzy and fuzzy_budget > 0:
            fuzzy_budget -= 1
            suggestion = index.fuzzy(value)
        result[value] = suggestion or CodeSuggestion(None, 0.0, "none")
    return result


def coverage(values: list[str], code_list: CodeList) -> float:
    """Fraction of distinct values that are codes or known synonyms (no fuzzy)."""
    if not values:
        return 0.0
    labels = len(code_list) <= 200        # big lists: codes only, their labels are for suggest_codes
    head = values[:40]
    if not labels and not _may_hold_codes(head, code_list):
        return 0.0                        # nothing here looks like one of its codes: not even read
    index = code_index(code_list)
    found = sum(1 for v in head if index.exact_or_synonym(v, labels) is not None)
    if found <= len(head) * 0.1 or len(values) == len(head):
        return found / len(head)      # clearly not this list: no need to look further
    return (found + sum(1 for v in values[40:] if index.exact_or_synonym(v, labels) is not None)) / len(values)


# --- review (Usagi-like) ---------------------------------------------------------------------------

def initial_review(suggestions: dict[str, CodeSuggestion]) -> tuple[dict[str, str | None], dict[str, str]]:
    """code_map and code_review for a ColumnDecision: every suggestion is 'suggested', the rest 'unmapped'."""
    code_map: dict[str, str | None] = {}
    review: dict[str, str] = {}
    for value, suggestion in suggestions.items():
        if suggestion.code is None:
            review[value] = "unmapped"
        else:
            code_map[value] = suggestion.code
            review[value] = "suggested"
    return code_map, review


def approve(code_map: dict[str, str | None], review: dict[str, str], values: list[str] | None = None,
            suggestions: dict[str, CodeSuggestion] | None = None, min_score: float = 0.0,
            methods: tuple[str, ...] = ("exact", "synonym", "fuzzy")) -> int:
    """Bulk action: approve the suggested values (all, or ``values``), optionally only above a score or by method."""
    changed = 0
    for value in list(values if values is not None else review):
        if review.get(value) != "suggested" or value not in code_map:
            continue
        if suggestions is not None:
            s = suggestions.get(value)
            if s is None or s.score < min_score or s.method not in methods:
                continue
        review[value] = "approved"
        changed += 1
    return changed


def reject(code_map: dict[str, str | None], review: dict[str, str], values: list[str]) -> int:
    """Bulk action: reject suggestions; the values become unmapped until mapped by hand."""
    changed = 0
    for value in values:
        if review.get(value) in ("suggested", "approved"):
            code_map.pop(value, None)
            review[value] = "rejected"
            changed += 1
    return changed


def set_code(code_map: dict[str, str | None], review: dict[str, str], value: str, code: str | None) -> None:
    """Map one value by hand (``None`` = empty it): approved at once."""
    code_map[value] = code
    review[value] = "approved"


def unmapped(values: list[str], code_map: dict[str, str | None], code_list: CodeList | None,
             counts: dict[str, int] | None = None) -> list[tuple[str, int]]:
    """Values that neither map nor are codes already, with their row counts, most frequent first."""
    codes = code_list.codes if code_list is not None else {}
    missing = [v for v in values if v not in code_map and v not in codes]
    return sorted(((v, (counts or {}).get(v, 0)) for v in missing), key=lambda item: (-item[1], item[0]))
