"""Progress reporting and cancellation for long operations.

Long operations are plain functions that take ``progress: ProgressCallback | None``. They call
``progress(fraction, message)`` now and then with ``fraction`` in [0, 1]; the callback may raise
:class:`Cancelled` to stop the work, which the operation lets propagate after cleaning up. The
UI's worker threads pass a callback that raises when the user pressed Cancel; the command line
passes one that draws on stderr. The core never knows which.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Cancelled(Exception):
    """Raised by a progress callback to stop the operation that called it."""


class ProgressCallback(Protocol):
    def __call__(self, fraction: float, message: str = "") -> None: ...


def report(progress: ProgressCallback | None, fraction: float, message: str = "") -> None:
    """Call ``progress`` if there is one; the single place operations report through."""
    if progress is not None:
        progress(min(max(fraction, 0.0), 1.0), message)


def scaled(progress: ProgressCallback | None, start: float, end: float) -> ProgressCallback | None:
    """A callback that maps a sub-task's [0, 1] onto [start, end] of the parent's."""
    if progress is None:
        return None

    def sub(fraction: float, message: str = "") -> None:
        progress(start + (end - start) * min(max(fraction, 0.0), 1.0), message)

    return sub


class Throttle:
    """Forwards progress only when it moved by ``step`` or ``interval`` seconds passed.

    Cancellation is still checked on every call: the wrapped callback is always called when
    ``check_cancel`` says so, so Cancel stays responsive even when progress does not move.
    """

    def __init__(self, target: ProgressCallback, step: float = 0.001, interval: float = 0.1,
                 check_cancel: Callable[[], None] | None = None) -> None:
        self._target = target
        self._step = step
        self._interval = interval
        self._check_cancel = check_cancel
        self._last_fraction = -1.0
        self._last_time = 0.0

    def __call__(self, fraction: float, message: str = "") -> None:
        if self._check_cancel is not None:
            self._check_cancel()
        now = time.monotonic()
        if (fraction - self._last_fraction >= self._step or fraction >= 1.0
                or now - self._last_time >= self._interval):
            self._last_fraction = fraction
            self._last_time = now
            self._target(fraction, message)
