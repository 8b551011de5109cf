"""Texts as numpy byte strings of one width, which numpy sorts and searches without Python objects.

A key held across batches (a person's intervals, a token already computed) is found by
``np.searchsorted`` among such keys, sorted by a 64-bit fingerprint (:class:`KeyIndex`): a hash
join or ``index_in`` would hash the whole held side again for every batch. Each value is one byte giving its length, then its bytes,
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


_SEED = np.uint64(0x9E3779B97F4A7C15)
_MIX_1, _MIX_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def fingerprints(keys: np.ndarray) -> np.ndarray:
    """A 64-bit number per key of :func:`fixed_width` (splitmix64's finaliser over its 8-byte words),
    the same for the same value whatever the width of the array it comes in."""
    count, width = len(keys), keys.dtype.itemsize
    words = -(-width // 8)
    padded = np.zeros((count, words * 8), dtype=np.uint8)
    padded[:, :width] = keys.view(np.uint8).reshape(count, width)
    parts = padded.view("<u8")
    used = (padded[:, 0].astype(np.int64) + 8) // 8        # the words holding the length byte and the value
    mixed = np.full(count, _SEED, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for word in range(words):
            step = mixed ^ parts[:, word]
            step = (step ^ (step >> np.uint64(30))) * _MIX_1
            step = (step ^ (step >> np.uint64(27))) * _MIX_2
            step = step ^ (step >> np.uint64(31))
            mixed = np.where(word < used, step, mixed)
    return mixed


def _taken(keys: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``keys[at]``, the keys taken as rows of bytes (numpy takes byte strings one by one, far slower)."""
    width = keys.dtype.itemsize
    return np.take(keys.view(np.uint8).reshape(-1, width), at, axis=0).view(keys.dtype).reshape(-1)


def texts_of_width(data: pa.Buffer, count: int, width: int, validity: pa.Buffer | None = None) -> pa.Array:
    """``count`` texts of ``width`` bytes laid end to end in ``data`` as a string array, without
    copying them (a large string array when 32-bit offsets would overflow)."""
    size = count * width
    large = size >= 2**31
    offsets = np.arange(0, size + 1, width, dtype=np.int64 if large else np.int32)
    return pa.Array.from_buffers(pa.large_string() if large else pa.string(), count,
                                 [validity, pa.py_buffer(offsets), data])


class KeyIndex:
    """Distinct keys of :func:`fixed_width`, each with an int64 value, added batch after batch.

    A search compares 64-bit fingerprints (numpy compares byte strings element by element, ten
    times slower), then the keys found whole; should two keys held ever share a fingerprint, the
    keys themselves are searched from then on: slower, as exact."""

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype="S1")
        self.values = np.zeros(0, dtype=np.int64)
        self._prints: np.ndarray | None = np.zeros(0, dtype=np.uint64)    # None: sorted by key instead
        self._directory: Directory | None = None

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def nbytes(self) -> int:
        return int(self.keys.nbytes + self.values.nbytes + (self._prints.nbytes if self._prints is not None else 0))

    def find(self, keys: np.ndarray) -> np.ndarray:
        """Each key's value, -1 where the key is not held."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        if self._prints is not None:
            prints = fingerprints(keys)
            at, self._directory = located(self._prints, prints, self._directory)
            at = np.minimum(at, len(self.keys) - 1)
            hit = (np.take(self._prints, at) == prints) & (_taken(self.keys, at) == keys)
        else:
            at = np.minimum(_sorted_search(self.keys, keys), len(self.keys) - 1)
            hit = self.keys[at] == keys
        return np.where(hit, np.take(self.values, at), -1)

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """``keys`` (none held; a key given twice is added once, with its first value) with their ``values``."""
        if not len(keys):
            return
        self._directory = None      # of the keys before these: let go now rather than at the next search
        held = self.keys
        if keys.dtype.itemsize > held.dtype.itemsize:
            held = held.astype(keys.dtype)      # np.insert would cut the new keys to the held width
        if self._prints is not None:
            prints = fingerprints(keys)
            order = np.argsort(prints, kind="stable")
            ordered = keys[order]
            again = np.flatnonzero((prints[order][1:] == prints[order][:-1]) & (ordered[1:] == ordered[:-1])) + 1
            order = np.delete(order, again)
            places = np.searchsorted(self._prints, prints[order])
            merged = np.insert(self._prints, places, prints[order])
            if not (merged[1:] == merged[:-1]).any():
                self._prints = merged
                self.keys = np.insert(held, places, keys[order])
                self.values = np.insert(self.values, places, values[order])
                return
            # Two keys with one fingerprint: the keys themselves are sorted and searched from now on.
            self._prints = None
            resort = np.argsort(held, kind="stable")
            held, self.values = held[resort], self.values[resort]
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        order = np.delete(order, np.flatnonzero(ordered[1:] == ordered[:-1]) + 1)
        places = np.searchsorted(held, keys[order])
        self.keys = np.insert(held, places, keys[order])
        self.values = np.insert(self.values, places, values[order])


# A run of equal top bits longer than this (numbers far from uniform: not fingerprints or digests)
# is searched by sorting the queries instead.
_LONGEST_RUN = 64


class Directory:
    """Where 64-bit numbers would go in a sorted array of them (``np.searchsorted``'s left side),
    found from their top bits: a table gives where each run of equal top bits starts in the array,
    and the few numbers of a run are stepped through. Fingerprints and digests are spread evenly,
    so a run holds one or two: no sort of the queries, no binary search missing the cache at every
    step of a large array."""

    def __init__(self, ordered: np.ndarray) -> None:
        self.ordered = ordered
        bits = min(max(int(len(ordered)).bit_length() - 1, 8), 24)     # about one to two numbers a run
        self._shift = np.uint64(64 - bits)
        counts = np.bincount((ordered >> self._shift).astype(np.intp), minlength=1 << bits)
        self._starts = np.zeros((1 << bits) + 1, dtype=np.int32 if len(ordered) < 2**31 else np.int64)
        np.cumsum(counts, out=self._starts[1:])
        self._even = int(counts.max(initial=0)) <= _LONGEST_RUN

    def search(self, queries: np.ndarray) -> np.ndarray:
        """For each of ``queries`` (uint64), the index of the first held number not below it."""
        if not self._even:
            return _sorted_search(self.ordered, queries)
        run = (queries >> self._shift).astype(np.intp)
        at = np.take(self._starts, run).astype(np.int64)
        end = np.take(self._starts, run + 1)
        pending = np.flatnonzero(at < end)
        while len(pending):
            places = np.take(at, pending)
            pending = pending[np.take(self.ordered, places) < np.take(queries, pending)]
            at[pending] += 1
            pending = pending[np.take(at, pending) < np.take(end, pending)]
        return at


def located(ordered: np.ndarray, queries: np.ndarray, directory: Directory | None) -> tuple[np.ndarray, Directory | None]:
    """``np.searchsorted(ordered, queries)`` (uint64, ``ordered`` sorted), and the directory to keep
    for the next search of the same array: ``directory`` if it is of this very array, else one made
    now when there are enough queries to pay for it (an array that grows between searches is
    searched with the queries sorted instead)."""
    if directory is None or directory.ordered is not ordered:
        if len(queries) * 16 < len(ordered):
            return _sorted_search(ordered, queries), None
        directory = Directory(ordered)
    return directory.search(queries), directory


def _sorted_search(ordered: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """``np.searchsorted(ordered, queries)`` (numbers or byte strings), the queries searched in order:
    a random search of a large array misses the cache at every step."""
    at = np.empty(len(queries), dtype=np.int64)
    order = np.argsort(queries)
    at[order] = np.searchsorted(ordered, queries[order])
    return at
