"""A test that needs a stock tool which is missing: skipped on a developer's machine, failed in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROBE = '''
import pytest

@pytest.fixture(scope="session")
def stock_keys():
    raise AssertionError("the fixture ran although its tools are missing")

@pytest.mark.interop("curator-no-such-tool")
def test_marked():
    pass

def test_through_a_fixture_the_tools_make(stock_keys):
    pass

@pytest.mark.interop({python!r})
def test_present():
    pass
'''


def _run_probe(tmp_path: Path, **env: str) -> str:
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    interop: stock tools\n", encoding="utf-8")
    (tmp_path / "test_probe.py").write_text(PROBE.format(python=Path(sys.executable).name), encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if k != "CI"}
    # PATH holds only the interpreter's folder: "age-keygen" and "minisign" (stock_keys' tools) are missing.
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfs", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "--rootdir", str(tmp_path), str(tmp_path)],
                          cwd=tmp_path, env={**environ, "PATH": str(Path(sys.executable).parent), **env},
                          capture_output=True, text=True, timeout=120)
    return done.stdout


def test_a_missing_tool_skips_outside_ci_and_fails_in_ci(tmp_path: Path) -> None:
    outside = _run_probe(tmp_path)
    assert "1 passed, 2 skipped" in outside, outside
    assert "stock tool not found: curator-no-such-tool" in outside
    assert "stock tool not found: age-keygen, minisign" in outside
    inside = _run_probe(tmp_path, CI="true")
    assert "1 passed, 2 errors" in inside, inside          # failed in setup, before any fixture
    assert "CI must have it" in inside
    assert "the fixture ran" not in outside + inside
