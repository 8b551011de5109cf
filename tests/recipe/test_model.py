"""The recipe file: readable JSON that round-trips, follows the published schema, migrates old versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from curator.errors import InputError
from curator.recipe.model import RECIPE_FORMAT, RECIPE_VERSION, ColumnDecision, Recipe, Transform
from curator.recipe.schema import SCHEMA_PATH, recipe_schema

# A recipe exactly as curator wrote version 1 (before the format marker and column aliases).
V1_RECIPE = {
    "version": 1,
    "reader": {"format": "csv", "encoding": "cp1252", "delimiter": ";"},
    "source": {"path": "registre.csv", "format": "csv", "size": 10, "sha256": "00", "rows": 2},
    "source_columns": [{"name": "NIR", "type": "text"}],
    "vocabulary": {"id": "hub-core", "version": "1", "checksum": "x"},
    "columns": [{"source": "NIR", "concept": "nir", "identifying": None,
                 "transform": {"action": "pseudonymise", "params": {}, "keep_confirmed": False},
                 "code_map": {}, "code_review": {}, "validation": {}, "output_name": None}],
    "protection": {"quasi_identifiers": [], "sensitive_column": None, "k_target": 5, "suppression_cap": 0.0,
                   "hierarchies": {}, "generalisation": {}},
    "export": {"producer_id": "R1", "producer_name": "", "dataset_title": "", "dataset_description": "",
               "period": "2025", "recipients": []},
}


def test_schema_file_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(recipe_schema())
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["properties"]["version"]["const"] == RECIPE_VERSION


def test_demo_recipe_round_trips_as_sorted_indented_json(demo_recipe: Recipe, tmp_path: Path) -> None:
    path = tmp_path / "recipe.json"
    demo_recipe.save(path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == RECIPE_FORMAT and data["version"] == RECIPE_VERSION
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "Prénom" in text                      # accents written as they are, readable in a diff
    assert Recipe.load(path) == demo_recipe
    assert not path.with_name("recipe.json.part").exists()
    assert not list(Draft202012Validator(recipe_schema()).iter_errors(data))


def test_version_1_recipe_is_migrated_and_saved_in_the_current_format(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps(V1_RECIPE), encoding="utf-8")
    recipe = Recipe.load(old)
    assert recipe.migrated_from == 1
    assert recipe.column("NIR") == ColumnDecision("NIR", "nir", transform=Transform("pseudonymise"))
    assert recipe.protection.k_target == 5 and recipe.export.period == "2025"
    saved = json.loads(recipe.to_json())
    assert saved["version"] == RECIPE_VERSION and saved["format"] == RECIPE_FORMAT
    assert saved["columns"][0]["aliases"] == []
    assert Recipe.from_dict(saved).migrated_from is None
    assert V1_RECIPE["version"] == 1 and "format" not in V1_RECIPE     # the caller's data are not changed


def test_recipe_from_a_newer_curator_is_refused() -> None:
    data = json.loads(Recipe().to_json())
    data["version"] = RECIPE_VERSION + 1
    with pytest.raises(InputError, match="newer curator"):
        Recipe.from_dict(data)


@pytest.mark.parametrize("data, message", [
    ([1, 2], "JSON object"),
    ({"format": "curator-vocabulary", "version": 1}, "not a curator recipe"),
    ({"columns": []}, "no valid format version"),
    ({"version": 0}, "not known"),
])
def test_what_is_not_a_recipe_is_refused_clearly(data: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        Recipe.from_dict(data)


def test_schema_errors_say_where(tmp_path: Path) -> None:
    data = json.loads(Recipe(columns=[ColumnDecision("NIR"), ColumnDecision("Sexe")]).to_json())
    data["columns"][1]["transform"]["action"] = "pseudonymize"
    data["protection"]["k_target"] = 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Recipe.load(path)
    error = caught.value
    assert error.where is not None and error.where.file == path and error.where.column == "Sexe"
    assert any(d.startswith("columns[1].transform.action: 'pseudonymize'") for d in error.details)
    assert any(d.startswith("protection.k_target:") for d in error.details)


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "version": 2,\n  "columns": [\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Recipe.load(path)
    assert caught.value.where is not None and caught.value.where.line == 4


def test_a_secret_key_cannot_pass_as_a_recipient() -> None:
    data = json.loads(Recipe().to_json())
    data["export"]["recipients"] = ["AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"]
    with pytest.raises(InputError, match="recipe format"):
        Recipe.from_dict(data)
    data["export"]["recipients"] = ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]
    assert Recipe.from_dict(data).export.recipients == data["export"]["recipients"]
