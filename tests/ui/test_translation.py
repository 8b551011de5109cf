"""French is complete, follows the choice at run time, and Qt's own dialogs are translated too."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from curator.resources import resource_path
from ui import i18n
from ui.qt import QDialogButtonBox, QPushButton

TS = resource_path("translations", "curator_fr.ts")


def _build_qm() -> None:
    script = resource_path("..", "scripts", "build_translations.py").resolve()
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True)


def test_every_string_has_a_french_translation_with_the_same_placeholders():
    import re
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 200
    for message in messages:
        source = message.find("source").text
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert translation.text, source
        assert set(re.findall(r"\{[a-z_]+[^}]*\}", source)) == set(re.findall(r"\{[a-z_]+[^}]*\}", translation.text)), source


def test_language_switch_rebuilds_the_window_in_french_and_keeps_the_work(qtbot, tmp_path):
    from tests.ui.conftest import write_cp1252_csv
    from ui.app import AppController

    _build_qm()
    i18n.install("en")
    controller = AppController()
    window = controller.build_window()
    window.show()
    path = write_cp1252_csv(tmp_path / "f.csv", [["nom", "code"], ["Hélène", "01"]])
    with qtbot.waitSignal(window.loadFinished, timeout=30_000):
        window.open_file(path)
    assert window.step_buttons[0].text().endswith("Load")
    french = controller.change_language("fr")
    try:
        assert french is not window and french.session is window.session
        assert french.step_buttons[0].text().endswith("Charger")
        assert french.load_page.data_view.model.data(french.load_page.data_view.model.index(0, 0)) == "Hélène"
        # Qt's own strings come from qtbase_fr.qm.
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        button = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert isinstance(button, QPushButton) and button.text().replace("&", "") == "Annuler"
    finally:
        french.close_without_asking()
        i18n.install("en")
