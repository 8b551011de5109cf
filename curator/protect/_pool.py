"""One helper process that hashes half of a large column while this process hashes the other half.

Without the compiled accelerator (``_hmac_core.native``), hashing a million distinct values is a
Python loop bound by one core; every workstation curator runs on has two. The helper is started
with the ``spawn`` method (the only one on Windows, and safe beside the threads of Qt and Arrow),
once per session, and kept for the next column. A
headless apply also has it open the secret file (age's scrypt holds the GIL for a second) while
the data is read.

Frozen executables: a spawned helper re-runs the executable, which must hand it over to
multiprocessing before doing anything else. The entry points in ``build_spec/`` must therefore
call :func:`freeze_support` first; until they do, a frozen app hashes in one process (it never
risks opening a second window). Anything that stops the helper from starting or finishing —
no permission to start processes, an antivirus killing it — falls back to hashing here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from curator.protect import _hmac_core
from curator.runtime import helpers_allowed

PARALLEL_ABOVE = 200_000   # distinct values; below it, starting and feeding the helper costs more than it saves

T = TypeVar("T")
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_disabled = False
def _allowed() -> bool:
    return not _disabled and helpers_allowed()


def _get_executor() -> ProcessPoolExecutor | None:
    global _executor, _disabled
    with _lock:
        if _executor is None and _allowed():
            try:
                _executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_helper_started,
                                                initargs=(os.getpid(), threading.current_thread() is threading.main_thread()))
            except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:
                _log.info("hashing in one process: no helper process (%s)", exc)
                _disabled = True
        return _executor


def _helper_started(parent: int, started_by_main_thread: bool) -> None:
    """In the helper, first thing: end when the parent process ends, however it ends (a kill -9 too).

    The helper holds the secret and values in clear in its memory, and a helper whose parent was
    killed would wait on its pipe for ever. On Linux the kernel sends SIGKILL when the parent dies
    (``PR_SET_PDEATHSIG``; the kernel ties it to the thread that started the helper, so it is asked
    for only when that is the parent's main thread, which lives as long as the process). Everywhere, a
    watchdog thread ends the helper once its parent is no longer the process that started it.
    """
    if started_by_main_thread and sys.platform.startswith("linux"):
        try:
            import ctypes  # only where prctl exists: Linux

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if not _parent_alive(parent):     # the parent died before the request above was in place
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="curator-helper-watchdog", daemon=True).start()


_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.5


def _parent_alive(parent: int) -> bool:
    if sys.platform == "win32":
        return _windows_process_alive(parent)
    return os.getppid() == parent   # reparented (to init or a subreaper) once the parent is gone


def _windows_process_alive(pid: int) -> bool:
    import ctypes  # windll exists on Windows only

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000 | 0x00100000, False, pid)   # QUERY_LIMITED_INFORMATION | SYNCHRONIZE
    if not handle:
        return False
    try:
        return bool(kernel32.WaitForSingleObject(handle, 0) == 0x102)   # WAIT_TIMEOUT: still running
    finally:
        kernel32.CloseHandle(handle)


def _watch_parent(parent: int) -> None:
    while _parent_alive(parent):
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _give_up(exc: BaseException) -> None:
    """The helper failed: hash in this process from now on."""
    global _executor, _disabled
    _log.info("hashing in one process: the helper process failed (%s)", type(exc).__name__)
    with _lock:
        _disabled = True
        if _executor is not None:
            _executor.shutdown(wait=False, cancel_futures=True)
            _executor = None


def warm_up() -> None:
    """Start the helper now (it takes a fraction of a second) so that it is ready when the values are;
    with the compiled accelerator, values are hashed in this process and no helper is started."""
    if _hmac_core.native is not None:
        return
    executor = _get_executor()
    if executor is None:
        return
    try:
        executor.submit(_hmac_core.digests, b"", [])
    except Exception as exc:  # noqa: BLE001 - any failure only means hashing in one process
        _give_up(exc)


def submit_packed(key: bytes, data: bytes, offsets: bytes, offset_code: str) -> Future[bytes] | None:
    """Hash packed values in the helper; None when there is no helper (hash them here)."""
    return submit_call(_hmac_core.digests_of_packed, key, data, offsets, offset_code)


def submit_call(function: Callable[..., T], *args: Any) -> Future[T] | None:
    """Run ``function(*args)`` in the helper (a module-level function of a light module, such as
    :mod:`curator.protect._kdf`); None when there is no helper (call it here)."""
    executor = _get_executor()
    if executor is None:
        return None
    try:
        return executor.submit(function, *args)
    except Exception as exc:  # noqa: BLE001 - any failure only means running it in this process
        _give_up(exc)
        return None


def result_or_none(future: Future[T]) -> T | None:
    """The helper's result; None if it failed (the caller does that work itself)."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, pickling, OSError...: hash here
        _give_up(exc)
        return None
