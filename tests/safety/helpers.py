"""Shared by the tests of private outputs and killed runs: a real curator set-up driven through the CLI,
and the searches for plaintext and for processes a run left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from curator.resources import demo_csv
from tests.conftest import fill_export_file

CURATOR = [sys.executable, "-m", "curator"]
PASSPHRASE = "correct horse battery staple\n"
# Values of the demo file that curation removes (dropped names, a pseudonymised NIR), the Parquet
# magic, and what begins the two reports: any of them in a file outside a package is plaintext.
PLAINTEXT_MARKERS = (b"LEBRETON", b"Marcelle", b"145099328948891", b"PAR1", b"<!DOCTYPE html", b"<html",
                     b"column;concept;rule")


@dataclass
class Setup:
    root: Path
    inputs: Path        # the source, recipe, keys, secret: plaintext by nature, never searched
    work: Path          # CURATOR_WORK_DIR of every run
    tmp: Path           # TMPDIR of every run
    env: dict[str, str]

    def run(self, *args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*CURATOR, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                              env=self.env)

    def start(self, *args: str | Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen([*CURATOR, *map(str, args)], env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def apply_args(self, source: Path, output: Path) -> list[str | Path]:
        i = self.inputs
        return ["apply", source, "--recipe", i / "recipe.json", "-o", output, "--recipient", i / "hub.pub",
                "--signing-key", i / "producer.key", "--secret", i / "secret.age", "--passphrase-file", i / "pass"]

    def open_args(self, package: Path, output: Path) -> list[str | Path]:
        i = self.inputs
        return ["open", package, "--identity", i / "hub.key", "--signer", i / "producer.pub", "-o", output]


def make_setup(root: Path, copies: int = 1) -> Setup:
    """Keys, a secret, a recipe and the demo file (``copies`` times its rows) made by curator itself."""
    inputs, work, tmp = root / "inputs", root / "work", root / "tmp"
    for folder in (inputs, work, tmp):
        folder.mkdir(parents=True)
    env = {**os.environ, "CURATOR_WORK_DIR": str(work), "TMPDIR": str(tmp)}
    setup = Setup(root, inputs, work, tmp, env)
    head, rest = demo_csv().read_bytes().split(b"\n", 1)
    (inputs / "source.csv").write_bytes(head + b"\n" + rest * copies)
    (inputs / "pass").write_text(PASSPHRASE)
    for args in (["keys", "new-signing", "-o", inputs / "producer", "--no-passphrase"],
                 ["keys", "new-recipient", "-o", inputs / "hub", "--no-passphrase"],
                 ["keys", "new-secret", "-o", inputs / "secret.age", "--passphrase-file", inputs / "pass"],
                 ["recipe", "init", inputs / "source.csv", "-o", inputs / "recipe.json", "--coarser-floors"]):
        done = setup.run(*args)
        assert done.returncode == 0, done.stderr
    fill_export_file(inputs / "recipe.json")
    return setup


def plaintext_files(*folders: Path, allowed: tuple[Path, ...] = ()) -> list[str]:
    """Files under ``folders`` (not under ``allowed``) that hold a plaintext marker, with the marker."""
    found = []
    for folder in folders:
        for dirpath, _dirs, files in os.walk(folder):
            if any(Path(dirpath).is_relative_to(a) for a in allowed):
                continue
            for name in files:
                path = Path(dirpath) / name
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                hits = [m.decode() for m in PLAINTEXT_MARKERS if m in data]
                # An age file may hold PAR1 by chance among its random bytes; nothing else may.
                if data.startswith(b"age-encryption.org/v1") or path.suffix == ".tar" or name.endswith(".tar.part"):
                    hits = [h for h in hits if h != "PAR1"]
                if hits:
                    found.append(f"{path}: {', '.join(hits)}")
    return found


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid``, from /proc (no psutil)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as gone: it holds no memory and runs nothing)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def processes_with_env(marker: str) -> list[int]:
    """Live processes whose environment holds ``marker`` (this test's work folder): curator runs and their helpers."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                environ = Path(f"/proc/{entry}/environ").read_bytes()
            except OSError:
                continue
            if marker.encode() in environ and alive(int(entry)):
                found.append(int(entry))
    return found
