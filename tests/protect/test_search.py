"""The least generalisation reaching k: ARX's published optima, and brute force on small lattices."""

from __future__ import annotations

import itertools

import numpy as np
import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.protect.hierarchy import Hierarchy, interval_hierarchy
from curator.protect.risk import risk_summary
from curator.protect.search import apply_generalisation, find_minimal_generalisation

from .conftest import ADULT_COLUMNS


@pytest.mark.parametrize(("k", "suppression", "levels", "loss", "classes", "smallest", "suppressed"), [
    (5, 0.0, [1, 2, 1, 1, 3, 2, 2, 1, 1], 407289.5388925293, 48, 5, 0),
    (100, 0.0, [0, 4, 1, 1, 3, 2, 2, 1, 1], 453196.8932458743, 12, 397, 0),
    (5, 0.04, [1, 0, 1, 1, 3, 2, 2, 0, 1], 255559.85455731067, None, 5, 906),
])
def test_adult_optimum_equals_arx(adult, adult_hierarchies, k, suppression, levels, loss, classes, smallest,
                                  suppressed):
    """ARX TestAnonymizationKAnonymity, precomputed non-uniform entropy (EXPECTED.md)."""
    result = find_minimal_generalisation(adult, ADULT_COLUMNS, adult_hierarchies, k, suppression)
    assert [result.transformation[c] for c in ADULT_COLUMNS] == levels
    assert result.loss == pytest.approx(loss, rel=1e-12)
    assert result.smallest_class == smallest and result.suppressed_records == suppressed
    if classes is not None:
        assert result.classes == classes
    assert result.evaluated < result.lattice_size / 4          # monotonicity prunes most of the lattice
    assert 0 < result.relative_loss < 1
    protected = apply_generalisation(adult, adult_hierarchies, result)
    after = risk_summary(protected, ADULT_COLUMNS)
    # suppressed records share '*' everywhere: one class of their own, as in ARX's output
    assert after.smallest_class >= k or (suppressed and after.class_sizes.get(suppressed) == 1)
    assert after.classes == result.classes + (1 if suppressed else 0)


def _brute_force(table, quasi, hierarchies, k, allowed):
    best = None
    from curator.protect.search import _Lattice

    lattice = _Lattice(table, quasi, hierarchies)
    for node in itertools.product(*(range(h.height) for h in hierarchies.values())):
        generalised = pa.table({c: hierarchies[c].generalise(table[c], lvl) for c, lvl in zip(quasi, node, strict=True)})
        summary = risk_summary(generalised, quasi, k=k)
        if summary.records_below_k <= allowed:
            loss = sum(lattice.loss[i][lvl] for i, lvl in enumerate(node))
            if best is None or loss < best[0] - 1e-9:
                best = (loss, list(node))
    return best


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_small_random_lattices_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 400
    ages = rng.integers(18, 90, n)
    table = pa.table({"age": ages.astype(str),
                      "zip": rng.choice(["75001", "75002", "75011", "69001", "69002", "13001"], n, p=[.3, .1, .1, .3, .1, .1]),
                      "sex": rng.choice(["1", "2"], n)})
    hierarchies = {
        "age": interval_hierarchy(table["age"], [5, 10, 20], "age"),
        "zip": Hierarchy.from_rows([[z, z[:4] + "*", z[:2] + "***", "*"] for z in
                                    ["75001", "75002", "75011", "69001", "69002", "13001"]], "zip"),
        "sex": Hierarchy.from_rows([["1", "*"], ["2", "*"]], "sex"),
    }
    quasi = ["age", "zip", "sex"]
    for k, cap in ((3, 0.0), (10, 0.0), (10, 0.05), (25, 0.02)):
        allowed = int(cap * n)
        expected = _brute_force(table, quasi, hierarchies, k, allowed)
        result = find_minimal_generalisation(table, quasi, hierarchies, k, cap)
        assert result.loss == pytest.approx(expected[0], abs=1e-6), (k, cap)
        assert result.suppressed_records <= allowed


def test_impossible_requests(adult, adult_hierarchies):
    with pytest.raises(InputError, match="fewer than k"):
        find_minimal_generalisation(adult.slice(0, 3), ADULT_COLUMNS, adult_hierarchies, 5)
    with pytest.raises(InputError, match="no hierarchy for the quasi-identifier 'age'"):
        find_minimal_generalisation(adult, ["age"], {}, 5)
    small = {"sex": Hierarchy.from_rows([["Male", "Male"], ["Female", "Female"]], "no top")}
    with pytest.raises(InputError, match="no generalisation reaches k"):
        find_minimal_generalisation(adult.slice(0, 50), ["sex"], small, 49)


def test_generalise_and_suppress_applies_chosen_levels(adult, adult_hierarchies):
    from curator.protect.search import generalise_and_suppress

    levels = {"sex": 1, "age": 0, "race": 1, "marital-status": 1, "education": 3, "native-country": 2,
              "workclass": 2, "occupation": 0, "salary-class": 1}
    result = generalise_and_suppress(adult, adult_hierarchies, levels, 5, 0.04)
    assert result.suppressed_records == 906 and result.allowed_records == 1206
    assert result.table["sex"].to_pylist().count("*") == 30162      # level 1 of sex is '*' anyway
    assert result.table["age"].to_pylist().count("*") == 906
    with pytest.raises(InputError, match="906 records are in classes smaller than 5, more than the 603"):
        generalise_and_suppress(adult, adult_hierarchies, levels, 5, 0.02)
