"""Coherence rules as a vocabulary or a Table Schema declares them: read, and refused with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.errors import InputError
from curator.mapping import load_vocabulary
from curator.mapping.rules import EXACT_DUPLICATES


def _vocabulary(tmp_path: Path, rules: object) -> Path:
    data = {"format": "curator-vocabulary", "format_version": 1, "id": "mine", "version": "1",
            "concepts": [{"id": "start", "value_type": "date"}, {"id": "end", "value_type": "date"},
                         {"id": "mass", "value_type": "number"}, {"id": "years", "value_type": "integer"},
                         {"id": "status", "value_type": "code", "code_list": "status"},
                         {"id": "person", "value_type": "string"}, {"id": "note", "value_type": "string"}],
            "code_lists": [{"id": "status", "codes": [{"code": "1"}, {"code": "2"}]}],
            "rules": rules}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_hub_core_ships_its_rules() -> None:
    hub = load_vocabulary()
    rules = {r.id: r for r in hub.rules}
    assert rules["stay_dates_in_order"].concepts == ["admission_date", "discharge_date"]
    assert rules["life_dates_in_order"].concepts == ["birth_date", "diagnosis_date", "death_date"]
    assert rules["death_date_when_deceased"].both_ways and rules["death_date_when_deceased"].condition_in == ["2"]
    assert (rules["age_at_diagnosis"].minimum, rules["age_at_diagnosis"].maximum) == (0, 120)
    assert rules["one_row_per_patient"].kind == "unique" and "admission_date" in rules["one_row_per_patient"].unless_mapped
    assert rules["no_event_after_death"].linked
    assert rules["weight_for_age"].ages[0] == ["age"] and rules["height_for_age"].bands[-1].maximum == 250
    assert rules["diagnosis_within_stay"].kind == "within" and rules["diagnosis_within_stay"].link == "patient_local_id"
    assert rules["stay_dates_in_order"].label.in_language("fr") == "sortie avant l'entrée"


def test_a_producer_declares_rules(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(_vocabulary(tmp_path, [
        {"id": "ends_after", "order": "end >= start", "label_en": "ends before it starts"},
        {"id": "strict", "order": "start < end"},
        {"id": "ended", "presence": {"if": "status", "in": [2], "then": "end"}},
        {"id": "short", "span": {"from": "start", "to": "end", "unit": "days", "maximum": 30}},
        {"id": "one_each", "unique": ["person", "start"]},
        {"id": "mass_for_age", "plausible": {"value": "mass", "age": ["years", ["start", "end"]],
                                             "bands": [{"from_age": 0, "maximum": 20}, {"from_age": 18, "minimum": 25}]}},
        {"id": "in_a_stay", "within": {"value": "end", "from": "start", "to": "end"}, "link": "person"}]))
    rules = {r.id: r for r in vocabulary.rules}
    assert rules["ends_after"].concepts == ["start", "end"] and rules["ends_after"].strict == [False]
    assert rules["strict"].strict == [True]
    assert rules["ended"].condition_in == ["2"] and not rules["ended"].both_ways
    assert rules["short"].unit == "days" and rules["short"].minimum is None
    assert rules["one_each"].concepts == ["person", "start"]
    assert str(rules["strict"].label) == "start < end"
    assert rules["mass_for_age"].ages == [["years"], ["start", "end"]]
    assert rules["mass_for_age"].concepts == ["mass", "years", "start", "end"]
    assert [(b.age, b.minimum, b.maximum) for b in rules["mass_for_age"].bands] == [(0, None, 20), (18, 25, None)]
    assert rules["in_a_stay"].linked and rules["in_a_stay"].concepts == ["end", "start", "end"]


@pytest.mark.parametrize(("rules", "said"), [
    ([{"id": "x", "order": "start <= finish"}], "unknown concept 'finish'"),
    ([{"id": "x", "order": "start => end"}], "not an order of concepts"),
    ([{"id": "x", "order": "start <= end >= start"}], "mixes rising and falling"),
    ([{"id": "x", "order": "start <= note"}], "type 'string'"),
    ([{"id": "x", "span": {"from": "start", "to": "end", "unit": "weeks", "maximum": 3}}], "unknown unit 'weeks'"),
    ([{"id": "x", "span": {"from": "start", "to": "end", "minimum": 5, "maximum": 3}}], "'minimum' is above"),
    ([{"id": "x", "order": "start <= end", "unique": ["person"]}], "exactly one of"),
    ([{"id": "x", "equal": ["start"]}], "exactly one of"),
    ([{"id": "Bad id", "unique": ["person"]}], "no valid 'id'"),
    ([{"id": "x", "unique": ["person"]}, {"id": "x", "unique": ["note"]}], "defined twice"),
    ([{"id": EXACT_DUPLICATES, "unique": ["person"]}], "reserved"),
    ([{"id": "x", "presence": {"if": "status", "then": "end"}}], "'in' must list"),
    ({"id": "x"}, "'rules' must be a list"),
    ([{"id": f"r{i}", "unique": ["person"]} for i in range(501)], "more than 500 rules"),
    ([{"id": "x", "plausible": {"value": "mass", "age": ["years"]}}], "needs 'value', 'age' and 'bands'"),
    ([{"id": "x", "plausible": {"value": "note", "age": ["years"], "bands": [{"from_age": 0, "maximum": 1}]}}],
     "type 'string'"),
    ([{"id": "x", "plausible": {"value": "mass", "age": [["start"]], "bands": [{"from_age": 0, "maximum": 1}]}}],
     "pairs of dates"),
    ([{"id": "x", "plausible": {"value": "mass", "age": [["years", "end"]], "bands": [{"from_age": 0, "maximum": 1}]}}],
     "type 'integer'"),
    ([{"id": "x", "plausible": {"value": "mass", "age": ["years"], "bands": []}}], "'bands' must list"),
    ([{"id": "x", "plausible": {"value": "mass", "age": ["years"], "bands": [{"from_age": 0}]}}], "each band needs"),
    ([{"id": "x", "plausible": {"value": "mass", "age": ["years"],
                                "bands": [{"from_age": 5, "maximum": 1}, {"from_age": 2, "maximum": 3}]}}],
     "rise in age"),
    ([{"id": "x", "plausible": {"value": "mass", "age": ["years"], "bands": [{"from_age": 0, "minimum": 4,
                                                                              "maximum": 1}]}}], "'minimum' is above"),
    ([{"id": "x", "within": {"value": "start", "from": "start", "to": "end"}}], "needs a 'link'"),
    ([{"id": "x", "within": {"value": "start", "from": "start"}, "link": "person"}], "needs 'value', 'from' and 'to'"),
])
def test_bad_rules_are_refused_with_where_and_what(tmp_path: Path, rules: object, said: str) -> None:
    path = _vocabulary(tmp_path, rules)
    with pytest.raises(InputError) as caught:
        load_vocabulary(path)
    assert said in caught.value.message
    assert caught.value.where is not None and Path(str(caught.value.where.file)).name == "mine.json"


def test_table_schema_declares_rules_and_takes_hub_core_ones(tmp_path: Path) -> None:
    schema = {"name": "sejours", "fields": [
        {"name": "ENT_DTE", "type": "date", "description": "Date d'entrée"},
        {"name": "SOR_DTE", "type": "date", "description": "Date de sortie"},
        {"name": "NUM", "type": "string"}],
        "rules": [{"id": "num_once", "unique": ["NUM"]}]}
    path = tmp_path / "sejours.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    rules = {r.id: r for r in load_vocabulary(path).rules}
    assert rules["num_once"].concepts == ["NUM"]
    assert rules["stay_dates_in_order"].concepts == ["ENT_DTE", "SOR_DTE"]
    assert "death_date_when_deceased" not in rules
