"""Coherence rules on a copy of the demo registry with each kind of incoherence planted at known rows:
the check finds exactly those rows, and the recipe's decisions on them are applied."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from curator.check import blockers, convert_and_validate
from curator.check.report import ValidationReport
from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import ColumnDecision, Recipe, RuleDecision
from curator.resources import demo_csv
from curator.source import LoadedTable

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from registry_generator import write_csv_cp1252  # noqa: E402


def _day(text: str) -> date:
    return date(int(text[6:]), int(text[3:5]), int(text[:2]))


def _text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass
class Planted:
    path: Path
    expected: dict[str, set[int]]     # rule -> source line numbers (header = line 1)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    """The demo export with each incoherence planted on rows chosen by what they hold."""
    table = read_file(demo_csv()).table
    columns = {n: table.column(n).to_pylist() for n in table.column_names}
    vital, death, birth = columns["Statut vital"], columns["Date de décès"], columns["Date de naissance"]
    diagnosis, ids = columns["Date de diagnostic"], columns["N° dossier"]
    dead = [i for i, v in enumerate(vital) if v and v.startswith("D") and death[i]]
    alive = [i for i, v in enumerate(vital) if v == "Vivant" and not death[i]]
    line = {i: i + 2 for i in range(len(ids))}
    expected: dict[str, set[int]] = {}
    # Death before diagnosis.
    a = dead[0]
    death[a] = _text(_day(diagnosis[a]) - timedelta(days=40))
    expected["life_dates_in_order"] = {line[a]}
    # Alive with a death date (after the diagnosis, so that only the presence rule breaks).
    b = alive[1]
    death[b] = _text(_day(diagnosis[b]) + timedelta(days=10))
    # Dead without a death date.
    c = dead[2]
    death[c] = ""
    expected["death_date_when_deceased"] = {line[b], line[c]}
    # Born after the diagnosis: out of order and a negative age.
    d = alive[3]
    birth[d] = _text(_day(diagnosis[d]) + timedelta(days=3))
    expected["life_dates_in_order"].add(line[d])
    # Diagnosed at 125.
    e = alive[4]
    birth[e] = _text(_day(diagnosis[e]).replace(day=1) - timedelta(days=int(125.5 * 365.25)))
    expected["age_at_diagnosis"] = {line[d], line[e]}
    # One patient's number given to another row further on.
    f, g = alive[5], alive[6]
    ids[g] = ids[f]
    expected["one_row_per_patient"] = {line[g]}
    # Weights and heights for the age: a 3-year-old at 14 kg and 95 cm and an adult at 45 kg are
    # plausible; a 3-year-old at an adult's 73 kg, an adult at 4 kg (grams slipped into kilograms),
    # an adult at 90 cm and a 1-year-old at 170 cm are not.
    weight, height = columns["Poids (kg)"], columns["Taille (cm)"]
    toddler, heavy_toddler, light_adult, tiny_adult, short_adult, tall_baby = alive[10:16]
    for row, years in ((toddler, 3), (heavy_toddler, 3), (tall_baby, 1)):
        birth[row] = _text(_day(diagnosis[row]).replace(day=1, year=_day(diagnosis[row]).year - years)
                           - timedelta(days=20))
    weight[toddler], height[toddler] = "14", "95"
    weight[heavy_toddler], height[heavy_toddler] = "73", "95"
    weight[light_adult] = "45"
    weight[tiny_adult] = "4"
    height[short_adult] = "90"
    weight[tall_baby], height[tall_baby] = "10", "170"
    expected["weight_for_age"] = {line[heavy_toddler], line[tiny_adult]}
    expected["height_for_age"] = {line[short_adult], line[tall_baby]}
    planted_table = pa.table({n: pa.array(v, pa.string()) for n, v in columns.items()})
    # An exact copy of a record, at the end.
    h = alive[7]
    planted_table = pa.concat_tables([planted_table, planted_table.slice(h, 1)])
    last = planted_table.num_rows + 1
    expected["exact_duplicates"] = {last}
    expected["one_row_per_patient"].add(last)
    expected["repeated_diagnosis"] = {last}
    path = tmp_path_factory.mktemp("coherence") / "registre_incoherent.csv"
    write_csv_cp1252(planted_table, path)
    return Planted(path, expected)


@pytest.fixture(scope="module")
def loaded(planted: Planted) -> LoadedTable:
    return read_file(planted.path)


@pytest.fixture()
def recipe(loaded: LoadedTable) -> Recipe:
    return recipe_from_loaded(loaded, load_vocabulary())


def _flagged(report: ValidationReport) -> dict[str, set[int]]:
    return {r.rule: {f.row for f in r.examples} for r in report.results if r.kind == "coherence"}


def test_clean_demo_breaks_no_rule() -> None:
    loaded = read_file(demo_csv())
    _out, report = convert_and_validate(loaded.table, recipe_from_loaded(loaded, load_vocabulary()), load_vocabulary())
    assert [r.rule for r in report.results if r.kind == "coherence"] == []


def test_each_planted_incoherence_is_found_on_exactly_its_rows(planted: Planted, loaded: LoadedTable,
                                                               recipe: Recipe) -> None:
    _out, report = convert_and_validate(loaded.table, recipe, load_vocabulary())
    assert _flagged(report) == planted.expected
    by_rule = {r.rule: r for r in report.results}
    assert by_rule["death_date_when_deceased"].columns == ["Statut vital", "Date de décès"]
    assert by_rule["one_row_per_patient"].keys == 2 and by_rule["exact_duplicates"].keys == 1
    assert by_rule["life_dates_in_order"].message.in_language("fr").startswith("dates de naissance")
    # Undecided, they stop the export like any finding, each named by its rule and first row.
    said = [str(b) for b in blockers(recipe, load_vocabulary(), report)]
    first = min(planted.expected["death_date_when_deceased"])
    assert any(f"rule 'death_date_when_deceased'), first at row {first}" in s for s in said)


def test_decisions_exclude_keep_empty_and_switch_off(planted: Planted, loaded: LoadedTable, recipe: Recipe) -> None:
    recipe.rules = [RuleDecision("exact_duplicates", "exclude_row"),
                    RuleDecision("one_row_per_patient", "exclude_row"),
                    RuleDecision("repeated_diagnosis", "exclude_row"),
                    RuleDecision("life_dates_in_order", "keep", "dates confirmed with the clinician"),
                    RuleDecision("death_date_when_deceased", "empty", column="Date de décès"),
                    RuleDecision("age_at_diagnosis", "off", "ages checked by the registry's own software"),
                    RuleDecision("weight_for_age", "exclude_row"),
                    RuleDecision("height_for_age", "empty", column="Taille (cm)")]
    recipe = Recipe.from_json(recipe.to_json())      # the decisions survive the recipe's JSON
    out, report = convert_and_validate(loaded.table, recipe, load_vocabulary())
    assert report.ok, [(r.rule, r.count) for r in report.unresolved]
    assert blockers(recipe, load_vocabulary(), report) == []
    assert report.rules_off == {"age_at_diagnosis": "ages checked by the registry's own software"}
    assert "age_at_diagnosis" not in _flagged(report)
    kept = next(r for r in report.results if r.rule == "life_dates_in_order")
    assert kept.reason == "dates confirmed with the clinician" and kept.resolved
    # The repeated patient's second row, the copied record and the two implausible weights leave; one of each stays.
    assert report.excluded_rows == 4 and out.num_rows == loaded.table.num_rows - 4
    ids = loaded.table.column("N° dossier").to_pylist()
    left = set(out.column("N° dossier").to_pylist())
    assert all(ids[line - 2] not in left for line in planted.expected["weight_for_age"])
    heights = dict(zip(out.column("N° dossier").to_pylist(), out.column("Taille (cm)").to_pylist(), strict=True))
    assert all(heights[ids[line - 2]] is None for line in planted.expected["height_for_age"])
    assert 4.0 not in out.column("Poids (kg)").to_pylist() and 95 in heights.values()
    assert out.column("N° dossier").to_pylist().count(loaded.table.column("N° dossier")[-1].as_py()) == 1
    # The death dates of the presence rule's rows are emptied; the other rows keep theirs.
    deaths = dict(zip(out.column("N° dossier").to_pylist(), out.column("Date de décès").to_pylist(), strict=True))
    assert all(deaths[ids[line - 2]] is None for line in planted.expected["death_date_when_deceased"])
    assert sum(d is not None for d in out.column("Date de décès").to_pylist()) == sum(
        bool(v) for v in loaded.table.column("Date de décès").to_pylist()[:-1]) - 1


def test_rules_on_a_table_of_events_skip_the_person_key(loaded: LoadedTable) -> None:
    """A table that maps admission dates repeats its patients: one_row_per_patient does not apply there."""
    table = pa.table({"IPP": ["1", "1", "2", "2"], "Entrée": ["01/01/2020", "05/02/2020", "03/03/2020", "03/03/2020"],
                      "Sortie": ["03/01/2020", "01/02/2020", "04/03/2020", "04/03/2020"]})
    recipe = Recipe()
    recipe.columns = [ColumnDecision("IPP", "patient_local_id"), ColumnDecision("Entrée", "admission_date"),
                      ColumnDecision("Sortie", "discharge_date")]
    _out, report = convert_and_validate(table, recipe, load_vocabulary())
    assert _flagged(report) == {"stay_dates_in_order": {3}, "repeated_stay": {5}, "exact_duplicates": {5}}


def test_a_declared_primary_key_tells_a_table_of_persons_from_a_table_of_events() -> None:
    """A table of diagnoses maps the patient and the diagnosis date, none of the visit dates that tell
    a table of events: keyed by its own diagnosis ids, it repeats its patients rightly; keyed by the
    patient, a repeated patient is a finding whatever the table maps."""
    table = pa.table({"id_diagnostic": ["D1", "D2", "D3", "D4"], "IPP": ["1", "1", "2", "3"],
                      "Date": ["01/01/2020", "05/02/2020", "03/03/2020", "04/03/2020"]})
    columns = [ColumnDecision("id_diagnostic"), ColumnDecision("IPP", "patient_local_id"),
               ColumnDecision("Date", "diagnosis_date")]
    vocabulary = load_vocabulary()
    undeclared = convert_and_validate(table, Recipe(columns=columns), vocabulary)[1]
    assert _flagged(undeclared) == {"one_row_per_patient": {3}}
    events = convert_and_validate(table, Recipe(columns=columns, primary_key=["id_diagnostic"]), vocabulary)[1]
    assert _flagged(events) == {}
    stays = pa.table({"IPP": ["1", "1"], "Entrée": ["01/01/2020", "05/02/2020"], "Sortie": ["03/01/2020", "07/02/2020"]})
    persons = Recipe(columns=[ColumnDecision("IPP", "patient_local_id"), ColumnDecision("Entrée", "admission_date"),
                              ColumnDecision("Sortie", "discharge_date")], primary_key=["IPP"])
    assert _flagged(convert_and_validate(stays, persons, vocabulary)[1]) == {"one_row_per_patient": {3}}


def test_a_rule_across_tables_is_sorted_by_person_ahead_then_let_go() -> None:
    """hold_ahead makes each rule's persons and intervals on a thread, in order; the table that
    checks the rule takes the same as it would make itself, then lets it go. An error there is
    raised where the rule is checked; a copy of the rule shares what is made, a pickled one makes
    it again."""
    import copy
    import pickle

    from curator.check.coherence import Across, _Held, _held_of, hold_ahead

    days = pa.array([18_300, 18_296, 18_304, 18_298, 18_302], pa.int32())     # days, as bind_linked gives them
    ends = pa.array([18_302, 18_298, 18_306, 18_300, 18_304], pa.int32())
    across = Across(1, "within", pa.array(["p2", "p1", "p2", None, "p3"]), days, ends)
    broken = Across(1, "within", pa.array(["p1"]), days.slice(0, 1))        # no ends: cannot be held
    kept = Across(1, "within", pa.array(["p1"]), days.slice(0, 1), days.slice(0, 1))
    background = hold_ahead([across, broken, kept])
    assert background is not None and hold_ahead([across]) is None          # already on its way
    background.result()
    assert copy.deepcopy(kept).ahead is kept.ahead
    assert pickle.loads(pickle.dumps(kept)).ahead is None
    made, fresh = _held_of(across), _Held.of(across)
    assert across.ahead is None
    for name in ("starts", "reach", "firsts"):
        assert np.array_equal(getattr(made, name), getattr(fresh, name))
    assert made.keys is not None and fresh.keys is not None
    asked = pa.array(["p3", "p0", "p1", "p2"])
    assert np.array_equal(made.persons(asked), fresh.persons(asked))
    with pytest.raises(AssertionError):
        _held_of(broken)


def test_a_rule_taken_before_the_thread_reaches_it_is_still_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second table's rule is taken while the thread still sorts the first's: it waits for its
    own, which the thread then makes (it does not skip a rule already taken)."""
    import threading

    from curator.check import coherence
    from curator.check.coherence import Across, _held_of, hold_ahead

    days = pa.array([18_300, 18_296], pa.int32())
    first, second = (Across(1, "within", pa.array(["p1", "p2"]), days, days) for _ in range(2))
    release = threading.Event()
    made = coherence._Held.of

    def slow_for_the_first(across: Across) -> coherence._Held:
        if across is first:
            release.wait(10)
        return made(across)

    monkeypatch.setattr(coherence._Held, "of", staticmethod(slow_for_the_first))
    background = hold_ahead([first, second])
    assert background is not None
    taken: list[coherence._Held] = []
    taker = threading.Thread(target=lambda: taken.append(_held_of(second)), daemon=True)
    taker.start()
    taker.join(0.2)
    assert second.ahead is None                 # taken, while the thread still works on the first
    release.set()
    taker.join(10)
    assert len(taken) == 1 and np.array_equal(taken[0].starts, made(second).starts)
    background.result()


@pytest.mark.parametrize(("language", "words", "off"), [
    ("en", "discharge before admission", "Coherence rules switched off"),
    ("fr", "sortie avant l'entrée", "Règles de cohérence désactivées")])
def test_the_report_names_findings_and_rules_off_in_its_language(language: str, words: str, off: str) -> None:
    from curator.report.content import _validation_section
    from curator.report.strings import translator

    table = pa.table({"IPP": ["1", "2"], "Entrée": ["01/01/2020", "05/02/2020"], "Sortie": ["03/01/2020", "01/02/2020"],
                      "Naissance": ["01/01/1890", "01/01/1950"]})
    recipe = Recipe(columns=[ColumnDecision("IPP", "patient_local_id"), ColumnDecision("Entrée", "admission_date"),
                             ColumnDecision("Sortie", "discharge_date"), ColumnDecision("Naissance", "birth_date")],
                    rules=[RuleDecision("age_at_admission", "off", "centenarians are real here")])
    _out, report = convert_and_validate(table, recipe, load_vocabulary())
    section = _validation_section(report, translator(language), language)
    shown = repr(section)
    assert f"stay_dates_in_order: {words}" in shown
    assert off in shown and "centenarians are real here" in shown and "age_at_admission" in shown


def test_age_in_whole_years_across_leap_days() -> None:
    from curator.check.coherence import _span
    from curator.mapping.rules import Rule

    pairs = [(date(2001, 3, 1), date(2004, 2, 29)), (date(2000, 2, 29), date(2001, 2, 28)),
             (date(2000, 2, 29), date(2121, 3, 1)), (date(2000, 2, 29), date(2120, 2, 28)),
             (date(1900, 3, 1), date(2021, 2, 28)), (date(1900, 3, 1), date(2021, 3, 1)), (date(2020, 5, 2), date(2020, 5, 1))]
    rule = Rule("age", "span", ["from", "to"], minimum=0, maximum=120)
    flagged = _span(rule, [pa.array([p[0] for p in pairs], pa.date32()), pa.array([p[1] for p in pairs], pa.date32())])
    ages = [end.year - start.year - ((end.month, end.day) < (start.month, start.day)) for start, end in pairs]
    assert flagged.to_pylist() == [not 0 <= age <= 120 for age in ages] == [False, False, True, False, False, True, True]


def test_repeated_keys_are_the_same_whole_or_in_batches() -> None:
    """Every repeat after its key's first row, whether the table is checked whole or batch by batch."""
    import random

    from curator.check.coherence import KeysSeen, evaluate
    from curator.mapping.rules import Rule

    rng = random.Random(7)
    rows = 3000
    ids = [rng.choice(["007", "7", "70", "A12", "a12", None, *[str(rng.randrange(10**6)) for _ in range(3)]])
           for _ in range(rows)]
    days = [rng.choice([None, *range(18000, 18040)]) for _ in range(rows)]
    codes = [rng.choice(["C50.9", "C34.1", None]) for _ in range(rows)]
    arrays = [pa.array(ids, pa.string()), pa.array(days, pa.int32()).cast(pa.date32()), pa.array(codes, pa.string())]
    seen_keys: set[tuple] = set()
    expected = []
    for row in zip(ids, days, codes, strict=True):
        expected.append(None not in row and row in seen_keys)
        seen_keys.add(row)
    rules = [(Rule("k", "unique", ["id", "day", "code"]), ["id", "day", "code"])]
    names = ["id", "day", "code"]
    [whole] = evaluate(rules, dict(zip(names, arrays, strict=True)))
    repeated = {key for key, repeat in zip(zip(ids, days, codes, strict=True), expected, strict=True) if repeat}
    assert whole.mask.to_pylist() == expected and whole.keys == len(repeated)
    state, streamed = KeysSeen(), []
    for start in range(0, rows, 700):
        [part] = evaluate(rules, {n: a.slice(start, 700) for n, a in zip(names, arrays, strict=True)}, state)
        streamed += part.mask.to_pylist()
    assert streamed == expected and part.keys == whole.keys


def test_rows_empty_in_the_key_column_can_still_be_exact_duplicates() -> None:
    table = pa.table({"IPP": ["1", None, None, "2"], "Service": ["cardio", "cardio", "cardio", "cardio"]})
    recipe = Recipe(columns=[ColumnDecision("IPP", "patient_local_id"), ColumnDecision("Service", None)])
    _out, report = convert_and_validate(table, recipe, load_vocabulary())
    assert _flagged(report) == {"exact_duplicates": {4}}


def test_a_coherence_finding_masks_the_values_of_columns_that_do_not_leave_as_written(tmp_path: Path) -> None:
    """The package's validation report masks every column not exported as is: a finding reading two
    columns masks its values when either is one of them."""
    table = pa.table({"IPP": ["1", "2"], "Entrée": ["01/01/2020", "05/02/2020"], "Sortie": ["03/01/2020", "01/02/2020"]})
    recipe = Recipe(columns=[ColumnDecision("IPP", "patient_local_id"), ColumnDecision("Entrée", "admission_date"),
                             ColumnDecision("Sortie", "discharge_date")])
    _out, report = convert_and_validate(table, recipe, load_vocabulary())
    report.to_csv(tmp_path / "clear.csv")
    report.to_csv(tmp_path / "masked.csv", redact_direct=True, redact_columns={"Sortie"})
    assert "05/02/2020 | 01/02/2020" in (tmp_path / "clear.csv").read_text(encoding="utf-8-sig")
    masked = (tmp_path / "masked.csv").read_text(encoding="utf-8-sig")
    assert "01/02/2020" not in masked and "[masked]" in masked and "stay_dates_in_order" in masked


def test_rules_across_tables_flag_both_sides_of_a_linked_submission() -> None:
    """no_event_after_death between a stays table and a deaths table (wired in once #20 holds several)."""
    from curator.check.coherence import check_linked

    stays = pa.table({"ipp": ["1", "1", "2", "3"],
                      "entry": pa.array([18000, 18300, 18100, None], pa.int32()).cast(pa.date32())})
    deaths = pa.table({"num": ["1", "2", "4"], "died": pa.array([18200, 18200, 17000], pa.int32()).cast(pa.date32())})
    found = check_linked({"stays": (stays, {"patient_local_id": "ipp", "admission_date": "entry"}),
                          "deaths": (deaths, {"patient_local_id": "num", "death_date": "died"})}, load_vocabulary())
    assert {name: [(b.rule, b.mask.to_pylist(), b.columns) for b in broken] for name, broken in found.items()} == {
        "stays": [("no_event_after_death", [False, True, False, False], ["ipp", "entry"])],
        "deaths": [("no_event_after_death", [True, False, False], ["num", "died"])]}


def test_rules_across_tables_bound_to_a_table_take_its_recipes_decisions() -> None:
    """Bound to the other table's values per person, a rule across tables is checked and decided with the
    table's own rules: rows numbered as in the file, kept with a reason, excluded, or switched off."""
    from curator.check.coherence import bind_linked, converted_linked, with_bound

    stays = pa.table({"ipp": ["1", "1", "2"], "entry": ["03/01/2020", "05/03/2020", "01/01/2020"]})
    deaths = pa.table({"num": ["1", "2"], "died": ["01/02/2020", "01/02/2020"]})
    stay_recipe = Recipe(columns=[ColumnDecision("ipp", "patient_local_id"), ColumnDecision("entry", "admission_date")])
    death_recipe = Recipe(columns=[ColumnDecision("num", "patient_local_id"), ColumnDecision("died", "death_date")])
    hub = load_vocabulary()

    def checked(stay_rules: list[RuleDecision], death_rules: list[RuleDecision]) -> dict[str, tuple[pa.Table, ValidationReport]]:
        stay_recipe.rules, death_recipe.rules = stay_rules, death_rules
        bound = bind_linked({"stays": converted_linked(stays, stay_recipe, hub),
                             "deaths": converted_linked(deaths, death_recipe, hub)}, hub)
        return {"stays": convert_and_validate(stays, stay_recipe, with_bound(hub, bound["stays"])),
                "deaths": convert_and_validate(deaths, death_recipe, with_bound(hub, bound["deaths"]))}

    found = checked([], [RuleDecision("no_event_after_death", "keep", "certified later")])
    (stay,) = [r for r in found["stays"][1].results if r.rule == "no_event_after_death"]
    (death,) = [r for r in found["deaths"][1].results if r.rule == "no_event_after_death"]
    assert (stay.count, [f.row for f in stay.examples], stay.column, stay.resolved) == (1, [3], "ipp, entry", False)
    assert stay.detail == "admission_date <= death_date" and str(stay.message) == "admission after the patient's death"
    assert (death.count, [f.row for f in death.examples], death.resolved, death.reason) == (
        1, [2], True, "certified later")
    found = checked([RuleDecision("no_event_after_death", "exclude_row")],
                    [RuleDecision("no_event_after_death", "empty", column="died")])
    assert found["stays"][0].column("entry").to_pylist() == [date(2020, 1, 3), date(2020, 1, 1)]
    assert found["deaths"][0].column("died").to_pylist() == [None, date(2020, 2, 1)]
    assert found["stays"][1].ok and found["deaths"][1].ok
    found = checked([RuleDecision("no_event_after_death", "off", "another check")], [])
    assert found["stays"][1].rules_off == {"no_event_after_death": "another check"}
    assert not [r for r in found["stays"][1].results if r.rule == "no_event_after_death"]


def test_weight_and_height_are_judged_by_the_band_of_the_age_reached() -> None:
    """An age column, or the whole years between two dates counted on the calendar: the band changes on
    the birthday itself, not a day before."""
    table = pa.table({"Âge": ["3", "2", "40", "40", None, "0"], "Poids": ["14", "40", "45", "4", "4", "3,2"],
                      "Taille": ["95", "95", "170", "17", "17", "50"]})
    recipe = Recipe(columns=[ColumnDecision("Âge", "age"), ColumnDecision("Poids", "weight_kg"),
                             ColumnDecision("Taille", "height_cm")])
    recipe.reader.decimal = ","
    _out, report = convert_and_validate(table, recipe, load_vocabulary())
    # Rows 3 (2 years at 40 kg: above 1-2's 35) and 5 (an adult at 4 kg and 17 cm); row 6's age is unknown.
    assert {k: v for k, v in _flagged(report).items() if k.endswith("_for_age")} == {
        "weight_for_age": {3, 5}, "height_for_age": {5}}
    birthday = date(2020, 3, 1)
    table = pa.table({"Naissance": ["01/03/2017", "02/03/2017", "01/03/2002", "02/03/2002"],
                      "Entrée": [_text(birthday)] * 4, "Poids": ["50", "50", "220", "220"]})
    recipe = Recipe(columns=[ColumnDecision("Naissance", "birth_date"), ColumnDecision("Entrée", "admission_date"),
                             ColumnDecision("Poids", "weight_kg")])
    _out, report = convert_and_validate(table, recipe, load_vocabulary())
    # Born 01/03/2017: 3 on 01/03/2020 (3-5: up to 60 kg); born a day later, still 2 (1-2: up to 35 kg).
    # Born 01/03/2002: 18 that day (up to 400 kg); a day later, 17 (12-17: up to 250 kg) - 220 fits both.
    assert _flagged(report).get("weight_for_age") == {3}


def test_columns_gathered_in_batches_are_converted_whole() -> None:
    """Before curating, a big file's columns for the rules across tables come in pieces, one per batch
    (a date column with few distinct values is converted on them, which takes one array)."""
    from curator.check.coherence import converted_linked

    batch = pa.table({"ipp": [str(i) for i in range(30_000)], "entry": ["03/01/2020", "05/03/2020", None] * 10_000})
    recipe = Recipe(columns=[ColumnDecision("ipp", "patient_local_id"), ColumnDecision("entry", "admission_date")])
    typed, concepts = converted_linked(pa.concat_tables([batch, batch]), recipe, load_vocabulary())
    assert concepts == {"patient_local_id": "ipp", "admission_date": "entry"}
    assert typed.num_rows == 60_000 and typed.column("entry").type == pa.date32()
    assert typed.column("entry").null_count == 20_000


@pytest.mark.parametrize(("longest", "colliding"), [(9, False), (9, True), (70, False)])
def test_rules_across_tables_judge_each_batch_as_a_plain_reference_does(longest: int, colliding: bool,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The other tables' persons are sorted once and searched by every batch: the rows flagged are those
    a plain per-person reference flags, batch after batch (persons empty, absent, null; every
    fingerprint the same, so that the keys themselves are sorted; with a person key too long to be
    held so, the rows are joined as before)."""
    import numpy as np

    from curator import textkeys
    from curator.check import coherence

    if colliding:
        monkeypatch.setattr(textkeys, "fingerprints", lambda keys: np.zeros(len(keys), np.uint64))
    import random

    from curator.check.coherence import bind_linked, evaluate

    rng = random.Random(20)
    people = ["", "1", "1\x00", "10", "P00000001", "Pé", "x" * longest, *(f"P{n:08d}" for n in range(2, 40))]
    day = date(2020, 1, 1)

    def days(count: int, empty: float = 0.1) -> pa.Array:
        return pa.array([None if rng.random() < empty else day + timedelta(rng.randrange(60)) for _ in range(count)],
                        pa.date32())

    stays = pa.table({"ipp": [rng.choice(people) for _ in range(300)], "entry": days(300, 0)})
    stays = stays.append_column("exit", pa.array([None if rng.random() < 0.2 else d + timedelta(rng.randrange(6))
                                                 for d in stays["entry"].to_pylist()], pa.date32()))
    deaths = pa.table({"num": people[:25], "died": days(25)})
    hub = load_vocabulary()
    bound = bind_linked({"stays": (stays, {"patient_local_id": "ipp", "admission_date": "entry", "discharge_date": "exit"}),
                         "deaths": (deaths, {"patient_local_id": "num", "death_date": "died"}),
                         "diagnoses": (pa.table({"p": pa.array([], pa.string())}), {"patient_local_id": "p",
                                                                                   "diagnosis_date": "p"})}, hub)
    (within,) = [r for r in bound["diagnoses"] if r.id == "diagnosis_within_stay"]
    (after_death,) = [r for r in bound["stays"] if r.id == "no_event_after_death"]
    intervals: dict[str, list[tuple[date, date]]] = {}
    for person, start, end in zip(*(stays[n].to_pylist() for n in ("ipp", "entry", "exit")), strict=True):
        intervals.setdefault(person, []).append((start, end or start))
    died = {p: d for p, d in zip(deaths["num"].to_pylist(), deaths["died"].to_pylist(), strict=True) if d is not None}
    seen = coherence.KeysSeen()
    for _batch in range(4):
        persons = pa.array([None if rng.random() < 0.05 else rng.choice([*people, "absent"]) for _ in range(200)])
        dated = days(200)
        (found,) = evaluate([(within, ["p", "d"])], {"p": persons, "d": dated}, seen)
        assert found.mask.to_pylist() == [
            p in intervals and d is not None and not any(s <= d <= e for s, e in intervals[p])
            for p, d in zip(persons.to_pylist(), dated.to_pylist(), strict=True)]
        (found,) = evaluate([(after_death, ["p", "d"])], {"p": persons, "d": dated}, seen)
        assert found.mask.to_pylist() == [p in died and d is not None and d > died[p]
                                          for p, d in zip(persons.to_pylist(), dated.to_pylist(), strict=True)]
    # Held for the batches of this table only; None where a key was too long, the rows joined instead.
    assert [(held.keys is not None) for held in seen.across.values()] == [longest < 64] * 2


def test_texts_are_numbered_as_first_met_from_batch_to_batch() -> None:
    """A streamed key column's texts get the numbers a plain dict gives them as first met, batch after
    batch: held as sorted keys, then, once a text too long for those comes, in a dict carried on."""
    import random

    from curator.check.coherence import TextNumbers

    rng = random.Random(7)
    words = ["", "\x00", "a", "a\x00", "ab", "é", "P0001", "P0001\x00", *(f"P{n:04d}" for n in range(2, 60)), "z" * 40]
    numbers, plain = TextNumbers(), {}
    for batch in range(6):
        pool = [*words, "long" * 20] if batch >= 4 else words
        distinct = list(dict.fromkeys(rng.choice(pool) for _ in range(40)))
        got = numbers.of(pa.array(distinct, pa.string())).tolist()
        assert got == [plain.setdefault(v, len(plain) + 1) for v in distinct]
        assert (numbers.long is not None) == (batch >= 4 and "long" * 20 in plain)
    assert numbers.long is not None


@pytest.mark.parametrize(("first", "one_width"), [("S000001", False), ("x1", False), ("12", False),
                                                  ("Smith", False), ("S000001", True)])
@pytest.mark.parametrize("digits_only", [False, True])
def test_record_ids_repeated_across_batches_are_found_as_a_set_finds_them(first: str, one_width: bool,
                                                                          digits_only: bool) -> None:
    """Ids such as 'S000123' are keyed by their digits under the column's prefix, values of digits
    by their number, other texts by their numbers as first met: a value repeated in a later batch
    is found whichever way each batch's values were keyed (the prefix is chosen from the first
    value: ``first``), with batches of digits alone among them or not."""
    import random

    from curator.check.coherence import KeysSeen, _Keyed, _unique

    rng = random.Random(3)
    pool = [*(f"S{n:06d}" for n in range(2000)), "S12", "S012", "S", "S1a", "s12", "AB12", "x", "x1", None,
            "S" + "9" * 17, "S" + "9" * 18, "12", "012", "Sé1", "Smith"]
    if one_width:       # every value 7 bytes long ("Sé0001" too): keyed on the bytes as a matrix
        pool = [*(f"S{n:06d}" for n in range(2000)), "S00001a", "s000012", "X000001", "Sé0001", "1234567", None]
    # ``digits_only``: every other batch holds values of digits alone, keyed as numbers there too.
    numbers = [str(n) for n in range(200)] + ["0", "00", "012", "1234567", "9" * 17]
    seen, held, repeated = KeysSeen(), set(), set()
    for batch in range(8):
        values = [rng.choice(numbers if digits_only and batch % 2 else [*pool, *numbers[:50]])
                  for _ in range(rng.randint(0, 300))]
        values = [first, *values] if batch == 0 else values
        mask, keys = _unique("id", ["id"], _Keyed({"id": pa.array(values, pa.string())}, seen))
        assert mask.to_pylist() == _unique_reference([(v,) for v in values], held, repeated)
        assert keys == len(repeated)


def test_exact_duplicates_are_the_same_split_on_a_numbered_key_or_on_digits() -> None:
    """A key the rules numbered already splits the rows when it ties with a column of digits: the
    same repeated records are found either way."""
    from curator.check.coherence import _Keyed, exact_duplicates

    ids = [f"S{n:05d}" for n in range(400)]
    finess = [f"{n * 7919 % 100000:09d}" for n in range(400)]
    modes = ["Domicile", "Décès"] * 200
    rows = list(range(400)) + [3, 3, 250]
    table = pa.table({"id": [ids[r] for r in rows], "finess": [finess[r] for r in rows],
                      "mode": [modes[r] for r in rows]})
    table = table.set_column(2, "mode", pa.array([*modes, "Décès", "Domicile", "Décès"]))
    keyed = _Keyed({"id": table.column("id")}, None)
    keyed.of("id")
    plain, split_on_key = exact_duplicates(table), exact_duplicates(table, keyed)
    assert split_on_key.mask.to_pylist() == plain.mask.to_pylist()
    assert split_on_key.keys == plain.keys == 1
    assert sum(plain.mask.to_pylist()) == 1      # row 3 again as it was; the other two differ in 'mode'


def _unique_reference(rows: list[tuple], held: set[tuple], repeated: set[tuple]) -> list[bool]:
    """Each row whose key (no part empty) an earlier row had, as a set finds it (``held`` and
    ``repeated`` carried from batch to batch)."""
    flags = []
    for key in rows:
        flags.append(None not in key and key in held)
        if flags[-1]:
            repeated.add(key)
        if None not in key:
            held.add(key)
    return flags


@pytest.mark.parametrize("arrangement", ["ascending", "descending", "shuffled", "blocks", "mixed"])
@pytest.mark.parametrize("columns", [1, 2])
def test_keys_in_any_order_are_found_repeated_across_batches_as_a_set_finds_them(arrangement: str,
                                                                                 columns: int) -> None:
    """Ids that come sorted (their keys rising, or falling as ids' keys do), shuffled, in sorted blocks
    out of order, or mixed (widths, prefixes, digits, texts): a key repeated in a later batch, or
    twice in one, is flagged from its second row on, and the repeated keys counted, over enough
    batches of uneven sizes for the held keys to be merged many times."""
    import random

    from curator.check.coherence import KeysSeen, Rule, evaluate

    rng = random.Random(arrangement)
    count = 6000
    if arrangement == "mixed":
        ids = [rng.choice([f"S{n:06d}", f"S{n}", str(n), f"{n:09d}", f"x{n}y", f"D{n:03d}"]) for n in range(count)]
    else:
        ids = [f"S{n:07d}" for n in range(count)]
    if arrangement == "descending":
        ids.reverse()
    elif arrangement == "shuffled":
        rng.shuffle(ids)
    elif arrangement == "blocks":
        blocks = [ids[i:i + 500] for i in range(0, count, 500)]
        rng.shuffle(blocks)
        ids = [i for block in blocks for i in block]
    # Repeats: some ids again far later, some twice in a row, and empty values.
    for _ in range(300):
        at = rng.randrange(count)
        ids.insert(min(at + rng.choice([1, 700, 3000]), len(ids)), ids[at])
    ids = [None if rng.random() < 0.01 else i for i in ids]
    days = [rng.choice([date(2020, 1, 1), date(2020, 1, 2), None if rng.random() < 0.1 else date(1969, 5, 1)])
            for _ in ids]
    names = ["id", "day"][:columns]
    rules = [(Rule("k", "unique", names), names)]
    arrays = {"id": pa.array(ids, pa.string()), "day": pa.array(days, pa.date32())}
    rows = list(zip(ids, days, strict=True)) if columns == 2 else [(i,) for i in ids]
    seen, held, repeated = KeysSeen(), set(), set()
    start = 0
    while start < len(ids):
        size = rng.choice([1, 7, 150, 400, 1100])
        (found,) = evaluate(rules, {n: arrays[n].slice(start, size) for n in names}, seen)
        assert found.mask.to_pylist() == _unique_reference(rows[start:start + size], held, repeated)
        assert found.keys == len(repeated)
        start += size
    assert len(repeated) > (250 if columns == 1 else 50)


@pytest.mark.parametrize("stepped", [True, False])
def test_a_day_is_within_its_persons_intervals_however_they_overlap(stepped: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The intervals of the other tables, held as (person, first day) with the furthest last day so
    far: nested, overlapping, touching, reversed (last day before the first), before 1970 and
    without a last day, each row judged as a plain search of every interval of its person (a
    person's intervals stepped through, or, with more of them than that allows, binary searched)."""
    import random

    from curator.check import coherence
    from curator.check.coherence import KeysSeen, bind_linked, evaluate

    if not stepped:
        monkeypatch.setattr(coherence, "_LONGEST_PERSON", 1)

    rng = random.Random(11)
    people = [f"P{n:03d}" for n in range(60)]
    base = date(1969, 12, 1)

    def day(spread: int = 90) -> date:
        return base + timedelta(rng.randrange(spread))

    entries = [day() for _ in range(400)]
    exits = [None if rng.random() < 0.1 else e + timedelta(rng.choice([-3, 0, 1, 2, 30, 60])) for e in entries]
    stays = pa.table({"ipp": [rng.choice(people[:50]) for _ in entries], "entry": pa.array(entries, pa.date32()),
                      "exit": pa.array(exits, pa.date32())})
    (within,) = [r for r in bind_linked(
        {"stays": (stays, {"patient_local_id": "ipp", "admission_date": "entry", "discharge_date": "exit"}),
         "diagnoses": (pa.table({"p": pa.array([], pa.string())}), {"patient_local_id": "p", "diagnosis_date": "p"})},
        load_vocabulary())["diagnoses"] if r.id == "diagnosis_within_stay"]
    intervals: dict[str, list[tuple[date, date]]] = {}
    for person, start, end in zip(stays["ipp"].to_pylist(), entries, exits, strict=True):
        intervals.setdefault(person, []).append((start, end or start))
    seen = KeysSeen()
    for _batch in range(3):
        persons = [None if rng.random() < 0.05 else rng.choice(people) for _ in range(500)]
        dated = [None if rng.random() < 0.05 else day(150) for _ in persons]
        for found in (evaluate([(within, ["p", "d"])], {"p": pa.array(persons), "d": pa.array(dated, pa.date32())},
                               held) for held in (seen, None)):
            (broken,) = found
            assert broken.mask.to_pylist() == [
                p in intervals and d is not None and not any(s <= d <= e for s, e in intervals[p])
                for p, d in zip(persons, dated, strict=True)]


def test_exact_duplicates_are_found_whichever_tied_column_splits_the_rows() -> None:
    """Two columns tie in the sample (a record id and an establishment's number): the first one
    repeats, the next does not, or both do; the repeated records (empty values alike) are those
    a set of whole rows finds."""
    from curator.check.coherence import exact_duplicates

    for duplicated in ([], [5, 5, 3000], [7, 8]):
        ids = [f"S{n:05d}" for n in range(5000)]
        finess = [f"{n % 4500:09d}" for n in range(5000)]
        modes = [None if n % 7 == 0 else ("Domicile", "Décès")[n % 2] for n in range(5000)]
        for row in duplicated:
            ids.append(ids[row])
            finess.append(finess[row])
            modes.append(modes[row])
        if duplicated == [7, 8]:
            ids[8] = None
            ids.append(None)
            finess.append(finess[8])
            modes.append(modes[8])
        table = pa.table({"id": ids, "finess": finess, "mode": modes})
        rows: set[tuple] = set()
        expected = []
        for row in zip(ids, finess, modes, strict=True):
            expected.append(row in rows)
            rows.add(row)
        broken = exact_duplicates(table)
        assert broken.mask.to_pylist() == expected
        assert broken.keys == len({r for r, e in zip(zip(ids, finess, modes, strict=True), expected, strict=True) if e})
