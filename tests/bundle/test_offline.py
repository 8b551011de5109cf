"""No network: the whole demo chain and the app's start-up run with every socket refused.

The chain runs in a fresh interpreter (offline_chain.py) whose guard is installed before curator,
pyarrow or Qt is imported; the guard records attempts even when the code swallows the error, and
is probed at the end so a broken guard cannot make this test pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).resolve().parent / "offline_chain.py"
STAGES = ["keys", "read", "identify", "map", "protect", "package", "verify", "open"]


def test_demo_chain_and_app_start_without_network(tmp_path: Path, repo_root: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(repo_root)}
    done = subprocess.run([sys.executable, str(RUNNER), str(tmp_path / "demo")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["attempts"] == [], f"network attempts: {report['attempts']}"
    assert report["error"] is None, report.get("traceback")
    assert report["stages"] == STAGES
    assert "data.parquet" in report["opened_files"]
    assert report["gui"] is True
    assert report["guard_refuses"] is True, "the guard let a connection through: the test proves nothing"
