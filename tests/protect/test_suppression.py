"""Local suppression: up to the cap, ARX's way (floor of cap × records)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.protect.risk import risk_summary
from curator.protect.suppression import allowed_suppressions, suppress_small_classes


def test_small_classes_are_blanked_within_the_cap():
    table = pa.table({"sex": ["1"] * 6 + ["2"] * 3 + ["2"], "year": ["1950"] * 6 + ["1960"] * 3 + ["1999"],
                      "diag": list("ABCDEFGHIJ")})
    result = suppress_small_classes(table, ["sex", "year"], k=3, cap=0.1)
    assert result.suppressed_records == 1 and result.allowed_records == 1
    assert result.table["sex"].to_pylist()[-1] == "*" and result.table["year"].to_pylist()[-1] == "*"
    assert result.table["diag"].to_pylist() == list("ABCDEFGHIJ")       # other columns untouched
    assert risk_summary(result.table, ["sex", "year"]).classes == 3
    with pytest.raises(InputError, match="4 records are in classes smaller than 4, more than the 1"):
        suppress_small_classes(table, ["sex", "year"], k=4, cap=0.1)


def test_cap_semantics():
    assert allowed_suppressions(30162, 0.04) == 1206
    assert allowed_suppressions(99, 0.0) == 0
    with pytest.raises(InputError, match="between 0 and 1"):
        allowed_suppressions(10, 4)
