"""The thin slice through every stage, driven through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from curator.resources import demo_csv

CURATOR = [sys.executable, "-m", "curator"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CURATOR, *args], capture_output=True, text=True, timeout=600)


def _demo_source() -> pa.Table:
    """The demo CSV read independently of curator's reader, every column as text."""
    with open(demo_csv(), encoding="cp1252") as f:
        header = f.readline().rstrip("\r\n").split(";")
    return pacsv.read_csv(demo_csv(), read_options=pacsv.ReadOptions(encoding="cp1252"),
                          parse_options=pacsv.ParseOptions(delimiter=";"),
                          convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in header}))


def test_demo_then_verify_then_open(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    demo = _run("demo", "-o", str(out))
    assert demo.returncode == 0, demo.stderr
    for stage in ("keys", "read", "identify", "map", "protect", "package", "verify", "open"):
        assert f"[{stage:>8}]" in demo.stdout

    package = out / "demo-submission.tar"
    signer = out / "keys" / "producer.pub"
    verify = _run("verify", str(package), "--signer", str(signer))
    assert verify.returncode == 0, verify.stdout + verify.stderr

    opened = tmp_path / "opened"
    result = _run("open", str(package), "--identity", str(out / "keys" / "hub.key"), "--signer", str(signer),
                  "-o", str(opened))
    assert result.returncode == 0, result.stdout + result.stderr
    table = pq.read_table(opened / "data.parquet")
    source = _demo_source()
    assert table.num_rows == source.num_rows

    lowered = {name.lower() for name in table.column_names}
    for forbidden in ("nom", "prénom", "nom de naissance", "last_name", "first_name", "birth_name"):
        assert forbidden not in lowered

    # No clear NIR anywhere in the output, whatever the column: neither as written nor without spaces.
    clear = source.column("NIR").drop_null()
    clear_nirs = set(clear.to_pylist()) | {v.replace(" ", "") for v in clear.to_pylist()}
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            assert not clear_nirs & set(column.drop_null().to_pylist())
    # and the NIR column, pseudonymised, is still there for linkage
    assert "nir" in table.column_names


def test_verify_rejects_a_changed_package(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert _run("demo", "-o", str(out)).returncode == 0
    package = out / "demo-submission.tar"
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    package.write_bytes(bytes(data))
    verify = _run("verify", str(package), "--signer", str(out / "keys" / "producer.pub"))
    assert verify.returncode == 1
    opened = tmp_path / "opened"
    result = _run("open", str(package), "--identity", str(out / "keys" / "hub.key"),
                  "--signer", str(out / "keys" / "producer.pub"), "-o", str(opened))
    assert result.returncode == 1
    assert not opened.exists() or not any(opened.iterdir())


def test_version_and_unknown_file() -> None:
    from curator import __version__

    version = _run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"curator {__version__}"
    missing = _run("inspect", "/nonexistent/registre.csv", "--json")
    assert missing.returncode == 2
    assert "/nonexistent/registre.csv" in missing.stderr
    assert "Traceback" not in missing.stderr
