"""The compiled HMAC-SHA-256 accelerator: the very digests of hmac.new, the Python loop and openssl,
from Arrow's buffers as they come (int32 and int64 offsets, slices), hostile buffers refused, the GIL
released, and the Python loop taking over when the module is absent or wrong."""

from __future__ import annotations

import hashlib
import hmac
import os
import subprocess
import sys
import threading
import time
from array import array
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.protect import _hmac, _hmac_core
from curator.protect.pseudonym import pseudonymise

REPO = Path(__file__).resolve().parents[2]
native = _hmac_core.native
needs_native = pytest.mark.skipif(native is None and not os.environ.get("CI"),
                                  reason="the accelerator is not built here (no C compiler or OpenSSL headers)")

# RFC 4231 test cases 1-4, 6 and 7 (5 is a truncated MAC): key, data, HMAC-SHA-256.
RFC_4231 = [
    (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 20, b"\xdd" * 50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (bytes(range(1, 26)), b"\xcd" * 50, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than block-size data. The key "
                    b"needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]


def _reference(key: bytes, values: list[bytes]) -> bytes:
    return b"".join(hmac.new(key, v, hashlib.sha256).digest() for v in values)


def _native_of(key: bytes, array_: pa.Array, hexadecimal: bool = False) -> bytes:
    assert native is not None
    width = 8 if pa.types.is_large_binary(array_.type) or pa.types.is_large_string(array_.type) else 4
    _, offsets, data = array_.buffers()
    return native(key, data, offsets, width, array_.offset, len(array_), hexadecimal)


def test_ci_builds_the_accelerator():
    """CI must run the tests below, not skip them: there the module is built by `make setup`."""
    if os.environ.get("CI"):
        assert native is not None, "curator.protect._hmac_native was not built or failed its known answers"


@needs_native
@pytest.mark.parametrize(("key", "data", "expected"), RFC_4231)
def test_rfc_4231_vectors(key, data, expected):
    for kind in (pa.binary(), pa.large_binary()):
        assert _native_of(key, pa.array([data], kind)).hex() == expected
    assert _hmac_core.digests(key, [data]).hex() == expected


@needs_native
@settings(max_examples=300, deadline=None)
@given(key=st.one_of(st.sampled_from([0, 1, 32, 64, 65, 200]).flatmap(lambda n: st.binary(min_size=n, max_size=n)),
                     st.binary(max_size=200)),
       values=st.lists(st.one_of(st.binary(max_size=300), st.text(max_size=100).map(str.encode),
                                 st.sampled_from([b"", b"\x00", b"a\x00b", "é\x00ß€".encode()])), max_size=40),
       start=st.integers(min_value=0, max_value=3))
def test_native_equals_python_loop_and_hmac_new(key, values, start):
    """Empty values, 1 to 300 bytes, non-ASCII, embedded NULs; keys of 0 to 200 bytes (a block, past
    a block); int32 and int64 offsets; slices whose first offset is not 0."""
    expected = _reference(key, values)
    assert _hmac_core.digests(key, values) == expected
    for kind in (pa.binary(), pa.large_binary(), pa.string(), pa.large_string()):
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            if not all(_utf8(v) for v in values):
                continue
            whole = pa.array([b"x" * 7] * start + values, pa.binary()).cast(kind)
        else:
            whole = pa.array([b"x" * 7] * start + values, kind)
        part = whole.slice(start)
        assert _native_of(key, part) == expected
        assert _native_of(key, part, hexadecimal=True) == expected.hex().encode()
        assert _hmac.hmac_sha256(key, part) == expected


def _utf8(value: bytes) -> bool:
    try:
        value.decode()
    except UnicodeDecodeError:
        return False
    return True


@needs_native
def test_numpy_offsets_and_bytes_data_are_taken_too():
    import numpy as np

    values = [b"2530720730044", b"", "Élodie".encode(), b"\x00\x01"]
    bounds = np.concatenate(([5], 5 + np.cumsum([len(v) for v in values])))
    data = b"-----" + b"".join(values)
    for dtype, width in ((np.int32, 4), (np.int64, 8)):
        assert native(b"k", data, bounds.astype(dtype), width) == _reference(b"k", values)
        assert native(b"k", bytearray(data), memoryview(bounds.astype(dtype)), width, 1, 2) == \
            _reference(b"k", values[1:3])
    assert native(b"k", None, np.zeros(3, np.int64), 8) == _reference(b"k", [b"", b""])


@needs_native
@pytest.mark.interop("openssl")
def test_native_equals_the_openssl_command():
    key = bytes(range(200))
    values = [b"253072A073004", "Zoë d'Arc".encode(), b"", b"a\x00b" * 50]
    digests = _native_of(key, pa.array(values, pa.binary()))
    for n, value in enumerate(values):
        run = subprocess.run(["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"hexkey:{key.hex()}"],
                             input=value, capture_output=True, check=True)
        assert run.stdout.decode().split()[-1] == digests[32 * n:32 * (n + 1)].hex()


def _offsets(*bounds: int, code: str = "q") -> bytes:
    return array(code, bounds).tobytes()


@needs_native
@pytest.mark.parametrize(("data", "offsets", "width", "first", "count"), [
    (b"abcdef", _offsets(0, 3, 2), 8, 0, -1),               # decreasing
    (b"abcdef", _offsets(0, 3, 7), 8, 0, -1),               # past the data
    (b"abcdef", _offsets(-1, 3), 8, 0, -1),                 # negative
    (b"abcdef", _offsets(-(2**62), 3), 8, 0, -1),
    (b"abcdef", _offsets(0, 2**31 - 1, code="i"), 4, 0, -1),
    (b"abcdef", _offsets(0, -(2**31), code="i"), 4, 0, -1),
    (b"abcdef", _offsets(0, 3, 9, 10), 8, 2, 1),            # a slice past the data
    (b"abcdef", _offsets(0, 3), 8, 0, 2),                   # more values than offsets
    (b"abcdef", _offsets(0, 3), 8, 2, 0),                   # first past the offsets
    (b"abcdef", _offsets(0, 3), 8, -1, 1),
    (b"abcdef", _offsets(0, 3), 8, 0, -2),
    (b"abcdef", _offsets(0, 3), 8, 1, 2**62),               # a count whose digests overflow
    (b"abcdef", _offsets(0, 3), 8, 0, sys.maxsize),
    (b"abcdef", _offsets(0, *[3] * 1000), 8, 0, sys.maxsize // 64 + 1),  # past what 64 hex digits each allow
    (b"abcdef", _offsets(0, 3), 3, 0, -1),                  # no such width
    (b"abcdef", _offsets(0, 3), 0, 0, -1),
    (b"abcdef", b"", 8, 0, -1),                             # no offset at all
    (b"abcdef", b"\x00" * 7, 8, 0, -1),                     # not even one whole offset
    (None, _offsets(0, 1), 8, 0, -1),                       # bytes but no data
])
def test_hostile_buffers_are_refused(data, offsets, width, first, count):
    with pytest.raises(ValueError, match="offset"):
        native(b"k", data, offsets, width, first, count)


@needs_native
@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=-3, max_value=40), max_size=12), st.integers(min_value=-2, max_value=14),
       st.integers(min_value=-3, max_value=14), st.sampled_from("iq"))
def test_any_offsets_give_the_loop_digests_or_an_error(bounds, first, count, code):
    """Whatever the offsets, the answer is the digests of in-bounds slices or ValueError, never a crash."""
    data = bytes(range(32))
    try:
        found = native(b"key", data, array(code, bounds).tobytes(), array(code).itemsize, first, count)
    except ValueError:
        with pytest.raises(ValueError):
            native(b"key", data, array(code, bounds).tobytes(), array(code).itemsize, first, count, True)
        return
    assert native(b"key", data, array(code, bounds).tobytes(), array(code).itemsize, first, count, True) == \
        found.hex().encode()
    chosen = bounds[first:first + (len(bounds) - first if count == -1 else count + 1)]
    assert all(0 <= a <= b <= len(data) for a, b in zip(chosen, chosen[1:], strict=False))
    assert found == _reference(b"key", [data[a:b] for a, b in zip(chosen, chosen[1:], strict=False)])


@needs_native
def test_digests_are_written_into_a_given_buffer_of_room_enough():
    import numpy as np

    values = [b"abc", b"", b"\xe9t\xe9"]
    bounds = array("i", [0, 3, 3, 6]).tobytes()
    out = np.full(2 * 64 + 5, 7, dtype=np.uint8)
    assert native(b"k", b"abc\xe9t\xe9", bounds, 4, 1, 2, True, out) is None
    assert out[:128].tobytes() == _reference(b"k", values[1:]).hex().encode() and set(out[128:]) == {7}
    with pytest.raises(ValueError, match="out holds 63 bytes"):
        native(b"k", b"abc\xe9t\xe9", bounds, 4, 0, 2, False, bytearray(63))
    with pytest.raises(BufferError):
        native(b"k", b"abc\xe9t\xe9", bounds, 4, 0, 2, False, bytes(64))     # read-only


@needs_native
def test_offsets_overwritten_while_hashing_are_checked_as_they_are_read():
    """The digests written over the offsets still to be read (one buffer passed as both): each offset
    is checked when it is read, so the garbage is refused, not followed outside the data."""
    data = bytes(64)
    shared = bytearray(array("q", range(9)).tobytes().ljust(8 * 32, b"\0"))   # 9 offsets, room for 8 digests
    with pytest.raises(ValueError, match="offset"):
        native(b"k", data, shared, 8, 0, 8, False, shared)


@needs_native
def test_wrong_argument_types_raise():
    with pytest.raises(TypeError):
        native("text key", b"", _offsets(0), 8)
    with pytest.raises(TypeError):
        native(b"k", 12, _offsets(0), 8)
    with pytest.raises(TypeError):
        native(b"k", b"", [0, 1], 8)


@needs_native
def test_the_loop_runs_without_the_gil():
    """A thread hashing a large column leaves the others running: this thread wakes from a short
    sleep long before the hashing ends (with the GIL held, it would wake only after)."""
    import numpy as np

    count = 3_000_000
    data, offsets = bytes(13 * count), np.arange(0, 13 * count + 1, 13, dtype=np.int64)
    started, ended = threading.Event(), []

    def hash_all() -> None:
        started.set()
        native(b"k" * 32, data, offsets, 8)
        ended.append(time.perf_counter())

    thread = threading.Thread(target=hash_all)
    thread.start()
    started.wait()
    time.sleep(0.02)
    woke = time.perf_counter()
    thread.join()
    assert ended[0] - woke > 0.1, "this thread waited for the hashing to end: the GIL was held"


@needs_native
def test_two_threads_give_the_one_thread_digests(monkeypatch):
    values = pa.array([f"P{n:09d}" + "é" * (n % 5) for n in range(5_001)]).slice(3)
    alone = _hmac.hmac_sha256(b"k", values)
    monkeypatch.setattr(_hmac, "THREADS_ABOVE", 100)
    assert _hmac.hmac_sha256(b"k", values) == alone == _reference(b"k", [v.encode() for v in values.to_pylist()])
    assert _hmac.hmac_sha256(b"k", values, hexadecimal=True) == alone.hex().encode()
    assert _hmac._threads is not None


@needs_native
def test_tokens_are_the_same_with_and_without_the_accelerator(monkeypatch):
    secret = bytes(range(32))
    values = pa.array([f" {n:06d}-é " if n % 11 else None for n in range(3_000)] + ["  ", "x"])
    kinds = ("generic", "nir", "name")
    fast = [pseudonymise(values, secret, kind, parallel_above=1_000) for kind in kinds]
    monkeypatch.setattr(_hmac_core, "native", None)
    slow = [pseudonymise(values, secret, kind, parallel_above=1_000) for kind in kinds]   # helper process
    assert fast == slow


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_without_the_module_the_python_loop_hashes_the_same_tokens():
    """An install with no compiler: the module does not import, the Python loop (and for a large
    column the helper process) gives the same tokens."""
    done = _run_python(
        "import hashlib, hmac, multiprocessing, sys\n"
        "sys.modules['curator.protect._hmac_native'] = None   # as when it was never built\n"
        "import pyarrow as pa\n"
        "from curator.protect import _hmac_core, _pool\n"
        "from curator.protect.pseudonym import pseudonymise\n"
        "assert _hmac_core.native is None\n"
        "values = [f'P{n:08d}' for n in range(_pool.PARALLEL_ABOVE + 10)]\n"
        "tokens = pseudonymise(pa.array(values), b'k' * 32, 'generic')\n"
        "assert _pool._executor is not None, 'the helper process did not hash'\n"
        "for n in (0, len(values) // 2, len(values) - 1):\n"
        "    assert tokens[n].as_py() == hmac.new(b'k' * 32, values[n].encode(), hashlib.sha256).hexdigest()\n"
        "print('fallback ok')\n")
    assert done.returncode == 0 and "fallback ok" in done.stdout, done.stderr


def test_a_module_that_gives_wrong_digests_is_not_used():
    done = _run_python(
        "import sys, types\n"
        "fake = types.ModuleType('curator.protect._hmac_native')\n"
        "fake.digests = lambda key, data, offsets, width, first=0, count=-1: bytes(32 * max(count, 0))\n"
        "sys.modules['curator.protect._hmac_native'] = fake\n"
        "from curator.protect import _hmac_core\n"
        "assert _hmac_core.native is None\n"
        "assert _hmac_core.digests(b'Jefe', [b'what do ya want for nothing?']).hex().startswith('5bdcc146')\n"
        "print('refused')\n")
    assert done.returncode == 0 and "refused" in done.stdout, done.stderr
