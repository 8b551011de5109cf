"""Pseudonyms in a compact and exact form: a key domain's integer codes.

A pseudonym is 64 lowercase hexadecimal digits (HMAC-SHA-256): held as its 32 bytes, four 64-bit
words with no offsets, it takes less than half the memory of the text, and is spelled out again
exactly. :class:`TokenCodes` numbers the distinct pseudonyms of a key domain (every person column
of a submission, say) in order of first appearance, so that a table's keys can be gathered part by
part as integers, and the checks across tables (orphans, persons counted across the tables) run on
codes rather than on millions of strings.

When the compiled accelerator ``_tokens_native`` (built by setup.py where a C compiler is found)
imports and gives the numpy code's answers on a known sample (:func:`_checked_native`), the digits
are read from the Arrow buffers and the codes kept in its hash table, without the GIL; otherwise
the numpy code below does both, to the same words and codes.
"""

from __future__ import annotations

import binascii
import logging
import os
from typing import Any

import numpy as np
import pyarrow as pa

from curator.profile.keys import _value_bytes
from curator.textkeys import Directory, located, texts_of_width

TOKEN_DIGITS = 64
_LOWER = 0x2020202020202020
_SEED_BYTES = 40


def token_words(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray | None] | None:
    """The valid values of a column of pseudonyms as four 64-bit words each, and those values'
    positions (None: every row); None when any value is something else (upper-case digits too,
    so that the words give the text back exactly)."""
    if native is not None and column.null_count < len(column):
        return _native_words(native, column)
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if _small_large(array):
        array = array.cast(pa.string())
    return _numpy_words(array)


def _small_large(column: pa.ChunkedArray | pa.Array) -> bool:
    """Whether a column is large strings that 32-bit offsets could address."""
    return pa.types.is_large_string(column.type) and len(column) * TOKEN_DIGITS < 2**31


def _numpy_words(array: pa.Array) -> tuple[np.ndarray, np.ndarray | None] | None:
    """:func:`token_words` of a string array in numpy."""
    found = _value_bytes(array, TOKEN_DIGITS)
    if found is None:
        return None
    digits = found[0]
    if len(digits):
        # binascii reads the hexadecimal digits in C; it takes upper-case ones too, which lack the
        # 0x20 bit that digits and lower-case letters all have.
        try:
            packed = np.frombuffer(binascii.unhexlify(digits.reshape(-1).data), dtype=np.uint8)
        except (binascii.Error, ValueError):
            return None
        if int(np.bitwise_and.reduce(digits.reshape(-1).view(np.uint64))) & _LOWER != _LOWER:
            return None
    else:
        packed = np.zeros(0, dtype=np.uint8)
    return packed.view(np.uint64).reshape(len(digits), 4), _positions(array)


def _native_words(module: Any, column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray | None] | None:
    """:func:`token_words` of a column with a valid value, read by the accelerator chunk by chunk
    (no copy of the chunks into one)."""
    if not (pa.types.is_string(column.type) or _small_large(column)):
        return None
    width = 8 if pa.types.is_large_string(column.type) else 4
    words = np.empty((len(column), 4), dtype=np.uint64)
    written = 0
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        if not len(chunk):
            continue                # its offsets may be no buffer at all
        validity, offsets, data = chunk.buffers()[:3]
        found = module.hex_words(data, offsets, width, chunk.offset, len(chunk),
                                 validity if chunk.null_count else None, words[written:])
        if found < 0:
            return None
        written += found
    return words[:written], _positions(column)


def _positions(column: pa.ChunkedArray | pa.Array) -> np.ndarray | None:
    """The positions of a column's valid values, None when all are."""
    return np.flatnonzero(column.is_valid().to_numpy(zero_copy_only=False)) if column.null_count else None


def distinct_tokens(words: np.ndarray) -> bool:
    """Whether the rows of :func:`token_words` are all different: their first words sorted, and only
    if one repeats the rows compared whole (hashing the text costs ten times more)."""
    firsts = np.sort(words[:, 0])
    if not (firsts[1:] == firsts[:-1]).any():
        return True
    return len(np.unique(words, axis=0)) == len(words)


def tokens_text(words: np.ndarray) -> pa.Array:
    """Words of :func:`token_words` spelled out as the pseudonyms they are (a string array)."""
    digits = binascii.hexlify(np.ascontiguousarray(words).view(np.uint8).reshape(-1).data)
    return texts_of_width(pa.py_buffer(digits), len(words), TOKEN_DIGITS)


class TokenCodes:
    """The distinct pseudonyms seen so far, each with its code (0, 1, ... in order of first
    appearance), looked up exactly: in the accelerator's hash table, else by first word in a
    sorted index (:class:`_SortedCodes`), then compared whole."""

    def __init__(self, words: np.ndarray | None = None) -> None:
        """``words``: a set given at once (its codes are its rows; a value given more than once
        is found at its first row), else an empty set that :meth:`add` grows."""
        self._codes: _SortedCodes | _HashedCodes = (
            _SortedCodes(words) if native is None else _HashedCodes(native, words))

    @property
    def count(self) -> int:
        return self._codes.count

    @property
    def sorted_firsts(self) -> np.ndarray:
        """The first words of the values held, ascending (a value given twice, twice)."""
        return self._codes.sorted_firsts

    @property
    def known_distinct(self) -> bool:
        """True when the values given at once are surely all different (False: some may repeat)."""
        return self._codes.known_distinct

    @property
    def words(self) -> np.ndarray:
        return self._codes.words

    def text(self) -> pa.Array:
        """Each code's pseudonym, in the order of the codes."""
        return tokens_text(self.words)

    def find(self, words: np.ndarray) -> np.ndarray:
        """For each of ``words``, the code of an equal pseudonym, or -1."""
        return self._codes.find(words)

    def add(self, words: np.ndarray) -> np.ndarray:
        """The code of each of ``words``, the ones not seen before numbered next in order of first appearance."""
        return self._codes.add(words)


class _HashedCodes:
    """:class:`TokenCodes` in the accelerator's hash table (a random seed of its own, so that no
    file can choose values that collide)."""

    def __init__(self, module: Any, words: np.ndarray | None) -> None:
        self._given = None if words is None else np.ascontiguousarray(words, dtype=np.uint64)
        self._table = module.Codes(os.urandom(_SEED_BYTES), self._given)

    @property
    def count(self) -> int:
        return int(self._table.count)

    @property
    def known_distinct(self) -> bool:
        return self._table.repeats == 0

    @property
    def sorted_firsts(self) -> np.ndarray:
        return np.sort(self.words[:, 0])

    @property
    def words(self) -> np.ndarray:
        if self._given is not None and self.count == len(self._given):
            return self._given
        return np.frombuffer(self._table.words(), dtype=np.uint64).reshape(-1, 4)

    def find(self, words: np.ndarray) -> np.ndarray:
        return self._coded(self._table.find, words)

    def add(self, words: np.ndarray) -> np.ndarray:
        return self._coded(self._table.add, words)

    @staticmethod
    def _coded(method: Any, words: np.ndarray) -> np.ndarray:
        """``method`` of the table (find or add) run on ``words``: a code per row."""
        codes = np.empty(len(words), dtype=np.int64)
        method(np.ascontiguousarray(words, dtype=np.uint64), codes)
        return codes


class _SortedCodes:
    """:class:`TokenCodes` in numpy: a sorted index of the first words."""

    def __init__(self, words: np.ndarray | None = None) -> None:
        given = words if words is not None else np.empty((0, 4), dtype=np.uint64)
        self._words = given
        self.count = len(given)
        self._order = np.argsort(given[:, 0], kind="stable")
        self._firsts = given[self._order, 0]
        self._directory: Directory | None = None

    @property
    def sorted_firsts(self) -> np.ndarray:
        return self._firsts

    @property
    def known_distinct(self) -> bool:
        return not (self._firsts[1:] == self._firsts[:-1]).any()

    @property
    def words(self) -> np.ndarray:
        return self._words[:self.count]

    def find(self, words: np.ndarray) -> np.ndarray:
        found = np.full(len(words), -1, dtype=np.int64)
        if not len(self._firsts) or not len(words):
            return found
        firsts = np.ascontiguousarray(words[:, 0])
        start, self._directory = located(self._firsts, firsts, self._directory)
        pending = np.arange(len(words))
        step = 0
        # Values sharing a first word sit side by side: each is tried in turn (rarely more than one).
        while len(pending):
            at = start[pending] + step
            inside = at < len(self._firsts)
            pending, at = pending[inside], at[inside]
            same = np.take(self._firsts, at) == np.take(firsts, pending)
            pending, at = pending[same], at[same]
            codes = np.take(self._order, at)
            # The first words are equal: the three others compared (one boolean matrix costs more).
            held = np.take(self._words, codes, axis=0)      # np.take: a fraction of fancy indexing's time
            mine = np.take(words, pending, axis=0)
            equal = (held[:, 1] == mine[:, 1]) & (held[:, 2] == mine[:, 2]) & (held[:, 3] == mine[:, 3])
            found[pending[equal]] = codes[equal]
            pending = pending[~equal]
            step += 1
        return found

    def add(self, words: np.ndarray) -> np.ndarray:
        codes = self.find(words)
        unknown = np.flatnonzero(codes < 0)
        if not len(unknown):
            return codes
        fresh = words[unknown]
        among = _SortedCodes(fresh).find(fresh)          # the first of equal new values (a stable order)
        first = among == np.arange(len(fresh))
        numbers = np.cumsum(first) - 1 + self.count
        codes[unknown] = numbers[among]
        added = fresh[first]
        self._directory = None      # of the pseudonyms before these: let go now rather than at the next search
        self._grow(len(added))
        self._words[self.count:self.count + len(added)] = added
        new_codes = np.arange(self.count, self.count + len(added))
        self.count += len(added)
        ranked = np.argsort(added[:, 0], kind="stable")
        places = np.searchsorted(self._firsts, added[ranked, 0], side="right")
        self._firsts = np.insert(self._firsts, places, added[ranked, 0])
        self._order = np.insert(self._order, places, new_codes[ranked])
        return codes

    def _grow(self, more: int) -> None:
        if self.count + more <= len(self._words):
            return
        grown = np.empty((max(2 * len(self._words), self.count + more, 1024), 4), dtype=np.uint64)
        grown[:self.count] = self._words[:self.count]
        self._words = grown


def _checked_native() -> Any:
    """The accelerator if it imports and gives the numpy code's words and codes on a known sample
    (values sharing their first word, repeats, nulls, a slice; anything but pseudonyms refused;
    bad offsets raising); None otherwise."""
    try:
        import curator.check._tokens_native as _tokens_native  # optional: built by setup.py
    except ImportError:
        logging.getLogger(__name__).debug("pseudonyms coded in numpy: the compiled module is not built")
        return None
    values = [f"{first:016x}{rest:046x}{tail}" for first, rest, tail in
              ((9, 1, "ab"), (9, 2, "ab"), (4, 0, "cd"), (9, 1, "ab"), (2**64 - 1, 7, "ef"), (4, 0, "ce"))]
    sample = pa.array(["-", *values, None, values[2], values[5]], pa.string()).slice(1)
    refused = [pa.array([values[0].upper()]), pa.array([values[0][:-1] + "g"]), pa.array([values[0][:-1]]),
               pa.array([values[0] + "0"])]
    try:
        words, positions = _native_words(_tokens_native, sample) or (None, None)
        expected = _numpy_words(sample)
        ok = (words is not None and expected is not None and np.array_equal(words, expected[0])
              and positions is not None and expected[1] is not None and np.array_equal(positions, expected[1])
              and all(_native_words(_tokens_native, bad) is None for bad in refused))
        if ok and words is not None:
            fast, slow = _HashedCodes(_tokens_native, None), _SortedCodes()
            ok = all(np.array_equal(fast.add(part), slow.add(part)) for part in (words[:3], words, words[5:]))
            ok = ok and np.array_equal(fast.words, slow.words)
            given_fast, given_slow = _HashedCodes(_tokens_native, words[:5]), _SortedCodes(words[:5])
            ok = ok and all(np.array_equal(a.find(words), b.find(words))
                            for a, b in ((fast, slow), (given_fast, given_slow)))
            ok = ok and given_fast.count == 5 and not given_fast.known_distinct
        if ok:
            try:
                _tokens_native.hex_words(b"0" * 64, np.array([0, 65], dtype=np.int32), 4, 0, 1, None,
                                         np.empty(4, dtype=np.uint64))
                ok = False
            except ValueError:
                pass
    except Exception:  # noqa: BLE001 - any failure means not using it
        ok = False
    if not ok:
        logging.getLogger(__name__).warning("pseudonyms coded in numpy: the compiled module gives other codes")
        return None
    return _tokens_native


native = _checked_native()
