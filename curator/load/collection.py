"""Python's cyclic garbage collector paused while a reader builds millions of cell objects.

A workbook arrives as one Python list per row and one object per cell: the collector's passes
over those lists, none of which can form a cycle, are a large share of the conversion (figures:
benchmarks/README.md). Reference counting still frees everything as usual.

The collector is process-wide, so a pause is counted: two threads reading workbooks at once each
hold one, and the collector runs again once the last one ends, and only if it ran before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
