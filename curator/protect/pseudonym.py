"""Pseudonyms: HMAC-SHA-256 of a normalised value under the secret, as 64 hexadecimal digits.

The normalisation (documented in docs/pseudonymisation.md) makes the same person give the same
token however the value was typed; the secret makes tokens unlinkable to anyone without it.
Work is done once per distinct value: the column is dictionary-encoded, the dictionary is
normalised with pyarrow compute, hashed, and the tokens are taken back to the rows. A column whose
values mostly differ (NIRs, record numbers) is hashed row by row instead: there, encoding would
save no hashing and cost a hash table of a million strings and a copy of the tokens.

Batch after batch and table after table, the keys of a linked submission repeat (a person in each of
their stays and diagnoses): without the compiled accelerator, a :class:`TokenCache` keeps the digests
of the values already hashed, up to a memory budget, and only the others are hashed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.distinctness import mostly_distinct
from curator.errors import InputError
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.protect import _hmac_core, _pool
from curator.protect._hmac import DIGEST_BYTES, hex_tokens, hmac_sha256, hmac_sha256_hex, tokens_as_text
from curator.recipe.params import KINDS
from curator.textkeys import MAX_WIDTH, KeyIndex, fixed_width

TOKEN_LENGTH = 64


def pseudonymise(values: pa.Array | pa.ChunkedArray, secret: bytes, kind: str = "generic",
                 parallel_above: int | None = None, cache: TokenCache | None = None) -> pa.Array:
    """Replace every value by its token; nulls (and values empty once normalised) stay null.

    ``parallel_above``: distinct values from which a helper process hashes half of them when there
    is no compiled accelerator (default ``_pool.PARALLEL_ABOVE``); ``cache``: the digests of values
    hashed before, found there and kept there. The tokens are the same either way."""
    if kind not in KINDS:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "unknown kind of pseudonym '{kind}'"), kind=kind),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(KINDS)))
    if not secret:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no pseudonymisation secret was given")),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Open or create the secret file ('curator keys "
                                                             "new-secret').")))
    if len(values) >= (_pool.PARALLEL_ABOVE if parallel_above is None else parallel_above):
        _pool.warm_up()     # the helper process starts while the column is encoded and normalised
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.string())
    def hashed(part: pa.Array) -> pa.Array:
        if cache is not None:
            return cache.tokens(secret, kind, normalise(part, kind), parallel_above)
        return hmac_sha256_hex(secret, part, lambda chunk: normalise(chunk, kind), parallel_above)

    if mostly_distinct(values):
        return tokens_as_text(hashed(values))
    encoded = pc.dictionary_encode(values)
    return tokens_as_text(hashed(encoded.dictionary).take(encoded.indices))


# What a TokenCache holds at most: a million persons' digests and keys take 58 MB (9-character ids).
TOKEN_CACHE_BYTES = 96 * 2**20
# Once the cache is full, a column whose last batch found fewer of its values there is hashed
# without looking: sorting and searching the batch costs more than the few hashes it saves.
MIN_FOUND = 1 / 3


@dataclass
class _HeldTokens:
    keys: KeyIndex = field(default_factory=KeyIndex)     # the normalised values hashed -> their row below
    digests: np.ndarray = field(default_factory=lambda: np.zeros((0, DIGEST_BYTES), np.uint8))

    @property
    def size(self) -> int:
        return int(self.keys.nbytes + self.digests.nbytes)


@dataclass
class TokenCache:
    """Digests already computed in one apply, found again by the normalised value (one set per
    secret and kind, shared by the views :meth:`for_columns` gives): the values met first are kept
    until ``budget`` bytes are held; values met after that are hashed each time. Only ``columns``
    (source columns: a linked submission's keys) use it; :meth:`clear` lets the digests go."""

    budget: int = TOKEN_CACHE_BYTES
    columns: frozenset[str] = frozenset()
    column: str = ""            # the column whose values a view of :meth:`for_column` pseudonymises
    _held: dict[tuple[bytes, str], _HeldTokens] = field(default_factory=dict)
    _found: dict[str, float] = field(default_factory=dict)    # column -> share found by its last batch

    def for_columns(self, columns: set[str] | frozenset[str]) -> TokenCache:
        """A view of the same digests used by ``columns``."""
        return dataclasses.replace(self, columns=frozenset(columns))

    def for_column(self, column: str) -> TokenCache:
        """A view of the same digests for the values of ``column`` (one of ``columns``)."""
        return dataclasses.replace(self, column=column)

    def clear(self) -> None:
        self._held.clear()

    def tokens(self, secret: bytes, kind: str, text: pa.Array, parallel_above: int | None = None) -> pa.Array:
        """:func:`~curator.protect._hmac.hmac_sha256_hex` of the normalised ``text``, the values held
        taken from the cache and the others hashed (and kept while the budget allows).

        With the compiled accelerator everything is hashed: finding a value costs as much as hashing it."""
        keys = None if _hmac_core.native is not None else fixed_width(text)
        if keys is None:
            return hmac_sha256_hex(secret, text, None, parallel_above)
        column = (self.column, kind)
        full = self._room() < MAX_WIDTH + 16 + DIGEST_BYTES      # no room for the longest key
        if full and self._found.get(str(column), 1.0) < MIN_FOUND:
            return hmac_sha256_hex(secret, text, None, parallel_above)
        held = self._held.setdefault((hashlib.sha256(secret).digest(), kind), _HeldTokens())
        valid = np.asarray(pc.is_valid(text).to_numpy(zero_copy_only=False), dtype=np.bool_)
        at = held.keys.find(keys)
        digests = np.zeros((len(keys), DIGEST_BYTES), dtype=np.uint8)
        found = np.flatnonzero((at >= 0) & valid)
        self._found[str(column)] = len(found) / max(int(valid.sum()), 1)
        digests[found] = np.take(held.digests, at[found], axis=0)     # a fraction of fancy indexing's time
        missing = np.flatnonzero((at < 0) & valid)
        if len(missing):
            fresh = np.frombuffer(hmac_sha256(secret, text.take(pa.array(missing)), parallel_above), dtype=np.uint8)
            digests[missing] = fresh.reshape(-1, DIGEST_BYTES)
            self._keep(held, keys[missing], digests[missing])
        return hex_tokens(digests.tobytes(), [(text, None if text.null_count == 0 else pc.is_valid(text))])

    def _room(self) -> int:
        return self.budget - sum(h.size for h in self._held.values())

    def _keep(self, held: _HeldTokens, keys: np.ndarray, digests: np.ndarray) -> None:
        # A key costs its bytes, its fingerprint, its row number and its digest.
        count = max(self._room(), 0) // (keys.dtype.itemsize + 16 + DIGEST_BYTES)
        if not count:
            return
        # A value repeated in the batch is held once (KeyIndex.add); its other digests are left unused.
        held.keys.add(keys[:count], len(held.digests) + np.arange(min(count, len(keys))))
        held.digests = np.concatenate([held.digests, digests[:count]])


def normalise(values: pa.Array, kind: str = "generic") -> pa.Array:
    """The text that is hashed for each value; null where nothing is left."""
    offsets = None          # the text's offsets, when known already
    if kind == "nir":
        text = _normalise_nir(values)
    elif kind == "name":
        # Decompose accents and drop the marks, fold case, treat hyphens and apostrophes as spaces.
        text = pc.utf8_normalize(pc.utf8_trim_whitespace(values), "NFKD")
        text = pc.replace_substring_regex(text, r"\p{Mn}+", "")
        text = pc.utf8_lower(text)
        text = pc.replace_substring_regex(text, r"[\s\-'’‐]+", " ")
        text = pc.utf8_trim_whitespace(text)
    else:
        text, offsets = _trimmed(values)
    if not _any_empty(text, offsets):
        return text
    empty = pc.equal(pc.utf8_length(text), 0)
    return pc.if_else(empty, pa.scalar(None, text.type), text)


# A value that starts or ends with one of these bytes may start or end with whitespace: ASCII
# controls and space, and any byte of a multi-byte character (no-break spaces, among others).
_PLAIN_EDGE = np.zeros(256, dtype=np.bool_)
_PLAIN_EDGE[0x21:0x80] = True


def _trimmed(values: pa.Array) -> tuple[pa.Array, np.ndarray | None]:
    """``pc.utf8_trim_whitespace(values)``, without its copy of every value when none can start or
    end with whitespace: keys such as ids and codes, batch after batch. With it, the offsets of
    ``values`` when they are the result itself (None: the result is new)."""
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)) or not len(values):
        return pc.utf8_trim_whitespace(values), None
    offsets, data = _string_buffers(values)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    if _PLAIN_EDGE[data[starts[filled]]].all() and _PLAIN_EDGE[data[ends[filled] - 1]].all():
        return values, offsets
    return pc.utf8_trim_whitespace(values), None


def _any_empty(text: pa.Array, offsets: np.ndarray | None = None) -> bool:
    """Whether a valid value of the string array ``text`` is empty (``offsets``: its own, when known)."""
    if not (pa.types.is_string(text.type) or pa.types.is_large_string(text.type)):
        return bool(pc.any(pc.equal(pc.utf8_length(text), 0)).as_py())
    if offsets is None:
        offsets, _data = _string_buffers(text)
    empty = offsets[1:] == offsets[:-1]
    if text.null_count:
        empty &= np.asarray(text.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    return bool(empty.any())


_SEPARATOR_BYTES = b" .-_/\t\n\f\r"
_NIR_SEPARATOR_PATTERN = r"[ \t\n\f\r.\-_/\x{a0}\x{202f}]+"
_DIGIT_ZERO = ord("0")


def _normalise_nir(values: pa.Array) -> pa.Array:
    """Upper case, separators removed, the 2-digit key of a 15-character NIR dropped.

    NIR columns hold over a million distinct values: when they are ASCII (as NIRs are), each
    separator present is removed by a plain substring kernel and the shape is checked on the bytes
    with numpy, without a regular expression per value.
    """
    text = pa.concat_arrays([values]) if values.offset else values
    offsets, data = _string_buffers(text)
    if data.size and data.max() >= 0x80:
        text = pc.replace_substring_regex(pc.utf8_upper(text), _NIR_SEPARATOR_PATTERN, "")
    elif data.size:
        if data.max() >= ord("a"):
            text = pc.ascii_upper(text)
        # Separators are all below "0" except "_": one comparison finds the few candidates.
        found = np.unique(data[(data < _DIGIT_ZERO) | (data == ord("_"))])
        for separator in bytes(found):
            if separator in _SEPARATOR_BYTES:
                text = pc.replace_substring(text, chr(separator), "")
    offsets, data = _string_buffers(text)
    # The key is derived from the 13 other characters: a NIR with and without it gives one token.
    lengths = np.diff(offsets)
    whole = bool(lengths.size) and bool((lengths == 15).all())
    if whole:
        candidates, chars = np.arange(lengths.size), data.reshape(-1, 15)
    else:
        candidates = np.flatnonzero(lengths == 15)
        chars = np.take(data, offsets[candidates][:, None] + np.arange(15))
    if candidates.size:
        shaped = _nir_shaped(chars)
        if whole and shaped.all():
            data = np.ascontiguousarray(chars[:, :13]).reshape(-1)
            offsets = np.arange(0, 13 * lengths.size + 1, 13, dtype=np.int64)
        elif shaped.any():
            keyed_starts = offsets[candidates[shaped]]
            data = np.delete(data, np.concatenate((keyed_starts + 13, keyed_starts + 14)))
            keyed = np.zeros(lengths.size, dtype=np.int64)
            keyed[candidates[shaped]] = 2
            offsets = offsets - np.concatenate(([0], np.cumsum(keyed)))
    validity = text.buffers()[0] if text.null_count else None
    return pa.Array.from_buffers(pa.large_string(), len(text),
                                 [validity, pa.py_buffer(offsets), pa.py_buffer(data)]).cast(pa.string())


def _nir_shaped(chars: np.ndarray) -> np.ndarray:
    """Per row of 15 characters: is it a NIR's shape (digits, "2A"/"2B" allowed at 6-7, key at 14-15)?

    Found from the non-digits alone, which are few (Corsican births): a per-row reduction over
    every character costs more than the rest of the normalisation.
    """
    shaped = np.ones(len(chars), dtype=np.bool_)
    non_digit = np.flatnonzero((chars - np.uint8(_DIGIT_ZERO)) > 9)  # uint8 wraps below "0"
    if non_digit.size == 0:
        return shaped
    rows, positions = np.divmod(non_digit, 15)
    shaped[rows[(positions != 5) & (positions != 6)]] = False
    at_department = np.unique(rows[(positions == 5) | (positions == 6)])
    corsica = (chars[at_department, 5] == ord("2")) & np.isin(chars[at_department, 6], (ord("A"), ord("B")))
    shaped[at_department[~corsica]] = False
    return shaped


def _string_buffers(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (as int64) and bytes of a string array; nulls have empty extents."""
    if text.offset:
        text = pa.concat_arrays([text])
    kind = np.int64 if pa.types.is_large_string(text.type) else np.int32
    buffers = text.buffers()
    offsets = np.frombuffer(buffers[1], dtype=kind)[: len(text) + 1].astype(np.int64)
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    return offsets, data[: int(offsets[-1])] if len(offsets) else data[:0]
