"""Frozen entry point of the console executable `curator`: the command line, as `curator.cli:main`."""

# First thing, before pyarrow or numpy is imported: the program's process-wide settings.
from curator.runtime import configure

configure()

# Then: a spawned hashing helper (curator.protect._pool) re-enters this executable and must
# run its task here instead of starting another copy of the program.
from curator.runtime import freeze_support  # noqa: E402

freeze_support()

from curator.cli import main  # noqa: E402

raise SystemExit(main())
