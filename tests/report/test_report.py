"""The curation report on the real demo chain: complete (every column, action, rule and figure),
true (figures recomputed independently from the files), and free of personal data."""

from __future__ import annotations

import html
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from curator.report import build_report, render_curation_report, write_curation_report, write_report_xlsx
from curator.report.content import describe_transform
from curator.report.strings import EN, FR, translator
from curator.source import LoadedTable

from .scenario import BAD_DATES, Scenario


def _visible(page: str) -> str:
    return html.unescape(page)


def _appears(value: str, text: str) -> bool:
    # The plain substring test first: a regex compiled for each of 40,000 values would take minutes.
    return value in text and re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text) is not None


def _source_values(loaded: LoadedTable, classes: dict[str, str]) -> list[tuple[str, str]]:
    """(column, value) for every distinct cell value that could be recognised in a text.

    Every value of a direct column counts. Elsewhere, short pure numbers (a weight of 73, a sex
    code of 1) cannot be told apart from the report's own counts and percentages, so only values
    with a letter or of five characters and more are looked for: dates, codes, postcodes, labels.
    """
    values = []
    for name in loaded.table.column_names:
        for value in pc.unique(loaded.table.column(name)).to_pylist():
            if value is None or not value.strip():
                continue
            if classes.get(name) == "direct" or len(value) >= 5 or re.search(r"[^\W\d_]", value):
                values.append((name, value))
    return values


def _leaks(loaded: LoadedTable, classes: dict[str, str], text: str) -> list[tuple[str, str]]:
    return [(name, value) for name, value in _source_values(loaded, classes) if _appears(value, text)]


def _classes(scenario: Scenario) -> dict[str, str]:
    return {i.name: i.klass for i in scenario.result.identifications}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_cell_value_of_the_source_appears(scenario: Scenario, language: str) -> None:
    page = _visible(render_curation_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result,
                                           language=language))
    checked = _source_values(scenario.loaded, _classes(scenario))
    assert len(checked) > 10_000          # names, NIRs, dates, addresses... are really looked for
    assert _leaks(scenario.loaded, _classes(scenario), page) == []
    # The validation report holds the offending values; the curation report only counts them.
    assert [f.value for r in scenario.result.validation.results for f in r.examples] == list(BAD_DATES)
    for bad in BAD_DATES:
        assert bad not in page


def test_the_report_in_the_demo_package_holds_no_source_value(demo_run: Path) -> None:
    from curator.identify import identify_table
    from curator.load import read_file
    from curator.resources import demo_csv

    page = _visible((demo_run / "curation-report.html").read_text(encoding="utf-8"))
    loaded = read_file(demo_csv())
    classes = {i.name: i.klass for i in identify_table(loaded.table)}
    assert _leaks(loaded, classes, page) == []
    for name in loaded.table.column_names:
        assert name in page


def test_every_column_action_and_output_is_named(scenario: Scenario) -> None:
    page = _visible(render_curation_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result))
    t = translator("en")
    kept_direct = set(scenario.result.kept_direct)
    for decision in scenario.recipe.columns:
        assert decision.source in page
        assert describe_transform(decision, t, decision.source in kept_direct) in page
        if decision.concept:
            assert decision.concept in page
            assert scenario.vocabulary.concept(decision.concept).label_en in page
    for name in scenario.result.table.column_names:
        assert name in page
    assert "grouped into bands 10 wide" in page
    assert "values above 190 replaced by 190" in page
    assert "categories with fewer than 50 records replaced by “autre”" in page
    assert "reduced to the region" in page


def test_kept_direct_column_is_highlighted(scenario: Scenario) -> None:
    assert scenario.result.kept_direct == ["Email"]
    page = render_curation_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    rows = re.findall(r"<tr class=kept-direct><td>([^<]*)</td>", page)
    assert rows == ["Email", "Email"]            # in the mapping table and in the transforms table
    assert "exported unchanged by the producer&#x27;s explicit, confirmed choice: Email" in page
    # A dropped direct column is marked as direct, not as kept.
    assert re.search(r"<tr class=direct><td>Nom</td>", page)


def test_validation_summary_per_rule(scenario: Scenario) -> None:
    content = build_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    section = next(s for s in content.sections if s.key == "validation")
    table = next(b for b in section.blocks if getattr(b, "key", "") == "validation")
    assert table.rows == [["Date de diagnostic", "diagnosis_date", "not a date in the detected format", "DD/MM/YYYY",
                           len(BAD_DATES), "emptied", "yes"]]
    conversions = next(b for b in section.blocks if getattr(b, "key", "") == "conversions")
    assert ["NIR", "spaces, dots and dashes removed from 746 NIR(s)"] in conversions.rows


def _class_counts(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    return frame.fillna("<null>").groupby(columns, dropna=False).size()


def test_risk_figures_and_charts_match_an_independent_count(scenario: Scenario) -> None:
    """Class sizes recomputed with pandas from the source and the exported table, compared with the
    figures in the report's tables and the bars of its SVG chart."""
    quasi = scenario.recipe.protection.quasi_identifiers
    source = scenario.loaded.table.select(quasi).to_pandas()
    exported = scenario.result.table.select(scenario.result.risk["quasi_identifiers"]).to_pandas().astype(str)
    before, after = _class_counts(source, quasi), _class_counts(exported, list(exported.columns))
    content = build_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    risk = next(s for s in content.sections if s.key == "risk")
    figures = {row[0]: row[1:] for row in next(b for b in risk.blocks if getattr(b, "key", "") == "risk").rows}
    assert figures["classes"] == [len(before), len(after)]
    assert figures["records alone in their class (sample uniques)"] == [int((before == 1).sum()), int((after == 1).sum())]
    assert figures["records in classes smaller than k"] == [int(before[before < 5].sum()), int(after[after < 5].sum())]

    page = render_curation_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    svgs = [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", page)]
    # the risk charts, then Reach k's histograms of the quasi-identifiers it recoded
    histograms = [b for s in content.sections for b in s.blocks if "before and after Reach k" in getattr(b, "title", "")]
    assert histograms and len(svgs) == 2 + len(histograms)
    ns = "{http://www.w3.org/2000/svg}"
    sizes = svgs[0]
    assert sizes.find(f"{ns}title").text == "Class sizes"
    # Bar labels: records per band, source then exported for each band.
    numbers = [int(t.text.replace(",", "")) for t in sizes.iter(f"{ns}text")
               if t.get("text-anchor") == "start" and t.text and t.text.replace(",", "").isdigit()]
    singles_after = int((after == 1).sum())
    pairs_after = int(after[after == 2].sum())
    expected = [int((before == 1).sum()), singles_after]
    if (before == 2).any() or (after == 2).any():   # a band is drawn when either side has it
        expected += [int(before[before == 2].sum()), pairs_after]
    assert numbers[:len(expected)] == expected
    at_risk = svgs[1]
    captions = " ".join(t.text or "" for t in at_risk.iter(f"{ns}text"))
    assert f"in classes < 5: {int(after[after < 5].sum()):,}" in captions


def test_generalisation_cost_is_distinct_values_before_and_after(scenario: Scenario) -> None:
    content = build_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    section = next(s for s in content.sections if s.key == "generalisation")
    table = next(b for b in section.blocks if getattr(b, "key", "") == "generalisation")
    rows = {row[0]: row for row in table.rows}
    weight_before = pc.count_distinct(scenario.loaded.table.column("Poids (kg)")).as_py()
    weight_after = pc.count_distinct(scenario.result.table.column("weight_kg")).as_py()
    assert rows["Poids (kg)"][2:4] == [weight_before, weight_after]
    assert weight_after < weight_before / 10
    assert rows["Poids (kg)"][4].value == pytest.approx(weight_after / weight_before)
    assert rows["Code postal"][1] == "reduced to the region"
    assert "Date de naissance → 1, Code postal → 2" in section.blocks[0].text


def test_french_report_and_string_tables() -> None:
    assert set(EN) == set(FR)
    for key in EN:
        fields_en = {f for _, f, _, _ in string.Formatter().parse(EN[key]) if f}
        fields_fr = {f for _, f, _, _ in string.Formatter().parse(FR[key]) if f}
        assert fields_en == fields_fr, key


def test_french_rendering(scenario: Scenario) -> None:
    page = _visible(render_curation_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result,
                                           language="fr"))
    assert "<html lang='fr'>" in page
    assert "Rapport de curation" in page and "Risque de ré-identification" in page
    assert "regroupée en tranches de 10" in page
    assert "5\u202f000" in page                 # French thousands separator
    assert "espaces, points et tirets retirés de 746 NIR" in page     # the Check stage's notes, translated
    assert "Curation report" not in page and "not exported" not in page


def test_xlsx_export_has_the_same_content_and_no_value(scenario: Scenario, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "report.xlsx"
    write_report_xlsx(path, scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    assert not path.with_name("report.xlsx.part").exists()
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Curation report", "Source file", "Columns mapping and protection", "Transforms",
                                   "Validation", "Re-identification risk", "Generalisation and what it cost",
                                   "Exported data"]
    texts = []
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            texts += [str(v) for v in row if isinstance(v, str)]
    text = "\n".join(texts)
    assert _leaks(scenario.loaded, _classes(scenario), text) == []
    for decision in scenario.recipe.columns:
        assert decision.source in text
    # Counts are numbers and shares percentages, so a spreadsheet can compute with them.
    risk = workbook["Re-identification risk"]
    cells = {row[0].value: row for row in risk.iter_rows() if row[0].value}
    assert cells["classes"][2].value == scenario.result.risk["classes"]
    assert cells["average risk"][2].value == pytest.approx(scenario.result.risk["average_risk"])
    assert cells["average risk"][2].number_format.endswith("%")
    assert len(risk._charts) == 1


def test_a_column_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from curator.load import read_file
    from curator.mapping import load_vocabulary
    from curator.pipeline import curate
    from curator.recipe.init import recipe_from_loaded

    source = tmp_path / "formula.csv"
    source.write_text("=HYPERLINK(\"http://x\");Sexe\nA;1\nB;2\nC;1\n", encoding="utf-8")
    loaded = read_file(source)
    vocabulary = load_vocabulary(None)
    recipe = recipe_from_loaded(loaded, vocabulary)
    result = curate(loaded, recipe, vocabulary, None)
    path = tmp_path / "report.xlsx"
    write_report_xlsx(path, loaded, recipe, vocabulary, result)
    sheet = load_workbook(path)["Transforms"]
    names = [row[0].value for row in sheet.iter_rows()]
    assert '=HYPERLINK("http://x")' in names
    cell = next(row[0] for row in sheet.iter_rows() if row[0].value == '=HYPERLINK("http://x")')
    assert cell.data_type == "s"


def test_streamed_source_without_rows_in_memory(scenario: Scenario) -> None:
    """Streamed apply keeps only the schema of the source: the report says so and still renders."""
    empty = LoadedTable(scenario.loaded.table.schema.empty_table(), scenario.loaded.source)
    page = _visible(render_curation_report(empty, scenario.recipe, scenario.vocabulary, scenario.result))
    assert "processed in batches" in page
    assert "Re-identification risk" in page and "Class sizes" in page
    assert "<th>source</th>" not in page           # no before/after: the source is not in memory


def test_write_is_atomic_and_replaces(scenario: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "curation-report.html"
    path.write_text("old", encoding="utf-8")
    write_curation_report(path, scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["curation-report.html"]


def test_no_quasi_identifier_means_no_risk_section_figures(scenario: Scenario) -> None:
    import copy

    recipe = copy.deepcopy(scenario.recipe)
    recipe.protection.quasi_identifiers = []
    result = copy.copy(scenario.result)
    result.risk = None
    page = _visible(render_curation_report(scenario.loaded, recipe, scenario.vocabulary, result))
    assert "the re-identification risk was not measured" in page
    assert "<svg" not in page


def test_report_is_self_contained(scenario: Scenario) -> None:
    """No script and no link out: the page is opened offline, inside the app and from the package."""
    page = render_curation_report(scenario.loaded, scenario.recipe, scenario.vocabulary, scenario.result)
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=['\"]?(https?:|//|file:)", page)
    assert isinstance(pa.table({"x": [1]}), pa.Table)
