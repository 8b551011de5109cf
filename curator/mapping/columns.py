"""Column suggestions: for each source column, the vocabulary concepts it most likely carries.

A concept's score combines three kinds of evidence, each explained in the reason:

- the header: normalised (case, accents, punctuation, word order, filler words, abbreviations)
  and compared with every label, synonym and abbreviation of the concept, exactly and with
  rapidfuzz;
- the values: type (dates, integers, decimals), plausible range, pattern, check digits,
  code-list coverage — measured over a sample of distinct values;
- what identification found (a NIR, a phone number...), when it is given.

Then a one-to-one assignment over the whole file gives each concept to one column at most (except
concepts that may repeat, such as secondary diagnoses), best scores first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from curator.mapping.evidence import (
    ValueFit,
    describe_values,
    identification_bonus,
    may_stand_alone,
    value_fit,
)
from curator.mapping.headers import (
    HeaderMatch,
    fuzzy_matrices,
    header_matches,
    header_phrase,
    name_index,
)
from curator.mapping.text import header_tokens
from curator.mapping.values import SHORT_ROWS, ValueShape, shape_of, short_shapes
from curator.mapping.vocabulary import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report

__all__ = ["ColumnSuggestions", "Suggestion", "suggest_columns"]

MAX_SUGGESTIONS = 5
MIN_SHOWN = 0.30          # scores below this are not worth showing
ASSIGN_MIN = 0.50         # below this a column stays unmapped rather than get a doubtful concept
HEADER_CANDIDATES = 12    # for large vocabularies, only the best header matches get value checks


@dataclass
class Suggestion:
    concept: str
    score: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"concept": self.concept, "score": round(self.score, 3), "reason": self.reason}


@dataclass
class ColumnSuggestions:
    name: str
    suggestions: list[Suggestion] = field(default_factory=list)
    assigned: str | None = None
    value_type: str = "empty"      # what the values look like: date, integer, number, text, empty
    evidence: list[str] = field(default_factory=list)

    @property
    def best(self) -> Suggestion | None:
        return self.suggestions[0] if self.suggestions else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "assigned": self.assigned, "value_type": self.value_type,
                "evidence": list(self.evidence), "suggestions": [s.to_dict() for s in self.suggestions]}


def _score_column(header: str, shape: ValueShape, vocabulary: Vocabulary, matches: dict[str, HeaderMatch],
                  ident: Any, fits: dict[str, ValueFit] | None = None, loose: set[str] | None = None) -> list[Suggestion]:
    """``fits``: the value fits already measured for this shape (filled as they are measured);
    ``loose``: the concepts this shape's values cannot suggest alone (filled as they are found)."""
    fits = {} if fits is None else fits
    loose = set() if loose is None else loose
    concepts = vocabulary.concepts
    if len(concepts) <= 100:
        candidates = list(concepts)
    else:
        ranked = sorted(matches.items(), key=lambda item: -item[1].score)[:HEADER_CANDIDATES]
        candidates = [cid for cid, _ in ranked]
    suggestions = []
    for concept_id in candidates:
        concept = concepts[concept_id]
        match = matches.get(concept_id)
        header_score = match.score if match else 0.0
        fit = fits.get(concept_id)
        if fit is None:
            if match is None and (concept_id in loose or not may_stand_alone(concept, shape, vocabulary)):
                loose.add(concept_id)
                continue      # values that cannot stand alone, no header: under MIN_SHOWN (see below)
            fit = fits[concept_id] = value_fit(concept, shape, vocabulary)
        by_header = header_score * (0.45 + 0.55 * fit.fit)
        by_values = fit.strength * fit.fit * 0.85
        if match is None and fit.strength < 0.6 and by_values < MIN_SHOWN:
            continue      # no header and loose values: identification can only lower the score (below)
        bonus, ident_phrase = identification_bonus(concept, ident)
        if fit.fit < 0.25 or (header_score < 0.3 and fit.strength < 0.6):
            # Identification backs a header or strong values; it does not overrule values that
            # contradict the concept, nor make a guess from loose values alone.
            bonus, ident_phrase = min(bonus, 0.0), ""
        score = min(1.0, max(by_header, by_values) + bonus)
        if score < MIN_SHOWN:
            continue
        parts = []
        if match and header_score >= 0.3:
            parts.append(header_phrase(header, match))
        if fit.phrase:
            parts.append(fit.phrase)
        if ident_phrase:
            parts.append(ident_phrase)
        reason = Text.joined(QT_TRANSLATE_NOOP("core", "; "), parts) if parts else Text(QT_TRANSLATE_NOOP("core", "values fit"))
        suggestions.append(Suggestion(concept_id, round(max(score, 0.0), 4), reason))
    suggestions.sort(key=lambda s: (-s.score, s.concept))
    return suggestions[:MAX_SUGGESTIONS]


def _shape_key(shape: ValueShape) -> tuple[Any, ...]:
    """Everything a shape holds, hashable: equal keys, equal value fits."""
    return tuple(tuple(value) if isinstance(value, list) else value for value in vars(shape).values())


PATIENT_ID = "patient_local_id"
BARE_ID_DEMOTION = 0.6       # a bare 'Id' next to a column that names the patient: the row's own id


def _bare_id_is_the_rows_own(columns: list[ColumnSuggestions]) -> None:
    """'Id' alone is the patient's id in a table of patients, but the record's own id (an encounter,
    a diagnosis) in a table that also has a column naming the patient: that column gets the concept."""
    naming = [c.name for c in columns if "patient" in header_tokens(c.name)
              and any(s.concept == PATIENT_ID and s.score >= ASSIGN_MIN for s in c.suggestions)]
    if not naming:
        return
    for column in columns:
        if header_tokens(column.name) != ("identifiant",) or column.name in naming:
            continue
        for index, suggestion in enumerate(column.suggestions):
            if suggestion.concept == PATIENT_ID:
                column.suggestions[index] = Suggestion(
                    PATIENT_ID, round(suggestion.score * BARE_ID_DEMOTION, 4),
                    Text(QT_TRANSLATE_NOOP("core", "{reason}; but column '{naming}' names the patient, so '{name}' is more likely this "
                         "table's own record id"), reason=suggestion.reason, naming=naming[0], name=column.name))
        column.suggestions.sort(key=lambda s: (-s.score, s.concept))


def _assign(columns: list[ColumnSuggestions], vocabulary: Vocabulary) -> None:
    """Greedy one-to-one assignment, best scores first; repeatable concepts may serve several columns."""
    pairs = sorted(((s.score, ci, s.concept) for ci, col in enumerate(columns) for s in col.suggestions
                    if s.score >= ASSIGN_MIN), key=lambda p: (-p[0], p[1], p[2]))
    taken: set[str] = set()
    for _score, ci, concept_id in pairs:
        column = columns[ci]
        if column.assigned is not None or concept_id in taken:
            continue
        column.assigned = concept_id
        concept = vocabulary.concepts.get(concept_id)
        if concept is None or not concept.repeatable:
            taken.add(concept_id)
    for column in columns:
        if column.assigned is not None:
            # The assigned concept leads, so the first suggestion is always what the user sees chosen.
            column.suggestions.sort(key=lambda s: (s.concept != column.assigned, -s.score, s.concept))


def suggest_columns(table: pa.Table, vocabulary: Vocabulary, identifications: Sequence[Any] | None = None,
                    profiles: Sequence[Any] | None = None, progress: ProgressCallback | None = None
                    ) -> list[ColumnSuggestions]:
    """Ranked concept suggestions for every column of ``table``, with a one-to-one assignment.

    ``identifications`` (objects with ``name``, ``klass``, ``kinds``) add identifying evidence;
    ``profiles`` are accepted for symmetry with the other stages (values are sampled here).
    """
    del profiles
    index = name_index(vocabulary)
    headers = list(table.column_names)
    idents = {getattr(i, "name", None): i for i in (identifications or [])}
    fuzzy_joined, fuzzy_packed = fuzzy_matrices(headers, index)
    # A concept's value fit depends on the shape alone, and a column whose header matches nothing
    # gets what its shape and identification give: a wide file's columns share both often.
    fits_by_shape: dict[tuple[Any, ...], dict[str, ValueFit]] = {}
    loose_by_shape: dict[tuple[Any, ...], set[str]] = {}
    unnamed: dict[tuple[Any, ...], list[Suggestion]] = {}
    # Short text columns (a wide file of a few rows) are measured together (see values.short_shapes).
    columns = table.columns
    short = [ci for ci, column in enumerate(columns) if len(column) <= SHORT_ROWS
             and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type))]
    measured = dict(zip(short, short_shapes([columns[ci].to_pylist() for ci in short]), strict=True))
    results = []
    for ci, header in enumerate(headers):
        report(progress, ci / max(len(headers), 1), Text(QT_TRANSLATE_NOOP("core", "suggesting concepts for '{column}'"), column=header))
        shape = measured.pop(ci, None) or shape_of(columns[ci])
        matches = header_matches(header, index, fuzzy_joined[ci], fuzzy_packed[ci])
        ident = idents.get(header)
        key = _shape_key(shape)
        fits = fits_by_shape.setdefault(key, {})
        loose = loose_by_shape.setdefault(key, set())
        if matches:
            suggestions = _score_column(header, shape, vocabulary, matches, ident, fits, loose)
        else:
            alike = (key, getattr(ident, "klass", None), tuple(getattr(ident, "kinds", None) or ()) if ident else None)
            if alike not in unnamed:
                unnamed[alike] = _score_column(header, shape, vocabulary, matches, ident, fits, loose)
            suggestions = list(unnamed[alike])
        evidence = [s.reason for s in suggestions[:1]]
        results.append(ColumnSuggestions(header, suggestions, None, describe_values(shape), evidence))
    _bare_id_is_the_rows_own(results)
    _assign(results, vocabulary)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "suggestions ready"))
    return results
