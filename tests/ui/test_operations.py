"""Background operations: typed success and failure paths, and a newer run of the same operation
replacing the older, whose late result is ignored (real core functions on real files)."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from pathlib import Path

import pytest

import ui.workers
from curator.errors import InputError
from curator.load import read_file
from curator.resources import demo_csv
from curator.source import LoadedTable
from tests.ui.conftest import write_cp1252_csv
from ui.workers import Operation, TaskRunner

BAD_INPUTS = Path(__file__).resolve().parent.parent / "data" / "bad_inputs"


def test_every_ui_module_imports():
    """The pages import the core directly: a broken import fails here, not as a disabled button."""
    # The app's folder (the tests have a ui package of their own).
    names = [m.name for m in pkgutil.walk_packages([str(Path(ui.workers.__file__).parent)], "ui.")]
    assert {"ui.main_window", "ui.pages.load", "ui.pages.check", "ui.workers"} <= set(names)
    for name in names:
        importlib.import_module(name)


def test_a_failing_operation_calls_the_failure_path_with_the_exception(qtbot, qapp):
    runner = TaskRunner()
    path = BAD_INPUTS / "ragged_extra_field.csv"
    loaded: list[LoadedTable] = []
    errors: list[Exception] = []
    with qtbot.waitSignal(runner.ended, timeout=30_000):
        runner.run(Operation(lambda progress: read_file(path, None, progress), "read", loaded.append,
                             on_failure=errors.append))
    assert loaded == []
    assert len(errors) == 1 and isinstance(errors[0], InputError)
    assert "line 3" in str(errors[0].where) and path.name in str(errors[0].where)


def test_a_damaged_file_opened_in_the_window_is_explained_and_keeps_the_previous_table(qtbot, window, tmp_path):
    from ui.qt import QApplication, QMessageBox

    first = write_cp1252_csv(tmp_path / "first.csv", [["id", "nom"], ["1", "Dupré"]])
    with qtbot.waitSignal(window.loadFinished, timeout=30_000):
        window.open_file(first)
    before = window.session.loaded
    with qtbot.waitSignal(window.loadFinished, timeout=30_000) as blocker:
        window.open_file(BAD_INPUTS / "truncated.parquet")
    assert blocker.args == [False] and window.session.loaded is before
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "truncated.parquet" in boxes[-1].windowTitle()
    assert "damaged or truncated" in boxes[-1].text()
    boxes[-1].close()


def test_starting_an_operation_again_cancels_the_first_and_only_the_second_result_lands(qtbot, window, tmp_path):
    """Two files opened one after the other: the first read is asked to stop, and even if it had
    finished, its table never replaces the second's."""
    second = write_cp1252_csv(tmp_path / "second.csv", [["x"], ["1"], ["2"]])
    finished: list[bool] = []
    window.loadFinished.connect(finished.append)
    first_task = window.open_file(demo_csv())
    second_task = window.open_file(second)
    assert first_task is not None and second_task is not None
    assert first_task.is_cancel_requested() and not second_task.is_cancel_requested()
    qtbot.waitUntil(lambda: first_task.done.is_set() and second_task.done.is_set(), timeout=60_000)
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=60_000)
    assert finished == [True]
    assert window.session.loaded is not None and Path(window.session.loaded.source.path).name == "second.csv"
    assert window.load_page.data_view.model.rowCount() == 2
    assert "cancelled" not in window.current_message()    # replaced, not cancelled by the user


@pytest.mark.parametrize("can_cancel", [True, False])
def test_a_late_result_of_a_replaced_operation_is_ignored(qtbot, qapp, tmp_path, can_cancel):
    """The first run ends after the second (it cannot always stop): its result is dropped all the same."""
    first_path = write_cp1252_csv(tmp_path / "a.csv", [["a"], ["1"]])
    second_path = write_cp1252_csv(tmp_path / "b.csv", [["b"], ["2"]])
    runner = TaskRunner()
    release = threading.Event()
    landed: list[str] = []

    def slow_read(progress):
        release.wait(10)
        return read_file(first_path, None, progress)

    first = runner.run(Operation(slow_read, "first", lambda t: landed.append(t.table.column_names[0]),
                                 can_cancel=can_cancel, key="read"))
    with qtbot.waitSignal(runner.ended, timeout=30_000):
        runner.run(Operation(lambda progress: read_file(second_path, None, progress), "second",
                             lambda t: landed.append(t.table.column_names[0]), key="read"))
    assert landed == ["b"] and not first.done.is_set()
    with qtbot.waitSignal(runner.ended, timeout=30_000):
        release.set()
    assert landed == ["b"]
    assert first.is_cancel_requested() == can_cancel


def test_progress_reaches_the_gui_thread_throttled(qtbot, qapp):
    """A core loop may report on every row: the GUI thread gets a signal per 1 % (or per 0.1 s) only."""
    import time

    runner = TaskRunner()
    calls = 200_000
    received: list[float] = []
    timing: list[float] = []

    def chatty(progress):
        start = time.monotonic()
        for i in range(calls):
            progress(i / calls)
        timing.append(time.monotonic() - start)
        return calls

    # Connected as the task starts (before the pool runs it), as the window does.
    runner.started.connect(lambda task: task.signals.progress.connect(lambda fraction, _m: received.append(fraction)))
    with qtbot.waitSignal(runner.ended, timeout=60_000):
        runner.run(Operation(chatty, "chatty", lambda _n: None))
    qapp.processEvents()
    assert 50 <= len(received) <= 101 + int(timing[0] / 0.1) + 1
    assert received == sorted(received)
