"""Package writing and opening: memory stays bounded whatever the payload's size (issue 7).

  python benchmarks/bench_package.py             # a 2 GiB payload (the issue's size)
  python benchmarks/bench_package.py --mib 200   # a quick run

Target: write_package and open_package each peak under 200 MB of resident memory on a 2 GiB
payload. Each step runs in a fresh interpreter, so its peak RSS (VmHWM, which exec resets) is its own; the
script prints, for each, the time, the throughput and the ratio of peak RSS to payload size and
to the 200 MB budget. Files live under benchmarks/_generated/ (git-ignored) and are removed at
the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_generated" / "package"
BUDGET_MB = 200

_STEP = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    from curator.runtime import configure
    configure()   # as the program does first
    from curator.package.keys import load_identity, load_signer, load_signing_key
    work = Path({work!r})
    start = time.perf_counter()
    if {step!r} == "write":
        from curator.package.build import write_package
        recipient = (work / "hub.pub").read_text().strip()
        write_package(work / "p.tar", [("data.bin", work / "payload.bin")], {{"rows": 0}}, [recipient],
                      load_signing_key(work / "producer.key", None))
    elif {step!r} == "open":
        from curator.package.unpack import open_package
        open_package(work / "p.tar", load_identity(work / "hub.key"), work / "producer.pub", work / "opened")
    else:
        from curator.package.verify import verify_package
        assert verify_package(work / "p.tar", load_signer(work / "producer.pub")).ok
    seconds = time.perf_counter() - start
    print(json.dumps({{"seconds": seconds, "peak_kib": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])}}))
""")


def _baseline_kib() -> int:
    """Peak RSS of an interpreter that only imports curator's package modules: the fixed cost."""
    code = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(REPO)!r})
        from curator.runtime import configure
        configure()
        import curator.package.build, curator.package.unpack, curator.package.verify
        print(json.dumps(int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])))
    """)
    return int(json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                         text=True).stdout))


def _run(step: str) -> dict[str, float]:
    code = _STEP.format(repo=str(REPO), work=str(WORK), step=step)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{step} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mib", type=int, default=2048, help="payload size in MiB (default 2048)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO))
    from curator.package.keys import new_recipient_key, new_signing_key

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    new_recipient_key(WORK / "hub", None)
    new_signing_key(WORK / "producer", None)
    size = args.mib * 1024 * 1024
    block = os.urandom(1 << 20)  # incompressible; the content does not matter for memory
    with open(WORK / "payload.bin", "wb") as handle:
        for index in range(args.mib):
            handle.write(block[index % 7:] + block[:index % 7])
    try:
        baseline = _baseline_kib()
        print(f"payload {args.mib} MiB; interpreter with curator.package imported: {baseline / 1024:.0f} MB peak")
        worst = 0.0
        for step in ("write", "verify", "open"):
            measured = _run(step)
            peak_mb = measured["peak_kib"] / 1024
            worst = max(worst, peak_mb)
            print(f"{step:>6}: {measured['seconds']:6.1f} s, {size / measured['seconds'] / 2**20:6.0f} MiB/s, "
                  f"peak RSS {peak_mb:6.0f} MB = {peak_mb / BUDGET_MB:.2f} x the {BUDGET_MB} MB budget, "
                  f"{peak_mb * 2**20 / size:.3f} x the payload")
        opened = WORK / "opened" / "data.bin"
        same = opened.stat().st_size == size
        print(f"opened payload has the original size: {same}")
        print(f"worst peak {worst:.0f} MB: {'PASS' if worst < BUDGET_MB and same else 'FAIL'} (< {BUDGET_MB} MB)")
        return 0 if worst < BUDGET_MB and same else 1
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
