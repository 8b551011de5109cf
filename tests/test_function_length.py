"""No function of the core runs over 80 lines: a longer one is split into named steps."""

from __future__ import annotations

import ast
from pathlib import Path

MAX_LINES = 80


def long_functions(root: Path) -> dict[str, int]:
    """``"relative/path.py name"`` -> lines, for every function or method longer than MAX_LINES."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    found[f"{path.relative_to(root).as_posix()} {node.name}"] = lines
    return found


def test_no_function_is_over_80_lines(repo_root: Path) -> None:
    assert long_functions(repo_root / "curator") == {}


def test_the_measure_counts_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    (tmp_path / "m.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n", encoding="utf-8")
    assert long_functions(tmp_path) == {"m.py long": MAX_LINES + 1}
