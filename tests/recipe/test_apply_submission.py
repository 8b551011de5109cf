"""A linked submission end to end: Synthea's three tables through recipe init → apply → verify → open as ONE package."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import frictionless
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.cli import main
from curator.recipe.apply import apply_submission
from curator.recipe.model import RuleDecision
from curator.recipe.submission import Submission
from tests.conftest import SYNTHEA_TABLES as TABLES
from tests.conftest import copy_synthea, fill_export

CERTIFIED_DEATHS = "no_event_after_death"


@pytest.fixture(scope="module")
def synthea(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("synthea-apply")
    files = folder / "export"
    copy_synthea(files)
    recipe = folder / "recipe.json"
    assert main(["recipe", "init", str(files), "-o", str(recipe)]) == 0
    submission = fill_export(Submission.load(recipe))
    # These tests are about the tables, keys and links, not k (tests/recipe/test_person_reach.py): 27
    # persons stay below k = 5 persons within the default caps, accepted here with a reason.
    submission.protection.accept_below_k = {"reason": "test data: the linked apply is tested, not k"}
    # Diagnoses of one visit, and a few visits, share a patient and dates: coherence findings the producer keeps.
    for name in ("conditions", "encounters"):
        table = submission.table(name)
        assert table is not None
        table.rules.append(RuleDecision("repeated_stay", "keep", "several rows per patient and day"))
    # Synthea certifies a death in a visit a week after it: found across tables, kept by the producer.
    for name in ("encounters", "patients"):
        table = submission.table(name)
        assert table is not None
        table.rules.append(RuleDecision(CERTIFIED_DEATHS, "keep", "death certified in a visit after the death"))
    submission.save(recipe)
    return {"dir": folder, "files": files, "recipe": recipe}


def _apply(keys: dict[str, Path], recipe: Path, package: Path, *files: Path | str, strict: bool = False) -> int:
    return main(["apply", *map(str, files), "--recipe", str(recipe), "-o", str(package),
                 "--recipient", str(keys["hub"]), "--signing-key", str(keys["signing"]),
                 "--secret", str(keys["secret"]), "--passphrase-file", str(keys["passphrases"]),
                 *(["--strict"] if strict else [])])


def _open(keys: dict[str, Path], package: Path, opened: Path) -> None:
    assert main(["verify", str(package), "--signer", str(keys["signer"])]) == 0
    assert main(["open", str(package), "--identity", str(keys["hub_key"]), "--signer", str(keys["signer"]),
                 "-o", str(opened)]) == 0


def test_synthea_goes_through_as_one_package_whose_tables_join_on_their_pseudonyms(
        synthea: dict[str, Path], keys: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    package = synthea["dir"] / "submission.tar"
    capsys.readouterr()
    assert _apply(keys, synthea["recipe"], package, *(synthea["files"] / f"{n}.csv" for n in TABLES),
                  strict=True) == 0
    out = capsys.readouterr().out
    assert "[encounters] Drift: none" in out and "wrote" in out and "3 tables, 1,069 rows, 3 link(s)" in out
    opened = synthea["dir"] / "opened"
    _open(keys, package, opened)
    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    # A folder's files are the tables in their names' order.
    assert [m["name"] for m in manifest["members"]] == [
        "conditions.parquet", "encounters.parquet", "patients.parquet", "datapackage.json", "curation-report.html",
        "validation-report.csv"]
    assert [(t["name"], t["rows"], t["primary_key"]) for t in manifest["tables"]] == [
        ("conditions", 438, []), ("encounters", 604, ["Id"]), ("patients", 27, ["patient_local_id"])]
    assert manifest["tables"][0]["foreign_keys"] == [
        {"columns": ["patient_local_id"], "references": {"table": "patients", "columns": ["patient_local_id"]}},
        {"columns": ["ENCOUNTER"], "references": {"table": "encounters", "columns": ["Id"]}}]
    assert manifest["rows"] == 1069 and [c["name"] for c in manifest["tables"][2]["columns"]][:2] == [
        "patient_local_id", "birth_date"]
    patients, encounters, conditions = (pq.read_table(opened / f"{n}.parquet") for n in TABLES)
    # Keys leave as 64-digit tokens, never as the source's ids.
    source_ids = set(pq.read_table(opened / "patients.parquet").column("patient_local_id").to_pylist())
    assert all(len(token) == 64 for token in source_ids)
    assert "3edac2e3-d223-6fae-d515-daf96ef6bc76" not in source_ids
    # Every visit's patient, every diagnosis's visit and patient is there: the pseudonyms join, no orphan.
    for child, key, parent, ref in ((encounters, "patient_local_id", patients, "patient_local_id"),
                                    (conditions, "patient_local_id", patients, "patient_local_id"),
                                    (conditions, "ENCOUNTER", encounters, "Id")):
        assert child.join(parent.select([ref]), key, ref, join_type="left anti").num_rows == 0
        assert child.join(parent.select([ref]), key, ref, join_type="inner").num_rows == child.num_rows
    # A diagnosis and its visit name the same patient in both tables: one domain for the person key.
    joined = conditions.select(["ENCOUNTER", "patient_local_id"]).join(
        encounters.select(["Id", "patient_local_id"]), "ENCOUNTER", "Id", right_suffix="_visit")
    assert joined.column("patient_local_id").to_pylist() == joined.column("patient_local_id_visit").to_pylist()
    # The data package describes the three tables and their keys, by the names the columns leave with.
    described = json.loads((opened / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in described["resources"]}
    assert set(resources) == set(TABLES)
    assert resources["conditions"]["schema"]["foreignKeys"] == [
        {"fields": ["patient_local_id"], "reference": {"resource": "patients", "fields": ["patient_local_id"]}},
        {"fields": ["ENCOUNTER"], "reference": {"resource": "encounters", "fields": ["Id"]}}]
    assert resources["encounters"]["schema"]["primaryKey"] == ["Id"]
    # Stock frictionless reads the opened tables against it, foreign keys included.
    validated = frictionless.validate(str(opened / "datapackage.json"))
    assert validated.valid, validated.flatten(["type", "note"])[:5]
    report = (opened / "curation-report.html").read_text(encoding="utf-8")
    assert "encounters: " in report and "conditions: " in report and "3 tables, 3 link(s)" in report


def _copy_without_first_patient(synthea: dict[str, Path], folder: Path) -> list[int]:
    folder.mkdir()
    for name in TABLES:
        shutil.copy(synthea["files"] / f"{name}.csv", folder / f"{name}.csv")
    lines = (folder / "patients.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "patients.csv").write_text("".join([lines[0], *lines[2:]]), encoding="utf-8")
    with (folder / "encounters.csv").open(encoding="utf-8") as handle:
        visits = list(csv.DictReader(handle))
    first = next(csv.DictReader((synthea["files"] / "patients.csv").open(encoding="utf-8")))["Id"]
    return [number for number, row in enumerate(visits, start=2) if row["PATIENT"] == first]


def test_orphans_are_validation_findings_and_strict_stops_on_them(
        synthea: dict[str, Path], keys: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder = synthea["dir"] / "orphaned"
    orphan_rows = _copy_without_first_patient(synthea, folder)
    assert orphan_rows
    capsys.readouterr()
    assert _apply(keys, synthea["recipe"], synthea["dir"] / "strict.tar", folder, strict=True) == 1
    err = capsys.readouterr().err
    assert "validation rule(s) are broken" in err and not (synthea["dir"] / "strict.tar").exists()
    package = synthea["dir"] / "orphans.tar"
    assert _apply(keys, synthea["recipe"], package, folder) == 0
    opened = synthea["dir"] / "orphans-opened"
    _open(keys, package, opened)
    with (opened / "validation-report.csv").open(encoding="utf-8-sig") as handle:
        found = [row for row in csv.DictReader(handle, delimiter=";") if row["rule"] == "orphan"]
    visits_found = [row for row in found if row["column"] == "encounters.patient_local_id"]
    assert [int(row["row"]) for row in visits_found] == orphan_rows[:20]
    assert {row["offending_rows"] for row in visits_found} == {str(len(orphan_rows))}
    assert all(row["value"] == "" for row in found)             # no value, not even a pseudonym


def test_orphans_of_a_streamed_table_come_with_their_rows(synthea: dict[str, Path], keys: dict[str, Path],
                                                          opened_keys) -> None:
    # Streamed in batches of 100 rows, the keys are read back from the data file part by part.
    folder = synthea["dir"] / "orphaned-streamed"
    orphan_rows = _copy_without_first_patient(synthea, folder)
    package = synthea["dir"] / "orphans-streamed.tar"
    apply_submission([folder / f"{n}.csv" for n in TABLES], Submission.load(synthea["recipe"]), package,
                     [opened_keys.recipient], opened_keys.signing, opened_keys.secret, stream=True, batch_rows=100)
    opened = synthea["dir"] / "orphans-streamed-opened"
    _open(keys, package, opened)
    with (opened / "validation-report.csv").open(encoding="utf-8-sig") as handle:
        found = [row for row in csv.DictReader(handle, delimiter=";") if row["rule"] in ("orphan", "primary_key")]
    visits_found = [row for row in found if row["column"] == "encounters.patient_local_id"]
    assert len(orphan_rows) > 1 and [int(row["row"]) for row in visits_found] == orphan_rows[:20]
    assert {row["offending_rows"] for row in visits_found} == {str(len(orphan_rows))}
    assert not [row for row in found if row["rule"] == "primary_key"]


def test_streamed_tables_give_the_same_package_data(synthea: dict[str, Path], keys: dict[str, Path],
                                                    opened_keys) -> None:
    files = [synthea["files"] / f"{n}.csv" for n in TABLES]
    tables: dict[bool, dict[str, pa.Table]] = {}
    for stream in (False, True):
        package = synthea["dir"] / f"stream-{stream}.tar"
        apply_submission(files, Submission.load(synthea["recipe"]), package, [opened_keys.recipient],
                         opened_keys.signing, opened_keys.secret, stream=stream, batch_rows=100)
        opened = synthea["dir"] / f"stream-{stream}"
        _open(keys, package, opened)
        tables[stream] = {n: pq.read_table(opened / f"{n}.parquet") for n in TABLES}
    for name in TABLES:
        assert tables[True][name].equals(tables[False][name]), name


def test_drift_is_said_per_table_and_strict_stops_on_any(synthea: dict[str, Path], keys: dict[str, Path],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = synthea["dir"] / "drifted"
    folder.mkdir()
    for name in TABLES:
        shutil.copy(synthea["files"] / f"{name}.csv", folder / f"{name}.csv")
    text = (folder / "encounters.csv").read_text(encoding="utf-8")
    (folder / "encounters.csv").write_text(text.replace("ENCOUNTERCLASS", "VISIT_KIND", 1), encoding="utf-8")
    capsys.readouterr()
    package = synthea["dir"] / "drifted.tar"
    assert _apply(keys, synthea["recipe"], package, folder, strict=True) == 1
    captured = capsys.readouterr()
    assert "[conditions] Drift: none" in captured.out and "[encounters] Drift:" in captured.out
    assert "encounters.csv" in captured.err and "--strict stops on any drift" in captured.err
    assert not package.exists()


def test_risk_across_tables_is_counted_in_persons_as_a_plain_group_by_counts_it(
        synthea: dict[str, Path], keys: dict[str, Path], opened_keys) -> None:
    submission = Submission.load(synthea["recipe"])
    conditions = submission.table("conditions")
    assert conditions is not None
    conditions.protection.quasi_identifiers = ["CODE"]          # the set of a person's diagnosis codes
    submission.protection.accept_below_k = {"reason": "a test of the figures, not a release"}
    package = synthea["dir"] / "persons.tar"
    done = apply_submission([synthea["files"] / f"{n}.csv" for n in TABLES], submission, package,
                            [opened_keys.recipient], opened_keys.signing, opened_keys.secret)
    opened = synthea["dir"] / "persons-opened"
    _open(keys, package, opened)
    risk = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))["risk"]
    assert risk == done.risk and risk["unit"] == "persons"
    # The reference: one row per person of the patients table, their diagnosis codes as a sorted set.
    patients = pq.read_table(opened / "patients.parquet")
    diagnoses = pq.read_table(opened / "conditions.parquet")
    person_columns = [name.split(".", 1)[1] for name in risk["quasi_identifiers"] if name.startswith("patients.")]
    codes: dict[str, set[str]] = {}
    for person, code in zip(diagnoses.column("patient_local_id").to_pylist(), diagnoses.column("CODE").to_pylist(),
                            strict=True):
        codes.setdefault(person, set()).add("" if code is None else str(code))
    described = {}
    for row, person in enumerate(patients.column("patient_local_id").to_pylist()):
        values = tuple("" if (v := patients.column(c)[row].as_py()) is None else str(v) for c in person_columns)
        described[person] = (*values, tuple(sorted(codes.get(person, ()))))
    sizes: dict[tuple, int] = {}
    for key in described.values():
        sizes[key] = sizes.get(key, 0) + 1
    assert risk["records"] == len(described) == 27
    assert risk["classes"] == len(sizes)
    assert risk["sample_uniques"] == sum(1 for size in sizes.values() if size == 1)
    assert risk["smallest_class"] == min(sizes.values())


def _dead_after(folder: Path) -> tuple[list[int], list[int]]:
    """The source rows of patients and of encounters where a visit starts after its patient's death,
    counted with the csv module (the reference the checker is compared with)."""
    with (folder / "patients.csv").open(encoding="utf-8") as handle:
        patients = list(csv.DictReader(handle))
    with (folder / "encounters.csv").open(encoding="utf-8") as handle:
        visits = list(csv.DictReader(handle))
    death = {p["Id"]: p["DEATHDATE"] for p in patients if p["DEATHDATE"]}
    late = [(number, row["PATIENT"]) for number, row in enumerate(visits, start=2)
            if row["PATIENT"] in death and row["START"][:10] > death[row["PATIENT"]]]
    dead = {person for _number, person in late}
    return [n for n, p in enumerate(patients, start=2) if p["Id"] in dead], [number for number, _p in late]


def test_a_visit_after_the_patients_death_is_found_across_tables_with_its_rows(
        synthea: dict[str, Path], keys: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder = synthea["dir"] / "after-death"
    folder.mkdir()
    for name in TABLES:
        shutil.copy(synthea["files"] / f"{name}.csv", folder / f"{name}.csv")
    # Synthea's own: two death certifications a week after the death. Planted: the first visit of the
    # patient who died on 2004-03-21 moved to 2005 (its end too, so that the stay stays in order).
    assert _dead_after(folder) == ([5, 12], [21, 188])
    lines = (folder / "encounters.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    planted = next(number for number, line in enumerate(lines[1:], start=2)
                   if line.split(",")[3] == "c2d1b552-0725-58ca-03fa-158d3437c06c" and line.split(",")[1] < "2004")
    cells = lines[planted - 1].split(",")
    cells[1:3] = ["2005-06-01T10:00:00Z", "2005-06-01T10:15:00Z"]
    lines[planted - 1] = ",".join(cells)
    (folder / "encounters.csv").write_text("".join(lines), encoding="utf-8")
    patient_rows, visit_rows = _dead_after(folder)
    assert patient_rows == [5, 12] and visit_rows == sorted([21, 188, planted])
    submission = Submission.load(synthea["recipe"])
    for table in submission.tables:
        table.rules = [r for r in table.rules if r.rule != CERTIFIED_DEATHS]
    undecided = synthea["dir"] / "after-death.json"
    submission.save(undecided)
    capsys.readouterr()
    assert _apply(keys, undecided, synthea["dir"] / "after-death-strict.tar", folder, strict=True) == 1
    err = capsys.readouterr().err
    assert f"break '{CERTIFIED_DEATHS}'" in err and not (synthea["dir"] / "after-death-strict.tar").exists()
    package = synthea["dir"] / "after-death.tar"
    assert _apply(keys, undecided, package, folder) == 0
    opened = synthea["dir"] / "after-death-opened"
    _open(keys, package, opened)
    with (opened / "validation-report.csv").open(encoding="utf-8-sig") as handle:
        found = [row for row in csv.DictReader(handle, delimiter=";") if row["rule"] == CERTIFIED_DEATHS]
    by_table: dict[str, list[dict[str, str]]] = {}
    for row in found:
        by_table.setdefault(row["column"].split(".", 1)[0], []).append(row)
    assert sorted(by_table) == ["encounters", "patients"]
    assert [int(row["row"]) for row in by_table["encounters"]] == visit_rows[:20]
    assert {row["offending_rows"] for row in by_table["encounters"]} == {str(len(visit_rows))}
    assert [int(row["row"]) for row in by_table["patients"]] == patient_rows
    assert {row["offending_rows"] for row in by_table["patients"]} == {"2"}
    # As any finding reading a column that does not leave as it is, its values are masked (the person key is pseudonymised).
    assert {row["value"] for row in found} == {"[masked]"}
    # The recipe's decision settles them, as for the rules within a table: strict goes through.
    assert _apply(keys, synthea["recipe"], synthea["dir"] / "after-death-kept.tar", folder, strict=True) == 0
