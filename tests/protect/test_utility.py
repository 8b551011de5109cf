"""The non-uniform entropy loss, against a plain count of each row's values (few or many of them)."""

from __future__ import annotations

import datetime
import math
import random
from collections import Counter

import numpy as np
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


def _cell_by_cell(requested: pa.Table, released: pa.Table, quasi: list[str], levels: dict[str, int],
                  highest: dict[str, int]) -> tuple[float, float, float]:
    """The entropy, its worst case and the precision summed as ARX defines them: each cell's cost, one
    row at a time, summed in row order (what the measures were before they were counted per pair)."""
    rows = requested.num_rows
    entropy = worst = precision = 0.0
    for name in quasi:
        asked = pc.fill_null(requested.column(name).cast(pa.string()), "\0").to_numpy(zero_copy_only=False)
        out = pc.fill_null(released.column(name).cast(pa.string()), "\0").to_numpy(zero_copy_only=False)
        value_count, out_count = Counter(asked), Counter(out)
        pair_count = Counter(zip(asked, out, strict=True))
        stars = out == "*"
        whole = np.log2(rows / np.array([value_count[a] for a in asked], dtype=float))
        alike = np.log2(np.array([out_count[o] for o in out], dtype=float)
                        / np.array([pair_count[a, o] for a, o in zip(asked, out, strict=True)]))
        entropy += float(np.where(stars, whole, alike).sum())
        worst += float(whole.sum())
        top = max(highest.get(name, 0), 1)
        precision += float(np.where(stars, 1.0, min(levels.get(name, 0), top) / top).sum())
    return entropy, worst, precision / (rows * len(quasi))


@pytest.mark.parametrize(("values", "starred"), [(40, 0.0), (40, 0.08), (30_000, 0.05), (40, 1.0)])
def test_loss_counted_per_pair_equals_the_cell_by_cell_sums_bit_for_bit(values: int, starred: float) -> None:
    """Nothing, some or every cell suppressed, few pairs of values (a table by pair) or many (sorted),
    nulls released as they are or starred: the measures are the sums of each cell's cost in row
    order, to the last bit, before (as requested) and after."""
    rng = random.Random(values + int(starred * 100))
    rows = 40_000
    asked = [None if rng.random() < 0.02 else f"{rng.randrange(values):05d}" for _ in range(rows)]
    kept = [None if a is None else a[:4] for a in asked]
    out = ["*" if rng.random() < starred else k for k in kept]
    requested = pa.table({"q": asked, "r": [a and a[:2] for a in asked]})
    released = pa.table({"q": out, "r": [a and a[:2] for a in asked]})
    levels, highest = {"q": 1, "r": 0}, {"q": 3, "r": 2}
    utility = measure_utility(requested, pa.table({"q": kept, "r": requested.column("r")}), released,
                              ["q", "r"], levels, highest)
    entropy, worst, precision = _cell_by_cell(requested, released, ["q", "r"], levels, highest)
    assert utility.after.non_uniform_entropy == entropy
    assert utility.after.relative_entropy == entropy / worst
    assert utility.after.precision == precision
    before_entropy, before_worst, before_precision = _cell_by_cell(requested, requested, ["q", "r"], {}, highest)
    assert utility.before.non_uniform_entropy == before_entropy == 0.0
    assert utility.before.relative_entropy == 0.0 and before_worst == worst
    assert utility.before.precision == before_precision == 0.0
    assert utility.columns[0].suppressed == sum(o == "*" for o in out)
    if starred == 1.0:      # every record suppressed in every column: the worst discernibility
        alone = measure_utility(requested.select(["q"]), released.select(["q"]), released.select(["q"]), ["q"],
                                levels, highest)
        assert alone.after.discernibility == float(rows) ** 2 and alone.after.relative_discernibility == 1.0


def test_the_requested_column_suppressed_in_place_costs_its_worst_case() -> None:
    """Released as requested but for ``*`` (the same table before and after): a suppressed cell costs
    log2(records / n(its value)), every other cell nothing, as cell by cell."""
    rng = random.Random(7)
    values = ["*" if rng.random() < 0.1 else None if rng.random() < 0.05 else f"v{rng.randrange(9)}" for _ in range(5_000)]
    table = pa.table({"q": values})
    utility = measure_utility(table, table, table, ["q"], {}, {"q": 1})
    entropy, _worst, precision = _cell_by_cell(table, table, ["q"], {}, {"q": 1})
    assert utility.after.non_uniform_entropy == utility.before.non_uniform_entropy == entropy > 0
    assert utility.after.precision == precision == values.count("*") / len(values)


def test_histogram_ties_follow_values_first_met_far_into_the_rows() -> None:
    """More released values than bins, as frequent, most met first past the rows looked at first
    (and in another order than their text's): the bins are still those met first in the rows."""
    rows = 400_000
    values = np.full(rows, "filler", dtype=object)
    starts = random.Random(3).sample(range(0, rows - 1_000, 1_000), 2 * HISTOGRAM_BINS)
    for i, start in enumerate(starts):
        values[start:start + 1_000] = f"v{i:02d}"
    table = pa.table({"q": pa.array(values.tolist(), pa.string())})
    met = [f"v{i:02d}" for _, i in sorted((start, i) for i, start in enumerate(starts))]
    assert met != sorted(met) and sorted(starts)[HISTOGRAM_BINS] > 65_536
    for column in (table, pa.table({"q": pc.dictionary_encode(table.column("q"))})):
        bins = measure_utility(column, column, column, ["q"], {}, {}).columns[0].histogram
        assert [b[0] for b in bins] == sorted(["filler", *met[:HISTOGRAM_BINS - 1]])
