"""datapackage.json: Synthea's three linked tables described as a Frictionless Data Package, which stock
``frictionless.validate`` accepts (foreign keys checked on the Parquet files), inside a package of several
data members that verifies and opens."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import frictionless
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from curator.errors import InputError
from curator.mapping import Vocabulary, load_vocabulary
from curator.package import manifest as mf
from curator.package.datapackage import (
    DATAPACKAGE_NAME,
    ForeignKey,
    TableOut,
    build_datapackage,
    describe_parquet,
    table_manifest_fields,
    write_datapackage,
)
from curator.recipe.model import ExportMetadata

EXPORT = ExportMetadata(producer_id="registre-test", producer_name="Registre des cancers (test)",
                        dataset_title="Cohorte Synthea", dataset_description="Trois tables liées", period="2020/2024",
                        legal_basis="Article L1461-3 du code de la santé publique", contact="dpo@chu-test.fr")
CONCEPTS = {"sex": "sex", "birth_year": "birth_year", "death_date": "death_date", "department": "department",
            "diagnosis_date": "diagnosis_date"}
LINKS = {"encounters": [ForeignKey(["PATIENT"], "patients", ["Id"])],
         "conditions": [ForeignKey(["ENCOUNTER"], "encounters", ["Id"]), ForeignKey(["PATIENT"], "patients", ["Id"])]}
KEYS = {"patients": ["Id"], "encounters": ["Id"], "conditions": []}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(None)


def _read(path: Path, columns: list[str]) -> pa.Table:
    return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        include_columns=columns, column_types={c: pa.string() for c in ("Id", "PATIENT", "ENCOUNTER", "CODE", "ZIP")}))


def synthea_tables(shared_data: Path) -> dict[str, pa.Table]:
    """Synthea's patients, encounters and conditions, reduced to a few columns of each kind as they leave."""
    folder = shared_data / "synthea"
    patients = _read(folder / "patients.csv", ["Id", "BIRTHDATE", "DEATHDATE", "GENDER", "ZIP"])
    sex = pc.if_else(pc.equal(patients["GENDER"], "M"), "1", "2")
    # A département from the ZIP's first two digits: Massachusetts' '01'/'02' are French départements too,
    # and a missing ZIP stays missing.
    department = pc.utf8_slice_codeunits(patients["ZIP"], 0, 2)
    patients = pa.table({"Id": patients["Id"], "sex": sex,
                         "birth_year": pc.year(patients["BIRTHDATE"]).cast(pa.int16()),
                         "death_date": patients["DEATHDATE"].cast(pa.date32()), "department": department})
    encounters = _read(folder / "encounters.csv", ["Id", "START", "PATIENT", "ENCOUNTERCLASS", "BASE_ENCOUNTER_COST"])
    conditions = _read(folder / "conditions.csv", ["START", "PATIENT", "ENCOUNTER", "CODE"])
    conditions = conditions.rename_columns(["diagnosis_date", "PATIENT", "ENCOUNTER", "CODE"])
    return {"patients": patients, "encounters": encounters, "conditions": conditions}


def write_tables(tables: dict[str, pa.Table], folder: Path, vocabulary: Vocabulary) -> list[TableOut]:
    folder.mkdir(parents=True, exist_ok=True)
    described = []
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
        described.append(describe_parquet(name, folder / f"{name}.parquet", CONCEPTS, vocabulary, KEYS[name],
                                          LINKS.get(name, [])))
    return described


def validate(folder: Path) -> frictionless.Report:
    return frictionless.validate(str(folder / DATAPACKAGE_NAME))


def test_three_synthea_tables_are_described_and_frictionless_validates_them(shared_data: Path, tmp_path: Path,
                                                                            vocabulary: Vocabulary) -> None:
    tables = synthea_tables(shared_data)
    described = write_tables(tables, tmp_path, vocabulary)
    descriptor = build_datapackage(described, EXPORT, vocabulary)
    write_datapackage(tmp_path / DATAPACKAGE_NAME, descriptor)

    report = validate(tmp_path)
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert [(task.name, task.stats["rows"]) for task in report.tasks] == [
        (name, table.num_rows) for name, table in tables.items()]
    assert descriptor["title"] == "Cohorte Synthea" and descriptor["producer"]["id"] == "registre-test"
    assert descriptor["legal_basis"].startswith("Article L1461-3") and descriptor["period"] == "2020/2024"
    assert {"title": "dpo@chu-test.fr", "role": "maintainer"} in descriptor["contributors"]

    patients, encounters, conditions = descriptor["resources"]
    assert (patients["path"], patients["format"], patients["schema"]["primaryKey"]) == (
        "patients.parquet", "parquet", ["Id"])
    fields = {f["name"]: f for f in patients["schema"]["fields"]}
    assert fields["sex"]["labels"] == {"fr": "Sexe (1 masculin, 2 féminin, 9 indéterminé)",
                                       "en": "Sex (1 male, 2 female, 9 unknown)"}
    assert fields["sex"]["constraints"] == {"enum": ["1", "2", "9"]}
    assert {"value": "2", "label": "Féminin", "labels": {"fr": "Féminin", "en": "Female"}} in fields["sex"]["categories"]
    assert (fields["birth_year"]["type"], fields["death_date"]["type"], fields["Id"]) == (
        "integer", "date", {"name": "Id", "type": "string"})
    # Some ZIPs give no département ('99'...): the list is given, but not as a constraint the data break.
    assert fields["department"]["codeList"]["id"] == "department" and "constraints" not in fields["department"]
    assert {f["name"]: f["type"] for f in encounters["schema"]["fields"]} == {
        "Id": "string", "START": "datetime", "PATIENT": "string", "ENCOUNTERCLASS": "string",
        "BASE_ENCOUNTER_COST": "number"}
    assert conditions["schema"]["foreignKeys"] == [
        {"fields": ["ENCOUNTER"], "reference": {"resource": "encounters", "fields": ["Id"]}},
        {"fields": ["PATIENT"], "reference": {"resource": "patients", "fields": ["Id"]}}]
    assert "primaryKey" not in conditions["schema"]


def test_frictionless_finds_an_orphan_and_a_value_outside_the_code_list(shared_data: Path, tmp_path: Path,
                                                                        vocabulary: Vocabulary) -> None:
    """The validation is no formality: a visit whose patient is gone, and a sex outside the list, are found."""
    tables = synthea_tables(shared_data)
    gone = tables["patients"]["Id"][0].as_py()
    described = write_tables(tables, tmp_path, vocabulary)
    write_datapackage(tmp_path / DATAPACKAGE_NAME, build_datapackage(described, EXPORT, vocabulary))
    patients = tables["patients"]
    patients = patients.filter(pc.not_equal(patients["Id"], gone))
    patients = patients.set_column(1, "sex", pc.if_else(pc.equal(patients["sex"], "1"), "M", patients["sex"]))
    pq.write_table(patients, tmp_path / "patients.parquet")

    report = validate(tmp_path)
    errors = report.flatten(["taskNumber", "fieldName", "type", "note"])
    assert not report.valid
    assert {(task, kind) for task, _, kind, _ in errors} == {(1, "constraint-error"), (2, "foreign-key"),
                                                            (3, "foreign-key")}
    orphans = [note for _, _, kind, note in errors if kind == "foreign-key"]
    assert all(gone in note for note in orphans)
    assert len([1 for task, _, _, _ in errors if task == 2]) == pc.sum(pc.equal(tables["encounters"]["PATIENT"],
                                                                               gone)).as_py()


@pytest.mark.parametrize("field", ["producer_id", "producer_name", "dataset_title"])
def test_a_required_export_field_left_empty_is_refused_by_name(field: str, vocabulary: Vocabulary) -> None:
    table = TableOut("data", pa.schema([("x", pa.string())]), {})
    with pytest.raises(InputError) as error:
        build_datapackage([table], replace(EXPORT, **{field: "  "}), vocabulary)
    assert field in str(error.value) and "export" in str(error.value.hint)


def _table(name: str, primary_key: list[str] | None = None, foreign_keys: list[ForeignKey] | None = None) -> TableOut:
    return TableOut(name, pa.schema([("Id", pa.string()), ("PATIENT", pa.string())]), {}, primary_key or [],
                    foreign_keys or [])


@pytest.mark.parametrize(("tables", "said"), [
    ([_table("Patients")], "'Patients' cannot name a table"),
    ([_table("../patients")], "'../patients' cannot name a table"),
    ([_table("con")], "'con' cannot name a table"),
    ([_table("patients"), _table("patients")], "two tables would be the same member 'patients.parquet'"),
    ([_table("patients", ["Identifier"])], "table 'patients' has no column 'Identifier'"),
    ([_table("visits", [], [ForeignKey(["PATIENT"], "patients", ["Id"])])], "refers to table 'patients'"),
    ([_table("patients"), _table("visits", [], [ForeignKey(["PATIENT"], "patients", ["Key"])])],
     "table 'patients' has no column 'Key' (referred to by a foreign key of 'visits')"),
    ([_table("patients"), _table("visits", [], [ForeignKey(["PATIENT", "Id"], "patients", ["Id"])])],
     "pairs 2 column(s) with 1 of 'patients'"),
    ([], "at least one table"),
])
def test_tables_that_cannot_be_described_are_refused(tables: list[TableOut], said: str,
                                                     vocabulary: Vocabulary) -> None:
    with pytest.raises(InputError) as error:
        build_datapackage(tables, EXPORT, vocabulary)
    assert said in str(error.value)


def test_the_manifest_says_the_structure_of_the_tables_and_no_value(shared_data: Path, tmp_path: Path,
                                                                    vocabulary: Vocabulary) -> None:
    tables = synthea_tables(shared_data)
    fields = table_manifest_fields(write_tables(tables, tmp_path, vocabulary))
    assert not mf.check_clear_fields(fields)
    assert [(t["name"], t["rows"], t["primary_key"]) for t in fields["tables"]] == [
        ("patients", tables["patients"].num_rows, ["Id"]), ("encounters", tables["encounters"].num_rows, ["Id"]),
        ("conditions", tables["conditions"].num_rows, [])]
    assert fields["tables"][2]["foreign_keys"][0] == {"columns": ["ENCOUNTER"],
                                                      "references": {"table": "encounters", "columns": ["Id"]}}
    assert fields["tables"][0]["columns"][2] == {"name": "birth_year", "type": "int16"}
    text = json.dumps(fields)
    values = {str(v) for table in tables.values() for column in table.columns for v in column.to_pylist()}
    assert not [v for v in values if len(v) >= 4 and v in text]
