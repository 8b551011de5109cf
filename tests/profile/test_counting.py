"""The fast counting paths (integer keys, numpy sort/bincount) against a plain Python count."""

from __future__ import annotations

import random
from collections import Counter

import pyarrow as pa
import pytest

from curator.profile import profile_column
from curator.profile.column import count_values
from curator.profile.keys import fixed_width_counts


def _chunked(values: list[str | None], pieces: int) -> pa.ChunkedArray:
    step = max(1, len(values) // pieces)
    return pa.chunked_array([pa.array(values[i:i + step], pa.string()) for i in range(0, len(values), step)]
                            or [pa.array([], pa.string())])


def _columns(rng: random.Random, rows: int) -> dict[str, list[str | None]]:
    def sometimes_empty(value: str) -> str | None:
        draw = rng.random()
        return None if draw < 0.05 else "   " if draw < 0.07 else value

    def sometimes_null(value: str) -> str | None:
        return None if rng.random() < 0.05 else value

    return {
        # fixed width, many distinct: the mixed-radix key and the sort
        "nir": [sometimes_empty(f"{rng.choice('12')}{rng.randrange(10**14):014d}") for _ in range(rows)],
        "finess": [sometimes_null(f"F{rng.randrange(10**12):012d}{rng.choice('ABCXYZ')}") for _ in range(rows)],
        "birth": [sometimes_null(f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/19{rng.randrange(100):02d}")
                  for _ in range(rows)],
        "phone": [f"06 {rng.randrange(100):02d} {rng.randrange(100):02d} {rng.randrange(100):02d}"
                  for _ in range(rows)],
        # fixed width, few distinct, accents (multi-byte UTF-8): the bincount
        "date": [sometimes_empty(f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/19{rng.randrange(100):02d}")
                 for _ in range(rows)],
        "accents": [rng.choice(["Évry", "Sète", "Nîme", "Niçe"]) for _ in range(rows)],
        "sexe": [rng.choice("12") for _ in range(rows)],
        "dept": [rng.choice(["01", "2A", "2B", "75", "971"]) for _ in range(rows)],
        # digits of varying width, mostly distinct: the int64 key
        "identifier": [str(rng.randrange(1, 10**rng.randrange(1, 12))) for _ in range(rows)],
        "postcode": [sometimes_empty(f"{rng.randrange(1000, 98000):05d}") for _ in range(rows)],
        # free text: the hash path
        "note": [sometimes_empty(" ".join(rng.choice(["à", "suivi", "œdème", "stable", "1,5"])
                                          for _ in range(rng.randrange(1, 4)))) for _ in range(rows)],
    }


FIXED_WIDTH = ("finess", "birth", "phone", "accents", "sexe")


def _present(values: list[str | None]) -> list[str]:
    return [value for value in values if value is not None and value.strip()]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_equal_a_plain_python_count(seed: int) -> None:
    rng = random.Random(seed)
    for name, values in _columns(rng, 12_000).items():
        chunked = _chunked(values, pieces=7)
        assert (fixed_width_counts(chunked) is not None) == (name in FIXED_WIDTH), name
        counted_values, counted = count_values(chunked)
        found = dict(zip(counted_values.to_pylist(), counted.to_pylist(), strict=True))
        assert found == dict(Counter(_present(values))), name


@pytest.mark.parametrize("seed", [4, 5])
def test_profile_equals_a_straightforward_computation(seed: int) -> None:
    rng = random.Random(seed)
    for name, values in _columns(rng, 9_000).items():
        profile = profile_column(name, _chunked(values, pieces=5))
        present = _present(values)
        tally = Counter(present)
        assert profile.row_count == len(values)
        assert profile.empty_count == len(values) - len(present), name
        assert profile.distinct_count == len(tally), name
        expected_top = sorted(tally.items(), key=lambda pair: (-pair[1], pair[0]))[:10]
        assert profile.top_values == [(value, count if count >= 5 else "<5") for value, count in expected_top], name
        lengths = [len(value) for value in present]
        assert (profile.length_min, profile.length_max) == (min(lengths), max(lengths)), name
        assert sum(count for _shape, count in profile.shapes if isinstance(count, int)) <= len(present)
        if profile.inferred_type in ("code", "text"):
            assert (profile.min, profile.max) == (min(present), max(present)), name
        # The same values in one chunk, in reverse order, give the same profile: order never matters.
        assert profile_column(name, pa.array(values[::-1], pa.string())) == profile, name


def test_fixed_width_path_is_taken_only_when_every_value_has_one_width() -> None:
    fixed = fixed_width_counts(_chunked(["06 12", None, "06 34", "06 12"], pieces=2))
    assert fixed is not None
    assert dict(zip(fixed[0].to_pylist(), fixed[1].to_pylist(), strict=True)) == {"06 12": 2, "06 34": 1}
    assert fixed_width_counts(_chunked(["06 12", "06 345"], pieces=2)) is None
    assert fixed_width_counts(pa.array(["ab", ""], pa.string())) is None  # an empty string is not a null
    assert fixed_width_counts(pa.array([None, None], pa.string())) is None


def test_sliced_and_large_string_columns_count_right() -> None:
    values = ["AB1", None, "AB2", "AB1", "   ", "CD9", None, "AB2"]
    sliced = pa.array(values, pa.string()).slice(2, 5)
    found_values, found = count_values(sliced)
    assert dict(zip(found_values.to_pylist(), found.to_pylist(), strict=True)) == {"AB2": 1, "AB1": 1, "CD9": 1}
    assert fixed_width_counts(pa.array(values, pa.large_string())) is None
    assert profile_column("c", pa.array(values, pa.large_string())).distinct_count == 3


@pytest.mark.parametrize("many", [False, True], ids=["distinct-values", "per-row"])
def test_fixed_width_shortcuts_equal_the_measured_shapes_lengths_and_bounds(many: bool) -> None:
    # One width: shapes, lengths and min/max are read off the keys' byte ranges, not measured; they
    # must equal what shapes_of and plain Python give, blanks of the same width included.
    from curator.profile.shapes import shapes_of

    rng = random.Random(8)
    rows = 3_000 if many else 300
    columns = {
        "finess": [f"F{rng.randrange(10**8):08d}" for _ in range(rows)],                  # one shape
        "phone": [f"0{rng.randrange(1, 10)} {rng.randrange(100):02d}" for _ in range(rows)],
        "code": [rng.choice(["A1-x", "B2-y", "ZZ-9"]) for _ in range(rows)],             # shapes differ
        "blank": [rng.choice(["  12", "    ", " 7 8"]) for _ in range(rows)],            # blanks, one width
        "spaces": ["    "] * rows,
    }
    for name, values in columns.items():
        if many:
            values = [v if i % 3 else f"{v[:-1]}{i % 10}"[:len(v)] for i, v in enumerate(values)]
        profile = profile_column(name, _chunked(values, pieces=4))
        present = _present(values)
        if not present:
            assert profile.inferred_type == "empty" and profile.empty_count == rows, name
            continue
        shapes = Counter(shapes_of(pa.array(present)).to_pylist())
        expected = sorted(shapes.items(), key=lambda pair: (-pair[1], pair[0]))[:5]
        assert profile.shapes == [(s, c if c >= 5 else "<5") for s, c in expected], name
        lengths = {len(v) for v in present}
        assert (profile.length_min, profile.length_max) == (min(lengths), max(lengths)), name
        assert profile.empty_count == rows - len(present), name
        if profile.inferred_type in ("code", "text"):
            assert (profile.min, profile.max) == (min(present), max(present)), name


@pytest.mark.parametrize("characters", [9, 18])
def test_fixed_width_keys_of_high_bytes_count_right_in_32_and_64_bits(characters: int) -> None:
    """Accented letters are two UTF-8 bytes of which the second varies from 0xA0: their keys start
    far below zero before every position is added in (32-bit keys for 9 letters, 64-bit for 18)."""
    rng = random.Random(characters)
    letters = "àáâãäåæçèé"
    values = ["".join(rng.choice(letters) for _ in range(characters)) for _ in range(3000)]
    values += values[:40] + [None] * 5
    found = fixed_width_counts(_chunked(values, 7))
    assert found is not None
    distinct, counts = found
    expected = Counter(v for v in values if v is not None)
    assert dict(zip(distinct.to_pylist(), counts.to_pylist(), strict=True)) == expected
    assert distinct.to_pylist() == sorted(expected, key=lambda v: v.encode("utf-8"))
