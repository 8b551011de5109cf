"""The end-of-read content check hashes the file again only when its status change time says it may
have been written since the read started: a rewrite in place that sets the modification time back
is still caught, an untouched file is not read a third time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.load import fingerprint, read_file
from curator.load.fingerprint import SourceChanged

ROWS = "id;nom;code_postal\n" + "".join(f"{i:05d};Hélène;{75000 + i % 20:05d}\n" for i in range(2_000))


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files hashed, in order; and a file counts as long untouched once a read starts (instead of
    waiting RACY_SECONDS in the test)."""
    monkeypatch.setattr(fingerprint, "RACY_SECONDS", 0)
    hashed: list[Path] = []
    real = fingerprint.sha256_file

    def counted(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(fingerprint, "sha256_file", counted)
    return hashed


def test_an_untouched_file_is_hashed_once(tmp_path: Path, hashes: list[Path]) -> None:
    path = tmp_path / "registre.csv"
    path.write_text(ROWS, encoding="utf-8")
    assert read_file(path).table.num_rows == 2_000
    assert hashes == [path]          # the fingerprint, taken beside the parse; no second pass


@pytest.mark.skipif(os.name == "nt", reason="st_ctime is the creation time on Windows: always hashed again there")
def test_a_rewrite_setting_the_modification_time_back_is_still_caught(tmp_path: Path, hashes: list[Path]) -> None:
    path = tmp_path / "registre.csv"
    path.write_text(ROWS, encoding="utf-8")

    def progress(fraction: float, message: str = "") -> None:
        # Once the file is parsed ("Read"): what was read is no longer the file as it stands.
        if str(message) == "Read" and len(hashes) == 1:
            status = path.stat()
            data = path.read_bytes()
            path.write_bytes(data.replace(b"75001", b"75002", 1))
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
            assert (path.stat().st_size, path.stat().st_mtime_ns) == (status.st_size, status.st_mtime_ns)

    with pytest.raises(SourceChanged, match="same size and modification time, other content"):
        read_file(path, progress=progress)
    assert hashes == [path, path]    # the change time moved: the content was hashed again
