"""The shipped hub-core vocabulary: every concept of the spec, its code lists, its loading rules."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from curator.errors import InputError
from curator.mapping import load_vocabulary
from curator.mapping.vocabulary import VALUE_TYPES

ACTION_OF_SPEC = {
    "pseudonymise": ("pseudonymise", {}), "drop": ("drop", {}), "keep": ("keep", {}),
    "generalise to year": ("generalise", {"to": "year"}),
    "generalise to year-month": ("generalise", {"to": "year_month"}),
    "generalise to département": ("generalise", {"to": "department"}),
    "top-code at 90": ("top_code", {"max": 90}),
}


def spec_rows(shared_data: Path) -> list[list[str]]:
    spec = shared_data.parent / "spec" / "hub-core-concepts.md"
    rows = []
    for line in spec.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"[a-z0-9_]+", cells[0]) and cells[0] != "id":
            rows.append(cells)
    return rows


def test_hub_core_has_every_concept_of_the_spec_with_its_type_class_and_action(shared_data: Path) -> None:
    vocabulary = load_vocabulary()
    rows = spec_rows(shared_data)
    assert len(rows) == 36
    assert sorted(vocabulary.concepts) == sorted(r[0] for r in rows)
    for concept_id, label_fr, label_en, value_type, klass, action in rows:
        concept = vocabulary.concepts[concept_id]
        assert concept.label_fr == label_fr and concept.label_en == label_en, concept_id
        assert concept.value_type == value_type, concept_id
        assert concept.identifying == klass, concept_id
        assert (concept.default_action.action, concept.default_action.params) == ACTION_OF_SPEC[action], concept_id
        assert concept.value_type in VALUE_TYPES
        if value_type == "code":
            assert vocabulary.code_list_of(concept) is not None or concept.pattern, f"{concept_id}: no code list or pattern"
        assert concept.synonyms, f"{concept_id} has no synonym"


def test_describe_gives_id_version_checksum_and_the_checksum_follows_the_content(tmp_path: Path) -> None:
    shipped = load_vocabulary()
    assert load_vocabulary("hub-core") is shipped
    assert shipped.describe() == {"id": "hub-core", "version": shipped.version, "checksum": shipped.checksum}
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", shipped.checksum)

    source = Path(shipped.path)
    copy = tmp_path / "hub-core.json"
    shutil.copy(source, copy)
    shutil.copytree(source.parent / "hub-core", tmp_path / "hub-core")
    assert load_vocabulary(copy).checksum == shipped.checksum
    with (tmp_path / "hub-core" / "departments.csv").open("a", encoding="utf-8") as handle:
        handle.write("99;Essai;Test;\n")
    changed = load_vocabulary(copy)
    assert changed.checksum != shipped.checksum
    assert "99" in changed.code_lists["department"].codes


def test_code_lists_hold_the_hub_codes(shared_data: Path) -> None:
    vocabulary = load_vocabulary()
    departments = vocabulary.code_lists["department"].codes
    assert {"01", "2A", "2B", "95", "971", "976"} <= set(departments)
    assert not {"000", "20", "99", "999", "201"} & set(departments)
    assert len(departments) == 101 + 1      # 96 metropolitan (with 2A/2B, without 20) + 971-976
    assert set(vocabulary.code_lists["sex"].codes) == {"1", "2", "9"}

    icd10 = vocabulary.code_lists["icd10"].codes
    with (shared_data / "snds" / "nomenclatures" / "ORAVAL" / "MS_CIM_V.csv").open(encoding="utf-8") as handle:
        snds_codes = {row["CIM_COD"] for row in csv.DictReader(handle, delimiter=";") if row["CIM_COD"]}
    # Every SNDS code but its placeholders for 'unknown' and 'not applicable', which are no diagnosis.
    assert {"IIIIII", "XXXXXX"} <= snds_codes
    assert set(icd10) == snds_codes - {"IIIIII", "XXXXXX"}
    assert icd10["C509"].label_fr == "Tumeur maligne du sein, sans précision"
    assert "QEFA003" in vocabulary.code_lists["ccam"].codes


def test_the_build_script_reproduces_the_shipped_code_lists(tmp_path: Path, repo_root: Path, shared_data: Path) -> None:
    sys.path.insert(0, str(repo_root / "scripts"))
    try:
        import build_vocabulary
    finally:
        sys.path.remove(str(repo_root / "scripts"))
    assert build_vocabulary.main(["--snds", str(shared_data / "snds" / "nomenclatures"), "--out", str(tmp_path),
                                  "--vocabulary-out", str(tmp_path / "hub-core.json")]) == 0
    for name in ("departments.csv", "icd10.csv", "ccam.csv"):
        shipped = repo_root / "resources" / "vocabularies" / "hub-core" / name
        assert (tmp_path / name).read_bytes() == shipped.read_bytes(), name
    # The lists' summaries (size, code outlines) in the shipped JSON are the script's.
    shipped_json = repo_root / "resources" / "vocabularies" / "hub-core.json"
    assert (tmp_path / "hub-core.json").read_bytes() == shipped_json.read_bytes()


def test_notice_credits_the_snds_nomenclatures(repo_root: Path) -> None:
    notice = (repo_root / "resources" / "vocabularies" / "NOTICE.md").read_text(encoding="utf-8")
    assert "MPL-2.0" in notice and "schema-snds" in notice


def test_missing_vocabulary_says_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load_vocabulary(tmp_path / "nowhere.json")
    assert "not found" in str(error.value) and "Table Schema" in str(error.value)


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "vocab.json"
    path.write_text('{\n  "format": "curator-vocabulary",\n  "concepts": [,]\n}', encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_vocabulary(path)
    assert error.value.where is not None and error.value.where.line == 3


def test_a_concept_with_an_unknown_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps({"format": "curator-vocabulary", "id": "x", "version": "1",
                                "concepts": [{"id": "a", "value_type": "colour"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="unknown value type 'colour'"):
        load_vocabulary(path)


def test_json_that_is_neither_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(InputError, match="neither a curator vocabulary nor a Table Schema"):
        load_vocabulary(path)
