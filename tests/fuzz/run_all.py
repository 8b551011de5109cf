"""Fuzz every target for a bounded time, one after the other (what CI runs), and sum up.

  python tests/fuzz/run_all.py --seconds 10            # CI: about 3 minutes in all
  python tests/fuzz/run_all.py --seconds 3600 --findings fuzz-findings xls ods    # a long run
  python tests/fuzz/run_all.py --inputs 100000 --findings fuzz-findings sav        # a run of a given size

Fails (exit 1) when a target let an exception other than a ``CuratorError`` escape (a traceback a
user would see) or crashed the fuzzing process itself. A reader process that died by a signal,
went over its memory or time limit is counted and listed but accepted: the guard turned it into
a clean error, which is what a user gets (the library's bug is then for its maintainers; add the
input to tests/data/fuzz_regressions/ when it shows a new way of failing).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import SUFFIXES  # noqa: E402

HANDLED = ("signal", "memory", "time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", default=sorted(SUFFIXES))
    parser.add_argument("--seconds", type=int, help="per target (default 10, or no limit with --inputs)")
    parser.add_argument("--inputs", type=int, help="per target: stop after this many inputs")
    parser.add_argument("--findings", type=Path, help="default: a temporary folder")
    args = parser.parse_args()
    seconds = args.seconds if args.seconds is not None else (0 if args.inputs else 10)
    bound = ["--seconds", str(seconds)] + (["--runs", str(args.inputs)] if args.inputs else [])
    findings = args.findings or Path(tempfile.mkdtemp(prefix="curator-fuzz-"))
    failed = []
    print(f"{'target':10} {'inputs':>8} {'per s':>7} {'refused':>8} {'ok':>6} {'traceback':>9} "
          f"{'signal':>6} {'memory':>6} {'time':>5} {'seconds':>8}")
    for target in args.targets:
        log = findings / f"{target}.log"
        findings.mkdir(parents=True, exist_ok=True)
        with open(log, "wb") as out:
            code = subprocess.call([sys.executable, str(HERE / "harness.py"), target, *bound,
                                    "--findings", str(findings), "--corpus", str(findings / f"corpus-{target}")],
                                   stdout=out, stderr=subprocess.STDOUT)
        stats_path = findings / target / "stats.json"
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
        # libFuzzer's own count, printed as it ends (stats.json may miss the last second).
        final = re.search(r"stat::number_of_executed_units: (\d+)", log.read_text(errors="replace"))
        if final and stats:
            stats["inputs"] = max(stats.get("inputs", 0), int(final.group(1)))
        crashes = sorted((findings / target).glob("crash-*")) + sorted((findings / target).glob("timeout-*"))
        print(f"{target:10} {stats.get('inputs', 0):>8,} {stats.get('per_second', 0):>7} {stats.get('refused', 0):>8,} "
              f"{stats.get('ok', 0):>6,} {stats.get('traceback', 0):>9} " + " ".join(
                  f"{stats.get(kind, 0):>{len(kind)}}" for kind in HANDLED) + f" {stats.get('seconds', 0):>8}", flush=True)
        if code != 0 or stats.get("traceback") or crashes or not stats:
            failed.append(target)
            print(f"  FAILED: exit code {code}; see {log} and {findings / target}", flush=True)
    if failed:
        print(f"fuzzing found tracebacks or crashes in: {', '.join(failed)}")
        return 1
    print(f"fuzzing: no traceback or crash (findings and corpora in {findings})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
