"""What Reach k keeps of the data, measured in one run:

    .venv/bin/python benchmarks/bench_protect_utility.py [--persons 300000] [--seed 2026] [--k 5]

A registry of ``--persons`` persons with realistic margins (scripts/population_generator.py: nine
in ten over 50, départements weighted by population, the overseas ones rare, sexes balanced) goes
through the default recipe (``curator recipe init``: sex, birth date → year, postcode → département
as quasi-identifiers, each with its floor) and Reach k at ``--k``, exported by ``pipeline.curate``.
Printed for Reach k (whole-column levels within the floors plus cells suppressed) and for the
whole-column search alone (ARX's global search, records suppressed whole, no floor, the same cap
on records): rows released (not suppressed whole), the share of birth years and départements
released at their requested precision, cells suppressed, ARX's loss measures before and after,
and k checked on the released quasi-identifiers by an independent count (pyarrow group_by).

Targets: k holds; >= 99 % of rows released; >= 95 % of birth years and of départements at the
requested precision; entropy loss at most half of the whole-column search's.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from curator.runtime import configure  # noqa: E402

configure()   # the program's process-wide settings, as cli.main makes them

from population_generator import generate_population  # noqa: E402

from curator.load import read_file  # noqa: E402
from curator.mapping import load_vocabulary  # noqa: E402
from curator.pipeline import curate  # noqa: E402
from curator.protect.reach import reach_k  # noqa: E402
from curator.protect.secret import new_secret  # noqa: E402
from curator.protect.transforms import output_name  # noqa: E402
from curator.recipe.init import recipe_from_loaded  # noqa: E402
from curator.recipe.model import Recipe  # noqa: E402


def released_below_k(table: pa.Table, quasi: list[str], k: int) -> int:
    """Records in classes smaller than k, '*' a value of its own: pyarrow's group_by, not curator's count."""
    counts = table.select(quasi).group_by(quasi).aggregate([([], "count_all")]).column("count_all")
    return int(pc.sum(pc.filter(counts, pc.less(counts, k))).as_py() or 0)


def run(loaded: Any, recipe: Recipe, vocabulary: Any, k: int) -> dict[str, Any]:
    started = time.perf_counter()
    found = reach_k(loaded.table, recipe, vocabulary, k, recipe.protection.suppression_cap)
    searched = time.perf_counter() - started
    recipe.protection.generalisation = found.levels
    recipe.protection.hierarchies = found.hierarchies
    recipe.protection.k_target = k
    result = curate(loaded, recipe, vocabulary, new_secret())
    info = result.generalisation
    quasi = [output_name(recipe.column(q)) for q in recipe.protection.quasi_identifiers]
    utility = {c["name"]: c for c in info["utility"]["columns"]}
    rows = result.table.num_rows
    return {
        "levels": found.levels, "search_s": searched, "rows": rows,
        "released": rows - int(info.get("suppressed_records", 0)),
        "years": utility["birth_date"]["requested"] / rows, "departments": utility["postal_code"]["requested"] / rows,
        "cells": int(info.get("cells_suppressed", info.get("suppressed_records", 0) * len(quasi))),
        "before": info["utility"]["before"], "after": info["utility"]["after"],
        "below_k": released_below_k(result.table, quasi, k),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registry.csv"
        pacsv.write_csv(generate_population(args.persons, args.seed), path)
        loaded = read_file(path)
    vocabulary = load_vocabulary(None)
    recipe = recipe_from_loaded(loaded, vocabulary)
    print(f"{args.persons:,} persons (seed {args.seed}), k = {args.k}; quasi-identifiers "
          f"{recipe.protection.quasi_identifiers}, floors {recipe.protection.floors}; caps: "
          f"{recipe.protection.cell_suppression_cap:.0%} of the cells, {recipe.protection.suppression_cap:.0%} "
          f"of the records; load average {os.getloadavg()[0]:.1f}")
    cells = run(loaded, copy.deepcopy(recipe), vocabulary, args.k)
    whole = copy.deepcopy(recipe)
    whole.protection.suppression_unit = "records"
    whole.protection.floors = {}
    columns = run(loaded, whole, vocabulary, args.k)
    print(f"{'':34}{'Reach k (cells)':>18}{'whole-column':>18}")
    for label, key, fmt in (("levels", "levels", "{}"), ("search (s)", "search_s", "{:.2f}"),
                            ("rows released", "released", "{:,}"), ("birth years at requested precision", "years", "{:.2%}"),
                            ("départements at requested precision", "departments", "{:.2%}"),
                            ("cells suppressed", "cells", "{:,}"), ("records below k (released)", "below_k", "{:,}")):
        shown = [fmt.format(list(r[key].values()) if isinstance(r[key], dict) else r[key]) for r in (cells, columns)]
        print(f"{label:34}{shown[0]:>18}{shown[1]:>18}")
    for measure in ("relative_entropy", "precision", "relative_discernibility"):
        shown = [f"{r['before'][measure]:.3%} → {r['after'][measure]:.3%}" for r in (cells, columns)]
        print(f"{'loss ' + measure.replace('_', ' '):34}{shown[0]:>18}{shown[1]:>18}")
    targets = {
        "k holds": cells["below_k"] == 0,
        ">= 99 % rows released": cells["released"] >= 0.99 * cells["rows"],
        ">= 95 % birth years at requested precision": cells["years"] >= 0.95,
        ">= 95 % départements at requested precision": cells["departments"] >= 0.95,
        "loss <= half the whole-column's": cells["after"]["relative_entropy"] <= 0.5 * columns["after"]["relative_entropy"],
    }
    for name, met in targets.items():
        print(f"target {name}: {'met' if met else 'MISSED'}")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
