"""Frozen entry point of the windowed executable `curator-gui`: the desktop app, as `ui.app:main`.

A windowed executable has no console (sys.stdout is None on Windows), so it goes straight to the
app rather than through the command line, whose messages would have nowhere to go.
"""

import sys

# First thing, before pyarrow or numpy is imported: the program's process-wide settings.
from curator.runtime import configure

configure()

# Then: a spawned hashing helper (curator.protect._pool) re-enters this executable and must
# run its task here instead of starting another copy of the program.
from curator.runtime import freeze_support  # noqa: E402

freeze_support()

from ui.app import main  # noqa: E402

raise SystemExit(main(sys.argv[1:]))
