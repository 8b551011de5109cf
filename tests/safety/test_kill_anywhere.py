"""kill -9 at random moments of `curator apply` and `curator open`: once the next run has started, no
plaintext is left anywhere and no curator process outlives the killed one."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.safety.helpers import alive, descendants, make_setup, plaintext_files, processes_with_env

KILLS = 20
OPENED = {"curation-report.html", "data.parquet", "datapackage.json", "manifest.json", "manifest.json.minisig",
          "validation-report.csv"}


def _timed(setup, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    done = setup.run(*args)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def _wait_for_plaintext_on_disk(process: subprocess.Popen[bytes], folder: Path) -> None:
    """Return once a file is in a purpose folder of a run folder under ``folder``, or the run has ended."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if any(p.is_file() for p in folder.glob("run-*/*/*")):
            return
        time.sleep(0.005)


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_no_plaintext_and_no_process(tmp_path: Path) -> None:
    setup = make_setup(tmp_path / "run")
    out = tmp_path / "run" / "out"
    out.mkdir()
    reference = tmp_path / "run" / "reference.tar"
    apply_time = _timed(setup, *setup.apply_args(setup.inputs / "source.csv", reference))
    open_time = _timed(setup, *setup.open_args(reference, out / "opened-reference"))
    shutil.rmtree(out / "opened-reference")
    chooser = random.Random(17)
    outcomes = {"apply": {"killed": 0, "finished": 0}, "open": {"killed": 0, "finished": 0}}
    helpers_seen = 0
    left_for_next_run = 0     # kills that did leave plaintext behind, for the next run to clear
    problems: list[str] = []

    # Until each command was killed KILLS times: a run that ends before its kill counts for nothing.
    index = 0
    while min(o["killed"] for o in outcomes.values()) < KILLS and index < 6 * KILLS:
        index += 1
        verb = "apply" if index % 2 == 0 else "open"
        if outcomes[verb]["killed"] >= KILLS:
            continue
        target = out / (f"p{index}.tar" if verb == "apply" else f"opened-{index}")
        args = (setup.apply_args(setup.inputs / "source.csv", target) if verb == "apply"
                else setup.open_args(reference, target))
        process = setup.start(*args)
        if verb == "apply" and outcomes[verb]["killed"] % 2:
            # Every other kill of apply comes while it holds plaintext on disk (a random moment of that
            # window: most of apply's time is spent before it). open's window is too short to wait for.
            _wait_for_plaintext_on_disk(process, setup.work)
            time.sleep(chooser.uniform(0.0, 0.3))
        else:
            # (open spends its last tenths of a second exiting, past any file it writes)
            time.sleep(chooser.uniform(0.0, apply_time if verb == "apply" else 0.8 * open_time))
        below = descendants(process.pid)
        helpers_seen += len(below)
        process.kill()
        code = process.wait(60)
        outcomes[verb]["killed" if code == -signal.SIGKILL else "finished"] += 1
        assert code in (0, -signal.SIGKILL), f"{verb} failed on its own (exit {code})"

        complete = [p for p in out.glob("opened-*") if {c.name for c in p.iterdir()} - {"lock"} == OPENED]
        left_for_next_run += bool(plaintext_files(out, setup.work, setup.tmp, allowed=tuple(complete)))

        # The next run's start: any curator command clears what a killed run left; open also looks
        # beside its output folder.
        next_run = (setup.run(*setup.open_args(tmp_path / "missing.tar", out / "none")) if verb == "open"
                    else setup.run("verify", tmp_path / "missing.tar", "--signer", setup.inputs / "producer.pub"))
        assert next_run.returncode in (1, 2), next_run.stderr

        # A run killed between renaming its staging folder into place and removing its lock file leaves
        # a complete opened folder with an empty "lock" beside the members: an output, not plaintext left over.
        finished = [p for p in out.glob("opened-*") if {c.name for c in p.iterdir()} - {"lock"} == OPENED]
        found = plaintext_files(out, setup.work, setup.tmp, allowed=tuple(finished))
        left = [str(p) for p in out.rglob("*") if p.name.endswith(".part") or p.name.startswith(".curator-")]
        left += [str(p) for p in setup.work.iterdir()]
        left += [str(p) for p in out.glob("opened-*") if p not in finished]
        deadline = time.monotonic() + 5
        while (running := [pid for pid in below if alive(pid)] + processes_with_env(str(setup.work))) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        if found or left or running:
            problems.append(f"{verb} killed after run {index} (exit {code}): plaintext {found}, left {left}, "
                            f"processes {running}")
        for path in finished:
            shutil.rmtree(path)

    assert not problems, "\n".join(problems)
    assert outcomes["apply"]["killed"] == KILLS and outcomes["open"]["killed"] == KILLS, outcomes
    assert helpers_seen, "no helper process was running at any kill: the test did not reach them"
    assert left_for_next_run, "no kill came while plaintext was on disk: the test did not reach that moment"
    print(f"apply {apply_time:.1f} s, open {open_time:.1f} s; {outcomes}; helpers below killed runs: {helpers_seen}; "
          f"kills that left plaintext for the next run to clear: {left_for_next_run}")
