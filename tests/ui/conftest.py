"""Fixtures for the app's tests: an isolated settings/autosave location and a main window on a fresh session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.qt import QStandardPaths

# Settings, recent files and autosave go to Qt's test locations, never the user's.
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _own_test_locations(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's test locations (~/.qttest) under a home of this test process's own, so that two runs at
    once (pytest -n, or two checkouts on one machine) never share settings or an autosave."""
    home = tmp_path_factory.getbasetemp() / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def window(qtbot) -> Iterator:
    from ui import i18n
    from ui.main_window import MainWindow, autosave_path
    from ui.session import Session

    i18n.install("en")
    autosave_path().unlink(missing_ok=True)
    win = MainWindow(Session())
    # Not qtbot.addWidget: pytest-qt would close it before this teardown, and a window with unsaved
    # decisions asks (modally) whether to save.
    win.show()
    yield win
    win.close_without_asking()
    autosave_path().unlink(missing_ok=True)


def write_cp1252_csv(path: Path, rows: list[list[str]]) -> Path:
    """A ';'-separated Windows-1252 file as legacy registry systems write them."""
    path.write_bytes("\r\n".join(";".join(r) for r in rows).encode("cp1252") + b"\r\n")
    return path


def load(qtbot, window, path: Path, timeout: int = 60_000) -> bool:
    with qtbot.waitSignal(window.loadFinished, timeout=timeout) as blocker:
        window.open_file(path)
    return bool(blocker.args[0])


def fill_export_form(page, keys: Path, output: Path, metadata: tuple[tuple[str, str], ...]) -> None:
    """The Export step's keys (hub.pub, producer.key, pseudo.secret in ``keys``), output and metadata."""
    page.recipients_edit.setPlainText((keys / "hub.pub").read_text(encoding="utf-8").strip())
    page.signing_edit.setText(str(keys / "producer.key"))
    page.secret_edit.setText(str(keys / "pseudo.secret"))
    page.secret_passphrase.setText("correct horse battery")
    page.output_edit.setText(str(output))
    for field, value in metadata:
        page.metadata_edits[field].setText(value)
        page._metadata_edited(field)
