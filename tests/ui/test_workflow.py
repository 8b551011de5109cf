"""The whole workflow driven through the window on the demo data, undo/redo, and project save/reopen."""

from __future__ import annotations

import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.protect.transforms import output_name
from curator.recipe.model import Recipe
from curator.resources import demo_csv
from tests.ui.conftest import fill_export_form, load
from ui.main_window import MainWindow, autosave_path
from ui.session import Session


def _idle(qtbot, window, timeout=120_000):
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=timeout)


def _ready(qtbot, window):
    assert load(qtbot, window, demo_csv())
    _idle(qtbot, window)
    assert window.session.suggestions and window.session.proposed is not None


def test_accept_undo_redo_through_the_edit_menu(qtbot, window):
    _ready(qtbot, window)
    recipe = window.session.recipe
    assert recipe.columns == [] and not window.undo_actions.undo_action.isEnabled()
    window.map_page.accept_all()
    assert {c.source for c in recipe.columns} == set(window.session.loaded.table.column_names)
    accepted = recipe.to_json()
    assert window.isWindowModified() and "accept all" in window.undo_actions.undo_action.text()

    sex = next(c for c in recipe.columns if c.concept == "sex").source
    window.map_page.choose_concept(sex, None)
    assert window.session.recipe.column(sex).concept is None

    window.undo_actions.undo_action.trigger()
    assert window.session.recipe.to_json() == accepted
    window.undo_actions.undo_action.trigger()
    assert window.session.recipe.columns == [] and not window.isWindowModified()
    window.undo_actions.redo_action.trigger()
    window.undo_actions.redo_action.trigger()
    assert window.session.recipe.column(sex).concept is None
    assert not window.undo_actions.redo_action.isEnabled()


def test_project_saves_and_reopens_with_its_data(qtbot, window, tmp_path):
    _ready(qtbot, window)
    window.map_page.accept_all()
    window.protect_page.set_quasi("Commune", True)
    window.export_page.metadata_edits["producer_id"].setText("REG-CANCER-38")
    window.export_page._metadata_edited("producer_id")
    project = tmp_path / "registre.curator.json"
    assert window._save_to(project)
    assert window.session.is_clean() and not window.isWindowModified()
    saved = window.session.recipe.to_json()
    assert project.read_text(encoding="utf-8") == saved

    other = MainWindow(Session())
    with qtbot.waitSignal(other.loadFinished, timeout=60_000) as blocker:
        other.open_project(project)
    assert blocker.args == [True]
    _idle(qtbot, other)
    assert other.session.recipe.to_json() == saved
    assert other.session.project_path == project and other.session.is_clean()
    assert other.session.loaded.table.num_rows == window.session.loaded.table.num_rows
    assert "Commune" in other.session.recipe.protection.quasi_identifiers
    assert other.export_page.metadata_edits["producer_id"].text() == "REG-CANCER-38"
    other.close_without_asking()


def test_autosave_writes_unsaved_decisions_and_restores_them(qtbot, window):
    _ready(qtbot, window)
    assert window.autosave() is None            # nothing unsaved yet
    window.map_page.accept_all()
    path = window.autosave()
    assert path == autosave_path() and Recipe.load(path).to_json() == window.session.recipe.to_json()

    restored = MainWindow(Session())
    with qtbot.waitSignal(restored.loadFinished, timeout=60_000):
        restored.restore_autosave()
    assert restored.session.recipe.to_json() == window.session.recipe.to_json()
    assert not restored.session.is_clean()       # restored work still needs saving
    restored.close_without_asking()


def test_whole_workflow_writes_a_package_that_verifies_and_opens(qtbot, window, tmp_path, monkeypatch):
    from curator.package.keys import load_identity, load_signer, new_recipient_key, new_signing_key
    from curator.package.unpack import open_package
    from curator.protect.secret import new_secret, write_secret_file

    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    write_secret_file(tmp_path / "pseudo.secret", new_secret(), "correct horse battery")

    _ready(qtbot, window)
    window.map_page.accept_all()
    window.go_to(2)
    protect = window.protect_page
    with qtbot.waitSignal(window.runner.ended, timeout=60_000):
        protect.reach_k()
    _idle(qtbot, window)
    # the demo's 5,000 people spread over every département: at year and département k = 5 is out of
    # reach, and the page says so (never "Searching…") and offers the coarser floors that reach it
    assert not window.session.recipe.protection.generalisation
    assert "cannot be reached" in protect.reach_label.text() and "Searching" not in protect.reach_label.text()
    assert protect.suggestion_button.isVisibleTo(protect)
    protect.use_suggestion()
    _idle(qtbot, window)
    assert window.session.recipe.protection.generalisation, protect.reach_label.text()
    # the utility panel and "what the hub receives" follow, from the export's own chain
    qtbot.waitUntil(lambda: protect.utility is not None and not window.runner.running(), timeout=60_000)
    assert protect.hub is not None and protect.hub_model.rowCount() > 0
    assert protect.utility_table.rowCount() == len(protect.utility.columns) == 3

    window.go_to(3)
    _idle(qtbot, window)
    assert window.session.blocker_count == 0, [window.check_page.blockers_list.item(i).text()
                                                  for i in range(window.check_page.blockers_list.count())]
    window.go_to(4)
    page = window.export_page
    fill_export_form(page, tmp_path, tmp_path / "submission.tar",
                     (("producer_id", "DEMO"), ("producer_name", "Registre des cancers (démo)"),
                      ("dataset_title", "Registre démo")))
    assert page.export_button.isEnabled(), page.status.text()
    page.export_button.click()
    _idle(qtbot, window)
    assert page.last_result is not None and page.last_result.ok, page.result_label.text()
    # The report opens in the system's browser from a private local file: what the package carries.
    import stat

    import ui.pages.export

    opened_urls = []
    monkeypatch.setattr(ui.pages.export, "open_url", lambda url: opened_urls.append(url) or True)
    shown = page.show_report()
    assert shown is not None and opened_urls and opened_urls[0].toLocalFile() == str(shown)
    assert stat.S_IMODE(shown.stat().st_mode) == 0o600 and stat.S_IMODE(shown.parent.stat().st_mode) == 0o700
    assert shown.read_text(encoding="utf-8") == page.last_result.report_html
    assert window.session.loaded.source.sha256[:12] in page.last_result.report_html
    import re
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|url\(\s*["']?(https?:|//)|@import""",
                         page.last_result.report_html)     # nothing fetched: the SVG namespace is a name
    # the report saved from the app as a workbook: the same content, one sheet per part
    from openpyxl import load_workbook

    saved = page.save_report_xlsx(tmp_path / "curation-report")
    assert saved == tmp_path / "curation-report.xlsx" and saved.is_file()
    workbook = load_workbook(saved, read_only=True)
    assert len(workbook.sheetnames) >= 3
    cells = {str(c) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert any(window.session.loaded.source.sha256[:12] in c for c in cells)
    workbook.close()

    opened = tmp_path / "opened"
    open_package(tmp_path / "submission.tar", load_identity(tmp_path / "hub.key", None),
                 load_signer(tmp_path / "producer.pub"), opened)
    table = pq.read_table(opened / "data.parquet")
    assert table.num_rows > 0
    # The shipped report is the one the app showed.
    assert (opened / "curation-report.html").read_text(encoding="utf-8") == page.last_result.report_html
    assert not {"Nom", "Prénom", "last_name", "first_name"} & set(table.column_names)
    source_nirs = set(window.session.loaded.table.column("NIR").drop_null().to_pylist())
    for name in table.column_names:
        values = {str(v) for v in table.column(name).drop_null().to_pylist()}
        assert not values & source_nirs, f"clear NIR found in {name}"

    # Reach k's promise holds in the package: every class over the quasi-identifiers as they left has
    # at least k records, but for the suppressed ones (every quasi-identifier '*'), within the cap.
    protection = window.session.recipe.protection
    quasi = [output_name(d) for q in protection.quasi_identifiers
             if (d := window.session.recipe.column(q)) is not None and d.transform.action != "drop"]
    assert quasi and protection.k_target and set(protection.hierarchies) == set(protection.generalisation)
    groups = table.select(quasi).group_by(quasi).aggregate([([], "count_all")])
    small = groups.filter(pc.less(groups.column("count_all"), protection.k_target)).to_pylist()
    assert all(all(row[q] == "*" for q in quasi) for row in small), small
    suppressed = sum(row["count_all"] for row in small)
    assert suppressed <= protection.suppression_cap * table.num_rows
    assert groups.num_rows > 1      # not everything generalised away


def test_a_blocker_on_the_check_step_leads_to_its_column_on_the_protect_step(qtbot, window):
    """Pages do not know one another: the Check page asks to go somewhere and the window takes it there."""
    import copy

    from curator.recipe.model import Transform
    from curator.undo import ReplaceColumnDecision

    _ready(qtbot, window)
    window.map_page.accept_all()
    kept = copy.deepcopy(window.session.recipe.column("Nom"))
    kept.transform = Transform("keep")          # a direct identifier exported as is, not confirmed
    window.session.push(ReplaceColumnDecision(window.session.recipe, kept, "keep Nom"))
    window.go_to(3)
    page = window.check_page
    qtbot.waitUntil(lambda: window.session.blocker_count is not None and not window.runner.running(), timeout=120_000)
    items = [page.blockers_list.item(i) for i in range(page.blockers_list.count())]
    blocker = next(item for item in items if "'Nom'" in item.text())
    page.blockers_list.itemActivated.emit(blocker)
    assert window.current_step() == 2
    table = window.protect_page.columns_table
    assert table.item(table.currentRow(), 0).text() == "Nom"


def test_a_check_of_decisions_since_changed_does_not_count(qtbot, window):
    """The export is enabled by the blockers of the current decisions, never by a check that ran on older ones."""
    _ready(qtbot, window)
    window.map_page.accept_all()
    window.go_to(0)                     # no checking page in view: nothing re-runs the checks
    window.check_page.run_checks()
    sex = next(c for c in window.session.recipe.columns if c.concept == "sex").source
    window.map_page.choose_concept(sex, None)      # while the check runs
    before = window.session.validation
    qtbot.waitUntil(lambda: window.session.validation is not before and not window.runner.running(), timeout=120_000)
    assert window.session.blocker_count is None
    window.check_page.check_if_stale()
    qtbot.waitUntil(lambda: window.session.blocker_count is not None and not window.runner.running(), timeout=120_000)


def test_the_order_of_importance_is_set_on_protect_and_undone(qtbot, window):
    _ready(qtbot, window)
    window.map_page.accept_all()
    window.go_to(2)
    page = window.protect_page
    before = list(window.session.recipe.protection.quasi_identifiers)
    assert len(before) >= 2
    assert [page.importance_list.item(i).text() for i in range(page.importance_list.count())] == before
    page.importance_list.setCurrentRow(len(before) - 1)
    page.move_importance(-1)
    after = window.session.recipe.protection.quasi_identifiers
    assert after == before[:-2] + [before[-1], before[-2]]
    assert [page.importance_list.item(i).text() for i in range(page.importance_list.count())] == after
    assert page.importance_list.currentRow() == len(before) - 2     # the moved one stays chosen
    page.importance_list.setCurrentRow(0)
    page.move_importance(-1)                                         # already the most important: nothing to undo
    assert window.session.recipe.protection.quasi_identifiers == after
    window.undo_actions.undo_action.trigger()
    assert window.session.recipe.protection.quasi_identifiers == before


def test_protect_takes_k_and_the_suppression_cap_by_default_from_the_core(qtbot, window, monkeypatch):
    """A recipe without k or a record cap is shown and searched with the core's defaults (those of
    `curator recipe reach-k`), not with figures of the page's own."""
    import copy

    from curator.protect import persons
    from curator.undo import ReplaceProtection

    monkeypatch.setattr(persons, "DEFAULT_K", 3)
    monkeypatch.setattr(persons, "DEFAULT_SUPPRESSION", 0.25)
    _ready(qtbot, window)
    window.map_page.accept_all()
    window.go_to(2)
    _idle(qtbot, window)
    page, session = window.protect_page, window.session
    settings = copy.deepcopy(session.recipe.protection)
    assert "Sexe" in settings.quasi_identifiers
    settings.quasi_identifiers = ["Sexe"]        # k reached at once: the test is about which k and cap
    settings.k_target, settings.suppression_cap, settings.generalisation = None, 0.0, {}
    session.push(ReplaceProtection(session.recipe, settings, "forget k"))
    assert page.k_spin.value() == 3
    started = []
    window.runner.started.connect(lambda task: started.append(task.label))
    with qtbot.waitSignal(window.runner.ended, timeout=120_000):
        page.reach_k()
    _idle(qtbot, window)
    assert "reaching k = 3…" in " ".join(started), started
    reached = session.recipe.protection
    assert reached.k_target == 3 and reached.suppression_cap == 0.25, page.reach_label.text()
    assert reached.generalisation == {"Sexe": 0}, page.reach_label.text()
