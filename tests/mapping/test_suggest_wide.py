"""Suggestions reuse value fits across columns of the same shape, and give what scoring each column afresh gives."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from curator.identify import identify_table
from curator.load import read_file
from curator.mapping import load_vocabulary, suggest_columns
from curator.mapping.columns import _score_column
from curator.mapping.headers import fuzzy_matrices, header_matches, name_index
from curator.mapping.text import header_tokens
from curator.mapping.values import shape_of

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted((DATA / "mapping_corpus").glob("*.csv")) + sorted((DATA / "corpus").glob("*.csv"))[:6]


def _widened(table: pa.Table) -> pa.Table:
    """The file's columns, then each again under a numbered name that matches nothing (``V1``...)
    and under a second name that matches like the first: same shapes, other headers."""
    columns = list(table.columns)
    names = list(table.column_names)
    names += [f"V{i}" for i in range(len(columns))] + [f"{name} 2" for name in table.column_names]
    return pa.Table.from_arrays(columns * 3, names=names)


def _afresh(table: pa.Table, identifications: list) -> list[set[tuple[str, float, str]]]:
    """Every column scored on its own, nothing shared."""
    vocabulary = load_vocabulary()
    index = name_index(vocabulary)
    headers = table.column_names
    idents = {i.name: i for i in identifications}
    joined, packed = fuzzy_matrices(headers, index)
    return [{(s.concept, s.score, str(s.reason)) for s in _score_column(
        header, shape_of(table.column(position)), vocabulary, header_matches(header, index, joined[position],
                                                                            packed[position]), idents.get(header))}
            for position, header in enumerate(headers)]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_shared_fits_give_what_each_column_gets_alone(path: Path) -> None:
    table = _widened(read_file(path).table)
    identifications = identify_table(table)
    got = suggest_columns(table, load_vocabulary(), identifications=identifications)
    expected = _afresh(table, identifications)
    compared = 0
    for column, alone in zip(got, expected, strict=True):
        if header_tokens(column.name) == ("identifiant",):
            continue        # demoted beside a column naming the patient, by design
        assert {(s.concept, s.score, str(s.reason)) for s in column.suggestions} == alone, column.name
        compared += bool(alone)
    assert compared >= len(got) // 4, compared
