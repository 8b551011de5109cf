"""A linked submission's curation report in the app: after the Export step wrote the one package, the
report buttons show the submission's report (the one the package carries), in the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from curator.cli import main
from curator.recipe.model import RuleDecision
from curator.recipe.submission import Submission
from tests.conftest import SYNTHEA_TABLES as TABLES
from tests.conftest import copy_synthea
from tests.ui.conftest import fill_export_form
from ui.pages import export as export_module


def _idle(qtbot, window, timeout=120_000):
    qtbot.waitUntil(lambda: not window.runner.running(), timeout=timeout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Synthea's three tables with a recipe reaching k = 5 persons across them (the caps raised, as
    tests/recipe/test_person_reach.py does), its coherence findings kept with a reason, saved as a project."""
    folder = tmp_path / "synthea"
    copy_synthea(folder)
    path = tmp_path / "synthea.curator.json"
    assert main(["recipe", "init", str(folder), "-o", str(path), "--cell-suppression", "0.6", "--suppression", "1"]) == 0
    submission = Submission.load(path)
    for name, rule in (("conditions", "repeated_stay"), ("encounters", "repeated_stay"),
                       ("encounters", "no_event_after_death"), ("patients", "no_event_after_death")):
        table = submission.table(name)
        assert table is not None
        table.rules.append(RuleDecision(rule, "keep", "synthetic data"))
    submission.save(path)
    return path


def test_the_report_buttons_show_the_submission_report_the_package_carries(qtbot, window, tmp_path, project,
                                                                          monkeypatch):
    from curator.package.keys import new_recipient_key, new_signing_key
    from curator.protect.secret import new_secret, write_secret_file

    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    write_secret_file(tmp_path / "pseudo.secret", new_secret(), "correct horse battery")
    with qtbot.waitSignal(window.loadFinished, timeout=120_000) as blocker:
        window.open_project(project)
    assert blocker.args == [True]
    _idle(qtbot, window)
    session = window.session
    assert session.is_submission() and sorted(session.table_names()) == sorted(TABLES)

    window.go_to(4)
    _idle(qtbot, window)
    page = window.export_page
    package = tmp_path / "synthea.tar"
    fill_export_form(page, tmp_path, package,
                     (("producer_id", "SYN"), ("producer_name", "Synthea"), ("dataset_title", "Synthea linked")))
    page.report_language.setCurrentIndex(page.report_language.findData("both"))
    _idle(qtbot, window)
    assert page.export_button.isEnabled(), page.status.text()
    assert not page.report_button.isEnabled() and not page.report_xlsx_button.isEnabled()
    page.export_button.click()
    _idle(qtbot, window)
    result = page.last_result
    assert result is not None and result.ok, page.result_label.text()
    assert page.report_button.isEnabled() and page.report_xlsx_button.isEnabled()

    # "Curation report…" opens the submission's report in the browser (a test replaces it)
    opened: list[str] = []
    monkeypatch.setattr(export_module, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    shown = page.show_report()
    assert shown is not None and opened == [str(shown)]
    html = shown.read_text(encoding="utf-8")
    assert "Curation report (3 tables)" in html and "<section id='submission'><h2>Submission</h2>" in html
    for name in TABLES:
        assert f"{name}: Source file" in html and f"{name}.parquet" in html
    # the very page the package carries (its first report, in the interface language)
    from curator.package.keys import load_identity, load_signer
    from curator.package.unpack import open_package

    out = tmp_path / "opened"
    open_package(package, load_identity(tmp_path / "hub.key"), load_signer(tmp_path / "producer.pub"), out)
    assert (out / "curation-report.html").read_text(encoding="utf-8") == html
    assert "Rapport de curation (3 tables)" in (out / "curation-report-fr.html").read_text(encoding="utf-8")

    # "Report as Excel…": the same report as a workbook, the submission's sheet first after the summary
    saved = page.save_report_xlsx(tmp_path / "report.xlsx")
    assert saved is not None
    workbook = load_workbook(saved)
    assert workbook.sheetnames[:2] == ["Curation report (3 tables)", "Submission"]
    sheet = workbook["Submission"]
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    tables = {row[0]: row[1:3] for row in rows if row and row[0] in TABLES}
    assert {name: figures for name, figures in tables.items()} == {
        name: [table.num_rows, table.num_columns]
        for name, table in ((n, _leaving(out / f"{n}.parquet")) for n in TABLES)}
    assert any("counted in persons" in str(row[0]) for row in rows if row)


def _leaving(path: Path):
    import pyarrow.parquet as pq

    return pq.read_table(path)
