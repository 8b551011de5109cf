"""A linked submission through the window: Synthea's patients, encounters and conditions loaded as one
submission, their links confirmed, each table mapped and protected, one package written, verified and
opened by the command line, its tables joining on their pseudonymised keys."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from curator.recipe.submission import Submission
from tests.conftest import SHARED_DATA
from tests.ui.conftest import fill_export_form, load
from ui.main_window import MainWindow
from ui.qt import Qt
from ui.session import Session

SYNTHEA = SHARED_DATA / "synthea"
TABLES = ("patients", "encounters", "conditions")


def _idle(qtbot, window, timeout=120_000):
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=timeout)


def _copy(tmp_path: Path) -> list[Path]:
    if not SYNTHEA.is_dir():
        pytest.fail(f"shared test data not found at {SYNTHEA}: the repository must sit beside shared/")
    folder = tmp_path / "synthea"
    folder.mkdir()
    return [Path(shutil.copy(SYNTHEA / f"{name}.csv", folder / f"{name}.csv")) for name in TABLES]


def load_submission(qtbot, window, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.loadFinished, timeout=120_000) as blocker:
        window.open_paths(paths)
    assert blocker.args == [True]
    _idle(qtbot, window)


def _links(window) -> set[str]:
    return {str(link) for link in window.session.linking.links}


def test_three_tables_load_as_one_submission_with_their_links(qtbot, window, tmp_path):
    load_submission(qtbot, window, _copy(tmp_path))
    session, page = window.session, window.load_page
    assert session.is_submission() and session.table_names() == list(TABLES)
    assert page.submission_box.isVisibleTo(page) and page.tables_table.rowCount() == 3
    rows = {page.tables_table.item(r, 0).text(): page.tables_table.item(r, 1).text() for r in range(3)}
    assert rows == {"patients": "27", "encounters": "604", "conditions": "438"}
    assert _links(window) == {"encounters.PATIENT → patients.Id", "conditions.PATIENT → patients.Id",
                              "conditions.ENCOUNTER → encounters.Id"}
    # each proposal with its reason, ticked; the person key chosen in the combo
    texts = [page.links_list.item(i).text() for i in range(page.links_list.count())]
    assert all(" — " in text and len(text.split(" — ")[1]) > 10 for text in texts), texts
    assert page.person_combo.currentData() == "patients.Id"
    assert {s.recipe.name: s.recipe.person_key for s in session.tables} == {
        "patients": "Id", "encounters": "PATIENT", "conditions": "PATIENT"}

    # a link unticked: its table loses the person key; undo brings both back
    item = next(page.links_list.item(i) for i in range(3) if texts[i].startswith("encounters.PATIENT"))
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "encounters.PATIENT → patients.Id" not in _links(window)
    assert session.tables[1].recipe.person_key is None
    window.undo_actions.undo_action.trigger()
    assert len(_links(window)) == 3 and session.tables[1].recipe.person_key == "PATIENT"
    # no person key: every table counts records
    page.person_combo.setCurrentIndex(0)
    assert all(s.recipe.person_key is None for s in session.tables)
    window.undo_actions.undo_action.trigger()
    assert page.person_combo.currentData() == "patients.Id"

    # the table selector of Map, Protect and Check switches every page to that table
    window.go_to(1)
    selector = window.map_page.table_selector
    assert selector.isVisibleTo(window.map_page) and selector.combo.count() == 3
    selector.combo.setCurrentIndex(2)
    assert session.loaded.table.num_rows == 438 and session.recipe.name == "conditions"
    assert window.protect_page.table_selector.combo.currentIndex() == 2
    assert window.map_page.columns_table.rowCount() == session.loaded.table.num_columns


def test_a_single_file_after_a_submission_resets_every_page(qtbot, window, tmp_path):
    load_submission(qtbot, window, _copy(tmp_path))
    window.session.stack.set_clean()
    assert load(qtbot, window, SYNTHEA / "patients.csv")
    _idle(qtbot, window)
    assert not window.session.is_submission()
    assert not window.load_page.submission_box.isVisibleTo(window.load_page)
    for page in (window.map_page, window.protect_page, window.check_page):
        assert not page.table_selector.isVisibleTo(page)
    window.go_to(3)
    _idle(qtbot, window)
    assert not window.check_page.across_box.isVisibleTo(window.check_page)


def test_the_app_writes_one_package_of_three_tables_that_join(qtbot, window, tmp_path):
    from curator.package.keys import new_recipient_key, new_signing_key
    from curator.protect.secret import new_secret, write_secret_file

    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    write_secret_file(tmp_path / "pseudo.secret", new_secret(), "correct horse battery")
    load_submission(qtbot, window, _copy(tmp_path))
    session = window.session

    # Map then Protect each table: the suggestions accepted; Reach k on the person table
    for index in range(3):
        session.select_table(index)
        _idle(qtbot, window)
        window.map_page.accept_all()
        assert {c.source for c in session.recipe.columns} == set(session.loaded.table.column_names)
        keys = [*session.recipe.primary_key, *(c for link in session.linking.links
                                              if link.table == session.recipe.name for c in link.columns)]
        assert all(session.recipe.column(c).transform.action == "pseudonymise" for c in keys), keys
        assert window.steps_done()[1] == (index == 2)       # Map is done once every table is mapped
    session.select_table(0)
    window.go_to(2)
    protect = window.protect_page
    _idle(qtbot, window)
    with qtbot.waitSignal(window.runner.ended, timeout=60_000):
        protect.reach_k()
    _idle(qtbot, window)
    # Synthea's 27 persons cannot reach k = 5 at the floors within the default caps: the page says so and
    # never coarsens past a floor; with larger caps it reaches k by suppressing cells, the floors kept
    assert not session.recipe.protection.generalisation
    assert "cannot be reached" in protect.reach_label.text()
    protect.cell_cap_spin.setValue(50)
    protect.record_cap_spin.setValue(100)
    protect._caps_changed()
    with qtbot.waitSignal(window.runner.ended, timeout=60_000):
        protect.reach_k()
    _idle(qtbot, window)
    assert session.recipe.protection.generalisation, protect.reach_label.text()
    assert set(session.recipe.protection.generalisation.values()) == {0}    # every floor here is level 0
    protect.refresh_risk()
    _idle(qtbot, window)
    # the risk across the tables, counted in persons as the export counts them: the persons Reach k
    # suppressed whole have left every table, every other is in a group of at least k
    assert protect.persons_box.isVisibleTo(protect)
    assert session.submission_view is not None and session.submission_view.risk["unit"] == "persons"
    whole = session.recipe.protection.person_reach["persons_suppressed"]
    assert whole < 5 and protect.person_labels["records"].text() == str(27 - whole)
    assert protect.person_labels["records_below_k"].text().startswith("0 ")

    window.go_to(3)
    _idle(qtbot, window)
    check = window.check_page
    assert check.across_box.isVisibleTo(check)
    across = [check.across_list.item(i).text() for i in range(check.across_list.count())]
    assert any(f"counted in persons: {27 - whole} persons" in text and "0 below k = 5" in text for text in across), across
    # the rules across tables: Synthea has 2 stays after the patient's death, found in both tables
    assert sum(text.startswith("⚠ table 'encounters': 2 row(s)") or text.startswith("⚠ table 'patients': 2 row(s)")
               for text in across) == 2, across
    assert all(state.recipe.protection.k_target == 5 for state in session.tables)
    # Synthea repeats some stays: each table's coherence findings kept with a reason, as the user would
    decided = 0
    for index in range(3):
        check.table_selector.combo.setCurrentIndex(index)
        check.run_checks()
        _idle(qtbot, window)
        assert session.validation.rows == session.loaded.table.num_rows
        for result in session.validation.results:
            if result.kind == "coherence" and not result.resolved:
                check.decide(result.rule, "keep", "synthetic data: repeats are expected")
                decided += 1
        _idle(qtbot, window)
    assert decided >= 2
    check.run_checks()
    _idle(qtbot, window)
    blockers = [check.blockers_list.item(i).text() for i in range(check.blockers_list.count())]
    assert session.blocker_count == 0, blockers

    window.go_to(4)
    page = window.export_page
    assert page.output_edit.text().endswith("synthea-submission.tar")
    fill_export_form(page, tmp_path, tmp_path / "synthea.tar",
                     (("producer_id", "SYN"), ("producer_name", "Synthea"), ("dataset_title", "Synthea linked")))
    assert page.export_button.isEnabled(), page.status.text()
    page.export_button.click()
    _idle(qtbot, window)
    assert page.last_result is not None and page.last_result.ok, page.result_label.text()

    # the project keeps the submission
    project = tmp_path / "synthea.curator.json"
    assert window._save_to(project)
    saved = Submission.load(project)
    assert [t.name for t in saved.tables] == list(TABLES) and len(saved.links) == 3
    other = MainWindow(Session())
    with qtbot.waitSignal(other.loadFinished, timeout=120_000) as blocker:
        other.open_project(project)
    assert blocker.args == [True]
    _idle(qtbot, other)
    assert other.session.is_submission() and other.session.table_names() == list(TABLES)
    assert other.session.submission().to_json() == saved.to_json() and other.session.is_clean()
    other.close_without_asking()

    # curator verify and open, as the hub does
    cli = [sys.executable, "-m", "curator"]
    verified = subprocess.run([*cli, "verify", str(tmp_path / "synthea.tar"), "--signer", str(tmp_path / "producer.pub")],
                              capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    opened = tmp_path / "opened"
    done = subprocess.run([*cli, "open", str(tmp_path / "synthea.tar"), "--identity", str(tmp_path / "hub.key"),
                           "--signer", str(tmp_path / "producer.pub"), "-o", str(opened)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    tables = {name: pq.read_table(opened / f"{name}.parquet") for name in TABLES}
    # a person whom no pattern of suppressed cells saves leaves every table, whole: the persons kept
    # have exactly the visits they have in the source
    kept = tables["patients"].num_rows
    assert 27 - 3 <= kept <= 27
    source_visits = Counter(line.split(",")[3] for line in (SYNTHEA / "encounters.csv").read_text().splitlines()[1:])
    package_visits = Counter(tables["encounters"].column(_key(saved, "encounters", "PATIENT")).to_pylist())
    assert not Counter(package_visits.values()) - Counter(source_visits.values())
    assert len(package_visits) <= kept and tables["encounters"].num_rows <= 604
    if kept == 27:
        assert {name: t.num_rows for name, t in tables.items()} == {"patients": 27, "encounters": 604,
                                                                     "conditions": 438}
    source_ids = set(pq.read_table(opened / "patients.parquet").column(0).to_pylist())
    assert not source_ids & {line.split(",")[0] for line in (SYNTHEA / "patients.csv").read_text().splitlines()[1:]}
    # the tables join on their pseudonymised keys, with no orphan
    patients, encounters, conditions = tables["patients"], tables["encounters"], tables["conditions"]
    key = _key(saved, "patients", "Id")
    for child, column in ((encounters, _key(saved, "encounters", "PATIENT")),
                          (conditions, _key(saved, "conditions", "PATIENT"))):
        assert pc.all(pc.is_in(child.column(column), value_set=patients.column(key))).as_py()
    joined = conditions.join(encounters, _key(saved, "conditions", "ENCOUNTER"),
                             right_keys=_key(saved, "encounters", "Id"), join_type="inner")
    assert joined.num_rows == conditions.num_rows


def _key(submission: Submission, table: str, column: str) -> str:
    from curator.protect.transforms import output_name

    recipe = submission.table(table)
    assert recipe is not None
    decision = recipe.column(column)
    assert decision is not None
    return output_name(decision)


def test_a_submission_is_autosaved_and_restored_with_its_tables(qtbot, window, tmp_path):
    from ui.main_window import autosave_path

    load_submission(qtbot, window, _copy(tmp_path))
    window.session.select_table(1)
    window.map_page.accept_all()
    path = window.autosave()
    assert path == autosave_path() and len(Submission.load(path).tables) == 3
    other = MainWindow(Session())
    try:
        with qtbot.waitSignal(other.loadFinished, timeout=120_000):
            other.restore_autosave()
        _idle(qtbot, other)
        assert other.session.table_names() == list(TABLES) and not other.session.is_clean()
        assert other.session.tables[1].recipe.columns == window.session.tables[1].recipe.columns
    finally:
        other.close_without_asking()
        autosave_path().unlink(missing_ok=True)


def test_a_table_of_the_submission_is_read_again_with_other_options(qtbot, window, tmp_path):
    from ui.session import TableState

    load_submission(qtbot, window, _copy(tmp_path))
    session = window.session
    session.select_table(1)
    before = session.loaded
    options = before.source.options
    with qtbot.waitSignal(window.loadFinished, timeout=120_000) as blocker:
        window.reload_with_options(type(options)(**{**vars(options), "header_row": 2}))
    assert blocker.args == [True]
    _idle(qtbot, window)
    # the same table, read from its second line: its first row became the header; the others untouched
    assert session.is_submission() and session.active == 1 and session.recipe.name == "encounters"
    assert session.loaded is not before and session.loaded.table.num_rows == before.table.num_rows - 1
    session.select_table(0)
    session.select_table(1)
    state: TableState = session.tables[1]
    assert state.loaded.table.num_rows == before.table.num_rows - 1 and session.tables[0].loaded.table.num_rows == 27


def _mapped_submission(qtbot, window, tmp_path: Path) -> list[Path]:
    """Synthea's three tables loaded as one submission, each table's suggestions accepted, on Protect."""
    paths = _copy(tmp_path)
    load_submission(qtbot, window, paths)
    for index in range(3):
        window.session.select_table(index)
        _idle(qtbot, window)
        window.map_page.accept_all()
    window.session.select_table(0)
    window.go_to(2)
    _idle(qtbot, window)
    return paths


def _reach(qtbot, window, run) -> None:
    with qtbot.waitSignal(window.runner.ended, timeout=60_000):
        run()
    _idle(qtbot, window)


def _protections(session: Session) -> list:
    """Every table's protection as the project saves it (the shared fields as the table in view has them)."""
    return [copy.deepcopy(recipe.protection) for recipe in session.submission().tables]


def _persons_measured(qtbot, window) -> None:
    """The panel in persons measured for the decisions now in force."""
    window.session.submission_view = None
    window.protect_page.refresh_risk()
    qtbot.waitUntil(lambda: window.session.submission_view is not None and not window.runner.running(),
                    timeout=60_000)


def test_reach_k_in_persons_across_the_tables_says_the_caps_reaching_it_and_undoes_at_once(qtbot, window, tmp_path):
    paths = _mapped_submission(qtbot, window, tmp_path)
    session, protect = window.session, window.protect_page
    assert protect.reach_box.title() == "Reach k across the tables, in persons"
    # Synthea's 27 persons, one per class at the floors: out of reach within the default caps, and the
    # page says which caps of its own reach it
    before = _protections(session)
    _reach(qtbot, window, protect.reach_k)
    said = protect.reach_label.text()
    assert "cannot be reached" in said and "counted in persons across the tables" in said, said
    assert ("raise “Cells that may be suppressed” above to 46 % and “Persons that may lose a cell” to 100 % "
            "(27 persons touched)") in said, said
    assert _protections(session) == before and not protect.suggestion_button.isVisible()

    # the caps raised as said: reached, in persons, written into every table at once
    protect.cell_cap_spin.setValue(46)
    protect.record_cap_spin.setValue(100)
    protect._caps_changed()
    before = _protections(session)
    _reach(qtbot, window, protect.reach_k)
    said = protect.reach_label.text()
    assert said.startswith("k = 5 reached in persons across the 3 tables (27 persons). patients: BIRTHDATE level "
                           "0/4, ZIP level 0/2, GENDER level 0/1; encounters: no quasi-identifier; conditions: no "
                           "quasi-identifier."), said
    reached = {state.recipe.name: state.recipe.protection for state in session.tables}
    assert reached["patients"].generalisation == {"BIRTHDATE": 0, "ZIP": 0, "GENDER": 0}
    assert reached["encounters"].generalisation == {} and reached["conditions"].generalisation == {}
    for protection in reached.values():
        assert protection.k_target == 5 and protection.suppression_cap == 1.0
        assert protection.person_reach["unit"] == "persons" and protection.person_reach["persons"] == 27
    whole = reached["patients"].person_reach["persons_suppressed"]
    cells, touched = (reached["patients"].person_reach[key] for key in ("cells_suppressed", "persons_touched"))
    assert (f"cells suppressed on every row holding them: {cells} (of {touched} persons); persons suppressed whole, "
            f"their rows leaving every table: {whole}.") in said
    assert session.submission().protection.person_reach == reached["patients"].person_reach
    # the panel in persons: the persons suppressed whole have left every table, no group below k
    _persons_measured(qtbot, window)
    assert protect.person_labels["records"].text() == str(27 - whole)
    assert protect.person_labels["records_below_k"].text().startswith("0 "), protect.person_note.text()
    assert "Every person is in a group of at least 5" in protect.person_note.text()

    # one undo restores every table; redo brings the levels back in every table
    assert window.undo_actions.undo_action.text() == "&Undo generalise to reach k = 5 persons across the tables"
    window.undo_actions.undo_action.trigger()
    assert _protections(session) == before
    window.undo_actions.redo_action.trigger()
    assert {s.recipe.name: s.recipe.protection for s in session.tables} == reached

    # the recipe the app saves is one `curator apply` accepts: k reached in persons, no refusal
    from curator.package.keys import new_recipient_key, new_signing_key
    from curator.protect.secret import new_secret, write_secret_file
    from tests.conftest import fill_export

    project = tmp_path / "synthea.curator.json"
    assert window._save_to(project)
    saved = Submission.load(project)
    for recipe in saved.tables:
        fill_export(recipe)
    fill_export(saved)
    saved.save(project)
    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    write_secret_file(tmp_path / "pseudo.secret", new_secret(), "correct horse battery")
    (tmp_path / "pass.txt").write_text("correct horse battery\n", encoding="utf-8")
    applied = subprocess.run([sys.executable, "-m", "curator", "apply", *map(str, paths), "--recipe", str(project),
                              "-o", str(tmp_path / "synthea.tar"), "--recipient", str(tmp_path / "hub.pub"),
                              "--signing-key", str(tmp_path / "producer.key"), "--secret",
                              str(tmp_path / "pseudo.secret"), "--passphrase-file", str(tmp_path / "pass.txt")],
                             capture_output=True, text=True, timeout=300)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    # the package's risk in persons (its public manifest) is what the panel said
    import json
    import tarfile

    with tarfile.open(tmp_path / "synthea.tar") as package:
        member = package.extractfile("manifest.json")
        assert member is not None
        risk = json.loads(member.read())["risk"]
    assert risk["unit"] == "persons" and risk["records"] == 27 - whole and risk["records_below_k"] == 0, risk


def _hub_rows(protect) -> dict[str, list]:
    """The "what the hub receives" sample as shown: column name → values."""
    model = protect.hub_model
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return {name: [model.index(r, c).data() for r in range(model.rowCount())] for c, name in enumerate(names)}


def test_what_the_hub_receives_shows_each_table_of_the_package(qtbot, window, tmp_path):
    _mapped_submission(qtbot, window, tmp_path)
    session, protect = window.session, window.protect_page
    _persons_measured(qtbot, window)
    combo = protect.hub_table_combo
    assert combo.isVisibleTo(protect) and [combo.itemText(i) for i in range(combo.count())] == list(TABLES)
    assert combo.currentText() == "patients"
    assert protect.hub_label.text() == "patients.parquet: the first 27 of 27 rows as the package holds them."
    assert "the same for every table" in protect.hub_label.toolTip()
    patients = _hub_rows(protect)
    previews = [protect.columns_table.item(r, 5).text() for r in range(protect.columns_table.rowCount())]

    # another table of the package, the page still on patients: its rows as the package holds them
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert protect.hub_label.text().startswith("conditions.parquet: the first 50 of 438 rows"), protect.hub_label.text()
    conditions = _hub_rows(protect)
    assert {"ENCOUNTER", "CODE"} <= set(conditions) and "DESCRIPTION" not in conditions    # dropped, as in the package
    assert len(conditions["CODE"]) == 50
    # under the previews' secret, one for every table: a diagnosis's person is one of the patients' pseudonyms
    assert set(conditions["patient_local_id"]) <= set(patients["patient_local_id"])
    shown_id = protect.hub.previews["Id"][1]
    assert shown_id and set(shown_id) <= set(patients["patient_local_id"])
    assert session.active == 0 and protect.table_selector.combo.currentText().startswith("patients")
    assert [protect.columns_table.item(r, 5).text() for r in range(protect.columns_table.rowCount())] == previews

    # Reach k in persons, from patients: the box keeps the table chosen; the persons suppressed whole
    # have left every table's rows, as they leave the package
    protect.cell_cap_spin.setValue(46)
    protect.record_cap_spin.setValue(100)
    protect._caps_changed()
    _reach(qtbot, window, protect.reach_k)
    whole = session.recipe.protection.person_reach["persons_suppressed"]
    assert whole >= 1, protect.reach_label.text()
    _persons_measured(qtbot, window)
    assert protect.hub_label.text().startswith("conditions.parquet"), protect.hub_label.text()
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    kept = 27 - whole
    assert protect.hub_label.text() == f"patients.parquet: the first {kept} of {kept} rows as the package holds them."
    assert len(set(_hub_rows(protect)["patient_local_id"])) == kept

    # the page's selector moves the box to the table now in view
    protect.table_selector.combo.setCurrentIndex(1)
    _idle(qtbot, window)
    assert combo.currentText() == "encounters"
    qtbot.waitUntil(lambda: protect.hub_label.text().startswith("encounters.parquet: the first 50 of "), timeout=60_000)
    encounters = _hub_rows(protect)
    assert set(encounters["patient_local_id"]) <= set(patients["patient_local_id"]) and len(encounters["Id"]) == 50


def _cancelled_in_search(qtbot, window, run) -> None:
    """``run()`` starts Reach k across the tables; its worker is held at its first progress report inside
    the search (past the gathering of the quasi-identifiers, before any level is written) while Cancel
    is clicked as the user does, then let go to its end."""
    reached, release, tasks = threading.Event(), threading.Event(), []

    def hold(fraction: float, _detail: str) -> None:      # on the worker thread
        if 0.2 < fraction < 0.9 and not reached.is_set():
            reached.set()
            release.wait(60)

    def started(task) -> None:
        if "persons across the tables" in task.label and not tasks:
            tasks.append(task)
            task.signals.progress.connect(hold, Qt.ConnectionType.DirectConnection)

    window.runner.started.connect(started)
    try:
        with qtbot.waitSignal(window.runner.ended, timeout=120_000, check_params_cb=lambda task: task in tasks):
            run()
            assert tasks and tasks[0].can_cancel
            qtbot.waitUntil(reached.is_set, timeout=60_000)
            # A measure the page started meanwhile may be in front until it ends; then the search is.
            qtbot.waitUntil(lambda: window.progress_label.text().startswith(tasks[0].label), timeout=60_000)
            assert window.cancel_button.isVisibleTo(window)
            qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
            release.set()
    finally:
        release.set()
        window.runner.started.disconnect(started)
    _idle(qtbot, window)


def test_cancel_during_reach_k_across_the_tables_changes_nothing_and_the_page_stays_usable(qtbot, window, tmp_path):
    _mapped_submission(qtbot, window, tmp_path)
    session, protect = window.session, window.protect_page
    # caps that reach k: a search let to its end writes levels into every table
    protect.cell_cap_spin.setValue(46)
    protect.record_cap_spin.setValue(100)
    protect._caps_changed()
    _idle(qtbot, window)
    before = _protections(session)
    assert not any(p.generalisation or p.person_reach for p in before)
    history = (session.stack.undo_label(), session.stack.can_redo(), session.is_clean())
    _cancelled_in_search(qtbot, window, protect.reach_k)
    assert protect.reach_label.text() == "Reach k was cancelled."
    assert "cancelled, nothing was changed" in window.current_message()
    # every table as it was: no level, no reach record written into any of them; the history untouched
    assert _protections(session) == before
    assert (session.stack.undo_label(), session.stack.can_redo(), session.is_clean()) == history
    assert not window.cancel_button.isVisibleTo(window)

    # the page still works: Reach k again, let to its end, reaches k in every table in one step
    assert protect.reach_button.isEnabled()
    _reach(qtbot, window, protect.reach_k)
    said = protect.reach_label.text()
    assert said.startswith("k = 5 reached in persons across the 3 tables (27 persons)."), said
    assert session.recipe.protection.generalisation == {"BIRTHDATE": 0, "ZIP": 0, "GENDER": 0}
    assert all(state.recipe.protection.person_reach for state in session.tables)
    assert session.stack.undo_label() == "generalise to reach k = 5 persons across the tables"


def _visits_out_of_reach(qtbot, window, tmp_path: Path) -> None:
    """The month of each visit known to an attacker too (gathered per person from encounters), caps
    of 50 % and 100 %: Reach k run, out of reach at the floors, coarser ones suggested."""
    _mapped_submission(qtbot, window, tmp_path)
    session, protect = window.session, window.protect_page
    session.select_table(1)
    _idle(qtbot, window)
    protect.set_quasi("START", True)
    session.select_table(0)
    _idle(qtbot, window)
    protect.cell_cap_spin.setValue(50)
    protect.record_cap_spin.setValue(100)
    protect._caps_changed()
    _reach(qtbot, window, protect.reach_k)


def test_cancel_after_taking_the_floors_suggested_keeps_the_floors_as_they_were(qtbot, window, tmp_path):
    """"Use the coarser floors suggested" writes its floors with the levels found, in one step: Cancel
    during its search leaves every table's floors and the history as they were, the offer still there."""
    _visits_out_of_reach(qtbot, window, tmp_path)
    session, protect = window.session, window.protect_page
    assert "coarser floor for encounters.admission_date" in protect.reach_label.text()
    before = _protections(session)
    history = (session.stack.undo_label(), session.stack.can_redo(), session.is_clean())
    _cancelled_in_search(qtbot, window, protect.use_suggestion)
    assert protect.reach_label.text() == "Reach k was cancelled."
    assert _protections(session) == before
    assert (session.stack.undo_label(), session.stack.can_redo(), session.is_clean()) == history
    assert protect.suggestion_button.isVisible()

    # taken to its end: the floors and the levels in every table, one undo takes both back
    _reach(qtbot, window, protect.use_suggestion)
    assert protect.reach_label.text().startswith("k = 5 reached in persons across the 3 tables")
    encounters = session.tables[1].recipe.protection
    assert encounters.floors["START"].startswith("level:") and encounters.generalisation["START"] > 0
    window.undo_actions.undo_action.trigger()
    assert _protections(session) == before


def test_reach_k_in_persons_takes_the_coarser_floors_suggested_in_each_table(qtbot, window, tmp_path):
    _visits_out_of_reach(qtbot, window, tmp_path)
    session, protect = window.session, window.protect_page
    said = protect.reach_label.text()
    assert "cannot be reached" in said and "coarser floor for encounters.admission_date" in said, said
    assert "Raising the caps alone cannot reach k here" in said
    assert protect.suggestion_button.isVisible()
    assert not any(state.recipe.protection.generalisation for state in session.tables)

    _reach(qtbot, window, protect.use_suggestion)
    said = protect.reach_label.text()
    assert said.startswith("k = 5 reached in persons across the 3 tables"), said
    levels = {state.recipe.name: state.recipe.protection.generalisation for state in session.tables}
    assert set(levels["patients"]) == {"BIRTHDATE", "ZIP", "GENDER"} and set(levels["encounters"]) == {"START"}
    assert levels["conditions"] == {} and levels["encounters"]["START"] > 0
    floors = {state.recipe.name: state.recipe.protection.floors for state in session.tables}
    assert floors["encounters"]["START"].startswith("level:")
    assert "encounters: START level" in said and not protect.suggestion_button.isVisible()
    _persons_measured(qtbot, window)
    assert protect.person_labels["records_below_k"].text().startswith("0 "), protect.person_note.text()

    # levels found together are forgotten together: another cap, and Reach k is to be run again in every
    # table; one undo brings every table's levels back
    protect.cell_cap_spin.setValue(40)
    protect._caps_changed()
    assert not any(state.recipe.protection.generalisation for state in session.tables)
    window.undo_actions.undo_action.trigger()
    assert {state.recipe.name: state.recipe.protection.generalisation for state in session.tables} == levels
