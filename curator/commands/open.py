"""`curator open PACKAGE --identity SECKEY --signer PUBKEY -o DIR [--passphrase-file F] [--ledger FILE]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.commands._passphrase import read_passphrase
from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, InputError, Location
from curator.package.keys import identity_needs_passphrase, load_identity, load_signer
from curator.package.unpack import open_package


def run(args: argparse.Namespace) -> int:
    package = Path(args.package)
    if not package.is_file():
        raise InputError("package not found", Location(file=package), hint="Give the path of the .tar package file.")
    signer = load_signer(args.signer)
    identity_path = Path(args.identity)
    passphrase = None
    if identity_needs_passphrase(identity_path):
        passphrase = read_passphrase(getattr(args, "passphrase_file", None), f"the identity {identity_path}")
    identity = load_identity(identity_path, passphrase)
    ledger = getattr(args, "ledger", None)
    written = open_package(package, identity, signer, Path(args.output), terminal_progress("opening "),
                           ledger=Path(ledger) if ledger else None)
    print(f"the package is authentic, complete and intact; {len(written)} files written to {args.output}:")
    for path in written:
        print(f"  {path.name} ({path.stat().st_size:,} bytes)")
    if ledger:
        print(f"recorded in the ledger {ledger}")
    return EXIT_OK
