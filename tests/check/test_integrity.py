"""A linked submission's referential integrity: duplicated primary keys and orphan rows, with counts and rows."""

from __future__ import annotations

import pyarrow as pa

from curator.check.integrity import duplicate_keys, orphans


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
