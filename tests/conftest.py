"""Test configuration shared by every test: Qt offscreen, paths to the repository and to shared data,
and the stock tools the interoperability tests run.

A test that runs a stock tool (age, minisign, openssl, ReadStat's readstat...) is marked
``@pytest.mark.interop("age", ...)`` with the tools it needs; a test that uses a fixture the stock
tools make (``TOOL_FIXTURES``) is marked so at collection. A missing tool fails the test in CI (the
``CI`` environment variable set; CI installs them) and skips it elsewhere, with the same message.
``pytest -m "not interop"`` leaves them out, ``-m "not slow"`` (``make test-fast``) the long ones.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Set here, not by the caller, so `pytest` alone runs the Qt tests without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
SYNTHEA_TABLES = ("patients", "encounters", "conditions")


def copy_synthea(folder: Path) -> Path:
    """Synthea's three linked tables (``<name>.csv``) copied into ``folder``, made if needed, as a
    producer's export folder: tests may write beside them, never into shared/."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SYNTHEA_TABLES:
        shutil.copy(SHARED_DATA / "synthea" / f"{name}.csv", folder / f"{name}.csv")
    return folder

# Session fixtures whose values are made by stock tools: a test using one needs the tools too.
TOOL_FIXTURES: dict[str, tuple[str, ...]] = {
    "stock_keys": ("age-keygen", "minisign"),      # tests/package/conftest.py
    "built": ("minisign",),                         # tests/bundle/test_frozen_bundle.py signs SHA256SUMS
}


def require_tool(*tools: str) -> None:
    """Fail (in CI) or skip (elsewhere) the running test when one of ``tools`` is not on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = (f"stock tool not found: {', '.join(missing)} "
               "(`make system-deps` installs age, minisign, openssl and readstat)")
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must have it", pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        needed = sorted({tool for name, tools in TOOL_FIXTURES.items()
                         if name in getattr(item, "fixturenames", ()) for tool in tools})
        if needed:
            item.add_marker(pytest.mark.interop(*needed))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture runs: the tools of every ``interop`` mark of the test."""
    for mark in item.iter_markers("interop"):
        require_tool(*mark.args)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared test data not found at {SHARED_DATA}: the repository must sit beside shared/")
    return SHARED_DATA


def fill_export(recipe):
    """``recipe`` with the export fields a package cannot go without (``ExportMetadata.missing_required``)
    filled in as a producer would: `recipe init` leaves them to the producer, and no package is written
    without them."""
    recipe.export.producer_id = recipe.export.producer_id or "registre-test"
    recipe.export.producer_name = recipe.export.producer_name or "Registre des cancers (test)"
    recipe.export.dataset_title = recipe.export.dataset_title or "Extraction de test"
    return recipe


def fill_export_file(path: Path) -> None:
    """:func:`fill_export` on a recipe file (one `curator recipe init` wrote)."""
    from curator.recipe.model import Recipe

    fill_export(Recipe.load(path)).save(path)
