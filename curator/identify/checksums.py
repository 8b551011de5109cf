"""Check keys computed on whole arrays (NIR modulo 97, Luhn), in integer arithmetic.

python-stdnum's ``fr.nir`` and ``luhn`` check one Python string at a time: right for a handful of
values, too slow for the 2,000 values of a sample on every column of every file the user opens,
and out of the question for a million-row column. The same rules run here on int64 arrays, so a
column is checked in a few vectorised passes. tests/identify/test_checksums.py holds them to
python-stdnum's answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# First digit of a NIR: 1/2 sex, 3/4 foreigners' provisional numbers, 7/8 temporary ones.
_NIR_FIRST_DIGITS = np.array([1, 2, 3, 4, 7, 8])


@dataclass(frozen=True)
class KeyCount:
    """How many values of an array were looked at, and how many pass the check."""

    filled: int
    valid: int


def _as_text(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values
    return pc.cast(values, pa.string())


def _int64(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Digit strings (all digits, no nulls) as an int64 numpy array."""
    numbers = pc.cast(values, pa.int64())
    if isinstance(numbers, pa.ChunkedArray):
        return np.concatenate([c.to_numpy() for c in numbers.chunks]) if numbers.num_chunks else np.zeros(0, np.int64)
    return numbers.to_numpy()


def compact_nir(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Spaces and dots removed: "2 53 07 2A 073 004 43" -> "253072A07300443" (plain, not regex, replaces)."""
    text = _as_text(values)
    for separator in (" ", "."):
        if pc.any(pc.match_substring(text, separator)).as_py():
            text = pc.replace_substring(text, separator, "")
    return text


def nir_key_valid(compact: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Boolean per value: a 15-character NIR whose key is 97 - (first 13 digits mod 97).

    Corsica's 2A and 2B (either case) count as 19 and 18 in the computation, as the INSEE rule
    says. The 15-character values are read as a matrix of bytes straight from the Arrow buffer and
    checked in int64 arithmetic: no per-value string work, no regular expression over the column.
    """
    compact = _as_text(compact)
    chunks = compact.chunks if isinstance(compact, pa.ChunkedArray) else [compact]
    return np.concatenate([_nir_chunk(chunk) for chunk in chunks]) if chunks else np.zeros(0, dtype=bool)


def _nir_chunk(chunk: pa.Array) -> np.ndarray:
    result = np.zeros(len(chunk), dtype=bool)
    if len(chunk) == 0:
        return result
    fifteen = pc.fill_null(pc.equal(pc.binary_length(chunk), 15), False)
    where = _bool_numpy(fifteen)
    if not where.any():
        return result
    candidates = chunk if where.all() else chunk.filter(fifteen)
    # One row per character position (contiguous, so each step below is one fast pass); uint8
    # arithmetic wraps, so a single comparison tells digits ('0'..'9') from any other byte.
    digits = np.ascontiguousarray((_byte_matrix(candidates, 15) - np.uint8(ord("0"))).T)
    letters = digits[6] + np.uint8(ord("0"))
    # Corsica: "2A"/"2B" (or lower case) in the département's place count as 19/18.
    corsica_a = (digits[5] == 2) & ((letters == ord("A")) | (letters == ord("a")))
    corsica_b = (digits[5] == 2) & ((letters == ord("B")) | (letters == ord("b")))
    digits[5, corsica_a | corsica_b] = 1
    digits[6, corsica_a] = 9
    digits[6, corsica_b] = 8
    shaped = (digits <= 9).all(axis=0) & np.isin(digits[0], _NIR_FIRST_DIGITS)
    body = np.zeros(digits.shape[1], dtype=np.int64)
    for position in range(13):
        body *= 10
        body += digits[position]
    key = digits[13].astype(np.int64) * 10 + digits[14]
    result[where] = shaped & (97 - body % 97 == key)
    return result


def _byte_matrix(chunk: pa.Array, width: int) -> np.ndarray:
    """The bytes of a string array whose values all have ``width`` bytes, one row a value (zero copy)."""
    offsets_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(chunk.buffers()[1], dtype=offsets_type)[chunk.offset:chunk.offset + len(chunk) + 1]
    start, stop = int(offsets[0]), int(offsets[-1])
    if chunk.null_count or stop - start != width * len(chunk):
        raise ValueError("every value must have exactly the given width")
    return np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[start:stop].reshape(len(chunk), width)


def count_valid_nirs(column: pa.Array | pa.ChunkedArray) -> KeyCount:
    """Over a whole column: the filled values (blanks do not count), and the NIRs with a correct key."""
    text = _as_text(column)
    lengths = pc.binary_length(text)
    longest = pc.max(lengths).as_py()
    if longest is not None and longest > 15:
        # Written with separators ("2 95 10 ..."): compact first. A clean column skips this pass.
        text = compact_nir(text)
        lengths = pc.binary_length(text)
    filled = int(pc.sum(pc.greater(lengths, 0)).as_py() or 0)
    valid = nir_key_valid(text)
    count = int(valid.sum())
    if filled > count:
        # Blanks ("   ") are not filled values; looking for them among the few non-NIRs is cheap.
        others = pc.filter(text, pa.array(~valid))
        blank = pc.and_(pc.greater(pc.binary_length(others), 0),
                        pc.equal(pc.binary_length(pc.utf8_trim_whitespace(others)), 0))
        filled -= int(pc.sum(blank).as_py() or 0)
    return KeyCount(filled, count)


def luhn_valid(digits: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Boolean per value of a digit-only array (up to 18 digits): the Luhn check passes.

    From the rightmost digit, every second digit is doubled (less 9 when over 9); the sum of all
    must be a multiple of 10. Values of different lengths are fine: leading zeros add nothing.
    """
    if len(digits) == 0:
        return np.zeros(0, dtype=bool)
    numbers = _int64(digits)
    total = np.zeros(len(numbers), dtype=np.int64)
    rest = numbers.copy()
    position = 0
    while rest.any():
        digit = rest % 10
        if position % 2:
            digit = digit * 2
            digit = np.where(digit > 9, digit - 9, digit)
        total += digit
        rest //= 10
        position += 1
    return total % 10 == 0


def _bool_numpy(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(mask, pa.ChunkedArray):
        mask = mask.combine_chunks() if mask.num_chunks else pa.array([], type=pa.bool_())
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)
