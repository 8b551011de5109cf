"""Pseudonyms in a compact and exact form: a key domain's integer codes.

A pseudonym is 64 lowercase hexadecimal digits (HMAC-SHA-256): held as its 32 bytes, four 64-bit
words with no offsets, it takes less than half the memory of the text, and is spelled out again
exactly. :class:`TokenCodes` numbers the distinct pseudonyms of a key domain (every person column
of a submission, say) in order of first appearance, so that a table's keys can be gathered part by
part as integers, and the checks across tables (orphans, persons counted across the tables) run on
codes rather than on millions of strings.
"""

from __future__ import annotations

import binascii

import numpy as np
import pyarrow as pa

from curator.profile.keys import _value_bytes
from curator.textkeys import Directory, located, texts_of_width

TOKEN_DIGITS = 64
_LOWER = 0x2020202020202020


def token_words(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray | None] | None:
    """The valid values of a column of pseudonyms as four 64-bit words each, and those values'
    positions (None: every row); None when any value is something else (upper-case digits too,
    so that the words give the text back exactly)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_large_string(array.type) and len(array) * TOKEN_DIGITS < 2**31:
        array = array.cast(pa.string())
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
    positions = np.flatnonzero(array.is_valid().to_numpy(zero_copy_only=False)) if array.null_count else None
    return packed.view(np.uint64).reshape(len(digits), 4), positions


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
    appearance), looked up exactly: by first word in a sorted index, then compared whole."""

    def __init__(self, words: np.ndarray | None = None) -> None:
        """``words``: a set given at once (its codes are its rows; values may repeat, then the
        lookup finds one of them), else an empty set that :meth:`add` grows."""
        given = words if words is not None else np.empty((0, 4), dtype=np.uint64)
        self._words = given
        self.count = len(given)
        self._order = np.argsort(given[:, 0], kind="stable")
        self._firsts = given[self._order, 0]
        self._directory: Directory | None = None

    @property
    def sorted_firsts(self) -> np.ndarray:
        """The first words of the values held, ascending (a value given twice, twice)."""
        return self._firsts

    @property
    def words(self) -> np.ndarray:
        return self._words[:self.count]

    def text(self) -> pa.Array:
        """Each code's pseudonym, in the order of the codes."""
        return tokens_text(self.words)

    def find(self, words: np.ndarray) -> np.ndarray:
        """For each of ``words``, the code of an equal pseudonym, or -1."""
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
        """The code of each of ``words``, the ones not seen before numbered next in order of first appearance."""
        codes = self.find(words)
        unknown = np.flatnonzero(codes < 0)
        if not len(unknown):
            return codes
        fresh = words[unknown]
        among = TokenCodes(fresh).find(fresh)          # the first of equal new values (a stable order)
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
