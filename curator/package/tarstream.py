"""The package's container: a plain, uncompressed ustar archive, written and read strictly.

Headers come from the standard library's ``TarInfo.tobuf`` with every field fixed except name,
size and time, so the reader can rebuild each header from what it parsed and demand the very same
512 bytes: a changed byte anywhere in a header, in the padding or in the end blocks is reported,
where an ordinary tar reader would shrug it off or stop early without saying so.
"""

from __future__ import annotations

import errno
import os
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from curator.redact import printable

BLOCK = tarfile.BLOCKSIZE
RECORD = tarfile.RECORDSIZE
_END = b"\0" * (2 * BLOCK)


class TarLayoutError(Exception):
    """The archive is not laid out as curator writes it; the message says where."""


def header(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o644
    info.type = tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="utf-8", errors="strict")


def padding(size: int) -> int:
    return -size % BLOCK


class TarWriter:
    """Appends members to an open binary file; ``close`` writes the end blocks and record padding."""

    def __init__(self, out: BinaryIO, mtime: int) -> None:
        self._out = out
        self._mtime = mtime
        self._written = 0

    def add_bytes(self, name: str, data: bytes) -> None:
        self._write(header(name, len(data), self._mtime))
        self._write(data + b"\0" * padding(len(data)))

    def add_stream(self, name: str, source: BinaryIO, size: int, on_chunk: Callable[[int], None] | None = None,
                   chunk: int = 1 << 20) -> None:
        self._write(header(name, size, self._mtime))
        left = size
        kernel = _KernelCopy.between(source, self._out)
        while left:
            count = kernel.copy(min(KERNEL_STEP, left)) if kernel is not None else 0
            if count:
                self._written += count
            else:
                if kernel is not None:
                    kernel.close()
                    kernel = None
                data = source.read(min(chunk, left))
                if not data:
                    raise OSError(f"{name}: the source ended {left} bytes early")
                self._write(data)
                count = len(data)
            left -= count
            if on_chunk is not None:
                on_chunk(count)
        if kernel is not None:
            kernel.close()
        self._write(b"\0" * padding(size))

    def close(self) -> None:
        self._write(_END)
        self._write(b"\0" * (-self._written % RECORD))

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._written += len(data)


KERNEL_STEP = 1 << 26       # bytes per copy_file_range call: progress (and Cancel) between calls

# The kernel cannot copy between these two files (another file system, an old kernel, a pipe):
# read and write instead.
_NO_KERNEL_COPY = frozenset({errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF, errno.ESPIPE,
                             errno.ENOTSUP, errno.EPERM})


class _KernelCopy:
    """Copies a regular file's bytes into another inside the kernel (``copy_file_range``): no pass
    through this process's memory, a shared extent on file systems that can share them.

    Both files are left where a read and a write would have left them (explicit offsets, the file
    objects moved with ``seek`` at the end), so copying may go on by reading and writing.
    """

    def __init__(self, source: BinaryIO, out: BinaryIO) -> None:
        self._source, self._out = source, out
        out.flush()
        self._source_fd, self._out_fd = source.fileno(), out.fileno()
        self._source_at, self._out_at = source.tell(), out.tell()
        self._copied = 0

    @classmethod
    def between(cls, source: BinaryIO, out: BinaryIO) -> _KernelCopy | None:
        if not hasattr(os, "copy_file_range"):      # Linux only
            return None
        try:
            return cls(source, out)
        except (AttributeError, OSError, ValueError):   # no file descriptor (a BytesIO), not seekable
            return None

    def copy(self, count: int) -> int:
        """Up to ``count`` bytes copied; 0 at the end of the source or when the kernel will not copy."""
        try:
            done = os.copy_file_range(self._source_fd, self._out_fd, count,
                                      self._source_at + self._copied, self._out_at + self._copied)
        except OSError as exc:
            if self._copied == 0 and exc.errno in _NO_KERNEL_COPY:
                return 0
            raise
        self._copied += done
        return done

    def close(self) -> None:
        self._source.seek(self._source_at + self._copied)
        self._out.seek(self._out_at + self._copied)


@dataclass(frozen=True)
class Entry:
    index: int          # 0-based position in the archive
    name: str
    size: int
    header_offset: int
    data_offset: int


# (field, first byte, end) of the header's numeric fields that curator fills with other than zero.
_NUMBERS = (("size", 124, 136), ("time", 136, 148))


def _parse_header(block: bytes, offset: int, index: int) -> tuple[str, int, int]:
    for what, start, end in _NUMBERS:
        # GNU tar writes numbers too large for octal in base-256, marked by the high bit. A ustar
        # header with 11 octal digits holds any size below 8 GiB; curator writes nothing else.
        if block[start] & 0x80:
            raise TarLayoutError(f"the tar header of entry {index + 1} (byte {offset}) gives its {what} in GNU "
                                 f"base-256 form (bytes {offset + start}-{offset + end - 1}), which curator never "
                                 "writes: it was altered, or made by another tool")
    try:
        info = tarfile.TarInfo.frombuf(block, "utf-8", "strict")
    except tarfile.HeaderError as exc:
        if index == 0:
            raise TarLayoutError(f"this file is not a tar archive, so not a curator package ({exc})") from exc
        raise TarLayoutError(f"the tar header of entry {index + 1} (byte {offset}) is damaged: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise TarLayoutError(f"the tar header of entry {index + 1} (byte {offset}) has a name that is not "
                             "UTF-8") from exc
    return info.name, info.size, int(info.mtime)


def read_entries(source: BinaryIO, total_size: int, max_entries: int | None = None) -> Iterator[Entry]:
    """Walk the archive's headers, seeking over member data; raise TarLayoutError at the first irregularity.

    The caller reads each member's data at ``data_offset`` between iterations (or later); the
    walk itself only reads headers, padding and the end of the archive. With ``max_entries``,
    an archive holding more entries is refused as soon as the one beyond the bound is met.
    """
    offset = 0
    index = 0
    mtime: int | None = None
    if total_size == 0:
        raise TarLayoutError("the file is empty: it is truncated, or not a package at all")
    while True:
        if offset + BLOCK > total_size:
            raise TarLayoutError(f"the package ends at byte {total_size}, inside the archive "
                                 f"(entry {index + 1} or the end marker was expected at byte {offset}): "
                                 "it is truncated")
        source.seek(offset)
        block = source.read(BLOCK)
        if block == b"\0" * BLOCK:
            _check_end(source, offset, total_size)
            return
        if max_entries is not None and index >= max_entries:
            raise TarLayoutError(f"the archive holds more than {max_entries} entries, the most a package may hold; "
                                 f"it was not read beyond entry {index} (byte {offset})")
        name, size, entry_mtime = _parse_header(block, offset, index)
        shown = printable(name)
        try:
            rebuilt = header(name, size, entry_mtime)
        except ValueError:      # a name or number that no ustar header curator writes can hold
            rebuilt = b""
        if block != rebuilt:
            raise TarLayoutError(f"the tar header of entry {index + 1} ('{shown}', byte {offset}) is not in the "
                                 "form curator writes: it was altered")
        if mtime is None:
            mtime = entry_mtime
        elif entry_mtime != mtime:
            raise TarLayoutError(f"the tar header of entry {index + 1} ('{shown}') has another time than the "
                                 "first entry: it was altered")
        data_offset = offset + BLOCK
        end = data_offset + size
        if end > total_size:
            raise TarLayoutError(f"entry {index + 1} ('{shown}') should hold {size} bytes from byte "
                                 f"{data_offset}, but the package ends at byte {total_size}: it is truncated")
        pad = padding(size)
        if end + pad > total_size:
            raise TarLayoutError(f"the package ends at byte {total_size}, inside the padding after entry "
                                 f"{index + 1} ('{shown}'): it is truncated")
        if pad:
            source.seek(end)
            if source.read(pad) != b"\0" * pad:
                raise TarLayoutError(f"the padding after entry {index + 1} ('{shown}', bytes {end}-{end + pad - 1}) "
                                     "is not zeros: it was altered")
        yield Entry(index, name, size, offset, data_offset)
        offset = end + pad
        index += 1


def _check_end(source: BinaryIO, offset: int, total_size: int) -> None:
    """After the last member: two zero blocks, zeros up to the record boundary, nothing else."""
    expected_end = offset + 2 * BLOCK
    expected_end += -expected_end % RECORD
    if total_size < expected_end:
        raise TarLayoutError(f"the end of the archive (from byte {offset}) is cut short at byte {total_size}: "
                             "the package is truncated")
    if total_size > expected_end:
        raise TarLayoutError(f"{total_size - expected_end} bytes follow the end of the archive (byte "
                             f"{expected_end}): something was appended")
    source.seek(offset)
    position = offset
    while position < total_size:
        data = source.read(min(1 << 16, total_size - position))
        if data.strip(b"\0"):
            bad = position + next(i for i, b in enumerate(data) if b)
            raise TarLayoutError(f"byte {bad}, in the end marker of the archive, is not zero: it was altered")
        position += len(data)
