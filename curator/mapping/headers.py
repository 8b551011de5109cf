"""Header similarity: how close a column's header is to each concept's names.

The header and every id, label, synonym and abbreviation are normalised the same way
(``text.header_tokens``) and compared as word sets, as letters without spaces, and with rapidfuzz
for typos. ``header_matches`` gives, per concept, the best match and how it was found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from curator.mapping.text import CONTEXT_WORDS, compact, header_tokens, without_context
from curator.mapping.vocabulary import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text, word


@dataclass
class _Name:
    concept: str
    text: str
    kind: str                      # id, label, synonym, abbreviation
    tokens: tuple[str, ...]
    joined: str                    # sorted tokens, space-separated
    packed: str                    # tokens without spaces, in order


class NameIndex:
    """Every name of every concept, normalised once per vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.names: list[_Name] = []
        for concept in vocabulary.concepts.values():
            entries = [(concept.id, "id"), (concept.label_fr, "label"), (concept.label_en, "label")]
            entries += [(s, "synonym") for s in concept.synonyms]
            entries += [(a, "abbreviation") for a in concept.abbreviations]
            seen: set[tuple[tuple[str, ...], str]] = set()
            for text, kind in entries:
                tokens = header_tokens(text) if text else ()
                if not tokens or (tokens, compact(text)) in seen:
                    continue
                seen.add((tokens, compact(text)))
                self.names.append(_Name(concept.id, text, kind, tokens, " ".join(sorted(tokens)), "".join(tokens)))
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(self.names):
            for token in set(name.tokens):
                self.by_token[token].append(i)
        self.joined = [n.joined for n in self.names]
        self.raw = [compact(n.text) for n in self.names]
        self.by_letters: dict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(self.names):
            self.by_letters[name.packed].append(i)
            if self.raw[i] != name.packed:
                self.by_letters[self.raw[i]].append(i)
        self.packed = [n.packed for n in self.names]


_indexes: dict[int, tuple[Vocabulary, NameIndex]] = {}


def name_index(vocabulary: Vocabulary) -> NameIndex:
    cached = _indexes.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        cached = (vocabulary, NameIndex(vocabulary))
        _indexes[id(vocabulary)] = cached
    return cached[1]


# Words that say what form a value has, not what it means: alone, they match nothing in part.
GENERIC_WORDS = frozenset({"code", "date", "numero", "identifiant", "libelle", "type", "valeur", "nombre",
                           "description", "name", "nom", "text", "texte", "year", "annee"})
KIND_RANK = {"label": 0, "synonym": 1, "id": 2, "abbreviation": 3}


@dataclass
class HeaderMatch:
    score: float
    name: _Name
    how: str      # "=", "≈", "contains", "part of"


def _token_relation(header: tuple[str, ...], name: tuple[str, ...]) -> tuple[float, str] | None:
    hs, ns = set(header), set(name)
    if hs == ns:
        return 1.0, "="
    if ns < hs:
        extra = len(hs - ns)
        return max(0.94 - 0.06 * extra, 0.72), "contains"
    if hs < ns:
        if all(len(t) < 3 for t in hs):
            return None           # 'm2' is not half of 'IMC (kg/m2)'
        return 0.4 + 0.35 * len(hs) / len(ns), "part of"
    common = hs & ns
    if common:
        return 0.35 + 0.4 * len(common) / len(hs | ns), "shares words with"
    return None


def _splits(tokens: tuple[str, ...], index: NameIndex) -> list[tuple[str, ...]]:
    """Run-together terse headers cut in two known words: 'ageinc' -> ('age', 'inclusion')."""
    if len(tokens) != 1 or len(tokens[0]) < 5 or tokens[0] in index.by_token:
        return []
    word = tokens[0]
    found = []
    for cut in range(2, len(word) - 1):
        left, right = header_tokens(word[:cut]), header_tokens(word[cut:])
        if left and right and all(t in index.by_token for t in (*left, *right)):
            found.append(left + right)
    return found


def header_matches(header: str, index: NameIndex, fuzzy_joined: np.ndarray, fuzzy_packed: np.ndarray
                    ) -> dict[str, HeaderMatch]:
    """Best match per concept for one header."""
    tokens = header_tokens(header)
    best: dict[str, HeaderMatch] = {}
    if not tokens:
        return best

    raw_header = compact(header)

    def rank(name: _Name) -> int:
        # On a tie, the reason quotes the name written like the header, then a label or synonym.
        return -1 if compact(name.text) == raw_header else KIND_RANK[name.kind]

    def offer(concept: str, score: float, name: _Name, how: str) -> None:
        current = best.get(concept)
        if current is None or score > current.score or (score == current.score and rank(name) < rank(current.name)):
            best[concept] = HeaderMatch(score, name, how)

    variants = {tokens: 1.0}
    variants.setdefault(without_context(tokens), 0.97)         # once 'patient', 'du'... are set aside
    for split in _splits(tokens, index):
        variants.setdefault(split, 0.93)                          # 'AGEINC' read as 'age inc'
    packed_header = "".join(tokens)
    candidates: set[int] = set()
    for variant in variants:
        for token in variant:
            candidates.update(index.by_token.get(token, ()))
    generic = {variant: all(t in CONTEXT_WORDS or t in GENERIC_WORDS for t in variant) for variant in variants}
    for i in candidates:
        name = index.names[i]
        for variant, weight in variants.items():
            relation = _token_relation(variant, name.tokens)
            if relation is None:
                continue
            score, how = relation
            if how != "=" and generic[variant]:
                continue       # a header 'PATIENT' or 'CODE' alone is not part of 'nom du patient', 'code acte'
            if how == "shares words with" and all(
                    t in CONTEXT_WORDS or t in GENERIC_WORDS for t in set(variant) & set(name.tokens)):
                continue       # 'collection_date' and 'Date d'entrée' share only the word 'date'
            if how == "=" and name.text != header.strip():
                score = min(score, 0.995)   # written exactly as a name beats equal after normalisation
            score *= weight
            if name.kind == "abbreviation" and how != "=":
                score *= 0.85          # abbreviations are matched whole, not in part
            offer(name.concept, score, name, how)
    # Same letters, different cut: 'datenaissance', 'DATE_NAISS' vs 'date naissance'.
    same_letters = set(index.by_letters.get(packed_header, ()))
    if len(raw_header) >= 3:
        same_letters.update(index.by_letters.get(raw_header, ()))
    for i in sorted(same_letters):
        offer(index.names[i].concept, 0.99, index.names[i], "=")
    # Fuzzy: typos and unlisted variants. Short strings are too easy to confuse to count.
    if len(packed_header) >= 4:
        strong = np.nonzero((fuzzy_joined >= 70) | (fuzzy_packed >= 70))[0]
        for j in strong.tolist():
            name = index.names[j]
            if len(name.packed) < 4:
                continue
            ratio = max(float(fuzzy_joined[j]), float(fuzzy_packed[j])) / 100.0
            # Only near-identical strings are typos; 70% alike is mostly shared filler letters.
            score = max(0.0, (ratio - 0.7) / 0.3) * (0.8 if name.kind == "abbreviation" else 0.95)
            offer(name.concept, score, name, "≈")
    return best


def fuzzy_matrices(headers: list[str], index: NameIndex) -> tuple[np.ndarray, np.ndarray]:
    if not index.names or not headers:
        empty = np.zeros((len(headers), len(index.names)), dtype=np.uint8)
        return empty, empty
    forms = [" ".join(sorted(header_tokens(h))) for h in headers]
    packed = ["".join(header_tokens(h)) for h in headers]
    return (process.cdist(forms, index.joined, scorer=fuzz.ratio, dtype=np.uint8),
            process.cdist(packed, index.packed, scorer=fuzz.ratio, dtype=np.uint8))


def best_by_header(headers: list[str], vocabulary: Vocabulary) -> list[tuple[str | None, float]]:
    """For each header (or label), the concept whose names it matches best, by header alone."""
    index = name_index(vocabulary)
    fuzzy_joined, fuzzy_packed = fuzzy_matrices(headers, index)
    best: list[tuple[str | None, float]] = []
    for i, header in enumerate(headers):
        matches = header_matches(header, index, fuzzy_joined[i], fuzzy_packed[i])
        if matches:
            concept, match = max(matches.items(), key=lambda item: (item[1].score, item[0]))
            best.append((concept, match.score))
        else:
            best.append((None, 0.0))
    return best


_NAME_KINDS = {"id": QT_TRANSLATE_NOOP("core", "concept id"), "label": QT_TRANSLATE_NOOP("core", "label"),
               "synonym": QT_TRANSLATE_NOOP("core", "synonym"),
               "abbreviation": QT_TRANSLATE_NOOP("core", "abbreviation")}
_RELATIONS = {
    "=": QT_TRANSLATE_NOOP("core", "header '{header}' = '{name}' ({what})"),
    "≈": QT_TRANSLATE_NOOP("core", "header '{header}' ≈ '{name}' ({what}, {percent}%)"),
    "contains": QT_TRANSLATE_NOOP("core", "header '{header}' contains '{name}' ({what})"),
    "part of": QT_TRANSLATE_NOOP("core", "header '{header}' part of '{name}' ({what})"),
    "shares words with": QT_TRANSLATE_NOOP("core", "header '{header}' shares words with '{name}' ({what})"),
}


def header_phrase(header: str, match: HeaderMatch) -> str:
    what = word(_NAME_KINDS[match.name.kind])
    return Text(_RELATIONS[match.how], header=header, name=match.name.text, what=what,
                percent=round(match.score * 100))
