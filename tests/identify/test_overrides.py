"""The user's override always wins, and the evidence says the user set it."""

from __future__ import annotations

import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.identify import apply_overrides, identify_table


def _detected() -> list:
    return identify_table(pa.table({"NOM": ["MARTIN", "DUBOIS"] * 10, "poids": ["70", "80"] * 10}))


def test_override_wins_and_is_explained() -> None:
    detected = _detected()
    assert detected[0].klass == "direct"
    result = apply_overrides(detected, {"NOM": "none", "poids": "quasi"})
    assert [r.klass for r in result] == ["none", "quasi"]
    assert result[0].evidence[0] == "set by the user to none (detected as direct)"
    assert result[0].confidence == 1.0
    assert detected[0].klass == "direct"   # the detection itself is left untouched


def test_override_errors_are_clear() -> None:
    # A column the recipe names but this export no longer has: left to the recipe's drift report.
    assert [r.klass for r in apply_overrides(_detected(), {"prenom": "direct"})] == ["direct", "none"]
    with pytest.raises(InputError, match="'secret' is not an identification class"):
        apply_overrides(_detected(), {"NOM": "secret"})
