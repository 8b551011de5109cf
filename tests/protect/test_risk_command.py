"""`curator risk` per the CLI contract: JSON keys, exit codes, the search with hierarchies."""

from __future__ import annotations

import json

from curator.cli import main

from .conftest import ADULT_COLUMNS


def test_risk_json_with_search(adult_dir, capsys):
    code = main(["risk", str(adult_dir / "adult.csv"), "--quasi", ",".join(ADULT_COLUMNS), "--k", "5",
                 "--hierarchies", str(adult_dir), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["records"], data["classes"], data["sample_uniques"]) == (30162, 19502, 15512)
    assert data["average_risk"] == 0.6465751607983555 and data["highest_risk"] == 1.0
    assert data["quasi_identifiers"] == ADULT_COLUMNS
    assert data["records_below_k"] == 23470
    search = data["search"]
    assert [search["transformation"][c] for c in ADULT_COLUMNS] == [1, 2, 1, 1, 3, 2, 2, 1, 1]
    assert (search["k"], search["suppression"], search["classes"], search["smallest_class"],
            search["suppressed_records"]) == (5, 0.0, 48, 5, 0)


def test_risk_text_and_bad_input(adult_dir, capsys):
    assert main(["risk", str(adult_dir / "adult.csv"), "--quasi", "sex,age"]) == 0
    out = capsys.readouterr().out
    assert "30,162 records" in out and "equivalence classes" in out
    assert main(["risk", str(adult_dir / "adult.csv"), "--quasi", "sex,zip"]) == 2
    assert "no column named 'zip'" in capsys.readouterr().err
    assert main(["risk", str(adult_dir / "adult.csv"), "--quasi", "sex", "--hierarchies", str(adult_dir)]) == 2
    assert "--hierarchies needs --k" in capsys.readouterr().err
