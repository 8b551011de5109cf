"""Drift between the file a recipe was made on and next year's export, and the recipe adapted to it."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from curator.load import read_file
from curator.recipe.drift import adapt, compare, describe_columns
from curator.recipe.model import Recipe


def test_the_same_records_as_xlsx_do_not_drift(demo_recipe: Recipe, vocabulary, demo_xlsx: Path) -> None:
    loaded = read_file(demo_xlsx)
    drift = compare(demo_recipe, loaded.table, vocabulary, file=str(demo_xlsx))
    assert not drift.has_drift, drift.to_text()
    assert drift.to_text().startswith("Drift: none")
    # The spreadsheet writes dates its own way: worth a note, not drift.
    assert any("'Date de naissance': values are written differently" in n for n in drift.notes)


def test_renamed_removed_and_new_code_value_are_reported(demo_recipe: Recipe, vocabulary, drifted_csv: Path,
                                                          spec) -> None:
    RENAMED, REMOVED = spec.renamed, spec.removed
    loaded = read_file(drifted_csv)
    drift = compare(demo_recipe, loaded.table, vocabulary, file=str(drifted_csv))
    assert drift.has_drift
    assert [(r.old, r.new) for r in drift.renamed] == [RENAMED]
    assert drift.missing_columns == [REMOVED]
    assert drift.new_columns == []
    assert drift.type_changes == []
    column, value, rows = spec.code_column, spec.new_code, spec.new_code_rows
    assert [(n.column, n.values) for n in drift.new_codes] == [(column, [(value, len(rows))])]
    assert drift.new_codes[0].suggestions[value].startswith("2 (Décédé)")
    text = drift.to_text()
    assert f"renamed:   '{RENAMED[0]}' -> '{RENAMED[1]}'" in text
    assert f"missing:   '{REMOVED}' is no longer in the file" in text
    assert f"'{column}' has values with no mapping: '{value}' (3 rows)" in text
    data = drift.to_dict()
    assert data["drift"] is True and data["missing_columns"] == [REMOVED]
    assert data["new_codes"] == [{"column": column, "values": [{"value": value, "rows": 3}],
                                  "suggestions": {value: drift.new_codes[0].suggestions[value]}}]


def test_adapt_follows_the_rename_and_skips_what_is_gone(demo_recipe: Recipe, vocabulary, drifted_csv: Path,
                                                         spec) -> None:
    RENAMED, REMOVED = spec.renamed, spec.removed
    drift = compare(demo_recipe, read_file(drifted_csv).table, vocabulary)
    adapted, skipped = adapt(demo_recipe, drift)
    diagnosis = adapted.column(RENAMED[1])
    assert diagnosis is not None and diagnosis.concept == "diagnosis_date" and diagnosis.aliases == [RENAMED[0]]
    assert diagnosis.transform.action == "generalise"
    assert adapted.column(RENAMED[0]) is None and adapted.column(REMOVED) is None
    # the diagnosis date is not a quasi-identifier by default: its floor follows the rename all the same
    assert adapted.protection.floors[RENAMED[1]] == "year_month" and RENAMED[0] not in adapted.protection.floors
    assert any(s.startswith(f"'{REMOVED}' is missing") for s in skipped)
    assert any(s.startswith(f"'{spec.code_column}': 3 row(s) hold 1 value(s) with no mapping") for s in skipped)
    # the recipe given is left as it was
    assert demo_recipe.column(RENAMED[0]) is not None and demo_recipe.column(REMOVED) is not None


def test_a_different_date_column_is_not_taken_for_a_rename(demo_recipe: Recipe, vocabulary, demo_loaded) -> None:
    table = demo_loaded.table
    swapped = table.drop_columns(["Date de diagnostic"]).append_column("Date d'entrée", table.column("Date de diagnostic"))
    drift = compare(demo_recipe, swapped, vocabulary)
    assert drift.renamed == []
    assert drift.missing_columns == ["Date de diagnostic"] and drift.new_columns == ["Date d'entrée"]


def test_a_header_changed_beyond_recognition_is_matched_by_its_values(demo_recipe: Recipe, vocabulary,
                                                                       demo_loaded) -> None:
    table = demo_loaded.table
    renamed = table.drop_columns(["Date de naissance"]).append_column("DDN", table.column("Date de naissance"))
    drift = compare(demo_recipe, renamed, vocabulary)
    assert [(r.old, r.new) for r in drift.renamed] == [("Date de naissance", "DDN")]


def test_type_change_skips_a_date_action_and_never_passes_the_column(demo_recipe: Recipe, vocabulary,
                                                                       demo_loaded) -> None:
    table = demo_loaded.table
    index = table.column_names.index("Date de naissance")
    garbled = table.set_column(index, "Date de naissance",
                               pa.array(["née en été"] * table.num_rows, pa.string()))
    drift = compare(demo_recipe, garbled, vocabulary)
    assert [(t.column, t.was, t.now) for t in drift.type_changes] == [("Date de naissance", "date", "text")]
    adapted, skipped = adapt(demo_recipe, drift)
    decision = adapted.column("Date de naissance")
    assert decision is not None and decision.transform.action == "drop"
    assert "Date de naissance" not in adapted.protection.quasi_identifiers
    assert any("'Date de naissance' now holds text values" in s for s in skipped)


def test_a_dropped_column_that_changed_type_or_writing_is_not_drift(demo_recipe: Recipe, vocabulary,
                                                                     demo_loaded) -> None:
    """Its values never leave: --strict must not stop on them (the same change to a kept column is drift)."""
    import copy

    from curator.recipe.model import Transform

    table = demo_loaded.table
    index = table.column_names.index("Date de naissance")
    garbled = table.set_column(index, "Date de naissance", pa.array(["née en été"] * table.num_rows, pa.string()))
    rewritten = table.set_column(index, "Date de naissance",
                                 pa.array([f"1950-01-{1 + i % 28:02d}" for i in range(table.num_rows)], pa.string()))
    dropping = copy.deepcopy(demo_recipe)
    decision = dropping.column("Date de naissance")
    assert decision is not None and demo_recipe.column("Date de naissance").transform.action != "drop"
    decision.transform = Transform("drop")
    assert compare(demo_recipe, garbled, vocabulary).type_changes
    assert any("'Date de naissance': values are written differently" in n
               for n in compare(demo_recipe, rewritten, vocabulary).notes)
    for changed in (garbled, rewritten):
        drift = compare(dropping, changed, vocabulary)
        assert not drift.has_drift and not drift.type_changes, drift.to_text()
        assert not any("Date de naissance" in n for n in drift.notes)


def test_an_accepted_earlier_name_is_not_drift(demo_recipe: Recipe, vocabulary, drifted_csv: Path, spec) -> None:
    RENAMED = spec.renamed
    decision = demo_recipe.column(RENAMED[0])
    assert decision is not None
    decision.source, decision.aliases = RENAMED[1], [RENAMED[0]]
    for profile in demo_recipe.source_columns:
        if profile["name"] == RENAMED[0]:
            profile["name"] = RENAMED[1]
    demo_recipe.protection.quasi_identifiers = [RENAMED[1] if q == RENAMED[0] else q
                                                for q in demo_recipe.protection.quasi_identifiers]
    # Now a file still using last year's name comes back: the alias links it, no drift for it.
    table = read_file(drifted_csv).table
    table = table.rename_columns([RENAMED[0] if n == RENAMED[1] else n for n in table.column_names])
    drift = compare(demo_recipe, table, vocabulary)
    assert drift.renamed == [] and RENAMED[0] not in drift.new_columns
    assert [(r.old, r.new) for r in drift.known_renames] == [(RENAMED[1], RENAMED[0])]
    adapted, _ = adapt(demo_recipe, drift)
    assert adapted.column(RENAMED[0]) is not None


def test_profiles_never_hold_values_of_identifying_columns(demo_recipe: Recipe, demo_loaded) -> None:
    profiles = {p["name"]: p for p in demo_recipe.source_columns}
    assert set(profiles) == set(demo_loaded.table.column_names)
    assert profiles["Statut vital"]["values"] == ["Décédé", "Perdu de vue", "Vivant"]
    for name in ("NIR", "Nom", "Prénom", "Téléphone", "Email", "Adresse", "N° dossier", "Commentaire"):
        assert "values" not in profiles[name], name
    assert profiles["Date de naissance"]["type"] == "date" and profiles["Code postal"]["shapes"] == ["99999"]
    # Even with no identification at all, a column of names is too varied to be remembered.
    bare = describe_columns(demo_loaded.table.select(["Prénom", "Sexe"]))
    assert "values" not in bare[0] and bare[1]["values"]
