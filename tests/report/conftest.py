from __future__ import annotations

from pathlib import Path

import pytest

from .scenario import Scenario, rich_scenario


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return rich_scenario(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real `curator demo` chain; returns the folder the package was opened into."""
    from curator.demo import run_demo

    result = run_demo(tmp_path_factory.mktemp("demo"), say=lambda _line: None)
    return result.opened
