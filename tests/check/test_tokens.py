"""Pseudonyms as codes of a key domain: exact, in order of first appearance, spelled out again as they were."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from curator.check.tokens import TokenCodes, distinct_tokens, token_words


def _token(first: int, rest: int) -> str:
    return f"{first:016x}{rest:046x}ab"


def test_codes_number_distinct_pseudonyms_in_order_of_first_appearance_across_parts() -> None:
    # The first 16 digits (the first word) shared by different pseudonyms: told apart by the rest.
    parts = [[_token(9, 1), _token(9, 2), None, _token(9, 1)], [_token(4, 0), _token(9, 2), _token(9, 3)], [None]]
    codes = TokenCodes()
    found = []
    for part in parts:
        words = token_words(pa.array(part, pa.string()))
        assert words is not None
        each = [-1] * len(part)
        positions = words[1].tolist() if words[1] is not None else list(range(len(part)))
        for position, code in zip(positions, codes.add(words[0]).tolist(), strict=True):
            each[position] = code
        found += each
    every = pa.array([value for part in parts for value in part], pa.string())
    expected = pc.dictionary_encode(every)
    assert found == pc.fill_null(expected.indices, -1).to_pylist()
    assert codes.text().to_pylist() == expected.dictionary.to_pylist()
    missing = token_words(pa.array([_token(9, 4), _token(4, 0)]))
    assert missing is not None and codes.find(missing[0]).tolist() == [-1, 2]


def test_anything_but_lowercase_pseudonyms_is_left_to_the_text() -> None:
    assert token_words(pa.array([_token(1, 1).upper()])) is None      # "AB" would not spell back the same
    assert token_words(pa.array([_token(1, 1), "P00012345"])) is None
    assert token_words(pa.array([1, 2])) is None


def test_distinct_tokens_compare_whole_values_when_first_words_repeat() -> None:
    for values, expected in (([_token(1, 1), _token(2, 1), _token(3, 1)], True),
                             ([_token(9, 1), _token(9, 2), _token(4, 0)], True),      # first words shared
                             ([_token(9, 1), _token(4, 0), _token(9, 1)], False),
                             ([_token(5, 5)], True), ([], True)):
        words = token_words(pa.array(values, pa.string()))
        assert words is not None
        assert distinct_tokens(words[0]) is expected
        assert expected is (pc.count_distinct(pa.array(values, pa.string())).as_py() == len(values))
