"""The garbage collector's pause around workbook reading: it nests, and always comes back as it was."""

from __future__ import annotations

import gc
import threading

import pytest

from curator.load.collection import collector_paused


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_pauses_nest_across_threads_and_the_collector_comes_back():
    inner_started, inner_may_end = threading.Event(), threading.Event()

    def inner() -> None:
        with collector_paused():
            inner_started.set()
            inner_may_end.wait(5)

    with collector_paused():
        assert not gc.isenabled()
        thread = threading.Thread(target=inner)
        thread.start()
        assert inner_started.wait(5)
    assert not gc.isenabled()          # the other thread's pause still holds
    inner_may_end.set()
    thread.join()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled_and_errors_restore_it():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a damaged workbook")
    assert gc.isenabled()


def test_reading_a_workbook_leaves_the_collector_on(tmp_path):
    import openpyxl

    from curator.load import read_file

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "n"])
    sheet.append(["01000", 3])
    book.save(tmp_path / "small.xlsx")
    assert read_file(tmp_path / "small.xlsx").table.column("code").to_pylist() == ["01000"]
    assert gc.isenabled()
