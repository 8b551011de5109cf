"""Short columns holding the same values share one sample and its findings; the result is what
identifying them without sharing gives (headers differ, so each column's decision is its own)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import curator.identify.table
from curator.identify import identify_table
from curator.load import read_file

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted((DATA / "corpus").glob("*.csv"))[:8]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_shared_samples_give_what_each_column_gets(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = read_file(path).table
    for rows in (1, 3, 16):
        cut = table.slice(0, rows)
        names = [*cut.column_names, *(f"V{i}" for i in range(cut.num_columns))]
        wide = pa.Table.from_arrays(list(cut.columns) * 2, names=names)
        shared = [(i.name, i.klass, i.confidence, [str(e) for e in i.evidence], i.kinds) for i in identify_table(wide)]
        monkeypatch.setattr(curator.identify.table, "SHARED_ROWS", -1)
        alone = [(i.name, i.klass, i.confidence, [str(e) for e in i.evidence], i.kinds) for i in identify_table(wide)]
        monkeypatch.undo()
        assert shared == alone
