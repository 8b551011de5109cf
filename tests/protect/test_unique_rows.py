"""Distinct rows of integer codes as numpy's unique over rows gives them, whatever their range."""

from __future__ import annotations

import numpy as np
import pytest

from curator.protect.suppression import unique_rows


@pytest.mark.parametrize("high", [1, 2, 7, 400, 2**20, 2**40])
@pytest.mark.parametrize("columns", [1, 2, 4])
def test_unique_rows_are_numpys(high: int, columns: int) -> None:
    rng = np.random.default_rng(high + columns)
    rows = rng.integers(0, high, (5000, columns), dtype=np.int64)
    rows[::7] = rows[3]                     # repeats
    keys, inverse, counts = unique_rows(rows)
    expected, expected_inverse, expected_counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
    assert np.array_equal(keys, expected) and np.array_equal(inverse, expected_inverse.reshape(-1))
    assert np.array_equal(counts, expected_counts)


def test_rows_beyond_63_bits_negative_or_empty_are_numpys() -> None:
    wide = np.array([[2**40, 3, 2**40], [1, 2**40, 5], [2**40, 3, 2**40]], dtype=np.int64)
    negative = np.array([[-1, 2], [3, -4], [-1, 2]], dtype=np.int64)
    for rows in (wide, negative, np.zeros((0, 3), dtype=np.int64)):
        keys, inverse, counts = unique_rows(rows)
        expected, expected_inverse, expected_counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
        assert np.array_equal(keys, expected) and np.array_equal(inverse, expected_inverse.reshape(-1))
        assert np.array_equal(counts, expected_counts)
