"""A linked submission's referential integrity: duplicated primary keys and orphan rows, with counts and rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.check.integrity import KeyColumns, duplicate_keys, orphans
from curator.check.tokens import token_words


def test_duplicated_primary_keys_give_every_row_that_shares_one() -> None:
    patients = pa.table({"Id": ["a", "b", "a", None, "c", "c", "c"]})
    finding = duplicate_keys(patients, "patients", ["Id"], first_row=2)
    assert finding is not None and finding.rule == "primary_key" and not finding.resolved
    assert finding.count == 5                         # the two "a" and the three "c"; the empty key is no duplicate
    assert [f.row for f in finding.examples] == [2, 4, 6, 7, 8]
    assert all(f.value is None for f in finding.examples)
    assert "2 key(s) of patients" in finding.detail
    assert duplicate_keys(pa.table({"Id": ["a", "b", None, None]}), "patients", ["Id"], 2) is None


def test_orphans_are_rows_whose_key_matches_no_row_of_the_referenced_table() -> None:
    patients = pa.table({"Id": ["p1", "p2", "p3"]})
    visits = pa.table({"PATIENT": ["p1", "p9", "p2", None, "p9", "p7"], "n": list(range(6))})
    finding = orphans(visits, "encounters", ["PATIENT"], patients, "patients", ["Id"], first_row=2)
    assert finding is not None and finding.rule == "orphan" and finding.count == 3
    assert [f.row for f in finding.examples] == [3, 6, 7]
    assert finding.detail == "encounters.PATIENT → patients.Id: no such row"
    assert orphans(visits.slice(0, 1), "encounters", ["PATIENT"], patients, "patients", ["Id"], 2) is None


def test_composite_keys_are_compared_whole() -> None:
    stays = pa.table({"site": ["A", "A", "B"], "stay": ["1", "2", "1"]})
    acts = pa.table({"site": ["A", "B", "B"], "stay": ["2", "1", "2"]})
    finding = orphans(acts, "acts", ["site", "stay"], stays, "stays", ["site", "stay"], first_row=1)
    assert finding is not None and finding.count == 1 and finding.examples[0].row == 3
    assert duplicate_keys(stays, "stays", ["site", "stay"], 1) is None


def _token(first: int, rest: int) -> str:
    """A pseudonym-shaped value: 64 lowercase hexadecimal digits, its first 16 from ``first``."""
    return f"{first:016x}{rest:046x}ab"


def test_pseudonyms_read_back_part_by_part_give_the_same_findings_as_whole_text(tmp_path: Path) -> None:
    # Values sharing their first 16 digits (the first word) differ further on: compared whole.
    ids = [_token(7, 1), _token(7, 2), _token(3, 9), None, _token(7, 1), _token(5, 5), _token(3, 9), _token(7, 3)]
    parents = [_token(7, 1), _token(3, 9), _token(5, 4), None]
    path = tmp_path / "stays.parquet"
    pq.write_table(pa.table({"id": ids}), path, row_group_size=3)
    stored = KeyColumns(["id"], path=path)
    assert pq.ParquetFile(path).num_row_groups == 3
    assert token_words(pa.array(ids)) is not None and token_words(pc.utf8_upper(pa.array(ids))) is None
    # Upper case: no pseudonym, so the whole-text comparison gives the reference.
    upper = pa.table({"id": pc.utf8_upper(pa.array(ids))})
    parent_upper = pa.table({"id": pc.utf8_upper(pa.array(parents))})
    for found, expected in (
            (duplicate_keys(stored, "stays", ["id"], 2), duplicate_keys(upper, "stays", ["id"], 2)),
            (orphans(stored, "stays", ["id"], pa.table({"id": parents}), "persons", ["id"], 2),
             orphans(upper, "stays", ["id"], parent_upper, "persons", ["id"], 2))):
        assert found is not None and expected is not None
        assert (found.rule, found.count, found.detail) == (expected.rule, expected.count, expected.detail)
        assert [f.row for f in found.examples] == [f.row for f in expected.examples]
    duplicated = duplicate_keys(stored, "stays", ["id"], 2)
    assert duplicated is not None and duplicated.count == 4 and [f.row for f in duplicated.examples] == [2, 4, 6, 8]
    orphaned = orphans(stored, "stays", ["id"], pa.table({"id": parents}), "persons", ["id"], 2)
    assert orphaned is not None and [f.row for f in orphaned.examples] == [3, 7, 9]
    # First words repeated, values all different: no duplicate.
    distinct = tmp_path / "distinct.parquet"
    pq.write_table(pa.table({"id": [_token(1, 1), _token(1, 2), _token(2, 1)]}), distinct, row_group_size=2)
    assert duplicate_keys(KeyColumns(["id"], path=distinct), "stays", ["id"], 2) is None
