"""A table of thousands of columns costs in proportion to its columns, not their square (issue 18:
a one-row CSV of 10,000 columns took 45 s, the profile rebuilding ``table.column_names`` per column).

Ratios of CPU time in one run, not wall times: a file ten times wider must cost about ten times
more, where the quadratic code cost about a hundred times more. (The time of a 20,000-column
one-row file through `curator inspect` is measured by benchmarks/bench_wide.py; the sizes here
keep the test short.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.inspection import inspect_file
from curator.load import read_file
from curator.profile import profile_table
from curator.protect.transforms import protect_table
from curator.recipe.model import ColumnDecision, Transform


def _wide_csv(path: Path, columns: int) -> Path:
    path.write_text(";".join(f"col{i}" for i in range(columns)) + "\n"
                    + ";".join(str(i) for i in range(columns)) + "\n", encoding="utf-8")
    return path


def _cpu(work: Callable[[], Any]) -> float:
    """The least CPU time of three runs: a profile of 800 one-row columns takes a few hundredths of a
    second, so one run's first-call costs (kernels, regexes) or a scheduler hiccup would be the ratio."""
    times = []
    for _ in range(3):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def test_profile_and_protection_of_8000_columns_cost_ten_times_800(tmp_path: Path) -> None:
    wide = read_file(_wide_csv(tmp_path / "wide.csv", 8_000)).table
    narrow = wide.select(range(800))
    ratio = _cpu(lambda: profile_table(wide)) / _cpu(lambda: profile_table(narrow))
    assert ratio < 20, f"profile: 10x the columns cost {ratio:.1f}x the time"

    def keep(table: pa.Table) -> Callable[[], Any]:
        decisions = [ColumnDecision(source=name, transform=Transform("keep")) for name in table.column_names]
        return lambda: protect_table(table, decisions, None)

    ratio = _cpu(keep(wide)) / _cpu(keep(narrow))
    assert ratio < 20, f"protection: 10x the columns cost {ratio:.1f}x the time"


def test_inspecting_a_wide_file_is_linear_in_its_columns(tmp_path: Path) -> None:
    wide = _wide_csv(tmp_path / "wide.csv", 2_000)
    narrow = _wide_csv(tmp_path / "narrow.csv", 200)
    inspect_file(narrow)                           # imports and lexicons loaded before timing
    ratio = _cpu(lambda: inspect_file(wide)) / _cpu(lambda: inspect_file(narrow))
    assert ratio < 20, f"inspect: 10x the columns cost {ratio:.1f}x the time"
