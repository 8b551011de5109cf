"""Long work off the GUI thread: a plain core function run on a QThreadPool with progress and Cancel.

The function receives a progress callback (``curator.progress.ProgressCallback``). The callback
raises :class:`curator.progress.Cancelled` once Cancel was pressed and forwards progress as a
Qt signal only when it moved enough (``Throttle``), so a tight loop in the core cannot flood the
event loop. The core's progress detail (a ``curator.messages.Text`` or a marked word) is put in the
interface language here, before the signal turns it into a plain string (Qt's translate is
thread-safe). Results, errors and cancellation come back as queued signals on the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from curator.progress import Cancelled, ProgressCallback, Throttle
from ui.i18n import progress_detail
from ui.qt import QObject, QRunnable, QThreadPool, Signal

TaskFunction = Callable[[ProgressCallback], Any]
WORKER_NICENESS = 10


class TaskSignals(QObject):
    # Results and errors stay on the Task (task.result, task.error): passing Python objects, None
    # above all, through queued signals has broken reference counts in some PySide6 releases.
    progress = Signal(float, str)  # the detail already in the interface language ("" when it is not translated)
    succeeded = Signal()           # task.result holds the function's result
    failed = Signal()              # task.error holds the exception it raised
    cancelled = Signal()
    finished = Signal()            # after any of the three above


class Task(QRunnable):
    """One run of ``function(progress)``. Create it on the GUI thread so its signals live there."""

    def __init__(self, function: TaskFunction, label: str = "", can_cancel: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(False)          # the pool must not delete what Python still references
        self.function = function
        self.label = label
        self.can_cancel = can_cancel
        self.signals = TaskSignals()
        self._cancel_requested = threading.Event()
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        if self.can_cancel:
            self._cancel_requested.set()

    def is_cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    def _check_cancel(self) -> None:
        if self._cancel_requested.is_set():
            raise Cancelled()

    def _emit_progress(self, fraction: float, message: str = "") -> None:
        self.signals.progress.emit(float(fraction), progress_detail(message))

    def run(self) -> None:
        _lower_this_thread_priority()
        progress = Throttle(self._emit_progress, step=0.01, interval=0.1, check_cancel=self._check_cancel)
        try:
            result = self.function(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:   # shown to the user by whoever started the task
            self.error = exc
            self.signals.failed.emit()
        else:
            # Cancel pressed after the function's last check: the user asked for no change, honour it.
            if self._cancel_requested.is_set():
                self.signals.cancelled.emit()
            else:
                self.result = result
                self.signals.succeeded.emit()
        finally:
            self.done.set()
            self.signals.finished.emit()


def _lower_this_thread_priority() -> None:
    """Let the GUI thread win the CPU (and so the GIL hand-off) when the machine is busy.

    Linux applies nice per thread; raising it needs no privilege. Elsewhere this does nothing.
    """
    if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            if current < WORKER_NICENESS:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)


class TaskRunner(QObject):
    """Starts tasks on a pool and keeps them referenced until they finish."""

    started = Signal(object)     # Task
    ended = Signal(object)       # Task

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def start(self, task: Task) -> Task:
        self._running.add(task)
        task.signals.finished.connect(lambda: self._forget(task))
        self.started.emit(task)
        self._pool.start(task)
        return task

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        self.ended.emit(task)

    def running(self) -> list[Task]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        return self._pool.waitForDone(timeout_ms)
