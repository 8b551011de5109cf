"""The coherence rules of hub-core on producer-style files whose incoherences were planted and labelled
by their generator (tests/data/make_coherence_corpus.py), never from what the checker flags.

Each file is loaded and mapped as the app does (suggestions accepted), then checked; a labelled row
is found when a rule for its kind flags it. Run this file as a script to print the figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from curator.check import convert_and_validate
from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.recipe.init import recipe_from_loaded

CORPUS = Path(__file__).resolve().parents[1] / "data" / "coherence_corpus"
# The rules that find each kind of planted error.
FOUND_BY = {
    "discharge_before_admission": {"stay_dates_in_order", "procedure_within_stay"},
    "admission_before_birth": {"birth_before_stay", "age_at_admission"},
    "duplicate_record": {"exact_duplicates", "repeated_stay"},
    "death_before_diagnosis": {"life_dates_in_order"},
    "diagnosis_before_birth": {"life_dates_in_order", "age_at_diagnosis"},
    "age_over_120": {"age_at_diagnosis"},
    "repeated_patient": {"one_row_per_patient"},
    "alive_with_death_date": {"death_date_when_deceased"},
    "dead_without_death_date": {"death_date_when_deceased"},
    "adult_measure_on_child": {"weight_for_age", "height_for_age"},
    "weight_height_swapped": {"weight_for_age", "height_for_age"},
    "birth_year_typo": {"weight_for_age", "height_for_age"},
    "digit_lost": {"weight_for_age"},
}


@dataclass
class Figures:
    file: str
    rows: int
    labelled: int
    right: int          # labelled rows flagged by a rule for their kind
    wrong: int          # rows flagged with no label
    missed: int         # labelled rows no rule for their kind flags
    other_reason: int   # labelled rows flagged, but only by a rule for another kind


def measure(name: str) -> Figures:
    import curator.check.coherence as coherence

    labels = {int(k): v for k, v in json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))[name].items()}
    loaded = read_file(CORPUS / name)
    vocabulary = load_vocabulary()
    recipe = recipe_from_loaded(loaded, vocabulary)
    every_row = coherence.MAX_EXAMPLES
    coherence.MAX_EXAMPLES = 10**9         # every offending row listed, not the first twenty
    try:
        _out, report = convert_and_validate(loaded.table, recipe, vocabulary)
    finally:
        coherence.MAX_EXAMPLES = every_row
    flagged: dict[int, set[str]] = {}
    for result in report.results:
        if result.kind == "coherence":
            for finding in result.examples:
                flagged.setdefault(finding.row, set()).add(result.rule)
    right = sum(1 for row, kinds in labels.items() if flagged.get(row, set()) & set().union(*(FOUND_BY[k] for k in kinds)))
    missed = sum(1 for row in labels if row not in flagged)
    wrong = sum(1 for row in flagged if row not in labels)
    return Figures(name, loaded.table.num_rows, len(labels), right, wrong, missed, len(labels) - right - missed)


@pytest.mark.parametrize("name", ["sejours.csv", "urgences.csv", "deces.csv", "statut_vital.csv"])
def test_planted_incoherences_are_found_and_nothing_else(name: str) -> None:
    figures = measure(name)
    assert figures.labelled > 20
    assert (figures.right, figures.wrong, figures.missed) == (figures.labelled, 0, 0), figures


if __name__ == "__main__":
    for file in ("sejours.csv", "urgences.csv", "deces.csv", "statut_vital.csv", "inclusions.csv"):
        print(measure(file))


def test_measures_implausible_for_the_age_are_found_and_plausible_extremes_are_not() -> None:
    """A cohort's measures at inclusion (premature newborns, severely obese children and short adults
    are not errors). Two labelled rows are missed: a birth year typed so that an adult of 68-72 kg and
    157-171 cm appears 8 years old, which the 6-11 band (up to 130 kg and 195 cm, wide enough for
    severely obese and tall children) cannot tell from a big child."""
    figures = measure("inclusions.csv")
    assert (figures.labelled, figures.right, figures.wrong, figures.missed) == (28, 26, 0, 2), figures
