"""A real file with no direct identifier (ARX's adult census extract): nothing may be flagged direct.

The false-alarm side of issue 4: "a false alarm the user learns to click through is a leak later".
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pv

from curator.identify import identify_table


def test_adult_census_has_quasi_identifiers_and_no_direct(shared_data: Path) -> None:
    path = shared_data / "arx-adult" / "adult.csv"
    parse = pv.ParseOptions(delimiter=";")
    names = pv.read_csv(path, parse_options=parse).column_names
    table = pv.read_csv(path, parse_options=parse,
                        convert_options=pv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())))
    result = {ident.name: ident.klass for ident in identify_table(table)}
    assert "direct" not in result.values(), result
    for name in ("sex", "age", "race", "marital-status", "native-country", "occupation", "education"):
        assert result[name] == "quasi", (name, result[name])
