"""`curator verify PACKAGE --signer PUBKEY [--json]`: exit 0 when valid, 1 when not."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, EXIT_VERIFY_FAILED, InputError, Location
from curator.package.keys import load_signer
from curator.package.verify import verdict, verify_package


def run(args: argparse.Namespace) -> int:
    signer = load_signer(args.signer)
    result = verify_package(_existing(args.package), signer,
                            None if args.json else terminal_progress("verifying "))
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(verdict(result))
        for check in result.checks:
            print(f"  ok: {check}")
        for problem in result.problems:
            print(f"  PROBLEM: {problem}")
    return EXIT_OK if result.ok else EXIT_VERIFY_FAILED


def _existing(path: str) -> str:
    if not Path(path).is_file():
        raise InputError("package not found", Location(file=path), hint="Give the path of the .tar package file.")
    return path
