"""The Map step's code table (approve, reject, set a code by hand, undo), its validation issues panel, and its
"Keep the time of day" control for date-times mapped to a date concept."""

from __future__ import annotations

from pathlib import Path

from curator.recipe.model import Transform
from curator.resources import demo_csv
from tests.report.scenario import BAD_DATES, broken_demo_csv
from tests.ui.conftest import load


def _idle(qtbot, window, timeout=120_000):
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=timeout)


def _select_column(page, source: str) -> None:
    for row in range(page.columns_table.rowCount()):
        if page.columns_table.item(row, 0).text() == source:
            page.columns_table.selectRow(row)
            return
    raise AssertionError(source)


def test_codes_are_approved_rejected_and_set_one_by_one(qtbot, window):
    assert load(qtbot, window, demo_csv())
    _idle(qtbot, window)
    window.go_to(1)
    page = window.map_page
    page.accept_all()
    decision = next(c for c in window.session.recipe.columns if c.concept == "sex" and c.code_review)
    _select_column(page, decision.source)
    values = sorted(decision.code_review)
    shown = [page.codes_table.item(r, 0).text() for r in range(page.codes_table.rowCount())]
    assert shown == values and page.reject_value_button.isEnabled()
    first, second = values[0], values[1]
    code_list = page.code_list(decision)
    assert code_list is not None

    page.reject_values([first])
    current = window.session.recipe.column(decision.source)
    assert current.code_review[first] == "rejected" and first not in current.code_map
    assert "reject" in window.undo_actions.undo_action.text()

    page.codes_table.selectRow(shown.index(second))
    assert page._selected_values() == [second]
    page.approve_values(page._selected_values())
    current = window.session.recipe.column(decision.source)
    assert current.code_review[second] in ("approved", "unmapped", "rejected")   # unmapped stay unmapped

    assert not page.set_value_code(first, "not-a-sex-code")        # refused: not in the concept's list
    assert "not a code of" in page.codes_hint.text()
    assert window.session.recipe.column(decision.source).code_review[first] == "rejected"
    code = next(iter(code_list.codes))
    assert page.set_value_code(first, code)
    current = window.session.recipe.column(decision.source)
    assert current.code_map[first] == code and current.code_review[first] == "approved"
    row = [page.codes_table.item(r, 0).text() for r in range(page.codes_table.rowCount())].index(first)
    assert page.codes_table.item(row, 1).text() == code

    assert page.set_value_code(first, None)                          # emptied on purpose
    assert window.session.recipe.column(decision.source).code_map[first] is None
    window.undo_actions.undo_action.trigger()
    window.undo_actions.undo_action.trigger()
    assert window.session.recipe.column(decision.source).code_review[first] == "rejected"


def test_validation_issues_on_the_map_step_lead_to_the_cell(qtbot, window, tmp_path):
    source = broken_demo_csv(tmp_path)
    assert load(qtbot, window, source)
    _idle(qtbot, window)
    window.go_to(1)
    page = window.map_page
    page.accept_all()
    qtbot.waitUntil(lambda: any(bad in page.issues_list.item(i).text()
                                for i in range(page.issues_list.count()) for bad in BAD_DATES), timeout=120_000)
    item = next(page.issues_list.item(i) for i in range(page.issues_list.count())
                if BAD_DATES[0] in page.issues_list.item(i).text())
    page.issues_list.itemActivated.emit(item)
    assert window.current_step() == 0
    view = window.load_page.data_view.table_view
    index = view.currentIndex()
    model = view.model()
    assert model.data(index) == BAD_DATES[0]
    assert window.load_page.data_view.model.table().column_names[index.column()] == "Date de diagnostic"


def test_the_time_of_day_is_kept_by_a_control_and_undone(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "admissions.csv"
    rows = ["numero_patient;date_entree;age"]
    rows += [f"P{i:05d};2024-{1 + i % 12:02d}-{1 + i % 27:02d} {i % 24:02d}:{(i * 7) % 60:02d};{20 + i % 60}"
             for i in range(200)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert load(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.runner.running() and window.session.proposed is not None, timeout=120_000)
    window.go_to(1)
    page = window.map_page
    page.accept_all()
    assert window.session.recipe.column("date_entree").concept == "admission_date"
    _select_column(page, "age")
    assert page.keep_time_box.isHidden()                 # not date-times: nothing to keep
    _select_column(page, "date_entree")
    assert not page.keep_time_box.isHidden() and not page.keep_time_box.isChecked()
    before = window.session.recipe.column("date_entree").transform
    assert "time" not in before.params

    page.keep_time_box.setChecked(True)
    after = window.session.recipe.column("date_entree").transform
    assert after.params == {**before.params, "time": "keep"} and after.action == before.action
    assert "keep the time of day" in window.undo_actions.undo_action.text()

    window.undo_actions.undo_action.trigger()
    assert window.session.recipe.column("date_entree").transform == Transform(before.action, before.params)
    assert not page.keep_time_box.isChecked()
    window.undo_actions.redo_action.trigger()
    assert window.session.recipe.column("date_entree").transform.params["time"] == "keep"
    assert page.keep_time_box.isChecked()
    page.keep_time_box.setChecked(False)
    assert "time" not in window.session.recipe.column("date_entree").transform.params
