"""The pseudonymisation secret: made here, kept only encrypted under a passphrase.

The file is an age file in passphrase mode (scrypt, memory-hard), so the stock ``age -d`` opens
it too. Its plaintext is the 32 secret bytes. A linkage secret handed out by the hub is accepted
in the same container, and its plaintext may also be the 32 bytes written as 64 hexadecimal
digits or as base64 — the forms a secret takes when it is passed around as text.

The secret is never written in clear: not to disk, not to a log, not to a recipe or a package.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

from curator import agepass
from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.protect._kdf import open_passphrase_file
from curator.workspace import write_atomic

SECRET_BYTES = 32


def new_secret() -> bytes:
    """A fresh 256-bit secret from the operating system's random source."""
    return secrets.token_bytes(SECRET_BYTES)


def write_secret_file(path: str | Path, secret: bytes, passphrase: str, *, overwrite: bool = False) -> None:
    """Encrypt ``secret`` under ``passphrase`` into ``path`` (written as ``path.part``, then renamed).

    An existing file is not replaced unless ``overwrite`` is set: losing a secret breaks the link
    between this year's pseudonyms and next year's, for good.
    """
    path = Path(path)
    _check_secret(secret, path)
    if not passphrase:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the passphrase for the pseudonymisation secret is empty")), Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose a passphrase; it is needed every time data are pseudonymised.")))
    if path.exists() and not overwrite:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a secret file already exists here and would be replaced")), Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose another file name; replacing a secret makes the old pseudonyms "
                                   "unlinkable.")))
    ciphertext = agepass.encrypt(bytes(secret), passphrase)
    try:
        write_atomic(path, ciphertext, overwrite=overwrite)
    except OSError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot write the secret file ({reason})"), reason=exc.strerror), Location(file=path)) from exc


def _encrypted_secret(path: Path) -> bytes:
    """The bytes of a secret file, once they look like one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot read the secret file ({reason})"), reason=exc.strerror), Location(file=path)) from exc
    if not (data.startswith(agepass.MAGIC) or data.lstrip().startswith(agepass.ARMOR_BEGIN)):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "this file is not an encrypted pseudonymisation secret")), Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the secret file made by 'curator keys new-secret' or the one issued by "
                                   "the hub.")))
    return data


def _opened(plaintext: bytes, path: Path) -> bytes:
    if not plaintext:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "wrong passphrase for the pseudonymisation secret, or the file is damaged")),
                         Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Type the passphrase chosen when the secret was made (or given with it by the "
                                   "hub).")))
    return _decode_plaintext(plaintext, path)


def read_secret_file(path: str | Path, passphrase: str) -> bytes:
    """Decrypt a secret file written by :func:`write_secret_file` or issued by the hub."""
    path = Path(path)
    return _opened(open_passphrase_file(_encrypted_secret(path), passphrase), path)


class PendingSecret:
    """A secret file being decrypted in the hashing helper process while the data is read.

    age's scrypt holds the GIL for about a second; a headless apply needs the secret only when the
    first batch is protected, so the file is checked here and opened over there in the meantime.
    :func:`resolve_secret` waits for it (and raises what :func:`read_secret_file` would). The
    passphrase and the secret cross to the helper through the pipe multiprocessing keeps between
    the two processes, as the secret already does for hashing; neither is ever written anywhere.
    """

    def __init__(self, path: str | Path, passphrase: str) -> None:
        from curator.protect import _pool  # multiprocessing only once a secret file is opened

        self._path = Path(path)
        self._data = _encrypted_secret(self._path)
        self._passphrase: str | None = passphrase
        self._future = _pool.submit_call(open_passphrase_file, self._data, passphrase)
        self._secret: bytes | None = None
        self._lock = threading.Lock()   # a reading thread may wait for it too (see recipe.stream)

    def secret(self) -> bytes:
        with self._lock:
            return self._resolved()

    def _resolved(self) -> bytes:
        if self._secret is None:
            from curator.protect import _pool  # multiprocessing only once a secret file is opened

            plaintext = _pool.result_or_none(self._future) if self._future is not None else None
            if plaintext is None and self._passphrase is not None:
                # No helper, or it failed: decrypt here.
                plaintext = open_passphrase_file(self._data, self._passphrase)
            self._passphrase = None
            self._secret = _opened(plaintext or b"", self._path)
        return self._secret


def resolve_secret(secret: bytes | PendingSecret | None) -> bytes | None:
    """The secret's bytes, waiting for a :class:`PendingSecret`."""
    return secret.secret() if isinstance(secret, PendingSecret) else secret


def read_linkage_secret(path: str | Path, passphrase: str | Callable[[], str] | None = None) -> bytes:
    """A linkage secret handed out by the hub: an age passphrase file (needs ``passphrase``), or a
    file holding the 32 bytes raw, as 64 hexadecimal digits, or as base64.

    ``passphrase`` may be a function that asks for it: it is called only if the file is encrypted,
    so nobody is asked for a passphrase that a plain file does not need.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot read the linkage secret ({reason})"), reason=exc.strerror), Location(file=path)) from exc
    if data.startswith(agepass.MAGIC) or data.lstrip().startswith(agepass.ARMOR_BEGIN):
        if passphrase is None:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the linkage secret is encrypted and no passphrase was given for it")),
                             Location(file=path), hint=Text(QT_TRANSLATE_NOOP("core", "Give the passphrase the hub sent with the secret.")))
        return read_secret_file(path, passphrase() if callable(passphrase) else passphrase)
    return _decode_plaintext(data, path)


def import_secret(source: str | Path, destination: str | Path, passphrase: str,
                  source_passphrase: str | None = None) -> bytes:
    """Store a hub-issued linkage secret as this workstation's secret file, under ``passphrase``.

    ``source`` is read by :func:`read_linkage_secret`; an encrypted one is opened with
    ``source_passphrase`` (or ``passphrase`` when that is not given). Returns the secret.
    """
    secret = read_linkage_secret(source, source_passphrase if source_passphrase is not None else passphrase)
    write_secret_file(destination, secret, passphrase)
    return secret


def secret_fingerprint(secret: bytes) -> str:
    """A short public fingerprint to tell two secrets apart without revealing either."""
    return hashlib.sha256(b"curator secret fingerprint\x00" + secret).hexdigest()[:16]


def _decode_plaintext(plaintext: bytes, path: Path) -> bytes:
    if len(plaintext) == SECRET_BYTES:
        return plaintext
    text = plaintext.strip()
    if len(text) == 2 * SECRET_BYTES:
        try:
            return binascii.unhexlify(text)
        except binascii.Error:
            pass
    try:
        decoded = base64.b64decode(text, validate=True)
    except binascii.Error:
        decoded = b""
    if len(decoded) == SECRET_BYTES:
        return decoded
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "the secret in this file is not {count} bytes (256 bits)"), count=SECRET_BYTES),
                     Location(file=path),
                     hint=Text(QT_TRANSLATE_NOOP("core", "Ask the hub for the linkage secret again, or make a new one with 'curator keys "
                               "new-secret'.")))


def _check_secret(secret: bytes, path: Path) -> None:
    if not isinstance(secret, bytes | bytearray) or len(secret) != SECRET_BYTES:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a pseudonymisation secret must be {count} bytes"),
                              count=SECRET_BYTES), Location(file=path))
