"""Read binary formats in a reader process, so that a damaged file cannot take the program down.

The workbook, Parquet/Feather and SAS/Stata/SPSS readers are native code (Rust, C++, C) fed bytes
that may be damaged or hostile: a bad file can crash them (segmentation fault, C++ ``terminate``,
Rust panic turned abort), make them allocate from a damaged size field until the machine swaps,
or loop. Such reads run in a reader process under a memory limit (``RLIMIT_AS``/``RLIMIT_DATA``,
set for each read) and a time limit (the process is killed when it is over); it renders the table
as text exactly as an in-process read would and hands it back as Arrow IPC record batches over a
pipe. A crash, an abort, an out-of-memory or a timeout becomes an :class:`InputError` naming the
file and the likely cause, and the caller (the app) keeps what it had. A streamed read (``apply`` of
a big Parquet file) is decoded there too, its batches handed back as they are made (:func:`stream`).

Cheap on purpose: the reader process is kept between reads (one read at a time; a second one is
started for reads made at the same time, and a new one replaces any that died, was killed or grew
past ``RECYCLE_ABOVE_BYTES``), so a guarded read of a small file costs a few milliseconds. On Linux
and macOS it is forked from a *forkserver* that imported the readers once; :func:`warm_up` starts
it ahead (the app does, at start-up). Where only ``spawn`` exists (Windows) the reader process is
a fresh interpreter, started once, and there is no ``RLIMIT``: the time limit alone applies there
(a job object would be needed to bound memory; not done). Progress reported by the reader reaches
the caller's callback, which is also called while the reader works, so that a callback raising
:class:`~curator.progress.Cancelled` stops the read (the reader process is killed).

Frozen executables follow :mod:`curator.protect._pool`: the entry point calls its
``freeze_support()`` first; until it does, a frozen app reads in-process (unguarded) rather than
risk starting a second copy of itself.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
import types
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.errors import CuratorError, InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.runtime import helpers_allowed

_log = logging.getLogger(__name__)

GIB = 1024**3
BATCH_ROWS = 65_536           # rows per record batch sent back: bounded pieces, few messages
RECYCLE_ABOVE_BYTES = GIB     # a worker that grew past this is stopped after its read
POLL_SECONDS = 0.1            # how often the caller's progress callback is given a chance to cancel
PROGRESS_STEP = 0.01          # the child reports progress when it moved this much
FORMAT_NAMES = {"xlsx": "XLSX", "xlsm": "XLSM", "xls": "XLS", "xlsb": "XLSB", "ods": "ODS", "parquet": "Parquet",
                "feather": "Feather", "sas7bdat": "SAS", "xpt": "SAS transport", "dta": "Stata", "sav": "SPSS"}
# What the forkserver imports once, so that each worker starts warm. Not pyreadstat and the pandas it
# imports on its first read (over a second): a worker imports them for its first SAS/Stata/SPSS
# file, or ahead in the app's warm-up (the "warm" job), not in a command line reading a workbook.
PRELOAD = [__name__, "curator.load.sheets", "curator.load.columnar"]
_MEMORY_WORDS = ("memory allocation of", "bad_alloc", "out of memory", "cannot allocate memory",
                 "memoryerror", "failed to allocate")


@dataclass(frozen=True)
class Limits:
    """What a guarded read may use: bytes of address space it may add to what the reader process
    holds when the read starts (None: no limit), and seconds of wall time."""

    memory_bytes: int | None
    seconds: float


WORKBOOKS = frozenset({"xlsx", "xlsm", "xls", "xlsb", "ods"})


def default_limits(file_size: int, fmt: str = "") -> Limits:
    """Memory: 256 bytes per byte of file (a workbook's cells take 20-50 times its size as Python
    objects) above a floor, at most three quarters of the machine's; time: a minute plus 10 s per MiB.
    Far above what a genuine file needs, low enough that a damaged one fails rather than making
    the machine swap or hanging for ever.

    The floor is 256 MiB for a workbook and 2 GiB for the other formats. A workbook's cells are
    bounded by its bytes (XLS and XLSB hold them as records; XLSX and ODS are refused above a
    compression ratio of ``sheets.MAX_RATIO``), so a small workbook needs little memory: a damaged
    size field in a small one that makes calamine reserve and fill a gigabyte then fails in a
    fraction of a second instead of after writing the whole gigabyte (mutated XLS files do this
    often). Parquet, Feather and the statistical formats may
    legitimately expand far more than any fixed ratio (run-length and dictionary encoding, pandas
    under pyreadstat), hence their higher floor."""
    floor = 256 * 1024**2 if fmt in WORKBOOKS else 2 * GIB
    memory = floor + 256 * file_size
    with contextlib.suppress(ValueError, OSError, AttributeError):
        memory = min(memory, max(floor, os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") * 3 // 4))
    return Limits(memory_bytes=memory, seconds=60.0 + 10.0 * file_size / 1024**2)


# Guarded reads that failed, by "cause:detail" (cause: time, memory, signal, exit, failed); the fuzzing
# harness reads it to tell a reader's crash from a clean refusal.
failures: Counter[str] = Counter()
_override: list[Limits] = []


@contextlib.contextmanager
def limited(limits: Limits) -> Iterator[None]:
    """Guarded reads inside the block use ``limits`` (tests and the fuzzing harness use small ones)."""
    _override.append(limits)
    try:
        yield
    finally:
        _override.remove(limits)


# ---------------------------------------------------------------- jobs (run in the reader process)

def _job(name: str) -> Callable[..., Any]:
    # Imported here: the parent needs none of them (pyreadstat brings pandas); the forkserver preloads them.
    if name == "workbook":
        from curator.load.sheets import read_workbook  # in the reader process only (preloaded there)
        return read_workbook
    if name == "sheet_options":
        from curator.load.sheets import detect_sheet_options  # in the reader process only (preloaded there)
        return lambda *args, progress: detect_sheet_options(*args)
    if name == "sheets":
        from curator.load.sheets import list_workbook_sheets  # in the reader process only (preloaded there)
        return lambda *args, progress: list_workbook_sheets(*args)
    if name == "statistical":
        from curator.load.statistical import read_statistical  # in the reader process only (preloaded there)
        return read_statistical
    if name == "columnar":
        from curator.load.columnar import read_columnar  # in the reader process only (preloaded there)
        return read_columnar
    if name == "parquet_batches":
        from curator.load.columnar import iter_parquet_batches  # in the reader process only (preloaded there)
        return lambda *args, progress: iter_parquet_batches(*args)
    if name == "warm":
        return _warm
    raise ValueError(f"unknown guarded job {name!r}")


def _warm(*, progress: ProgressCallback | None = None) -> None:
    """Import what the first SAS/Stata/SPSS read would: the statistical reader, and pandas, which
    pyreadstat imports on its first read rather than on import."""
    import pandas  # noqa: F401

    import curator.load.statistical  # noqa: F401


class _ChildProgress:
    """The child's progress callback: forwards to the parent when the fraction moved a little."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._last = -1.0

    def __call__(self, fraction: float, message: str = "") -> None:
        if fraction - self._last >= PROGRESS_STEP or fraction >= 1.0:
            self._last = fraction
            self._conn.send(("progress", fraction, message))


def _limit_memory(memory_bytes: int | None) -> None:
    """This job's limit, as the soft limit: the hard one stays unlimited, so that the next job may
    have a higher one. Counted from what the process already holds (``/proc/self/status``, where
    there is one): a kept reader process keeps the address space a previous read reserved (pyarrow's
    allocator keeps a large arena reserved once it served a table), which an absolute limit would
    count against the next read, however small."""
    try:
        import resource  # POSIX only
    except ImportError:   # Windows: no RLIMIT (see the module's docstring)
        return
    held = _held_bytes()
    for name, field in (("RLIMIT_AS", "VmSize"), ("RLIMIT_DATA", "VmData")):
        kind = getattr(resource, name, None)
        if kind is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(kind, (resource.RLIM_INFINITY if memory_bytes is None else
                                          held.get(field, 0) + memory_bytes, resource.getrlimit(kind)[1]))


def _held_bytes() -> dict[str, int]:
    """The address space (``VmSize``) and private data (``VmData``) this process holds, in bytes; empty
    where there is no ``/proc`` (macOS: the limit is then counted from zero)."""
    held = {}
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            field, _, value = line.partition(":")
            if field in ("VmSize", "VmData"):
                held[field] = int(value.split()[0]) * 1024
    return held


def _serve(conn: Connection, stderr_path: str, owner: int) -> None:
    """The reader process: runs one job after another until the parent closes its end."""
    # A reader stuck in a loop must not outlive the program that asked for the read.
    threading.Thread(target=_exit_with, args=(owner,), name="curator-reader-watch", daemon=True).start()
    # A Rust panic or failed allocation prints a backtrace when RUST_BACKTRACE is set: symbolising it
    # takes a second, for nobody (the cause is its first line).
    os.environ["RUST_BACKTRACE"] = "0"
    # No core file: it would hold the data being read (patients' records), and writing one takes seconds.
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # POSIX only
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Native code says why it aborts on stderr ("memory allocation of N bytes failed"): kept for the
    # parent to name the cause, and off the user's terminal. Emptied at each job.
    with contextlib.suppress(OSError):
        fd = os.open(stderr_path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(fd, 2)
        os.close(fd)
    while True:
        try:
            job, args, memory_bytes = conn.recv()
        except (EOFError, OSError):
            return
        _limit_memory(memory_bytes)
        with contextlib.suppress(OSError):
            os.ftruncate(2, 0)
            os.lseek(2, 0, os.SEEK_SET)
        try:
            result = _job(job)(*args, progress=_ChildProgress(conn))
            if isinstance(result, types.GeneratorType):
                _send_batches(conn, result)
            else:
                _send_result(conn, result)
        except CuratorError as error:
            conn.send(("error", error))
        except MemoryError:
            conn.send(("memory",))
        except BaseException as error:  # noqa: BLE001 - pyo3's PanicException is a BaseException: all of it is the file's fault
            conn.send(("failed", f"{type(error).__name__}: {error}"[:300]))
        conn.send(("done", _peak_bytes()))


def _exit_with(owner: int) -> None:
    """Exit once process ``owner`` is gone. Its pid is watched: a forkserver child's
    ``parent_process()`` sentinel is the pipe its start data came through, closed at once."""
    if sys.platform == "win32":
        parent = multiprocessing.parent_process()   # spawned: a handle on the real parent
        if parent is not None:
            parent.join()
            os._exit(1)
        return
    while True:
        time.sleep(1.0)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:
            pass


def _peak_bytes() -> int:
    try:
        import resource  # POSIX only
    except ImportError:
        return 0
    scale = 1 if sys.platform == "darwin" else 1024     # ru_maxrss: bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _send_result(conn: Connection, result: Any) -> None:
    """A result whose tables (a ``pa.Table`` or an object with a ``table`` attribute, or tuple items)
    go as IPC record batches after a pickled description of the rest."""
    if isinstance(result, tuple):
        tables = [item for item in result if isinstance(item, pa.Table)]
        rest: Any = tuple(None if isinstance(item, pa.Table) else item for item in result)
    elif isinstance(getattr(result, "table", None), pa.Table):
        tables = [result.table]
        result.table = None
        rest = result
    else:
        tables, rest = [], result
    conn.send(("result", rest, len(tables)))
    for table in tables:
        conn.send_bytes(table.schema.serialize())
        batches = table.to_batches(max_chunksize=BATCH_ROWS)
        conn.send(len(batches))
        for batch in batches:
            conn.send_bytes(batch.serialize())


def _send_batches(conn: Connection, batches: Iterator[pa.RecordBatch]) -> None:
    """A streaming job's record batches, one message each as it is made (the schema when it changes)."""
    schema = None
    for batch in batches:
        if schema is None or not batch.schema.equals(schema):
            schema = batch.schema
            conn.send(("schema",))
            conn.send_bytes(schema.serialize())
        conn.send(("batch",))
        conn.send_bytes(batch.serialize())


def _receive_result(conn: Connection, rest: Any, count: int) -> Any:
    tables = []
    for _ in range(count):
        schema = pa.ipc.read_schema(pa.py_buffer(conn.recv_bytes()))
        batches = [pa.ipc.read_record_batch(pa.py_buffer(conn.recv_bytes()), schema) for _ in range(conn.recv())]
        tables.append(pa.Table.from_batches(batches, schema=schema))
    if isinstance(rest, tuple):
        filled = iter(tables)
        return tuple(next(filled) if item is None else item for item in rest)
    if count:
        rest.table = tables[0]
    return rest


# ---------------------------------------------------------------- the parent's side

_lock = threading.Lock()
_main_lock = threading.Lock()
_context_cache: list[Any] = []
_idle: list[_Worker] = []


def _allowed() -> bool:
    return helpers_allowed()


def _context() -> Any:
    """The multiprocessing context workers start from, or None when none may be started."""
    if not _allowed():
        return None
    with _lock:
        if not _context_cache:
            if "forkserver" in multiprocessing.get_all_start_methods():
                context: Any = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(PRELOAD)
            else:
                context = multiprocessing.get_context("spawn")
            _context_cache.append(context)
        return _context_cache[0]


@contextlib.contextmanager
def _without_main_module() -> Iterator[None]:
    """Start processes without the main script: multiprocessing has each new process (and the
    forkserver) import it again, which fails or misbehaves for a script without a ``__main__`` guard,
    code read from stdin, or a frozen entry point, and costs an import of the app for nothing — the
    reader runs only this module. A stand-in without ``__file__`` or ``__spec__`` stops it."""
    with _main_lock:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        # The forkserver is started as `python -c`, which puts the current folder first on sys.path:
        # run from a folder holding another `curator` (a checkout), it imported that one.
        safe_path = os.environ.get("PYTHONSAFEPATH")
        os.environ["PYTHONSAFEPATH"] = "1"
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main
            if safe_path is None:
                os.environ.pop("PYTHONSAFEPATH", None)
            else:
                os.environ["PYTHONSAFEPATH"] = safe_path


class _Worker:
    """A reader process kept between reads (starting one costs tens of ms); one read at a time."""

    def __init__(self, context: Any) -> None:
        handle, self.stderr_path = tempfile.mkstemp(prefix="curator-reader-", suffix=".log")
        os.close(handle)
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child, self.stderr_path, os.getpid()), daemon=True,
                                       name="curator-reader")
        try:
            with _without_main_module():
                self.process.start()
        except BaseException:
            self.conn.close()
            self._unlink()
            raise
        finally:
            child.close()

    def stop(self) -> None:
        if self.process.exitcode is None:
            self.process.kill()
        with contextlib.suppress(ValueError, AssertionError, OSError):
            self.process.join(5)
            self.process.close()
        self.conn.close()
        self._unlink()

    def _unlink(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.stderr_path)


def _take_worker(context: Any) -> _Worker:
    with _lock:
        if _idle:
            return _idle.pop()
    return _Worker(context)


def _give_back(worker: _Worker) -> None:
    """Keep ``worker`` for the next read; one idle worker is enough (a second one only served reads
    made at the same time)."""
    with _lock:
        if not _idle:
            _idle.append(worker)
            return
    worker.stop()


def shutdown() -> None:
    """Stop the idle reader processes (they also end on their own when this process exits)."""
    with _lock:
        workers = list(_idle)
        _idle.clear()
    for worker in workers:
        worker.stop()


def kept_readers() -> list[int]:
    """The process ids of the reader processes kept for the next read: after a guarded read, the one
    that did it (``curator selftest`` checks that a frozen program's reads are guarded)."""
    with _lock:
        return [worker.process.pid for worker in _idle if worker.process.pid is not None]


def warm_up() -> None:
    """Start a reader process now and import every reader in it (a second or two, for a background
    thread), so that the first read of any format is quick."""
    context = _context()
    if context is None:
        return
    try:
        worker = _take_worker(context)
        worker.conn.send(("warm", (), None))
        _follow(worker, Path("warm-up"), "", None, Limits(memory_bytes=None, seconds=120.0))
        _give_back(worker)
    except (OSError, ValueError, RuntimeError, CuratorError) as error:
        _log.info("guarded readers not warmed up: %s", error)


def _limits(path: Path, fmt: str, limits: Limits | None) -> Limits:
    if limits is None and not _override:
        try:
            size = path.stat().st_size
        except OSError:   # gone since it was opened: the reader will say so
            size = 0
        return default_limits(size, fmt)
    return limits or _override[-1]


def run(job: str, args: tuple[Any, ...], path: Path, fmt: str, progress: ProgressCallback | None = None,
        limits: Limits | None = None) -> Any:
    """``job(*args, progress=...)`` (see ``_job``) in a reader process, its tables handed back.

    Raises ``InputError`` when the reader crashes, runs out of memory or time; errors the reader
    raises (``CuratorError``) come back as they were raised."""
    limits = _limits(path, fmt, limits)
    context = _context()
    if context is None:
        return _job(job)(*args, progress=progress)
    try:
        worker = _take_worker(context)
    except (OSError, ValueError, RuntimeError) as error:
        _log.warning("reading in this process: no reader process (%s)", error)
        return _job(job)(*args, progress=progress)
    reusable = False
    try:
        worker.conn.send((job, args, limits.memory_bytes))
        result, refusal, peak = _follow(worker, path, fmt, progress, limits)
        # A read that grew the worker a lot leaves it holding that memory: start afresh next time.
        reusable = peak < RECYCLE_ABOVE_BYTES
        if refusal is not None:
            raise refusal
        return result
    finally:
        if reusable:
            _give_back(worker)
        else:
            worker.stop()


def stream(job: str, args: tuple[Any, ...], path: Path, fmt: str, limits: Limits | None = None
           ) -> Iterator[pa.RecordBatch]:
    """The record batches that ``job(*args)`` (a generator, see ``_job``) makes in a reader process,
    each as soon as it is made: a streamed read whose native decoding cannot take this process down.

    Errors as :func:`run`. The time limit counts the time spent waiting for the reader, not the
    caller's own work between batches; a caller that stops early stops the reader process."""
    limits = _limits(path, fmt, limits)
    context = _context()
    if context is None:
        yield from _job(job)(*args, progress=None)
        return
    try:
        worker = _take_worker(context)
    except (OSError, ValueError, RuntimeError) as error:
        _log.warning("reading in this process: no reader process (%s)", error)
        yield from _job(job)(*args, progress=None)
        return
    reusable = False
    try:
        worker.conn.send((job, args, limits.memory_bytes))
        refusal: CuratorError | None = None
        for item in _items(worker, path, fmt, None, limits):
            if item[0] == "batch":
                yield item[1]
            elif item[0] == "error":
                refusal = item[1]
            elif item[0] == "done":
                reusable = item[1] < RECYCLE_ABOVE_BYTES
        if refusal is not None:
            raise refusal
    finally:
        if reusable:
            _give_back(worker)
        else:
            worker.stop()


def _follow(worker: _Worker, path: Path, fmt: str, progress: ProgressCallback | None,
            limits: Limits) -> tuple[Any, CuratorError | None, int]:
    """(the job's result, the error it raised, the worker's peak memory) once it said "done"."""
    outcome: Any = None
    error: CuratorError | None = None
    for item in _items(worker, path, fmt, progress, limits):
        if item[0] == "result":
            outcome = item[1]
        elif item[0] == "error":
            error = item[1]
        elif item[0] == "done":
            return outcome, error, item[1]
    raise _crash(worker, path, fmt, limits)   # not reached: the items end with "done"


def _items(worker: _Worker, path: Path, fmt: str, progress: ProgressCallback | None,
           limits: Limits) -> Iterator[tuple[Any, ...]]:
    """What the worker sends for one job, up to and including "done" (with its peak memory):
    ("result", value), ("batch", record batch), ("error", CuratorError). A crash, a memory or time
    limit met, a library failure are raised as ``InputError``."""
    waited = 0.0     # the reader's time: a streaming caller's own work between items is not counted
    fraction, message = 0.0, ""
    schema: pa.Schema | None = None
    conn = worker.conn
    while True:
        remaining = limits.seconds - waited
        if remaining <= 0:
            worker.process.kill()
            raise _failure(path, fmt, limits, "time", "")
        started = time.monotonic()
        try:
            item = conn.recv() if conn.poll(min(remaining, POLL_SECONDS)) else None
            if item is not None and item[0] == "result":
                item = ("result", _receive_result(conn, item[1], item[2]))
            elif item is not None and item[0] == "schema":
                schema = pa.ipc.read_schema(pa.py_buffer(conn.recv_bytes()))
                continue
            elif item is not None and item[0] == "batch":
                item = ("batch", pa.ipc.read_record_batch(pa.py_buffer(conn.recv_bytes()), schema))
        except (EOFError, OSError, pa.ArrowException):
            raise _crash(worker, path, fmt, limits) from None
        finally:
            waited += time.monotonic() - started
        if item is None:
            report(progress, fraction, message)   # lets a callback cancel while the worker reads
            continue
        kind = item[0]
        if kind == "progress":
            fraction, message = item[1], item[2]
            report(progress, fraction, message)
        elif kind in ("result", "batch", "error"):
            yield item
        elif kind == "done":
            yield item
            return
        elif kind == "memory":
            raise _failure(path, fmt, limits, "memory", "")
        else:
            detail = str(item[1])
            raise _failure(path, fmt, limits, "memory" if _mentions_memory(detail) else "failed", detail)


def _mentions_memory(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _MEMORY_WORDS)


def _crash(worker: _Worker, path: Path, fmt: str, limits: Limits) -> InputError:
    """The worker ended (or broke the protocol): name the cause from its exit code and what it wrote
    on stderr."""
    worker.process.join(2)
    if worker.process.exitcode is None:
        worker.process.kill()
        worker.process.join()
    code = worker.process.exitcode
    try:
        with open(worker.stderr_path, "rb") as log:
            # The cause is at the start (a backtrace may follow); the log is emptied at each job.
            tail = log.read(65536).decode("utf-8", "replace")
    except OSError:
        tail = ""
    if tail.strip():
        _log.info("reader process stopped (exit code %s): %s", code, tail.strip()[:500])
    if _mentions_memory(tail):
        return _failure(path, fmt, limits, "memory", "")
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return _failure(path, fmt, limits, "signal", name)
    return _failure(path, fmt, limits, "exit", f"exit code {code}")


def _failure(path: Path, fmt: str, limits: Limits, cause: str, detail: str) -> InputError:
    failures[f"{cause}:{detail}"] += 1
    name = FORMAT_NAMES.get(fmt, fmt.upper())
    where = Location(file=str(path))
    if cause == "time":
        return InputError(Text(QT_TRANSLATE_NOOP("core", "Reading the {format} file took longer than {seconds:,.0f} s and was "
                                                 "stopped: it is probably damaged."), format=name, seconds=limits.seconds),
                          where, hint=Text(QT_TRANSLATE_NOOP("core", "Open it in the program that wrote it and save it again, "
                                                             "or export the data as CSV.")))
    if cause == "memory":
        gib = (limits.memory_bytes or 0) / GIB
        return InputError(Text(QT_TRANSLATE_NOOP("core", "Reading the {format} file needed more than {gib:,.1f} GiB of memory and was "
                                                 "stopped: it is probably damaged, or far too large for this computer."),
                               format=name, gib=gib),
                          where, hint=Text(QT_TRANSLATE_NOOP("core", "Open it in the program that wrote it and save it again, "
                                                             "or export the data as CSV.")))
    message = (Text(QT_TRANSLATE_NOOP("core", "The file is damaged or not a valid {format} file (its reader stopped: {detail})."),
                    format=name, detail=detail) if detail else
               Text(QT_TRANSLATE_NOOP("core", "The file is damaged or not a valid {format} file."), format=name))
    return InputError(message, where, hint=Text(QT_TRANSLATE_NOOP("core", "Write the file again from the program that produced it, "
                                                                  "or copy it again if it came by e-mail or USB key.")))
