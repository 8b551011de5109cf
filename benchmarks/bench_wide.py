"""Wide files through `curator inspect`: target a 20,000-column one-row CSV in <= 5 s CPU, linear in columns.

    .venv/bin/python benchmarks/bench_wide.py [--columns 20000] [--repeat 2] [--skip-rows] [--profile]

Generates, in a temporary folder deleted at the end, CSVs of N/2 and N columns with one row and one
of N/10 columns with 1,000 rows. Headers are all distinct, as in survey, omics and pivoted exports:
numbered question codes (``Q12_3``), numbered clinical names (``date_visite_12``, ``poids_j30_4``),
probe and gene identifiers (``cg00012345``, ``ENSG00000012345``) and plain ``colN``. Values mix
integers, decimals, dates, codes and words. Each file goes through ``inspect_file`` (the function
`curator inspect` calls) in this process; the script prints wall and CPU time, CPU per column in
ms, the ratio to a bare ``pyarrow.csv.read_csv`` of the same file, and the N / (N/2) CPU ratio
(2 when linear). The same N / (N/2) CPU ratios are printed for ``profile_table`` and for
``protect_table`` keeping every column, on the one-row tables already read. ``--profile`` prints the
cProfile of one inspect of the N-column file.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curator.runtime import configure  # noqa: E402

configure()   # the program's process-wide settings, as cli.main makes them

from curator.identify import warm_up  # noqa: E402
from curator.inspection import inspect_file  # noqa: E402
from curator.load import read_file  # noqa: E402
from curator.profile import profile_table  # noqa: E402
from curator.protect.transforms import protect_table  # noqa: E402
from curator.recipe.model import ColumnDecision, Transform  # noqa: E402

TARGET_CPU_SECONDS = 5.0
_STEMS = ("Q{i}_{j}", "date_visite_{i}", "poids_j{j}_{i}", "cg{i:08d}", "ENSG{i:011d}", "col{i}",
          "resultat_bio_{i}", "nom_medecin_{i}", "item{i}", "tension_sys_{i}", "var_{i}_{j}", "Score total {i}")


def _headers(columns: int) -> list[str]:
    return [_STEMS[c % len(_STEMS)].format(i=c, j=c % 12 + 1) for c in range(columns)]


def _value(rng: np.random.Generator, column: int) -> str:
    kind = column % 7
    if kind == 0:
        return str(int(rng.integers(0, 5)))
    if kind == 1:
        return f"{rng.uniform(40, 120):.1f}"
    if kind == 2:
        return f"{int(rng.integers(1, 29)):02d}/{int(rng.integers(1, 13)):02d}/{int(rng.integers(1950, 2024))}"
    if kind == 3:
        return ("oui", "non", "NSP")[int(rng.integers(0, 3))]
    if kind == 4:
        return ("C50.9", "I21.0", "E11.9", "J45")[int(rng.integers(0, 4))]
    if kind == 5:
        return str(int(rng.integers(100_000, 999_999)))
    return ("", "faible", "moyen", "fort")[int(rng.integers(0, 4))]


def generate(path: Path, columns: int, rows: int) -> None:
    rng = np.random.default_rng(18)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(_headers(columns))
        for _ in range(rows):
            writer.writerow([_value(rng, c) for c in range(columns)])


def _timed(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall and best CPU time (all threads of this process) of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
    return min(walls), min(cpus)


def measure(path: Path, columns: int, rows: int, repeat: int) -> float:
    result = inspect_file(path)
    assert len(result["columns"]) == columns and result["source"]["rows"] == rows, "file read wrongly"
    wall, cpu = _timed(lambda: inspect_file(path), repeat)
    bare_wall, bare_cpu = _timed(lambda: pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=";")),
                                 repeat)
    print(f"{columns:>6} columns x {rows:>5} rows: inspect {wall:6.2f} s wall, {cpu:6.2f} s CPU "
          f"({1000 * cpu / columns:.3f} ms CPU per column); pyarrow read_csv {bare_wall:.3f} s wall, "
          f"{bare_cpu:.3f} s CPU; inspect / pyarrow CPU {cpu / max(bare_cpu, 1e-6):.0f}")
    return cpu


def stage_ratios(half_path: Path, full_path: Path, repeat: int) -> None:
    """N / (N/2) CPU ratios of the profile and of a keep-everything protection (2 when linear)."""
    half, full = read_file(half_path).table, read_file(full_path).table

    def keep_all(table: pa.Table) -> Callable[[], object]:
        decisions = [ColumnDecision(source=name, transform=Transform("keep")) for name in table.column_names]
        return lambda: protect_table(table, decisions, None)

    for stage, on_half, on_full in (("profile_table", lambda: profile_table(half), lambda: profile_table(full)),
                                    ("protect_table (keep)", keep_all(half), keep_all(full))):
        on_half()
        half_cpu, full_cpu = _timed(on_half, repeat)[1], _timed(on_full, repeat)[1]
        print(f"{stage}: {full.num_columns} columns {full_cpu:.3f} s CPU, {half.num_columns} columns "
              f"{half_cpu:.3f} s CPU; ratio {full_cpu / max(half_cpu, 1e-6):.2f} (2.00 when linear)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--skip-rows", action="store_true", help="skip the 1,000-row file")
    parser.add_argument("--profile", action="store_true", help="print the cProfile of one inspect")
    args = parser.parse_args()
    warm_up()   # the app does this at start-up: lexicons, phonenumbers metadata, pyarrow's pandas bridge
    with tempfile.TemporaryDirectory(prefix="curator-bench-wide-") as folder:
        half, full = args.columns // 2, args.columns
        files = [(half, 1), (full, 1)] + ([] if args.skip_rows else [(full // 10, 1000)])
        cpu_of: dict[tuple[int, int], float] = {}
        for columns, rows in files:
            path = Path(folder) / f"wide_{columns}x{rows}.csv"
            generate(path, columns, rows)
            if args.profile and (columns, rows) == (full, 1):
                profiler = cProfile.Profile()
                profiler.runcall(inspect_file, path)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            cpu_of[(columns, rows)] = measure(path, columns, rows, args.repeat)
        stage_ratios(Path(folder) / f"wide_{half}x1.csv", Path(folder) / f"wide_{full}x1.csv", args.repeat)
        ratio = cpu_of[(full, 1)] / max(cpu_of[(half, 1)], 1e-6)
        print(f"{full} / {half} columns CPU ratio {ratio:.2f} (2.00 when linear); "
              f"{full}-column one-row CPU {cpu_of[(full, 1)]:.2f} s against a target of {TARGET_CPU_SECONDS:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
