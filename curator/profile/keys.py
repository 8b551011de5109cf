"""Exact integer keys for text columns, so distinct values are counted by a numpy sort, not a hash table.

Hashing a million distinct strings (or even int64s) in ``pc.value_counts`` is mostly cache misses;
sorting as many int64 keys costs a small fraction of that. Two kinds of column get an exact key:

- fixed width: every value has the same byte length (NIR, phone numbers, FINESS, postal codes,
  dd/mm/yyyy dates). Each byte position contributes a digit in a mixed radix (its range of byte
  values), so the key is a lossless, order-preserving encoding and decodes back to the same bytes;
- digits: identifiers of varying width without leading zeros (or all one width), read as int64.

Distinct values come out in key order (bytewise for fixed width, numeric for digits) rather than
first-seen order; the profile does not depend on that order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.profile.shapes import shape_byte

# Keys stay below this so that sums and products of radices cannot overflow int64.
MAX_KEY_SPACE = 2**62
MAX_STRING_BYTES = 2**31 - 1
# A key space at most this many times the row count is counted by np.bincount (no sort at all).
BINCOUNT_FACTOR = 4
TRANSPOSE_ROWS = 131_072


def _chunks(array: pa.ChunkedArray | pa.Array) -> list[pa.Array]:
    return list(array.chunks) if isinstance(array, pa.ChunkedArray) else [array]


def _value_bytes(chunk: pa.Array, width: int | None) -> tuple[np.ndarray, int] | None:
    """The valid values of a string chunk as an (n, width) byte matrix, or None if not all one width."""
    if not pa.types.is_string(chunk.type):
        return None
    valid = len(chunk) - chunk.null_count
    if valid == 0:
        return np.empty((0, width or 0), dtype=np.uint8), width or 0
    _validity, offsets_buffer, data = chunk.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[chunk.offset:chunk.offset + len(chunk) + 1]
    lengths = np.diff(offsets)
    if chunk.null_count:
        # Through a uint8 cast: converting Arrow booleans (bits) to numpy directly holds the GIL.
        present = pc.cast(chunk.is_valid(), pa.uint8()).to_numpy().view(np.bool_)
        # The valid values are contiguous in the data buffer only if null slots hold no bytes (as in
        # every array pyarrow builds).
        if lengths[~present].any():
            return None
        lengths = lengths[present]
    first = int(lengths[0])
    if first == 0 or (width is not None and first != width):
        return None
    if int(lengths.min()) != first or int(lengths.max()) != first:
        return None
    raw = np.frombuffer(data, dtype=np.uint8)[int(offsets[0]):int(offsets[-1])]
    return raw.reshape(valid, first), first


def _counted(keys: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """(distinct keys ascending, their counts)."""
    if space <= BINCOUNT_FACTOR * len(keys) + 65536:
        tally = np.bincount(keys, minlength=space)
        distinct = np.flatnonzero(tally)
        return distinct, tally[distinct]
    # Keys that fit 32 bits sort faster than int64 ones (half the bytes to move).
    ordered = np.sort(keys.astype(np.int32, copy=False) if space <= 2**31 else keys)
    distinct, counts = _runs(ordered)
    return distinct.astype(np.int64, copy=False), counts


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, counts) of a sorted array.

    Keys are sorted mostly for columns whose values nearly all differ: there, the few repeats are
    found and taken out, rather than every run's start listed and differenced."""
    repeats = np.flatnonzero(ordered[1:] == ordered[:-1])    # ordered[i + 1] repeats ordered[i]
    if not repeats.size:
        return ordered, np.ones(len(ordered), dtype=np.int64)
    if repeats.size > len(ordered) // 8:
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        return ordered[starts], np.diff(np.append(starts, len(ordered)))
    keep = np.ones(len(ordered), dtype=np.bool_)
    keep[repeats + 1] = False
    counts = np.ones(len(ordered) - repeats.size, dtype=np.int64)
    # The run of ordered[i + 1] starts, among the distinct values, at i minus the repeats before it.
    np.add.at(counts, repeats - np.arange(repeats.size), 1)
    return ordered[keep], counts


@dataclass
class KeyCounts:
    """Distinct values of a column as exact int64 keys (ascending) with their counts."""

    keys: np.ndarray
    counts: np.ndarray
    # keys -> their text; (keys, n) -> positions of the n keys whose texts sort first (ties in top values)
    decode: Callable[[np.ndarray], pa.Array]
    first_texts: Callable[[np.ndarray, int], np.ndarray]
    # Fixed-width ASCII columns: every value's shape when they share one (read from each byte
    # position's range of bytes), and the width every value has, in characters.
    shape: str | None = None
    width: int | None = None
    ordered: bool = False       # key order is the texts' order (fixed width: bytewise)

    def texts(self) -> tuple[pa.Array, pa.Array]:
        return self.decode(self.keys), pa.array(self.counts, pa.int64())

    def top(self, limit: int) -> tuple[pa.Array, pa.Array]:
        """(values, counts) of at least the ``limit`` most frequent values, ties going to the smallest text.

        Only these few keys are decoded: decoding every key of a mostly-distinct column costs more than
        all the rest of its profile.
        """
        counts = self.counts
        if len(counts) <= limit:
            chosen = np.arange(len(counts))
        else:
            # Mostly-distinct columns have few repeated values: rank those, not every count.
            repeated = np.flatnonzero(counts > 1)
            if len(repeated) >= limit:
                ranked = counts[repeated]
                threshold = np.partition(ranked, len(ranked) - limit)[len(ranked) - limit]
                above, tied = repeated[ranked > threshold], repeated[ranked == threshold]
            else:
                above, tied = repeated, np.flatnonzero(counts == 1)
            need = limit - len(above)
            if len(tied) > need:
                tied = tied[self.first_texts(self.keys[tied], need)]
            chosen = np.concatenate([above, tied])
        return self.decode(self.keys[chosen]), pa.array(counts[chosen], pa.int64())


def _first_keys(keys: np.ndarray, count: int) -> np.ndarray:
    return np.arange(min(count, len(keys)))


def fixed_width_keys(array: pa.ChunkedArray | pa.Array) -> KeyCounts | None:
    """The distinct values of a string column whose values all have one byte width, else None."""
    matrices: list[np.ndarray] = []
    width: int | None = None
    for chunk in _chunks(array):
        found = _value_bytes(chunk, width)
        if found is None:
            return None
        matrix, chunk_width = found
        if len(matrix):
            matrices.append(matrix)
            width = chunk_width
    if not matrices or not width:
        return None
    # One copy, position-major: every step below then reads contiguous memory. Made slice by slice:
    # numpy holds the GIL through a copy, and a whole column's (30 ms) would stall the app's window.
    matrix = matrices[0] if len(matrices) == 1 else np.concatenate(matrices)
    columns = np.empty((width, len(matrix)), dtype=np.uint8)
    for start in range(0, len(matrix), TRANSPOSE_ROWS):
        columns[:, start:start + TRANSPOSE_ROWS] = matrix[start:start + TRANSPOSE_ROWS].T
    low = columns.min(axis=1).astype(np.int64)
    high = columns.max(axis=1).astype(np.int64)
    radices = [int(r) for r in high - low + 1]
    space = 1
    for radix in radices:
        space *= radix
    rows = columns.shape[1]
    if space >= MAX_KEY_SPACE or rows * width > MAX_STRING_BYTES:
        return None
    weights: list[int] = []
    weight = 1
    for radix in reversed(radices):
        weights.append(weight)
        weight *= radix
    weights.reverse()
    varying = [position for position, radix in enumerate(radices) if radix > 1]
    # 32-bit keys when they fit: half the memory to write and read at every position. The sums
    # wrap around (numpy integers are modular) and come back into range once every term is in, so
    # only the starting offset needs bringing into range by hand.
    kind: type[np.signedinteger[Any]] = np.int32 if space <= 2**31 else np.int64
    bits = np.iinfo(kind).bits
    offset = -sum(int(low[position]) * weights[position] for position in varying)
    keys = np.full(rows, (offset + 2 ** (bits - 1)) % 2**bits - 2 ** (bits - 1), dtype=kind)
    term = np.empty(rows, dtype=kind)
    for position in varying:
        np.multiply(columns[position], weights[position], out=term, dtype=kind)
        np.add(keys, term, out=keys)
    distinct, counts = _counted(keys, space)
    value_width = width

    def decode(chosen: np.ndarray) -> pa.Array:
        decoded = np.empty((len(chosen), value_width), dtype=np.uint8)
        remaining = chosen
        for position in reversed(range(value_width)):
            if radices[position] == 1:
                decoded[:, position] = low[position]
                continue
            remaining, digit = np.divmod(remaining, radices[position])
            decoded[:, position] = digit + low[position]
        offsets = np.arange(0, (len(chosen) + 1) * value_width, value_width, dtype=np.int32)
        return pa.StringArray.from_buffers(len(chosen), pa.py_buffer(offsets), pa.py_buffer(decoded))

    # The key is order-preserving: key order is the bytes' order, which is the text's.
    ascii_only = int(high.max()) < 0x80
    return KeyCounts(distinct, counts, decode, _first_keys, shape=_one_shape(low, high) if ascii_only else None,
                     width=width if ascii_only else None, ordered=True)


def _one_shape(low: np.ndarray, high: np.ndarray) -> str | None:
    """The shape every value has when each byte position's bytes, from ``low`` to ``high``, all
    take one shape character (a constant byte, or digits only, capitals only...); else None."""
    characters = []
    for first, last in zip(low.tolist(), high.tolist(), strict=True):
        shaped = {shape_byte(byte) for byte in range(first, last + 1)}
        if len(shaped) != 1:
            return None
        characters.append(shaped.pop())
    return "".join(characters)


def fixed_width_counts(array: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array] | None:
    """(distinct values, counts) of a string column whose values all have one byte width, else None."""
    keyed = fixed_width_keys(array)
    return keyed.texts() if keyed is not None else None


_POWERS_OF_TEN = np.array([10**exponent for exponent in range(19)], dtype=np.int64)


def integer_keys(numbers: pa.ChunkedArray | pa.Array, width: int) -> KeyCounts:
    """The distinct values of a digit column read as int64 (``width``: zero-padded to it, or 0 for none)."""
    distinct, counts = integer_counts(numbers)

    def decode(chosen: np.ndarray) -> pa.Array:
        text = pc.cast(pa.array(chosen, pa.int64()), pa.string())
        return pc.utf8_lpad(text, width=width, padding="0") if width else text

    def first_texts(chosen: np.ndarray, count: int) -> np.ndarray:
        if width:
            return _first_keys(chosen, count)   # zero-padded to one width: number order is text order
        # ``chosen`` is ascending. Within one digit count, number order is text order, so the first
        # texts are among the ``count`` smallest numbers of each digit count: at most 19 x count
        # candidates, found by binary search, instead of text keys for a million and a half values.
        starts = np.searchsorted(chosen, np.concatenate(([0], _POWERS_OF_TEN[1:])))
        ends = np.append(starts[1:], len(chosen))
        near = np.concatenate([np.arange(start, min(start + count, end)) for start, end in zip(starts, ends, strict=True)])
        digits, aligned = _text_sort_keys(chosen[near])
        return near[np.lexsort((digits, aligned))][:count]

    return KeyCounts(distinct, counts, decode, first_texts)


def _text_sort_keys(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(length, left-aligned digits) of non-negative integers: lexsort by them is their text's order.

    "10" sorts before "9": compared left-aligned (9 -> 900, 10 -> 100), then by length ("1" < "10").
    """
    digits = np.maximum(np.searchsorted(_POWERS_OF_TEN, numbers, side="right"), 1)
    aligned = numbers * _POWERS_OF_TEN[int(digits.max()) - digits]
    return digits, aligned


def integer_counts(keys: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(distinct int64 values ascending, counts) of an integer column, nulls left out."""
    present = pc.drop_null(keys) if keys.null_count else keys
    if isinstance(present, pa.ChunkedArray):
        present = present.combine_chunks() if present.num_chunks else pa.array([], pa.int64())
    numbers = present.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    if len(numbers) == 0:
        return numbers, numbers
    low = int(numbers.min())
    space = int(numbers.max()) - low + 1
    distinct, counts = _counted(numbers - low, space)
    return distinct + low, counts
