"""The HMAC-SHA-256 loop itself, with no import heavier than hashlib.

When the compiled accelerator ``_hmac_native`` (OpenSSL's SHA-256, built by setup.py where a C
compiler and OpenSSL's headers are found) imports and gives RFC 4231's digests, :data:`native`
is its function and values are hashed there, several times faster and without the GIL. Otherwise
the Python loop below hashes them, in the main process and in the helper process of
:mod:`curator.protect._pool`, which imports this module alone: a helper that loaded pyarrow would
take longer to start than it saves.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import struct
from array import array
from collections.abc import Callable, Iterable
from itertools import pairwise
from operator import itemgetter
from typing import Any, Protocol, overload

BLOCK = 64


class NativeDigests(Protocol):
    """``_hmac_native.digests``: the digests (see its docstring), or None once written into ``out``."""

    @overload
    def __call__(self, key: bytes, data: Any, offsets: Any, offset_width: int, first: int = 0,
                 count: int = -1, hex: bool = False, out: None = None) -> bytes: ...

    @overload
    def __call__(self, key: bytes, data: Any, offsets: Any, offset_width: int, first: int, count: int,
                 hex: bool, out: Any) -> None: ...


# RFC 4231 test cases 2 and 6 (a key longer than a block): key, value, HMAC-SHA-256.
_KNOWN_ANSWERS = (
    (b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
)


def _checked_native() -> NativeDigests | None:
    """The accelerator's function if it imports and gives RFC 4231's digests; None otherwise."""
    try:
        from curator.protect._hmac_native import digests as native_digests  # optional: built by setup.py
    except ImportError:
        logging.getLogger(__name__).debug("hashing in Python: the compiled HMAC module is not built")
        return None
    for key, value, expected in _KNOWN_ANSWERS:
        # The two values, one past the start of a buffer, as a slice of an Arrow array is.
        offsets = array("q", [1, 1 + len(value), 1 + 2 * len(value)]).tobytes()
        try:
            found = native_digests(key, b"-" + value * 2, offsets, 8, 0, 2)
        except Exception:  # noqa: BLE001 - any failure means not using it
            found = b""
        if found.hex() != expected * 2:
            logging.getLogger(__name__).warning("hashing in Python: the compiled HMAC module fails RFC 4231")
            return None
    return native_digests


native = _checked_native()


def _plain_sha256() -> Callable[..., Any]:
    """CPython's own SHA-256 (``_sha256`` up to 3.11, ``_sha2`` after): the same digest as
    OpenSSL's, but creating and copying its objects costs a third less, and a 13-byte value
    costs little else. hashlib's is the fallback."""
    for module, name in (("_sha256", "sha256"), ("_sha2", "sha256")):
        try:
            constructor: Callable[..., Any] = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        if constructor(b"abc").digest() == hashlib.sha256(b"abc").digest():
            return constructor
    return hashlib.sha256


_sha256 = _plain_sha256()


def digests(key: bytes, values: Iterable[bytes]) -> bytes:
    """The 32-byte HMAC-SHA-256 (RFC 2104) of each value, concatenated.

    The hash states after key XOR ipad and key XOR opad are computed once and copied per value:
    a value then costs two compressions instead of four, and no key padding.
    """
    if len(key) > BLOCK:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(BLOCK, b"\0")
    inner_copy = _sha256(bytes(b ^ 0x36 for b in padded)).copy
    outer_copy = _sha256(bytes(b ^ 0x5C for b in padded)).copy
    out: list[bytes] = []
    append = out.append
    for value in values:
        inner = inner_copy()
        inner.update(value)
        outer = outer_copy()
        outer.update(inner.digest())
        append(outer.digest())
    return b"".join(out)


def digests_of_packed(key: bytes, data: bytes, offsets: bytes, offset_code: str) -> bytes:
    """:func:`digests` of the values packed as Arrow packs strings: ``data`` holds them end to end,
    ``offsets`` (an ``array`` of type ``offset_code``, as bytes) where each starts and the last ends.

    Packed, half a million values cross to the helper process as two buffers rather than as half a
    million pickled objects, whose pickling would fall on the process that has the most to do.
    """
    bounds = array(offset_code)
    bounds.frombytes(offsets)
    if len(bounds) < 2:
        return b""
    base, count = bounds[0], len(bounds) - 1
    width, spare = divmod(bounds[-1] - base, count)
    if not spare and width and bounds == array(offset_code, range(base, bounds[-1] + 1, width)):
        # One width for all (NIRs once normalised, most identifiers): struct cuts them in C.
        return digests(key, map(itemgetter(0), struct.iter_unpack(f"{width}s", data)))
    return digests(key, [data[start - base:end - base] for start, end in pairwise(bounds)])
