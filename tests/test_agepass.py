"""age passphrase files written by curator: read by pyrage (the stock `age -d` reads them in
tests/protect/test_secret.py and tests/package/test_interop.py), with age's reference work factor."""

from __future__ import annotations

import os
import re

import pyrage
import pytest

from curator import agepass
from curator.package.keys import load_identity, new_recipient_key
from curator.protect.secret import new_secret, read_secret_file, write_secret_file

CHUNK = 64 * 1024


@pytest.mark.parametrize("armored", [False, True])
@pytest.mark.parametrize("size", [0, 1, 32, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 7])
def test_pyrage_opens_every_size_across_payload_chunks(size: int, armored: bool) -> None:
    plaintext = os.urandom(size)
    sealed = agepass.encrypt(plaintext, "mot de passe é", armored=armored, work_factor=10)
    assert bytes(pyrage.passphrase.decrypt(sealed, "mot de passe é")) == plaintext
    with pytest.raises(pyrage.DecryptError):
        pyrage.passphrase.decrypt(sealed, "mot de passe e")


def test_a_changed_header_or_payload_byte_is_refused() -> None:
    sealed = agepass.encrypt(b"x" * 100, "pw", work_factor=10)
    header_end = sealed.index(b"\n---") + 1
    for position in (len(b"age-encryption.org/v1\n-> scrypt "), header_end + 2, len(sealed) - 1):
        damaged = bytearray(sealed)
        damaged[position] ^= 0x01
        with pytest.raises(pyrage.DecryptError):
            pyrage.passphrase.decrypt(bytes(damaged), "pw")


def test_the_layout_is_ages_scrypt_stanza_and_armor() -> None:
    sealed = agepass.encrypt(b"secret", "pw", work_factor=10)
    header = sealed[:sealed.index(b"\n---") + 4].decode()
    assert re.fullmatch(r"age-encryption\.org/v1\n-> scrypt [A-Za-z0-9+/]{22} 10\n[A-Za-z0-9+/]{43}\n---", header)
    armored = agepass.encrypt(b"secret", "pw", armored=True, work_factor=10).decode()
    lines = armored.splitlines()
    assert lines[0] == "-----BEGIN AGE ENCRYPTED FILE-----" and lines[-1] == "-----END AGE ENCRYPTED FILE-----"
    assert all(len(line) == 64 for line in lines[1:-2]) and 0 < len(lines[-2]) <= 64
    assert armored.endswith("\n")


def _work_factor(data: bytes) -> int:
    match = re.search(rb"-> scrypt \S+ (\d+)\n", data)
    assert match is not None
    return int(match.group(1))


@pytest.mark.slow
def test_secret_files_and_protected_identities_use_the_reference_work_factor(tmp_path) -> None:
    """pyrage's own choice wanders (2^19 or 2^20 on one machine: 512 MiB or 1 GiB to open each time)."""
    secret = new_secret()
    # curator's writer sets the factor itself, so one file shows it (pyrage's choice varied by file).
    write_secret_file(tmp_path / "a.secret", secret, "pw")
    assert _work_factor((tmp_path / "a.secret").read_bytes()) == agepass.WORK_FACTOR == 18
    assert read_secret_file(tmp_path / "a.secret", "pw") == secret
    key_path, public_path = new_recipient_key(tmp_path / "hub", "pw")
    data = key_path.read_bytes()
    assert data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert _work_factor(_dearmored(data)) == 18
    assert str(load_identity(key_path, "pw").to_public()) == public_path.read_text().strip()


def _dearmored(data: bytes) -> bytes:
    import base64

    return base64.b64decode(b"".join(data.splitlines()[1:-1]))
