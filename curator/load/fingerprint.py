"""The source fingerprint: SHA-256 streamed from the file, computed beside the read or during it."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.background import Background
from curator.errors import InputError, shown
from curator.messages import QT_TRANSLATE_NOOP, Text

CHUNK_BYTES = 4 * 1024 * 1024


class SourceChanged(InputError):
    """The source file changed while it was being read: what was read is not one version of it."""


# A file whose status changed this little before a read started may be written again within the
# same tick of its file system's clock (FAT counts in 2 s) without its change time moving: such a
# file has its content hashed again at the end of the read.
RACY_SECONDS = 5


@dataclass(frozen=True)
class FileState:
    """What shows that a file changed: any write moves its size or modification time, a replaced
    file has another inode. Taken before a read and compared after it (:func:`ensure_unchanged`).

    Also kept, not compared: the status change time (``st_ctime``), which on Linux and macOS any
    write moves, and which no program can set back, as a sync tool or a copy keeping dates sets the
    modification time back; and when the state was taken."""

    size: int
    mtime_ns: int
    inode: int
    device: int
    ctime_ns: int = field(default=0, compare=False)
    taken_ns: int = field(default=0, compare=False)

    @classmethod
    def of(cls, path: str | Path) -> FileState:
        taken = time.time_ns()
        status = os.stat(path)
        return cls(status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev, status.st_ctime_ns, taken)

    def unwritten_since(self, before: FileState) -> bool:
        """Whether the file cannot have been written between ``before`` and this state: its status
        change time did not move, and had not moved within ``RACY_SECONDS`` of ``before`` (git trusts
        the change time the same way, racy entries apart). Never on Windows, where ``st_ctime`` is the
        creation time."""
        return (os.name != "nt" and before.ctime_ns > 0 and self.ctime_ns == before.ctime_ns
                and before.ctime_ns < before.taken_ns - RACY_SECONDS * 1_000_000_000)


def ensure_unchanged(path: str | Path, before: FileState, sha256: str | None = None) -> None:
    """Raise :class:`SourceChanged` unless ``path`` is as it was when ``before`` was taken and, given
    ``sha256`` (the fingerprint of what was read), its content still has that fingerprint.

    A program that rewrites a file in place and sets its modification time back (a sync tool, a
    copy keeping dates) leaves size, date and inode as they were, not its status change time: when
    that did not move either (:meth:`FileState.unwritten_since`), nothing was written to the file
    since the read started, and its content is what was read. Otherwise (or on Windows) the content
    is hashed again here. The fingerprint was taken from the start of the read, ahead of the parser
    (or of the very bytes it parsed, for a streamed CSV); a write in the part the parser had read
    changes that part in the file as it is now, so the two fingerprints differ whenever what was
    parsed is not the file as it stands."""
    try:
        now: FileState | None = FileState.of(path)
    except OSError:
        now = None
    if now is not None and now == before:
        if sha256 is None or now.unwritten_since(before) or _sha256_now(Path(path)) == sha256:
            return
        raise SourceChanged(Text(QT_TRANSLATE_NOOP("core", "{file} changed while it was being read (same size and "
                                                           "modification time, other content): another program is "
                                                           "probably writing to it"), file=shown(path)),
                            hint=_WAIT)
    after = Text(QT_TRANSLATE_NOOP("core", "gone")) if now is None else f"{now.size:,}"
    raise SourceChanged(Text(QT_TRANSLATE_NOOP("core", "{file} changed while it was being read (size {before:,} → "
                                                       "{after} bytes): it is probably still being copied or "
                                                       "exported"),
                             file=shown(path), before=before.size, after=after),
                        hint=_WAIT)


_WAIT = Text(QT_TRANSLATE_NOOP("core", "Wait until it is complete and try again; nothing was written."))


def _sha256_now(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def arrow_file(path: Path) -> Any:
    """``path`` opened for pyarrow: natively, or through Python when its name is not UTF-8, which
    pyarrow cannot encode (a file copied from an old Windows share: ``caf\xe9.csv``)."""
    try:
        os.fsdecode(path).encode("utf-8")
    except UnicodeEncodeError:
        return pa.PythonFile(open(path, "rb"), mode="r")  # noqa: SIM115 - closed with the pyarrow file
    return pa.OSFile(str(path), "rb")


class BackgroundDigest:
    """Hash a file on a thread while the reader parses it (hashlib releases the GIL on big updates)."""

    def __init__(self, path: Path) -> None:
        self._work = Background(lambda: sha256_file(path), "curator-sha256")

    def result(self) -> str:
        return self._work.result()


class DigestingFile:
    """A file opened for reading whose every byte read goes into ``digest`` as well.

    Handed to pyarrow's streaming CSV reader, which reads the whole file in order: the fingerprint
    is then taken on the way, without a second read of the file on another thread (CPU that a
    headless apply's start-up, busy opening the secret, can use).
    """

    def __init__(self, path: Path, digest: Any) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close(), as pyarrow does
        self._digest = digest

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._digest.update(data)
        return data

    def tell(self) -> int:
        return self._file.tell()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False

    def close(self) -> None:
        self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed
