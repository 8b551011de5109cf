"""Column suggestions: headers, values, identification evidence and the one-to-one assignment."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from curator.identify.model import ColumnIdentification
from curator.mapping import load_vocabulary, suggest_columns


def by_name(table: pa.Table, **kwargs: object) -> dict:
    return {s.name: s for s in suggest_columns(table, load_vocabulary(), **kwargs)}  # type: ignore[arg-type]


def test_french_headers_with_their_values_get_the_right_concepts_and_reasons() -> None:
    table = pa.table({
        "DDN": ["12/03/1950", "01/01/1980", "05/06/1972"],
        "Sexe (H/F)": ["H", "F", "F"],
        "N° sécu": ["295109912611193", "253072A07300443", "253072B07300470"],
        "Poids (kg)": ["72,5", "80", "65,2"],
        "Code CIM-10": ["C50.9", "C34.1", "C61"],
    })
    got = by_name(table)
    assert {n: s.assigned for n, s in got.items()} == {
        "DDN": "birth_date", "Sexe (H/F)": "sex", "N° sécu": "nir", "Poids (kg)": "weight_kg",
        "Code CIM-10": "diagnosis_icd10"}
    ddn = got["DDN"].suggestions[0]
    assert ddn.concept == "birth_date" and 0.9 <= ddn.score <= 1.0
    assert "header 'DDN'" in ddn.reason and "dates 1950–1980" in ddn.reason
    assert "valid key" in got["N° sécu"].suggestions[0].reason
    assert "code list 'icd10'" in got["Code CIM-10"].suggestions[0].reason
    for column in got.values():
        scores = [s.score for s in column.suggestions]
        assert scores == sorted(scores, reverse=True) and all(0 <= x <= 1 for x in scores)


def test_values_that_contradict_the_header_lower_the_score() -> None:
    table = pa.table({"Date de naissance": ["12/03/1950", "01/01/1980"], "date naissance": ["abc", "xyz"]})
    got = by_name(table)
    assert got["Date de naissance"].suggestions[0].score > got["date naissance"].suggestions[0].score + 0.2
    assert "not dates" in got["date naissance"].suggestions[0].reason


def test_two_columns_do_not_both_get_birth_date() -> None:
    table = pa.table({"date_naissance": ["12/03/1950", "01/01/1980"], "DDN": ["12/03/1950", "01/01/1980"]})
    assigned = [s.assigned for s in by_name(table).values()]
    assert assigned.count("birth_date") == 1


def test_repeatable_concepts_serve_several_columns() -> None:
    table = pa.table({"Diagnostic principal": ["C50.9", "I21.0"], "Diagnostic associé": ["E11.9", "I10"]})
    assert [s.assigned for s in by_name(table).values()] == ["diagnosis_icd10", "diagnosis_icd10"]


def test_headerless_columns_are_recognised_from_their_values() -> None:
    table = pa.table({
        "col1": ["295109912611193", "253072A07300443", "253072B07300470", "189057512345678"],
        "col2": ["jean.dupont@exemple.fr", "a.b@c.org", "x@y.com", "zz@hopital.fr"],
        "col3": ["C50.9", "C34.1", "C61", "K35.8"],
        "col4": ["1", "2", "3", "4"],
    })
    got = by_name(table)
    assert got["col1"].assigned == "nir"
    assert got["col2"].assigned == "email"
    assert got["col3"].assigned == "diagnosis_icd10"
    assert got["col4"].assigned is None


def test_unrelated_headers_stay_unmapped() -> None:
    table = pa.table({"Score ECOG": ["0", "1"], "Bras de randomisation": ["A", "B"], "lat": ["48.85", "43.3"]})
    assert all(s.assigned is None for s in by_name(table).values())


def test_identification_evidence_is_used_and_explained() -> None:
    table = pa.table({"champ7": ["06 12 34 56 78", "01 23 45 67 89"], "champ8": ["a", "b"]})
    idents = [ColumnIdentification("champ7", "direct", 0.9, ["phone numbers"], ["phone"]),
              ColumnIdentification("champ8", "none", 0.5, [], [])]
    got = by_name(table, identifications=idents)
    assert got["champ7"].assigned == "phone"
    assert "identification found phone" in got["champ7"].suggestions[0].reason


def test_empty_table_and_empty_columns() -> None:
    assert suggest_columns(pa.table({}), load_vocabulary()) == []
    got = by_name(pa.table({"Date de décès": pa.array([None, None], pa.string())}))
    assert got["Date de décès"].assigned == "death_date"
    assert got["Date de décès"].value_type == "empty"


def test_to_dict_follows_the_cli_contract() -> None:
    got = suggest_columns(pa.table({"Sexe": ["1", "2"]}), load_vocabulary())[0].to_dict()
    json.dumps(got)
    assert got["name"] == "Sexe" and got["assigned"] == "sex"
    first = got["suggestions"][0]
    assert set(first) >= {"concept", "score", "reason"} and first["concept"] == "sex"


def test_progress_is_reported() -> None:
    seen: list[float] = []
    suggest_columns(pa.table({"a": ["1"], "b": ["2"]}), load_vocabulary(), progress=lambda f, m="": seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_a_sorted_column_is_sampled_over_its_whole_length() -> None:
    days = [f"{1930 + i // 1000:04d}-{1 + i // 100 % 12:02d}-{1 + i % 28:02d}" for i in range(80_000)]
    got = by_name(pa.table({"Date de naissance": days}))
    assert "values are dates 1930–2009" in got["Date de naissance"].suggestions[0].reason


def test_big_code_lists_are_read_only_for_columns_whose_values_could_be_their_codes(tmp_path) -> None:
    import shutil

    from curator.mapping.codes import coverage

    # A fresh copy of hub-core, so no other test has read its lists yet.
    source = load_vocabulary().path
    copy = tmp_path / "hub-core.json"
    shutil.copy(source, copy)
    shutil.copytree(Path(source).parent / "hub-core", tmp_path / "hub-core")
    vocabulary = load_vocabulary(copy)
    icd10, ccam = vocabulary.code_lists["icd10"], vocabulary.code_lists["ccam"]
    assert len(icd10) == icd10.count and icd10._codes is None       # the recorded size, file unread
    suggest_columns(pa.table({"Nom": ["MARTIN", "Durand", "LEBRETON"] * 5, "Sexe": ["H", "F", "F"] * 5}), vocabulary)
    assert icd10._codes is None and ccam._codes is None
    assert coverage(["C509", "c50.9", "I10", "Martin"], icd10) == 0.75
    assert icd10._codes is not None and ccam._codes is None


def test_a_value_shape_is_measured_from_the_values_not_the_array() -> None:
    from curator.mapping.values import shape_of

    dates = pa.chunked_array([["12/03/1950", "01/01/1980"], ["05/06/2001"]])
    same = pa.array(["12/03/1950", "01/01/1980", "05/06/2001"])
    other = pa.array(["12/03/1950", "01/01/1980", "05/06/2021"])
    first = shape_of(dates)
    first.distinct.append("mutated by a caller")
    assert shape_of(same).distinct == ["12/03/1950", "01/01/1980", "05/06/2001"]
    assert shape_of(same).date_years == (1950, 2001) and shape_of(other).date_years == (1950, 2021)


def test_phone_numbers_and_zero_padded_identifiers() -> None:
    from curator.mapping.evidence import _looks_like_phone

    assert all(_looks_like_phone(v) for v in ("+33 6 12 34 56 78", "0033612345678", "+1 415 555 2671", "06 12 34 56 78"))
    assert not any(_looks_like_phone(v) for v in ("000104729", "+33 1 23", "00336123456789"))


def test_a_bare_id_next_to_a_patient_column_is_the_rows_own_id() -> None:
    patients = [f"p{i % 7}" for i in range(40)]
    encounters = pa.table({"Id": [f"e{i}" for i in range(40)], "PATIENT": patients,
                           "START": [f"2020-01-{1 + i % 28:02d}" for i in range(40)]})
    got = by_name(encounters)
    assert got["PATIENT"].assigned == "patient_local_id" and got["Id"].assigned is None
    assert "column 'PATIENT' names the patient" in got["Id"].suggestions[0].reason
    # In a table of patients, 'Id' is the patient's.
    assert by_name(pa.table({"Id": [f"e{i}" for i in range(40)], "GENDER": ["M", "F"] * 20}))["Id"].assigned \
        == "patient_local_id"


def test_names_made_unique_with_digits_are_still_names_but_codes_are_not() -> None:
    from curator.mapping.evidence import lexicon_rates

    assert lexicon_rates(["Adalberto722", "Marie315", "Jean88"])[0] == 1.0
    assert lexicon_rates(["GEO0001", "GEO0002", "MARIE12"])[0] == 0.0
