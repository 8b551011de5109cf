"""Short columns holding the same values are profiled once; each gets what profiling it alone gives.

The corpus files are cut to their first rows and widened with copies of their columns, so that
values repeat under other names; the profile is compared with the one made with no sharing, and
each column's with ``profile_column`` of that column alone (the short-column paths of the tally
and the type inference included).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import curator.profile
from curator.load import read_file
from curator.profile import profile_column, profile_table

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted((DATA / "corpus").glob("*.csv"))[:8] + sorted((DATA / "mapping_corpus").glob("*.csv"))[:4]


def _widened(table: pa.Table, rows: int) -> pa.Table:
    cut = table.slice(0, rows)
    return pa.Table.from_arrays(list(cut.columns) * 3, names=[f"{name} {copy}" for copy in range(3) for name in cut.column_names])


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_shared_profiles_equal_each_column_alone(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = read_file(path).table
    for rows in (1, 2, 12):
        wide = _widened(table, rows)
        shared = [profile.to_dict() for profile in profile_table(wide)]
        assert [profile["name"] for profile in shared] == wide.column_names
        alone = [profile_column(name, column).to_dict() for name, column in zip(wide.column_names, wide.columns, strict=True)]
        assert shared == alone
        monkeypatch.setattr(curator.profile, "SHARED_ROWS", -1)
        assert [profile.to_dict() for profile in profile_table(wide)] == shared
        monkeypatch.undo()


def test_shared_profiles_are_not_one_object() -> None:
    table = pa.table({"a": ["1"], "b": ["1"]})
    first, second = profile_table(table)
    assert (first.name, second.name) == ("a", "b") and first.top_values == second.top_values
    first.top_values.append(("2", 1))
    assert second.top_values == [("1", "<5")]
