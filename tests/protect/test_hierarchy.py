"""Hierarchies: ARX's CSV format as published, and the rule-built ones."""

from __future__ import annotations

import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.protect.hierarchy import (
    date_hierarchy,
    digits_hierarchy,
    find_hierarchy_file,
    interval_hierarchy,
    load_hierarchies,
    read_arx_csv,
)

from .conftest import ADULT_COLUMNS


def test_arx_files_load_with_their_heights(adult_dir, adult):
    hierarchies = load_hierarchies(adult_dir, ADULT_COLUMNS)
    assert {c: h.height for c, h in hierarchies.items()} == {
        "sex": 2, "age": 5, "race": 2, "marital-status": 3, "education": 4, "native-country": 3,
        "workclass": 3, "occupation": 3, "salary-class": 2}
    assert hierarchies["education"].generalise(pa.array(["Bachelors", None]), 2).to_pylist() == [
        "Higher education", None]
    for column in ADULT_COLUMNS:            # every value of the data is covered
        hierarchies[column].positions(adult[column])


def test_file_naming_and_errors(tmp_path, adult_dir):
    assert find_hierarchy_file(adult_dir, "age").name == "adult_hierarchy_age.csv"
    (tmp_path / "zip.csv").write_text("75001;7500*;*\n75002;7500*\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2 has 2 levels where the first line has 3"):
        read_arx_csv(tmp_path / "zip.csv")
    (tmp_path / "dup.csv").write_text("A;*\nA;*\n", encoding="utf-8")
    with pytest.raises(InputError, match="'A' is listed twice"):
        read_arx_csv(tmp_path / "dup.csv")
    with pytest.raises(InputError, match="no hierarchy for column 'zip'"):
        load_hierarchies(adult_dir, ["zip"])
    (tmp_path / "sexe.csv").write_bytes("Féminin;*\nMasculin;*\n".encode("cp1252"))
    hierarchy = load_hierarchies(tmp_path, ["sexe"])["sexe"]
    assert hierarchy.originals.to_pylist() == ["Féminin", "Masculin"]
    with pytest.raises(InputError, match="1 value\\(s\\) are not in hierarchy 'sexe': 'Inconnu'"):
        hierarchy.generalise(pa.array(["Féminin", "Inconnu"]), 1)
    with pytest.raises(InputError, match="level 2 does not exist"):
        hierarchy.generalise(pa.array(["Féminin"]), 2)


def test_rule_built_hierarchies():
    digits = digits_hierarchy(pa.array(["75014", "2A004", "75014", None]))
    assert digits.generalise(pa.array(["75014", "2A004"]), 2).to_pylist() == ["750**", "2A0**"]
    assert digits.height == 6
    dates = date_hierarchy(pa.array(["1984-03-12", "12/03/1984", "2001-12-31"]))
    assert [dates.generalise(pa.array(["12/03/1984"]), level).to_pylist()[0] for level in range(5)] == [
        "12/03/1984", "1984-03", "1984", "1980-1989", "*"]
    ages = interval_hierarchy(pa.array(["17", "23", "67"]), [5, 10, 50])
    assert ages.generalise(pa.array(["23", "67"]), 1).to_pylist() == ["[20;25[", "[65;70["]
    assert ages.generalise(pa.array(["23", "67"]), 3).to_pylist() == ["[0;50[", "[50;100["]
    assert ages.generalise(pa.array(["23"]), 4).to_pylist() == ["*"]


def test_recipe_specs_name_files_or_rules(adult_dir, adult):
    from curator.protect.hierarchy import hierarchy_from_spec

    ages = adult["age"]
    by_file = hierarchy_from_spec(str(adult_dir / "adult_hierarchy_age.csv"), ages, "age")
    assert by_file.height == 5
    by_rule = hierarchy_from_spec("intervals:10,20", ages, "age")
    assert by_rule.generalise(pa.array(["39", "41"]), 1).to_pylist() == ["[30;40[", "[40;50["]
    assert hierarchy_from_spec("digits", pa.array(["75014"]), "cp").height == 6
    with pytest.raises(InputError, match="neither a file nor a rule"):
        hierarchy_from_spec("decades", ages, "age")
    with pytest.raises(InputError, match="does not give interval widths"):
        hierarchy_from_spec("intervals:ten", ages, "age")
