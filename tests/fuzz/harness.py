"""Coverage-guided fuzzing of curator's inputs with atheris (libFuzzer), one target at a time.

  python tests/fuzz/harness.py TARGET [--seconds S] [--runs N] [--findings DIR] [--corpus DIR]

Targets: csv, xlsx, xls, xlsb, ods, parquet, feather, sas7bdat, xpt, dta, sav (each through
``curator.load.read_file``, what ``curator inspect`` calls: binary formats are read in the guarded
child process; a CSV, read in this process, is profiled and identified too, as inspect does), tar (``verify_package``: the tar walk, the manifest, the signature), manifest
(``parse_manifest``) and recipe (``Recipe.load``). The seeds are ``tests/fuzz/seeds/TARGET/``.

Every input must end in a result or a ``CuratorError``. Anything else is a finding, saved under
``--findings`` (default ``fuzz-findings/TARGET/``) with what happened, and the run goes on:
  traceback   another exception escaped (in this process, or the reader child's catch-all);
  signal      the reader child died by a signal (handled: exit 2, but the reader has a bug);
  memory      the reader child went over its memory limit;
  time        the reader child went over its time limit.
A crash of this process itself (a native crash in the CSV reader, which runs in-process) stops
libFuzzer, which writes the input as ``crash-*`` in the findings folder.
After a binary input was read cleanly by the child, it is read again in this process, so that
libFuzzer's coverage sees curator's own Python code too. ``stats.json`` in the findings folder
counts inputs and findings, refreshed every second (libFuzzer ends the process without Python's exit
handlers: the last second is missing from it; its own final count is in the log).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import atheris

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "xls": ".xls", "xlsb": ".xlsb", "ods": ".ods", "parquet": ".parquet",
            "feather": ".feather", "sas7bdat": ".sas7bdat", "xpt": ".xpt", "dta": ".dta", "sav": ".sav",
            "tar": ".tar", "manifest": ".json", "recipe": ".json"}
READERS = [name for name in SUFFIXES if name not in ("tar", "manifest", "recipe")]
# Small limits, so that a blow-up or a loop is found in seconds rather than minutes: the product's own
# memory limit for the input (what a user's read gets) when it is lower.
MEMORY_LIMIT = 1024**3
SECONDS_LIMIT = 10.0

# Not instrumented here but in main(): the reader processes' forkserver imports this module as the
# main one, and instrumented code outside libFuzzer runs many times slower.
from curator.errors import CuratorError  # noqa: E402
from curator.identify import identify_table  # noqa: E402
from curator.load import guarded, read_file  # noqa: E402
from curator.load.columnar import read_columnar  # noqa: E402
from curator.load.sheets import read_workbook  # noqa: E402
from curator.load.statistical import read_statistical  # noqa: E402
from curator.package.manifest import parse_manifest  # noqa: E402
from curator.package.verify import verify_package  # noqa: E402
from curator.profile import profile_table  # noqa: E402
from curator.recipe.model import Recipe  # noqa: E402
from curator.source import ReadOptions  # noqa: E402


def _instrument_curator() -> None:
    """Instrument curator's own functions in place (they are already imported); the libraries' Python
    code is left alone (instrumenting everything takes minutes)."""
    import inspect

    for name, module in list(sys.modules.items()):
        if not (name == "curator" or name.startswith("curator.")) or module is None:
            continue
        for value in list(vars(module).values()):
            if inspect.isfunction(value) and value.__module__ == name:
                atheris.instrument_func(value)
            elif inspect.isclass(value) and value.__module__ == name:
                for member in list(vars(value).values()):
                    function = getattr(member, "__func__", member)
                    if inspect.isfunction(function):
                        atheris.instrument_func(function)


class Fuzzer:
    def __init__(self, target: str, findings: Path) -> None:
        self.target = target
        self.findings = findings
        self.folder = Path(tempfile.mkdtemp(prefix=f"curator-fuzz-{target}-"))
        self.path = self.folder / f"input{SUFFIXES[target]}"
        self.counts: Counter[str] = Counter()
        self.started = time.monotonic()
        self.written = 0.0

    def __call__(self, data: bytes) -> None:
        self.counts["inputs"] += 1
        self.path.write_bytes(data)
        before = Counter(guarded.failures)
        try:
            self._run()
            self.counts["ok"] += 1
        except CuratorError:
            self.counts["refused"] += 1
        except Exception:  # noqa: BLE001 - what the fuzzer looks for
            self._finding("traceback", data, traceback.format_exc())
        for cause, count in (Counter(guarded.failures) - before).items():
            kind = cause.split(":")[0]
            self._finding("traceback" if kind == "failed" else kind, data, cause, count)
        if time.monotonic() - self.written > 1:
            self.write_stats()

    def _run(self) -> None:
        if self.target in READERS:
            memory = guarded.default_limits(self.path.stat().st_size, self.target).memory_bytes or MEMORY_LIMIT
            with guarded.limited(guarded.Limits(memory_bytes=min(memory, MEMORY_LIMIT), seconds=SECONDS_LIMIT)):
                failures = sum(guarded.failures.values())
                try:
                    loaded = read_file(self.path)
                finally:
                    clean = sum(guarded.failures.values()) == failures
                if self.target == "csv":
                    # The rest of what `curator inspect` does with a table: text read in-process goes
                    # straight on to the profile and the identification.
                    profile_table(loaded.table)
                    identify_table(loaded.table)
                elif clean:
                    self._replay()
        elif self.target == "tar":
            verify_package(self.path, SEEDS / "tar.pub")
        elif self.target == "manifest":
            parse_manifest(self.path.read_bytes())
        else:
            Recipe.load(self.path)

    def _replay(self) -> None:
        """The same read in this process (the child survived it), for coverage."""
        fmt = self.target
        if fmt in ("xlsx", "xls", "xlsb", "ods"):
            read_workbook(self.path, fmt, ReadOptions())
        elif fmt in ("parquet", "feather"):
            read_columnar(self.path, fmt)
        else:
            read_statistical(self.path, fmt)

    def _finding(self, kind: str, data: bytes, detail: str, count: int = 1) -> None:
        self.counts[kind] += count
        folder = self.findings / kind
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1(data).hexdigest()[:16] + SUFFIXES[self.target]
        if not (folder / name).exists():
            (folder / name).write_bytes(data)
            (folder / (name + ".txt")).write_text(detail, encoding="utf-8")

    def write_stats(self) -> None:
        self.written = time.monotonic()
        elapsed = self.written - self.started
        stats: dict[str, Any] = {"target": self.target, "seconds": round(elapsed, 1),
                                 "per_second": round(self.counts["inputs"] / max(elapsed, 1e-9), 1),
                                 **self.counts, "causes": dict(guarded.failures)}
        self.findings.mkdir(parents=True, exist_ok=True)
        (self.findings / "stats.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")


def main() -> None:
    # No -h: libFuzzer options such as -handle_segv=0 start with it.
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     add_help=False, allow_abbrev=False)
    parser.add_argument("target", choices=sorted(SUFFIXES))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--runs", type=int, default=-1)
    parser.add_argument("--findings", type=Path)
    parser.add_argument("--corpus", type=Path, help="a folder libFuzzer adds interesting inputs to")
    args, rest = parser.parse_known_args()
    guarded.warm_up()   # before instrumenting: the reader processes run plain code
    _instrument_curator()
    findings = (args.findings or Path("fuzz-findings")) / args.target
    findings.mkdir(parents=True, exist_ok=True)
    fuzzer = Fuzzer(args.target, findings)
    folders = [str(SEEDS / args.target)]
    if args.corpus:
        args.corpus.mkdir(parents=True, exist_ok=True)
        folders.insert(0, str(args.corpus))
    libfuzzer = [sys.argv[0], f"-max_total_time={args.seconds}", f"-runs={args.runs}", "-max_len=65536",
                 f"-timeout={int(SECONDS_LIMIT * 3)}", "-rss_limit_mb=4096", f"-artifact_prefix={findings}/",
                 "-print_final_stats=1", *rest, *folders]
    atheris.Setup(libfuzzer, fuzzer)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
