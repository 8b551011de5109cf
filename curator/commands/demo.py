"""`curator demo -o DIR`: the whole chain on the bundled demo data with throwaway keys."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.demo import run_demo


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    result = run_demo(out)
    print(f"Done. Package: {result.package}\nOpened into: {result.opened}\n"
          f"Check it yourself: curator verify {result.package} --signer {out / 'keys' / 'producer.pub'}")
    return 0
