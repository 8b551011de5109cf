"""`curator recipe init`: a safe first recipe from the suggestions and each concept's default action."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.recipe.model import Recipe

PROTECTIVE = {"drop", "pseudonymise", "scrub"}


def test_demo_recipe_takes_each_concepts_default_action(demo_recipe: Recipe) -> None:
    def action(name: str) -> tuple[str | None, str, dict]:
        decision = demo_recipe.column(name)
        assert decision is not None, name
        return decision.concept, decision.transform.action, decision.transform.params

    assert action("N° dossier") == ("patient_local_id", "pseudonymise", {})
    assert action("NIR") == ("nir", "pseudonymise", {})
    for name, concept in (("Nom", "last_name"), ("Prénom", "first_name"), ("Téléphone", "phone"),
                          ("Email", "email"), ("Adresse", "address"), ("Commentaire", "free_text")):
        assert action(name) == (concept, "drop", {})
    assert action("Date de naissance") == ("birth_date", "generalise", {"to": "year"})
    assert action("Code postal") == ("postal_code", "generalise", {"to": "department"})
    assert action("Date de diagnostic") == ("diagnosis_date", "generalise", {"to": "year_month"})
    assert action("Code CIM-10")[:2] == ("diagnosis_icd10", "keep")
    assert demo_recipe.vocabulary["id"] == "hub-core"
    assert demo_recipe.reader.encoding == "cp1252" and demo_recipe.reader.delimiter == ";"
    assert demo_recipe.source["rows"] == 5000 and len(demo_recipe.source["sha256"]) == 64


def test_code_maps_are_suggested_never_approved(demo_recipe: Recipe) -> None:
    vital = demo_recipe.column("Statut vital")
    assert vital is not None
    assert vital.code_map == {"Vivant": "1", "Décédé": "2", "Perdu de vue": "3"}
    assert set(vital.code_review.values()) == {"suggested"}
    sex = demo_recipe.column("Sexe")
    assert sex is not None and sex.code_map["Homme"] == "1" and sex.code_map["F"] == "2"
    assert "1" not in sex.code_map          # values already written as codes need no entry


def test_no_identifying_column_is_kept_and_quasi_identifiers_are_listed(demo_recipe_notes) -> None:
    recipe, notes = demo_recipe_notes
    classes = {p["name"]: p.get("identifying") for p in recipe.source_columns}
    for decision in recipe.columns:
        if classes[decision.source] == "direct":
            assert decision.transform.action in PROTECTIVE, decision.source
    commune = recipe.column("Commune")
    assert commune is not None and commune.concept is None and commune.transform.action == "drop"
    assert any("'Commune' matches no concept" in n for n in notes)
    assert {"Sexe", "Date de naissance", "Code postal"} <= set(recipe.protection.quasi_identifiers)
    assert "NIR" not in recipe.protection.quasi_identifiers
    assert recipe.protection.k_target == 5


def test_the_recipe_holds_no_personal_value(demo_recipe: Recipe, demo_loaded) -> None:
    text = demo_recipe.to_json()
    table = demo_loaded.table
    for name in ("NIR", "Nom", "Prénom", "Téléphone", "Email", "Adresse", "N° dossier", "Date de naissance"):
        values = {v for v in table.column(name).to_pylist()[:500] if v}
        leaked = [v for v in values if json.dumps(v, ensure_ascii=False) in text]
        assert not leaked, (name, leaked[:3])


def test_cli_recipe_init_writes_the_recipe_once(tmp_path: Path, demo_csv: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "registre.recipe.json"
    assert main(["recipe", "init", str(demo_csv), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}: 25 columns" in printed and "NIR" in printed and "pseudonymise" in printed
    recipe = Recipe.load(out)
    assert recipe.column("NIR") is not None
    before = out.read_bytes()
    assert main(["recipe", "init", str(demo_csv), "-o", str(out)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_cli_recipe_init_on_a_missing_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recipe", "init", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "r.json")]) == 2
    assert "nope.csv" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()
