"""Date-times and dates in words map to date concepts; postcodes and INSEE commune codes are told apart by value."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from curator.check.convert import to_date
from curator.identify import identify_table
from curator.identify.detect_people import commune_or_postcode
from curator.mapping import load_vocabulary
from curator.mapping.columns import suggest_columns
from curator.mapping.values import detect_date_format, shape_of

DATE_TIMES = ["2024-12-27 00:00", "2024-12-28 13:45", "2024-11-02 08:00", "2024-01-05 10:00"] * 4
IN_WORDS = ["18 février 1985", "3 mars 2021", "1er mai 2020", "12 juillet 1999", "30 août 1970", "2 janvier 1955",
            "14 décembre 1961", "9 octobre 2001", "18 February 1985", "7 sept. 1990"] * 2
COMMUNES = ["75101", "75115", "13203", "2A004", "2B033", "69381", "33063", "31555", "59350", "97411"]
POSTCODES = ["75001", "75015", "13003", "20000", "20200", "69001", "33000", "31000", "59000", "97400"]


def _suggested(column: str, values: list[str]) -> list[str]:
    table = pa.table({column: values})
    suggestions = suggest_columns(table, load_vocabulary("hub-core"), identifications=identify_table(table))
    return [s["concept"] for s in suggestions[0].to_dict()["suggestions"]]


def test_date_times_are_dates_and_map_to_a_date_concept() -> None:
    assert detect_date_format(DATE_TIMES) == ("%Y-%m-%d %H:%M", 1.0)
    assert shape_of(pa.array(DATE_TIMES)).date_fraction == 1.0
    assert _suggested("date_entree", DATE_TIMES)[0] == "admission_date"
    concept = load_vocabulary("hub-core").concepts["admission_date"]
    converted = to_date(pa.array(DATE_TIMES), concept)
    assert converted.typed.to_pylist()[:2] == [dt.date(2024, 12, 27), dt.date(2024, 12, 28)]
    assert not any(f.mask.to_pylist().count(True) for f in converted.failures)
    # The date part is taken; the times that were not midnight are said.
    assert any("time of day of 12 values was dropped" in note for note in converted.notes)


def test_dates_in_words_are_dates_never_addresses() -> None:
    assert detect_date_format(IN_WORDS) == ("%d %B %Y", 1.0)
    suggested = _suggested("col2", IN_WORDS)
    assert suggested[0] == "birth_date" and "address" not in suggested
    concept = load_vocabulary("hub-core").concepts["birth_date"]
    typed = to_date(pa.array(IN_WORDS + ["31 février 1985", "le 3 mars"]), concept)
    assert typed.typed.to_pylist()[:3] == [dt.date(1985, 2, 18), dt.date(2021, 3, 3), dt.date(2020, 5, 1)]
    assert typed.typed.to_pylist()[-2:] == [None, None]
    assert sum(typed.failures[0].mask.to_pylist()) == 2


@pytest.mark.parametrize(("values", "told"), [
    (COMMUNES, "commune_code"), (POSTCODES, "postcode"), (["2A004", "2B033", "2A247"], "commune_code"),
    (["75101", "75120", "69385", "13216"], "commune_code"), (["75001", "75116", "69009", "13016"], "postcode"),
    (["01000", "38000"], "postcode"), (["33063", "31555"], None),
])
def test_postcodes_and_commune_codes_told_apart_by_value(values: list[str], told: str | None) -> None:
    assert commune_or_postcode(values) == told


def test_headerless_place_codes_suggest_the_right_concept() -> None:
    assert _suggested("col3", COMMUNES * 2)[0] == "commune_code"
    assert _suggested("col4", POSTCODES * 2)[0] == "postal_code"
