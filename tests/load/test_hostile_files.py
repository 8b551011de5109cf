"""Files that are not what their name says, or that the user may not read: a message and exit 2,
never a traceback or a hang (issue 18)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.errors import InputError
from curator.load import read_file

REPO = Path(__file__).resolve().parents[2]
DEMO_CSV = REPO / "resources" / "demo" / "registre_cancer_demo.csv"
NOBODY = 65534


def _curator(*args: str, as_nobody: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "curator", *args]
    if as_nobody:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO)


def _small_csv(path: Path) -> Path:
    lines = DEMO_CSV.read_bytes().splitlines(keepends=True)[:30]
    path.write_bytes(b"".join(lines))
    return path


def test_a_fifo_named_csv_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    # Opening a FIFO for reading waits for a writer: the old reader hung here forever. The timeout
    # turns a hang into a failure instead of a stuck test run.
    result = _curator("inspect", str(fifo), timeout=60)
    assert result.returncode == 2
    assert "named pipe" in result.stderr and "export.csv" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused(device: str) -> None:
    with pytest.raises(InputError, match="character device"):
        read_file(device)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export.csv"
    folder.mkdir()
    with pytest.raises(InputError, match="folder"):
        read_file(folder)


def test_a_file_name_with_a_byte_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"registre_caf\xe9.csv")          # Latin-1 é, as an old Windows share writes it
    source = _small_csv(tmp_path / name)
    loaded = read_file(source)
    assert loaded.table.num_rows == 29
    (tmp_path / "broken").mkdir()
    broken = tmp_path / "broken" / name
    broken.write_bytes(b"a;b\n1;2;3\n")
    with pytest.raises(InputError) as caught:
        read_file(broken)
    assert "registre_caf\\xe9.csv" in str(caught.value)
    result = _curator("inspect", str(broken))
    assert result.returncode == 2 and "registre_caf\\xe9.csv" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture()
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp folder is the owner's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="curator-h18-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


needs_root_and_setpriv = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="runs the command line as another user (needs root and util-linux setpriv): root ignores permissions")


@needs_root_and_setpriv
def test_a_file_in_a_folder_the_user_cannot_enter_is_a_message(shared_tmp: Path) -> None:
    locked = shared_tmp / "locked"
    locked.mkdir()
    _small_csv(locked / "export.csv")
    locked.chmod(0)
    result = _curator("inspect", str(locked / "export.csv"), as_nobody=True)
    assert result.returncode == 2, result.stderr
    assert "permission denied" in result.stderr and "export.csv" in result.stderr
    assert "Traceback" not in result.stderr


@needs_root_and_setpriv
def test_an_unreadable_file_is_a_message(shared_tmp: Path) -> None:
    source = _small_csv(shared_tmp / "export.csv")
    source.chmod(stat.S_IWUSR)
    result = _curator("inspect", str(source), as_nobody=True)
    assert result.returncode == 2, result.stderr
    assert "permission denied" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("text", "words"), [
    ('{"format": "curator-vocabulary", "concepts": [{"id": "a", "x": NaN}]}', "NaN"),
    ('{"fields": [{"name": "a", "constraints": {"maximum": 1' + "0" * 50 + "}}]}", "51 digits"),
    ('{"fields": ' + "[" * 3000 + "]" * 3000 + "}", "64 levels"),
    ('{"fields": [], "x": 1e999}', "too large"),
], ids=["nan", "huge-integer", "deep", "infinite"])
def test_a_hostile_vocabulary_or_table_schema_is_refused(tmp_path: Path, text: str, words: str) -> None:
    from curator.mapping import load_vocabulary

    path = tmp_path / "vocabulary.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words):
        load_vocabulary(path)


def test_a_hierarchy_that_is_a_fifo_or_holds_a_huge_field_is_refused(tmp_path: Path) -> None:
    from curator.protect.hierarchy import read_arx_csv

    fifo = tmp_path / "age.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        read_arx_csv(fifo)                  # opening it would wait for a writer forever
    huge = tmp_path / "zip.csv"
    huge.write_text("75014;" + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a CSV file curator can read"):
        read_arx_csv(huge)
    # The csv module's limit is the process's: frictionless, imported by the export, raises it.
    import csv
    import sys
    default = csv.field_size_limit(sys.maxsize)
    try:
        with pytest.raises(InputError, match="a field of 200,000 characters"):
            read_arx_csv(huge)
    finally:
        csv.field_size_limit(default)
