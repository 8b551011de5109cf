"""The multi-table recipe (format 3): a submission of tables and links, and older one-table recipes as submissions."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from curator.errors import InputError
from curator.recipe.model import ColumnDecision, Recipe, Transform
from curator.recipe.schema import RECIPE_VERSION, recipe_schema
from curator.recipe.submission import Link, Submission

V2_RECIPE = {
    "format": "curator-recipe", "version": 2,
    "reader": {"format": "csv"},
    "columns": [{"source": "Id", "transform": {"action": "pseudonymise"}}],
    "protection": {"quasi_identifiers": ["GENDER"], "k_target": 5},
    "export": {"producer_id": "R1", "producer_name": "Registre", "dataset_title": "T"},
}


def _two_tables() -> Submission:
    patients = Recipe(name="patients", columns=[ColumnDecision("Id", transform=Transform("pseudonymise")),
                                                ColumnDecision("GENDER")],
                      primary_key=["Id"], person_key="Id")
    patients.protection.quasi_identifiers = ["GENDER"]
    patients.protection.k_target = 5
    patients.export.producer_id = "R1"
    encounters = Recipe(name="encounters", columns=[ColumnDecision("Id", transform=Transform("pseudonymise")),
                                                    ColumnDecision("PATIENT", transform=Transform("pseudonymise"))],
                        primary_key=["Id"], person_key="PATIENT")
    return Submission.of([patients, encounters], [Link("encounters", ["PATIENT"], "patients", ["Id"], "header")])


def test_version_2_recipe_loads_as_a_submission_of_its_one_table() -> None:
    submission = Submission.from_dict(V2_RECIPE)
    assert submission.migrated_from == 2 and len(submission.tables) == 1 and not submission.links
    (table,) = submission.tables
    assert table.protection.k_target == 5 and table.export.producer_id == "R1"
    assert table.column("Id") == ColumnDecision("Id", transform=Transform("pseudonymise"))
    # Saved again it keeps the one-table form, in the current version.
    saved = submission.to_dict()
    assert saved["version"] == RECIPE_VERSION and "tables" not in saved and saved["columns"][0]["source"] == "Id"


def test_submission_round_trips_and_shares_its_fields(tmp_path: Path) -> None:
    submission = _two_tables()
    path = tmp_path / "recipe.json"
    submission.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(recipe_schema()).iter_errors(data))
    assert [t["name"] for t in data["tables"]] == ["patients", "encounters"]
    assert data["protection"]["k_target"] == 5 and "quasi_identifiers" not in data["protection"]   # submission-wide only
    assert data["tables"][0]["protection"]["quasi_identifiers"] == ["GENDER"]
    assert "export" not in data["tables"][0]
    assert data["links"] == [{"table": "encounters", "columns": ["PATIENT"],
                              "references": {"table": "patients", "columns": ["Id"]}, "reason": "header"}]
    loaded = Submission.load(path)
    assert loaded == submission
    encounters = loaded.table("encounters")
    assert encounters is not None and encounters.export.producer_id == "R1" and encounters.protection.k_target == 5
    assert encounters.protection.quasi_identifiers == [] and encounters.person_key == "PATIENT"


def test_recipe_load_reads_a_one_table_submission_and_refuses_several(tmp_path: Path) -> None:
    data = _two_tables().to_dict()
    one = copy.deepcopy(data)
    one["tables"], one["links"] = one["tables"][:1], []
    recipe = Recipe.from_dict(one)
    assert recipe.name == "patients" and recipe.primary_key == ["Id"] and recipe.protection.k_target == 5
    with pytest.raises(InputError, match="2 linked tables"):
        Recipe.from_dict(data)


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda d: d["links"][0].update(table="visits"), "names table 'visits'"),
    (lambda d: d["links"][0]["references"].update(columns=["Nope"]), "'Nope' not in table 'patients'"),
    (lambda d: d["tables"][1].update(name="patients"), "two tables are named 'patients'"),
    (lambda d: d["tables"][0].update(person_key="SSN"), "key column 'SSN'"),
])
def test_links_and_keys_must_name_what_is_there(edit, expected: str) -> None:
    data = _two_tables().to_dict()
    edit(data)
    with pytest.raises(InputError) as raised:
        Submission.from_dict(data)
    assert any(expected in str(line) for line in raised.value.details)


def test_a_broken_table_entry_is_refused_naming_its_column() -> None:
    data = _two_tables().to_dict()
    data["tables"][1]["columns"][1]["transform"]["action"] = "pseudonymize"
    with pytest.raises(InputError) as raised:
        Submission.from_dict(data)
    assert raised.value.where is not None and raised.value.where.column == "PATIENT"
    assert any("tables[1].columns[1].transform.action" in str(line) for line in raised.value.details)
