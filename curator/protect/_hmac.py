"""HMAC-SHA-256 of many short values, as lowercase hexadecimal digests, exactly RFC 2104.

With the compiled accelerator (``_hmac_core.native``) the values are hashed straight from the
Arrow array's buffers, without a Python object per value and without the GIL; from
``THREADS_ABOVE`` values on, a second thread hashes half of them. Without it, the values go to the
Python loop as bytes, and from ``_pool.PARALLEL_ABOVE`` values on the first half is prepared
(normalised) and handed to a helper process, which hashes it while this one prepares and hashes
the rest. The digests are hex-encoded all at once and handed to Arrow as one buffer rather than as
a million Python strings.
"""

from __future__ import annotations

import binascii
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

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
# Values from which the accelerator hashes in two threads (below, a thread's hand-over costs more
# than half the hashing saves).
THREADS_ABOVE = 65_536
_OFFSET_WIDTHS = {pa.string(): 4, pa.binary(): 4, pa.large_string(): 8, pa.large_binary(): 8}
_threads: ThreadPoolExecutor | None = None
_threads_lock = threading.Lock()


def hmac_sha256_hex(key: bytes, values: pa.Array,
                    prepare: Callable[[pa.Array], pa.Array] | None = None,
                    parallel_above: int | None = None) -> pa.Array:
    """One 64-character token per value of the string array ``values``, null where the value (once
    prepared) is null. ``prepare`` maps a slice of ``values`` to the text hashed for it.

    The tokens are fixed-size binary, which Arrow takes to the rows faster than strings; make them
    text with :func:`tokens_as_text`. ``parallel_above`` replaces ``_pool.PARALLEL_ABOVE`` for a
    caller that hashes batch after batch, for which the helper's start is paid once."""
    key = bytes(key)
    if _hmac_core.native is None and len(values) >= _helper_above(parallel_above):
        return hex_tokens(*_in_two_processes(key, values, prepare))
    text = prepare(values) if prepare is not None else values
    parts = [(text, pc.is_valid(text) if text.null_count else None)]
    if _hmac_core.native is not None:
        return _tokens(hmac_sha256(key, text, parallel_above, hexadecimal=True), parts)
    return hex_tokens(hmac_sha256(key, text, parallel_above), parts)


def hmac_sha256(key: bytes, text: pa.Array, parallel_above: int | None = None,
                hexadecimal: bool = False) -> bytes | memoryview:
    """The 32-byte digests of the values of the string or binary array ``text``, concatenated; those
    under a null are unspecified. ``parallel_above``: as for :func:`hmac_sha256_hex`.
    ``hexadecimal``: each digest as its 64 lowercase hexadecimal digits."""
    key = bytes(key)
    native = _hmac_core.native
    if native is None:
        if len(text) >= _helper_above(parallel_above):
            digests = _in_two_processes(key, text, None)[0]
        else:
            digests = _hmac_core.digests(key, _prepared(text, None)[0].to_pylist())
        return binascii.hexlify(digests) if hexadecimal else digests
    if text.type not in _OFFSET_WIDTHS:
        text = text.cast(pa.large_binary())
    if not len(text):
        return b""
    width, (_, offsets, data) = _OFFSET_WIDTHS[text.type], text.buffers()[:3]
    first, count = text.offset, len(text)
    if count < THREADS_ABOVE:
        return native(key, data, offsets, width, first, count, hexadecimal)
    # Both threads write into one buffer: no second copy of the digests to join.
    each, half = (2 if hexadecimal else 1) * _DIGEST, count // 2
    out = np.empty(count * each, dtype=np.uint8)
    other = _thread_pool().submit(native, key, data, offsets, width, first, half, hexadecimal, out[:half * each])
    native(key, data, offsets, width, first + half, count - half, hexadecimal, out[half * each:])
    other.result()
    return out.data


def _helper_above(parallel_above: int | None) -> int:
    return _pool.PARALLEL_ABOVE if parallel_above is None else parallel_above


def _thread_pool() -> ThreadPoolExecutor:
    """The one thread that hashes beside the caller's, started once."""
    global _threads
    with _threads_lock:
        if _threads is None:
            _threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-hmac")
        return _threads


def _in_two_processes(key: bytes, values: pa.Array, prepare: Callable[[pa.Array], pa.Array] | None,
                      ) -> tuple[bytes, list[tuple[pa.Array, pa.Array | None]]]:
    """The digests by the Python loop, the first part hashed in the helper process (if any), and
    the parts as :func:`hex_tokens` takes them."""
    half = int(len(values) * _HELPER_SHARE)
    first, first_valid = _prepared(values.slice(0, half), prepare)
    future = _pool.submit_packed(key, *_packed(first))
    second, second_valid = _prepared(values.slice(half), prepare)
    second_digests = _hmac_core.digests(key, second.to_pylist())
    first_digests = _pool.result_or_none(future) if future is not None else None
    if first_digests is None:
        first_digests = _hmac_core.digests(key, first.to_pylist())
    return first_digests + second_digests, [(first, first_valid), (second, second_valid)]


def _prepared(part: pa.Array, prepare: Callable[[pa.Array], pa.Array] | None) -> tuple[pa.Array, pa.Array | None]:
    """The text to hash as large binary with nulls as empty values, and where it is valid (None: everywhere)."""
    text = prepare(part) if prepare is not None else part
    binary = text.cast(pa.large_binary())
    if not text.null_count:
        return binary, None
    return binary.fill_null(b""), pc.is_valid(text)


def hex_tokens(digests: bytes | memoryview, parts: list[tuple[pa.Array, pa.Array | None]]) -> pa.Array:
    """The digests as 64 hexadecimal digits each (fixed-size binary), null where a part's text was null."""
    return _tokens(binascii.hexlify(digests), parts)


def _tokens(digits: bytes | memoryview, parts: list[tuple[pa.Array, pa.Array | None]]) -> pa.Array:
    """:func:`hex_tokens` of digests already in hexadecimal digits."""
    count = len(digits) // (2 * _DIGEST)
    data = pa.py_buffer(digits)
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
