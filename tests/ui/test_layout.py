"""Every page is usable at 900×600 in both languages: no child widget overlaps another; codes are picked
from a list filtered as one types; concept lists show whole labels."""

from __future__ import annotations

import pytest

from curator.resources import demo_csv
from tests.conftest import SHARED_DATA
from tests.ui.conftest import load
from tests.ui.test_map_codes import _select_column
from tests.ui.test_submission import TABLES, load_submission


def overlaps(page) -> list[str]:
    """Pairs of visible sibling widgets whose rectangles intersect (a splitter's or a stack's children
    are laid out by it and never share room; scroll areas clip theirs)."""
    from ui.qt import QAbstractItemView, QScrollArea, QStackedWidget, QWidget

    found = []
    parents = [page, *page.findChildren(QWidget)]
    for parent in parents:
        if isinstance(parent, QStackedWidget | QAbstractItemView) or not parent.isVisible():
            continue            # a stack shows one child; a view places its header and scroll bars
        if any(isinstance(a, QAbstractItemView | QScrollArea) for a in _ancestors(parent, page)):
            continue            # inside a scrolled view: what does not fit scrolls
        children = [c for c in parent.children() if isinstance(c, QWidget) and c.isVisible() and not c.isWindow()]
        for i, first in enumerate(children):
            for second in children[i + 1:]:
                shared = first.geometry().intersected(second.geometry())
                if shared.width() > 1 and shared.height() > 1:
                    found.append(f"{_name(first)} over {_name(second)} in {_name(parent)}")
    return found


def _ancestors(widget, stop):
    while widget is not None and widget is not stop:
        widget = widget.parentWidget()
        if widget is not None:
            yield widget


def _name(widget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) else widget.accessibleName()
    return f"{type(widget).__name__}({str(label)[:30]!r})"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("data", ["demo", "submission"])
def test_no_widget_overlaps_another_at_900_by_600(qtbot, language, data):
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.session import Session

    i18n.install(language)
    window = MainWindow(Session())
    try:
        window.show()
        window.resize(900, 600)
        if data == "demo":
            assert load(qtbot, window, demo_csv())
        else:       # Synthea's three linked tables: the Load step lists them and their links
            load_submission(qtbot, window, [SHARED_DATA / "synthea" / f"{name}.csv" for name in TABLES])
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
        window.map_page.accept_all()
        problems = {}
        for step in range(5):
            window.go_to(step)
            qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
            qtbot.wait(50)
            assert window.width() <= 900 and window.height() <= 600
            found = overlaps(window.pages.widget(step))
            if found:
                problems[step] = found
        assert not problems, problems
    finally:
        window.close_without_asking()
        i18n.install("en")


def test_codes_are_picked_from_a_list_filtered_as_one_types(qtbot, window):
    assert load(qtbot, window, demo_csv())
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
    page = window.map_page
    page.accept_all()
    window.go_to(1)
    coded = [c for c in window.session.recipe.columns if c.code_review and (code_list := page.code_list(c)) is not None
             and len(code_list) > 100]
    assert coded, [(c.source, c.concept) for c in window.session.recipe.columns]
    decision = coded[0]
    _select_column(page, decision.source)
    value = page._code_value(0)
    picker = page.edit_code(value)
    assert picker is not None and picker.width() <= 700
    shown = [picker.list.item(r) for r in range(picker.list.count())]
    assert len(shown) > 100
    typed = shown[len(shown) // 2].text().split(" — ")[0].casefold()
    picker.filter_edit.setText(typed)
    visible = [item for item in shown if not item.isHidden()]
    assert visible and all(typed in item.text().casefold() for item in visible) and len(visible) < len(shown)
    assert picker.chosen() == visible[0].data(0x0100)
    chosen = picker.chosen()
    picker.accept()
    assert window.session.recipe.column(decision.source).code_map[value] == chosen


def test_concept_lists_show_labels_not_ids_in_french(qtbot):
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.session import Session

    i18n.install("fr")
    window = MainWindow(Session())
    try:
        window.show()
        assert load(qtbot, window, demo_csv())
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
        window.go_to(1)
        page = window.map_page
        sex = page.concept_label("sex")
        assert sex.startswith("Sexe") and "sex —" not in sex
        labels = [page._concepts_model.item(r).text() for r in range(page._concepts_model.rowCount())]
        assert sex in labels and not any(" — " in label for label in labels)
        page.columns_table.selectRow(next(r for r in range(page.columns_table.rowCount())
                                          if page.columns_table.item(r, 0).text() == "Sexe"))
        assert f"Pourquoi {sex} pour" in page.reason_label.text().replace("&amp;", "&")
        assert "sex pour" not in page.reason_label.text()
        page.accept_all()
        row = page.columns_table.currentRow()
        combo = page.columns_table.cellWidget(row, 2)
        assert combo.currentText() == sex and combo.toolTip().startswith(sex + "\n")
    finally:
        window.close_without_asking()
        i18n.install("en")


def test_the_status_message_sits_beside_the_progress_not_over_it(qtbot, window):
    window.resize(900, 600)
    window.say("Read registre_cancer_demo.csv.")
    window.progress_label.setText("Looking for identifying columns and suggesting concepts… 40%")
    for widget in (window.progress_label, window.progress_bar, window.cancel_button):
        widget.show()
    qtbot.wait(50)
    assert window.message_label.isVisible() and window.current_message().startswith("Read")
    assert not overlaps(window.statusBar())
