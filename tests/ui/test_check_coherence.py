"""The Check page lists coherence findings one line per rule and records the decisions taken on them."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import load

SEJOURS = Path(__file__).resolve().parents[1] / "data" / "coherence_corpus" / "sejours.csv"


def _checked(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.blocker_count is not None and not window.runner.running(), timeout=120_000)


def _lines(page) -> list[str]:
    return [page.coherence_list.item(i).text() for i in range(page.coherence_list.count())]


def test_exclude_the_rows_of_a_rule_from_the_check_page_and_undo(qtbot, window) -> None:
    assert load(qtbot, window, SEJOURS)
    qtbot.waitUntil(lambda: window.session.proposed is not None and not window.runner.running(), timeout=120_000)
    window.map_page.accept_all()
    window.go_to(3)
    page = window.check_page
    _checked(qtbot, window)
    line = next(i for i, text in enumerate(_lines(page)) if "discharge before admission" in text)
    assert _lines(page)[line].startswith("⚠ ") and "columns Date d'entrée, Date de sortie" in _lines(page)[line]
    blockers = [page.blockers_list.item(i).text() for i in range(page.blockers_list.count())]
    assert any("rule 'stay_dates_in_order'" in b for b in blockers)
    page.coherence_list.setCurrentRow(line)
    page.decision_buttons["exclude_row"].click()
    assert window.session.recipe.rule("stay_dates_in_order").action == "exclude_row"
    page.run_checks()
    _checked(qtbot, window)
    decided = next(t for t in _lines(page) if "discharge before admission" in t)
    assert decided.startswith("✔ ") and "decided: rows excluded" in decided
    blockers = [page.blockers_list.item(i).text() for i in range(page.blockers_list.count())]
    assert not any("rule 'stay_dates_in_order'" in b for b in blockers)
    page.decide("exact_duplicates", "off", "copies are legitimate in this export")
    page.run_checks()
    _checked(qtbot, window)
    assert any(t.startswith("○ ") and "copies are legitimate" in t for t in _lines(page))
    window.session.undo()
    window.session.undo()
    assert window.session.recipe.rules == []
