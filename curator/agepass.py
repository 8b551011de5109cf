"""age passphrase files (the scrypt recipient), written with age's reference work factor.

pyrage (rage) picks the scrypt work factor of a file it writes by timing a tiny scrypt run, one
that fits in the processor's cache, and scaling it up to a second. The big run does not fit in
the cache, so the guess is off and it wanders to 2^19 or 2^20: two or four times the time and
memory (up to a whole GiB) every time the file is opened, at every apply (benchmarks/README.md).
The reference implementation (Go, filippo.io/age) writes 2^18 (256 MiB), the strength curator's
minisign keys use too.

So curator writes its passphrase files itself, to the age v1 specification (c2sp.org/age: one
scrypt stanza, the header MAC, the STREAM payload) with the primitives of ``cryptography``.
Reading stays with pyrage, which reads any work factor; pyrage and the stock ``age -d`` read
these files (the tests run both).
"""

from __future__ import annotations

import base64
import os

WORK_FACTOR = 18                # log2 of scrypt's N: 256 MiB with r = 8
MAGIC = b"age-encryption.org/v1"                    # how every binary age file starts
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"  # and an ASCII-armoured one
_ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
_SCRYPT_LABEL = MAGIC + b"/scrypt"
_CHUNK = 64 * 1024
_ARMOR_COLUMNS = 64


def encrypt(plaintext: bytes, passphrase: str, *, armored: bool = False, work_factor: int = WORK_FACTOR) -> bytes:
    """``plaintext`` as an age file that ``passphrase`` opens (ASCII-armored if ``armored``)."""
    # Imported here: reading a secret needs only the constants above, and `curator apply` starts
    # opening its secret before anything heavier is imported, cryptography included.
    from cryptography.hazmat.primitives import hashes, hmac
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=2 ** work_factor, r=8, p=1).derive(passphrase.encode())
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    # The body (32 bytes, 43 characters) is shorter than a 64-column line: one final line.
    header = (MAGIC + b"\n-> scrypt " + _unpadded(salt) + b" %d\n" % work_factor
              + _unpadded(body) + b"\n---")
    mac = hmac.HMAC(_hkdf(file_key, b"", b"header"), hashes.SHA256())
    mac.update(header)
    nonce = os.urandom(16)
    payload = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[start:start + _CHUNK] for start in range(0, len(plaintext), _CHUNK)] or [b""]
    sealed = [payload.encrypt(index.to_bytes(11, "big") + (b"\x01" if index == len(chunks) - 1 else b"\x00"),
                              chunk, None) for index, chunk in enumerate(chunks)]
    data = b"".join([header, b" ", _unpadded(mac.finalize()), b"\n", nonce, *sealed])
    return _armor(data) if armored else data


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes  # imported late, as in encrypt
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _unpadded(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _armor(data: bytes) -> bytes:
    """age's ASCII armor: strict PEM, padded base64 in lines of 64 columns."""
    text = base64.b64encode(data)
    lines = [text[start:start + _ARMOR_COLUMNS] + b"\n" for start in range(0, len(text), _ARMOR_COLUMNS)]
    return b"".join([ARMOR_BEGIN, b"\n", *lines, _ARMOR_END, b"\n"])
