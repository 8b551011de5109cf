"""Speed and memory of `curator apply` on a 1.5M-row registry export (and peak memory on 6M rows).

    .venv/bin/python benchmarks/bench_apply.py [--rows 1500000] [--big-rows 6000000] [--skip-big]

It generates the ';'-separated Windows-1252 registry file reproducibly (scripts/registry_generator.py,
25 columns: valid NIRs, names, dates, codes) under benchmarks/_generated/, then in one run:

- the floor: ``pyarrow.csv.read_csv`` of the file (every column as text) plus a zstd Parquet write;
- ``curator apply`` (a separate process, so its peak memory is its own) with a recipe that
  pseudonymises two identifier columns, drops the names, contacts and free text, generalises three
  dates and the postcode, measures k-anonymity on four quasi-identifiers, and packages.

It prints apply/floor (target <= 2.5) and apply's peak memory (target < 1 GiB) for each size.
The floor and the apply run ``--repeat`` times, one after the other, and the best time of each is
kept (as in bench_load.py): on a shared machine one slow run of either side would swing the ratio.
curator's modules are byte-compiled first, as an installed app's are.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "benchmarks" / "_generated"
sys.path.insert(0, str(REPO / "scripts"))

from registry_generator import COLUMNS, DEFAULT_SEED, generate_registry, write_registry_csv  # noqa: E402

PSEUDONYMISE = ("N° dossier", "NIR")
DROP = ("Nom", "Nom de naissance", "Prénom", "Téléphone", "Email", "Adresse", "Commune", "Commentaire")
GENERALISE = {"Date de naissance": "year", "Date de diagnostic": "year_month", "Date de décès": "year_month",
              "Code postal": "department"}
QUASI = ["Sexe", "Date de naissance", "Code postal", "Date de diagnostic"]
GIB = 1024 ** 3


def registry_file(rows: int) -> Path:
    path = GENERATED / f"registre_{rows}_{DEFAULT_SEED}.csv"
    if not path.exists():
        started = time.perf_counter()
        write_registry_csv(path, rows, DEFAULT_SEED)
        print(f"generated {path.name} ({path.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - started:.0f} s")
    return path


def make_recipe(workdir: Path) -> Path:
    """The benchmark recipe, made with `recipe init` on a small file of the same export, then adjusted."""
    from curator.load import read_file
    from curator.recipe.init import recipe_from_loaded
    from curator.recipe.model import Transform

    sample = workdir / "sample.csv"
    from registry_generator import write_csv_cp1252

    write_csv_cp1252(generate_registry(5000, DEFAULT_SEED + 1), sample)
    recipe = recipe_from_loaded(read_file(sample))
    for decision in recipe.columns:
        if decision.source in PSEUDONYMISE:
            decision.transform = Transform("pseudonymise")
        elif decision.source in DROP:
            decision.transform = Transform("drop")
        elif decision.source in GENERALISE:
            decision.transform = Transform("generalise", {"to": GENERALISE[decision.source]})
        elif decision.transform.action != "keep":
            decision.transform = Transform("keep")
    recipe.protection.quasi_identifiers = list(QUASI)
    recipe.protection.k_target = 5
    # The export refuses a result below k unless accepted with a reason: this measures speed, not k.
    recipe.protection.accept_below_k = {"reason": "benchmark data: speed is measured, not k"}
    export = recipe.export
    export.producer_id, export.producer_name, export.dataset_title = "BENCH-0001", "Benchmark", "Apply benchmark"
    path = workdir / "bench.recipe.json"
    recipe.save(path)
    return path


def make_keys(workdir: Path) -> dict[str, Path]:
    from curator.package.keys import new_recipient_key, new_signing_key
    from curator.protect.secret import new_secret, write_secret_file

    new_recipient_key(workdir / "hub", None)
    new_signing_key(workdir / "producer", None)
    passphrase = workdir / "passphrase.txt"
    passphrase.write_text("benchmark passphrase\n", encoding="utf-8")
    write_secret_file(workdir / "secret.age", new_secret(), "benchmark passphrase")
    return {"hub": workdir / "hub.pub", "signing": workdir / "producer.key", "secret": workdir / "secret.age",
            "passphrase": passphrase}


def floor(path: Path, workdir: Path) -> float:
    started = time.perf_counter()
    table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(encoding="cp1252"),
                           parse_options=pacsv.ParseOptions(delimiter=";"),
                           convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS}))
    pq.write_table(table, workdir / "floor.parquet", compression="zstd")
    elapsed = time.perf_counter() - started
    del table
    return elapsed


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[-40:]
    except OSError:
        return str(pid)


def _status_bytes(pid: int, field: str) -> int:
    """A memory figure of /proc/PID/status (``VmRSS``, ``VmHWM``) in bytes; 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def byte_compile() -> None:
    """Compile curator's modules ahead, as pip and PyInstaller do for an installed app: where
    PYTHONDONTWRITEBYTECODE is set (this CI's machines), every apply would otherwise compile its
    16,000 lines again, 0.2 s of each run."""
    import compileall

    compileall.compile_dir(REPO / "curator", quiet=1)


def run_apply(path: Path | list[Path], recipe: Path, keys: dict[str, Path],
              workdir: Path) -> tuple[float, int, int, str, float]:
    """(seconds, peak RSS of apply, peak RSS of apply and its helper processes together, output,
    CPU seconds of apply and the helper processes it waited for).

    The process tree's memory is sampled every 50 ms from /proc (Linux), so a helper process
    (parallel pseudonymisation, say) counts too; the first figure is the kernel's exact peak of
    the apply process alone.
    """
    files = [path] if isinstance(path, Path) else path          # several: a linked submission, one package
    package = workdir / f"{files[0].stem}.tar"
    package.unlink(missing_ok=True)
    command = [sys.executable, "-c", "import sys; from curator.cli import main; sys.exit(main())",
               "apply", *map(str, files), "--recipe", str(recipe), "-o", str(package), "--recipient", str(keys["hub"]),
               "--signing-key", str(keys["signing"]), "--secret", str(keys["secret"]),
               "--passphrase-file", str(keys["passphrase"])]
    started = time.perf_counter()
    out_path, err_path = workdir / "apply.out", workdir / "apply.err"
    with open(out_path, "w") as out_file, open(err_path, "w") as err_file:
        process = subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                                   stdout=out_file, stderr=err_file)
        tree_peak = own_peak = 0
        while True:
            # wait4 gives this child's own CPU time. Its ru_maxrss is no use: Linux carries the
            # benchmark's own peak (the floor's table) over the child's exec. The child's high-water
            # mark (VmHWM) is its own, read until it exits.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            own_peak = max(own_peak, _status_bytes(process.pid, "VmHWM"))
            sizes = {p: _status_bytes(p, "VmRSS") for p in [process.pid, *_descendants(process.pid)]}
            if sum(sizes.values()) > tree_peak:
                tree_peak = sum(sizes.values())
                print(f"    [{time.perf_counter() - started:5.1f} s] processes' RSS (MiB): "
                      + ", ".join(f"{_name(p)} {size / 2**20:.0f}" for p, size in sizes.items()), file=sys.stderr)
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    out = out_path.read_text(encoding="utf-8")
    if process.returncode != 0:
        raise SystemExit(f"curator apply failed ({process.returncode}):\n{out}\n{err_path.read_text(encoding='utf-8')}")
    return seconds, own_peak, tree_peak, out, usage.ru_utime + usage.ru_stime


def _load() -> str:
    """The load average: on a shared machine, other work slows both runs, rarely by the same factor."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPU(s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--big-rows", type=int, default=6_000_000)
    parser.add_argument("--skip-big", action="store_true", help="skip the peak-memory run on --big-rows")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the floor and of apply, best kept")
    args = parser.parse_args()
    GENERATED.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=GENERATED) as tmp:
        workdir = Path(tmp)
        keys = make_keys(workdir)
        byte_compile()
        recipe = make_recipe(workdir)
        path = registry_file(args.rows)
        floor_seconds = apply_seconds = float("inf")
        floor_cpu = apply_cpu = 0.0
        peak = tree_peak = 0
        output = ""
        for run in range(1, max(1, args.repeat) + 1):
            print(f"run {run}, before the floor: {_load()}")
            cpu_before = resource.getrusage(resource.RUSAGE_SELF)
            seconds = floor(path, workdir)
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            print(f"  floor {seconds:.2f} s")
            if seconds < floor_seconds:
                floor_seconds = seconds
                floor_cpu = cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
            print(f"run {run}, before apply: {_load()}")
            seconds, run_peak, run_tree_peak, output, run_cpu = run_apply(path, recipe, keys, workdir)
            print(f"  apply {seconds:.2f} s")
            peak, tree_peak = max(peak, run_peak), max(tree_peak, run_tree_peak)   # memory: the worst run
            if seconds < apply_seconds:
                apply_seconds, apply_cpu = seconds, run_cpu
        print(f"after apply: {_load()}")
        print(output.strip().splitlines()[-1])
        ratio = apply_seconds / floor_seconds
        print(f"{args.rows:,} rows x {len(COLUMNS)} columns, {path.stat().st_size / 1e6:,.0f} MB")
        print(f"  best of {max(1, args.repeat)} runs each")
        print(f"  floor (pyarrow read_csv + zstd Parquet write): {floor_seconds:6.1f} s (CPU {floor_cpu:.1f} s)")
        print(f"  curator apply:                                  {apply_seconds:6.1f} s "
              f"({args.rows / apply_seconds:,.0f} rows/s; CPU {apply_cpu:.1f} s)")
        print(f"  apply/floor = {ratio:.2f} (target <= 2.5) {'OK' if ratio <= 2.5 else 'MISSED'}")
        worst = max(peak, tree_peak)
        print(f"  apply peak memory = {worst / GIB:.2f} GiB (target < 1 GiB) {'OK' if worst < GIB else 'MISSED'}"
              f" [apply process {peak / GIB:.2f} GiB; with helper processes, sampled, {tree_peak / GIB:.2f} GiB]")
        if not args.skip_big:
            big = registry_file(args.big_rows)
            big_seconds, big_peak, big_tree, _, big_cpu = run_apply(big, recipe, keys, workdir)
            big_worst = max(big_peak, big_tree)
            print(f"{args.big_rows:,} rows: apply {big_seconds:.1f} s (CPU {big_cpu:.1f} s), peak memory {big_worst / GIB:.2f} GiB "
                  f"(target < 1 GiB) {'OK' if big_worst < GIB else 'MISSED'} [apply process {big_peak / GIB:.2f} GiB; "
                  f"with helper processes, sampled, {big_tree / GIB:.2f} GiB]")
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"(benchmark process itself peaked at {self_peak / GIB:.2f} GiB: the floor holds the table in memory)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
