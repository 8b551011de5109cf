"""The Arrow table model: one cell per data() call, sorting and filtering by index arrays, row lookup."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ui.qt import Qt
from ui.table_model import ArrowTableModel


def _column(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_sort_numbers_as_numbers_and_text_as_text(qtbot):
    model = ArrowTableModel()
    model.set_table(pa.table({"poids": ["9", "10", None, "73,5", "2"], "nom": ["Émile", "b", "a", "c", "d"]}))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _column(model, 0) == ["2", "9", "10", "73,5", None]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert _column(model, 0)[:4] == ["73,5", "10", "9", "2"]
    # Row headers keep the source row numbers.
    assert model.headerData(0, Qt.Orientation.Vertical) == "4"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert _column(model, 1)[:2] == ["a", "b"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None   # unused roles answer nothing


def test_filter_then_lookup_rows(qtbot):
    model = ArrowTableModel()
    model.set_table(pa.table({"commune": ["Lyon", "Paris", "LYON 3e", None], "cp": ["69001", "75001", "69003", "01000"]}))
    model.set_filter("lyon")
    assert model.rowCount() == 2 and _column(model, 1) == ["69001", "69003"]
    assert model.view_row(2) == 1 and model.view_row(1) is None
    model.set_filter("")
    assert model.rowCount() == 4 and model.data(model.index(3, 1)) == "01000"


def test_large_table_sorts_on_a_worker_and_reads_lazily(qtbot):
    rows = 300_000
    rng = np.random.default_rng(7)
    values = pa.array(rng.integers(0, 1_000_000, rows).astype(str))
    model = ArrowTableModel()
    model.set_table(pa.table({"n": values}))
    assert model.data(model.index(rows - 1, 0)) == values[rows - 1].as_py()
    with qtbot.waitSignal(model.arrangementChanged, timeout=30_000):
        model.sort(0, Qt.SortOrder.AscendingOrder)
    numbers = np.sort(values.to_numpy(zero_copy_only=False).astype(np.int64))
    assert int(model.data(model.index(0, 0))) == numbers[0]
    assert int(model.data(model.index(rows - 1, 0))) == numbers[-1]
    assert int(model.data(model.index(rows // 2, 0))) == numbers[rows // 2]


def test_sorted_reads_across_many_chunks(qtbot):
    rng = np.random.default_rng(3)
    chunks = [pa.array([f"v{int(x):05d}" for x in rng.integers(0, 99_999, n)]) for n in rng.integers(1, 400, 30)]
    table = pa.table({"code": pa.chunked_array(chunks)})
    model = ArrowTableModel()
    model.set_table(table)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    expected = sorted(table.column(0).to_pylist(), reverse=True)
    assert _column(model, 0) == expected


def test_filtered_text_and_numbers_read_across_chunks_with_empty_cells(qtbot):
    rng = np.random.default_rng(4)
    sizes = rng.integers(1, 300, 25)
    codes = [pa.array([None if x % 7 == 0 else f"c{int(x):04d}" for x in rng.integers(0, 9_999, n)]) for n in sizes]
    ages = [pa.array(rng.integers(0, 99, n)) for n in sizes]
    table = pa.table({"code": pa.chunked_array(codes), "age": pa.chunked_array(ages)})
    model = ArrowTableModel()
    model.set_table(table)
    model.set_filter("C1")
    kept = [i for i, code in enumerate(table.column(0).to_pylist()) if code is not None and "c1" in code]
    assert kept and model.rowCount() == len(kept)
    assert _column(model, 0) == [table.column(0)[i].as_py() for i in kept]
    assert _column(model, 1) == [str(table.column(1)[i].as_py()) for i in kept]
