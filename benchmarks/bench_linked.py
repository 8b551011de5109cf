"""A linked submission (1M persons, 5M stays, 10M diagnoses): the floor, person-level risk, and the apply.

    .venv/bin/python benchmarks/bench_linked.py [--persons 1000000] [--stays 5000000] [--diagnoses 10000000]
                                                [--check-pandas] [--skip-apply] [--keep] [--data FOLDER]

It generates the three tables reproducibly (fixed seed) as ';'-separated Windows-1252 CSVs in a
temporary folder (removed at the end unless ``--keep``; never under the repository):

- ``personnes.csv``: id_patient, sexe, date_naissance, departement (2A, 2B, 971...), commune (accents);
- ``sejours.csv``: id_sejour, id_patient, date_entree, date_sortie, finess, mode_sortie ("Décès"...);
- ``diagnostics.csv``: id_diagnostic, id_sejour, id_patient, code_cim10, date_diagnostic.

Then, in one run:

- the floor: ``pyarrow.csv.read_csv`` of the three files (every column as text) plus a zstd
  Parquet write of each;
- the person-level risk alone (``curator.protect.persons.person_risk``): k = 5 on sex, birth year,
  département (the persons table) and the set of each person's diagnosis year-months (the
  diagnoses table), over the key columns already read (target <= 5 s); with ``--check-pandas``,
  the same figures by a pandas group-by over persons, compared number by number;
- ``curator apply`` of the three files (a separate process, as bench_apply.py runs it): the recipe
  is ``curator recipe init`` of a small sample of the same export, with the quasi-identifiers of
  the issue generalised until person-level k = 5 holds (see ``make_recipe``); apply / floor
  (target <= 3) and its peak memory (target <= 1.5 GiB); then the package is opened and k = 5
  counted on the tables as they left. ``--data`` reuses the CSVs of an earlier ``--keep`` run.

It prints each time, risk / floor, the load average, and the peak memory of the process
(ru_maxrss; the data are generated in a child process) and of Arrow's memory pool. Figures go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import codecs
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_apply import _load, byte_compile, make_keys, run_apply  # noqa: E402  (said and run the same way)

from curator.protect.persons import PersonQuasi, person_frame, person_risk  # noqa: E402
from curator.runtime import configure  # noqa: E402

SEED = 20261207
TABLES = ("personnes", "sejours", "diagnostics")
PERSON_COLUMNS = {"personnes": "id_patient", "diagnostics": "id_patient"}
QUASI = [PersonQuasi("personnes", "sexe"), PersonQuasi("personnes", "annee_naissance"),
         PersonQuasi("personnes", "departement"), PersonQuasi("diagnostics", "mois_diagnostic", event=True)]
DEPARTEMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
COMMUNES = ["Besançon", "Orléans", "Nîmes", "Saint-Étienne", "Évry", "Créteil", "Béziers", "Angoulême",
            "Pontoise", "Lyon", "Marseille", "Île-d'Yeu", "Gérardmer", "Châlons-en-Champagne"]
MODES = ["Domicile", "Transfert", "Mutation", "Décès"]
CHAPTERS = list("ABCDEFGIJKMNRSZ")
DAY0 = np.datetime64("1970-01-01")


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pa.array(numbers).cast(pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), digits, "")


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(days.astype("datetime64[D]")).cast(pa.string())


def _choice(values: list[str], indices: np.ndarray) -> pa.Array:
    return pa.array(values).take(pa.array(indices))


def _at_least_once(rng: np.random.Generator, targets: int, rows: int) -> np.ndarray:
    """``rows`` draws among ``targets`` that name each target once (when there are enough rows)."""
    first = rng.permutation(targets)[:rows]
    return np.concatenate((first, rng.integers(0, targets, rows - len(first))))


def generate(persons: int, stays: int, diagnoses: int, seed: int = SEED) -> dict[str, pa.Table]:
    """The three tables, all text, the same for the same sizes and seed."""
    rng = np.random.default_rng(seed)
    birth = rng.integers((np.datetime64("1930-01-01") - DAY0).astype(int),
                         (np.datetime64("2020-12-31") - DAY0).astype(int), persons)
    people = pa.table({
        "id_patient": _ids("P", np.arange(1, persons + 1), 8),
        "sexe": _choice(["1", "2"], rng.integers(0, 2, persons)),
        "date_naissance": _dates(birth),
        "departement": _choice(DEPARTEMENTS, rng.integers(0, len(DEPARTEMENTS), persons)),
        "commune": _choice(COMMUNES, rng.integers(0, len(COMMUNES), persons)),
    })
    # Every person has a stay and every stay a diagnosis (its main one), as in a hospital discharge
    # extract; the others are drawn at random.
    owner = _at_least_once(rng, persons, stays)
    entry = rng.integers((np.datetime64("2015-01-01") - DAY0).astype(int),
                         (np.datetime64("2024-12-31") - DAY0).astype(int), stays)
    stay_table = pa.table({
        "id_sejour": _ids("S", np.arange(1, stays + 1), 9),
        "id_patient": people.column("id_patient").take(pa.array(owner)),
        "date_entree": _dates(entry),
        "date_sortie": _dates(entry + rng.integers(0, 30, stays)),
        "finess": _ids("", rng.integers(10_000_000, 999_999_999, stays), 9),
        "mode_sortie": _choice(MODES, rng.choice(len(MODES), stays, p=[0.8, 0.1, 0.08, 0.02])),
    })
    stay = _at_least_once(rng, stays, diagnoses)
    chapter = _choice(CHAPTERS, rng.integers(0, len(CHAPTERS), diagnoses))
    code = pc.binary_join_element_wise(chapter, _ids("", rng.integers(0, 100, diagnoses), 2), ".",
                                       pa.array(rng.integers(0, 10, diagnoses)).cast(pa.string()), "")
    diagnosis_table = pa.table({
        "id_diagnostic": _ids("D", np.arange(1, diagnoses + 1), 9),
        "id_sejour": stay_table.column("id_sejour").take(pa.array(stay)),
        "id_patient": stay_table.column("id_patient").take(pa.array(stay)),
        "code_cim10": code,
        "date_diagnostic": _dates(entry[stay] + rng.integers(0, 10, diagnoses)),
    })
    return {"personnes": people, "sejours": stay_table, "diagnostics": diagnosis_table}


def write_cp1252(table: pa.Table, path: Path) -> None:
    """``table`` as a ';'-separated Windows-1252 CSV: pyarrow writes UTF-8, transcoded by blocks."""
    utf8 = path.with_suffix(".utf8")
    pacsv.write_csv(table, utf8, pacsv.WriteOptions(delimiter=";", quoting_style="needed"))
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(utf8, "rb") as source, open(path, "wb") as target:
        while block := source.read(1 << 24):
            target.write(decoder.decode(block).encode("cp1252"))
        target.write(decoder.decode(b"", final=True).encode("cp1252"))
    utf8.unlink()


def read_text(path: Path, columns: list[str] | None = None) -> pa.Table:
    """A file of the submission, every column as text (as curator reads it), or only ``columns``."""
    with path.open("rb") as file:
        header = [name.strip('"') for name in file.readline().decode("cp1252").strip().split(";")]
    return pacsv.read_csv(path, read_options=pacsv.ReadOptions(encoding="cp1252"),
                          parse_options=pacsv.ParseOptions(delimiter=";"),
                          convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in header},
                                                               include_columns=columns))


def floor(folder: Path) -> float:
    started = time.perf_counter()
    for name in TABLES:
        table = read_text(folder / f"{name}.csv")
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
        del table
    return time.perf_counter() - started


def risk_inputs(folder: Path) -> dict[str, pa.Table]:
    """The columns the risk needs, read, with birth year and diagnosis year-month derived as the
    recipe's generalise transforms would."""
    people = read_text(folder / "personnes.csv", ["id_patient", "sexe", "date_naissance", "departement"])
    people = people.append_column("annee_naissance", pc.utf8_slice_codeunits(people["date_naissance"], 0, 4))
    diagnoses = read_text(folder / "diagnostics.csv", ["id_patient", "date_diagnostic"])
    diagnoses = diagnoses.append_column("mois_diagnostic", pc.utf8_slice_codeunits(diagnoses["date_diagnostic"], 0, 7))
    return {"personnes": people.drop_columns(["date_naissance"]), "diagnostics": diagnoses.drop_columns(["date_diagnostic"])}


def pandas_check(tables: dict[str, pa.Table], summary: object) -> float:
    """The same figures by a plain pandas group-by over persons; every number compared."""
    started = time.perf_counter()
    people = tables["personnes"].to_pandas()
    events = tables["diagnostics"].to_pandas().drop_duplicates().sort_values(["id_patient", "mois_diagnostic"])
    months = events.groupby("id_patient")["mois_diagnostic"].agg(tuple)
    everyone = people.set_index("id_patient")
    everyone["months"] = months.reindex(everyone.index)
    everyone["months"] = everyone["months"].apply(lambda v: v if isinstance(v, tuple) else ())
    sizes = everyone.groupby(["sexe", "annee_naissance", "departement", "months"]).size()
    expected = {"records": len(everyone), "classes": len(sizes), "sample_uniques": int((sizes == 1).sum()),
                "smallest_class": int(sizes.min()), "records_below_k": int(sizes[sizes < 5].sum()),
                "classes_below_k": int((sizes < 5).sum())}
    got = {key: getattr(summary, key) for key in expected}
    if got != expected:
        raise SystemExit(f"person-level figures differ from pandas: {got} != {expected}")
    return time.perf_counter() - started


def measure_risk(folder: Path, floor_s: float, check_pandas: bool) -> None:
    """The person-level risk alone, over the key columns already read (and, apart, the person frame)."""
    started = time.perf_counter()
    inputs = risk_inputs(folder)
    read_s = time.perf_counter() - started
    pool_before = pa.total_allocated_bytes()
    started, cpu = time.perf_counter(), time.process_time()
    summary = person_risk(inputs, PERSON_COLUMNS, QUASI, k=5)
    risk_s, risk_cpu = time.perf_counter() - started, time.process_time() - cpu
    load = _load()
    started = time.perf_counter()
    frame = person_frame(inputs, PERSON_COLUMNS, QUASI)
    frame_s = time.perf_counter() - started
    print(f"person-level risk (k = 5 on sex, birth year, département, diagnosis year-months): {risk_s:.2f} s, "
          f"CPU {risk_cpu:.2f} s (target <= 5 s) {'OK' if min(risk_s, risk_cpu) <= 5 else 'MISSED'}; risk / floor "
          f"{risk_s / floor_s:.2f} ({load}); reading its columns first {read_s:.2f} s; the person frame "
          f"(one row per person, sets as lists; not needed by the risk) {frame_s:.2f} s")
    print(f"  {summary.records:,} persons, {summary.classes:,} classes, {summary.sample_uniques:,} sample uniques, "
          f"{summary.records_below_k:,} persons in classes below k, highest risk {summary.highest_risk:.3f}")
    print(f"  Arrow pool: {pool_before / 2**20:,.0f} MiB held by the inputs, peak "
          f"{pa.default_memory_pool().max_memory() / 2**20:,.0f} MiB ({pa.default_memory_pool().backend_name})")
    del frame
    if check_pandas:
        print(f"  pandas group-by over persons: the same figures ({pandas_check(inputs, summary):.1f} s)")


# The submission's recipe: `curator recipe init` of a sample, then the quasi-identifiers named in
# issue 20 (sex, birth year, département, diagnosis year-month) generalised until person-level k = 5
# holds across the tables: birth year in 30-year bands, département to its region, and the set of
# each person's diagnosis dates in decades (the Reach k levels written in the recipe). In five-year
# periods, the few diagnoses of early 2025 (stays that end after 2024) make 71 persons unique.
SAMPLE = {"persons": 20_000, "stays": 100_000, "diagnoses": 200_000}
PERSON_QUASI = {"sexe": None, "date_naissance": "year", "departement": "region"}
LEVELS = {"personnes": {"date_naissance": ("intervals:10,30", 2)},
          "diagnostics": {"date_diagnostic": ("intervals:5,10", 2)}}


def make_recipe(workdir: Path) -> Path:
    """The benchmark recipe, from `curator recipe init` on a sample of the same export (another seed)."""
    from curator.recipe.model import Transform
    from curator.recipe.submission import Submission

    sample = workdir / "sample"
    sample.mkdir()
    for name, table in generate(*SAMPLE.values(), seed=SEED + 1).items():
        write_cp1252(table, sample / f"{name}.csv")
    path = workdir / "linked.recipe.json"
    subprocess.run([sys.executable, "-c", "import sys; from curator.cli import main; sys.exit(main())", "recipe", "init",
                    *(str(sample / f"{name}.csv") for name in TABLES), "-o", str(path)],
                   check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    submission = Submission.load(path)
    export = submission.export
    export.producer_id, export.producer_name, export.dataset_title = "BENCH-0001", "Benchmark", "Linked benchmark"
    for recipe in submission.tables:
        protection = recipe.protection
        quasi = {"personnes": list(PERSON_QUASI), "diagnostics": ["date_diagnostic"]}.get(recipe.name, [])
        for source in quasi:
            decision = recipe.column(source)
            assert decision is not None, source
            to = PERSON_QUASI.get(source) if recipe.name == "personnes" else "year"
            decision.transform = Transform("generalise", {"to": to}) if to else Transform("keep")
        protection.quasi_identifiers = quasi
        protection.generalisation = {c: level for c, (_spec, level) in LEVELS.get(recipe.name, {}).items()}
        protection.hierarchies = {c: spec for c, (spec, _level) in LEVELS.get(recipe.name, {}).items()}
        protection.floors = {}
    submission.save(path)
    return path


def measure_apply(folder: Path, floor_s: float) -> tuple[dict[str, pa.Table], Path]:
    """`curator apply` of the three files (a separate process), its time against the floor, its peak
    memory; then the package's own person-level figures, checked at k = 5 by this process."""
    workdir = folder / "apply"
    workdir.mkdir()
    keys = make_keys(workdir)
    byte_compile()
    recipe = make_recipe(workdir)
    print(f"apply, before: {_load()}")
    seconds, peak, tree_peak, output, cpu = run_apply([folder / f"{name}.csv" for name in TABLES], recipe, keys,
                                                      workdir)
    worst = max(peak, tree_peak)
    across = [line for line in output.splitlines() if line.startswith(("across the tables", "table "))]
    print("\n".join(f"  {line}" for line in across))
    print(f"curator apply of the submission: {seconds:.2f} s (CPU {cpu:.1f} s); apply / floor {seconds / floor_s:.2f} "
          f"(target <= 3) {'OK' if seconds <= 3 * floor_s else 'MISSED'}; peak memory {worst / 2**30:.2f} GiB "
          f"(target <= 1.5 GiB) {'OK' if worst <= 1.5 * 2**30 else 'MISSED'} [apply process {peak / 2**30:.2f} GiB; "
          f"with helper processes, sampled, {tree_peak / 2**30:.2f} GiB] ({_load()})")
    return opened_tables(workdir, keys), recipe


def opened_tables(workdir: Path, keys: dict[str, Path]) -> dict[str, pa.Table]:
    """The package opened as the hub would: each table's data file."""
    opened = workdir / "opened"
    subprocess.run([sys.executable, "-c", "import sys; from curator.cli import main; sys.exit(main())", "open",
                    str(workdir / "personnes.tar"), "--identity", str(workdir / "hub.key"),
                    "--signer", str(workdir / "producer.pub"), "-o", str(opened)],
                   check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    return {name: pq.read_table(next(opened.rglob(f"{name}.parquet"))) for name in TABLES}


def check_package_k(tables: dict[str, pa.Table], recipe: Path) -> None:
    """Person-level k = 5 across the tables as they left (their quasi-identifiers as the package
    names them), counted on the opened package."""
    from curator.protect.transforms import output_name
    from curator.recipe.submission import Submission

    persons: dict[str, str] = {}
    quasi: list[PersonQuasi] = []
    for table in Submission.load(recipe).tables:
        if table.name in tables and table.person_key:
            person = table.column(table.person_key)
            assert person is not None
            persons[table.name] = output_name(person)
            quasi += [PersonQuasi(table.name, output_name(decision), event=table.name != "personnes")
                      for source in table.protection.quasi_identifiers if (decision := table.column(source))]
    summary = person_risk(tables, persons, quasi, k=5)
    print(f"  the opened package, person-level over {', '.join(q.name for q in quasi)}: {summary.records:,} persons, "
          f"{summary.classes:,} classes, smallest {summary.smallest_class}, {summary.records_below_k:,} persons below "
          f"k = 5: {'OK' if summary.smallest_class >= 5 else 'MISSED'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--stays", type=int, default=5_000_000)
    parser.add_argument("--diagnoses", type=int, default=10_000_000)
    parser.add_argument("--check-pandas", action="store_true", help="compare the figures with pandas")
    parser.add_argument("--skip-apply", action="store_true", help="the floor and the risk only")
    parser.add_argument("--skip-risk", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help="the three CSVs of an earlier --keep run, instead of generating")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder (its path is printed)")
    parser.add_argument("--generate-into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    configure()
    if args.generate_into:
        for name, table in generate(args.persons, args.stays, args.diagnoses).items():
            write_cp1252(table, args.generate_into / f"{name}.csv")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="curator-bench-linked-"))
    try:
        started = time.perf_counter()
        if args.data:       # generated before (--keep): copied, the sizes given must be its own
            for name in TABLES:
                shutil.copyfile(args.data / f"{name}.csv", folder / f"{name}.csv")
        else:
            # In a child process, so that this one's peak memory is the floor's and the risk's only.
            subprocess.run([sys.executable, __file__, "--generate-into", str(folder), "--persons", str(args.persons),
                            "--stays", str(args.stays), "--diagnoses", str(args.diagnoses)], check=True)
        sizes = ", ".join(f"{n} {(folder / f'{n}.csv').stat().st_size / 1e6:,.0f} MB" for n in TABLES)
        made = f"copied from {args.data}" if args.data else "generated"
        print(f"{made}: {args.persons:,} persons, {args.stays:,} stays, {args.diagnoses:,} diagnoses "
              f"({sizes}) in {time.perf_counter() - started:.1f} s, in {folder}")

        floor_s = floor(folder)
        print(f"floor (pyarrow read of the three files + zstd Parquet write): {floor_s:.2f} s ({_load()})")

        if not args.skip_risk:
            measure_risk(folder, floor_s, args.check_pandas)

        if not args.skip_apply:
            check_package_k(*measure_apply(folder, floor_s))

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"peak memory of this process (ru_maxrss: the floor, then the risk; generation runs apart): "
              f"{peak / 2**30:.2f} GiB")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
