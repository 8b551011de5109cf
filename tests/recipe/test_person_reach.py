"""Reach k in persons across a linked submission's tables: Synthea's patients, encounters and conditions
through recipe init / reach-k → apply → open, the opened tables checked with a plain pandas group-by over persons."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from curator.cli import main
from curator.recipe.apply import apply_submission
from curator.recipe.submission import Submission
from tests.conftest import SYNTHEA_TABLES as TABLES
from tests.conftest import copy_synthea, fill_export

PERSON = "patient_local_id"
# 27 persons: within the vocabulary's floors (birth year, département, sex) k = 5 persons needs about
# half the quasi-identifier cells blanked, so the caps are raised on the command line.
CAPS = ["--cell-suppression", "0.6", "--suppression", "1"]


@pytest.fixture(scope="module")
def folder(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = tmp_path_factory.mktemp("person-reach") / "export"
    copy_synthea(files)
    return files


def _export(recipe: Path) -> Submission:
    submission = fill_export(Submission.load(recipe))
    submission.save(recipe)
    return submission


def _apply(keys: dict[str, Path], recipe: Path, package: Path, files: Path) -> int:
    return main(["apply", str(files), "--recipe", str(recipe), "-o", str(package), "--recipient", str(keys["hub"]),
                 "--signing-key", str(keys["signing"]), "--secret", str(keys["secret"]),
                 "--passphrase-file", str(keys["passphrases"])])


def _open(keys: dict[str, Path], package: Path, opened: Path) -> dict[str, pd.DataFrame]:
    assert main(["open", str(package), "--identity", str(keys["hub_key"]), "--signer", str(keys["signer"]),
                 "-o", str(opened)]) == 0
    return {name: pd.read_parquet(opened / f"{name}.parquet") for name in TABLES}


def _classes(tables: dict[str, pd.DataFrame], quasi: list[str]) -> pd.Series:
    """Persons per class, by pandas alone: one row per person of any table, a person-table column as
    its value, an event column as the sorted tuple of the person's distinct values."""
    persons = pd.Index(sorted(set().union(*(set(t[PERSON]) for t in tables.values()))), name=PERSON)
    described = pd.DataFrame(index=persons)
    for name in quasi:
        table, column = name.split(".", 1)
        values = tables[table][[PERSON, column]].astype({column: "string"}).fillna({column: ""})
        if table == "patients":
            described[name] = values.set_index(PERSON)[column].reindex(persons).fillna("")
        else:
            sets = values.groupby(PERSON)[column].agg(lambda s: repr(tuple(sorted(set(s)))))
            described[name] = sets.reindex(persons).fillna(repr(()))
    return described.groupby(quasi, dropna=False).size()


def test_a_fresh_recipe_reaches_k_in_persons_across_the_tables(folder: Path, keys: dict[str, Path], tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    recipe = tmp_path / "recipe.json"
    assert main(["recipe", "init", str(folder), "-o", str(recipe), *CAPS]) == 0
    out = capsys.readouterr().out
    assert "generalised to reach k = 5 persons across the tables (27 persons)" in out
    submission = _export(recipe)
    reached = submission.protection.person_reach
    assert reached is not None and reached["unit"] == "persons" and reached["k"] == 5
    patients = submission.table("patients")
    assert patients is not None and set(patients.protection.generalisation) == {"BIRTHDATE", "ZIP", "GENDER"}
    # Never past the vocabulary's floors: the birth year stays a year, the sex as it is.
    assert patients.protection.generalisation["GENDER"] == 0 and patients.protection.generalisation["BIRTHDATE"] == 0
    package = tmp_path / "reached.tar"
    assert _apply(keys, recipe, package, folder) == 0
    tables = _open(keys, package, tmp_path / "opened")
    manifest = json.loads((tmp_path / "opened" / "manifest.json").read_text(encoding="utf-8"))
    risk = manifest["risk"]
    assert risk["unit"] == "persons" and risk["k"] == 5
    sizes = _classes(tables, risk["quasi_identifiers"])
    assert sizes.min() >= 5 and risk["smallest_class"] == sizes.min()
    assert risk["records"] == sizes.sum() and risk["classes"] == len(sizes)
    assert risk["records_below_k"] == 0
    suppressed = risk["suppression"]
    assert suppressed["cells_suppressed"] == reached["cells_suppressed"] > 0
    assert suppressed["persons_suppressed"] == reached["persons_suppressed"]
    assert sizes.sum() == 27 - suppressed["persons_suppressed"]
    report = (tmp_path / "opened" / "curation-report.html").read_text(encoding="utf-8")
    assert "counted in persons" in report and "persons suppressed whole" in report


@pytest.fixture(scope="module")
def diagnosis_months(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A recipe with the year-month of each diagnosis ticked, reaching k = 3 persons; what reach-k said."""
    recipe = tmp_path_factory.mktemp("months") / "recipe.json"
    assert main(["recipe", "init", str(folder), "-o", str(recipe), "--no-reach-k"]) == 0
    submission = _export(recipe)
    conditions = submission.table("conditions")
    assert conditions is not None
    conditions.protection.quasi_identifiers = ["START"]
    submission.save(recipe)
    with contextlib.redirect_stdout(io.StringIO()) as said:
        assert main(["recipe", "reach-k", str(recipe), str(folder), "--k", "3", *CAPS]) == 0
    return recipe, said.getvalue()


def test_a_suppressed_cell_is_blank_on_every_row_and_table_of_its_person(
        folder: Path, keys: dict[str, Path], tmp_path: Path, diagnosis_months: tuple[Path, str]) -> None:
    recipe, out = diagnosis_months
    assert "conditions.START → level 0" in out and "persons suppressed whole" in out
    reached = Submission.load(recipe).protection.person_reach
    assert (f"cells suppressed on every row holding them: {reached['cells_suppressed']:,} (of "
            f"{reached['persons_touched']:,} persons); persons suppressed whole, their rows leaving every table: "
            f"{reached['persons_suppressed']:,}") in out
    package = tmp_path / "cells.tar"
    assert _apply(keys, recipe, package, folder) == 0
    tables = _open(keys, package, tmp_path / "opened")
    risk = json.loads((tmp_path / "opened" / "manifest.json").read_text(encoding="utf-8"))["risk"]
    assert "conditions.admission_date" in risk["quasi_identifiers"]
    sizes = _classes(tables, risk["quasi_identifiers"])
    assert sizes.min() >= 3 and risk["classes"] == len(sizes) and risk["records"] == sizes.sum()
    # Never half a person: a person's diagnosis month is blanked on all their rows or on none, and
    # the same month in their visits (a copy of it) too.
    diagnoses = tables["conditions"]
    blanked = diagnoses.groupby(PERSON)["admission_date"].agg(lambda s: (s == "*").mean())
    assert set(blanked.unique()) <= {0.0, 1.0} and (blanked == 1.0).any()
    visits = tables["encounters"]
    for person in blanked[blanked == 1.0].index:
        assert (visits.loc[visits[PERSON] == person, "admission_date"] == "*").all()
    # A person suppressed whole has no row left in any table; every row left has its patient.
    gone = risk["suppression"]["persons_suppressed"]
    assert gone > 0 and len(tables["patients"]) == 27 - gone
    for name in ("encounters", "conditions"):
        assert set(tables[name][PERSON]) <= set(tables["patients"][PERSON])


def test_an_edited_recipe_below_k_is_refused_with_nothing_written(folder: Path, keys: dict[str, Path],
                                                                  tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    recipe = tmp_path / "recipe.json"
    assert main(["recipe", "init", str(folder), "-o", str(recipe), *CAPS]) == 0
    submission = _export(recipe)
    submission.protection.cell_suppression_cap = 0.05        # edited: too few cells may go for k = 5
    submission.save(recipe)
    capsys.readouterr()
    package = tmp_path / "below.tar"
    assert _apply(keys, recipe, package, folder) == 2
    err = capsys.readouterr().err
    assert "below the recipe's k across the tables" in err and "fewer than k = 5 persons" in err
    assert "of 27 persons fall short" in err and "needs 3" in err
    assert not list(tmp_path.glob("below.tar*"))
    # Accepted with a reason: written, the reason in the manifest and the report.
    submission.protection.accept_below_k = {"reason": "a pilot the hub agreed to"}
    submission.save(recipe)
    assert _apply(keys, recipe, package, folder) == 0
    opened = tmp_path / "accepted"
    _open(keys, package, opened)
    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["decisions"]["accept_below_k"] == {"reason": "a pilot the hub agreed to"}
    assert manifest["risk"]["unit"] == "persons" and manifest["risk"]["records_below_k"] > 0
    assert "a pilot the hub agreed to" in (opened / "curation-report.html").read_text(encoding="utf-8")


def test_without_a_person_key_the_figures_are_rows(folder: Path, keys: dict[str, Path], tmp_path: Path) -> None:
    recipe = tmp_path / "recipe.json"
    assert main(["recipe", "init", str(folder), "-o", str(recipe), "--no-reach-k"]) == 0
    submission = _export(recipe)
    for table in submission.tables:
        table.person_key = None
    submission.protection.accept_below_k = {"reason": "row-level figures tested"}
    submission.save(recipe)
    assert main(["recipe", "reach-k", str(recipe), str(folder)]) == 2      # no person to count across the tables
    package = tmp_path / "rows.tar"
    assert _apply(keys, recipe, package, folder) == 0
    opened = tmp_path / "opened"
    tables = _open(keys, package, opened)
    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    assert manifest.get("risk") is None                      # nothing is counted across tables without persons
    assert len(tables["patients"]) == 27 and manifest["rows"] == 1069     # no person suppressed
    report = (opened / "curation-report.html").read_text(encoding="utf-8")
    assert "persons (counted once" not in report and "records" in report


def test_init_says_what_would_reach_k_when_the_caps_do_not(folder: Path, keys: dict[str, Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    recipe = tmp_path / "recipe.json"
    assert main(["recipe", "init", str(folder), "-o", str(recipe)]) == 0
    out = capsys.readouterr().out
    assert "k = 5 persons across the tables is not reached" in out
    assert "counted in persons across the tables" in out and "more suppressed cells" in out
    assert "--cell-suppression" in out and "patients.birth_date: 25 classes with it" in out
    submission = _export(recipe)
    assert submission.protection.k_target == 5 and submission.protection.person_reach is None
    assert _apply(keys, recipe, tmp_path / "below.tar", folder) == 2
    assert "fewer than k = 5 persons" in capsys.readouterr().err


def test_a_streamed_table_loses_the_rows_of_a_person_suppressed_whole(
        folder: Path, keys: dict[str, Path], tmp_path: Path, opened_keys, diagnosis_months: tuple[Path, str]) -> None:
    # encounters has no quasi-identifier, so it streams; the persons suppressed whole leave it as well.
    recipe = diagnosis_months[0]
    tables = {}
    for stream in (False, True):
        package = tmp_path / f"stream-{stream}.tar"
        apply_submission([folder], Submission.load(recipe), package, [opened_keys.recipient], opened_keys.signing,
                         opened_keys.secret, stream=stream, batch_rows=100)
        tables[stream] = _open(keys, package, tmp_path / f"opened-{stream}")
    for name in TABLES:
        assert tables[True][name].equals(tables[False][name]), name
    assert len(tables[True]["encounters"]) < 604
