"""The non-uniform entropy loss, against a plain count of each row's values (few or many of them)."""

from __future__ import annotations

import math
import random
from collections import Counter

import pyarrow as pa
import pytest

from curator.protect.utility import measure_utility


@pytest.mark.parametrize("values", [12, 50_000])
def test_entropy_loss_is_the_plain_count_of_each_rows_values(values: int) -> None:
    """Few values (the pairs counted by a bincount) or many (by a sort): the same figures as Counters give."""
    rng = random.Random(values)
    rows = 2_000
    requested = [f"{rng.randrange(values):05d}" for _ in range(rows)]
    released = ["*" if rng.random() < 0.1 else value[:3] for value in requested]
    table = pa.table({"q": requested})
    utility = measure_utility(table, pa.table({"q": [v[:3] for v in requested]}), pa.table({"q": released}),
                              ["q"], {"q": 1}, {"q": 2})
    value_count, out_count = Counter(requested), Counter(released)
    pair_count = Counter(zip(requested, released, strict=True))
    expected = sum(math.log2(rows / value_count[r]) if o == "*" else math.log2(out_count[o] / pair_count[r, o])
                   for r, o in zip(requested, released, strict=True))
    assert utility.after.non_uniform_entropy == pytest.approx(expected, rel=1e-12)
    assert utility.before.non_uniform_entropy == 0
