"""The person-level risk's integer path counts exactly what the person frame holds.

On the benchmark's own generator (benchmarks/bench_linked.py) every figure equals a pandas group-by
over persons; on small hand-made tables with nulls, empty cells, persons missing from a table,
persons with several values and ids of uneven width, it equals the frame's risk
(``risk_summary(keyed_frame(person_frame(...)))``), and so does a set hash made to collide."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from curator.protect.persons import PersonQuasi, _set_ids, keyed_frame, person_frame, person_risk
from curator.protect.risk import risk_summary

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench_linked():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("bench_linked", BENCHMARKS / "bench_linked.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_benchmark_data_figures_equal_pandas(bench_linked, tmp_path):
    for name, table in bench_linked.generate(3_000, 9_000, 20_000).items():
        bench_linked.write_cp1252(table, tmp_path / f"{name}.csv")
    inputs = bench_linked.risk_inputs(tmp_path)
    summary = person_risk(inputs, bench_linked.PERSON_COLUMNS, bench_linked.QUASI, k=5)
    assert summary.unit == "persons" and summary.records == 3_000
    bench_linked.pandas_check(inputs, summary)      # raises SystemExit on the first figure that differs
    # The same data with a coarser event column: most persons share classes, so the figures are not all 1s.
    coarse = dict(inputs)
    coarse["diagnostics"] = inputs["diagnostics"].set_column(
        1, "mois_diagnostic", pa.compute.utf8_slice_codeunits(inputs["diagnostics"]["mois_diagnostic"], 0, 3))
    coarse_summary = person_risk(coarse, bench_linked.PERSON_COLUMNS, bench_linked.QUASI, k=5)
    assert coarse_summary.sample_uniques < coarse_summary.records
    bench_linked.pandas_check(coarse, coarse_summary)


def frame_risk(tables, person_columns, quasi, k=3):
    frame = person_frame(tables, person_columns, quasi)
    summary = risk_summary(keyed_frame(frame), [q.name for q in quasi], k=k)
    summary.unit = "persons"
    return summary


def random_tables(seed: int, width: str) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    ids = [f"P{n:03d}" if width == "fixed" else f"p{n}" for n in range(60)]

    def pick(values, count, missing=0.1):
        chosen = [values[i] for i in rng.integers(0, len(values), count)]
        return [None if rng.random() < missing else v for v in chosen]

    persons = pa.table({"id": pick(ids[:50], 55, 0.05), "sex": pick(["1", "2", ""], 55),
                        "year": pick(["1950", "1960"], 55)})
    events = pa.table({"who": pick(ids, 300, 0.05), "month": pick(["2020-01", "2020-02", "2020-03", ""], 300),
                       "code": pick(["A", "B"], 300)})
    return {"p": persons, "e": events}


@pytest.mark.parametrize("width", ["fixed", "uneven"])
@pytest.mark.parametrize("seed", range(6))
def test_integer_path_equals_the_frame_on_awkward_tables(seed, width):
    tables = random_tables(seed, width)
    keys = {"p": "id", "e": "who"}
    quasi = [PersonQuasi("p", "sex"), PersonQuasi("p", "year"), PersonQuasi("e", "month", event=True),
             PersonQuasi("e", "code", event=True)]
    for chosen in (quasi, quasi[:2], quasi[2:], [PersonQuasi("e", "code")]):
        assert person_risk(tables, keys, chosen, k=3) == frame_risk(tables, keys, chosen), chosen
    # One table whose person column is dictionary-encoded already (a streamed table's gathered
    # pseudonyms): the same persons, in the same order, from the codes.
    events = tables["e"]
    coded = events.set_column(0, "who", pa.chunked_array([pa.array(events["who"].to_pylist()[::-1]).dictionary_encode()
                                                          .take(pa.array(range(len(events) - 1, -1, -1)))]))
    assert coded.schema.field("who").type == pa.dictionary(pa.int32(), pa.string())
    one = [PersonQuasi("e", "month", event=True), PersonQuasi("e", "code", event=True)]
    assert person_frame({"e": coded}, {"e": "who"}, one).equals(person_frame({"e": events}, {"e": "who"}, one))
    assert person_risk({"e": coded}, {"e": "who"}, one, k=3) == frame_risk({"e": events}, {"e": "who"}, one)
    # Events first: the persons are then met in the events table before the persons table.
    assert person_risk({"e": tables["e"], "p": tables["p"]}, {"e": "who", "p": "id"}, quasi, k=3) == \
        frame_risk(tables, keys, quasi)


def test_set_ids_are_exact_even_when_the_hash_collides():
    owner = np.array([0, 0, 1, 1, 2, 2, 3])
    codes = np.array([0, 1, 0, 2, 0, 1, 1])          # {0, 1}, {0, 2}, {0, 1}, {1}, and {} for group 4
    ids = _set_ids(owner, codes, 5)
    assert ids[0] == ids[2] and len(set(ids[[0, 1, 3, 4]].tolist())) == 4
    # Every code weighing the same: {0, 1} and {0, 2} hash alike; the sets are then compared.
    same = _set_ids(owner, codes, 5, weights=np.ones(3, dtype=np.uint64))
    assert same[0] == same[2] and len(set(same[[0, 1, 3, 4]].tolist())) == 4


@pytest.mark.parametrize("width", ["fixed", "uneven"])
@pytest.mark.parametrize("seed", range(6))
def test_person_codes_number_the_classes_and_absent_cells_as_the_frame_does(seed, width):
    """What the suppression across the tables plans on: each code as the filled keyed frame's
    dictionary numbers it, each absent cell as the frame shows it, so that the plan is the frame's."""
    import pyarrow.compute as pc

    from curator.protect.personreach import _filled, absent_cells, plan_persons
    from curator.protect.persons import person_codes

    tables = random_tables(seed, width)
    quasi = [PersonQuasi("p", "sex"), PersonQuasi("p", "year"), PersonQuasi("e", "month", event=True),
             PersonQuasi("e", "code", event=True)]
    for order in ({"p": "id", "e": "who"}, {"e": "who", "p": "id"}):
        chosen_tables = {name: tables[name] for name in order}
        frame = person_frame(chosen_tables, order, quasi)
        keyed = _filled(keyed_frame(frame))
        names = [q.name for q in quasi]
        coded = person_codes(chosen_tables, order, quasi)
        assert coded.persons.equals(frame.column("person").combine_chunks())
        for name in names:
            expected = pc.dictionary_encode(keyed.column(name).combine_chunks()).indices.to_numpy()
            assert coded.codes[name].tolist() == expected.tolist(), name
        assert np.array_equal(coded.absent, absent_cells(frame, names))
        assert coded.absent.any() and not coded.absent.all()
        for k in (2, 3, 5):
            frame_plan = plan_persons(keyed, names, k, "cells", 1.0, 1.0, absent_cells(frame, names))
            codes_plan = plan_persons(coded.keyed(), names, k, "cells", 1.0, 1.0, coded.absent)
            assert np.array_equal(frame_plan.masks, codes_plan.masks)
            assert np.array_equal(frame_plan.removed, codes_plan.removed)
            assert frame_plan.cells_per_column == codes_plan.cells_per_column
            assert frame_plan.cells or frame_plan.removed.any()


@pytest.mark.parametrize("repeated", [False, True])
def test_a_dictionary_of_pseudonyms_gives_the_frames_risk_whether_or_not_it_repeats_a_value(repeated):
    # Pseudonym-shaped values sharing their first 16 digits: told apart (or found equal) whole.
    tokens = [f"{7:016x}{n:046x}ab" for n in range(6)] + ([f"{7:016x}{2:046x}ab"] if repeated else [])
    indices = pa.array([0, 1, 2, 3, 4, 5, 6 if repeated else 2, None, 1, 0], pa.int32())
    coded = pa.table({"who": pa.DictionaryArray.from_arrays(indices, pa.array(tokens)),
                      "month": ["2020-01", "2020-02", "2020-01", "2020-03", "", "2020-01", "2020-02", "2020-01",
                                "2020-02", "2020-03"]})
    plain = coded.set_column(0, "who", coded.column("who").cast(pa.string()))
    one = [PersonQuasi("e", "month", event=True)]
    assert person_risk({"e": coded}, {"e": "who"}, one, k=2) == frame_risk({"e": plain}, {"e": "who"}, one, k=2)
    assert person_frame({"e": coded}, {"e": "who"}, one).equals(person_frame({"e": plain}, {"e": "who"}, one))


def _shared_dictionary(tables: dict[str, pa.Table], keys: dict[str, str], seed: int) -> dict[str, pa.Table]:
    """The person columns coded over one dictionary of every id, shuffled, with ids no row holds
    (as the person columns of a submission come read back as codes of its pseudonyms)."""
    import pyarrow.compute as pc

    rng = np.random.default_rng(seed)
    ids = sorted({v for name, column in keys.items() for v in tables[name][column].to_pylist() if v is not None})
    dictionary = pa.array([ids[i] for i in rng.permutation(len(ids))] + ["never-0", "never-1"])
    coded = {}
    for name, table in tables.items():
        index = table.column_names.index(keys[name])
        indices = pc.index_in(table.column(index), value_set=dictionary).combine_chunks()
        coded[name] = table.set_column(index, keys[name], pa.DictionaryArray.from_arrays(indices, dictionary))
    return coded


@pytest.mark.parametrize("seed", range(4))
def test_person_columns_coded_over_one_dictionary_give_the_frames_figures_and_order(seed):
    """Person columns as codes of one shared dictionary (ids no row holds, null keys, persons found
    only in the events table, which may come first): the risk, without ordering the persons, is the
    frame's; the person codes the suppression plans on keep the persons' first appearance."""
    from curator.protect.persons import person_codes

    tables = random_tables(seed, "uneven")
    quasi = [PersonQuasi("p", "sex"), PersonQuasi("p", "year"), PersonQuasi("e", "month", event=True)]
    for keys in ({"p": "id", "e": "who"}, {"e": "who", "p": "id"}):
        plain = {name: tables[name] for name in keys}
        coded = _shared_dictionary(plain, keys, seed)
        assert pa.types.is_dictionary(coded["e"].schema.field("who").type)
        for chosen in (quasi, quasi[:2], quasi[2:]):
            assert person_risk(coded, keys, chosen, k=3) == frame_risk(plain, keys, chosen), chosen
        expected, found = person_codes(plain, keys, quasi), person_codes(coded, keys, quasi)
        assert found.persons.cast(pa.string()).equals(expected.persons)
        assert {n: c.tolist() for n, c in found.codes.items()} == {n: c.tolist() for n, c in expected.codes.items()}
        assert np.array_equal(found.absent, expected.absent)


@pytest.mark.parametrize("probe", [3, 1 << 16])
def test_an_event_column_with_one_value_a_person_is_counted_as_sets_of_one(probe, monkeypatch):
    """Events of one row a person, or repeating one value, or a second value met only far down the
    rows (past the rows probed first): the figures and codes of the frame's sets."""
    import curator.protect.persons as persons
    from curator.protect.persons import person_codes

    monkeypatch.setattr(persons, "PROBE_ROWS", probe)
    who = [f"p{n}" for n in range(40)]
    month = [["2020-01", "2020-02", ""][n % 3] for n in range(40)]
    patients = pa.table({"id": [*who, "alone"], "sex": [str(n % 2) for n in range(41)]})
    cases = {
        "one row each": pa.table({"who": [*who[:30], None], "month": [*month[:30], "2020-03"]}),
        "one value repeated": pa.table({"who": who[:30] * 2, "month": month[:30] * 2}),
        "second value late": pa.table({"who": who[:30] * 2 + ["p1"], "month": month[:30] * 2 + ["2021-12"]}),
    }
    quasi = [PersonQuasi("p", "sex"), PersonQuasi("e", "month", event=True)]
    for case, events in cases.items():
        tables, keys = {"p": patients, "e": events}, {"p": "id", "e": "who"}
        assert person_risk(tables, keys, quasi, k=2) == frame_risk(tables, keys, quasi, k=2), case
        assert person_risk({"e": events}, {"e": "who"}, quasi[1:], k=2) == \
            frame_risk({"e": events}, {"e": "who"}, quasi[1:], k=2), case
        from curator.protect.personreach import _filled, absent_cells

        frame = person_frame(tables, keys, quasi)
        coded = person_codes(tables, keys, quasi)
        keyed = _filled(keyed_frame(frame))
        for name in ("p.sex", "e.month"):
            expected = pa.compute.dictionary_encode(keyed.column(name).combine_chunks()).indices.to_numpy()
            assert coded.codes[name].tolist() == expected.tolist(), (case, name)
        assert np.array_equal(coded.absent, absent_cells(frame, ["p.sex", "e.month"]))


@pytest.mark.parametrize("bound", [5, 10_000_000])
def test_first_appearance_numbers_codes_as_they_are_met(bound):
    """Few codes (placed by an assignment) or codes far apart (sorted): 0, 1, ... in the order met."""
    from curator.protect.persons import _first_appearance

    codes = np.random.default_rng(bound).integers(0, bound, 2_000)
    met: dict[int, int] = {}
    expected = [met.setdefault(int(c), len(met)) for c in codes]
    assert _first_appearance(codes).tolist() == expected
    assert _first_appearance(np.zeros(0, dtype=np.int64)).tolist() == []
