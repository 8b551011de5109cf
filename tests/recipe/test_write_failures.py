"""Writing the package fails (disk full, read-only folder, no permission, file size limit): exit 2
saying where and what is wrong, no traceback, nothing left behind (issue 18).

Real failures, not mocks: a 64 KiB tmpfs fills up (ENOSPC), a tmpfs mounted read-only refuses
writes (EROFS) — both need root and mount(8), which this machine allows; a folder without write
permission is tried as an unprivileged user through setpriv (root ignores permissions); a file
size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) gives EFBIG.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curator.cli import main

REPO = Path(__file__).resolve().parents[2]
NOBODY = 65534


@pytest.fixture(scope="module")
def recipe(tmp_path_factory: pytest.TempPathFactory, demo_recipe_notes) -> Path:
    path = tmp_path_factory.mktemp("write-failures") / "recipe.json"
    demo_recipe_notes[0].save(path)
    return path


def _arguments(keys: dict[str, Path], recipe: Path, source: Path, package: Path) -> list[str]:
    return ["apply", str(source), "--recipe", str(recipe), "-o", str(package), "--recipient", str(keys["hub"]),
            "--signing-key", str(keys["signing"]), "--secret", str(keys["secret"]),
            "--passphrase-file", str(keys["passphrases"])]


@pytest.fixture()
def mounted(tmp_path: Path) -> Iterator[Any]:
    points: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mount{len(points)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode(errors='replace').strip()})")
        points.append(point)
        return point

    yield mount
    for point in points:
        subprocess.run(["umount", str(point)], check=False)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize("stream", [False, True], ids=["whole-table", "streamed"])
def test_a_full_disk_is_exit_2_saying_where_and_how_much_is_free(
        keys: dict[str, Path], recipe: Path, demo_csv: Path, mounted: Any, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, stream: bool) -> None:
    if stream:
        monkeypatch.setattr("curator.recipe.stream.STREAM_ABOVE_BYTES", 0, raising=False)
    full = mounted("size=64k")
    package = full / "package.tar"
    code = main(_arguments(keys, recipe, demo_csv, package))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "no space left on the disk" in err and str(full) in err
    assert "free there" in err
    assert "Traceback" not in err
    assert list(full.iterdir()) == []           # no package, no .part, no work folder


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None, reason="mounting a tmpfs needs root")
def test_a_read_only_folder_is_exit_2(keys: dict[str, Path], recipe: Path, demo_csv: Path, mounted: Any,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    read_only = mounted("ro,size=1m")
    code = main(_arguments(keys, recipe, demo_csv, read_only / "package.tar"))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "read-only" in err and str(read_only) in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="runs the command as another user (root ignores permissions)")
def test_a_folder_without_write_permission_is_exit_2(keys: dict[str, Path], recipe: Path, demo_csv: Path) -> None:
    shared = Path(tempfile.mkdtemp(prefix="curator-h18-", dir="/tmp"))
    try:
        shared.chmod(0o755)
        inputs = shared / "inputs"
        shutil.copytree(keys["dir"], inputs)
        shutil.copyfile(recipe, inputs / "recipe.json")
        shutil.copyfile(demo_csv, inputs / "registre.csv")
        for path in [inputs, *inputs.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        closed = shared / "closed"
        closed.mkdir(mode=0o555)
        closed.chmod(0o555)
        copied = {name: inputs / path.name for name, path in keys.items() if isinstance(path, Path)
                  and path.parent == keys["dir"]}
        args = _arguments({**keys, **copied}, inputs / "recipe.json", inputs / "registre.csv", closed / "package.tar")
        result = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                                 sys.executable, "-m", "curator", *args], capture_output=True, text=True,
                                timeout=300, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert result.returncode == 2, result.stderr
        assert "permission denied" in result.stderr and str(closed) in result.stderr
        assert "Traceback" not in _without_resource_tracker_noise(result.stderr)
        assert list(closed.iterdir()) == []
    finally:
        shutil.rmtree(shared)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)       # EFBIG instead of the signal that kills
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_file_size_limit_is_exit_2(keys: dict[str, Path], recipe: Path, demo_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, "-m", "curator", *_arguments(keys, recipe, demo_csv, out / "p.tar")],
                            capture_output=True, text=True, timeout=300, cwd=REPO, preexec_fn=_limit_file_size,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 2, result.stderr
    assert "largest size allowed" in result.stderr and "Traceback" not in result.stderr


def _without_resource_tracker_noise(stderr: str) -> str:
    """stderr less what Python's own multiprocessing prints when its resource tracker cannot be
    started: here, a process switched to nobody by setpriv is sometimes refused the exec of the
    interpreter for its helpers (the stdlib alone does the same), the helper work then runs in
    the process, and the tracker's finalisers complain at exit. Anything else still counts."""
    stderr = re.sub(r"Exception ignored in: <Finalize object, dead>\nTraceback \(most recent call last\):\n"
                    r"(?:  .*\n)*?BrokenPipeError: \[Errno 32\] Broken pipe\n", "", stderr)
    return "\n".join(line for line in stderr.splitlines()
                     if "multiprocessing/resource_tracker.py" not in line and "warnings.warn('resource_tracker" not in line)
