"""Typed conversion and the validation report: nothing coerced silently, decisions applied, exports."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from openpyxl import load_workbook

from curator.check import blockers, convert_and_validate
from curator.check.report import MASK, Finding, RuleResult, ValidationReport
from curator.mapping import load_vocabulary
from curator.progress import Cancelled
from curator.recipe.model import ColumnDecision, Recipe, Transform
from curator.source import ReadOptions


def run(columns: dict[str, list[str | None]], *decisions: ColumnDecision, **reader: object):
    table = pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})
    recipe = Recipe(reader=ReadOptions(**reader), columns=list(decisions))  # type: ignore[arg-type]
    return convert_and_validate(table, recipe, load_vocabulary())


def test_valid_columns_are_typed() -> None:
    out, report = run(
        {"ddn": ["12/03/1950", "01/01/1980", None], "poids": ["72,5", "80", "65,2 kg"], "age": ["54", "7", "90"],
         "sexe": ["H", "F", "2"], "autre": ["x", " y ", "z"]},
        ColumnDecision("ddn", "birth_date"), ColumnDecision("poids", "weight_kg"), ColumnDecision("age", "age"),
        ColumnDecision("sexe", "sex", code_map={"H": "1", "F": "2"}))
    assert report.ok and report.results == []
    assert out.column("ddn").to_pylist() == [dt.date(1950, 3, 12), dt.date(1980, 1, 1), None]
    assert out.column("poids").to_pylist() == [72.5, 80.0, 65.2]
    assert out.column("age").type == pa.int64()
    assert out.column("sexe").to_pylist() == ["1", "2", "2"]
    assert out.column("autre").to_pylist() == ["x", " y ", "z"]      # unmapped: exactly as read
    assert any("DD/MM/YYYY" in n for n in report.notes) and any("decimal comma" in n for n in report.notes)


def test_invalid_values_are_reported_with_source_rows_and_the_column_stays_text() -> None:
    out, report = run({"ddn": ["12/03/1950", "31/02/1980", "inconnu", "05/06/1972"]},
                      ColumnDecision("ddn", "birth_date"), header_row=3)
    [result] = report.results
    assert (result.rule, result.count) == ("date", 2)
    assert [(f.row, f.value) for f in result.examples] == [(5, "31/02/1980"), (6, "inconnu")]
    assert not result.resolved and not report.ok
    assert out.column("ddn").to_pylist() == ["12/03/1950", "31/02/1980", "inconnu", "05/06/1972"]
    assert report.untyped_columns == ["ddn"]


def test_a_second_date_format_is_read_but_day_and_month_are_never_swapped() -> None:
    out, report = run({"d": ["12/03/2020", "2020-03-13", "14/03/2020", "15/03/2020"]}, ColumnDecision("d", "diagnosis_date"))
    assert report.ok
    assert out.column("d").to_pylist()[1] == dt.date(2020, 3, 13)
    _, report = run({"d": ["13/03/2020", "14/03/2020", "03/15/2020"]}, ColumnDecision("d", "diagnosis_date"))
    assert [(r.rule, r.count) for r in report.results] == [("date", 1)]


def test_range_pattern_and_nir_key_rules() -> None:
    _, report = run(
        {"poids": ["72", "800", "-1", "60", "61"], "cp": ["01000", "1000", "75001", "2A004", "13008"],
         "nir": ["295109912611193", "2 95 10 99 126 111 93", "295109912611194", "2951099126111", "12345"]},
        ColumnDecision("poids", "weight_kg"), ColumnDecision("cp", "postal_code"), ColumnDecision("nir", "nir"))
    found = {(r.column, r.rule): [f.value for f in r.examples] for r in report.results}
    assert found == {("poids", "range"): ["800", "-1"], ("cp", "pattern"): ["1000", "2A004"],
                     ("nir", "check_digit"): ["295109912611194"], ("nir", "pattern"): ["12345"]}
    assert any("removed from 1 NIR" in n for n in report.notes)


def test_decisions_empty_exclude_and_keep() -> None:
    out, report = run(
        {"poids": ["72", "abc", "800", "90"], "sexe": ["1", "X", "2", "?"], "id": ["a", "b", "c", "d"]},
        ColumnDecision("poids", "weight_kg", validation={"abc": "empty", "range": "exclude_row"}),
        ColumnDecision("sexe", "sex", validation={"code": "keep"}))
    assert report.ok, report.to_dict()
    assert report.excluded_rows == 1 and report.rows_out == 3
    assert out.column("id").to_pylist() == ["a", "b", "d"]
    assert out.column("poids").to_pylist() == [72.0, None, 90.0]
    assert out.column("sexe").to_pylist() == ["1", "X", "?"]
    assert {(r.column, r.rule): r.decided_rows for r in report.results} == {
        ("poids", "number"): 1, ("poids", "range"): 1, ("sexe", "code"): 2}


def test_a_dropped_column_is_not_checked_unless_its_values_exclude_rows() -> None:
    columns = {"tel": ["0612345678", "n/a", "12"], "poids": ["72", "800", "abc"], "id": ["a", "b", "c"]}
    dropped = Transform("drop")
    out, report = run(columns, ColumnDecision("tel", "phone", transform=dropped),
                      ColumnDecision("poids", "weight_kg", transform=dropped))
    assert report.ok and report.results == [] and report.untyped_columns == []
    assert out.column("tel").to_pylist() == columns["tel"]        # left as read: protect drops it
    # The same values kept are checked, and nothing decides for them: the export would stop.
    _, kept = run(columns, ColumnDecision("tel", "phone"), ColumnDecision("poids", "weight_kg"))
    assert {r.column for r in kept.results} == {"tel", "poids"} and not kept.ok
    # A decision that excludes rows by a dropped column's values still excludes them.
    out, report = run(columns, ColumnDecision("poids", "weight_kg", transform=dropped,
                                              validation={"range": "exclude_row", "number": "empty"}))
    assert report.ok and report.excluded_rows == 1 and out.column("id").to_pylist() == ["a", "c"]


def test_code_map_to_none_empties_a_value_on_purpose() -> None:
    out, report = run({"tabac": ["Fumeur", "NSP", "Jamais"]},
                      ColumnDecision("tabac", "smoking_status", code_map={"Fumeur": "3", "NSP": None, "Jamais": "1"}))
    assert report.ok and out.column("tabac").to_pylist() == ["3", None, "1"]


def test_reports_export_to_csv_and_xlsx(tmp_path: Path) -> None:
    _, report = run({"email": ["a@b.fr", "=HYPERLINK(\"x\")", "pas un mail"]},
                    ColumnDecision("email", "email"))
    report.to_csv(tmp_path / "report.csv")
    with (tmp_path / "report.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["row"], r["value"], r["rule"], r["offending_rows"]) for r in rows] == [
        ("3", '=HYPERLINK("x")', "pattern", "2"), ("4", "pas un mail", "pattern", "2")]
    report.to_xlsx(tmp_path / "report.xlsx", redact_direct=True)
    workbook = load_workbook(tmp_path / "report.xlsx")
    assert workbook.sheetnames == ["Summary", "Rows", "Notes"]
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    assert summary[1][:3] == ("email", "email", "pattern") and summary[1][5] == 2
    values = [row[6] for row in workbook["Rows"].iter_rows(min_row=2, values_only=True)]
    assert values == [MASK, MASK]          # a direct identifier is masked on request
    assert not list(tmp_path.glob("*.part"))


def test_blockers_name_the_column_and_what_to_do() -> None:
    vocabulary = load_vocabulary()
    recipe = Recipe(columns=[ColumnDecision("Nom", "last_name"),
                             ColumnDecision("NIR", "nir", transform=Transform("pseudonymise")),
                             ColumnDecision("IPP", "patient_local_id", transform=Transform("keep", keep_confirmed=True))],
                    vocabulary=vocabulary.describe())
    found = blockers(recipe, vocabulary)
    assert [b.column for b in found] == ["Nom"]
    assert "identifies a person directly" in str(found[0])
    assert blockers(Recipe(vocabulary={"id": "other"}), vocabulary)[0].column is None


def test_cancel_stops_validation() -> None:
    table = pa.table({"ddn": pa.array(["12/03/1950"] * 10)})
    recipe = Recipe(columns=[ColumnDecision("ddn", "birth_date")])

    def cancel(fraction: float, message: str = "") -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        convert_and_validate(table, recipe, load_vocabulary(), progress=cancel)


def test_a_value_mapped_to_a_code_outside_the_list_is_reported() -> None:
    _, report = run({"sexe": ["H", "F"]}, ColumnDecision("sexe", "sex", code_map={"H": "1", "F": "F"}))
    assert [(r.rule, [f.value for f in r.examples]) for r in report.results] == [("code", ["F"])]


def test_declared_missing_values_are_empty(tmp_path: Path) -> None:
    import json
    schema = tmp_path / "t.json"
    schema.write_text(json.dumps({"name": "T", "missingValues": ["", "NA", "."],
                                  "fields": [{"name": "N", "type": "integer"}]}), encoding="utf-8")
    vocabulary = load_vocabulary(schema)
    table = pa.table({"N": pa.array(["1", "NA", ".", "x"])})
    out, report = convert_and_validate(table, Recipe(columns=[ColumnDecision("N", "N")]), vocabulary)
    assert [(r.rule, [f.value for f in r.examples]) for r in report.results] == [("integer", ["x"])]


def test_packaged_copy_masks_columns_that_are_not_exported_as_is(tmp_path: Path) -> None:
    report = ValidationReport(rows=3, results=[
        RuleResult("Date de naissance", "birth_date", "date", 1, [Finding(2, "Date de naissance", "31/02/1950", "date")]),
        RuleResult("Poids (kg)", "weight_kg", "number", 1, [Finding(3, "Poids (kg)", "soixante", "number")]),
    ])
    target = tmp_path / "validation.csv"
    report.to_csv(target, redact_direct=True, redact_columns={"Date de naissance"})
    rows = list(csv.reader(target.open(encoding="utf-8-sig"), delimiter=";"))[1:]
    assert [row[6] for row in rows] == [MASK, "soixante"]
    assert "31/02/1950" not in target.read_text(encoding="utf-8-sig")


def test_nir_corsican_keys_and_foreign_digits_are_checked_not_crashed_on() -> None:
    # 2A -> 19 and 2B -> 18 before the key; a NIR in Arabic-Indic digits is reported, not cast.
    valid_2a = "1850" + "22A" + "004" + "001"
    valid_2a += f"{97 - int(valid_2a.replace('2A', '19')) % 97:02d}"
    wrong_2b = "2850" + "22B" + "004" + "001" + "00"
    arabic = "".join(chr(0x0660 + int(d)) for d in "295109912611193")
    _, report = run({"nir": [valid_2a, wrong_2b, arabic, "1850522004001", None, ""]}, ColumnDecision("nir", "nir"))
    found = {r.rule: [f.value for f in r.examples] for r in report.results}
    assert found == {"check_digit": [wrong_2b], "pattern": [arabic]}


def test_mostly_distinct_and_repeating_columns_give_the_same_findings_on_many_rows() -> None:
    # Over 50,000 rows conversion may go through distinct values; the findings must not depend on it.
    emails = [f"person{i}@example.fr" for i in range(60_000)]
    emails[12_345] = "not an email"
    postcodes = [("75001", "13008", "1000", "2A004")[i % 4] for i in range(60_000)]
    _, report = run({"mail": emails, "cp": postcodes},
                    ColumnDecision("mail", "email"), ColumnDecision("cp", "postal_code"))
    counts = {(r.column, r.rule): r.count for r in report.results}
    assert counts == {("mail", "pattern"): 1, ("cp", "pattern"): 30_000}
    mail = next(r for r in report.results if r.column == "mail")
    assert mail.examples[0].row == 12_345 + 2 and mail.examples[0].value == "not an email"
