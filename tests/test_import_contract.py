"""The core never imports Qt: the import-linter contract passes on the tree and fails when broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, timeout=300)


def _copy_tree(repo_root: Path, dest: Path) -> Path:
    for name in ("curator", "ui"):
        shutil.copytree(repo_root / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(repo_root / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_contract_holds_on_the_tree(repo_root: Path) -> None:
    result = _lint(repo_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The core never imports Qt or the UI KEPT" in result.stdout


def test_contract_fails_when_the_core_imports_qt(repo_root: Path, tmp_path: Path) -> None:
    tree = _copy_tree(repo_root, tmp_path)
    victim = tree / "curator" / "errors.py"
    victim.write_text(victim.read_text(encoding="utf-8") + "\nfrom PySide6 import QtCore  # noqa\n", encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "curator.errors -> PySide6" in result.stdout


def test_contract_fails_when_the_core_imports_the_ui(repo_root: Path, tmp_path: Path) -> None:
    tree = _copy_tree(repo_root, tmp_path)
    victim = tree / "curator" / "progress.py"
    victim.write_text(victim.read_text(encoding="utf-8") + "\nimport ui.qt  # noqa\n", encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    assert "curator.progress -> ui" in result.stdout
