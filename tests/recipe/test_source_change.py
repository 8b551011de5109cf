"""A source file that changes while `apply` reads it (a copy or an export still running) is refused:
exit 2 and nothing written, instead of a package of part of the file (issue 18)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.load import csv_reader, iter_batches, read_file
from curator.load.fingerprint import SourceChanged
from curator.package.keys import load_signing_key
from curator.protect.secret import read_secret_file
from curator.recipe.apply import apply_recipe
from curator.recipe.model import Recipe


def _change(path: Path, how: str) -> None:
    if how == "rewritten":
        # In place, same size, the modification time set back (a sync tool, a copy keeping dates):
        # a digit of the first data row (read by then) changes, nothing that stat shows does.
        status = path.stat()
        data = path.read_bytes()
        at = next(i for i in range(data.index(b"\n"), len(data)) if data[i:i + 1].isdigit())
        with path.open("r+b") as file:
            file.seek(at)
            file.write(b"7" if data[at:at + 1] != b"7" else b"3")
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
        assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns
        return
    if how == "truncated":
        with path.open("r+b") as file:
            file.truncate(path.stat().st_size * 3 // 5)
    else:
        with path.open("ab") as file:
            file.write(path.read_bytes().split(b"\n", 1)[1][:50_000])


class _ChangedAfterFirstRead(io.RawIOBase):
    def __init__(self, path: Path, change: Any) -> None:
        self._file = path.open("rb", buffering=0)
        self._change: Any = change

    def readable(self) -> bool:
        return True

    def tell(self) -> int:       # the read's progress is polled
        return self._file.tell()

    def readinto(self, buffer: Any) -> int:
        count = self._file.readinto(buffer) or 0
        if self._change is not None:
            self._change, change = None, self._change
            change()
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def _apply(keys: dict[str, Path], recipe: Recipe, source: Path, package: Path, progress: Any, stream: bool) -> None:
    secret = read_secret_file(keys["secret"], str(keys["secret_passphrase"]))
    signing = load_signing_key(keys["signing"], str(keys["signing_passphrase"]))
    hub = keys["hub"].read_text(encoding="utf-8").strip()
    apply_recipe(source, recipe, package, [hub], signing, secret, progress=progress, stream=stream, batch_rows=400)


@pytest.mark.parametrize("how", ["truncated", "appended", "rewritten"])
@pytest.mark.parametrize("stream", [True, False], ids=["streamed", "whole-table"])
def test_a_file_changed_during_apply_is_refused_and_nothing_is_written(
        keys: dict[str, Path], demo_recipe: Recipe, demo_csv: Path, tmp_path: Path, how: str, stream: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    source_dir, out_dir = tmp_path / "in", tmp_path / "out"
    source_dir.mkdir()
    out_dir.mkdir()
    source = source_dir / "registre.csv"
    shutil.copyfile(demo_csv, source)
    changed: list[float] = []

    def progress(fraction: float, message: str = "") -> None:
        # A deterministic point inside the read: the streamed apply is writing batches from 0.05 on
        # (the reading thread is then batches ahead, not done: 5,000 rows in batches of 400); the
        # whole-table read reports "Read" once it has parsed the file, before it checks it.
        inside = fraction >= 0.1 if stream else str(message) == "Read"
        if inside and not changed and not (how == "rewritten" and not stream):
            changed.append(fraction)
            _change(source, how)

    if how == "rewritten" and not stream:
        # A content change is looked for in what was parsed: made as the parser reads the file (its
        # first read holds the whole demo file), not after the parse, when the table is already whole.
        def changing_file(path: Path) -> Any:
            return pa.PythonFile(_ChangedAfterFirstRead(path, lambda: (changed.append(0.0), _change(source, how))))

        monkeypatch.setattr(csv_reader, "arrow_file", changing_file)

    package = out_dir / "package.tar"
    with pytest.raises(InputError) as caught:
        _apply(keys, demo_recipe, source, package, progress, stream)
    assert changed, "the file was never changed: the test did not test anything"
    assert isinstance(caught.value, SourceChanged)
    assert caught.value.exit_code == 2
    text = str(caught.value)
    assert "changed while it was being read" in text and "registre.csv" in text
    assert ("same size and modification time, other content" in text) if how == "rewritten" else ("→" in text)
    assert "wait until it is complete" in text.lower()
    assert list(out_dir.iterdir()) == []        # no package, no .part, no work folder


def test_the_size_is_named_before_and_after(tmp_path: Path, demo_csv: Path) -> None:
    source = tmp_path / "registre.csv"
    shutil.copyfile(demo_csv, source)
    size = source.stat().st_size
    calls: list[float] = []

    def progress(fraction: float, message: str = "") -> None:
        if str(message) == "Read" and not calls:
            calls.append(fraction)
            _change(source, "truncated")

    with pytest.raises(SourceChanged) as caught:
        read_file(source, progress=progress)
    assert f"size {size:,} → {size * 3 // 5:,} bytes" in str(caught.value)


def test_batches_of_a_file_appended_to_while_streamed_are_refused(tmp_path: Path, demo_csv: Path) -> None:
    source = tmp_path / "registre.csv"
    shutil.copyfile(demo_csv, source)
    batches = iter_batches(source, None, batch_rows=500)
    next(batches)
    _change(source, "appended")
    with pytest.raises(SourceChanged):
        for _ in batches:
            pass


def test_an_unchanged_file_reads_as_before(tmp_path: Path, demo_csv: Path) -> None:
    source = tmp_path / "registre.csv"
    shutil.copyfile(demo_csv, source)
    assert read_file(source).table.num_rows == 5000
    assert sum(batch.num_rows for batch in iter_batches(source, None, batch_rows=700)) == 5000
