"""Opening an age passphrase file, importable alone by the hashing helper process.

scrypt, the memory-hard KDF of age's passphrase mode, holds the GIL for about a second in pyrage:
run in the helper process (see :class:`curator.protect.secret.PendingSecret`), it costs the read of
the data nothing.
"""

from __future__ import annotations

import pyrage


def open_passphrase_file(data: bytes, passphrase: str) -> bytes:
    """The plaintext of an age passphrase file; empty when the passphrase is wrong or the file damaged."""
    try:
        return bytes(pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError:
        return b""
