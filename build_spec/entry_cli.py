"""Frozen entry point of the console executable `curator`: the command line, as `curator.cli:main`."""

# First thing: a spawned hashing helper (curator.protect._pool) re-enters this executable and must
# run its task here instead of starting another copy of the program.
from curator.protect._pool import freeze_support

freeze_support()

from curator.cli import main  # noqa: E402

raise SystemExit(main())
