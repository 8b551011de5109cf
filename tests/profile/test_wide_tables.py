"""A table of thousands of columns is profiled, protected and inspected whole, every column in its place
(issue 18: a one-row CSV of 10,000 columns took 45 s, the profile rebuilding ``table.column_names`` per
column). That the cost stays linear in the columns is measured by benchmarks/bench_wide.py, which prints
the CPU ratios of profile, protection and inspection at N and N/2 columns in one run.
"""

from __future__ import annotations

from pathlib import Path

from curator.inspection import inspect_file
from curator.load import read_file
from curator.profile import profile_table
from curator.protect.transforms import protect_table
from curator.recipe.model import ColumnDecision, Transform


def _wide_csv(path: Path, columns: int) -> Path:
    path.write_text(";".join(f"col{i}" for i in range(columns)) + "\n"
                    + ";".join(str(i) for i in range(columns)) + "\n", encoding="utf-8")
    return path


def test_profile_and_protection_of_8000_columns_keep_every_column_in_place(tmp_path: Path) -> None:
    wide = read_file(_wide_csv(tmp_path / "wide.csv", 8_000)).table
    profiles = profile_table(wide)
    assert [profile.name for profile in profiles] == [f"col{i}" for i in range(8_000)]
    assert all(profile.row_count == 1 and profile.empty_count == 0 for profile in profiles)
    assert [profiles[i].min for i in (0, 4_321, 7_999)] == ["0", "4321", "7999"]

    decisions = [ColumnDecision(source=name, transform=Transform("keep")) for name in wide.column_names]
    kept = protect_table(wide, decisions, None)
    assert kept.column_names == wide.column_names
    assert kept.column("col7999").to_pylist() == wide.column("col7999").to_pylist()


def test_inspecting_a_wide_file_reports_every_column(tmp_path: Path) -> None:
    result = inspect_file(_wide_csv(tmp_path / "wide.csv", 2_000))
    assert [column["name"] for column in result["columns"]] == [f"col{i}" for i in range(2_000)]
    assert result["source"]["rows"] == 1
