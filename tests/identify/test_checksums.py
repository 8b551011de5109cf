"""The vectorised check keys give python-stdnum's answer on every value, valid or not."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.fr import nir as std_nir

from curator.identify.checksums import KeyCount, compact_nir, count_valid_nirs, luhn_valid, nir_key_valid

departments = st.sampled_from(["01", "13", "2A", "2B", "75", "97", "99"])


@st.composite
def nir_like(draw: st.DrawFn) -> str:
    """NIR-shaped strings: half with the right key, half with any two digits, some with spaces."""
    body = (f"{draw(st.sampled_from('1278'))}{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 12)):02d}"
            f"{draw(departments)}{draw(st.integers(0, 999)):03d}{draw(st.integers(0, 999)):03d}")
    key = std_nir.calc_check_digits(body + "00") if draw(st.booleans()) else f"{draw(st.integers(0, 99)):02d}"
    value = body + key
    if draw(st.booleans()):
        value = f"{value[0]} {value[1:3]} {value[3:5]} {value[5:7].lower()} {value[7:10]} {value[10:13]} {value[13:]}"
    return value


@settings(max_examples=60, deadline=None)
@given(st.lists(nir_like(), min_size=1, max_size=40))
def test_nir_key_agrees_with_stdnum(values: list[str]) -> None:
    got = nir_key_valid(compact_nir(pa.array(values, type=pa.string()))).tolist()
    assert got == [std_nir.is_valid(v) for v in values]


def test_nir_key_on_reference_examples_and_non_nirs() -> None:
    values = ["295109912611193", "253072A07300443", "253072B07300470", "2 95 10 99 126 111 93",
              "295109912611194", "2951099126111", "abc", "", "395109912611193x"]
    assert nir_key_valid(compact_nir(pa.array(values))).tolist() == [True, True, True, True,
                                                                     False, False, False, False, False]


def test_whole_column_count_handles_chunks_nulls_and_blanks() -> None:
    column = pa.chunked_array([["295109912611193", None, "  "], ["253072A07300443", "295109912611194"]])
    assert count_valid_nirs(column) == KeyCount(filled=3, valid=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10**17), min_size=1, max_size=40), st.integers(1, 18))
def test_luhn_agrees_with_stdnum(numbers: list[int], width: int) -> None:
    values = [str(n).zfill(width)[-max(width, len(str(n))):] for n in numbers]
    assert luhn_valid(pa.array(values)).tolist() == [luhn.is_valid(v) for v in values]


def test_luhn_on_valid_numbers() -> None:
    values = [d + luhn.calc_check_digit(d) for d in ("10000000000"[:10], "75000012", "13012345")]
    assert luhn_valid(pa.array(values)).all()


def test_slices_of_a_column_are_read_at_their_own_offset() -> None:
    # A table sliced by the sampler or by the caller shares its buffers: offsets must be honoured.
    values = ["295109912611193", "253072A07300443", "295109912611194", "253072B07300470"] * 5
    column = pa.chunked_array([pa.array(values[:7]), pa.array(values[7:])])
    for start, length in ((0, 20), (1, 5), (6, 3), (9, 11)):
        part = column.slice(start, length)
        assert nir_key_valid(part).tolist() == [std_nir.is_valid(v) for v in values[start:start + length]]
