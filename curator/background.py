"""Work run on a thread of its own, its outcome kept for the caller (``concurrent.futures.Future``).

The core overlaps a few long, GIL-releasing jobs with the caller's own work: the source's digest,
the read-ahead of record batches, the first batch converted early, the Parquet writer and the
package's encryption. Each is "start on a daemon thread, keep the result or the exception, join
and re-raise in the caller": :class:`Background` is that, once; :class:`Prefetched` (a producer
running ahead of its consumer) and :class:`BackgroundSink` (a consumer one item behind its
producer) are built on it, and :class:`FollowedFile` reads a file another thread is writing. Daemon threads (rather than a
``ThreadPoolExecutor``, whose workers the interpreter waits for at exit) let a cancelled or failed
run end without waiting for work nobody will read.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work()`` run on a daemon thread from the moment this is made.

    :meth:`result` waits for it and gives its return value or raises its exception in the caller's
    thread; :meth:`wait` waits whatever the outcome; :meth:`failed` says, without waiting, whether it
    has raised already (a producer's consumer stops feeding it).
    """

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._future: Future[T] = Future()
        self._future.set_running_or_notify_cancel()
        self._thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            value = work()
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread by result()
            self._future.set_exception(error)
        else:
            self._future.set_result(value)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the work to end, whatever its outcome (``timeout`` seconds at most)."""
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def done(self) -> bool:
        return self._future.done()

    def failed(self) -> BaseException | None:
        """The work's exception if it has raised already, else None (without waiting)."""
        return self._future.exception() if self._future.done() else None

    def result(self) -> T:
        """Wait for the work; its return value, or its exception raised here."""
        self._thread.join()
        return self._future.result()


_END = object()


class Prefetched(Iterator[Any]):
    """``items``, produced on a thread ``depth`` ahead of the consumer, from the moment it is made.

    Parsing the next batch (Arrow's CSV reader releases the GIL) overlaps with the work on the
    current one. An error in the producer is raised in the consumer. :meth:`close` (called when
    the consumer stops early: an error, a cancellation) stops the producer at its next item and
    closes ``items``; use it as a context manager.
    """

    def __init__(self, items: Iterator[Any], depth: int = 1) -> None:
        self._items = items
        self._slots: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._finished = False
        self._worker = Background(self._produce, "curator-prefetch")

    def _produce(self) -> None:
        try:
            for item in self._items:
                if not self._put(item):
                    return
            self._put(_END)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, raised there
            self._put(error)
        finally:
            close = getattr(self._items, "close", None)
            if close is not None:       # a generator's own clean-up (an inner prefetch) runs now
                close()

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._slots.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Prefetched:
        return self

    def __next__(self) -> Any:
        if self._finished:
            raise StopIteration
        item = self._slots.get()
        if item is _END:
            self._finished = True
            raise StopIteration
        if isinstance(item, BaseException):
            self.close()
            raise item
        return item

    def close(self) -> None:
        self._finished = True
        self._stop.set()
        while not self._slots.empty():      # let a producer blocked on a full queue see the stop
            self._slots.get_nowait()
        self._worker.wait(timeout=5)

    def __enter__(self) -> Prefetched:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class BackgroundSink(Generic[T]):
    """``consume(item)`` for each item :meth:`put` here, on a thread, at most one item behind.

    After a failure the items still queued are dropped; the error is raised by the next
    :meth:`put` or by :meth:`close`, which waits for the items before it.
    """

    def __init__(self, consume: Callable[[T], None], name: str) -> None:
        self._consume = consume
        self._slots: queue.Queue[Any] = queue.Queue(maxsize=1)
        self._failed: BaseException | None = None
        self._worker = Background(self._run, name)

    def _run(self) -> None:
        while True:
            item = self._slots.get()
            if item is _END:
                if self._failed is not None:
                    raise self._failed
                return
            if self._failed is None:
                try:
                    self._consume(item)
                except BaseException as error:  # noqa: BLE001 - raised in the caller by put() or close()
                    self._failed = error

    def put(self, item: T) -> None:
        if self._failed is not None:
            raise self._failed
        self._slots.put(item)

    def close(self) -> None:
        self._slots.put(_END)
        self._worker.result()


class FollowedFile:
    """Reads a file while another thread writes it, to its end once the writer says it is done.

    The writer only ever appends, so every byte read is final. ``abandon`` (the writing failed)
    makes the reader raise instead of waiting for bytes that will never come. A writer that calls
    :meth:`grew` after each append wakes a waiting reader at once, and the reader then sleeps until
    told (or a second goes by); one that does not is looked at every ``POLL_SECONDS``.
    """

    POLL_SECONDS = 0.01
    TOLD_SECONDS = 1.0

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed by the reader's owner, through close()
        self._changed = threading.Condition(threading.Lock())
        # Counted, so that an append told between a read and the wait is not missed; any told means
        # the writer tells, and the reader then waits to be told.
        self._appends = 0
        self._done = False
        self._abandoned = False

    def grew(self) -> None:
        with self._changed:
            self._appends += 1
            self._changed.notify_all()

    def finish(self) -> None:
        with self._changed:
            self._done = True
            self._changed.notify_all()

    def abandon(self) -> None:
        with self._changed:
            self._abandoned = self._done = True
            self._changed.notify_all()

    def read(self, size: int = -1) -> bytes:
        while True:
            done, appends = self._done, self._appends   # before reading: bytes written before "done" are all there
            if self._abandoned:
                raise OSError("the data file was abandoned: the pass that wrote it failed")
            data = self._file.read(size)
            if data or done:
                return data
            with self._changed:
                if not self._done and self._appends == appends:
                    self._changed.wait(self.TOLD_SECONDS if self._appends else self.POLL_SECONDS)

    def close(self) -> None:
        self._file.close()
