"""The import-linter contracts pass on the tree and fail when broken: the core never imports Qt, and
its layers (docs/ARCHITECTURE.md) hold: no module imports from a layer above its own, no two modules
import each other, and an import inside a function says why it is there."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS_ID = "core-layers"
LAYERS_CONTRACT = "The core is layered: a module never imports from a layer above its own"

# Function-level imports without a reason, in files other engineers are editing now; each entry
# goes once its file is merged and its imports are moved up or given their reason.
UNREASONED: dict[str, set[str]] = {}


def _lint(root: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    chosen = [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *chosen], cwd=root, capture_output=True, text=True,
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


def _contracts(root: Path) -> list[dict[str, object]]:
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["importlinter"]["contracts"])


def test_the_layers_hold_on_the_tree(repo_root: Path) -> None:
    result = _lint(repo_root, LAYERS_ID)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{LAYERS_CONTRACT} KEPT" in result.stdout


@pytest.mark.parametrize(("victim", "line", "chain"), [
    # The bottom layer importing the chain that sits on it.
    ("errors.py", "import curator.pipeline  # noqa\n", "curator.errors -> curator.pipeline"),
    # A back-import hidden in a function is caught all the same: that is how the cycles used to hide.
    ("check/validate.py", "\n\ndef _late() -> None:\n    from curator.recipe.apply import apply_recipe  # noqa\n",
     "curator.check.validate -> curator.recipe.apply"),
    # The decisions' model importing the loader of vocabularies (the cycle model <-> mapping).
    ("recipe/model.py", "from curator.mapping import load_vocabulary  # noqa\n",
     "curator.recipe.model -> curator.mapping"),
])
def test_a_back_import_breaks_the_layers(repo_root: Path, tmp_path: Path, victim: str, line: str,
                                         chain: str) -> None:
    tree = _copy_tree(repo_root, tmp_path)
    path = tree / "curator" / victim
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    result = _lint(tree, LAYERS_ID)
    assert result.returncode != 0
    assert f"{LAYERS_CONTRACT} BROKEN" in result.stdout and chain in result.stdout, result.stdout


def test_every_core_module_has_a_layer(repo_root: Path) -> None:
    """A new module of the core must be given its place, or the contract would not see it."""
    contract = next(c for c in _contracts(repo_root) if c["name"] == LAYERS_CONTRACT)
    placed = {name.strip() for layer in contract["layers"] for name in str(layer).split("|")}
    core = repo_root / "curator"
    children = {f"curator.{p.stem if p.is_file() else p.name}" for p in core.iterdir()
                if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    # The recipe package spans two layers: its modules are placed one by one.
    children.discard("curator.recipe")
    children |= {f"curator.recipe.{p.stem}" for p in (core / "recipe").glob("*.py") if p.stem != "__init__"}
    assert sorted(children - placed) == []
    assert sorted(placed - children) == []


def test_no_two_core_modules_import_each_other() -> None:
    """Within a package too (the layers only order packages): vocabulary <-> tableschema <-> headers was one."""
    graph = grimp.build_graph("curator")
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                cycles.append(" -> ".join((importer, *back)))
    assert cycles == []


def _function_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    found.append((node.lineno, node.module or ""))
                elif isinstance(node, ast.Import):
                    found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def _has_reason(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or on a line just above it among imports and comments."""
    index = lineno - 1
    while index >= 0:
        text = lines[index].strip()
        if "#" in text:
            return True
        if not (text.startswith(("import ", "from ")) or text == "") or index < lineno - 6:
            return False
        index -= 1
    return False


def test_an_import_inside_a_function_says_why(repo_root: Path) -> None:
    """Imports go at the top; one inside a function (an optional or slow dependency, a deliberate
    start-up order) carries its reason. Hiding an import cycle is no longer one."""
    unexplained = []
    for path in sorted((repo_root / "curator").rglob("*.py")):
        relative = path.relative_to(repo_root).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, module in _function_imports(path):
            if module in UNREASONED.get(relative, set()):
                continue
            if not _has_reason(lines, lineno):
                unexplained.append(f"{relative}:{lineno} {module}")
    assert unexplained == []
