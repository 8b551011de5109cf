"""Streaming age encryption and decryption (pyrage) with byte counts and SHA-256 taken on the way.

pyrage reads and writes Python file objects in chunks, so memory stays bounded whatever the size.
The wrappers below count and hash what passes, report progress and give the progress callback its
chance to cancel.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

import pyrage

from curator import agepass
from curator.background import Background
from curator.workspace import create_private

AGE_MAGIC = agepass.MAGIC + b"\n"


class Readable(Protocol):
    """What encryption reads from: a file, or one followed as it is written."""

    def read(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class AgeError(Exception):
    """age could not decrypt: wrong key, or a damaged or truncated ciphertext."""


def _run(operation: Callable[[], object], reader: HashingReader, writer: HashingWriter) -> None:
    """Run a pyrage call; re-raise our own callbacks' exceptions as they were, age's as AgeError."""
    try:
        operation()
    except BaseException as exc:
        for own in (reader.error, writer.error):
            if own is not None:
                raise own from None
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise AgeError(str(exc) or type(exc).__name__) from exc


class HashingReader:
    """Reads at most ``limit`` bytes of ``source``, hashing them."""

    def __init__(self, source: Readable, limit: int | None = None,
                 on_bytes: Callable[[int], None] | None = None) -> None:
        self._source = source
        self._left = limit
        self._on_bytes = on_bytes
        self.sha256 = hashlib.sha256()
        self.count = 0
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            return self._read(size)
        except BaseException as exc:
            # pyrage turns an exception raised here into its own error; keep ours (Cancelled, OSError).
            self.error = exc
            raise

    def _read(self, size: int) -> bytes:
        if self._left is not None:
            size = self._left if size is None or size < 0 else min(size, self._left)
        data = self._source.read(size)
        self.sha256.update(data)
        self.count += len(data)
        if self._left is not None:
            self._left -= len(data)
        if self._on_bytes is not None and data:
            self._on_bytes(len(data))
        return data


class HashingWriter:
    def __init__(self, target: BinaryIO) -> None:
        self._target = target
        self.sha256 = hashlib.sha256()
        self.count = 0
        self.error: BaseException | None = None

    def write(self, data: bytes) -> int:
        try:
            self._target.write(data)
        except BaseException as exc:
            self.error = exc
            raise
        self.sha256.update(data)
        self.count += len(data)
        return len(data)

    def flush(self) -> None:
        self._target.flush()


def encrypt_stream(source: Readable, target: BinaryIO, recipients: Sequence[str],
                   on_bytes: Callable[[int], None] | None = None) -> tuple[int, str, int, str]:
    """Encrypt ``source`` to ``target`` for every recipient: (plain size, plain SHA-256, cipher size, cipher SHA-256)."""
    keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    reader = HashingReader(source, on_bytes=on_bytes)
    writer = HashingWriter(target)
    _run(lambda: pyrage.encrypt_io(reader, writer, keys), reader, writer)
    return reader.count, reader.sha256.hexdigest(), writer.count, writer.sha256.hexdigest()


class BackgroundEncryption:
    """A file encrypted to ``target`` on a thread, while the caller prepares the rest of a package.

    A streamed apply starts it on the data file as the file is being written (``reader`` follows
    it): its encryption is then done by the time the
    risk is measured and the reports written. :meth:`result` waits and gives what :func:`encrypt_stream` returns, or raises its error.
    """

    def __init__(self, name: str, source: Path, target: Path, recipients: Sequence[str],
                 reader: Readable | None = None) -> None:
        self.name = name
        self.source = Path(source)
        self.target = Path(target)
        self.recipients = list(recipients)
        self._reader = reader       # read instead of ``source``: a file followed as it is written, say
        self._work = Background(self._run, "curator-encrypt")

    def _run(self) -> tuple[int, str, int, str]:
        source = self._reader if self._reader is not None else open(self.source, "rb")  # noqa: SIM115
        try:
            with create_private(self.target) as target:
                return encrypt_stream(source, target, self.recipients)
        finally:
            source.close()

    def wait(self) -> None:
        """Wait for the thread to end, whatever its outcome (before its folder is removed, say)."""
        self._work.wait()

    def result(self) -> tuple[int, str, int, str]:
        return self._work.result()


def decrypt_stream(source: BinaryIO, size: int, target: BinaryIO, identities: Sequence[pyrage.x25519.Identity],
                   on_bytes: Callable[[int], None] | None = None) -> tuple[str, int, str]:
    """Decrypt ``size`` bytes of ``source`` into ``target``: (cipher SHA-256, plain size, plain SHA-256).

    Raises AgeError when the key does not fit or the ciphertext is damaged or truncated. The
    target may have received plaintext by then: write it to a temporary file, discard it on error.
    """
    reader = HashingReader(source, limit=size, on_bytes=on_bytes)
    writer = HashingWriter(target)
    _run(lambda: pyrage.decrypt_io(reader, writer, list(identities)), reader, writer)
    # pyrage may stop reading before the last byte only if the file had trailing data; read it so
    # the ciphertext digest covers exactly what the manifest describes.
    while reader.read(1 << 16):
        pass
    return reader.sha256.hexdigest(), writer.count, writer.sha256.hexdigest()


def count_x25519_stanzas(head: bytes) -> int | None:
    """How many X25519 recipient stanzas an age header holds, or None when ``head`` is no age header.

    Other stanza types (pyrage adds a random "grease" one) are skipped, as age itself does.
    """
    if not head.startswith(AGE_MAGIC):
        return None
    end = head.find(b"\n---")
    if end < 0:
        return None
    count = 0
    for line in head[len(AGE_MAGIC):end + 1].split(b"\n"):
        if line.startswith(b"-> "):
            fields = line[3:].split(b" ")
            if fields and fields[0] == b"X25519":
                if len(fields) != 2:
                    return None
                count += 1
    return count
