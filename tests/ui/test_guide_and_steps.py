"""Help ▸ Guide and F1 open the user guide at the current step; steps are marked done; Next leads on."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.resources import guide_path
from tests.ui.conftest import load, write_cp1252_csv

ROWS = [["identifiant", "taille", "poids"]] + [[f"B{i:03d}", str(150 + i % 40), str(50 + i % 30)] for i in range(40)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_guide_has_a_section_per_step_and_the_topics_asked_for(language: str) -> None:
    text = guide_path(language).read_text(encoding="utf-8")
    assert guide_path(language).name == f"guide-{language}.html"
    for section in ("load", "map", "protect", "check", "export", "next-year"):
        assert f'<a name="{section}"></a>' in text
    for topic in ("k-anonym", "quasi-identifi", "prosecutor" if language == "en" else "procureur",
                  "plateforme" if language == "fr" else "hub", "5 000" if language == "fr" else "5,000"):
        assert topic in text, topic


def test_f1_opens_the_guide_at_the_current_steps_section(qtbot, window):
    from ui.qt import QKeySequence

    assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.go_to(2)
    window.guide_action.trigger()
    browser = window.guide_browser
    qtbot.waitUntil(lambda: browser.isVisible())
    assert "k-anonymity" in browser.toPlainText()
    # Scrolled to the Protect section: the top of the view is past the Load and Map sections.
    top = browser.cursorForPosition(browser.viewport().rect().topLeft()).block().text()
    assert top.startswith("3. Protect") or browser.verticalScrollBar().value() > 0, top
    browser.window().close()


def test_steps_are_marked_done_and_next_leads_on(qtbot, window, tmp_path: Path):
    assert window.next_button.isVisible() and "Map" in window.next_button.text()
    assert not any(button.text().startswith("✓") for button in window.step_buttons)
    assert load(qtbot, window, write_cp1252_csv(tmp_path / "mesures.csv", ROWS))
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
    assert window.step_buttons[0].text().startswith("✓") and not window.step_buttons[1].text().startswith("✓")
    window.map_page.accept_all()
    assert window.step_buttons[1].text().startswith("✓")
    window.next_button.click()
    assert window.current_step() == 1
    for _ in range(3):
        window.next_button.click()
    assert window.current_step() == 4 and not window.next_button.isVisible()
