"""Risk figures equal ARX's own on its adult data set, and hold on small cases worked by hand."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.errors import InputError
from curator.protect.risk import risk_summary

from .conftest import ADULT_COLUMNS


def test_adult_raw_risk_equals_arx(adult):
    """ARX TestRiskMetrics: 19,502 classes, 15,512 sample uniques, average risk 0.6465751607983555."""
    summary = risk_summary(adult, ADULT_COLUMNS)
    assert summary.records == 30162
    assert summary.classes == 19502
    assert summary.sample_uniques == 15512
    assert summary.average_risk == 0.6465751607983555
    assert summary.sample_unique_fraction == 0.5142895033485844
    assert summary.highest_risk == 1.0
    assert sum(summary.class_sizes.values()) == summary.classes
    assert sum(size * n for size, n in summary.class_sizes.items()) == summary.records


def test_worked_example_with_k_and_l_diversity():
    table = pa.table({"sex": ["1", "1", "1", "2", "2", None, None],
                      "year": ["1950", "1950", "1950", "1960", "1961", "1970", "1970"],
                      "diag": ["C50", "C50", "C34", "C50", "C61", "C18", "C18"]})
    summary = risk_summary(table, ["sex", "year"], k=2, sensitive="diag")
    # classes: (1,1950)x3, (2,1960)x1, (2,1961)x1, (null,1970)x2  — empty cells match each other only
    assert summary.classes == 4 and summary.sample_uniques == 2 and summary.smallest_class == 1
    assert summary.records_below_k == 2 and summary.classes_below_k == 2
    assert summary.class_sizes == {1: 2, 2: 1, 3: 1}
    assert summary.average_risk == 4 / 7 and summary.highest_risk == 1.0
    assert summary.l_diversity is not None
    assert summary.l_diversity.smallest == 1
    assert summary.l_diversity.classes_with_one_value == 3       # the two singletons and (null, 1970)
    assert summary.l_diversity.records_with_one_value == 4
    data = summary.to_dict()
    assert data["records_below_k"] == 2 and data["l_diversity"]["l"] == 1
    assert data["class_size_distribution"] == [{"sizes": "1", "classes": 2, "records": 2},
                                               {"sizes": "2", "classes": 1, "records": 2},
                                               {"sizes": "3-4", "classes": 1, "records": 3}]


def test_typed_columns_and_chunked_tables_give_the_same_figures(adult):
    halves = pa.concat_tables([adult.slice(0, 10000), adult.slice(10000)])
    typed = halves.set_column(1, "age", halves["age"].cast(pa.int32()))
    assert risk_summary(typed, ADULT_COLUMNS).classes == 19502


def test_bad_requests_are_input_errors(adult):
    with pytest.raises(InputError, match="no column named 'zip'"):
        risk_summary(adult, ["sex", "zip"])
    with pytest.raises(InputError, match="no quasi-identifier"):
        risk_summary(adult, [])
    with pytest.raises(InputError, match="k must be"):
        risk_summary(adult, ["sex"], k=0)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "2", None]), st.sampled_from(["a", "b", "c", None]),
                          st.sampled_from(["x", "y"])), min_size=1, max_size=60),
       st.integers(min_value=1, max_value=6))
def test_figures_match_a_plain_count(rows, k):
    table = pa.table({"sex": [r[0] for r in rows], "code": [r[1] for r in rows], "diag": [r[2] for r in rows]})
    classes = Counter((r[0], r[1]) for r in rows)
    summary = risk_summary(table, ["sex", "code"], k=k, sensitive="diag")
    assert summary.classes == len(classes)
    assert summary.sample_uniques == sum(1 for n in classes.values() if n == 1)
    assert summary.records_below_k == sum(n for n in classes.values() if n < k)
    assert summary.smallest_class == min(classes.values())
    assert summary.class_sizes == dict(Counter(classes.values()))
    distinct = {key: len({r[2] for r in rows if (r[0], r[1]) == key}) for key in classes}
    assert summary.l_diversity is not None and summary.l_diversity.smallest == min(distinct.values())


def test_dictionary_columns_count_like_their_values(adult):
    """A streamed apply hands the risk its quasi-identifiers dictionary-encoded batch by batch, then
    unified: their codes are used as they are. A dictionary that repeats a value (Arrow allows it)
    must still count that value as one."""
    parts = [adult.slice(start, 7000) for start in range(0, adult.num_rows, 7000)]
    encoded = pa.concat_tables([pa.table([pa.compute.dictionary_encode(part[c].combine_chunks()) for c in ADULT_COLUMNS],
                                         names=ADULT_COLUMNS) for part in parts]).unify_dictionaries().combine_chunks()
    plain = risk_summary(adult, ADULT_COLUMNS, k=5)
    assert risk_summary(encoded, ADULT_COLUMNS, k=5) == plain
    repeated = pa.DictionaryArray.from_arrays(pa.array([0, 1, 2, None, 0]), pa.array(["F", "M", "F"]))
    other = pa.array(["x", "x", "x", None, "x"])
    summary = risk_summary(pa.table({"sex": repeated, "o": other}), ["sex", "o"])
    # (F, x) three times, (M, x) once, (empty, empty) once
    assert summary.classes == 3 and summary.class_sizes == {3: 1, 1: 2} and summary.sample_uniques == 2


@pytest.mark.parametrize("values", [3, 40, 5_000])
def test_class_sizes_in_the_order_of_the_sorted_keys_as_a_group_by_counts(values: int) -> None:
    """Few possible keys (counted in a table by key) or more keys than records (sorted): the class
    sizes and distinct sensitive values of a pandas group-by, nulls a value of their own, in the
    order of the sorted keys (so that any sum over them is the same to the last bit)."""
    import numpy as np
    import pandas as pd

    from curator.protect.risk import class_sizes, combined_keys

    rng = np.random.default_rng(values)
    rows = 3_000
    a = [None if r < 0.05 else f"a{v}" for r, v in zip(rng.random(rows), rng.integers(0, values, rows), strict=True)]
    b = [None if r < 0.1 else int(v) for r, v in zip(rng.random(rows), rng.integers(0, 4, rows), strict=True)]
    s = [f"s{v}" for v in rng.integers(0, 6, rows)]
    table = pa.table({"a": a, "b": pa.array(b, pa.int64()), "s": s})
    frame = pd.DataFrame({"a": a, "b": b, "s": s})
    grouped = frame.groupby(["a", "b"], dropna=False)
    sizes, distinct = class_sizes(table, ["a", "b"], "s")
    expected = zip(grouped.size().tolist(), grouped["s"].nunique().tolist(), strict=True)
    assert sorted(zip(sizes.tolist(), distinct.tolist(), strict=True)) == sorted(expected)
    keys, _ = combined_keys(table, ["a", "b"])
    _, by_key = np.unique(keys, return_counts=True)
    assert class_sizes(table, ["a", "b"])[0].tolist() == by_key.tolist()
    assert risk_summary(table, ["a", "b"], k=3).classes == grouped.ngroups
