"""Frozen entry point of the console executable `curator`: the command line, as `curator.cli:main`."""

from curator.cli import main

raise SystemExit(main())
