"""Shared inputs for the recipe tests: the demo export, a recipe made on it, and next year's drifted copy."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe
from curator.source import LoadedTable
from tests.conftest import fill_export

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_CSV = REPO_ROOT / "resources" / "demo" / "registre_cancer_demo.csv"
DEMO_XLSX = REPO_ROOT / "resources" / "demo" / "registre_cancer_demo.xlsx"
sys.path.insert(0, str(REPO_ROOT / "scripts"))

from registry_generator import write_csv_cp1252  # noqa: E402


@dataclass(frozen=True)
class DriftSpec:
    """Next year's export: one column renamed, one removed, a new code value in a coded column."""

    renamed: tuple[str, str] = ("Date de diagnostic", "Date du diagnostic")
    removed: str = "Tabac"
    code_column: str = "Statut vital"
    new_code: str = "Décédée"
    new_code_rows: tuple[int, ...] = (3, 17, 4001)


SPEC = DriftSpec()


@pytest.fixture(scope="session")
def spec() -> DriftSpec:
    return SPEC


@pytest.fixture(scope="session")
def demo_csv() -> Path:
    return DEMO_CSV


@pytest.fixture(scope="session")
def demo_xlsx() -> Path:
    return DEMO_XLSX


@pytest.fixture(scope="session")
def vocabulary():
    return load_vocabulary(None)


@pytest.fixture(scope="session")
def demo_loaded() -> LoadedTable:
    return read_file(DEMO_CSV)


@pytest.fixture(scope="session")
def demo_recipe_notes(demo_loaded: LoadedTable, vocabulary) -> tuple[Recipe, list[str]]:
    notes: list[str] = []
    recipe = fill_export(recipe_from_loaded(demo_loaded, vocabulary, notes=notes))
    # These tests are about reading, drift, streaming and packaging, not k (tests/recipe/test_k_enforced.py):
    # the demo's six quasi-identifiers as they are stay below k, accepted here with a reason.
    recipe.protection.accept_below_k = {"reason": "test data: the apply mechanics are tested, not k"}
    return recipe, notes


@pytest.fixture()
def demo_recipe(demo_recipe_notes: tuple[Recipe, list[str]]) -> Recipe:
    # A fresh copy per test: tests may change it.
    return Recipe.from_json(demo_recipe_notes[0].to_json())


def drifted_table(table: pa.Table) -> pa.Table:
    table = table.drop_columns([SPEC.removed])
    table = table.rename_columns([SPEC.renamed[1] if n == SPEC.renamed[0] else n for n in table.column_names])
    values = table.column(SPEC.code_column).to_pylist()
    for row in SPEC.new_code_rows:
        values[row] = SPEC.new_code
    index = table.column_names.index(SPEC.code_column)
    return table.set_column(index, SPEC.code_column, pa.array(values, pa.string()))


@pytest.fixture(scope="session")
def drifted_csv(tmp_path_factory: pytest.TempPathFactory, demo_loaded: LoadedTable) -> Path:
    path = tmp_path_factory.mktemp("drift") / "registre_2026.csv"
    write_csv_cp1252(drifted_table(demo_loaded.table), path)
    return path


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Hub key pair, producer signing key (passphrase-protected) and secret, as the CLI takes them."""
    from curator.package.keys import new_recipient_key, new_signing_key
    from curator.protect.secret import new_secret, write_secret_file

    folder = tmp_path_factory.mktemp("keys")
    new_recipient_key(folder / "hub", None)
    new_signing_key(folder / "producer", "clé de signature")
    (folder / "passphrases.txt").write_text("un mot de passe de test\nclé de signature\n", encoding="utf-8")
    write_secret_file(folder / "secret.age", new_secret(), "un mot de passe de test")
    return {"dir": folder, "hub": folder / "hub.pub", "hub_key": folder / "hub.key", "signing": folder / "producer.key",
            "signer": folder / "producer.pub", "secret": folder / "secret.age",
            "passphrases": folder / "passphrases.txt", "secret_passphrase": Path("un mot de passe de test"),
            "signing_passphrase": Path("clé de signature")}


@dataclass(frozen=True)
class OpenedKeys:
    """``keys`` opened once: each opening of the secret and the signing key runs scrypt (N=2^18)."""

    secret: bytes
    signing: Any
    recipient: str
    identity: Any
    signer: Any


@pytest.fixture(scope="session")
def opened_keys(keys: dict[str, Path]) -> OpenedKeys:
    """For tests that are not about opening keys: the same keys as ``keys``, opened for the session."""
    from curator.package.keys import load_identity, load_signer, load_signing_key
    from curator.protect.secret import read_secret_file

    return OpenedKeys(secret=read_secret_file(keys["secret"], str(keys["secret_passphrase"])),
                      signing=load_signing_key(keys["signing"], str(keys["signing_passphrase"])),
                      recipient=keys["hub"].read_text(encoding="utf-8").strip(),
                      identity=load_identity(keys["hub_key"]), signer=load_signer(keys["signer"]))
