"""The thread helper: outcomes come back to the caller, errors are raised there, threads end."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator.background import Background, BackgroundSink, FollowedFile, Prefetched


def test_result_is_the_work_s_return_value_computed_on_another_thread() -> None:
    caller = threading.get_ident()
    work = Background(lambda: (threading.get_ident(), threading.current_thread().daemon), "test-work")
    ident, daemon = work.result()
    assert ident != caller
    assert daemon


def test_result_re_raises_the_work_s_exception_each_time() -> None:
    def fail() -> int:
        raise ValueError("bad input at line 3")

    work = Background(fail, "test-fail")
    for _ in range(2):
        with pytest.raises(ValueError, match="line 3"):
            work.result()
    assert isinstance(work.failed(), ValueError)


def test_wait_joins_whatever_the_outcome_and_failed_does_not_wait() -> None:
    release = threading.Event()

    def slow() -> None:
        release.wait(5)
        raise OSError("disk full")

    work = Background(slow, "test-slow")
    assert work.failed() is None and not work.done()    # still running: nothing to report yet
    release.set()
    work.wait()
    assert work.done()
    assert isinstance(work.failed(), OSError)


def test_prefetched_reads_ahead_by_depth_and_gives_items_in_order() -> None:
    produced: list[int] = []

    def items() -> Iterator[int]:
        for i in range(10):
            produced.append(i)
            yield i

    with Prefetched(items(), depth=2) as ahead:
        deadline = time.monotonic() + 5
        while len(produced) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        # two in the queue and one more waiting to be put: no further
        assert len(produced) == 3
        assert list(ahead) == list(range(10))


def test_prefetched_raises_the_producer_s_error_in_the_consumer() -> None:
    def items() -> Iterator[int]:
        yield 1
        raise ValueError("row 7: not a date")

    ahead = Prefetched(items())
    assert next(ahead) == 1
    with pytest.raises(ValueError, match="row 7"):
        next(ahead)
    assert list(ahead) == []


def test_prefetched_close_stops_the_producer_and_closes_its_items() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    ahead = Prefetched(endless(), depth=1)
    assert next(ahead) == 0
    ahead.close()
    assert closed.wait(5)
    assert ahead._worker.done()
    assert list(ahead) == []


def test_sink_consumes_every_item_in_order_on_its_thread() -> None:
    seen: list[tuple[int, int]] = []
    sink: BackgroundSink[int] = BackgroundSink(lambda item: seen.append((item, threading.get_ident())), "test-sink")
    for i in range(20):
        sink.put(i)
    sink.close()
    assert [item for item, _ in seen] == list(range(20))
    assert {ident for _, ident in seen} != {threading.get_ident()}


def test_sink_raises_its_error_on_the_next_put_or_on_close() -> None:
    consumed: list[int] = []

    def write(item: int) -> None:
        if item == 2:
            raise OSError("no space left on device")
        consumed.append(item)

    sink: BackgroundSink[int] = BackgroundSink(write, "test-sink-fail")
    with pytest.raises(OSError, match="no space"):
        for i in range(100):
            sink.put(i)
            time.sleep(0.01)
    with pytest.raises(OSError, match="no space"):
        sink.close()
    assert consumed == [0, 1]


def test_followed_file_reads_what_is_appended_until_finished(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"")
    followed = FollowedFile(path)
    chunks = [b"a" * 1000, b"b" * 1000, b"c" * 10]

    def writer() -> None:
        with open(path, "ab") as out:
            for chunk in chunks:
                out.write(chunk)
                out.flush()
                time.sleep(0.02)
        followed.finish()

    work = Background(writer, "test-writer")
    read = b""
    while data := followed.read(512):
        read += data
    work.result()
    followed.close()
    assert read == b"".join(chunks)


def test_abandoned_followed_file_raises_instead_of_waiting(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"partial")
    followed = FollowedFile(path)
    followed.abandon()
    with pytest.raises(OSError, match="abandoned"):
        followed.read()
    followed.close()


def _reads_of_this_thread() -> int:
    """read(2) calls this thread made (Linux's per-thread I/O counters)."""
    for line in Path("/proc/thread-self/io").read_text().splitlines():
        if line.startswith("syscr:"):
            return int(line.split()[1])
    raise AssertionError("no syscr in /proc/thread-self/io")


@pytest.mark.skipif(not Path("/proc/thread-self/io").exists(), reason="Linux's per-thread I/O counters")
def test_a_reader_told_of_each_append_sleeps_until_the_next_rather_than_looking(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"")
    followed = FollowedFile(path)
    first_read = threading.Event()

    def writer() -> None:
        with open(path, "ab") as out:
            out.write(b"a" * 100)
            out.flush()
            followed.grew()
            first_read.wait(5)
            time.sleep(0.5)         # a slow row group: 50 looks at the file if the reader polled
            out.write(b"b" * 100)
            out.flush()
            followed.grew()
        followed.finish()

    work = Background(writer, "test-writer")
    assert followed.read(1000) == b"a" * 100
    before = _reads_of_this_thread()
    first_read.set()
    assert followed.read(1000) == b"b" * 100
    looks = _reads_of_this_thread() - before
    assert followed.read(1000) == b""
    work.result()
    followed.close()
    assert looks <= 10          # its own reads of the counters included
