"""curator: offline curation of health-data exports (Load → Map → Protect → Check → Export).

The core is plain Python over pyarrow tables. It never imports Qt: the desktop app in ``ui/``
and the command line in :mod:`curator.cli` are two faces of it.
Importing it changes nothing in the process: the program's own settings (allocator, huge pages)
are made at its entry points by :func:`curator.runtime.configure`.
"""

__version__ = "0.1.0"
