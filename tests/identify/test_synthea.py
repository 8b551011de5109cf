"""Issue 4's acceptance test on the public Synthea extract (../shared/data/synthea/patients.csv)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pv

from curator.identify import identify_table


def _read_as_text(path: Path) -> pa.Table:
    names = pv.read_csv(path).column_names
    return pv.read_csv(path, convert_options=pv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                               strings_can_be_null=False))


def test_synthea_identifying_columns(shared_data: Path) -> None:
    table = _read_as_text(shared_data / "synthea" / "patients.csv")
    result = {ident.name: ident for ident in identify_table(table)}
    for name in ("Id", "SSN", "DRIVERS", "PASSPORT", "FIRST", "LAST", "MAIDEN", "ADDRESS", "LAT", "LON"):
        assert result[name].klass == "direct", (name, result[name].evidence)
    for name in ("BIRTHDATE", "DEATHDATE", "ZIP", "GENDER", "CITY", "COUNTY"):
        assert result[name].klass in ("direct", "quasi"), (name, result[name].evidence)
    # The pair is what makes the coordinates direct, and the evidence says so.
    assert any("'LON'" in e and "pair" in e for e in result["LAT"].evidence)
    assert "birth_date" in result["BIRTHDATE"].kinds
    assert all(ident.evidence for ident in result.values())
    assert all(0.0 <= ident.confidence <= 1.0 for ident in result.values())
