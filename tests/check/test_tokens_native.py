"""The compiled pseudonym accelerator: the numpy code's very words and codes (batches, repeats, nulls,
values that are no pseudonyms), hostile buffers refused, crafted values kept from colliding, and the
numpy code taking over when the module is absent or wrong."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.check import tokens
from curator.check.integrity import KeyColumns, duplicate_keys, orphans, token_set
from curator.check.tokens import TokenCodes, token_words

REPO = Path(__file__).resolve().parents[2]
native = tokens.native
needs_native = pytest.mark.skipif(native is None and not os.environ.get("CI"),
                                  reason="the accelerator is not built here (no C compiler)")


def _token(first: int, rest: int, tail: str = "ab") -> str:
    return f"{first:016x}{rest:046x}{tail}"


def test_ci_builds_the_accelerator() -> None:
    """CI must run the tests below, not skip them: there the module is built by `make setup`."""
    if os.environ.get("CI"):
        assert native is not None, "curator.check._tokens_native was not built or failed its self-check"


# Pseudonyms from a small pool (repeats; several share their first word), nulls, and values that are
# none: upper-case, one digit short or long, a letter past f, a non-ASCII character.
_POOL = [_token(first, rest) for first in (0, 7, 2**64 - 1) for rest in (0, 1, 2**100)]
_NOT_TOKENS = [_POOL[1].upper(), _POOL[1][:-1], _POOL[1] + "0", _POOL[1][:-1] + "g", _POOL[1][:-2] + "é",
               "", "P00012345"]
_values = st.lists(st.one_of(st.sampled_from(_POOL), st.none(), st.sampled_from(_NOT_TOKENS)),
                   max_size=30)


def _both(array: pa.Array) -> tuple[object, object]:
    assert native is not None
    return tokens._native_words(native, array), tokens._numpy_words(array)


def _same_words(found: object, expected: object) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    assert isinstance(found, tuple) and isinstance(expected, tuple)
    positions_equal = (found[1] is None and expected[1] is None) or (
        found[1] is not None and expected[1] is not None and np.array_equal(found[1], expected[1]))
    return np.array_equal(found[0], expected[0]) and found[0].dtype == np.uint64 and positions_equal


@needs_native
@settings(max_examples=300, deadline=None)
@given(batches=st.lists(st.tuples(_values, st.integers(min_value=0, max_value=3)), min_size=1, max_size=5),
       tokens_only=st.booleans())
def test_native_words_and_codes_equal_numpys(batches: list[tuple[list[str | None], int]], tokens_only: bool) -> None:
    """Batch after batch (each a slice whose first offset is not 0): the same words and positions or
    the same refusal, the same codes added and found, the same words spelled back."""
    assert native is not None
    fast, slow = tokens._HashedCodes(native, None), tokens._SortedCodes()
    for values, start in batches:
        if tokens_only:
            values = [v for v in values if v is None or v in _POOL]
        array = pa.array(["-"] * start + values, pa.string()).slice(start)
        if array.null_count == len(array):
            continue                                # token_words leaves these to numpy
        found, expected = _both(array)
        assert _same_words(found, expected)
        if found is None:
            assert values and any(v is not None and v not in _POOL for v in values)
            continue
        assert isinstance(found, tuple)
        words = found[0]
        assert np.array_equal(fast.add(words), slow.add(words))
        assert fast.count == slow.count
    assert np.array_equal(fast.words, slow.words)
    queries = token_words(pa.array(_POOL))
    assert queries is not None
    assert np.array_equal(fast.find(queries[0]), slow.find(queries[0]))
    # The batches as the chunks of one column, as strings and large strings: read chunk by chunk.
    chunks = [pa.array(values, pa.string()) for values, _start in batches]
    for kind in (pa.string(), pa.large_string()):
        column = pa.chunked_array(chunks, pa.string()).cast(kind)
        found = token_words(column)
        try:
            tokens.native = None
            expected = token_words(column)
        finally:
            tokens.native = native
        assert _same_words(found, expected)


@needs_native
@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.sampled_from(_POOL), max_size=40))
def test_a_set_given_at_once_finds_each_value_at_its_first_row(rows: list[str]) -> None:
    assert native is not None
    found = token_words(pa.array(rows, pa.string()))
    assert found is not None
    words = found[0]
    fast, slow = tokens._HashedCodes(native, words), tokens._SortedCodes(words)
    queries = token_words(pa.array(_POOL))
    assert queries is not None
    expected = [rows.index(v) if v in rows else -1 for v in _POOL]
    assert fast.find(queries[0]).tolist() == slow.find(queries[0]).tolist() == expected
    assert fast.known_distinct is (len(set(rows)) == len(rows))
    assert np.array_equal(fast.sorted_firsts, slow.sorted_firsts)
    # Values added after the set are numbered after its rows (repeats included), as numpy does.
    assert fast.add(queries[0]).tolist() == slow.add(queries[0]).tolist()


def test_token_codes_give_the_same_codes_and_findings_with_and_without_the_module(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The public face: codes, text, duplicates and orphans of a key read part by part."""
    ids = [_token(7, 1), _token(7, 2), _token(3, 9), None, _token(7, 1), _token(5, 5), _token(3, 9), _token(7, 3)]
    distinct = [_token(7, n) for n in range(9)]
    parents = pa.table({"id": [_token(7, 1), _token(3, 9), _token(5, 4), None]})
    for name, values in (("ids", ids), ("distinct", distinct)):
        pq.write_table(pa.table({"id": values}), tmp_path / f"{name}.parquet", row_group_size=3)

    def outcome() -> list[object]:
        seen = []
        codes = TokenCodes()
        for part in (ids[:3], ids[3:]):
            found = token_words(pa.array(part, pa.string()))
            assert found is not None
            seen.append(codes.add(found[0]).tolist())
        seen.append(codes.text().to_pylist())
        for name in ("ids", "distinct"):
            keys = KeyColumns(["id"], path=tmp_path / f"{name}.parquet")
            for shared in (None, token_set(keys)):
                found = duplicate_keys(keys, "stays", ["id"], 2, shared)
                seen.append(None if found is None else (found.count, [f.row for f in found.examples]))
            found = orphans(keys, "stays", ["id"], parents, "persons", ["id"], 2)
            seen.append(None if found is None else (found.count, [f.row for f in found.examples]))
        return seen

    with_module = outcome()
    monkeypatch.setattr(tokens, "native", None)
    assert outcome() == with_module
    assert with_module[:3] == [[0, 1, 2], [0, 3, 2, 4], [ids[0], ids[1], ids[2], ids[5], ids[7]]]
    assert with_module[3:6] == [(4, [2, 4, 6, 8])] * 2 + [(3, [3, 7, 9])]
    assert with_module[6:] == [None, None, (8, [2, 4, 5, 6, 7, 8, 9, 10])]


def test_empty_chunks_and_slices_are_read_as_numpy_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    token = _token(7, 1)
    columns = [pa.chunked_array([pa.array([token]), pa.array([], pa.string()), pa.array([None, token])]),
               pa.chunked_array([pa.array([token]), pa.array([token, token]).slice(2)]),
               pa.chunked_array([pa.array([token]), pa.nulls(0, pa.string())]),
               pa.chunked_array([pa.array([None, token.upper()])])]
    found = [token_words(column) for column in columns]
    monkeypatch.setattr(tokens, "native", None)
    expected = [token_words(column) for column in columns]
    assert all(_same_words(a, b) for a, b in zip(found, expected, strict=True))
    assert [None if f is None else len(f[0]) for f in found] == [2, 1, 1, None]


@needs_native
def test_hostile_offsets_and_buffers_raise_rather_than_read_outside() -> None:
    assert native is not None
    data = (_POOL[0] * 2).encode()
    out = np.empty((2, 4), dtype=np.uint64)

    def words(offsets: list[int], first: int = 0, count: int = 2, validity: bytes | None = None,
              width: int = 4, into: np.ndarray = out) -> int:
        packed = np.array(offsets, dtype=np.int32 if width == 4 else np.int64)
        return int(native.hex_words(data, packed, width, first, count, validity, into))

    assert words([0, 64, 128]) == 2 and words([0, 64, 128], width=8) == 2
    for offsets in ([0, 64, 129], [0, 64, 2**31 - 1], [-1, 63, 127], [64, 0, 64], [0, 200, 128]):
        with pytest.raises(ValueError, match="offset"):
            words(offsets)
    with pytest.raises(ValueError, match="offset"):
        words([0, 64], count=2)                     # more values than offsets
    with pytest.raises(ValueError, match="offset"):
        words([0, 64, 128], first=3, count=0)
    with pytest.raises(ValueError, match="offset"):
        words([0, 64, 128], first=-1, count=1)
    with pytest.raises(ValueError, match="validity"):
        words([0, 64, 128] + [128] * 8, count=10, validity=b"\xff")
    with pytest.raises(ValueError, match="out holds"):
        words([0, 64, 128], into=np.empty(4, dtype=np.uint64))
    with pytest.raises(ValueError, match="offset_width"):
        words([0, 64, 128], width=2)
    assert words([0, 64, 64], validity=b"\x01") == 1      # a null slot without bytes: skipped
    assert words([0, 64, 128], validity=b"\x01") == -1    # a null slot holding bytes: as numpy, no pseudonyms
    table = native.Codes(os.urandom(40))
    codes = np.empty(2, dtype=np.int64)
    with pytest.raises(ValueError, match="32-byte"):
        table.add(np.zeros(5, dtype=np.uint64), codes)
    with pytest.raises(ValueError, match="out holds"):
        table.add(np.zeros((3, 4), dtype=np.uint64), codes)
    with pytest.raises(ValueError, match="aligned"):
        table.find(np.zeros(33, dtype=np.uint8)[1:], codes)
    with pytest.raises(ValueError, match="aligned"):
        table.find(np.zeros((2, 4), dtype=np.uint64), np.zeros(17, dtype=np.uint8)[1:])
    with pytest.raises(ValueError, match="seed"):
        native.Codes(b"short")
    with pytest.raises(RuntimeError):
        table.__init__(os.urandom(40))                # initialised once


@needs_native
def test_crafted_values_do_not_collide() -> None:
    """Values differing in one word only, in its high or its low bits, cost what random ones do:
    the seed mixes every word, so no file can choose values that share a slot."""
    assert native is not None
    n = 100_000
    rng = np.random.default_rng(5)
    crafted = []
    for word in range(4):
        for shift in (0, 24, 47):   # n < 2**17: no shift loses a bit
            values = np.zeros((n, 4), dtype=np.uint64)
            values[:, word] = np.arange(n, dtype=np.uint64) << np.uint64(shift)
            crafted.append(values)
    random = rng.integers(0, 2**64 - 1, size=(n, 4), dtype=np.uint64, endpoint=True)

    def cpu(values: np.ndarray) -> float:
        start = time.process_time()
        codes = TokenCodes()
        added = codes.add(values)
        assert added.tolist() == list(range(n)) and codes.find(values).tolist() == added.tolist()
        return time.process_time() - start

    baseline = min(cpu(random) for _ in range(3))
    worst = max(cpu(values) for values in crafted)
    # Quadratic probing of 100,000 colliding values would take minutes; allow noise, not that.
    assert worst < 20 * baseline + 0.5, (worst, baseline)


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_without_the_module_numpy_gives_the_same_codes() -> None:
    """An install with no compiler: the module does not import, the numpy code numbers the values."""
    done = _run_python(
        "import sys\n"
        "sys.modules['curator.check._tokens_native'] = None   # as when it was never built\n"
        "import pyarrow as pa\n"
        "from curator.check import tokens\n"
        "assert tokens.native is None\n"
        "values = [f'{n % 3:016x}{n:048x}' for n in (1, 2, 1, 5)] + [None]\n"
        "found = tokens.token_words(pa.array(values))\n"
        "codes = tokens.TokenCodes()\n"
        "assert codes.add(found[0]).tolist() == [0, 1, 0, 2] and found[1].tolist() == [0, 1, 2, 3]\n"
        "assert codes.text().to_pylist() == [values[0], values[1], values[3]]\n"
        "print('fallback ok')\n")
    assert done.returncode == 0 and "fallback ok" in done.stdout, done.stderr


@pytest.mark.parametrize("wrong", [
    "fake.hex_words = lambda data, offsets, width, first, count, validity, out: count\n"
    "fake.Codes = real.Codes\n",
    "fake.hex_words = real.hex_words\n"
    "class Codes:\n"
    "    def __init__(self, *args): self.real = real.Codes(*args)\n"
    "    def __getattr__(self, name): return getattr(self.real, name)\n"
    "    def add(self, values, out): self.real.add(values, out); out[:] = 0\n"
    "fake.Codes = Codes\n",
    "fake.hex_words = real.hex_words\n"
    "fake.Codes = real.Codes\n"
    "del fake.hex_words\n",
])
def test_a_module_that_gives_wrong_answers_is_not_used(wrong: str) -> None:
    built = sorted((REPO / "curator" / "check").glob("_tokens_native*.so")) + sorted(
        (REPO / "curator" / "check").glob("_tokens_native*.pyd"))
    if not built:
        assert not os.environ.get("CI"), "curator.check._tokens_native was not built"
        pytest.skip("the accelerator is not built here")
    done = _run_python(
        "import importlib.util, sys, types\n"
        f"spec = importlib.util.spec_from_file_location('_tokens_native', {str(built[0])!r})\n"
        "real = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(real)\n"
        "fake = types.ModuleType('curator.check._tokens_native')\n"
        + wrong +
        "sys.modules['curator.check._tokens_native'] = fake\n"
        "from curator.check import tokens\n"
        "assert tokens.native is None, 'a wrong module was used'\n"
        "print('refused')\n")
    assert done.returncode == 0 and "refused" in done.stdout, done.stderr


@needs_native
def test_every_byte_at_every_digit_is_read_or_refused_as_bytes_fromhex_would() -> None:
    """Each of the 256 byte values in each of the 64 places (raw bytes, not only UTF-8): read as
    bytes.fromhex reads it when it is a lower-case hexadecimal digit, refused otherwise."""
    assert native is not None
    base = bytearray(b"0123456789abcdef" * 4)
    offsets = np.arange(257, dtype=np.int32) * 64
    digits = b"0123456789abcdef"
    for place in range(64):
        data = bytearray()
        for byte in range(256):
            value = bytearray(base)
            value[place] = byte
            data += value
        out = np.empty((256, 4), dtype=np.uint64)
        expected_good = [byte in digits for byte in range(256)]
        for byte in range(256):
            one = np.empty(4, dtype=np.uint64)
            found = native.hex_words(bytes(data), offsets, 4, byte, 1, None, one)
            value = bytes(data[byte * 64:(byte + 1) * 64])
            assert found == (1 if expected_good[byte] else -1), (place, byte)
            if expected_good[byte]:
                assert one.tobytes() == bytes.fromhex(value.decode())
        assert native.hex_words(bytes(data), offsets, 4, 0, 256, None, out) == -1


@needs_native
def test_the_loops_run_without_the_gil_and_threads_share_a_table_safely() -> None:
    """A thread adding many values leaves the others running (this one wakes from a short sleep
    long before the adding ends); two threads adding to one table at once get one code per value."""
    import threading

    values = np.random.default_rng(3).integers(0, 2**63, size=(3_000_000, 4), dtype=np.uint64)
    table = TokenCodes()
    started, ended, codes = threading.Event(), [], {}

    def add(name: str, part: np.ndarray) -> None:
        started.set()
        codes[name] = table.add(part)
        ended.append(time.perf_counter())

    thread = threading.Thread(target=add, args=("all", values))
    thread.start()
    started.wait()
    time.sleep(0.02)
    woke = time.perf_counter()
    other = threading.Thread(target=add, args=("again", values[::-1].copy()))
    other.start()
    thread.join()
    other.join()
    assert ended[0] - woke > 0.05, "this thread waited for the adding to end: the GIL was held"
    assert table.count == len(values)
    assert np.array_equal(codes["again"][::-1], codes["all"])
    assert np.array_equal(np.sort(codes["all"]), np.arange(len(values)))
