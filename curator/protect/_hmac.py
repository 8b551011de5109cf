"""HMAC-SHA-256 of many short values, as lowercase hexadecimal digests, exactly RFC 2104.

The values go to the hashing loop (:mod:`curator.protect._hmac_core`) as bytes. From
``_pool.PARALLEL_ABOVE`` values on, the first half is prepared (normalised) and handed to a helper
process, which hashes it while this one prepares and hashes the rest. The digests are
hex-encoded all at once and handed to Arrow as one buffer rather than as a million Python strings.
"""

from __future__ import annotations

import binascii
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.protect import _hmac_core, _pool
from curator.textkeys import texts_of_width

_DIGEST = DIGEST_BYTES = 32
# The helper's part: a little over half, as it has nothing to do while this process normalises
# the second part and has nothing left once the digests are in (hex, tokens back to the rows).
_HELPER_SHARE = 0.55
_TOKEN = pa.binary(2 * _DIGEST)


def hmac_sha256_hex(key: bytes, values: pa.Array,
                    prepare: Callable[[pa.Array], pa.Array] | None = None,
                    parallel_above: int | None = None) -> pa.Array:
    """One 64-character token per value of the string array ``values``, null where the value (once
    prepared) is null. ``prepare`` maps a slice of ``values`` to the text hashed for it.

    The tokens are fixed-size binary, which Arrow takes to the rows faster than strings; make them
    text with :func:`tokens_as_text`. ``parallel_above`` replaces ``_pool.PARALLEL_ABOVE`` for a
    caller that hashes batch after batch, for which the helper's start is paid once."""
    key = bytes(key)
    if len(values) < (_pool.PARALLEL_ABOVE if parallel_above is None else parallel_above):
        whole, valid = _prepared(values, prepare)
        return hex_tokens(_hmac_core.digests(key, whole.to_pylist()), [(whole, valid)])
    half = int(len(values) * _HELPER_SHARE)
    first, first_valid = _prepared(values.slice(0, half), prepare)
    future = _pool.submit_packed(key, *_packed(first))
    second, second_valid = _prepared(values.slice(half), prepare)
    second_digests = _hmac_core.digests(key, second.to_pylist())
    first_digests = _pool.result_or_none(future) if future is not None else None
    if first_digests is None:
        first_digests = _hmac_core.digests(key, first.to_pylist())
    return hex_tokens(first_digests + second_digests, [(first, first_valid), (second, second_valid)])


def _prepared(part: pa.Array, prepare: Callable[[pa.Array], pa.Array] | None) -> tuple[pa.Array, pa.Array | None]:
    """The text to hash as large binary with nulls as empty values, and where it is valid (None: everywhere)."""
    text = prepare(part) if prepare is not None else part
    binary = text.cast(pa.large_binary())
    if not text.null_count:
        return binary, None
    return binary.fill_null(b""), pc.is_valid(text)


def hex_tokens(digests: bytes, parts: list[tuple[pa.Array, pa.Array | None]]) -> pa.Array:
    """The digests as 64 hexadecimal digits each (fixed-size binary), null where a part's text was null."""
    count = len(digests) // _DIGEST
    data = pa.py_buffer(binascii.hexlify(digests))
    if all(valid is None for _, valid in parts):
        return pa.Array.from_buffers(_TOKEN, count, [None, data])
    # The validity bitmap of the parts' masks, put under the digests as they are: no copy of the
    # 64-byte tokens (an if_else would copy 90 MB for a million and a half).
    valid = pa.concat_arrays([v if v is not None else pc.is_valid(p) for p, v in parts])
    valid = pc.fill_null(valid, False)
    bitmap = valid.buffers()[1] if valid.offset == 0 else pa.concat_arrays([valid]).buffers()[1]
    return pa.Array.from_buffers(_TOKEN, count, [bitmap, data], null_count=count - pc.sum(valid).as_py())


def tokens_as_text(tokens: pa.Array) -> pa.Array:
    """Fixed-size tokens as a string array, without copying them: every one is 64 characters."""
    if tokens.offset:
        tokens = pa.concat_arrays([tokens])
    validity, data = tokens.buffers()
    return texts_of_width(data, len(tokens), 2 * _DIGEST, validity if tokens.null_count else None)


def _packed(values: pa.Array) -> tuple[bytes, bytes, str]:
    """A large-binary array's bytes and its int64 offsets, copied out of Arrow to be pickled."""
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset:values.offset + len(values) + 1]
    data = values.buffers()[2]
    start, end = int(offsets[0]), int(offsets[-1])
    payload = data.slice(start, end - start).to_pybytes() if data is not None else b""
    return payload, offsets.tobytes(), "q"
