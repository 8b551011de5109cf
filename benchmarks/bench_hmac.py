"""CPU per pseudonym: the compiled HMAC-SHA-256 (OpenSSL, curator/protect/_hmac_native.c) against the
Python loop it replaces, in one run:

    .venv/bin/python benchmarks/bench_hmac.py [--values 1000000] [--repeat 3]

- the hashing alone: ns of CPU per 13-byte value (a NIR once normalised), raw digests, hex digits;
- ``pseudonymise`` of that many distinct NIRs, whole (normalisation, hashing, tokens): with the module,
  and with the Python loop in this process alone (helper process off, so that all its CPU is counted).

Every figure is the best of ``--repeat``, in CPU seconds of this process (both hashing threads
included); the load average is printed, since a busy machine inflates CPU time too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curator.protect import _hmac_core, _pool  # noqa: E402
from curator.protect.pseudonym import pseudonymise  # noqa: E402


def best_cpu(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    native = _hmac_core.native
    if native is None:
        print("the compiled module is not built (setup.py): nothing to compare")
        return 1
    key = os.urandom(32)
    texts = [f"1{n:012d}" for n in range(args.values)]
    values = [t.encode() for t in texts]
    packed = pa.array(values, pa.binary())
    _, offsets, data = packed.buffers()
    per_value = 1e9 / args.values
    rows = {
        "native, digests": best_cpu(lambda: native(key, data, offsets, 4), args.repeat),
        "native, hex digits": best_cpu(lambda: native(key, data, offsets, 4, hex=True), args.repeat),
        "Python loop, digests": best_cpu(lambda: _hmac_core.digests(key, values), args.repeat),
    }
    nirs = pa.array(texts)
    rows["pseudonymise, native"] = best_cpu(lambda: pseudonymise(nirs, key, "nir"), args.repeat)
    _hmac_core.native, _pool._disabled = None, True
    try:
        rows["pseudonymise, Python loop"] = best_cpu(lambda: pseudonymise(nirs, key, "nir"), args.repeat)
    finally:
        _hmac_core.native, _pool._disabled = native, False
    for name, seconds in rows.items():
        print(f"{name:28} {seconds * per_value:7.0f} ns of CPU per value ({seconds:.3f} s for {args.values:,})")
    one, five, _ = os.getloadavg()
    print(f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPU(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
