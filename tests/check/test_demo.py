"""The demo registry: every coded column maps with no unmapped value once suggestions are accepted,
and the accepted recipe converts and validates it cleanly."""

from __future__ import annotations

import pyarrow.compute as pc

from curator.check import blockers, convert_and_validate
from curator.check.convert import suggested_code_map
from curator.load import read_file
from curator.mapping import load_vocabulary, suggest_codes, suggest_columns
from curator.mapping.codes import initial_review, unmapped
from curator.recipe.model import ColumnDecision, Recipe
from curator.resources import demo_csv

CODED = {"Sexe": "sex", "Code CIM-10": "diagnosis_icd10", "Statut vital": "vital_status", "Tabac": "smoking_status"}


def test_demo_coded_columns_map_with_no_unmapped_value() -> None:
    loaded = read_file(demo_csv())
    vocabulary = load_vocabulary()
    assigned = {s.name: s.assigned for s in suggest_columns(loaded.table, vocabulary)}
    coded = {n: c for n, c in assigned.items() if c and vocabulary.code_list_of(vocabulary.concepts[c])}
    assert coded == CODED
    for name, concept_id in coded.items():
        code_list = vocabulary.code_list_of(vocabulary.concepts[concept_id])
        assert code_list is not None
        values = pc.unique(pc.drop_null(loaded.table.column(name))).to_pylist()
        code_map, review = initial_review(suggest_codes(values, code_list))
        assert unmapped(values, code_map, code_list) == [], name
        assert "unmapped" not in review.values(), name


def test_demo_validates_after_accepting_suggestions() -> None:
    loaded = read_file(demo_csv())
    vocabulary = load_vocabulary()
    decisions = []
    for s in suggest_columns(loaded.table, vocabulary):
        concept = vocabulary.concepts[s.assigned] if s.assigned else None
        code_map = suggested_code_map(loaded.table.column(s.name), concept, vocabulary) if concept else {}
        decisions.append(ColumnDecision(s.name, s.assigned, transform=concept.default_action if concept else
                                        ColumnDecision(s.name).transform, code_map=code_map))
    recipe = Recipe(reader=loaded.source.options, columns=decisions, vocabulary=vocabulary.describe())
    output, report = convert_and_validate(loaded.table, recipe, vocabulary)
    assert report.ok, report.summary()
    assert output.num_rows == loaded.table.num_rows == 5000
    assert str(output.schema.field("Date de naissance").type) == "date32[day]"
    assert str(output.schema.field("Poids (kg)").type) == "double"
    assert set(output.column("Sexe").unique().to_pylist()) <= {"1", "2", "9", None}
    assert blockers(recipe, vocabulary, report) == []
