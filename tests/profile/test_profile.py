"""Column profiles: types, counts, small-count masking, shapes, on real and on hand-made columns."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from curator.load import read_file
from curator.profile import TYPES, ColumnProfile, profile_column, profile_table
from curator.progress import Cancelled


def column(values: list[str | None], name: str = "c") -> ColumnProfile:
    return profile_column(name, pa.array(values, pa.string()))


@pytest.mark.parametrize(("values", "expected"), [
    (["1", "22", "-3", "+4", "0"], "integer"),
    (["12,5", "3", "1 234,75", "0,1"], "decimal"),
    (["1.5", "2.25", "1e-3"], "decimal"),
    (["01000", "75015", "2A004"], "code"),
    (["01000", "75015", "13001"], "code"),  # leading zeros: a code, not a number
    (["C50.9", "I21", "E11.9"], "code"),
    (["M", "F", "F"], "code"),
    (["oui", "non", "Oui"], "boolean"),
    (["0", "1", "1"], "boolean"),
    (["1", "1"], "integer"),
    (["12/03/1954", "29/02/1952", "31/12/2000"], "date"),
    (["1954-03-12", "2000-01-01"], "date"),
    (["2021-06-01 08:30:00", "2021-06-02 17:05"], "datetime"),
    (["Hélène Martin", "Zoë Noël", "rue de la Paix"], "text"),
    ([None, None, "   "], "empty"),
])
def test_inferred_types(values: list[str | None], expected: str) -> None:
    profile = column(values)
    assert profile.inferred_type == expected
    assert profile.inferred_type in TYPES


def test_dates_check_the_calendar_and_report_every_fitting_format() -> None:
    assert column(["31/02/2000", "30/02/2001"]).inferred_type != "date"
    ambiguous = column(["01/02/2000", "03/04/2001"])
    assert ambiguous.date_formats == ["%d/%m/%Y", "%m/%d/%Y"]
    french = column(["25/12/2000", "03/04/2001"])
    assert french.date_formats == ["%d/%m/%Y"]
    assert french.min == "25/12/2000" and french.max == "03/04/2001"  # chronological, not lexical


def test_a_few_misfits_do_not_change_the_type_but_are_counted() -> None:
    values = [f"{day:02d}/01/2000" for day in range(1, 29)] * 10 + ["NA"]
    profile = column(values)
    assert profile.inferred_type == "date"
    assert profile.type_exceptions == 1 and profile.exception_examples == ["NA"]
    assert profile.to_dict()["type_exceptions"] == "<5"


def test_counts_emptiness_distinct_and_small_counts_hidden() -> None:
    values = ["A"] * 7 + ["B"] * 5 + ["C"] * 4 + [None, "", "  "]
    profile = column(values)
    assert profile.row_count == 19
    assert profile.empty_count == 3  # null, and spaces alone; "" is null after loading anyway
    assert profile.distinct_count == 3
    assert profile.top_values == [("A", 7), ("B", 5), ("C", "<5")]


def test_numeric_min_max_lengths_and_shapes() -> None:
    profile = column(["9", "10", "100", "-2"])
    assert (profile.min, profile.max) == ("-2", "100")
    assert (profile.length_min, profile.length_max) == (1, 3)
    decimal = column(["1 234,5", "99,9", "1,5"])
    assert decimal.decimal_mark == "," and (decimal.min, decimal.max) == ("1,5", "1 234,5")
    shapes = dict(column(["01000"] * 6 + ["2A004"] * 5 + ["Évry"]).shapes)
    assert shapes == {"99999": 6, "9A999": 5, "Aaaa": "<5"}


def test_profile_of_a_loaded_registry_file_is_json(tmp_path: Path) -> None:
    rows = ["id;nom;cp;naissance;poids;fumeur"]
    rows += [f"{i};Nom{i % 7};{i % 90 + 1:02d}000;{i % 28 + 1:02d}/0{i % 9 + 1}/19{i % 90 + 10};{60 + i % 30},5;"
             f"{'oui' if i % 3 else 'non'}" for i in range(300)]
    path = tmp_path / "registre.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    profiles = profile_table(read_file(path).table)
    kinds = {p.name: p.inferred_type for p in profiles}
    assert kinds == {"id": "integer", "nom": "code", "cp": "code", "naissance": "date", "poids": "decimal",
                     "fumeur": "boolean"}
    document = json.loads(json.dumps([p.to_dict() for p in profiles]))
    assert document[0]["name"] == "id" and document[0]["top_values"][0]["count"] == "<5"


def test_real_synthea_patients(shared_data: Path) -> None:
    loaded = read_file(shared_data / "synthea" / "patients.csv")
    profiles = {p.name: p for p in profile_table(loaded.table)}
    assert profiles["BIRTHDATE"].inferred_type == "date" and profiles["BIRTHDATE"].date_formats == ["%Y-%m-%d"]
    assert profiles["GENDER"].inferred_type == "code"
    assert profiles["FIRST"].inferred_type in ("code", "text")
    assert profiles["LAT"].inferred_type == "decimal"
    assert profiles["ZIP"].empty_count > 0
    assert all(p.row_count == loaded.table.num_rows for p in profiles.values())


def test_high_cardinality_columns_are_typed_on_a_sample_then_checked() -> None:
    identifiers = [str(100000 + i) for i in range(20000)]
    assert column(identifiers).inferred_type == "integer"
    # The sample sees only integers; the check on all values finds that 1 % are words: not integer.
    mixed = identifiers[:19700] + [f"x{i}" for i in range(300)]
    assert column(mixed).inferred_type == "code"


def test_progress_and_cancel() -> None:
    table = pa.table({f"c{i}": pa.array([str(j) for j in range(100)]) for i in range(5)})
    seen: list[float] = []
    assert len(profile_table(table, progress=lambda f, m="": seen.append(f))) == 5
    assert seen[-1] == 1.0

    def cancel(fraction: float, message: str = "") -> None:
        if fraction > 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        profile_table(table, progress=cancel)
