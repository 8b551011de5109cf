"""Person-level figures equal a plain pandas group-by over persons (Synthea), and ARX's on adult."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from curator.errors import InputError
from curator.load import read_file
from curator.protect.persons import (
    SEVERAL_VALUES,
    PersonQuasi,
    person_frame,
    person_risk,
    reach_k_persons,
    without_persons,
)
from curator.protect.risk import risk_summary

from .conftest import ADULT_COLUMNS

PERSON_COLUMNS = {"patients": "Id", "encounters": "PATIENT", "conditions": "PATIENT"}


@pytest.fixture(scope="module")
def synthea(shared_data):
    folder = shared_data / "synthea"
    tables = {name: read_file(folder / f"{name}.csv").table for name in PERSON_COLUMNS}
    patients = tables["patients"]
    tables["patients"] = patients.append_column("birth_year", pc.utf8_slice_codeunits(patients["BIRTHDATE"], 0, 4))
    conditions = tables["conditions"]
    tables["conditions"] = conditions.append_column("start_month", pc.utf8_slice_codeunits(conditions["START"], 0, 7))
    return tables


QUASI = [PersonQuasi("patients", "GENDER"), PersonQuasi("patients", "birth_year"),
         PersonQuasi("conditions", "start_month", event=True), PersonQuasi("encounters", "ENCOUNTERCLASS", event=True)]


def pandas_persons(tables, quasi):
    """The reference: one row per person, person-level values as they are, event values as sorted tuples."""
    frames = {name: tables[name].to_pandas() for name in PERSON_COLUMNS}
    persons = sorted(set().union(*(set(frames[n][c].dropna()) for n, c in PERSON_COLUMNS.items())))
    out = pd.DataFrame({"person": persons}).set_index("person")
    for q in quasi:
        frame = frames[q.table][[PERSON_COLUMNS[q.table], q.column]].dropna(subset=[PERSON_COLUMNS[q.table]])
        frame = frame.fillna({q.column: ""})
        grouped = frame.groupby(PERSON_COLUMNS[q.table])[q.column]
        if q.event:
            values = grouped.apply(lambda s: tuple(sorted(set(s))))
            out[q.name] = [values.get(p, ()) for p in persons]
        else:
            assert (grouped.nunique() == 1).all()
            values = grouped.first()
            out[q.name] = [values.get(p) for p in persons]
    return out


def pandas_figures(persons: pd.DataFrame, k: int) -> dict:
    sizes = persons.fillna("<null>").groupby(list(persons.columns), dropna=False).size()
    count = len(persons)
    return {"records": count, "classes": len(sizes), "sample_uniques": int((sizes == 1).sum()),
            "smallest_class": int(sizes.min()), "highest_risk": 1.0 / int(sizes.min()),
            "average_risk": len(sizes) / count, "records_below_k": int(sizes[sizes < k].sum()),
            "classes_below_k": int((sizes < k).sum()), "class_sizes": dict(Counter(sizes.tolist()))}


@pytest.mark.parametrize("quasi", [QUASI[:2], QUASI[:3], QUASI, QUASI[2:3]], ids=["person", "diagnoses", "all", "events"])
def test_synthea_figures_equal_pandas_group_by_over_persons(synthea, quasi):
    reference = pandas_persons(synthea, quasi)
    frame = person_frame(synthea, PERSON_COLUMNS, quasi).sort_by("person")
    assert frame.column("person").to_pylist() == list(reference.index)
    for q in quasi:
        got = frame.column(q.name).to_pylist()
        assert [tuple(v) if q.event else v for v in got] == list(reference[q.name]), q.name
    summary = person_risk(synthea, PERSON_COLUMNS, quasi, k=5)
    expected = pandas_figures(reference, 5)
    assert summary.unit == "persons" and summary.to_dict()["unit"] == "persons"
    assert {key: getattr(summary, key) for key in expected} == expected
    assert summary.records == 27            # 27 patients, not 604 encounters nor 438 conditions


def test_a_person_is_one_person_whatever_their_visits(synthea):
    """The issue's case: sex and birth decade joined onto encounters. Counted in rows, 5 of 604 records
    fall below k = 5; counted in the one table's person key, 13 of 14 classes hold fewer than 5 persons."""
    patients = synthea["patients"].to_pandas()
    patients["decade"] = patients["BIRTHDATE"].str[:3]
    joined = synthea["encounters"].to_pandas().merge(patients[["Id", "GENDER", "decade"]], left_on="PATIENT",
                                                     right_on="Id", how="left")
    encounters = pa.Table.from_pandas(joined[["PATIENT", "GENDER", "decade"]], preserve_index=False)
    by_rows = risk_summary(encounters, ["GENDER", "decade"], k=5)
    assert (by_rows.records, by_rows.records_below_k, by_rows.unit) == (604, 5, "records")
    quasi = [PersonQuasi("encounters", "GENDER", event=True), PersonQuasi("encounters", "decade", event=True)]
    by_persons = person_risk({"encounters": encounters}, {"encounters": "PATIENT"}, quasi, k=5)
    assert (by_persons.records, by_persons.classes, by_persons.classes_below_k) == (27, 14, 13)
    assert by_persons.unit == "persons"


def test_adult_one_row_per_person_keeps_arx_figures(adult):
    """ARX TestRiskMetrics on adult: a person key that is the row number changes nothing."""
    table = adult.append_column("row", pa.array([str(i) for i in range(adult.num_rows)]))
    quasi = [PersonQuasi("adult", name) for name in ADULT_COLUMNS]
    summary = person_risk({"adult": table}, {"adult": "row"}, quasi)
    assert (summary.records, summary.classes, summary.sample_uniques) == (30162, 19502, 15512)
    assert summary.average_risk == 0.6465751607983555 and summary.unit == "persons"
    rows = person_risk({"adult": table}, {}, quasi)
    assert (rows.records, rows.classes, rows.unit) == (30162, 19502, "records")


def test_a_person_level_value_that_varies_makes_the_column_set_valued():
    patients = pa.table({"id": ["a", "a", "b", "c", None], "sex": ["F", "M", "F", None, "M"]})
    events = pa.table({"pid": ["a", "a", "d", None], "month": ["2020-01", "2020-01", None, "2020-02"]})
    tables, keys = {"p": patients, "e": events}, {"p": "id", "e": "pid"}
    frame = person_frame(tables, keys, [PersonQuasi("p", "sex"), PersonQuasi("e", "month", event=True)])
    assert frame.sort_by("person").to_pydict() == {"person": ["a", "b", "c", "d"], "p.sex": [["F", "M"], ["F"], [""], []],
                                 "e.month": [["2020-01"], [], [], [""]]}
    assert frame.schema.field("p.sex").metadata == {SEVERAL_VALUES: b"1"}
    single = person_frame({"p": patients.slice(1)}, {"p": "id"}, [PersonQuasi("p", "sex")])
    assert single.sort_by("person").to_pydict() == {"person": ["a", "b", "c"], "p.sex": ["M", "F", ""]}
    assert person_frame(tables, keys, [PersonQuasi("p", "sex")]).num_rows == 4   # d has no patients row
    no_patient = person_frame({"p": patients.slice(1, 2), "e": events}, keys, [PersonQuasi("p", "sex")])
    assert no_patient.sort_by("person").column("p.sex").to_pylist() == ["M", "F", None]


def test_quasi_identifiers_of_a_table_without_person_key_are_refused():
    tables = {"p": pa.table({"id": ["a"], "sex": ["F"]}), "e": pa.table({"x": ["1"]})}
    with pytest.raises(InputError, match="table 'e' has no person key"):
        person_frame(tables, {"p": "id"}, [PersonQuasi("e", "x", event=True)])
    with pytest.raises(InputError, match="need a person key"):
        person_risk(tables, {}, [PersonQuasi("p", "sex"), PersonQuasi("e", "x")])


def test_reach_k_persons_on_synthea_reaches_k_and_suppresses_whole_persons(synthea):
    quasi = QUASI[:3]
    found = reach_k_persons(synthea, PERSON_COLUMNS, quasi, k=2, suppression=0.4,
                            specs={"patients.birth_year": "intervals:5,10,20,40"})
    assert found.risk is not None and found.risk.unit == "persons"
    assert found.risk.smallest_class >= 2 and found.risk.records_below_k == 0
    assert found.risk.records + len(found.suppressed_persons) == 27
    assert len(found.suppressed_persons) <= int(0.4 * 27)
    assert found.hierarchies["patients.birth_year"] == "intervals:5,10,20,40"
    assert set(found.levels) == {q.name for q in quasi}
    # The suppressed persons leave every table whole; the rest keep every row.
    kept = without_persons(synthea, PERSON_COLUMNS, found.suppressed_persons)
    for name, column in PERSON_COLUMNS.items():
        ids = set(kept[name].column(column).to_pylist())
        assert not ids & found.suppressed_persons
        before = synthea[name].column(column).to_pylist()
        assert kept[name].num_rows == sum(1 for p in before if p not in found.suppressed_persons)
    # Checked independently: generalise the pandas frame element by element and group persons.
    again = person_risk(kept, PERSON_COLUMNS, quasi, k=2)
    assert again.records == found.risk.records


def test_set_valued_generalisation_is_element_by_element():
    events = pa.table({"pid": ["a", "a", "b", "b", "c"],
                       "month": ["2020-01", "2020-02", "2020-03", "2020-03", "2021-05"]})
    found = reach_k_persons({"e": events}, {"e": "pid"}, [PersonQuasi("e", "month", event=True)], k=2,
                            suppression=0.34, specs={"e.month": "digits"})
    # At "2020-0*" a and b share the set {2020-0*}; c alone is suppressed (one person of three).
    assert found.levels == {"e.month": 1}
    assert found.suppressed_persons == {"c"}
    assert found.risk is not None and (found.risk.records, found.risk.classes) == (2, 1)
