"""Date-times mapped to a date concept: the time of day dropped by default (and said), or kept by the
decision's ``time: keep``, whole and streamed, through generalisation and date shift alike."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.errors import InputError
from curator.load import read_file
from curator.package.unpack import open_package
from curator.recipe.apply import apply_recipe
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe, Transform
from curator.recipe.params import check_params
from tests.conftest import fill_export

if TYPE_CHECKING:
    from tests.recipe.conftest import OpenedKeys

ROWS = 300


def _admission(i: int) -> str:
    return f"2024-{1 + i % 12:02d}-{1 + i % 27:02d} {i % 24:02d}:{(i * 7) % 60:02d}"


@pytest.fixture(scope="module")
def admissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("admissions") / "admissions.csv"
    rows = ["numero_patient;date_entree;age", "P00000;2024-12-27 14:30;45"]
    rows += [f"P{i:05d};{_admission(i)};{20 + i % 60}" for i in range(1, ROWS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _recipe(path: Path, vocabulary, transform: Transform) -> Recipe:
    recipe = fill_export(recipe_from_loaded(read_file(path), vocabulary))
    decision = recipe.column("date_entree")
    assert decision is not None and decision.concept == "admission_date"
    decision.transform = transform
    recipe.protection.accept_below_k = {"reason": "test data: the time of day is tested, not k"}
    return Recipe.from_json(recipe.to_json())        # what is recorded is what is replayed


def _applied(keys: OpenedKeys, path: Path, recipe: Recipe, out: Path, stream: bool) -> tuple[pa.Table, str, str]:
    package = out / "out.tar"
    result = apply_recipe(path, recipe, package, [keys.recipient], keys.signing, keys.secret, stream=stream,
                          batch_rows=100)
    folder = out / "opened"
    open_package(package, keys.identity, keys.signer, folder)
    report = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.html"))
    manifest = (folder / "manifest.json").read_text(encoding="utf-8")
    return pq.read_table(folder / "data.parquet"), result.validation + manifest, report


def _described_type(folder: Path, name: str) -> str:
    """The Table Schema type datapackage.json gives the column ``name``."""
    described = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f for resource in described["resources"] for f in resource["schema"]["fields"] if f["name"] == name]
    assert len(fields) == 1
    return str(fields[0]["type"])


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_the_time_is_dropped_by_default_and_said(opened_keys, vocabulary, admissions: Path, tmp_path: Path,
                                                 stream: bool) -> None:
    data, _said, report = _applied(opened_keys, admissions, _recipe(admissions, vocabulary, Transform("keep")),
                                   tmp_path, stream)
    column = data.column("admission_date")
    assert pa.types.is_date32(column.type)
    assert column[0].as_py() == dt.date(2024, 12, 27)
    assert "the time of day of" in report and "was dropped" in report
    assert _described_type(tmp_path / "opened", "admission_date") == "date"


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_the_time_is_kept_when_the_decision_says_so(opened_keys, vocabulary, admissions: Path, tmp_path: Path,
                                                    stream: bool) -> None:
    recipe = _recipe(admissions, vocabulary, Transform("keep", {"time": "keep"}))
    assert json.loads(recipe.to_json())["columns"][1]["transform"]["params"] == {"time": "keep"}
    data, said, report = _applied(opened_keys, admissions, recipe, tmp_path, stream)
    column = data.column("admission_date")
    assert pa.types.is_timestamp(column.type)
    assert column[0].as_py() == dt.datetime(2024, 12, 27, 14, 30)
    assert column.to_pylist()[1:] == [dt.datetime.strptime(_admission(i), "%Y-%m-%d %H:%M") for i in range(1, ROWS)]
    assert "was dropped" not in report and "was dropped" not in said
    assert _described_type(tmp_path / "opened", "admission_date") == "datetime"
    assert "time of day kept" in report


def test_kept_times_are_generalised_and_shifted(opened_keys, vocabulary, admissions: Path, tmp_path: Path) -> None:
    year_month = _recipe(admissions, vocabulary, Transform("generalise", {"to": "year_month", "time": "keep"}))
    data, _said, _report = _applied(opened_keys, admissions, year_month, tmp_path / "generalised", False)
    assert data.column("admission_date")[0].as_py() == "2024-12"
    shift = Transform("date_shift", {"max_days": 30, "person_column": "numero_patient", "time": "keep"})
    data, _said, _report = _applied(opened_keys, admissions, _recipe(admissions, vocabulary, shift),
                                    tmp_path / "shifted", True)
    first = data.column("admission_date")[0].as_py()
    assert isinstance(first, dt.datetime) and (first.hour, first.minute) == (14, 30)
    assert 1 <= abs((first.date() - dt.date(2024, 12, 27)).days) <= 30


def test_time_takes_drop_or_keep_only() -> None:
    check_params("keep", {"time": "drop"}, "d")
    with pytest.raises(InputError, match="one of drop, keep"):
        check_params("keep", {"time": "noon"}, "d")
