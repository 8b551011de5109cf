"""`curator keys new-signing | new-recipient | new-secret -o ...`."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.commands._passphrase import read_passphrase
from curator.errors import InputError, Location
from curator.package.keys import new_recipient_key, new_signing_key
from curator.protect.secret import new_secret, read_linkage_secret, write_secret_file


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if args.keys_verb in ("new-signing", "new-recipient"):
        for path in (out.with_name(out.name + ".key"), out.with_name(out.name + ".pub")):
            if path.exists():
                raise InputError("the file exists already; curator never overwrites a key",
                                 Location(file=path), hint="Choose another name or move the old key away.")
        passphrase = None if args.no_passphrase else read_passphrase(
            args.passphrase_file, f"the new {args.keys_verb[4:]} key", confirm=True)
        if args.keys_verb == "new-signing":
            new_signing_key(out, passphrase)
        else:
            new_recipient_key(out, passphrase)
        print(f"wrote {out}.key (secret{'' if passphrase else ', NOT passphrase-protected'}) and {out}.pub (public)")
        return 0


    if out.exists():
        raise InputError("the file exists already; curator never overwrites a secret", Location(file=out),
                         hint="Choose another name or move the old secret away.")
    # The hub's file is opened first: a wrong passphrase for it stops before a new one is chosen.
    secret = read_linkage_secret(Path(args.import_from), lambda: read_passphrase(
        args.import_passphrase_file, "the hub's linkage secret", "--import-passphrase-file",
    )) if args.import_from else new_secret()
    passphrase = read_passphrase(args.passphrase_file, "the pseudonymisation secret", confirm=True)
    write_secret_file(out, secret, passphrase)
    print(f"wrote {out} (256-bit secret, encrypted under your passphrase)")
    return 0
