"""Progress on stderr for long runs on a terminal: percentage, rate, time left."""

from __future__ import annotations

import sys
import time

from curator.progress import ProgressCallback


def terminal_progress(label: str = "") -> ProgressCallback | None:
    """A progress callback drawing one updating line on stderr, or None when stderr is not a terminal."""
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
        sys.stderr.write(f"\r{label}{fraction * 100:5.1f}%{left} {message[:60]:<60}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
