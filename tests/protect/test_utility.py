"""The non-uniform entropy loss, against a plain count of each row's values (few or many of them)."""

from __future__ import annotations

import datetime
import math
import random
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from curator.protect.utility import HISTOGRAM_BINS, measure_utility


@pytest.mark.parametrize("values", [12, 50_000])
def test_entropy_loss_is_the_plain_count_of_each_rows_values(values: int) -> None:
    """Few values (the pairs counted by a bincount) or many (by a sort): the same figures as Counters give."""
    rng = random.Random(values)
    rows = 2_000
    requested = [f"{rng.randrange(values):05d}" for _ in range(rows)]
    released = ["*" if rng.random() < 0.1 else value[:3] for value in requested]
    table = pa.table({"q": requested})
    utility = measure_utility(table, pa.table({"q": [v[:3] for v in requested]}), pa.table({"q": released}),
                              ["q"], {"q": 1}, {"q": 2})
    value_count, out_count = Counter(requested), Counter(released)
    pair_count = Counter(zip(requested, released, strict=True))
    expected = sum(math.log2(rows / value_count[r]) if o == "*" else math.log2(out_count[o] / pair_count[r, o])
                   for r, o in zip(requested, released, strict=True))
    assert utility.after.non_uniform_entropy == pytest.approx(expected, rel=1e-12)
    assert utility.before.non_uniform_entropy == 0


def _batches_encoded(columns: dict[str, pa.Array], batches: int) -> list[pa.Table]:
    """``columns`` cut in ``batches``, each dictionary-encoded on its own (so each its own
    dictionary): the quasi-identifiers as a streamed apply gathers them."""
    rows = len(next(iter(columns.values())))
    step = -(-rows // batches)
    return [pa.table({name: pc.dictionary_encode(values.slice(start, step)) for name, values in columns.items()})
            for start in range(0, rows, step)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dictionary_encoded_columns_give_the_same_figures_as_their_values(seed: int) -> None:
    """The streamed apply measures its gathered columns on their dictionaries: every figure, bit for bit,
    as over the values spelled out, with nulls, ``*``, empty text and a dictionary that differs per batch."""
    rng = random.Random(seed)
    rows = 6_000
    birth = [None if rng.random() < 0.03 else rng.randrange(1920, 2020) for _ in range(rows)]
    start = datetime.date(2015, 1, 1)
    days = [None if rng.random() < 0.02 else start + datetime.timedelta(days=rng.randrange(3_000)) for _ in range(rows)]
    # Départements: the first batches hold only some of them, so each batch's dictionary differs.
    place = [None if rng.random() < 0.02 else "" if rng.random() < 0.01
             else f"{rng.randrange(1, 20 + 80 * i // rows):02d}" for i in range(rows)]
    requested = {"birth": pa.array(birth, pa.int64()), "day": pa.array(days, pa.date32()), "place": pa.array(place)}
    generalised = {
        "birth": pa.array([None if b is None else f"{b // 10 * 10}-{b // 10 * 10 + 9}" for b in birth]),
        "day": pa.array([None if d is None else "*" if rng.random() < 0.05 else d.strftime("%Y-%m") for d in days]),
        "place": pa.array([p if p is None or rng.random() < 0.9 else "*" for p in place]),
    }
    quasi = list(requested)
    levels, highest = {"birth": 1, "day": 2, "place": 0}, {"birth": 3, "day": 3, "place": 1}
    plain_before, plain_after = pa.table(requested), pa.table(generalised)
    parts = _batches_encoded(requested, 4)
    first, last = (set(part.column("place").chunk(0).dictionary.to_pylist()) for part in (parts[0], parts[-1]))
    assert first != last
    coded_before = pa.concat_tables(parts).unify_dictionaries().combine_chunks()
    coded_after = pa.concat_tables(_batches_encoded(generalised, 4)).unify_dictionaries().combine_chunks()
    assert all(pa.types.is_dictionary(column.type) for column in coded_before.columns + coded_after.columns)

    expected = measure_utility(plain_before, plain_after, plain_after, quasi, levels, highest).to_dict()
    coded = measure_utility(coded_before, coded_after, coded_after, quasi, levels, highest).to_dict()
    assert coded == expected
    assert {c["name"]: c["suppressed"] > 0 for c in expected["columns"]} == {"birth": False, "day": True, "place": True}
    assert any(label == "" for c in expected["columns"] for label, _, _ in c["histogram"])


def test_histogram_keeps_the_values_met_first_among_equal_counts() -> None:
    """More released values than bins, all as frequent: the bins are the values met first in the rows
    (a missing value first here), whether the column is plain or dictionary-encoded."""
    values = [None, *(f"{i:02d}" for i in range(30))] * 2
    plain = pa.table({"q": pa.array(values, pa.string())})
    coded = pa.table({"q": pc.dictionary_encode(plain.column("q"))})
    expected = [("", 2, 2)] + [(f"{i:02d}", 2, 2) for i in range(HISTOGRAM_BINS - 1)]
    for table in (plain, coded):
        utility = measure_utility(table, table, table, ["q"], {}, {})
        assert utility.columns[0].histogram == expected
