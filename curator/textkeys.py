"""Texts as numpy byte strings of one width, which numpy sorts and searches without Python objects.

A key held across batches (a person's intervals, a token already computed) is found by
``np.searchsorted`` in a sorted array of such keys: a hash join or ``index_in`` would hash the
whole held side again for every batch. Each value is one byte giving its length, then its bytes,
zero-padded: two values share a key only when they are equal (numpy ignores trailing zero bytes,
and "a" must differ from "a\\0"), whatever width each array's keys have.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

# Longer values (rare for keys, possible in a hostile file) are left to the callers' other path:
# the keys of a million values would take a million times the longest.
MAX_WIDTH = 64


def fixed_width(array: pa.Array, limit: int = MAX_WIDTH) -> np.ndarray | None:
    """One ``S`` key per value of the string or binary ``array`` (a null as the empty value), or
    None when a value has ``limit`` bytes or more."""
    if array.offset:
        array = pa.concat_arrays([array])
    large = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    count = len(array)
    buffers = array.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64 if large else np.int32)[: count + 1].astype(np.int64)
    if array.null_count:
        valid = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    else:
        valid = np.ones(count, dtype=np.bool_)
    lengths = np.where(valid, np.diff(offsets), 0) if count else np.zeros(0, np.int64)
    width = int(lengths.max(initial=0))
    if width >= limit:
        return None
    keys = np.zeros((count, width + 1), dtype=np.uint8)
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    if count and width and bool((lengths == width).all()):
        # One width for all (most identifiers): the bytes are already rows of a matrix.
        keys[:, 1:] = data[offsets[0]:offsets[0] + count * width].reshape(count, width)
    elif width:
        rows = np.repeat(np.arange(count), lengths)
        starts = np.repeat(offsets[:-1], lengths)
        positions = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        keys[rows, positions + 1] = data[starts + positions]
    keys[:, 0] = lengths
    return keys.view(f"S{width + 1}").reshape(count)


def sorted_positions(held: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Where each of ``keys`` is in the sorted distinct ``held`` keys, -1 where it is not."""
    if not len(held):
        return np.full(len(keys), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(held, keys), len(held) - 1)
    return np.where(held[at] == keys, at, -1)
