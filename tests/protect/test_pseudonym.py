"""Pseudonyms: stable under one secret, unlinkable under another, normalised as documented."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.errors import InputError
from curator.protect import _hmac, _pool
from curator.protect.pseudonym import normalise, pseudonymise
from curator.protect.secret import new_secret

# Valid NIRs from python-stdnum's documentation (key = 97 - first 13 digits mod 97, 2A -> 19, 2B -> 18).
NIRS = ["295109912611193", "253072A07300443", "253072B07300470"]


def test_token_is_rfc2104_hmac_sha256_of_the_normalised_value():
    secret = bytes(range(32))
    tokens = pseudonymise(pa.array(["253072A07300443"]), secret, "nir")
    assert tokens[0].as_py() == hmac.new(secret, b"253072A073004", hashlib.sha256).hexdigest()


def test_nir_with_or_without_key_spaces_and_case_gives_one_token():
    secret = new_secret()
    variants = pa.array(["2 53 07 2A 073 004 43", "253072a073004", " 253072A07300443 ", "253072A073004"])
    tokens = pseudonymise(variants, secret, "nir").to_pylist()
    assert len(set(tokens)) == 1
    assert len(tokens[0]) == 64
    others = pseudonymise(pa.array(NIRS), secret, "nir").to_pylist()
    assert len(set(others)) == 3 and tokens[0] == others[1]


def test_names_fold_case_accents_and_hyphens():
    secret = new_secret()
    tokens = pseudonymise(pa.array(["Éloïse Dupont-Martin", "ELOISE DUPONT MARTIN", "eloise  dupont-martin",
                                    "Eloise Dupont"]), secret, "name").to_pylist()
    assert tokens[0] == tokens[1] == tokens[2] != tokens[3]


def test_generic_trims_only():
    secret = new_secret()
    tokens = pseudonymise(pa.array(["AB12", " AB12 ", "ab12"]), secret).to_pylist()
    assert tokens[0] == tokens[1] != tokens[2]


def test_nulls_and_blanks_stay_null_and_length_is_kept():
    chunked = pa.chunked_array([pa.array(["x", None]), pa.array(["   ", "x"])])
    tokens = pseudonymise(chunked, new_secret()).to_pylist()
    assert tokens[1] is None and tokens[2] is None and tokens[0] == tokens[3] and len(tokens) == 4


def test_same_secret_same_pseudonyms_across_files_other_secret_unlinkable(tmp_path):
    import pyarrow.csv as pacsv

    secret, other = new_secret(), new_secret()
    (tmp_path / "2025.csv").write_text("nir;x\n295109912611193;1\n253072A07300443;2\n", encoding="utf-8")
    (tmp_path / "2026.csv").write_text("nir;x\n253072A073004;5\n2 95 10 99 126 111 93;6\n1111;7\n", encoding="utf-8")
    options = pacsv.ConvertOptions(column_types={"nir": pa.string(), "x": pa.string()})
    parse = pacsv.ParseOptions(delimiter=";")
    first = pacsv.read_csv(tmp_path / "2025.csv", parse_options=parse, convert_options=options)
    second = pacsv.read_csv(tmp_path / "2026.csv", parse_options=parse, convert_options=options)
    a = pseudonymise(first["nir"], secret, "nir").to_pylist()
    b = pseudonymise(second["nir"], secret, "nir").to_pylist()
    assert b[0] == a[1] and b[1] == a[0]
    c = pseudonymise(second["nir"], other, "nir").to_pylist()
    assert not set(c) & set(a)


def test_unknown_kind_and_missing_secret_are_refused():
    with pytest.raises(InputError, match="unknown kind"):
        pseudonymise(pa.array(["x"]), new_secret(), "ssn")
    with pytest.raises(InputError, match="secret"):
        pseudonymise(pa.array(["x"]), b"")


_NIR_ALPHABET = "0123456789ABab2 .-_/\t\xa0\u202féÉ*x"


def _reference_nir(value: str | None) -> str | None:
    """The documented NIR normalisation, written the plain way."""
    if value is None:
        return None
    text = re.sub(r"[ \t\n\f\r.\-_/\xa0\u202f]+", "", value.upper())
    if re.fullmatch(r"[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}", text):
        text = text[:13]
    return text or None


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=_NIR_ALPHABET, max_size=22),
                          st.from_regex(r"[12] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AaBb]) ?[0-9]{3} ?[0-9]{3}( ?[0-9]{2})?",
                                        fullmatch=True)),
                max_size=30),
       st.integers(min_value=0, max_value=3))
def test_nir_normalisation_matches_the_documented_rule(values, offset):
    """The byte-level fast path and the Unicode path both follow the rule in docs/pseudonymisation.md."""
    array = pa.array(["x"] * offset + values, pa.string()).slice(offset)
    assert normalise(array, "nir").to_pylist() == [_reference_nir(v) for v in values]


_EDGES = " \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2000\u2028\u202f\u3000é"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=_EDGES + "ab1-", max_size=6),
                          st.from_regex(r"[A-Z][0-9]{3,9}", fullmatch=True)), max_size=30),
       st.integers(min_value=0, max_value=3), st.booleans())
def test_generic_normalisation_is_the_trim_of_every_value(values, offset, large):
    """Values that cannot start or end with whitespace are taken as they are: the result is still
    Arrow's trim of every value, empty ones null, whatever whitespace (ASCII, no-break, ideographic...)."""
    array = pa.array(["x"] * offset + values, pa.large_string() if large else pa.string()).slice(offset)
    trimmed = pc.utf8_trim_whitespace(array)
    expected = pc.if_else(pc.equal(pc.utf8_length(trimmed), 0), pa.scalar(None, trimmed.type), trimmed)
    assert normalise(array).equals(expected)


@pytest.mark.interop("openssl")
@pytest.mark.parametrize("accelerated", [True, False], ids=["native", "python-loop"])
def test_tokens_equal_openssl_dgst_hmac_for_a_large_column_hashed_in_two_processes(accelerated, monkeypatch):
    """Above the parallel threshold half the values go to the helper process (or, with the compiled
    accelerator, to a second thread): every token must still be the stock
    `openssl dgst -sha256 -hmac` of its value, in order, nulls kept."""
    import random

    from curator.protect import _hmac_core

    if accelerated and _hmac_core.native is None:
        pytest.skip("the accelerator is not built here")
    if not accelerated:
        monkeypatch.setattr(_hmac_core, "native", None)

    count = _pool.PARALLEL_ABOVE + 1_001
    text_key = "clé du hub 2026"            # openssl's -hmac takes the key as text
    values = [f"P{n:09d}" + "x" * (n % 7) for n in range(count)]   # several widths: the general path
    values[5] = None
    tokens = pseudonymise(pa.array(values), text_key.encode(), "generic")
    assert len(tokens) == count and tokens[5].as_py() is None
    cut = int(count * _hmac._HELPER_SHARE)              # where the helper's part ends
    picks = [0, 1, cut - 1, cut, cut + 1, count // 2, count - 1, *random.Random(6).sample(range(6, count), 40)]
    for n in picks:
        assert tokens[n].as_py() == hmac.new(text_key.encode(), values[n].encode(), hashlib.sha256).hexdigest()
    for n in (0, cut, count - 1):
        run = subprocess.run(["openssl", "dgst", "-sha256", "-hmac", text_key], input=values[n].encode(),
                             capture_output=True, check=True)
        assert run.stdout.decode().split()[-1] == tokens[n].as_py()


def test_helper_process_digests_packed_values_of_one_or_many_widths():
    from array import array

    from curator.protect._hmac_core import digests, digests_of_packed

    key = bytes(range(40))
    for values in ([b"2530720730044", b"1850399123456"], [b"a", b"", b"bcd\x00", b"\xe9t\xe9"], []):
        bounds = array("q", [100])                    # a slice of a bigger buffer starts past 0
        for value in values:
            bounds.append(bounds[-1] + len(value))
        packed = digests_of_packed(key, b"".join(values), bounds.tobytes(), "q")
        assert packed == digests(key, values)
        assert packed == b"".join(hmac.new(key, v, hashlib.sha256).digest() for v in values)


def test_a_frozen_app_without_freeze_support_hashes_in_one_process(tmp_path):
    """A frozen executable whose entry point did not call freeze_support must not spawn itself
    (it would open a second window): the tokens come from this process alone, and are the same."""
    script = tmp_path / "frozen.py"
    script.write_text(
        "import hashlib, hmac, multiprocessing, sys\n"
        "sys.frozen = True\n"
        "sys.modules['curator.protect._hmac_native'] = None   # the Python loop, which would use a helper\n"
        "import pyarrow as pa\n"
        "from curator.protect import _pool\n"
        "from curator.protect.pseudonym import pseudonymise\n"
        "values = [f'{n:013d}' for n in range(_pool.PARALLEL_ABOVE + 10)]\n"
        "tokens = pseudonymise(pa.array(values), b'k' * 32, 'nir')\n"
        "assert not multiprocessing.active_children() and _pool._executor is None\n"
        "for n in (0, len(values) // 2, len(values) - 1):\n"
        "    assert tokens[n].as_py() == hmac.new(b'k' * 32, values[n].encode(), hashlib.sha256).hexdigest()\n"
        "print('serial ok')\n")
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(repo)})
    assert done.returncode == 0 and "serial ok" in done.stdout, done.stderr


def test_mostly_distinct_and_repetitive_columns_give_the_same_tokens():
    """A column whose values mostly differ is hashed row by row, others once per distinct value:
    either way each row gets the HMAC of its own normalised value, repeats and blanks included."""
    secret = new_secret()
    distinct = [f" P{n:06d}" for n in range(300)] + ["P000007", None, "  ", " P000003"]
    repetitive = [f"P{n % 4:06d} " for n in range(300)] + ["P000007", None, "  ", " P000003"]
    for values in (distinct, repetitive):
        tokens = pseudonymise(pa.array(values), secret).to_pylist()
        expected = [hmac.new(secret, v.strip().encode(), hashlib.sha256).hexdigest() if v and v.strip() else None
                    for v in values]
        assert tokens == expected
    assert pseudonymise(pa.array(distinct), secret)[3] == pseudonymise(pa.array(repetitive), secret)[3]


@pytest.mark.parametrize("kind", ["generic", "nir", "name"])
def test_tokens_kept_in_a_cache_are_those_of_the_plain_path_batch_after_batch(kind, monkeypatch):
    """With a TokenCache shared by the batches (and tables) of one apply, every row's token is the
    plain path's, whether its value was held, hashed and held, or hashed once the budget was spent:
    mostly distinct and repetitive batches, blanks and nulls, two secrets, a value too long to hold.
    (The cache serves the Python loop only: the compiled accelerator hashes as fast as it finds.)"""
    from curator.protect import _hmac_core
    from curator.protect.pseudonym import TokenCache

    monkeypatch.setattr(_hmac_core, "native", None)

    secrets = [new_secret(), new_secret()]
    cache = TokenCache(budget=3_000)        # a few dozen values: the later ones are hashed each time
    values = [*(f"Pé-{n:05d} " for n in range(400)), *NIRS, "  ", "x" * 80, "ÉLODIE d'Arc", "elodie d arc"]
    random = __import__("random").Random(kind)
    for batch in range(6):
        rows = [random.choice(values) if random.random() > 0.05 else None for _ in range(300)]
        if batch % 2:
            rows = [values[(batch * 37 + n) % len(values)] for n in range(300)]     # mostly distinct
        secret = secrets[batch % 2]
        view = cache.for_columns({"id"})
        assert pseudonymise(pa.array(rows), secret, kind, cache=view).to_pylist() == \
            pseudonymise(pa.array(rows), secret, kind).to_pylist()
    held = sum(h.size for h in cache._held.values())
    assert 0 < held <= 3_000 and len(cache._held) in (1, 2)     # one set per secret and kind
    assert min(cache._found.values()) < 1 / 3       # then found too seldom: hashed without looking
    cache.clear()
    assert not cache._held


def test_with_the_accelerator_a_token_cache_holds_nothing(monkeypatch):
    from curator.protect import _hmac_core
    from curator.protect.pseudonym import TokenCache

    if _hmac_core.native is None:
        pytest.skip("the accelerator is not built here")
    cache, secret = TokenCache().for_columns({"id"}), new_secret()
    rows = pa.array([f"P{n % 50:05d}" for n in range(300)])
    for _ in range(2):
        assert pseudonymise(rows, secret, "generic", cache=cache) == pseudonymise(rows, secret, "generic")
    assert not cache._held
