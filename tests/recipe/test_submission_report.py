"""A linked submission's curation report in the report's language: Synthea's three tables reaching k = 5
persons across them, the package carrying the report in French and, as an extra member, in English."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from curator.cli import main
from curator.package.unpack import open_package
from curator.pipeline import _suppressed_across
from curator.recipe.apply import SubmissionApplyResult, apply_submission
from curator.recipe.submission import Submission
from curator.report.html import render_html
from curator.report.strings import number, translator
from tests.conftest import SYNTHEA_TABLES as TABLES
from tests.conftest import copy_synthea, fill_export


@pytest.fixture(scope="module")
def applied(shared_data: Path, tmp_path_factory: pytest.TempPathFactory,
            opened_keys) -> tuple[SubmissionApplyResult, Path, Submission]:
    folder = tmp_path_factory.mktemp("submission-report")
    files = folder / "export"
    copy_synthea(files)
    recipe = folder / "recipe.json"
    # The caps raised as tests/recipe/test_person_reach.py does, so that Reach k suppresses across the tables.
    assert main(["recipe", "init", str(files), "-o", str(recipe), "--cell-suppression", "0.6",
                 "--suppression", "1"]) == 0
    fill_export(Submission.load(recipe)).save(recipe)
    submission = Submission.load(recipe)
    package = folder / "submission.tar"
    done = apply_submission([files], submission, package, [opened_keys.recipient], opened_keys.signing,
                            opened_keys.secret, report_languages=("fr", "en"))
    opened = folder / "opened"
    open_package(package, opened_keys.identity, opened_keys.signer, opened)
    return done, opened, submission


def _text(html: str) -> str:
    """The page's words, tags removed, entities as written by html.escape read back."""
    text = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(text.split())


def _overview(html: str) -> str:
    """The submission section's words alone (up to the first table's own report)."""
    start = html.index("<section id='submission'>")
    return _text(html[start:html.index("<section", start + 1)])


def test_the_french_report_gives_the_submission_overview_in_french_with_the_risk_figures(applied) -> None:
    done, opened, _ = applied
    manifest = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))
    members = [m["name"] for m in manifest["members"]]
    assert "curation-report.html" in members and "curation-report-en.html" in members
    assert "curation-report-fr.html" not in members
    html = (opened / "curation-report.html").read_text(encoding="utf-8")
    # the report the app shows is the one the package carries
    assert done.report is not None and done.report.language == "fr" and render_html(done.report) == html
    risk = manifest["risk"]
    assert risk == done.risk and risk["unit"] == "persons" and risk["suppression"]["persons_suppressed"] >= 1
    text = _text(html)
    assert "Rapport de curation (3 tables)" in text
    overview = _overview(html)
    assert overview.startswith("Soumission 3 tables, 3 lien(s), un seul paquet et un seul identifiant de soumission.")
    assert (f"Sur l'ensemble des tables, compté en personnes : {risk['records']} personnes réparties en "
            f"{risk['classes']} classes ; personnes seules dans leur classe (uniques dans l'échantillon) : "
            f"{risk['sample_uniques']} ; plus petite classe : {risk['smallest_class']} personnes.") in overview
    assert "k = 5 est atteint sur l'ensemble des tables : chaque classe compte au moins 5 personnes." in overview
    suppressed = risk["suppression"]
    for label, key in (("cellules de quasi-identifiants supprimées (remplacées par *) sur chaque ligne qui les porte",
                        "cells_suppressed"),
                       ("personnes dont des cellules ont été supprimées", "persons_touched"),
                       ("personnes supprimées entièrement (toutes leurs lignes retirées de chaque table)",
                        "persons_suppressed")):
        assert f"{label} {suppressed[key]}" in overview
    # each table as it leaves: rows and columns from the opened Parquet files, validation in French
    for name in TABLES:
        table = pq.read_table(opened / f"{name}.parquet")
        assert re.search(rf"{name} {table.num_rows} {table.num_columns} .*? lignes vérifiées", overview), name
        assert f"{name} : Fichier source" in text and f"dans {name}.parquet." in text
    assert "colonne renvoie à lignes orphelines" in overview and "lignes exportées" in overview
    # no English left in the overview; an event table's risk points at the overview
    for english in ("Across", "counted", "rows checked", "link(s)", "orphan", "person key", "Reach k", "persons"):
        assert english not in overview, english
    assert "le risque est mesuré sur l'ensemble des tables, dans la partie « Soumission »" in text
    # Synthea's visits carry a time of day: the Check stage's note about it, in French too
    assert "START la date a été gardée : l'heure de 604 valeurs a été retirée" in text
    assert "the date part" not in text
    # the person table's own risk, counted in persons, says persons
    assert "patients : Risque de ré-identification Les personnes qui partagent" in text
    assert "personnes seules dans leur classe (uniques dans l'échantillon)" in text
    assert "enregistrements seuls" not in text
    # the glance, in French
    assert f"<b>{risk['records']}</b><span>personnes sur l&#x27;ensemble des tables</span>" in html
    assert f"<b>{risk['records_below_k']}</b><span>personnes dans des classes de moins de k = 5</span>" in html


def test_the_english_report_is_the_extra_member_and_says_the_same(applied) -> None:
    _, opened, _ = applied
    html = (opened / "curation-report-en.html").read_text(encoding="utf-8")
    risk = json.loads((opened / "manifest.json").read_text(encoding="utf-8"))["risk"]
    overview = _overview(html)
    assert "Curation report (3 tables)" in _text(html)
    assert overview.startswith("Submission 3 tables, 3 link(s), one package and one submission id.")
    assert (f"Across the tables, counted in persons: {risk['records']} persons in {risk['classes']} classes; "
            f"persons alone in their class (sample uniques): {risk['sample_uniques']}; smallest class: "
            f"{risk['smallest_class']} persons.") in overview
    assert f"persons suppressed whole (their rows left every table) {risk['suppression']['persons_suppressed']}" in overview
    assert "encounters: Source file" in _text(html) and "Soumission" not in html


def test_large_counts_take_the_french_thousands_separator(applied) -> None:
    done, _, submission = applied
    risk: dict[str, Any] = {**(done.risk or {}), "records": 12345, "records_below_k": 1234}
    recipe = copy.deepcopy(submission.tables[0])
    recipe.protection.accept_below_k = {"reason": "données de test"}
    blocks = _suppressed_across(risk, recipe, translator("fr"), "fr")
    said = " ".join(getattr(block, "text", "") for block in blocks)
    assert f"{number(12345, 'fr')} personnes réparties" in said and "12\u202f345" in said
    assert "1\u202f234 personnes (10,0\u00a0%) sont dans des classes de moins de 5" in said
    assert "Le producteur a accepté un paquet en dessous de k = 5, pour cette raison : données de test" in said


def test_the_command_line_writes_the_report_in_the_languages_asked(applied, keys: dict[str, Path],
                                                                    tmp_path: Path) -> None:
    _, opened, _ = applied
    files = opened.parent / "export"
    package = tmp_path / "cli.tar"
    assert main(["apply", str(files), "--recipe", str(opened.parent / "recipe.json"), "-o", str(package),
                 "--recipient", str(keys["hub"]), "--signing-key", str(keys["signing"]), "--secret", str(keys["secret"]),
                 "--passphrase-file", str(keys["passphrases"]), "--report-language", "fr",
                 "--report-language", "en"]) == 0
    out = tmp_path / "opened"
    assert main(["open", str(package), "--identity", str(keys["hub_key"]), "--signer", str(keys["signer"]),
                 "-o", str(out)]) == 0
    assert _overview((out / "curation-report.html").read_text(encoding="utf-8")).startswith("Soumission 3 tables")
    assert _overview((out / "curation-report-en.html").read_text(encoding="utf-8")).startswith("Submission 3 tables")
    # the command line takes every language the report has, and no other
    from curator.cli import build_parser
    from curator.report import LANGUAGES

    def parsed(language: str) -> list[str]:
        return build_parser().parse_args(["apply", "f.csv", "--recipe", "r.json", "-o", "o.tar", "--recipient", "age1x",
                                          "--signing-key", "k", "--report-language", language]).report_language

    assert [parsed(language) for language in LANGUAGES] == [[language] for language in LANGUAGES]
    with pytest.raises(SystemExit):
        parsed("de")
