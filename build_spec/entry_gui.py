"""Frozen entry point of the windowed executable `curator-gui`: the desktop app, as `ui.app:main`.

A windowed executable has no console (sys.stdout is None on Windows), so it goes straight to the
app rather than through the command line, whose messages would have nowhere to go.
"""

import sys

from ui.app import main

raise SystemExit(main(sys.argv[1:]))
