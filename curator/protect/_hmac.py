"""HMAC-SHA-256 of many short values, as lowercase hexadecimal digests, exactly RFC 2104.

The values go to the hashing loop (:mod:`curator.protect._hmac_core`) as bytes. From
``_pool.PARALLEL_ABOVE`` values on, the first half is prepared (normalised) and handed to a helper
process, which hashes it while this one prepares and hashes the second half. The digests are
hex-encoded all at once with numpy and handed to Arrow as one buffer rather than as a million
Python strings.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.protect import _hmac_core, _pool

_DIGEST = 32
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def hmac_sha256_hex(key: bytes, values: pa.Array,
                    prepare: Callable[[pa.Array], pa.Array] | None = None) -> pa.Array:
    """One 64-character token per value of the string array ``values``, null where the value (once
    prepared) is null. ``prepare`` maps a slice of ``values`` to the text hashed for it."""
    key = bytes(key)
    if len(values) < _pool.PARALLEL_ABOVE:
        whole, valid = _prepared(values, prepare)
        return _hex_tokens(_hmac_core.digests(key, whole.to_pylist()), [(whole, valid)])
    half = len(values) // 2
    first, first_valid = _prepared(values.slice(0, half), prepare)
    future = _pool.submit_packed(key, *_packed(first))
    second, second_valid = _prepared(values.slice(half), prepare)
    second_digests = _hmac_core.digests(key, second.to_pylist())
    first_digests = _pool.result_or_none(future) if future is not None else None
    if first_digests is None:
        first_digests = _hmac_core.digests(key, first.to_pylist())
    return _hex_tokens(first_digests + second_digests, [(first, first_valid), (second, second_valid)])


def _prepared(part: pa.Array, prepare: Callable[[pa.Array], pa.Array] | None) -> tuple[pa.Array, pa.Array | None]:
    """The text to hash as large binary with nulls as empty values, and where it is valid (None: everywhere)."""
    text = prepare(part) if prepare is not None else part
    binary = text.cast(pa.large_binary())
    if not text.null_count:
        return binary, None
    return binary.fill_null(b""), pc.is_valid(text)


def _hex_tokens(digests: bytes, parts: list[tuple[pa.Array, pa.Array | None]]) -> pa.Array:
    """The digests as 64 hexadecimal digits each, null where a part's text was null."""
    raw = np.frombuffer(digests, dtype=np.uint8)
    text = np.empty(raw.size * 2, dtype=np.uint8)
    text[0::2] = _HEX[raw >> 4]
    text[1::2] = _HEX[raw & 0x0F]
    large = text.size >= 2**31      # beyond 33 million distinct values, 32-bit offsets overflow
    offsets = np.arange(0, text.size + 1, 2 * _DIGEST, dtype=np.int64 if large else np.int32)
    kind = pa.large_string() if large else pa.string()
    tokens = pa.Array.from_buffers(kind, raw.size // _DIGEST, [None, pa.py_buffer(offsets), pa.py_buffer(text)])
    if all(valid is None for _, valid in parts):
        return tokens
    valid = pa.concat_arrays([v if v is not None else pc.is_valid(p) for p, v in parts])
    return pc.if_else(valid, tokens, pa.scalar(None, kind))


def _packed(values: pa.Array) -> tuple[bytes, bytes, str]:
    """A large-binary array's bytes and its int64 offsets, copied out of Arrow to be pickled."""
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset:values.offset + len(values) + 1]
    data = values.buffers()[2]
    start, end = int(offsets[0]), int(offsets[-1])
    payload = data.slice(start, end - start).to_pybytes() if data is not None else b""
    return payload, offsets.tobytes(), "q"
