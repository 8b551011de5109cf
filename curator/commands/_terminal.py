"""Progress on stderr for long runs on a terminal: percentage, rate, time left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from curator.progress import ProgressCallback


def terminal_progress(label: str = "", rows: Callable[[], int] | None = None) -> ProgressCallback | None:
    """A progress callback drawing one updating line on stderr, or None when stderr is not a terminal.

    ``rows`` (if given) returns the number of rows the whole job handles, once known: the line
    then shows the rate in rows per second.
    """
    if not sys.stderr.isatty():
        return None
    start = time.monotonic()
    last = [0.0]

    def show(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] < 0.2 and fraction < 1.0:
            return
        last[0] = now
        elapsed = now - start
        left = f", {elapsed * (1 - fraction) / fraction:.0f} s left" if 0.02 < fraction < 1.0 else ""
        total = rows() if rows is not None else 0
        if total and elapsed > 0:
            left = f", {total * fraction / elapsed:,.0f} rows/s{left}"
        sys.stderr.write(f"\r{label}{fraction * 100:5.1f}%{left} {message[:60]:<60}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
