"""Text keys held from batch to batch: found exactly as a dict finds them, fingerprints colliding or not."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from curator import textkeys
from curator.textkeys import Directory, KeyIndex, fixed_width


def test_keys_of_equal_values_are_equal_whatever_the_width_and_others_differ() -> None:
    values = ["", "a", "a\x00", "ab", "é", "P0001", "P0001 ", None]
    narrow, wide = fixed_width(pa.array(values)), fixed_width(pa.array([*values, "x" * 40]))
    assert narrow is not None and wide is not None
    assert (narrow == wide[:-1]).all()
    assert len(set(narrow[:-1].tolist())) == len(values) - 1       # a null is the empty value's key
    assert (textkeys.fingerprints(narrow) == textkeys.fingerprints(wide[:-1])).all()
    assert fixed_width(pa.array(["y" * 64])) is None
    assert fixed_width(pa.array(["a", "bc", "d"]).slice(1)).tolist() == [b"\x02bc", b"\x01d"]


@pytest.mark.parametrize("colliding", [False, True])
def test_an_index_finds_what_a_dict_finds_batch_after_batch(colliding: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Values added in batches of several widths are found with their values, absent ones are not;
    with every fingerprint made to collide, the keys themselves are searched, with the same answers."""
    if colliding:
        monkeypatch.setattr(textkeys, "fingerprints", lambda keys: np.zeros(len(keys), np.uint64))
    rng = random.Random(3)
    index, plain = KeyIndex(), {}
    for batch in range(8):
        width = 3 + batch * 4
        values = list(dict.fromkeys(f"{rng.randrange(300):0{width}d}"[: rng.randrange(1, width + 1)]
                                    for _ in range(60)))
        keys = fixed_width(pa.array(values))
        assert keys is not None
        found = index.find(keys)
        assert found.tolist() == [plain.get(v, -1) for v in values]
        new = np.flatnonzero(found < 0)
        index.add(np.concatenate([keys[new], keys[new]]), np.concatenate([1000 * batch + new, -new]))  # twice: once held
        plain.update({values[n]: 1000 * batch + int(n) for n in new})
    assert len(index) == len(plain)
    assert (index._prints is None) == colliding


def test_directory_finds_what_searchsorted_finds() -> None:
    """Where each number would go, as np.searchsorted's left side: numbers held, absent, repeated,
    at both ends of the range, and numbers crowded in a few runs (searched by sorting instead)."""
    rng = np.random.default_rng(7)
    spread = rng.integers(0, 2**64 - 1, 5_000, dtype=np.uint64, endpoint=True)
    crowded = rng.integers(0, 1_000, 5_000).astype(np.uint64)       # every number in the lowest run
    for held in (spread, np.concatenate([spread, spread[:700]]), crowded, spread[:1], spread[:0],
                 np.array([0, 2**64 - 1], dtype=np.uint64)):
        ordered = np.sort(held)
        queries = np.concatenate([held, rng.integers(0, 2**64 - 1, 3_000, dtype=np.uint64, endpoint=True),
                                  np.array([0, 1, 2**63, 2**64 - 1], dtype=np.uint64)])
        found = Directory(ordered).search(queries)
        assert found.tolist() == np.searchsorted(ordered, queries).tolist()
