"""The Windows version resource the spec embeds in both executables, built from curator.__version__:
read back the way PyInstaller reads it (its bytes on Windows, its text form elsewhere), it shows
the version Explorer's Properties > Details will show.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import PyInstaller.compat
import pytest

import curator


@pytest.fixture(autouse=True)
def windows_only_imports(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyInstaller's versioninfo module imports pefile and win32api, which exist only on Windows and
    serve only to read or patch an .exe; building and parsing the resource bytes needs neither."""
    try:
        import pefile  # noqa: F401
    except ImportError:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    if not hasattr(PyInstaller.compat, "win32api"):
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)


def _version_info_module(repo_root: Path):
    spec = importlib.util.spec_from_file_location("version_info", repo_root / "build_spec" / "version_info.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _strings(info) -> dict[str, str]:
    tables = [table for kid in info.kids if type(kid).__name__ == "StringFileInfo" for table in kid.kids]
    return {s.name: s.val for table in tables for s in table.kids}


def test_resource_carries_the_package_version(repo_root: Path) -> None:
    from PyInstaller.utils.win32 import versioninfo

    module = _version_info_module(repo_root)
    info = module.windows_version_info(curator.__version__, "curator-gui")
    if sys.platform == "win32":
        # The bytes PyInstaller writes into the .exe (its struct layout is Windows' own).
        parsed = versioninfo.VSVersionInfo()
        parsed.fromRaw(info.toRaw())
    else:
        # PyInstaller's text form of the resource (what pyi-grab_version prints), read back as it reads it.
        parsed = eval(str(info), vars(versioninfo))  # noqa: S307 - PyInstaller's own serialisation
    strings = _strings(parsed)
    assert strings["FileVersion"] == curator.__version__
    assert strings["ProductVersion"] == curator.__version__
    assert strings["OriginalFilename"] == "curator-gui.exe"
    major, minor, patch, build = module.version_numbers(curator.__version__)
    assert parsed.ffi.fileVersionMS == (major << 16) | minor
    assert parsed.ffi.fileVersionLS == (patch << 16) | build


def test_version_numbers_fill_the_four_windows_fields(repo_root: Path) -> None:
    numbers = _version_info_module(repo_root).version_numbers
    assert numbers("0.1.0") == (0, 1, 0, 0)
    assert numbers("2.10.3rc1") == (2, 10, 3, 1)
    assert numbers("1.2.3.4.5") == (1, 2, 3, 4)
