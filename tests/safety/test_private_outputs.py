"""Outputs written privately and atomically, never through a planted name; open reads the package once;
the ledger refuses a replay; SIGTERM leaves nothing behind. Real runs of the command line."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from curator import workspace
from curator.errors import InputError, VerificationError
from curator.package.build import write_package
from curator.package.keys import load_identity, load_signer, load_signing_key
from curator.package.unpack import open_package
from tests.safety.helpers import (
    Setup,
    alive,
    descendants,
    make_setup,
    plaintext_files,
    processes_with_env,
)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    return make_setup(tmp_path_factory.mktemp("private-outputs"))


@pytest.fixture(scope="module")
def package(setup: Setup) -> Path:
    out = setup.root / "reference" / "submission.tar"
    done = setup.run(*setup.apply_args(setup.inputs / "source.csv", out))
    assert done.returncode == 0, done.stderr
    return out


def _victim(folder: Path) -> Path:
    victim = folder / "victim.txt"
    victim.write_text("the attacker wants this overwritten\n")
    return victim


@pytest.mark.parametrize("verb, output, part", [
    ("new-signing", "producer", "producer.key.part"),
    ("new-signing", "producer", "producer.pub.part"),
    ("new-recipient", "hub", "hub.key.part"),
    ("new-secret", "secret.age", "secret.age.part"),
])
def test_keys_refuse_a_planted_part_symlink(setup: Setup, tmp_path: Path, verb: str, output: str, part: str) -> None:
    victim = _victim(tmp_path)
    (tmp_path / part).symlink_to(victim)
    dangling = tmp_path / "nowhere.txt"
    args = ["--passphrase-file", setup.inputs / "pass"] if verb == "new-secret" else ["--no-passphrase"]
    done = setup.run("keys", verb, "-o", tmp_path / output, *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert part in done.stderr and "does not write" in done.stderr
    assert victim.read_text() == "the attacker wants this overwritten\n"
    assert (tmp_path / part).is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([part, "victim.txt"])
    # A dangling symlink must not be followed either (O_CREAT alone would create its target).
    (tmp_path / part).unlink()
    (tmp_path / part).symlink_to(dangling)
    done = setup.run("keys", verb, "-o", tmp_path / output, *args)
    assert done.returncode == 2 and not dangling.exists()


def test_keys_are_private_and_public_keys_readable(setup: Setup, tmp_path: Path) -> None:
    done = setup.run("keys", "new-signing", "-o", tmp_path / "p", "--no-passphrase")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / "p.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "p.pub").stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.key", "p.pub"]


def test_apply_refuses_a_planted_part_symlink(setup: Setup, tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    (tmp_path / "out.tar.part").symlink_to(victim)
    done = setup.run(*setup.apply_args(setup.inputs / "source.csv", tmp_path / "out.tar"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "out.tar.part" in done.stderr
    assert victim.read_text() == "the attacker wants this overwritten\n"
    assert not (tmp_path / "out.tar").exists() and (tmp_path / "out.tar.part").is_symlink()
    assert not list(setup.work.iterdir()), "the run's work folder outlived it"


def test_opened_files_are_private(setup: Setup, package: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    done = setup.run(*setup.open_args(package, opened))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(opened.stat().st_mode) == 0o700
    names = sorted(p.name for p in opened.iterdir())
    assert names == ["curation-report.html", "data.parquet", "datapackage.json", "manifest.json",
                     "manifest.json.minisig", "validation-report.csv"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in opened.iterdir()} == {0o600}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opened"]     # no staging folder left
    # Into a folder that exists already: file by file, still 0600.
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "notes.txt").write_text("the hub's own file\n")
    done = setup.run(*setup.open_args(package, existing))
    assert done.returncode == 0, done.stderr
    assert {stat.S_IMODE(p.stat().st_mode) for p in existing.iterdir() if p.name != "notes.txt"} == {0o600}
    assert not [p for p in existing.iterdir() if p.name.startswith(".curator-")]


def test_ledger_refuses_a_submission_opened_before(setup: Setup, package: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "hub" / "opened.jsonl"
    first = setup.run(*setup.open_args(package, tmp_path / "first"), "--ledger", ledger)
    assert first.returncode == 0, first.stderr
    entries = [json.loads(line) for line in ledger.read_text().splitlines()]
    manifest = json.loads((tmp_path / "first" / "manifest.json").read_bytes())
    assert [e["submission_id"] for e in entries] == [manifest["submission_id"]]
    assert entries[0]["created"] == manifest["created"] and entries[0]["opened"].endswith("Z")
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o600

    again = setup.run(*setup.open_args(package, tmp_path / "again"), "--ledger", ledger)
    assert again.returncode == 1, again.stdout + again.stderr
    assert f"submission {manifest['submission_id']}" in again.stderr and "already opened" in again.stderr
    assert not (tmp_path / "again").exists()
    assert len(ledger.read_text().splitlines()) == 1

    # Another submission is recorded after the first, which stays as it was.
    other = tmp_path / "other.tar"
    assert setup.run(*setup.apply_args(setup.inputs / "source.csv", other)).returncode == 0
    assert setup.run(*setup.open_args(other, tmp_path / "other"), "--ledger", ledger).returncode == 0
    lines = ledger.read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == entries[0]


def _two_packages(setup: Setup, folder: Path) -> tuple[Path, Path]:
    """Two packages by the same producer for the same hub: both verify; only the first is the one opened."""
    key = load_signing_key(setup.inputs / "producer.key", None)
    recipient = (setup.inputs / "hub.pub").read_text().strip()
    packages = []
    for name, payload in (("first", b"the data that was verified\n" * 5000), ("second", b"other data\n" * 9000)):
        member = folder / f"{name}.bin"
        member.write_bytes(payload)
        packages.append(folder / f"{name}.tar")
        write_package(packages[-1], [("data.bin", member)], {"dataset": {"title": name}}, [recipient], key)
    return packages[0], packages[1]


@pytest.mark.parametrize("how", ["replaced", "rewritten in place"])
def test_open_never_yields_what_was_not_verified(setup: Setup, tmp_path: Path, how: str) -> None:
    first, second = _two_packages(setup, tmp_path)
    with tarfile.open(first) as archive:
        verified_manifest = archive.extractfile("manifest.json").read()  # type: ignore[union-attr]
    expected_data = (tmp_path / "first.bin").read_bytes()
    target = tmp_path / "incoming.tar"
    target.write_bytes(first.read_bytes())
    swapped = []

    def progress(fraction: float, _message: str) -> None:
        # Verification is the first 30 %: swap the file the moment it is done, before any decryption.
        if fraction >= 0.3 and not swapped:
            swapped.append(fraction)
            if how == "replaced":
                os.replace(second, target)
            else:
                with open(target, "r+b") as handle:
                    handle.write(second.read_bytes())
                    handle.truncate()

    identity = load_identity(setup.inputs / "hub.key", None)
    out = tmp_path / "opened"
    try:
        written = open_package(target, identity, load_signer(setup.inputs / "producer.pub"), out, progress)
    except VerificationError as error:
        assert how == "rewritten in place", str(error)
        assert "changed while it was being opened" in str(error) or "cannot be decrypted" in str(error)
        assert not out.exists() and not list(tmp_path.glob(".curator-*"))
    else:
        assert how == "replaced"
        manifest = (out / "manifest.json").read_bytes()
        assert manifest == verified_manifest and json.loads(manifest)["dataset"]["title"] == "first"
        assert (out / "data.bin").read_bytes() == expected_data
        assert len(written) == 3
    assert swapped


def test_sigterm_during_apply_leaves_nothing(setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "out.tar"
    process = setup.start(*setup.apply_args(setup.inputs / "source.csv", out))
    try:
        # Wait until the run holds plaintext in its work folder, then stop it as a service manager would.
        deadline = time.monotonic() + 120
        while not [p for p in setup.work.rglob("*") if p.is_file() and p.name != "lock"]:
            assert process.poll() is None, "apply ended before it could be stopped"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        helpers = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        code = process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
    assert code == -signal.SIGTERM
    assert not list(setup.work.iterdir()), "the work folder outlived the run"
    assert not list(tmp_path.iterdir()), "a .part or a staging folder outlived the run"
    assert not plaintext_files(setup.tmp, setup.work, tmp_path)
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in helpers if alive(pid)], "a helper process outlived the run"


def test_a_dead_runs_folder_is_cleared_and_a_live_ones_kept(tmp_path: Path) -> None:
    env = {**os.environ, workspace.WORK_DIR_ENV: str(tmp_path / "work")}
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom curator import workspace\nfolder = workspace.run_folder()\n"
         "(folder / 'data.parquet').write_bytes(b'PAR1 plaintext')\nprint(folder, flush=True)\nsys.stdin.read()"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        live = Path(holder.stdout.readline().strip())
        # A folder named after a live pid (ours) but whose lock nobody holds: pid reuse must not save it.
        stale = tmp_path / "work" / f"run-{os.getpid()}-old"
        stale.mkdir(mode=0o700)
        (stale / "lock").touch()
        (stale / "data.parquet").write_bytes(b"PAR1 plaintext")
        outside = tmp_path / "package.tar.part"
        outside.write_bytes(b"left by the dead run")
        info = outside.stat()
        (stale / "elsewhere.jsonl").write_text(json.dumps({"path": str(outside), "dev": info.st_dev,
                                                           "ino": info.st_ino}) + "\n")
        os.environ[workspace.WORK_DIR_ENV] = str(tmp_path / "work")
        try:
            assert workspace.clear_stale() == 1
        finally:
            del os.environ[workspace.WORK_DIR_ENV]
        assert live.is_dir() and not stale.exists() and not outside.exists()
        holder.kill()
        holder.wait()
        os.environ[workspace.WORK_DIR_ENV] = str(tmp_path / "work")
        try:
            assert workspace.clear_stale() == 1
        finally:
            del os.environ[workspace.WORK_DIR_ENV]
        assert not live.exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_part_made_just_before_a_kill_is_cleared_and_a_users_file_of_that_name_kept(tmp_path: Path) -> None:
    """kill -9 right after the ``.part`` is made, before the run could note its identity: the next run
    still removes it; a file of that name the run did not make (written, older, or not private) stays."""
    work = tmp_path / "work"
    env = {**os.environ, workspace.WORK_DIR_ENV: str(work)}
    # The real atomic_output, killed at the moment its .part exists and is not yet recorded.
    killed = subprocess.run(
        [sys.executable, "-c", "import os, signal, sys\nfrom pathlib import Path\nfrom curator import workspace\n"
         "workspace.run_folder()\nworkspace._record_elsewhere = lambda path: os.kill(os.getpid(), signal.SIGKILL)\n"
         "with workspace.atomic_output(Path(sys.argv[1])) as out:\n    out.write(b'never')\n",
         str(tmp_path / "package.tar")], env=env, capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (tmp_path / "package.tar.part").stat().st_size == 0
    # What a dead run announced but did not make: files of the user's that happen to bear those names.
    written, older, shared = (tmp_path / f"{name}.part" for name in ("written", "older", "shared"))
    written.write_bytes(b"the user's")
    for path in (older, shared):
        path.touch()
    older.chmod(0o600)
    os.utime(older, ns=(0, 0))
    shared.chmod(0o644)
    dead = next(work.glob("run-*"))
    with (dead / "elsewhere.jsonl").open("a") as record:
        for path in (written, older, shared):
            record.write(json.dumps({"path": str(path), "announced_ns": time.time_ns()}) + "\n")
    os.environ[workspace.WORK_DIR_ENV] = str(work)
    try:
        assert workspace.clear_stale() == 1
    finally:
        del os.environ[workspace.WORK_DIR_ENV]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["older.part", "shared.part", "work", "written.part"]
    assert written.read_bytes() == b"the user's"


def test_atomic_output_keeps_nothing_on_failure_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with pytest.raises(RuntimeError), workspace.atomic_output(target) as out:
        out.write(b"<html>half")
        raise RuntimeError("interrupted")
    assert not list(tmp_path.iterdir())
    workspace.write_atomic(target, "<html>done")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(Exception, match="never overwrites"):
        workspace.write_atomic(target, "<html>again")
    workspace.write_atomic(target, "<html>again", overwrite=True)
    assert target.read_text() == "<html>again" and sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_helper_process_ends_with_its_parent(tmp_path: Path) -> None:
    """The hashing helper (which holds the secret in memory) does not outlive a killed parent."""
    marker = str(tmp_path / "helper-test")
    env = {**os.environ, workspace.WORK_DIR_ENV: marker}
    parent = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom curator.protect import _pool\n_pool.warm_up()\n"
         "_pool.submit_call(len, b'x').result()\nprint('ready', flush=True)\nsys.stdin.read()"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
        helpers = descendants(parent.pid)
        assert helpers, "no helper process was started"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while processes_with_env(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not processes_with_env(marker), "helper processes outlived their killed parent"
    finally:
        parent.kill()
        parent.wait()


def test_open_clears_a_killed_opens_staging_folder_beside_its_output(setup: Setup, package: Path,
                                                                    tmp_path: Path) -> None:
    # What a killed open leaves beside its output, found by the next open even with another work root.
    staging = tmp_path / ".curator-open-killed"
    staging.mkdir(mode=0o700)
    (staging / "lock").touch()
    (staging / "data.parquet").write_bytes(b"PAR1 decrypted, then killed")
    users = tmp_path / ".curator-notes"        # not a work folder (no lock file): never touched
    users.mkdir()
    (users / "mine.txt").write_text("kept")
    env = {**setup.env, workspace.WORK_DIR_ENV: str(tmp_path / "another-work-root")}
    done = subprocess.run([sys.executable, "-m", "curator", *map(str, setup.open_args(package, tmp_path / "opened"))],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not staging.exists()
    assert (users / "mine.txt").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".curator-notes", "another-work-root", "opened"]


def test_the_work_root_is_private_and_never_a_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir(mode=0o777)
    (tmp_path / "planted").symlink_to(elsewhere)
    monkeypatch.setenv(workspace.WORK_DIR_ENV, str(tmp_path / "planted"))
    with pytest.raises(InputError, match="not a folder of yours"):
        workspace.work_root()
    opened_up = tmp_path / "opened-up"
    opened_up.mkdir()
    opened_up.chmod(0o755)
    monkeypatch.setenv(workspace.WORK_DIR_ENV, str(opened_up))
    assert workspace.work_root() == opened_up and stat.S_IMODE(opened_up.stat().st_mode) == 0o700
