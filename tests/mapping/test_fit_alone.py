"""``may_stand_alone`` never skips a fit that could suggest a concept without a header.

Every column of the corpus files, whole and cut to its first rows, against every concept of the
default vocabulary: wherever it says False, ``value_fit`` gives a strength of 0, so a column whose
header does not match the concept could not have been offered it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.mapping.evidence import may_stand_alone, value_fit
from curator.mapping.values import shape_of, short_shapes

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted((DATA / "mapping_corpus").glob("*.csv")) + sorted((DATA / "corpus").glob("*.csv"))


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_skipped_fits_have_no_strength(path: Path) -> None:
    vocabulary = load_vocabulary()
    table = read_file(path).table
    shapes = [shape_of(column) for column in table.columns]
    shapes += short_shapes([column.slice(0, rows).to_pylist() for column in table.columns for rows in (1, 3)])
    skipped = 0
    for shape in shapes:
        for concept in vocabulary.concepts.values():
            if not may_stand_alone(concept, shape, vocabulary):
                skipped += 1
                assert value_fit(concept, shape, vocabulary).strength == 0, (concept.id, shape)
    assert skipped >= len(shapes)      # the test would catch a skip: several concepts per shape are skipped
