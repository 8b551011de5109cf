"""Private work folders and safe writes: no plaintext outlives a run, no output is written through a planted name.

Work files that hold unencrypted data (the curated Parquet file, the reports before encryption, the
members of a package being opened) live in one folder per run under a per-user work root, made 0700
and holding a ``lock`` file that the live run keeps locked (``flock``; ``msvcrt.locking`` on
Windows). Everything the run made is removed on any exit the process sees (return, exception,
SIGINT, and SIGTERM/SIGHUP through :func:`install_signal_cleanup`); after a kill -9 the next run of
curator takes the lock of the orphaned folder — a lock can be taken only once its holder is gone,
whatever became of its pid — and removes it, with the files the run had recorded elsewhere
(``.part`` files beside outputs, the staging folder of ``open``).

The work root is ``$CURATOR_WORK_DIR`` when set, else the user's cache folder (``$XDG_CACHE_HOME``
or ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows) ``/curator/work``:
private to the user and never the output folder, which may be shared. Only ciphertext is ever
written beside an output: the final ``name.part``, which must be on the output's filesystem for the
rename into place to be atomic. ``open`` is the one exception by necessity (its plaintext members
must be renamed into the output folder), so its staging folder beside the output is itself a
locked 0700 work folder, recorded with the run and cleared the same way.

Every output goes through :func:`atomic_output`: ``name.part`` opened with
``O_CREAT|O_EXCL|O_NOFOLLOW`` at 0600 (a planted file or symlink of that name is refused, never
written through), flushed and synced, then linked to ``name`` (which fails if ``name`` appeared
meanwhile) or, for a file that is meant to be replaced, renamed over it.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

from curator.errors import InputError, Location
from curator.inputs import os_error
from curator.messages import QT_TRANSLATE_NOOP, Text

WORK_DIR_ENV = "CURATOR_WORK_DIR"
PREFIX = ".curator-"            # private work folders beside an output (the staging folder of open)
_RUN_PREFIX = "run-"
_LOCK = "lock"
_ELSEWHERE = "elsewhere.jsonl"  # paths outside the run folder that the run made and a later run may clear
_FILE_CLOCK_SLACK_NS = 2_000_000_000   # file times come from a coarse clock that may lag time.time_ns()
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

_lock = threading.RLock()
_run: _Run | None = None
_live_parts: set[Path] = set()
_live_dirs: dict[Path, int] = {}   # private folders made beside outputs -> their lock's descriptor


class Terminated(BaseException):  # noqa: N818 - named after the signal, like KeyboardInterrupt
    """SIGTERM or SIGHUP arrived: unwinds like KeyboardInterrupt so that every ``finally`` cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# --- locks ------------------------------------------------------------------------------------

def _lock_fd(fd: int, wait: bool) -> bool:
    """Take an exclusive lock on ``fd``; without ``wait``, False when another process holds it."""
    try:
        import fcntl  # POSIX only; msvcrt below on Windows
    except ImportError:  # Windows
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                return True
            except OSError:
                if not wait:
                    return False   # LK_LOCK gives up after ten seconds: keep waiting
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError as exc:
        if not wait and exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


@contextmanager
def locked(path: Path | str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (made 0600 if missing, never through a symlink) for the block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _NO_FOLLOW | _BINARY | _CLOEXEC, 0o600)
    try:
        _lock_fd(fd, wait=True)
        yield
    finally:
        os.close(fd)


def _new_locked_folder(parent: Path, prefix: str) -> tuple[Path, int]:
    """A fresh 0700 folder in ``parent`` with its ``lock`` file locked by this process."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))   # 0700, a name nobody else has
    fd = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | _BINARY | _CLOEXEC, 0o600)
    if not _lock_fd(fd, wait=False):   # nobody else can know this folder yet
        os.close(fd)
        raise OSError(errno.EAGAIN, "cannot lock a new work folder", str(folder))
    return folder, fd


def _is_ours(path: Path) -> os.stat_result | None:
    """lstat of ``path`` when it is a real folder owned by this user; None otherwise."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return info


def _clear_if_abandoned(folder: Path, min_age: float | None = 60.0) -> bool:
    """Remove ``folder`` (a work folder) if no live process holds its lock; True when removed.

    A folder without a lock file is removed only when ``min_age`` is given and it is older than that
    (a run folder in the work root, made a moment before its lock); None keeps it (beside an output).
    """
    if _is_ours(folder) is None or folder in _live_dirs or (_run is not None and folder == _run.path):
        return False
    try:
        fd = os.open(folder / _LOCK, os.O_RDWR | _NO_FOLLOW | _BINARY | _CLOEXEC)
    except FileNotFoundError:
        if min_age is None:
            return False
        # Made but not yet locked by its owner (a moment's window), or its lock was lost: old enough means abandoned.
        try:
            if time.time() - os.lstat(folder).st_mtime < min_age:
                return False
        except OSError:
            return False
        fd = -1
    except OSError:
        return False
    try:
        if fd >= 0 and not _lock_fd(fd, wait=False):
            return False
        _clear_elsewhere(folder / _ELSEWHERE)
        shutil.rmtree(folder, ignore_errors=True)
        return True
    finally:
        if fd >= 0:
            os.close(fd)


def _clear_elsewhere(record: Path) -> None:
    """Remove what a dead run recorded outside its folder, if it is still the very file or folder it made."""
    try:
        lines = record.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    made: dict[Path, tuple[int, int]] = {}
    announced: dict[Path, int] = {}
    for line in lines:
        try:
            item = json.loads(line)
            path = Path(item["path"])
            if "announced_ns" in item:
                announced[path] = int(item["announced_ns"])
            else:
                made[path] = (int(item["dev"]), int(item["ino"]))
        except (ValueError, KeyError, TypeError):
            continue
    for path, identity in made.items():
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) != identity:
            continue      # renamed into place, or another file of the same name since: not ours to remove
        if stat.S_ISDIR(info.st_mode):
            _clear_if_abandoned(path, min_age=0.0)
        elif stat.S_ISREG(info.st_mode):
            with suppress(OSError):
                path.unlink()
    for path, announced_ns in announced.items():
        if path not in made and _is_unconfirmed_part(path, announced_ns):
            with suppress(OSError):
                path.unlink()


def _is_unconfirmed_part(path: Path, announced_ns: int) -> bool:
    """Whether ``path`` is the ``.part`` a run announced and then was killed before it could record it.

    Only the file :func:`create_private` makes fits: a regular file of ours, private, still empty (the
    record comes before anything is written) and made after the announcement (less the coarse clock
    file times are set from); anything else of that name is left alone.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return False
    private = not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o077)
    return (stat.S_ISREG(info.st_mode) and info.st_size == 0 and private
            and info.st_mtime_ns >= announced_ns - _FILE_CLOCK_SLACK_NS)


# --- the work root and this run's folder ------------------------------------------------------

def work_root() -> Path:
    """The per-user folder holding one private folder per run (made 0700 if missing).

    ``$CURATOR_WORK_DIR``, else the user's cache folder; where that cannot be made (a read-only
    home), a ``curator-work-USER`` folder in the system's temporary folder, checked the same way.
    """
    configured = os.environ.get(WORK_DIR_ENV)
    if configured:
        return _private_root(Path(configured))
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "curator" / "work"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches" / "curator" / "work"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "curator" / "work"
    try:
        return _private_root(root)
    except OSError:
        user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
        return _private_root(Path(tempfile.gettempdir()) / f"curator-work-{user}")


def _private_root(root: Path) -> Path:
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(root)
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the work folder is not a folder of yours; curator keeps "
                                                        "unencrypted work files only in a private folder")),
                         Location(file=root),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Remove it, or set CURATOR_WORK_DIR to a folder only you "
                                                             "can read.")))
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(root, 0o700)
    return root


class _Run:
    def __init__(self, path: Path, lock_fd: int) -> None:
        self.path = path
        self.lock_fd = lock_fd
        self.pid = os.getpid()


def clear_stale(beside: Iterable[Path | str] = ()) -> int:
    """Remove the work folders of runs that are gone (killed, crashed), and those beside ``beside``.

    ``beside`` are output folders whose ``.curator-*`` staging folders are checked too. Returns how
    many folders were removed. Never raises: a folder that cannot be cleared now is left for later.
    """
    removed = 0
    try:
        root = work_root()
        candidates = [root / name for name in os.listdir(root) if name.startswith(_RUN_PREFIX)]
    except (OSError, InputError):
        candidates = []
    for folder in candidates:
        with suppress(OSError):
            removed += _clear_if_abandoned(folder)
    for output_folder in beside:
        with suppress(OSError):
            for name in os.listdir(output_folder):
                if name.startswith(PREFIX):
                    removed += _clear_if_abandoned(Path(output_folder) / name, min_age=None)
    return removed


def run_folder() -> Path:
    """This process's private work folder (0700, locked while the process lives), made on first use.

    Making it first clears what killed runs left behind.
    """
    global _run
    with _lock:
        if _run is not None and _run.pid == os.getpid():
            return _run.path
        clear_stale()
        path, fd = _new_locked_folder(work_root(), f"{_RUN_PREFIX}{os.getpid()}-")
        _run = _Run(path, fd)
        return path


def _record_elsewhere(path: Path) -> None:
    """Note ``path`` (made outside the run folder) so that a later run can clear it if this one is killed."""
    info = os.lstat(path)
    _append_record({"path": str(Path(path).absolute()), "dev": info.st_dev, "ino": info.st_ino})


def _announce_elsewhere(path: Path) -> None:
    """Note ``path`` before it is made: a kill between making it and :func:`_record_elsewhere` would
    otherwise leave a file no later run knows of."""
    _append_record({"path": str(Path(path).absolute()), "announced_ns": time.time_ns()})


def _append_record(item: dict[str, Any]) -> None:
    fd = os.open(run_folder() / _ELSEWHERE, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NO_FOLLOW | _BINARY | _CLOEXEC,
                 0o600)
    try:
        os.write(fd, (json.dumps(item) + "\n").encode("utf-8"))
    finally:
        os.close(fd)


@contextmanager
def private_folder(purpose: str, beside: Path | None = None) -> Iterator[Path]:
    """A fresh 0700 folder for work files, removed when the block ends however it ends.

    In this run's folder under the work root; or, with ``beside``, a locked ``.curator-PURPOSE-*``
    folder in ``beside`` (for files that must be renamed into that folder), recorded with the run.
    """
    if beside is None:
        folder = Path(tempfile.mkdtemp(prefix=f"{purpose}-", dir=run_folder()))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    run_folder()
    with _lock:
        folder, fd = _new_locked_folder(Path(beside), f"{PREFIX}{purpose}-")
        _live_dirs[folder] = fd
    try:
        _record_elsewhere(folder)
        yield folder
    finally:
        _remove_live_dir(folder)


def publish_folder(folder: Path, target: Path) -> bool:
    """Rename ``folder`` (from :func:`private_folder` with ``beside=target.parent``) to ``target`` in one step.

    Everything appears at once or nothing does, so a kill leaves no half-filled ``target``. False,
    with ``folder`` untouched, when ``target`` exists (the caller then moves file by file).
    """
    if os.path.lexists(target):
        return False
    try:
        os.rename(folder, target)
    except OSError:
        return False
    with _lock:
        fd = _live_dirs.pop(folder, None)
    with suppress(OSError):
        os.unlink(target / _LOCK)     # an empty file; a kill just before this leaves only that
    if fd is not None:
        with suppress(OSError):
            os.close(fd)
    return True


def _remove_live_dir(folder: Path) -> None:
    with _lock:
        fd = _live_dirs.pop(folder, None)
    shutil.rmtree(folder, ignore_errors=True)
    if fd is not None:
        with suppress(OSError):
            os.close(fd)


def cleanup() -> None:
    """Remove everything this process made that is still there: ``.part`` files, staging and work folders.

    Run at exit and by the signal handlers; safe to call more than once.
    """
    global _run
    with _lock:
        parts = list(_live_parts)
        _live_parts.clear()
        dirs = list(_live_dirs)
        run = _run if _run is not None and _run.pid == os.getpid() else None
        _run = None
    for part in parts:
        with suppress(OSError):
            part.unlink()
    for folder in dirs:
        _remove_live_dir(folder)
    if run is not None:
        shutil.rmtree(run.path, ignore_errors=True)
        with suppress(OSError):
            os.close(run.lock_fd)


atexit.register(cleanup)


# --- writing outputs --------------------------------------------------------------------------

def _exists_error(path: Path) -> InputError:
    return InputError(Text(QT_TRANSLATE_NOOP("core", "the file exists already; curator never overwrites it")),
                      Location(file=path),
                      hint=Text(QT_TRANSLATE_NOOP("core", "Choose another name, or move the old file away first.")))


def create_private(path: Path | str) -> BinaryIO:
    """Open a new file for writing at 0600; refuse an existing name (a planted file or symlink above all)."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | _BINARY | _CLOEXEC, 0o600)
    except FileExistsError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{name} exists already (left by an interrupted run, or put "
                                                        "there by someone else); curator does not write through it"),
                              name=path.name),
                         Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Look at what it is, remove it, and run again."))) from exc
    except OSError as exc:
        raise os_error(exc, path, writing=True) from exc
    return os.fdopen(fd, "wb")


def publish(source: Path, target: Path, *, overwrite: bool = False) -> None:
    """Move the finished file ``source`` to ``target`` in one step; never over an existing ``target``
    unless ``overwrite``."""
    if overwrite:
        os.replace(source, target)
        return
    try:
        os.link(source, target)
    except FileExistsError as exc:
        raise _exists_error(target) from exc
    except OSError:
        # A filesystem without hard links (FAT, some network shares): check, then rename.
        if os.path.lexists(target):
            raise _exists_error(target) from None
        os.replace(source, target)
        return
    os.unlink(source)


@contextmanager
def atomic_output(path: Path | str, *, overwrite: bool = False, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Write ``path`` through ``path.part``: a new private file, synced, then moved into place.

    On any exit but success (an exception, Cancelled, KeyboardInterrupt, a SIGTERM turned into
    :class:`Terminated`) the ``.part`` is removed; after a kill -9 the next run removes it. ``mode``
    is the final file's (0644 for a public key); it stays 0600 while being written.
    """
    path = Path(path)
    if not overwrite and os.path.lexists(path):
        raise _exists_error(path)
    part = path.with_name(path.name + ".part")
    with suppress(OSError, InputError):
        _announce_elsewhere(part)
    handle = create_private(part)
    with _lock:
        _live_parts.add(part)
    try:
        with suppress(OSError, InputError):
            _record_elsewhere(part)
        with handle:
            yield handle
            handle.flush()
            if mode != 0o600 and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        publish(part, path, overwrite=overwrite)
    finally:
        with _lock:
            _live_parts.discard(part)
        with suppress(FileNotFoundError):
            part.unlink()


def write_atomic(path: Path | str, data: bytes | str, *, overwrite: bool = False, mode: int = 0o600) -> None:
    """:func:`atomic_output` for a whole file at once (``str`` is written as UTF-8)."""
    with atomic_output(path, overwrite=overwrite, mode=mode) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


# --- signals ----------------------------------------------------------------------------------

_HANDLED = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _raise_terminated(signum: int, _frame: Any) -> None:
    # A second signal must not interrupt the cleanup the first one started.
    for handled in _HANDLED:
        signal.signal(handled, signal.SIG_IGN)
    raise Terminated(signum)


def install_signal_cleanup() -> Callable[[], None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` in the main thread; returns what undoes it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {handled: signal.signal(handled, _raise_terminated) for handled in _HANDLED}

    def restore() -> None:
        for handled, handler in previous.items():
            signal.signal(handled, handler)
    return restore


def die_of(signum: int) -> None:
    """Clean up, then end the process by ``signum`` as if it had not been caught (its exit status says so)."""
    cleanup()
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)
