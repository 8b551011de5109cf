"""The demo chain with every part of the report in use: validation failures with decisions, a
direct column kept by confirmed choice, coarsened quasi-identifiers, the risk before and after.

Built on a copy of the demo CSV in which a few cells are made invalid, so that the validation
report holds real offending values the curation report must not repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.pipeline import CurationResult, curate
from curator.protect.secret import new_secret
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe, Transform
from curator.resources import demo_csv
from curator.source import LoadedTable

BAD_DATES = ("31/02/2019", "45/13/2020")       # impossible dates, put in "Date de diagnostic"


@dataclass
class Scenario:
    source: Path
    loaded: LoadedTable
    recipe: Recipe
    vocabulary: Any
    result: CurationResult


def broken_demo_csv(folder: Path) -> Path:
    """The demo CSV (cp1252, ';') with impossible diagnosis dates on two rows."""
    lines = demo_csv().read_bytes().decode("cp1252").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(";")
    column = header.index("Date de diagnostic")
    for line_number, bad in zip((3, 7), BAD_DATES, strict=True):
        cells = lines[line_number].rstrip("\r\n").split(";")
        cells[column] = bad
        lines[line_number] = ";".join(cells) + "\r\n"
    path = folder / "registre_avec_erreurs.csv"
    path.write_bytes("".join(lines).encode("cp1252"))
    return path


def rich_scenario(folder: Path) -> Scenario:
    source = broken_demo_csv(folder)
    loaded = read_file(source)
    vocabulary = load_vocabulary(None)
    recipe = recipe_from_loaded(loaded, vocabulary)
    recipe.export.producer_id = "DEMO-REGISTRY"
    recipe.export.producer_name = "Registre des cancers (démonstration)"
    recipe.export.dataset_title = "Demo cancer registry extract"

    def decide(source_name: str, action: str, confirmed: bool = False, **params: Any) -> None:
        decision = recipe.column(source_name)
        assert decision is not None, source_name
        decision.transform = Transform(action, dict(params), confirmed)

    decide("Email", "keep", confirmed=True)            # a direct column kept on purpose: highlighted
    decide("Poids (kg)", "band", width=10)
    decide("Taille (cm)", "top_code", max=190)
    decide("Établissement FINESS", "rare_to_other", threshold=50, other="autre")
    decide("Date de diagnostic", "generalise", to="year")
    decide("Code postal", "generalise", to="region")
    diagnosis = recipe.column("Date de diagnostic")
    assert diagnosis is not None
    diagnosis.validation["date"] = "empty"
    recipe.protection.quasi_identifiers = ["Sexe", "Date de naissance", "Code postal", "Date de diagnostic"]
    recipe.protection.k_target = 5
    recipe.protection.generalisation = {"Date de naissance": 1, "Code postal": 2}
    # The export refuses levels that leave more records below k than it may suppress: allow 5 %.
    recipe.protection.suppression_cap = 0.05
    result = curate(loaded, recipe, vocabulary, new_secret())
    return Scenario(source, loaded, recipe, vocabulary, result)
