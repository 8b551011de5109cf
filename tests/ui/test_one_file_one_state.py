"""One file, one state: opening another file or a project leaves nothing of the previous one on any page."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import load, write_cp1252_csv
from ui.pages.export import ExportResult

FIRST = [["dossier", "commune_premier", "age_premier", "sexe"]] + [
    [f"A{i:03d}", f"Villefranche{i % 7}", str(30 + i % 40), str(1 + i % 2)] for i in range(60)]
SECOND = [["identifiant", "taille", "poids"]] + [[f"B{i:03d}", str(150 + i % 40), str(50 + i % 30)] for i in range(40)]


def _idle(qtbot, window, timeout=120_000):
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=timeout)


def _texts(window) -> str:
    """Every text the pages show: labels, list items, line edits, the data view's header."""
    from ui.qt import QLabel, QLineEdit, QListWidget, QTableWidget

    found = []
    for page in (window.load_page, window.map_page, window.protect_page, window.check_page, window.export_page):
        found += [w.text() for w in page.findChildren(QLabel) + page.findChildren(QLineEdit)]
        for widget in page.findChildren(QListWidget):
            found += [widget.item(i).text() for i in range(widget.count())]
        for widget in page.findChildren(QTableWidget):
            found += [widget.item(r, c).text() for r in range(widget.rowCount()) for c in range(widget.columnCount())
                      if widget.item(r, c) is not None]
    model = window.load_page.data_view.model
    found += [str(model.headerData(c, 1)) for c in range(model.columnCount())]
    return "\n".join(found)


def _assert_nothing_of_the_first_on_any_page(qtbot, window) -> None:
    _idle(qtbot, window)
    for step in range(5):
        window.go_to(step)
        _idle(qtbot, window)
    shown = _texts(window)
    assert "premier" not in shown, [line for line in shown.splitlines() if "premier" in line]


def _first_file_state(qtbot, window, path: Path) -> None:
    assert load(qtbot, window, path)
    _idle(qtbot, window)
    window.map_page.accept_all()
    window.go_to(3)
    _idle(qtbot, window)
    assert window.session.validation is not None
    window.go_to(4)
    page = window.export_page
    assert page.output_edit.text().endswith("premier-submission.tar")
    page.last_result = ExportResult(page.output_edit.text(), 60, 4, True, report_html="<p>premier</p>")
    page.result_label.setText(f"Package written to {page.output_edit.text()}")
    page.report_button.setEnabled(True)
    window.protect_page.reach_label.setText("Reached k = 5 on premier")
    assert window._save_to(path.with_name("saved.curator.json"))    # else opening the next file asks


def test_opening_a_second_file_leaves_nothing_of_the_first(qtbot, window, tmp_path):
    first = write_cp1252_csv(tmp_path / "premier.csv", FIRST)
    second = write_cp1252_csv(tmp_path / "second.csv", SECOND)
    _first_file_state(qtbot, window, first)
    assert "premier" in _texts(window)

    assert load(qtbot, window, second)
    _assert_nothing_of_the_first_on_any_page(qtbot, window)
    assert window.export_page.last_result is None and not window.export_page.report_button.isEnabled()
    assert window.export_page.output_edit.text() == str(tmp_path / "second-submission.tar")
    assert window.session.loaded.source.path.endswith("second.csv")


def test_opening_a_project_leaves_nothing_of_the_file_before(qtbot, window, tmp_path):
    first = write_cp1252_csv(tmp_path / "premier.csv", FIRST)
    second = write_cp1252_csv(tmp_path / "second.csv", SECOND)
    assert load(qtbot, window, second)
    _idle(qtbot, window)
    window.map_page.accept_all()
    project = tmp_path / "second.curator.json"
    assert window._save_to(project)
    _first_file_state(qtbot, window, first)
    with qtbot.waitSignal(window.loadFinished, timeout=60_000):
        window.open_project(project)
    _assert_nothing_of_the_first_on_any_page(qtbot, window)
    assert window.export_page.output_edit.text() == str(tmp_path / "second-submission.tar")


def test_writing_over_an_existing_package_asks_first(qtbot, window, tmp_path):
    from curator.package.keys import new_recipient_key, new_signing_key
    from curator.protect.secret import new_secret, write_secret_file
    from ui.qt import QMessageBox

    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    write_secret_file(tmp_path / "pseudo.secret", new_secret(), "correct horse battery")
    second = write_cp1252_csv(tmp_path / "second.csv", SECOND)
    assert load(qtbot, window, second)
    _idle(qtbot, window)
    window.map_page.accept_all()
    window.go_to(4)
    _idle(qtbot, window)
    page = window.export_page
    page.recipients_edit.setPlainText((tmp_path / "hub.pub").read_text(encoding="utf-8").strip())
    page.signing_edit.setText(str(tmp_path / "producer.key"))
    page.secret_edit.setText(str(tmp_path / "pseudo.secret"))
    page.secret_passphrase.setText("correct horse battery")
    for field, value in (("producer_id", "REG-38"), ("producer_name", "Registre"), ("dataset_title", "Mesures")):
        page.metadata_edits[field].setText(value)
        page._metadata_edited(field)
    qtbot.waitUntil(lambda: window.session.blocker_count is not None and not window.runner.running(), timeout=120_000)
    assert page.export_button.isEnabled(), page.status.text()
    existing = Path(page.output_edit.text())
    existing.write_bytes(b"last year's package")
    box = page.export()
    assert isinstance(box, QMessageBox) and box.isVisible() and str(existing) in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    _idle(qtbot, window)
    assert existing.read_bytes() == b"last year's package"
    box = page.export()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    _idle(qtbot, window)
    assert existing.read_bytes() != b"last year's package" and page.last_result is not None


def test_producer_fields_are_required_with_the_reason_shown(qtbot, window, tmp_path):
    second = write_cp1252_csv(tmp_path / "second.csv", SECOND)
    assert load(qtbot, window, second)
    _idle(qtbot, window)
    window.go_to(4)
    page = window.export_page
    assert "producer identifier, producer name, dataset title" in page.status.text()
    for field, value in (("producer_id", "REG-38"), ("producer_name", "Registre")):
        page.metadata_edits[field].setText(value)
        page._metadata_edited(field)
    assert "dataset title" in page.status.text() and "producer name" not in page.status.text()
    assert not page.export_button.isEnabled()


def test_key_paths_survive_a_language_change_and_come_back_with_the_project(qtbot, tmp_path):
    from ui import i18n
    from ui.app import AppController
    from ui.main_window import MainWindow
    from ui.session import Session

    i18n.install("en")
    second = write_cp1252_csv(tmp_path / "second.csv", SECOND)
    controller = AppController(Session())
    window = controller.build_window()
    window.show()
    assert load(qtbot, window, second)
    _idle(qtbot, window)
    window.map_page.accept_all()
    page = window.export_page
    page.signing_edit.setText(str(tmp_path / "producer.key"))
    page.signing_passphrase.setText("only in memory")
    page.secret_edit.setText(str(tmp_path / "pseudo.secret"))
    page.output_edit.setText(str(tmp_path / "out" / "second-submission.tar"))
    project = tmp_path / "second.curator.json"
    assert window._save_to(project)

    window = controller.change_language("fr")
    page = window.export_page
    assert page.signing_edit.text() == str(tmp_path / "producer.key")
    assert page.signing_passphrase.text() == "only in memory"
    assert page.secret_edit.text() == str(tmp_path / "pseudo.secret")
    window.close_without_asking()
    i18n.install("en")

    other = MainWindow(Session())
    with qtbot.waitSignal(other.loadFinished, timeout=60_000):
        other.open_project(project)
    _idle(qtbot, other)
    other.go_to(4)
    page = other.export_page
    assert page.signing_edit.text() == str(tmp_path / "producer.key")
    assert page.secret_edit.text() == str(tmp_path / "pseudo.secret")
    assert page.output_edit.text() == str(tmp_path / "out" / "second-submission.tar")
    assert page.signing_passphrase.text() == ""          # never kept beyond the session
    from ui import settings as app_settings
    stored = {key: app_settings.settings().value(key) for key in app_settings.settings().allKeys()}
    assert "only in memory" not in repr(stored)
    other.close_without_asking()
