"""apply replays the recipe's decisions on coherence findings, whole or streamed in batches: a key
repeated in a later batch is found there too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.package.unpack import open_package
from curator.recipe.apply import apply_recipe
from curator.recipe.model import Recipe, RuleDecision

if TYPE_CHECKING:
    from tests.recipe.conftest import OpenedKeys

FIRST, REPEATED = 120, 4600       # the same patient number on two rows a few batches apart


@pytest.fixture(scope="module")
def repeated_csv(tmp_path_factory: pytest.TempPathFactory, demo_loaded) -> Path:
    from registry_generator import write_csv_cp1252

    table = demo_loaded.table
    ids = table.column("N° dossier").to_pylist()
    ids[REPEATED] = ids[FIRST]
    table = table.set_column(0, "N° dossier", pa.array(ids, pa.string()))
    path = tmp_path_factory.mktemp("repeated") / "registre_repeated.csv"
    write_csv_cp1252(table, path)
    return path


def _opened(keys: OpenedKeys, package: Path) -> tuple[pa.Table, dict]:
    folder = package.with_suffix(".opened")
    open_package(package, keys.identity, keys.signer, folder)
    return pq.read_table(folder / "data.parquet"), json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_apply_excludes_the_repeat_of_a_patient_in_any_batch(opened_keys, demo_recipe: Recipe, repeated_csv: Path,
                                                             tmp_path: Path, stream: bool) -> None:
    package = tmp_path / "out.tar"
    undecided = apply_recipe(repeated_csv, demo_recipe, package, [opened_keys.recipient], opened_keys.signing,
                             opened_keys.secret, stream=stream, batch_rows=1000)
    assert undecided.rows == 5000 and "still to decide" in undecided.validation
    demo_recipe.rules = [RuleDecision("one_row_per_patient", "exclude_row")]
    package.unlink()
    result = apply_recipe(repeated_csv, demo_recipe, package, [opened_keys.recipient], opened_keys.signing,
                          opened_keys.secret, stream=stream, batch_rows=1000)
    assert result.rows == 4999
    assert "1 row(s) excluded" in result.validation and "0 still to decide" in result.validation
    data, _manifest = _opened(opened_keys, package)
    assert data.num_rows == 4999
