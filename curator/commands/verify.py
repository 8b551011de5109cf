"""`curator verify PACKAGE --signer PUBKEY [--json]`: exit 0 when valid, 1 when not.

Which submission it is (its id and creation time, as the signature gives them) is printed either
way, so that the hub can refuse a package it has already received.
"""

from __future__ import annotations

import argparse
import json
import sys

from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, EXIT_VERIFY_FAILED, InputError, Location
from curator.package.keys import load_signer
from curator.package.verify import identification, verdict, verify_package
from curator.redact import printable


def run(args: argparse.Namespace) -> int:
    signer = load_signer(args.signer)
    result = verify_package(_existing(args.package), signer,
                            None if args.json else terminal_progress("verifying "))
    if args.json:
        # ASCII only: JSON escapes every other character, so no byte of a name can reach a terminal raw.
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=True, indent=2)
        sys.stdout.write("\n")
    else:
        print(verdict(result))
        for line in identification(result):
            print(f"  {printable(line)}")
        for check in result.checks:
            print(f"  ok: {printable(check)}")
        for problem in result.problems:
            print(f"  PROBLEM: {printable(problem)}")
    return EXIT_OK if result.ok else EXIT_VERIFY_FAILED


def _existing(path: str) -> str:
    from pathlib import Path

    if not Path(path).is_file():
        raise InputError("package not found", Location(file=path), hint="Give the path of the .tar package file.")
    return path
