"""Long work off the GUI thread: a plain core function run on a QThreadPool with progress and Cancel.

The function receives a progress callback (``curator.progress.ProgressCallback``). The callback
raises :class:`curator.progress.Cancelled` once Cancel was pressed and forwards progress as a
Qt signal only when it moved enough (``Throttle``), so a tight loop in the core cannot flood the
event loop. The core's progress detail (a ``curator.messages.Text`` or a marked word) is put in the
interface language here, before the signal turns it into a plain string (Qt's translate is
thread-safe). Results, errors and cancellation come back as queued signals on the GUI thread.

The app starts its work as an :class:`Operation` (after Anki's ``QueryOp``): the work, and a typed
path for each way it ends. ``TaskRunner.run`` starts it; an operation with a ``key`` replaces the
running one with that key (after Orange's ``ConcurrentMixin``): the older is asked to cancel and
whatever it ends with is ignored, so a slow first run can never overwrite a newer one's result.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from curator.progress import Cancelled, ProgressCallback, Throttle
from ui.i18n import progress_detail
from ui.qt import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")
WORKER_NICENESS = 10
ErrorReport = Callable[[str, Exception], None]    # (title, error): how a runner tells the user


class TaskSignals(QObject):
    # Results and errors stay on the Task (task.result, task.error): passing Python objects, None
    # above all, through queued signals has broken reference counts in some PySide6 releases.
    progress = Signal(float, str)  # the detail already in the interface language ("" when it is not translated)
    succeeded = Signal()           # task.result() returns the function's result
    failed = Signal()              # task.error holds the exception it raised
    cancelled = Signal()
    finished = Signal()            # after any of the three above


class Task(QRunnable, Generic[T]):
    """One run of ``function(progress)`` returning a ``T``. Create it on the GUI thread so its signals live there."""

    def __init__(self, function: Callable[[ProgressCallback], T], label: str = "", can_cancel: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(False)          # the pool must not delete what Python still references
        self.function = function
        self.label = label
        self.can_cancel = can_cancel
        self.signals = TaskSignals()
        self._cancel_requested = threading.Event()
        self.done = threading.Event()
        self._result: tuple[T] | None = None   # a 1-tuple once succeeded: T itself may be None
        self.error: Exception | None = None

    def cancel(self) -> None:
        if self.can_cancel:
            self._cancel_requested.set()

    def result(self) -> T:
        """What the function returned; only once ``succeeded`` was emitted."""
        if self._result is None:
            raise RuntimeError(f"task {self.label!r} has no result")
        return self._result[0]

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
                self._result = (result,)
                self.signals.succeeded.emit()
        finally:
            self.done.set()
            self.signals.finished.emit()


def _log_error(title: str, error: Exception) -> None:
    log.warning("%s: %s", title, error)


def _lower_this_thread_priority() -> None:
    """Let the GUI thread win the CPU (and so the GIL hand-off) when the machine is busy.

    Linux applies nice per thread; raising it needs no privilege. Elsewhere this does nothing.
    """
    if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            if current < WORKER_NICENESS:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)


@dataclass(frozen=True)
class Operation(Generic[T]):
    """Background work and what to do with each way it ends, all called on the GUI thread."""

    work: Callable[[ProgressCallback], T]      # runs on a worker; may raise Cancelled through progress
    label: str                                  # shown beside the progress bar
    on_success: Callable[[T], None]
    on_failure: Callable[[Exception], None] | None = None   # None: the runner's error report (a dialog)
    on_cancel: Callable[[], None] | None = None             # the user pressed Cancel (not for a replaced run)
    can_cancel: bool = True                     # Cancel is offered only when the work checks for it
    key: str | None = None                      # a newer operation with the same key replaces this one
    error_title: str = ""                       # the error dialog's title (the label when empty)


class TaskRunner(QObject):
    """Starts tasks on a pool and keeps them referenced until they finish."""

    started = Signal(object)     # Task
    ended = Signal(object)       # Task
    cancelled = Signal(object)   # Task: an operation the user cancelled (not one replaced by a newer run)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None,
                 report_error: ErrorReport | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Task[Any]] = set()
        self._latest: dict[str, Task[Any]] = {}
        self._report_error = report_error or _log_error

    def run(self, operation: Operation[T]) -> Task[T]:
        """Start ``operation`` on the pool; with a key, the running operation of that key is cancelled
        and its late result, error or cancellation ignored."""
        task: Task[T] = Task(operation.work, operation.label, operation.can_cancel)
        key = operation.key
        if key is not None:
            older = self._latest.get(key)
            if older is not None:
                older.cancel()
            self._latest[key] = task

        def current() -> bool:
            return key is None or self._latest.get(key) is task

        def succeeded() -> None:
            if current():
                operation.on_success(task.result())

        def failed() -> None:
            error = task.error
            if not current() or error is None:
                return
            if operation.on_failure is not None:
                operation.on_failure(error)
            else:
                self._report_error(operation.error_title or operation.label, error)

        def cancelled() -> None:
            if current():
                self.cancelled.emit(task)
                if operation.on_cancel is not None:
                    operation.on_cancel()

        def finished() -> None:
            if key is not None and self._latest.get(key) is task:
                del self._latest[key]

        task.signals.succeeded.connect(succeeded)
        task.signals.failed.connect(failed)
        task.signals.cancelled.connect(cancelled)
        task.signals.finished.connect(finished)
        return self.start(task)

    def report_error(self, title: str, error: Exception) -> None:
        """Tell the user about ``error`` the way this runner's failures are told (a dialog in the window)."""
        self._report_error(title, error)

    def start(self, task: Task[T]) -> Task[T]:
        self._running.add(task)
        task.signals.finished.connect(lambda: self._forget(task))
        self.started.emit(task)
        self._pool.start(task)
        return task

    def _forget(self, task: Task[T]) -> None:
        self._running.discard(task)
        self.ended.emit(task)

    def running(self) -> list[Task[Any]]:
        return list(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_all(self, timeout_ms: int = 30000) -> bool:
        return self._pool.waitForDone(timeout_ms)
