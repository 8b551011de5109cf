"""The main window opens on real files, shows them exactly as written, and keeps its state on Cancel."""

from __future__ import annotations

import csv

from curator.resources import demo_csv
from tests.ui.conftest import load, write_cp1252_csv
from ui.qt import Qt


def _cell(model, row: int, column: int):
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_demo_data_opens_in_the_window_exactly_as_written(qtbot, window):
    path = demo_csv()
    assert path.exists(), f"demo data missing at {path}"
    assert load(qtbot, window, path)
    model = window.load_page.data_view.model

    # An independent read with the standard library is the reference.
    with path.open(encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    assert model.rowCount() == len(body)
    assert model.columnCount() == len(header)
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(header))] == header

    accented = [(r, c) for r, row in enumerate(body) for c, v in enumerate(row) if any(ch in v for ch in "éèêçàôÉ")]
    leading_zero = [(r, c) for r, row in enumerate(body) for c, v in enumerate(row) if len(v) > 1 and v[0] == "0"
                    and v.isdigit()]
    assert accented and leading_zero, "the demo data should have accents and leading zeros"
    for r, c in accented[:20] + leading_zero[:20] + [(len(body) - 1, 0)]:
        assert _cell(model, r, c) == body[r][c]

    status = window.shape_label.text()
    assert f"{len(body):,}".replace(",", "") in status.replace(",", "").replace("\u202f", "").replace("\xa0", "")
    assert window.file_label.text() == path.name
    assert "cp1252" in window.encoding_label.text().lower() or "1252" in window.encoding_label.text()


def test_legacy_file_keeps_leading_zeros_and_accents(qtbot, window, tmp_path):
    path = write_cp1252_csv(tmp_path / "export.csv", [
        ["code_postal", "commune", "departement"],
        ["01000", "Bourg-en-Bresse", "01"],
        ["20000", "Ajaccio", "2A"],
        ["97400", "Saint-Denis (Réunion)", "974"],
    ])
    assert load(qtbot, window, path)
    model = window.load_page.data_view.model
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert _cell(model, 0, 0) == "01000"
    assert _cell(model, 1, 2) == "2A"
    assert _cell(model, 2, 1) == "Saint-Denis (Réunion)"
    assert window.session.loaded.source.options.delimiter == ";"


def test_cancelled_load_keeps_the_previous_table(qtbot, window, tmp_path):
    first = write_cp1252_csv(tmp_path / "first.csv", [["id", "nom"], ["1", "Dupré"], ["2", "Lefèvre"]])
    second = write_cp1252_csv(tmp_path / "second.csv", [["x"], *[[str(i)] for i in range(1000)]])
    assert load(qtbot, window, first)
    before = window.session.loaded
    with qtbot.waitSignal(window.loadFinished, timeout=30_000) as blocker:
        task = window.open_file(second)
        assert task is not None and task.can_cancel
        assert window.cancel_button.isVisibleTo(window)
        window.cancel_shown_task()
    assert blocker.args == [False]
    assert window.session.loaded is before
    model = window.load_page.data_view.model
    assert model.rowCount() == 2 and _cell(model, 1, 1) == "Lefèvre"
    assert window.file_label.text() == "first.csv"


def test_unreadable_file_shows_what_to_do(qtbot, window, tmp_path):
    missing = tmp_path / "absent.csv"
    with qtbot.waitSignal(window.loadFinished, timeout=30_000) as blocker:
        window.open_file(missing)
    assert blocker.args == [False]
    from ui.qt import QApplication, QMessageBox
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes, "an error dialog should be shown"
    assert "does not exist" in boxes[-1].text() and boxes[-1].informativeText()
    boxes[-1].close()


def test_step_bar_switches_pages(qtbot, window):
    for step, button in enumerate(window.step_buttons):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.pages.currentIndex() == step
        assert button.isChecked()


def test_cancel_is_offered_only_for_tasks_that_can_stop(qtbot, window):
    import threading

    from ui.workers import Operation
    release = threading.Event()
    with qtbot.waitSignal(window.runner.ended, timeout=10_000):
        window.runner.run(Operation(lambda progress: release.wait(5), "fixed work", lambda _r: None, can_cancel=False))
        assert window.progress_bar.isVisibleTo(window) and not window.cancel_button.isVisibleTo(window)
        release.set()
    assert not window.progress_bar.isVisibleTo(window)
    release.clear()
    with qtbot.waitSignal(window.runner.ended, timeout=10_000):
        window.runner.run(Operation(lambda progress: (release.wait(5), progress(0.5)), "stoppable", lambda _r: None))
        assert window.cancel_button.isVisibleTo(window)
        window.cancel_shown_task()
        release.set()
    assert "cancelled" in window.current_message()


def test_changing_a_reading_option_rereads_the_file_and_keeps_it_in_the_project(qtbot, window, tmp_path):
    path = write_cp1252_csv(tmp_path / "export.csv", [
        ["code", "commune", "note"], ["01000", "Bourg", "a"], ["2A004", "Ajaccio", "é"]])
    assert load(qtbot, window, path)
    model = window.load_page.data_view.model
    assert model.columnCount() == 3
    combo = window.load_page.delimiter_combo
    with qtbot.waitSignal(window.loadFinished, timeout=30_000) as blocker:
        combo.setCurrentIndex(combo.findData(","))     # wrong on purpose: the preview must follow
    assert blocker.args == [True]
    assert model.columnCount() == 1 and model.data(model.index(1, 0)) == "2A004;Ajaccio;é"
    assert window.session.recipe.reader.delimiter == ","
    with qtbot.waitSignal(window.loadFinished, timeout=30_000) as blocker:
        combo.setCurrentIndex(combo.findData(";"))
    assert blocker.args == [True] and model.columnCount() == 3
    assert window.session.recipe.reader.delimiter == ";"


def test_dropped_file_opens_and_joins_the_recent_files(qtbot, window, tmp_path):
    from ui import settings as app_settings
    from ui.qt import QDropEvent, QMimeData, QPointF, QUrl

    path = write_cp1252_csv(tmp_path / "déposé.csv", [["a", "b"], ["1", "2"]])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loadFinished, timeout=30_000) as blocker:
        window.dropEvent(event)
    assert blocker.args == [True] and window.file_label.text() == "déposé.csv"
    assert app_settings.recent_files()[0] == str(path.resolve())
    window._fill_recent_menu()
    assert any("déposé.csv" in a.text() for a in window.recent_menu.actions())


def test_closing_with_unsaved_decisions_asks_and_cancel_keeps_the_window(qtbot, window, tmp_path):
    from curator.recipe.model import ColumnDecision
    from curator.undo import ReplaceColumnDecision
    from ui.qt import QApplication, QMessageBox, QTimer

    path = write_cp1252_csv(tmp_path / "x.csv", [["a"], ["1"]])
    assert load(qtbot, window, path)
    window.session.push(ReplaceColumnDecision(window.session.recipe, ColumnDecision("a", concept="sex"), "map a"))
    asked = []

    def answer_cancel():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(200, answer_cancel)
    window.close()
    assert asked and "not saved" in asked[0]
    assert window.isVisible() and window.session.recipe.column("a").concept == "sex"
