"""A ragged row in a code page, after a first MiB that reads as UTF-8 (a fuzz finding): pyarrow
cannot hand the row to the reader's handler, prints an "Exception ignored" traceback and fails the
read. The reader re-reads the file in its code page and names the ragged line; nothing is printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from curator.errors import InputError
from curator.load import read_file


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "registre.csv"
    body = b"id;nom;ville\n" + b"".join(b"%d;Martin;Lyon\n" % i for i in range(120_000))
    assert len(body) > 1 << 21
    path.write_bytes(body + "999999;Hélène\n".encode("cp1252") + b"1000000;Durand;Paris\n")
    return path


# In-process, the program's entry point has not filtered pyarrow's unraisable report (the CLI test
# below checks that it does): pytest would turn it into a warning.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_ragged_line_is_named_after_a_re_read_in_the_code_page(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_file(_file(tmp_path))
    text = str(caught.value)
    assert "CSV parse error" not in text
    assert caught.value.where is not None and caught.value.where.line == 120_002, text
    assert "Hélène" in text


def test_the_command_line_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "curator", "inspect", str(_file(tmp_path))],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "120002" in done.stderr.replace(",", "").replace("\u202f", "").replace(" ", ""), done.stderr
