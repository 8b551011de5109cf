"""`curator recipe init`: a first recipe from the Map stage's suggestions and each concept's default action.

The recipe it makes is safe before it is clever: every column that identifies a person is dropped
or pseudonymised, a column that matches no concept is exported only when identification says it
identifies nobody, and the code maps it proposes stay "suggested" until a person approves them.
Everything it decided on the user's behalf is said in ``notes``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

import pyarrow.compute as pc

from curator.identify import ColumnIdentification, identify_table
from curator.load import read_file
from curator.mapping import ColumnSuggestions, Concept, Vocabulary, load_vocabulary, suggest_columns
from curator.mapping.codes import initial_review, suggest_codes
from curator.messages import QT_TRANSLATE_NOOP, Label, Text, word
from curator.progress import ProgressCallback, report, scaled
from curator.recipe.drift import describe_columns
from curator.recipe.model import ColumnDecision, Recipe, Transform
from curator.recipe.params import DEFAULT_K
from curator.recipe.privacy import leaves_identifying
from curator.source import LoadedTable, ReadOptions

DEFAULT_RECORD_CAP = 0.10   # records that may lose a quasi-identifier cell to Reach k
MAX_CODE_VALUES = 5_000     # a "coded" column with more distinct values than this gets no code map


def _identify(loaded: LoadedTable, progress: ProgressCallback | None) -> list[ColumnIdentification]:
    return list(identify_table(loaded.table, progress=progress))


def _vocabulary(vocabulary: Vocabulary | str | Path | None) -> Vocabulary:
    if vocabulary is None or isinstance(vocabulary, str | Path):
        return load_vocabulary(vocabulary)
    return vocabulary


def _code_map(loaded: LoadedTable, name: str, concept: Concept, vocabulary: Vocabulary) -> tuple[dict[str, str | None], dict[str, str]]:
    code_list = vocabulary.code_list_of(concept)
    if code_list is None:
        return {}, {}

    counts = pc.value_counts(pc.drop_null(loaded.table.column(name)))
    if len(counts) > MAX_CODE_VALUES:
        return {}, {}
    values = counts.field("values").to_pylist()
    # Values already written as codes need no map entry: they pass as they are.
    suggestions = {v: s for v, s in suggest_codes(values, code_list).items() if not (s.code == v and v in code_list)}
    return initial_review(suggestions)


def _protection_defaults(recipe: Recipe, loaded: LoadedTable, quasi: list[str], floors: dict[str, str],
                         knows_attackers: bool) -> list[str]:
    """Store the quasi-identifiers in their default order of importance, the floors and the caps."""
    # The order is the importance Reach k suppresses cells by (the first suppressed last): by
    # default the columns with the most distinct values first, so that the cells suppressed first
    # carry the least information (a sex rather than a département: the least entropy lost).
    distinct = {name: pc.count_distinct(loaded.table.column(name)).as_py() for name in quasi}
    quasi = sorted(quasi, key=lambda name: -distinct[name])
    recipe.protection.quasi_identifiers = quasi
    # Every quasi-identifying column's floor, ticked or not: it holds when the user ticks it.
    recipe.protection.floors = floors
    if knows_attackers:
        # Reach k keeps each quasi-identifier within its floor and blanks the few cells that make
        # a person rare, rather than coarsening a whole column for them.
        recipe.protection.suppression_unit = "cells"
        recipe.protection.suppression_cap = DEFAULT_RECORD_CAP
    return quasi


def recipe_from_loaded(loaded: LoadedTable, vocabulary: Vocabulary | str | Path | None = None,
                       identifications: Sequence[ColumnIdentification] | None = None,
                       suggestions: Sequence[ColumnSuggestions] | None = None, notes: list[str] | None = None,
                       progress: ProgressCallback | None = None) -> Recipe:
    """A recipe for ``loaded``: the assigned concept of each column and that concept's default action.

    ``identifications`` and ``suggestions`` are computed when not given. ``notes`` (if given)
    receives a sentence for each choice made on the user's behalf.
    """
    said = notes if notes is not None else []
    vocab = _vocabulary(vocabulary)
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "identifying columns"))
    idents = list(identifications) if identifications is not None else _identify(loaded, scaled(progress, 0.0, 0.4))
    report(progress, 0.4, QT_TRANSLATE_NOOP("core", "suggesting concepts"))
    if suggestions is None:
        suggestions = suggest_columns(loaded.table, vocab, idents, progress=scaled(progress, 0.4, 0.8))
    assigned = {s.name: s.assigned for s in suggestions}
    detected = {i.name: i.klass for i in idents}

    columns: list[ColumnDecision] = []
    quasi: list[str] = []
    floors: dict[str, str] = {}
    # A vocabulary that says which quasi-identifiers an attacker can know decides; one that does
    # not (an imported Table Schema) leaves every quasi-identifier ticked.
    knows_attackers = any(c.quasi_default or c.floor for c in vocab.concepts.values())
    for name in loaded.table.column_names:
        concept_id = assigned.get(name)
        klass = detected.get(name)
        if concept_id is not None:
            concept = vocab.concept(concept_id)
            transform = copy.deepcopy(concept.default_action) if isinstance(concept.default_action, Transform) \
                else Transform()
            decision = ColumnDecision(source=name, concept=concept_id, transform=transform)
            decision.code_map, decision.code_review = _code_map(loaded, name, concept, vocab)
            klass = klass if klass == "direct" else concept.identifying
        elif klass in (None, "none", "sensitive"):
            decision = ColumnDecision(source=name, transform=Transform("keep"))
            said.append(Text(QT_TRANSLATE_NOOP("core", "'{name}' matches no concept; kept under its own name (identification: {klass})"),
                             name=name, klass=word(klass or QT_TRANSLATE_NOOP("core", "not run"))))
        else:
            decision = ColumnDecision(source=name, transform=Transform("drop"))
            said.append(Text(QT_TRANSLATE_NOOP("core", "'{name}' matches no concept and is {klass}-identifying: dropped until it is mapped"),
                             name=name, klass=word(klass)))
        if leaves_identifying(detected.get(name), decision.transform):
            said.append(Text(QT_TRANSLATE_NOOP("core", "'{name}' looks directly identifying, so it is dropped rather than '{action}' (the "
                             "default of {concept})"), name=name, action=word(decision.transform.action),
                             concept=decision.concept))
            decision.transform = Transform("drop")
        if klass == "quasi" and decision.transform.action != "drop":
            meaning = vocab.concepts.get(concept_id) if concept_id is not None else None
            if meaning is not None and meaning.floor:
                floors[name] = meaning.floor
            if meaning is None or meaning.quasi_default or not knows_attackers:
                quasi.append(name)
            if meaning is not None and meaning.quasi_reason_en:
                reason = Label(meaning.quasi_reason("en"), fr=meaning.quasi_reason("fr"))
                said.append(Text(QT_TRANSLATE_NOOP("core", "'{name}' is a quasi-identifier: {reason}"), name=name,
                                 reason=reason) if name in quasi else
                            Text(QT_TRANSLATE_NOOP("core", "'{name}' is not ticked as a quasi-identifier. {reason}"),
                                 name=name, reason=reason))
        columns.append(decision)

    recipe = Recipe(reader=copy.deepcopy(loaded.source.options), source=loaded.source.to_dict(),
                    vocabulary=vocab.describe(), columns=columns)
    if vocab.id != "hub-core" and vocab.path:
        recipe.vocabulary["path"] = str(vocab.path)     # so that apply finds an imported vocabulary again
    report(progress, 0.8, QT_TRANSLATE_NOOP("core", "describing columns for the drift report"))
    recipe.source_columns = describe_columns(loaded.table, idents)
    quasi = _protection_defaults(recipe, loaded, quasi, floors, knows_attackers)
    if quasi:
        recipe.protection.k_target = DEFAULT_K
        said.append(Text(QT_TRANSLATE_NOOP("core", "quasi-identifiers for the risk measure: {names}; k target {k}"), names=", ".join(quasi),
                         k=DEFAULT_K))
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "recipe ready"))
    return recipe


def recipe_init(path: str | Path, options: ReadOptions | None = None, vocabulary: Vocabulary | str | Path | None = None,
                notes: list[str] | None = None, progress: ProgressCallback | None = None) -> Recipe:
    """Read ``path`` and make its first recipe (see :func:`recipe_from_loaded`)."""
    loaded = read_file(path, options, progress=scaled(progress, 0.0, 0.3))
    if notes is not None:
        notes.extend(loaded.warnings)
    return recipe_from_loaded(loaded, vocabulary, notes=notes, progress=scaled(progress, 0.3, 1.0))
