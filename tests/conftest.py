"""Test configuration shared by every test: Qt offscreen, paths to the repository and to shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set here, not by the caller, so `pytest` alone runs the Qt tests without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared test data not found at {SHARED_DATA}: the repository must sit beside shared/")
    return SHARED_DATA
