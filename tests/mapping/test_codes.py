"""Code-value suggestions and their review (states, bulk actions, unmapped values)."""

from __future__ import annotations

from curator.mapping import load_vocabulary, suggest_codes
from curator.mapping.codes import approve, initial_review, reject, set_code, unmapped


def test_sex_values_written_every_way_map_to_the_hub_codes() -> None:
    sex = load_vocabulary().code_lists["sex"]
    got = suggest_codes(["1", "2", "H", "F", "Homme", "femme", "M", "Male", "Féminin", "inconnu", "?", "zz"], sex)
    assert {v: s.code for v, s in got.items()} == {
        "1": "1", "2": "2", "H": "1", "F": "2", "Homme": "1", "femme": "2", "M": "1", "Male": "1",
        "Féminin": "2", "inconnu": "9", "?": "9", "zz": None}
    assert got["1"].method == "exact" and got["1"].score == 1.0
    assert got["Homme"].method == "synonym"
    assert got["zz"].method == "none" and got["zz"].score == 0.0


def test_icd10_with_a_dot_lower_case_or_a_label() -> None:
    icd10 = load_vocabulary().code_lists["icd10"]
    got = suggest_codes(["C50.9", "c509", "C50", "Tumeur maligne du sein", "Tumeur maligne du sien", "X99.99"], icd10)
    assert got["C50.9"].code == "C509" and got["C50.9"].method == "synonym"
    assert got["c509"].code == "C509"
    assert got["C50"].method == "exact"
    assert got["Tumeur maligne du sein"].code == "C50"
    assert got["Tumeur maligne du sien"].method == "fuzzy" and got["Tumeur maligne du sien"].code == "C50"
    assert got["X99.99"].code is None


def test_departments_with_or_without_leading_zero_and_by_name() -> None:
    departments = load_vocabulary().code_lists["department"]
    got = suggest_codes(["1", "01", "001", "2a", "201", "Bouches-du-Rhône", "PARIS", "971", "99"], departments)
    assert {v: s.code for v, s in got.items()} == {
        "1": "01", "01": "01", "001": "01", "2a": "2A", "201": "2A", "Bouches-du-Rhône": "13", "PARIS": "75",
        "971": "971", "99": None}


def test_review_states_and_bulk_actions() -> None:
    vital = load_vocabulary().code_lists["vital_status"]
    values = ["Vivant", "DCD", "Vivnt", "Perdu de vue", "???"]
    suggestions = suggest_codes(values, vital)
    code_map, review = initial_review(suggestions)
    assert review["???"] == "unmapped" and "???" not in code_map
    assert review["Vivant"] == "suggested" and code_map["DCD"] == "2"
    assert suggestions["Vivnt"].method == "fuzzy"
    # Accept only the sure ones (exact and synonym), then reject the fuzzy guess.
    assert approve(code_map, review, suggestions=suggestions, methods=("exact", "synonym")) == 3
    assert review["Vivnt"] == "suggested"
    assert reject(code_map, review, ["Vivnt"]) == 1
    assert review["Vivnt"] == "rejected" and "Vivnt" not in code_map
    set_code(code_map, review, "???", None)
    assert review["???"] == "approved" and code_map["???"] is None
    counts = {"Vivant": 10, "DCD": 4, "Vivnt": 2, "Perdu de vue": 1, "???": 1}
    assert unmapped(values, code_map, vital, counts) == [("Vivnt", 2)]
