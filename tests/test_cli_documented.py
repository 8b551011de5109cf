"""Every option of `curator apply` is described in its help and in docs/recipe.md (the product
spec, shared/spec/cli.md, is read-only and lists fewer)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _apply_options() -> list[str]:
    from curator.cli import build_parser

    parser = build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb")     # noqa: SLF001 - argparse has no public way
    apply = verbs.choices["apply"]
    return [max(a.option_strings, key=len) for a in apply._actions    # noqa: SLF001
            if a.option_strings and a.dest != "help"]


def test_every_apply_option_is_in_docs_recipe_md() -> None:
    doc = (REPO / "docs" / "recipe.md").read_text(encoding="utf-8")
    section = doc[doc.index("## `curator apply FILE"):]
    options = _apply_options()
    assert "--report-language" in options and len(options) >= 10, options
    missing = [o for o in options if not re.search(rf"`{re.escape(o)}[` ]", section)]
    assert not missing, f"options of curator apply missing from docs/recipe.md's apply section: {missing}"


def test_apply_help_describes_the_report_language() -> None:
    shown = subprocess.run([sys.executable, "-m", "curator", "apply", "--help"], capture_output=True, text=True,
                           timeout=60, check=True, env={**os.environ, "COLUMNS": "200"}).stdout
    said = " ".join(shown.split())
    assert "--report-language LANG the curation report's language, en (default) or fr" in said, said
    assert "given twice, the second is an extra report curation-report-LANG.html in the package" in said, said
