"""Importing Frictionless Table Schemas: the HDH's SNDS dictionary (188 tables) and its quirks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from curator.check import blockers, convert_and_validate
from curator.errors import InputError
from curator.mapping import load_vocabulary, suggest_columns
from curator.recipe.model import ColumnDecision, Recipe


def schemas(shared_data: Path) -> Path:
    return shared_data / "snds" / "schemas"


def test_all_188_snds_tables_import_as_one_vocabulary(shared_data: Path) -> None:
    folder = schemas(shared_data)
    files = sorted(folder.rglob("*.json"))
    assert len(files) == 188
    vocabulary = load_vocabulary(folder)
    tables = {t for concept in vocabulary.concepts.values() for t in concept.tables}
    assert len(tables) == 188
    declared = {json.loads(f.read_text(encoding="utf-8"))["name"] for f in files}
    assert tables == declared
    fields = {field["name"] for f in files for field in json.loads(f.read_text(encoding="utf-8"))["fields"]}
    assert set(vocabulary.concepts) == fields
    assert vocabulary.describe()["checksum"].startswith("sha256:")
    # Nomenclatures that are not shipped are said, not silently ignored.
    assert any("not found" in w for w in vocabulary.warnings)
    assert not vocabulary.code_lists["IR_ORG_V:ORG_NUM"].available or len(vocabulary.code_lists["IR_ORG_V:ORG_NUM"]) > 0


@pytest.mark.slow
def test_each_snds_table_imports_on_its_own(shared_data: Path) -> None:
    for file in sorted(schemas(shared_data).rglob("*.json")):
        vocabulary = load_vocabulary(file)
        assert vocabulary.concepts, file.name


def test_ir_ben_r_quirks_are_handled(shared_data: Path) -> None:
    vocabulary = load_vocabulary(schemas(shared_data) / "BENEFICIAIRE" / "IR_BEN_R.json")
    assert vocabulary.id == "IR_BEN_R"
    psa = vocabulary.concepts["BEN_NIR_PSA"]       # constraints carry a prose 'description'
    assert psa.min_length == 17 and psa.unique
    sex = vocabulary.concepts["BEN_SEX_COD"]       # nomenclature "IR_SEX_V:SEX_COD" from the sibling CSV
    assert sex.value_type == "code"
    assert set(vocabulary.code_lists[sex.code_list].codes) == {"0", "1", "2", "9"}
    assert vocabulary.code_lists[sex.code_list].label("1") == "MASCULIN"
    month = vocabulary.concepts["BEN_NAI_MOI"]     # type date with format "%m": a month number
    assert (month.value_type, month.minimum, month.maximum) == ("integer", 1, 12)
    death = vocabulary.concepts["BEN_DCD_DTE"]     # a date pointing at the calendar table IR_DTE_V
    assert death.value_type == "date" and death.code_list is None
    # 'Date de décès du bénéficiaire' clearly names hub-core's death_date: its class and action follow.
    assert death.identifying == "quasi"
    assert (death.default_action.action, death.default_action.params) == ("generalise", {"to": "year_month"})
    assert vocabulary.concepts["BEN_TOP_CNS"].identifying == "none"


def test_a_nomenclature_with_an_empty_key_row_is_read(tmp_path: Path, shared_data: Path) -> None:
    nomenclatures = tmp_path / "nomenclatures"
    nomenclatures.mkdir()
    shutil.copy(shared_data / "snds" / "nomenclatures" / "ORAVAL" / "IR_DTE_V.csv", nomenclatures)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "T.json").write_text(json.dumps({"name": "T", "fields": [
        {"name": "JOUR", "type": "string", "nomenclature": "IR_DTE_V:DTE_DTE"}]}), encoding="utf-8")
    vocabulary = load_vocabulary(tmp_path / "schemas")
    codes = vocabulary.code_lists["IR_DTE_V:DTE_DTE"].codes
    assert "" not in codes and "19MAY1874:00:00:00" in codes


def test_a_schema_without_fields_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"name": "X", "fields": [{"type": "string"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="field 1 of table X has no name"):
        load_vocabulary(path)


def ir_ben_r_file() -> pa.Table:
    """A small extract shaped like IR_BEN_R, with real errors planted (row numbers are file lines)."""
    rows = [
        # BEN_NIR_PSA,  RNG, BEN_SEX_COD, NAI_ANN, NAI_MOI, DCD_DTE,   RES_DPT, IDT_ANO,           IDT_TOP
        ("A" * 17,      "1", "1",         "1950",  "03",    "",          "075",   "I" * 16 + "1",    "1"),
        ("B" * 17,      "1", "2",         "1962",  "11",    "2020-04-12", "013",  "I" * 16 + "2",    "0"),
        ("C" * 16,      "1", "3",         "1971",  "13",    "",          "02A",   "I" * 16 + "3",    "1"),   # line 4
        ("D" * 17,      "2", "2",         "19X5",  "07",    "2021-02-30", "0AB",  "I" * 16 + "3",    "oui"),  # line 5
        ("E" * 17,      "1", "9",         "1988",  "01",    "",          "971",   "I" * 16 + "5",    "0"),
    ]
    names = ["BEN_NIR_PSA", "BEN_RNG_GEM", "BEN_SEX_COD", "BEN_NAI_ANN", "BEN_NAI_MOI", "BEN_DCD_DTE",
             "BEN_RES_DPT", "BEN_IDT_ANO", "BEN_IDT_TOP"]
    columns = list(zip(*rows, strict=True))
    table = pa.table({n: pa.array([v or None for v in col], pa.string()) for n, col in zip(names, columns, strict=True)})
    treated = pa.array(["2023-01-31", "2023-02-28", "2022-12-01", "2023-03-15", "2021-07-04"])
    return table.append_column("MAX_TRT_DTD", treated)


def test_an_ir_ben_r_file_maps_onto_the_dictionary_and_its_errors_are_reported(shared_data: Path) -> None:
    vocabulary = load_vocabulary(schemas(shared_data))
    table = ir_ben_r_file()
    suggestions = suggest_columns(table, vocabulary)
    assert [s.assigned for s in suggestions] == table.column_names
    recipe = Recipe(columns=[ColumnDecision(s.name, s.assigned) for s in suggestions],
                    vocabulary=vocabulary.describe())
    output, report = convert_and_validate(table, recipe, vocabulary)
    found = {(r.column, r.rule): [(f.row, f.value) for f in r.examples] for r in report.results}
    assert found == {
        ("BEN_NIR_PSA", "length"): [(4, "C" * 16)],
        ("BEN_SEX_COD", "code"): [(4, "3")],
        ("BEN_NAI_ANN", "year"): [(5, "19X5")],
        ("BEN_NAI_MOI", "range"): [(4, "13")],
        ("BEN_DCD_DTE", "date"): [(5, "2021-02-30")],
        ("BEN_RES_DPT", "code"): [(5, "0AB")],
        ("BEN_IDT_ANO", "unique"): [(4, "I" * 16 + "3"), (5, "I" * 16 + "3")],
        ("BEN_IDT_TOP", "boolean"): [(5, "oui")],
    }
    assert not report.ok
    assert {b.column for b in blockers(recipe, vocabulary, report)} == {c for c, _ in found}
    # Columns without a problem are typed; codes stay text so that leading zeros survive.
    assert output.schema.field("MAX_TRT_DTD").type == pa.date32()
    assert output.column("BEN_RNG_GEM").to_pylist() == ["1", "1", "1", "2", "1"]
    assert "BEN_NAI_ANN" in report.untyped_columns
