"""Passphrases: from --passphrase-file, or asked on a terminal; never guessed, never logged."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from curator.errors import InputError, Location


def read_passphrase(passphrase_file: str | None, what: str, option: str = "--passphrase-file",
                    confirm: bool = False) -> str:
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read the passphrase file ({exc.strerror})", Location(file=passphrase_file)) from exc
        line = text.splitlines()[0] if text else ""
        if not line:
            raise InputError("the passphrase file is empty", Location(file=passphrase_file),
                             hint="Put the passphrase on its first line.")
        return line
    if not sys.stdin.isatty():
        raise InputError(f"a passphrase is needed for {what}, and there is no terminal to ask on",
                         hint=f"Give it with {option} FILE (the passphrase on the file's first line).")
    first = getpass.getpass(f"Passphrase for {what}: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise InputError("the two passphrases differ")
    return first
