"""The package's tar writer: a member's ciphertext copied into the archive, by the kernel or by reading."""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path
from typing import BinaryIO

import pytest

from curator.package.tarstream import TarWriter, read_entries

MTIME = 1_700_000_000


class _Unreadable(io.BufferedReader):
    """A real file that refuses to be read through this process: only the kernel may copy it."""

    def read(self, size: int | None = -1, /) -> bytes:
        raise AssertionError("the member was read through the process")


def _archive(out: BinaryIO, member: BinaryIO, size: int, chunks: list[int]) -> None:
    writer = TarWriter(out, MTIME)
    writer.add_bytes("manifest.json", b"{}")
    writer.add_stream("data.parquet.age", member, size, on_chunk=chunks.append, chunk=1 << 16)
    writer.add_bytes("after.txt", b"written after the copied member")
    writer.close()


def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {info.name: archive.extractfile(info).read() for info in archive}  # type: ignore[union-attr]


@pytest.fixture
def member(tmp_path: Path) -> tuple[Path, bytes]:
    data = os.urandom(300_001)      # neither a block nor a chunk long
    path = tmp_path / "member.age"
    path.write_bytes(data)
    return path, data


@pytest.mark.skipif(not hasattr(os, "copy_file_range"), reason="copy_file_range is Linux's")
def test_the_kernel_copies_a_file_member_and_the_archive_goes_on_after_it(tmp_path: Path,
                                                                         member: tuple[Path, bytes]) -> None:
    path, data = member
    package, chunks = tmp_path / "p.tar", []
    with open(package, "wb") as out, _Unreadable(io.FileIO(path)) as source:
        _archive(out, source, len(data), chunks)
        assert source.tell() == len(data)
    assert _members(package) == {"manifest.json": b"{}", "data.parquet.age": data,
                                 "after.txt": b"written after the copied member"}
    assert sum(chunks) == len(data)
    with open(package, "rb") as handle:      # laid out as curator's own reader demands, to the last byte
        assert [e.name for e in read_entries(handle, package.stat().st_size)] == list(_members(package))


def test_a_member_without_a_file_is_read_and_written_to_the_same_bytes(tmp_path: Path,
                                                                      member: tuple[Path, bytes]) -> None:
    path, data = member
    copied, read = tmp_path / "copied.tar", io.BytesIO()
    with open(copied, "wb") as out, open(path, "rb") as source:
        _archive(out, source, len(data), [])
    chunks: list[int] = []
    _archive(read, io.BytesIO(data), len(data), chunks)
    assert read.getvalue() == copied.read_bytes()
    assert chunks == [1 << 16] * 4 + [len(data) - 4 * (1 << 16)]


@pytest.mark.parametrize("as_file", [True, False], ids=["file", "bytes"])
def test_a_member_shorter_than_said_is_an_error(tmp_path: Path, member: tuple[Path, bytes], as_file: bool) -> None:
    path, data = member
    with open(tmp_path / "p.tar", "wb") as out, \
            (open(path, "rb") if as_file else io.BytesIO(data)) as source:
        writer = TarWriter(out, MTIME)
        with pytest.raises(OSError, match="data.parquet.age: the source ended 7 bytes early"):
            writer.add_stream("data.parquet.age", source, len(data) + 7)
