"""k is enforced: a fresh recipe reaches its k, an edited one below k is refused (exit 2, nothing
written) unless the recipe records why that risk is accepted; counted in persons with a person key."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from curator.cli import main
from curator.recipe.model import Recipe

SYNTHEA = Path(__file__).resolve().parents[3] / "shared" / "data" / "synthea"


def _apply(keys: dict[str, Path], source: Path, recipe: Path, package: Path) -> int:
    return main(["apply", str(source), "--recipe", str(recipe), "-o", str(package),
                 "--recipient", str(keys["hub"]), "--signing-key", str(keys["signing"]),
                 "--secret", str(keys["secret"]), "--passphrase-file", str(keys["passphrases"])])


def _manifest(package: Path) -> dict:
    with tarfile.open(package) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return json.loads(member.read())


def _fill_export(path: Path) -> Recipe:
    recipe = Recipe.load(path)
    recipe.export.producer_id, recipe.export.producer_name = "TEST", "Test producer"
    recipe.export.dataset_title = "k enforcement"
    recipe.save(path)
    return recipe


@pytest.fixture(scope="module")
def demo_made(tmp_path_factory: pytest.TempPathFactory, demo_csv: Path) -> Path:
    folder = tmp_path_factory.mktemp("k")
    # The demo's people are spread evenly over every département: k needs coarser floors than the
    # vocabulary's, which --coarser-floors takes (test_the_demo_says_what_would_reach_k).
    assert main(["recipe", "init", str(demo_csv), "-o", str(folder / "fresh.json"), "--coarser-floors"]) == 0
    _fill_export(folder / "fresh.json")
    return folder


def test_a_fresh_recipe_reaches_its_k_and_applies(demo_made: Path, demo_csv: Path, keys, capsys) -> None:
    recipe = Recipe.load(demo_made / "fresh.json")
    assert recipe.protection.k_target == 5 and recipe.protection.generalisation
    assert set(recipe.protection.hierarchies) == set(recipe.protection.generalisation)
    package = demo_made / "fresh.tar"
    assert _apply(keys, demo_csv, demo_made / "fresh.json", package) == 0
    manifest = _manifest(package)
    risk = manifest["risk"]
    suppressed = manifest["decisions"]["suppressed_records"]
    assert risk["unit"] == "records" and risk["k"] == 5
    # only the suppressed records' class of '*' may be smaller than k (ARX's convention)
    assert risk["records_below_k"] in (0, suppressed) and suppressed <= int(0.02 * 5000)
    assert "accept_below_k" not in manifest["decisions"]


def test_the_demo_says_what_would_reach_k(tmp_path: Path, demo_csv: Path, capsys) -> None:
    """Within the vocabulary's floors (birth year, département) k = 5 is out of reach on the demo:
    init says what would reach it, leaves the recipe below k, and --coarser-floors takes the advice."""
    plain = tmp_path / "plain.json"
    assert main(["recipe", "init", str(demo_csv), "-o", str(plain)]) == 0
    out = capsys.readouterr().out
    assert "k = 5 is not reached" in out and "coarser floors" in out and "--coarser-floors" in out
    assert not Recipe.load(plain).protection.generalisation
    assert main(["recipe", "reach-k", str(plain), str(demo_csv), "--coarser-floors"]) == 0
    reached = Recipe.load(plain).protection
    assert reached.generalisation and any(f.startswith("level:") for f in reached.floors.values())


def test_an_edited_recipe_below_k_is_refused_and_nothing_written(demo_made: Path, demo_csv: Path, keys,
                                                                 capsys) -> None:
    edited = demo_made / "edited.json"
    recipe = Recipe.load(demo_made / "fresh.json")
    recipe.protection.generalisation = {}
    recipe.save(edited)
    package = demo_made / "edited.tar"
    capsys.readouterr()
    assert _apply(keys, demo_csv, edited, package) == 2
    err = capsys.readouterr().err
    assert "below the recipe's k" in err and "fewer than k = 5 records" in err
    assert "curator recipe reach-k" in err and "accept_below_k" in err
    assert "records" in err and ": 1 records" in err          # the classes that fall short, smallest first
    assert not package.exists() and not list(demo_made.glob("edited.tar*"))

    # reach-k writes a generalisation into the recipe; then it applies
    assert main(["recipe", "reach-k", str(edited), str(demo_csv), "--k", "5", "--coarser-floors"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert Recipe.load(edited).protection.generalisation
    assert _apply(keys, demo_csv, edited, package) == 0


def test_an_accepted_risk_is_written_with_its_reason(demo_made: Path, demo_csv: Path, keys) -> None:
    accepted = demo_made / "accepted.json"
    recipe = Recipe.load(demo_made / "fresh.json")
    recipe.protection.generalisation = {}
    reason = "Aggregated at the hub before any release; agreement 2026-014"
    recipe.protection.accept_below_k = {"reason": reason}
    recipe.save(accepted)
    package = demo_made / "accepted.tar"
    assert _apply(keys, demo_csv, accepted, package) == 0
    manifest = _manifest(package)
    assert manifest["decisions"]["accept_below_k"] == {"reason": reason}
    assert manifest["risk"]["records_below_k"] > 0
    opened = demo_made / "accepted-opened"
    assert main(["open", str(package), "--identity", str(keys["hub_key"]), "--signer", str(keys["signer"]),
                 "-o", str(opened)]) == 0
    assert reason in (opened / "curation-report.html").read_text(encoding="utf-8")


def test_an_empty_reason_is_no_acceptance(demo_made: Path) -> None:
    data = json.loads((demo_made / "fresh.json").read_text(encoding="utf-8"))
    data["protection"]["accept_below_k"] = {"reason": "  "}
    bad = demo_made / "no-reason.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["recipe", "reach-k", str(bad), str(bad)]) == 2


def test_synthea_patients_say_what_would_reach_k_and_are_refused(tmp_path: Path, keys, capsys) -> None:
    # 27 patients: within the floors (birth year, département, sex) k = 5 is out of reach, and no
    # coarser floor short of blanking a column reaches it. init says what would (how many more
    # suppressed cells), leaves the recipe below k rather than generalising past a floor, and
    # apply refuses it with nothing written.
    patients = SYNTHEA / "patients.csv"
    made = tmp_path / "patients.json"
    assert main(["recipe", "init", str(patients), "-o", str(made), "--suppression", "0.1"]) == 0
    out = capsys.readouterr().out
    assert "k = 5 is not reached" in out and "more suppressed cells" in out
    assert "birth_date: 25 classes with it" in out
    _fill_export(made)
    assert not Recipe.load(made).protection.generalisation
    assert _apply(keys, patients, made, tmp_path / "patients.tar") == 2
    assert "below the recipe's k" in capsys.readouterr().err
    assert not list(tmp_path.glob("patients.tar*"))


def test_within_one_table_persons_are_counted_by_its_person_key(tmp_path: Path, keys, capsys) -> None:
    """encounters.PATIENT: 604 visits of 27 patients. Reach k and the refusal count persons."""
    encounters = SYNTHEA / "encounters.csv"
    made = tmp_path / "encounters.json"
    assert main(["recipe", "init", str(encounters), "-o", str(made), "--no-reach-k"]) == 0
    recipe = _fill_export(made)
    patient = recipe.column("PATIENT")
    assert patient is not None and patient.transform.action == "pseudonymise"
    recipe.person_key = "PATIENT"
    # Event dates are not ticked by default (no k then): tick the admission date, ask for k = 5.
    recipe.protection.quasi_identifiers = ["START"]
    recipe.protection.k_target = 5
    recipe.save(made)
    capsys.readouterr()
    assert _apply(keys, encounters, made, tmp_path / "below.tar") == 2
    assert "fewer than k = 5 persons" in capsys.readouterr().err

    # A person's admission dates are a set: at the year-month floor no 5 patients share theirs, and
    # Reach k says so rather than going past the floor
    assert main(["recipe", "reach-k", str(made), str(encounters), "--suppression", "0.2"]) == 2
    assert "within the floors" in capsys.readouterr().err
    recipe = Recipe.load(made)
    del recipe.protection.floors["START"]          # the user lifts the floor: any level but '*'
    recipe.save(made)
    assert main(["recipe", "reach-k", str(made), str(encounters), "--suppression", "0.2"]) == 0
    assert "persons suppressed" in capsys.readouterr().out
    assert _apply(keys, encounters, made, tmp_path / "persons.tar") == 0
    manifest = _manifest(tmp_path / "persons.tar")
    risk = manifest["risk"]
    assert risk["unit"] == "persons" and risk["records"] == 27 and risk["quasi_identifiers"] == ["admission_date"]
    assert manifest["rows"] == 604                       # suppression blanks whole persons, removes no row


def test_the_check_step_shows_the_same_blocker(demo_made: Path, demo_loaded, vocabulary) -> None:
    from curator.check import blockers
    from curator.protect.persons import source_release_risk

    fresh = Recipe.load(demo_made / "fresh.json")
    risk, suppressed = source_release_risk(demo_loaded.table, fresh, vocabulary)
    assert risk is not None and not blockers(fresh, vocabulary, None, None, risk.to_dict(), suppressed)
    fresh.protection.generalisation = {}
    risk, suppressed = source_release_risk(demo_loaded.table, fresh, vocabulary)
    assert risk is not None and suppressed == 0
    found = [b for b in blockers(fresh, vocabulary, None, None, risk.to_dict(), suppressed) if b.column is None]
    assert len(found) == 1 and "fewer than k = 5 records" in found[0].message
    assert "reach-k" in found[0].hint
    fresh.protection.accept_below_k = {"reason": "accepted"}
    assert not [b for b in blockers(fresh, vocabulary, None, None, risk.to_dict(), suppressed) if b.column is None]


def test_the_streamed_apply_counts_persons_as_the_whole_table_one(tmp_path: Path, opened_keys) -> None:
    from curator.recipe.apply import apply_recipe

    encounters = SYNTHEA / "encounters.csv"
    made = tmp_path / "encounters.json"
    assert main(["recipe", "init", str(encounters), "-o", str(made), "--no-reach-k"]) == 0
    recipe = _fill_export(made)
    recipe.person_key = "PATIENT"
    recipe.protection.quasi_identifiers, recipe.protection.k_target = ["START"], 5
    recipe.protection.accept_below_k = {"reason": "streamed and whole-table figures compared"}
    risks = []
    for stream in (False, True):
        result = apply_recipe(encounters, recipe, tmp_path / f"{stream}.tar", [opened_keys.recipient],
                              opened_keys.signing, opened_keys.secret, stream=stream, batch_rows=100)
        assert result.risk is not None
        assert any("streamed in batches" in note for note in result.notes) == stream
        risks.append(result.risk)
    assert risks[0] == risks[1]
    assert risks[0]["unit"] == "persons" and risks[0]["records"] == 27
