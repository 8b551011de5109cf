"""A one-table package describes its data in datapackage.json, which stock frictionless validates; a recipe
whose export section lacks a required field writes no package."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pytest

from curator.cli import main
from curator.recipe.model import Recipe


def _apply(keys: dict[str, Path], recipe: Path, source: Path, package: Path) -> int:
    return main(["apply", str(source), "--recipe", str(recipe), "-o", str(package), "--recipient", str(keys["hub"]),
                 "--signing-key", str(keys["signing"]), "--secret", str(keys["secret"]),
                 "--passphrase-file", str(keys["passphrases"])])


@pytest.mark.parametrize("empty", [("producer_name",), ("producer_id", "dataset_title")])
def test_apply_refuses_a_recipe_without_the_required_export_fields(
        empty: tuple[str, ...], demo_recipe: Recipe, keys: dict[str, Path], demo_csv: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    for name in empty:
        setattr(demo_recipe.export, name, " ")
    demo_recipe.save(tmp_path / "recipe.json")
    assert _apply(keys, tmp_path / "recipe.json", demo_csv, tmp_path / "p.tar") == 2
    said = capsys.readouterr().err
    assert f"required export fields are empty: {', '.join(empty)}" in said
    assert "recipe's 'export' section" in said and "Export page" in said
    assert not list(tmp_path.glob("p.tar*"))


def test_a_one_table_package_holds_a_datapackage_that_frictionless_validates(
        demo_recipe: Recipe, keys: dict[str, Path], demo_csv: Path, tmp_path: Path) -> None:
    demo_recipe.export.legal_basis = "Autorisation CNIL n° 0000000"
    demo_recipe.save(tmp_path / "recipe.json")
    package = tmp_path / "p.tar"
    assert _apply(keys, tmp_path / "recipe.json", demo_csv, package) == 0
    opened = tmp_path / "opened"
    assert main(["open", str(package), "--identity", str(keys["hub_key"]), "--signer", str(keys["signer"]),
                 "-o", str(opened)]) == 0
    assert sorted(p.name for p in opened.iterdir()) == [
        "curation-report.html", "data.parquet", "datapackage.json", "manifest.json", "manifest.json.minisig",
        "validation-report.csv"]

    report = frictionless.validate(str(opened / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 5000
    descriptor = json.loads((opened / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["producer"], descriptor["title"], descriptor["legal_basis"]) == (
        {"id": demo_recipe.export.producer_id, "name": demo_recipe.export.producer_name},
        demo_recipe.export.dataset_title, "Autorisation CNIL n° 0000000")
    (resource,) = descriptor["resources"]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert (resource["name"], resource["path"]) == ("data", "data.parquet")
    assert fields["vital_status"]["constraints"]["enum"] == ["1", "2", "3", "9"]
    assert fields["weight_kg"]["unit"] == "kg" and fields["weight_kg"]["type"] == "number"
    assert fields["nir"] == {"name": "nir", "type": "string", "concept": "nir", **{
        k: fields["nir"][k] for k in ("title", "labels", "description")}}

    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    (table,) = manifest["tables"]
    assert (table["name"], table["rows"], table["columns"]) == ("data", 5000, manifest["schema"])
    assert "legal_basis" not in json.dumps(manifest) and "CNIL" not in json.dumps(manifest)
