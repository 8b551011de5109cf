"""Keys made by the stock tools and by curator, a small real Parquet payload, and packages built from them."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.package.build import write_package
from curator.package.keys import load_recipients, load_signing_key, new_recipient_key, new_signing_key

TOOLS = ("age", "age-keygen", "minisign", "openssl", "tar")


def run(*args: str | Path, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, input=stdin, capture_output=True, timeout=60)


def run_on_terminal(argv: list[str], passphrase: str, timeout: float = 60) -> tuple[int, bytes, int]:
    """Run ``argv`` on a pseudo-terminal, typing ``passphrase`` at each of age's prompts: (exit code, output, answers).

    age reads a passphrase from the terminal only; past ``timeout`` the child's session is killed.
    """
    pty = pytest.importorskip("pty")
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the command
        os.execvp(argv[0], argv)
    seen, answered, deadline = b"", 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not select.select([fd], [], [], 1)[0]:
            continue
        try:
            data = os.read(fd, 1024)
        except OSError:
            break
        if not data:
            break
        seen += data
        if seen.lower().count(b"enter passphrase") > answered:
            os.write(fd, passphrase.encode() + b"\n")
            answered += 1
    if time.monotonic() >= deadline:
        os.killpg(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), seen, answered


@dataclass
class StockKeys:
    folder: Path
    hub_key: Path          # age-keygen identity
    hub_recipient: str     # its age1... line
    other_hub_key: Path
    other_hub_recipient: str
    producer_key: Path     # minisign -G -W (no password)
    producer_pub: Path
    other_producer_key: Path
    other_producer_pub: Path


def _age_keygen(path: Path) -> str:
    result = run("age-keygen", "-o", path)
    assert result.returncode == 0, result.stderr
    return next(line.split(": ", 1)[1] for line in path.read_text().splitlines() if "public key:" in line)


def _minisign_keygen(folder: Path, name: str) -> tuple[Path, Path]:
    secret, public = folder / f"{name}.key", folder / f"{name}.pub"
    result = run("minisign", "-G", "-W", "-s", secret, "-p", public)
    assert result.returncode == 0, result.stderr
    return secret, public


@pytest.fixture(scope="session")
def stock_keys(tmp_path_factory: pytest.TempPathFactory) -> StockKeys:
    # Its tools are required of every test that uses it (tests/conftest.py, TOOL_FIXTURES).
    folder = tmp_path_factory.mktemp("stock-keys")
    hub_recipient = _age_keygen(folder / "hub.key")
    other_recipient = _age_keygen(folder / "other-hub.key")
    producer_key, producer_pub = _minisign_keygen(folder, "producer")
    other_key, other_pub = _minisign_keygen(folder, "other-producer")
    return StockKeys(folder, folder / "hub.key", hub_recipient, folder / "other-hub.key", other_recipient,
                     producer_key, producer_pub, other_key, other_pub)


@dataclass
class CuratorKeys:
    passphrase: str
    producer_key: Path
    producer_pub: Path
    hub_key: Path
    hub_pub: Path


@pytest.fixture(scope="session")
def curator_keys(tmp_path_factory: pytest.TempPathFactory) -> CuratorKeys:
    """Keys made by curator itself, both passphrase-protected (scrypt makes them slow: made once)."""
    folder = tmp_path_factory.mktemp("curator-keys")
    passphrase = "une phrase de passe assez longue"
    new_signing_key(folder / "producer", passphrase)
    new_recipient_key(folder / "hub", passphrase)
    return CuratorKeys(passphrase, folder / "producer.key", folder / "producer.pub", folder / "hub.key",
                       folder / "hub.pub")


@dataclass
class Payload:
    table: pa.Table
    members: list[tuple[str, Path]]
    fields: dict


@pytest.fixture(scope="session")
def payload(tmp_path_factory: pytest.TempPathFactory) -> Payload:
    """A Parquet member of a few hundred KB (several 64 KiB age chunks) and two small ones."""
    folder = tmp_path_factory.mktemp("payload")
    rows = 9_000
    table = pa.table({
        "patient_pseudonym": [f"{(i * 2654435761) % 2**32:08x}{i:06d}" for i in range(rows)],
        "birth_year": [1930 + i % 75 for i in range(rows)],
        "department": [("2A", "01", "75", "974")[i % 4] for i in range(rows)],
        "diagnosis": [f"C{(i * 7) % 97:02d}" for i in range(rows)],
    })
    data = folder / "data.parquet"
    pq.write_table(table, data, compression="none")
    report = folder / "report.html"
    report.write_text("<html><body><h1>Rapport de curation</h1><p>k = 5 atteint</p></body></html>", encoding="utf-8")
    validation = folder / "validation.json"
    validation.write_text('{"errors": 0, "warnings": 2}', encoding="utf-8")
    fields = {
        "producer": {"id": "registre-test", "name": "Registre des cancers (test)"},
        "dataset": {"title": "Incidence 2020-2024", "description": "test", "period": "2020/2024"},
        "vocabulary": {"id": "hub-core", "version": "1", "checksum": "0" * 64},
        "decisions": {"quasi_identifiers": ["birth_year", "department"], "k_target": 5, "suppressed_records": 0},
        "rows": table.num_rows,
        "columns": table.num_columns,
        "schema": [{"name": f.name, "type": str(f.type)} for f in table.schema],
    }
    return Payload(table, [("data.parquet", data), ("report.html", report), ("validation.json", validation)], fields)


@pytest.fixture(scope="session")
def package(stock_keys: StockKeys, payload: Payload, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package from the stock-tool keys, addressed to the hub; never modified by tests (copy it first)."""
    out = tmp_path_factory.mktemp("package") / "submission.tar"
    write_package(out, payload.members, payload.fields, load_recipients([stock_keys.hub_recipient]),
                  load_signing_key(stock_keys.producer_key, None))
    return out


@pytest.fixture()
def copy(package: Path, tmp_path: Path) -> Path:
    """A copy of the package that a test may alter."""
    target = tmp_path / "pkg" / "submission.tar"
    target.parent.mkdir()
    shutil.copyfile(package, target)
    return target
