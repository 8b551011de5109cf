"""The rules across tables of a linked submission, in apply: found on Synthea copies whether the tables
are read whole or streamed in batches, and decided by each table's recipe (rows excluded, a value
emptied, a rule switched off with its reason) like any other finding."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.check.coherence import BoundRule, bind_linked, converted_linked, linked_columns, linked_sources
from curator.cli import main
from curator.errors import InputError
from curator.load import iter_batches, read_file
from curator.package.unpack import open_package
from curator.pipeline import check_rules_across
from curator.recipe.apply import apply_submission, load_recipe_vocabulary, reading_options
from curator.recipe.model import Recipe, RuleDecision
from curator.recipe.submission import Submission
from curator.source import ReadOptions
from tests.conftest import SYNTHEA_TABLES as TABLES
from tests.conftest import copy_synthea, fill_export

if TYPE_CHECKING:
    from tests.recipe.conftest import OpenedKeys

WITHIN = "diagnosis_within_stay"
AFTER_DEATH = "no_event_after_death"
# Diagnoses moved to a day on which the patient had no visit (each patient's first condition of these).
PLANTED_DAY = "1999-07-14"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _outside_stays(folder: Path) -> list[int]:
    """Source lines of conditions whose date is within none of the patient's visits (first to last day),
    counted with the csv module: the reference the checker is compared with."""
    stays: dict[str, list[tuple[str, str]]] = {}
    for visit in _rows(folder / "encounters.csv"):
        stays.setdefault(visit["PATIENT"], []).append((visit["START"][:10], (visit["STOP"] or visit["START"])[:10]))
    return [line for line, row in enumerate(_rows(folder / "conditions.csv"), start=2)
            if row["PATIENT"] in stays and not any(a <= row["START"] <= b for a, b in stays[row["PATIENT"]])]


@pytest.fixture(scope="module")
def planted(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Synthea's tables with each condition dated on its visit's first day (Synthea writes a condition's
    local date beside the visit's UTC time, a day apart for a quarter of them), then three diagnoses
    moved to a day without a visit; the conditions' START mapped to the diagnosis date."""
    folder = tmp_path_factory.mktemp("rules-across")
    files = folder / "export"
    copy_synthea(files)
    visits = {row["Id"]: row for row in _rows(files / "encounters.csv")}
    conditions = _rows(files / "conditions.csv")
    for row in conditions:
        row["START"] = visits[row["ENCOUNTER"]]["START"][:10]
    _write(files / "conditions.csv", conditions)
    assert _outside_stays(files) == []
    visit_days = {(v["PATIENT"], v["START"][:10]) for v in visits.values()}
    chosen, seen = [], set()
    for line, row in enumerate(conditions, start=2):
        if row["PATIENT"] not in seen and (row["PATIENT"], PLANTED_DAY) not in visit_days and len(chosen) < 3:
            seen.add(row["PATIENT"])
            chosen.append(line)
            row["START"] = PLANTED_DAY
    _write(files / "conditions.csv", conditions)
    assert _outside_stays(files) == chosen
    recipe = folder / "recipe.json"
    assert main(["recipe", "init", str(files), "-o", str(recipe)]) == 0
    submission = fill_export(Submission.load(recipe))
    # The default caps do not reach k = 5 persons on Synthea's 27: the rules are tested here, not k.
    submission.protection.accept_below_k = {"reason": "a test of the rules across tables, not a release"}
    table = submission.table("conditions")
    assert table is not None
    for column in table.columns:
        if column.source in ("START", "STOP"):
            column.concept = "diagnosis_date" if column.source == "START" else None
    # Without its visit dates mapped, the table of diagnoses looks like a table of persons.
    table.rules.append(RuleDecision("one_row_per_patient", "off", "a table of diagnoses repeats its patients"))
    for name in ("conditions", "encounters"):
        table = submission.table(name)
        assert table is not None
        table.rules.append(RuleDecision("repeated_stay", "keep", "several rows per patient and day"))
        table.rules.append(RuleDecision("repeated_diagnosis", "keep", "one diagnosis in several visits of a day"))
    submission.save(recipe)
    return {"dir": folder, "files": files, "recipe": recipe, "lines": chosen}


def _apply(keys: OpenedKeys, planted: dict[str, object], submission: Submission, name: str, stream: bool):
    folder = planted["dir"]
    assert isinstance(folder, Path)
    package = folder / f"{name}-{stream}.tar"
    result = apply_submission([planted["files"]], submission, package, [keys.recipient], keys.signing, keys.secret,
                              stream=stream, batch_rows=100)
    opened = folder / f"{name}-{stream}"
    open_package(package, keys.identity, keys.signer, opened)
    with (opened / "validation-report.csv").open(encoding="utf-8-sig") as handle:
        findings = list(csv.DictReader(handle, delimiter=";"))
    return result, opened, findings


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_a_diagnosis_outside_every_stay_is_found_and_its_rows_excluded(opened_keys: OpenedKeys,
                                                                       planted: dict[str, object], stream: bool) -> None:
    submission = Submission.load(planted["recipe"])
    result, _opened, findings = _apply(opened_keys, planted, submission, "undecided", stream)
    assert ("conditions: streamed in batches of 100 rows" in result.notes) is stream
    found = [row for row in findings if row["rule"] == WITHIN]
    assert [int(row["row"]) for row in found] == planted["lines"]
    assert {row["column"] for row in found} == {"conditions.PATIENT, START"}
    assert {row["offending_rows"] for row in found} == {"3"}
    assert "still to decide" in result.tables[result.names.index("conditions")].validation
    # The producer's decision: the three rows leave, as for a finding within a table.
    table = submission.table("conditions")
    assert table is not None
    table.rules.append(RuleDecision(WITHIN, "exclude_row"))
    result, opened, findings = _apply(opened_keys, planted, submission, "excluded", stream)
    conditions = pq.read_table(opened / "conditions.parquet")
    assert conditions.num_rows == 438 - 3
    assert str(pa.scalar(PLANTED_DAY).as_py()) not in {str(v) for v in conditions.column("diagnosis_date").to_pylist()}
    decided = [row for row in findings if row["rule"] == WITHIN]
    assert decided and {row["decision"] for row in decided} == {"exclude_row"}
    assert "3 row(s) excluded" in result.tables[result.names.index("conditions")].validation


def test_decisions_on_events_after_death_are_replayed_streamed(opened_keys: OpenedKeys,
                                                               planted: dict[str, object]) -> None:
    """Synthea certifies two deaths in a visit a week later: those visits are excluded, the two death
    dates emptied, and the rule within stays switched off with its reason (in the report)."""
    submission = Submission.load(planted["recipe"])
    for name, decision in (("encounters", RuleDecision(AFTER_DEATH, "exclude_row")),
                           ("patients", RuleDecision(AFTER_DEATH, "empty", column="DEATHDATE")),
                           ("conditions", RuleDecision(WITHIN, "off", "diagnoses dated by the laboratory"))):
        table = submission.table(name)
        assert table is not None
        table.rules.append(decision)
    before = {n: len(_rows(planted["files"] / f"{n}.csv")) for n in TABLES}
    deaths = sum(1 for row in _rows(planted["files"] / "patients.csv") if row["DEATHDATE"])
    result, opened, findings = _apply(opened_keys, planted, submission, "after-death", True)
    assert pq.read_table(opened / "encounters.parquet").num_rows == before["encounters"] - 2
    patients = pq.read_table(opened / "patients.parquet")
    death_column = next(name for name in patients.column_names if "death" in name)
    assert patients.num_rows == before["patients"]
    assert sum(v is not None for v in patients.column(death_column).to_pylist()) == deaths - 2
    assert pq.read_table(opened / "conditions.parquet").num_rows == before["conditions"]
    assert not [row for row in findings if row["rule"] == WITHIN]
    assert {row["decision"] for row in findings if row["rule"] == AFTER_DEATH} == {"exclude_row", "empty"}
    report = (opened / "curation-report.html").read_text(encoding="utf-8")
    assert "diagnoses dated by the laboratory" in report
    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    assert [t["rows"] for t in manifest["tables"] if t["name"] == "encounters"] == [before["encounters"] - 2]
    assert [r["rule"] for r in findings if r["column"].startswith("conditions") and not r["decision"]] == []


def _whole_reads(files: dict[str, Path], submission: Submission) -> tuple[dict[str, list[BoundRule]], list[str]]:
    """The rules across tables bound from every file read whole, and the tables missing a column: the
    reference the pre-pass, which reads a few columns of some files, is compared with."""
    vocabulary = load_recipe_vocabulary(submission.tables[0])
    tables, missing = {}, []
    for recipe in submission.tables:
        names = linked_columns(recipe, vocabulary)
        table = read_file(files[recipe.name], reading_options(files[recipe.name], recipe)).table
        if any(name not in table.column_names for name in names.values()):
            missing.append(recipe.name)
        elif names:
            tables[recipe.name] = converted_linked(table, recipe, vocabulary)
    return bind_linked(tables, vocabulary), missing


def _bound(files: dict[str, Path], submission: Submission,
           options: Callable[[Path, Recipe], ReadOptions | None] = reading_options) -> tuple[dict[str, list[Any]], list[str]]:
    checked, said = check_rules_across(files, submission.tables, load_recipe_vocabulary(submission.tables[0]), options)
    return {name: [r for r in vocabulary.rules if isinstance(r, BoundRule)] for name, vocabulary in checked.items()}, said


def _same(found: dict[str, list[BoundRule]], reference: dict[str, list[BoundRule]]) -> None:
    assert {name: len(rules) for name, rules in found.items() if rules} == {n: len(r) for n, r in reference.items()}
    for name, rules in reference.items():
        for mine, theirs in zip(found[name], rules, strict=True):
            assert (mine.id, mine.concepts, mine.text) == (theirs.id, theirs.concepts, theirs.text)
            assert len(mine.across) == len(theirs.across)
            for a, b in zip(mine.across, theirs.across, strict=True):
                assert (a.column, a.kind, a.strict) == (b.column, b.kind, b.strict)
                assert a.persons.equals(b.persons) and a.values.equals(b.values)
                assert (a.ends is None and b.ends is None) or (a.ends is not None and b.ends is not None
                                                               and a.ends.equals(b.ends))


def _files(planted: dict[str, object], into: Path) -> dict[str, Path]:
    source = planted["files"]
    assert isinstance(source, Path)
    shutil.copytree(source, into)
    return {name: into / f"{name}.csv" for name in TABLES}


def test_the_pre_pass_binds_as_whole_reads_do_reading_only_the_tables_it_gathers(planted: dict[str, object],
                                                                                tmp_path: Path) -> None:
    submission = Submission.load(planted["recipe"])
    files = _files(planted, tmp_path / "export")
    reference, missing = _whole_reads(files, submission)
    assert set(reference) == set(TABLES) and missing == []
    vocabulary = load_recipe_vocabulary(submission.tables[0])
    # The diagnoses are judged by the stays and deaths, and bind nothing else: their values are not read.
    assert linked_sources({r.name: linked_columns(r, vocabulary) for r in submission.tables}, vocabulary) == {
        "patients", "encounters"}
    found, said = _bound(files, submission)
    _same(found, reference)
    assert said == []


def _ragged(path: Path, after: int) -> None:
    lines = path.read_bytes().split(b"\n")
    lines.insert(after, "x,é,y".encode("cp1252"))
    path.write_bytes(b"\n".join(lines))


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_broken_file_not_gathered_is_refused_by_its_curation(opened_keys: OpenedKeys, planted: dict[str, object],
                                                                tmp_path: Path) -> None:
    submission = Submission.load(planted["recipe"])
    files = _files(planted, tmp_path / "export")
    reference, _missing = _whole_reads(files, submission)
    _ragged(files["conditions"], 200)
    with pytest.raises(InputError) as whole:
        read_file(files["conditions"])
    found, _said = _bound(files, submission)
    _same(found, reference)
    with pytest.raises(InputError) as applied:
        apply_submission(list(files.values()), submission, tmp_path / "out.tar", [opened_keys.recipient],
                         opened_keys.signing, opened_keys.secret, stream=True, batch_rows=100)
    assert str(applied.value) == str(whole.value)
    assert not (tmp_path / "out.tar").exists()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_error_is_the_one_whole_reads_give_first(planted: dict[str, object], tmp_path: Path) -> None:
    """The stays (before the patients in the submission) are read for three columns only and pass;
    the patients are refused: the pre-pass then reads the files whole, in order, and gives the
    stays' error, as before."""
    submission = Submission.load(planted["recipe"])
    assert [t.name for t in submission.tables] == ["conditions", "encounters", "patients"]
    files = _files(planted, tmp_path / "export")
    stays = files["encounters"].read_bytes().split(b"\n")
    stays[3] = stays[3].replace(b"Encounter", b"Enc\xe9unter", 1)
    files["encounters"].write_bytes(b"\n".join(stays))
    _ragged(files["patients"], 10)

    def utf8(_path: Path, _recipe: Recipe) -> ReadOptions:
        return ReadOptions(format="csv", encoding="utf-8")

    with pytest.raises(Exception) as whole:
        list(iter_batches(files["encounters"], utf8(files["encounters"], submission.tables[1])))
    assert "UTF8" in str(whole.value)
    with pytest.raises(Exception) as found:
        _bound(files, submission, utf8)
    assert type(found.value) is type(whole.value) and str(found.value) == str(whole.value)


def _as_xlsx(table: pa.Table, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(table.column_names)
    for row in table.to_pylist():
        sheet.append(list(row.values()))
    book.save(path)


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx"])
def test_other_formats_and_a_missing_column_bind_as_whole_reads_do(planted: dict[str, object], tmp_path: Path,
                                                                    suffix: str) -> None:
    """The stays, whose values are gathered, in a Parquet file or a workbook; then the patients without
    their death dates."""
    submission = Submission.load(planted["recipe"])
    files = _files(planted, tmp_path / "export")
    stays = files.pop("encounters")
    files["encounters"] = stays.with_suffix(suffix)
    if suffix == ".parquet":
        pq.write_table(read_file(stays).table, files["encounters"])
    else:
        _as_xlsx(read_file(stays).table, files["encounters"])
    stays.unlink()
    reference, _missing = _whole_reads(files, submission)
    assert set(reference) == set(TABLES)
    found, said = _bound(files, submission)
    _same(found, reference)
    assert said == []
    # Without the death dates, the patients bind nothing and are judged by nothing: said so.
    rows = _rows(files["patients"])
    _write(files["patients"], [{k: v for k, v in row.items() if k != "DEATHDATE"} for row in rows])
    reference, missing = _whole_reads(files, submission)
    found, said = _bound(files, submission)
    _same(found, reference)
    assert missing == ["patients"]
    assert said == ["patients: DEATHDATE not in the file, so the rules across tables were not checked on it"]
