"""What hub-core's coherence rules add to validation on 1.5M registry rows: at most 1 s.

    .venv/bin/python benchmarks/bench_coherence.py [--rows 1500000] [--repeat 3]

The rows and the recipe are bench_mapping.py's (scripts/registry_generator.py, fixed seed, kept under
benchmarks/_generated/; every suggestion accepted). In one run, ``convert_and_validate`` is timed
alternately with hub-core as shipped and with the same vocabulary without rules and with curator's
exact-duplicate check off (the recipe's ``off``): the best of each side is kept and their difference
is compared with the target. Then each rule alone on the converted columns, and the streamed apply's
way (batches of 131,072 rows, keys carried from batch to batch).

With ``--across N``, the rules across tables too, on bench_linked.py's submission at N diagnoses
(N/2 stays, N/10 persons; ';' Windows-1252 CSVs in a temporary folder): the read of the columns they
need before curating (``pipeline.check_rules_across``), then diagnosis_within_stay checked on the
diagnoses batch by batch as the streamed apply does.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from bench_mapping import accepted_recipe, registry  # noqa: E402  (configures the process as the program does)

from curator.check import convert_and_validate  # noqa: E402
from curator.check.coherence import KeysSeen, applicable, evaluate, exact_duplicates  # noqa: E402
from curator.mapping import load_vocabulary, suggest_columns  # noqa: E402
from curator.mapping.rules import EXACT_DUPLICATES  # noqa: E402
from curator.recipe.model import RuleDecision  # noqa: E402
from curator.recipe.stream import BATCH_ROWS  # noqa: E402

TARGET_S = 1.0


def _across(diagnoses: int) -> None:
    """The rules across tables on a linked submission: gathering before curating, then the check per batch."""
    from bench_linked import generate, read_text, write_cp1252

    from curator.check.coherence import converted_linked
    from curator.pipeline import check_rules_across
    from curator.recipe.model import ColumnDecision, Recipe

    hub = load_vocabulary()
    mapped = {"id_patient": "patient_local_id", "date_entree": "admission_date", "date_sortie": "discharge_date",
              "date_naissance": "birth_date", "date_diagnostic": "diagnosis_date"}
    with tempfile.TemporaryDirectory() as folder:
        files, recipes = {}, []
        for name, table in generate(diagnoses // 10, diagnoses // 2, diagnoses).items():
            files[name] = Path(folder) / f"{name}.csv"
            write_cp1252(table, files[name])
            recipes.append(Recipe(name=name, columns=[ColumnDecision(c, mapped[c]) for c in table.column_names
                                                      if c in mapped]))
        started, cpu = time.perf_counter(), time.process_time()
        bound, _said = check_rules_across(files, recipes, hub, lambda _path, _recipe: None)
        gathered = time.perf_counter() - started, time.process_time() - cpu
        typed, concepts = converted_linked(read_text(files["diagnostics"], ["id_patient", "date_diagnostic"]),
                                           recipes[2], hub)
        named = [(rule, [concepts[c] for c in rule.concepts]) for rule in bound["diagnostics"].rules if rule.linked]
        started, cpu = time.perf_counter(), time.process_time()
        flagged = 0
        for start in range(0, typed.num_rows, BATCH_ROWS):
            batch = typed.slice(start, BATCH_ROWS)
            flagged += sum(b.mask.true_count for b in evaluate(named, {n: batch.column(n) for n in batch.column_names}))
        checked = time.perf_counter() - started, time.process_time() - cpu
    print(f"across tables, {diagnoses:,} diagnoses, {diagnoses // 2:,} stays, {diagnoses // 10:,} persons: "
          f"gathering the columns before curating {gathered[0]:.2f} s wall ({gathered[1]:.2f} s CPU); "
          f"{', '.join(r.id for r, _ in named)} on the diagnoses in batches of {BATCH_ROWS:,}: {checked[0]:.2f} s wall "
          f"({checked[1]:.2f} s CPU), {flagged:,} rows flagged")


def _timed(table: pa.Table, recipe, vocabulary, keys_seen: KeysSeen | None = None) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    convert_and_validate(table, recipe, vocabulary, keys_seen=keys_seen)
    return time.perf_counter() - started, time.process_time() - cpu


def _streamed(table: pa.Table, recipe, vocabulary, with_rules: bool) -> tuple[float, float]:
    """Batch after batch as the streamed apply validates them: (wall, CPU) seconds."""
    seen = KeysSeen() if with_rules else None
    formats: dict[str, list[str | None]] = {}
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, table.num_rows, BATCH_ROWS):
        convert_and_validate(table.slice(start, BATCH_ROWS), recipe, vocabulary, date_formats=formats, keys_seen=seen)
    return time.perf_counter() - started, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side (the best one of each is compared)")
    parser.add_argument("--across", type=int, default=0, help="diagnoses of a linked submission for the rules "
                                                               "across tables (0: not measured)")
    args = parser.parse_args(argv)
    if args.across:
        _across(args.across)
    table = registry(args.rows)
    hub = load_vocabulary()
    bare = copy.copy(hub)
    bare.rules = []
    assigned = {s.name: s.assigned for s in suggest_columns(table, hub)}
    recipe = accepted_recipe(table, hub, assigned)
    without = copy.deepcopy(recipe)
    without.rules = [RuleDecision(EXACT_DUPLICATES, "off", "benchmark: the check without coherence")]
    concept_columns = {c: n for n, c in reversed(assigned.items()) if c}
    rules = applicable(hub, concept_columns)
    print(f"data: {table.num_rows} rows x {table.num_columns} columns; machine: {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"hub-core {hub.version}: {len(hub.rules)} rules, {len(rules)} apply to this table: "
          f"{', '.join(r.id for r, _ in rules)}; and exact duplicates")

    with_runs, without_runs = [], []
    for _ in range(args.repeat):
        without_runs.append(_timed(table, without, bare))
        with_runs.append(_timed(table, recipe, hub))
    best_with, best_without = min(w for w, _ in with_runs), min(w for w, _ in without_runs)
    print("convert_and_validate without coherence: " + ", ".join(f"{w:.2f} s (CPU {c:.2f})" for w, c in without_runs))
    print("convert_and_validate with hub-core's rules: " + ", ".join(f"{w:.2f} s (CPU {c:.2f})" for w, c in with_runs))
    added = best_with - best_without
    cpu_added = min(c for _, c in with_runs) - min(c for _, c in without_runs)
    print(f"added by the coherence rules and exact duplicates (best of each): {added:.2f} s wall, {cpu_added:.2f} s CPU  "
          f"target {TARGET_S:.1f} s  ratio {added / TARGET_S:.2f}")

    typed, _report = convert_and_validate(table, without, bare)
    columns = {n: typed.column(n) for n in typed.column_names}
    for rule, names in rules:
        started, cpu = time.perf_counter(), time.process_time()
        found = evaluate([(rule, names)], columns)
        flagged = sum(b.mask.true_count for b in found)
        print(f"  {rule.id}: {time.perf_counter() - started:.3f} s wall, {time.process_time() - cpu:.3f} s CPU "
              f"({flagged} rows flagged)")
    started, cpu = time.perf_counter(), time.process_time()
    duplicates = exact_duplicates(table)
    print(f"  exact duplicates: {time.perf_counter() - started:.3f} s wall, {time.process_time() - cpu:.3f} s CPU "
          f"({duplicates.mask.true_count} rows flagged)")

    (wall_without, cpu_without), (wall_with, cpu_with) = (_streamed(table, without, bare, with_rules=False),
                                                          _streamed(table, recipe, hub, with_rules=True))
    print(f"batches of {BATCH_ROWS:,} rows, one after another (keys carried across batches): "
          f"{wall_without:.2f} s without coherence, {wall_with:.2f} s with: {wall_with - wall_without:+.2f} s wall, "
          f"{cpu_with - cpu_without:+.2f} s CPU")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    ok = added <= TARGET_S
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
