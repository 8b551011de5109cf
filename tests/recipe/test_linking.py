"""`curator recipe init A B C`: a linked submission's keys, links and person key, proposed with their reasons."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from curator.cli import main
from curator.recipe.linking import submission_init
from curator.recipe.submission import Link, Submission
from tests.conftest import SYNTHEA_TABLES, copy_synthea


@pytest.fixture(scope="module")
def synthea(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_synthea(tmp_path_factory.mktemp("synthea"))


def test_synthea_links_and_person_key_are_proposed_with_reasons(synthea: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    recipe_path = tmp_path / "recipe.json"
    files = [str(synthea / f"{name}.csv") for name in SYNTHEA_TABLES]
    assert main(["recipe", "init", *files, "-o", str(recipe_path)]) == 0
    out = capsys.readouterr().out
    submission = Submission.load(recipe_path)
    assert [t.name for t in submission.tables] == list(SYNTHEA_TABLES)
    assert {str(link) for link in submission.links} == {
        "conditions.ENCOUNTER → encounters.Id", "conditions.PATIENT → patients.Id", "encounters.PATIENT → patients.Id"}
    keys = {t.name: (t.primary_key, t.person_key) for t in submission.tables}
    assert keys == {"patients": (["Id"], "Id"), "encounters": (["Id"], "PATIENT"), "conditions": ([], "PATIENT")}
    # Keys leave pseudonymised, never dropped (encounters.Id and conditions.ENCOUNTER were dropped by default).
    for table, column in (("patients", "Id"), ("encounters", "Id"), ("encounters", "PATIENT"),
                          ("conditions", "ENCOUNTER"), ("conditions", "PATIENT")):
        recipe = submission.table(table)
        assert recipe is not None and recipe.column(column).transform.action == "pseudonymise", (table, column)
    assert "link conditions.ENCOUNTER → encounters.Id: its header names encounters; all its 338 distinct values" in out
    assert "person key patients.Id: its key is mapped to or identified as a person's identifier" in out
    assert "encounters.Id is a key: pseudonymised rather than 'drop'" in out
    # Names and counts only: no cell value of the files is printed.
    assert "3edac2e3" not in out and "Mosciski958" not in out


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_value_overlap_alone_finds_a_link_and_orphans_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    ids = [f"P{n:07d}" for n in range(200)]
    _write(folder / "participants.csv", ["num_inclusion", "sexe", "annee_naissance"],
           [[p, "MF"[n % 2], str(1940 + n % 50)] for n, p in enumerate(ids)])
    # "ref_sujet" names no table: the link comes from its values, all of which are participants' ids.
    _write(folder / "visits.csv", ["visit_no", "ref_sujet", "poids"],
           [[f"V{n:08d}", ids[n % 150], str(60 + n % 30)] for n in range(500)])
    # A header naming the table, with two values absent from it: proposed, the orphans said.
    _write(folder / "labs.csv", ["visit", "result"],
           [[f"V{n:08d}", "1.2"] for n in range(100)] + [["V99999998", "2"], ["V99999999", "3"]])
    (folder / ".hidden.csv").write_text("a\n1\n", encoding="utf-8")
    submission, proposal = submission_init([folder])
    assert [t.name for t in submission.tables] == ["labs", "participants", "visits"]
    links = {str(link): link for link in submission.links}
    assert set(links) == {"visits.ref_sujet → participants.num_inclusion", "labs.visit → visits.visit_no"}
    assert "all its 150 distinct values are values of participants.num_inclusion" in links[
        "visits.ref_sujet → participants.num_inclusion"].reason
    assert "header names visits" in links["labs.visit → visits.visit_no"].reason
    assert "2 of its 102 distinct values are not in visits.visit_no" in links["labs.visit → visits.visit_no"].reason
    # Weights (60..89) are no key, however their values compare with anything.
    assert not any(link.columns == ["poids"] for link in submission.links)
    assert isinstance(submission.links[0], Link) and proposal.primary_keys["labs"] == ["visit"]
