"""Hostile packages and arguments on the hub's side: bounded work, clean refusals, nothing echoed raw.

Each package here is made from a real one (curator's writer, the stock tools' keys); those whose
manifest changes are signed again with the producer's real key, so that what is tested is reached
after the signature check, as an attacker holding a stolen producer key would reach it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from pathlib import Path

import minisign
import pyrage
import pytest

from curator.cli import main as cli_main
from curator.errors import InputError, VerificationError
from curator.package import manifest as mf
from curator.package.build import trusted_comment, write_package
from curator.package.keys import load_identity, load_signer, load_signing_key
from curator.package.tarstream import BLOCK, TarWriter, read_entries
from curator.package.unpack import open_package
from curator.package.verify import verify_package
from curator.recipe.model import Recipe
from curator.redact import secret_kind

from .conftest import Payload, StockKeys
from .test_attacks import entries_of, retar


def _producer(stock_keys: StockKeys) -> minisign.SecretKey:
    return load_signing_key(stock_keys.producer_key, None)


def _resigned(entries: list[tuple[str, bytes]], manifest_bytes: bytes, key: minisign.SecretKey,
              comment: str) -> list[tuple[str, bytes]]:
    signature = key.sign(manifest_bytes, prehash=True, trusted_comment=comment,
                         untrusted_comment=mf.SIGNATURE_UNTRUSTED_COMMENT)
    return [(mf.MANIFEST_NAME, manifest_bytes), (mf.SIGNATURE_NAME, bytes(signature) + b"\n"), *entries[2:]]


def _verify(package: Path, stock_keys: StockKeys) -> list[str]:
    result = verify_package(package, load_signer(stock_keys.producer_pub))
    assert not result.ok
    return result.problems


# --- bounded work ----------------------------------------------------------------------------------

def _many_entries(package: Path, out: Path, count: int) -> Path:
    entries = entries_of(package)
    with open(out, "wb") as handle:
        writer = TarWriter(handle, 1_700_000_000)
        for name, data in entries:
            writer.add_bytes(name, data)
        for number in range(count):
            writer.add_bytes(f"x{number:05d}", b"")
        writer.close()
    return out


def test_a_package_of_tens_of_thousands_of_entries_is_refused_at_once(package: Path, stock_keys: StockKeys,
                                                                     tmp_path: Path) -> None:
    timings = {}
    for count in (10_000, 40_000):
        forged = _many_entries(package, tmp_path / f"many-{count}.tar", count)
        runs = []
        for _ in range(3):   # the least CPU time of three: the machine is shared, a wall time is noise
            start = time.process_time()
            problems = _verify(forged, stock_keys)
            runs.append(time.process_time() - start)
            assert len(problems) == 1 and f"more than {mf.MAX_ENTRIES} entries" in problems[0], problems
        timings[count] = min(runs)
    # Linear work would take four times as long for four times the entries, quadratic sixteen; the
    # bound makes it the same.
    assert timings[40_000] < 2 * timings[10_000] + 0.1, timings


def test_a_problem_names_a_few_entries_and_counts_the_rest(package: Path, stock_keys: StockKeys,
                                                           tmp_path: Path) -> None:
    extra = mf.MAX_ENTRIES - len(entries_of(package))
    forged = _many_entries(package, tmp_path / "extra.tar", extra)
    problems = _verify(forged, stock_keys)
    text = "\n".join(problems)
    assert f"x00000, x00001, x00002, x00003, x00004 and {extra - 5:,} more" in text, text
    assert "x00010" not in text


# --- tar numbers -----------------------------------------------------------------------------------

def _base256(value: int, width: int) -> bytes:
    """GNU tar's base-256 number: the high bit of the first byte set, the rest big-endian two's complement."""
    raw = (value % (1 << (8 * width))).to_bytes(width, "big")
    return bytes([raw[0] | 0x80]) + raw[1:]


def _with_number(header: bytes, start: int, field: bytes) -> bytes:
    block = bytearray(header)
    block[start:start + len(field)] = field
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


@pytest.mark.parametrize("what, start, field", [
    ("time", 136, _base256(-1, 12)),
    ("time", 136, _base256(1 << 40, 12)),
    ("size", 124, _base256(1 << 36, 12)),
])
def test_base_256_tar_numbers_are_refused_with_a_message(copy: Path, stock_keys: StockKeys, tmp_path: Path,
                                                         what: str, start: int, field: bytes) -> None:
    data = bytearray(copy.read_bytes())
    data[:BLOCK] = _with_number(bytes(data[:BLOCK]), start, field)
    copy.write_bytes(bytes(data))
    problems = _verify(copy, stock_keys)
    assert f"gives its {what} in GNU base-256 form" in problems[0], problems
    with pytest.raises(VerificationError, match="base-256"):
        open_package(copy, load_identity(stock_keys.hub_key), stock_keys.producer_pub, tmp_path / "out")


# --- JSON limits -----------------------------------------------------------------------------------

def test_deeply_nested_signed_manifest_is_refused_cleanly(copy: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    entries = entries_of(copy)
    manifest = json.loads(entries[0][1])
    deep = b"[" * 200_000 + b"]" * 200_000
    forged = retar(tmp_path / "deep.tar", _resigned(entries, deep, _producer(stock_keys), trusted_comment(manifest)))
    problems = _verify(forged, stock_keys)
    assert "nests 200000 levels deep" in problems[0], problems


def test_deeply_nested_signed_digest_list_is_refused_cleanly(copy: Path, stock_keys: StockKeys,
                                                            tmp_path: Path) -> None:
    entries = entries_of(copy)
    manifest = json.loads(entries[0][1])
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    digests = pyrage.encrypt(deep, [pyrage.x25519.Recipient.from_str(stock_keys.hub_recipient)])
    manifest["digests"]["encrypted"] = {"size": len(digests), "sha256": hashlib.sha256(digests).hexdigest()}
    manifest_bytes = mf.canonical_json(manifest)
    signed = _resigned(entries, manifest_bytes, _producer(stock_keys), trusted_comment(manifest))
    forged = retar(tmp_path / "deep.tar", [*signed[:2], (entries[2][0], digests), *signed[3:]])
    assert verify_package(forged, load_signer(stock_keys.producer_pub)).ok   # only the hub can see inside
    with pytest.raises(VerificationError, match="digests.json nests 100000 levels deep"):
        open_package(forged, load_identity(stock_keys.hub_key), stock_keys.producer_pub, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- names -----------------------------------------------------------------------------------------

def test_control_characters_in_entry_names_are_escaped(copy: Path, stock_keys: StockKeys, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "x\x1b[2K\rVALID: all good\n\u202egpj.exe"
    forged = retar(tmp_path / "names.tar", [*entries_of(copy), (hostile, b"")])
    assert cli_main(["verify", str(forged), "--signer", str(stock_keys.producer_pub)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "x\\x1b[2K\\x0dVALID: all good\\x0a\\u202egpj.exe" in out, out
    assert not any(line.startswith("VALID") for line in out.splitlines())


@pytest.mark.parametrize("name, why", [
    ("data.parquet\n", "not a usable member name"),
    ("report.", "not a usable member name"),
    ("CON", "device name on Windows"),
    ("nul.parquet", "device name on Windows"),
    ("Lpt1.csv", "device name on Windows"),
    ("com9.tar.gz", "device name on Windows"),
    ("Manifest.JSON", "reserved for the package's own files"),
    ("data.AGE", "not a usable member name"),
])
def test_unusable_member_names_are_refused_at_build(name: str, why: str, stock_keys: StockKeys, payload: Payload,
                                                    tmp_path: Path) -> None:
    with pytest.raises(InputError, match=why):
        write_package(tmp_path / "p.tar", [(name, payload.members[1][1])], payload.fields,
                      [stock_keys.hub_recipient], _producer(stock_keys))
    assert mf.check_member_name(name)
    assert not (tmp_path / "p.tar").exists()


def test_names_differing_only_in_case_are_refused_at_build(stock_keys: StockKeys, payload: Payload,
                                                          tmp_path: Path) -> None:
    path = payload.members[1][1]
    with pytest.raises(InputError, match="'Report.html' and 'report.html' is given twice"):
        write_package(tmp_path / "p.tar", [("Report.html", path), ("report.html", path)], payload.fields,
                      [stock_keys.hub_recipient], _producer(stock_keys))
    name = "report.html"
    with pytest.raises(InputError, match="'report.html' is given twice"):   # the very same string, twice
        write_package(tmp_path / "p.tar", [(name, path), (name, path)], payload.fields,
                      [stock_keys.hub_recipient], _producer(stock_keys))


@pytest.mark.parametrize("rename, why", [
    (lambda names: [names[0], names[0].upper()], "listed twice (letter case aside)"),
    (lambda names: ["AUX.html", *names[1:]], "device name on Windows"),
    (lambda names: [names[0] + "\n", *names[1:]], "not a usable member name"),
    (lambda names: [names[0] + ".", *names[1:]], "not a usable member name"),
])
def test_signed_manifest_with_unusable_member_names_is_refused(rename, why: str, copy: Path, stock_keys: StockKeys,
                                                               tmp_path: Path) -> None:
    entries = entries_of(copy)
    manifest = json.loads(entries[0][1])
    names = rename([member["name"] for member in manifest["members"]])
    for member, name in zip(manifest["members"], names, strict=False):
        member["name"], member["file"] = name, name + ".age"
    renamed = {old: new + ".age" for old, new in zip([e[0] for e in entries[3:]], names, strict=False)}
    body = [(renamed.get(name, name), data) for name, data in entries[2:]]
    forged = retar(tmp_path / "renamed.tar", _resigned([*entries[:2], *body], mf.canonical_json(manifest),
                                                       _producer(stock_keys), trusted_comment(manifest)))
    problems = _verify(forged, stock_keys)
    assert any(why in p for p in problems), problems


# --- the signature's trusted comment ---------------------------------------------------------------

@pytest.mark.parametrize("field, value", [("created", "2020-01-01T00:00:00Z"), ("file", "other.json")])
def test_trusted_comment_is_compared_field_by_field(field: str, value: str, copy: Path, stock_keys: StockKeys,
                                                    tmp_path: Path) -> None:
    entries = entries_of(copy)
    manifest = json.loads(entries[0][1])
    said = {"submission": manifest["submission_id"], "created": manifest["created"], "file": mf.MANIFEST_NAME}
    said[field] = value
    comment = f"curator submission:{said['submission']} created:{said['created']} file:{said['file']}"
    forged = retar(tmp_path / "comment.tar", _resigned(entries, entries[0][1], _producer(stock_keys), comment))
    problems = _verify(forged, stock_keys)
    assert f"trusted comment gives {field} '{value}'" in problems[0], problems


# --- replay: which submission is this --------------------------------------------------------------

def test_verify_prints_the_submission_id_and_creation_time(package: Path, copy: Path, stock_keys: StockKeys,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    manifest = json.loads(entries_of(package)[0][1])
    assert cli_main(["verify", str(package), "--signer", str(stock_keys.producer_pub)]) == 0
    out = capsys.readouterr().out
    assert f"submission: {manifest['submission_id']}" in out and f"created: {manifest['created']}" in out
    # ...and in JSON, even when the package is damaged after the signature
    with open(copy, "rb") as handle:
        last = list(read_entries(handle, copy.stat().st_size))[-1]
    data = bytearray(copy.read_bytes())
    data[last.data_offset + last.size // 2] ^= 1
    copy.write_bytes(bytes(data))
    assert cli_main(["verify", str(copy), "--signer", str(stock_keys.producer_pub), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (result["submission_id"], result["created"]) == (manifest["submission_id"], manifest["created"])


# --- secrets are never echoed ----------------------------------------------------------------------

def _secrets(stock_keys: StockKeys) -> dict[str, str]:
    age_secret = next(line for line in stock_keys.hub_key.read_text().splitlines() if line.startswith("AGE-SECRET"))
    minisign_text = stock_keys.producer_key.read_text()
    minisign_b64 = minisign_text.splitlines()[1]
    protected = minisign.KeyPair.generate().secret_key
    protected.encrypt("x", opslimit=1 << 15, memlimit=1 << 24)
    # Taken for a file name, a key is shown as that path, where '//' becomes '/': one in twenty keys has one.
    slashes = base64.b64encode(b"Ed" + b"\xff" * 156).decode()
    assert "//" in slashes and secret_kind(slashes)
    return {"age": age_secret, "minisign": minisign_b64, "minisign-file": minisign_text,
            "minisign-protected": bytes(protected).decode(), "minisign-slashes": slashes}


@pytest.mark.parametrize("kind", ["age", "minisign", "minisign-file", "minisign-protected", "minisign-slashes"])
@pytest.mark.parametrize("option", ["--recipient", "--signer", "--identity", "--signing-key", "stray"])
def test_a_secret_given_as_an_argument_is_named_never_echoed(kind: str, option: str, package: Path,
                                                              stock_keys: StockKeys, payload: Payload, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    secret = _secrets(stock_keys)[kind]
    if option in ("--recipient", "--signing-key"):
        recipe = tmp_path / "r.json"
        Recipe().save(recipe)
        args = ["apply", str(payload.members[0][1]), "--recipe", str(recipe), "-o", str(tmp_path / "o.tar"),
                "--recipient", stock_keys.hub_recipient, "--signing-key", str(stock_keys.producer_key)]
        args[args.index(option) + 1] = secret
    elif option == "--signer":
        args = ["verify", str(package), "--signer", secret]
    elif option == "--identity":
        args = ["open", str(package), "--signer", str(stock_keys.producer_pub), "--identity", secret,
                "-o", str(tmp_path / "out")]
    else:
        args = ["verify", str(package), secret, "--signer", str(stock_keys.producer_pub)]
    try:
        code = cli_main(args)
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert code == 2, shown
    for line in secret.splitlines():
        if len(line) > 20:
            assert line.strip() not in shown, shown
            assert os.path.normpath(line.strip()) not in shown, shown
    assert any(f"{before}{what}" in shown for before in ("is ", "[") for what in ("a private age key", "a minisign secret")), shown
    if option == "--recipient" and kind == "age":
        assert ("this is a private age key (an identity), not a recipient's public key; give the hub's age1... "
                "public key") in shown, shown


@pytest.mark.parametrize("args", [
    ["keys", "new-secret", "-o", "{tmp}/s.age", "--import", "{hex}", "--passphrase-file", "{tmp}/pass.txt"],
    ["keys", "new-secret", "-o", "{tmp}/s.age", "--import", "{b64}", "--passphrase-file", "{tmp}/pass.txt"],
    ["keys", "new-secret", "-o", "{tmp}/s.age", "--passphrase-file", "correct horse battery staple"],
    ["keys", "new-signing", "-o", "{tmp}/producer", "--passphrase-file=correct horse battery staple"],
])
def test_a_secret_or_passphrase_typed_where_its_file_goes_is_not_echoed(
        args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import base64
    import secrets

    raw = secrets.token_bytes(32)
    values = {"tmp": str(tmp_path), "hex": raw.hex(), "b64": base64.b64encode(raw).decode()}
    (tmp_path / "pass.txt").write_text("une phrase de passe\n", encoding="utf-8")
    argv = [a.format(**values) for a in args]
    code = cli_main(argv)
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert code == 2, shown
    for secret in (values["hex"], values["b64"], "correct horse battery staple"):
        assert secret not in shown, shown
    assert "not shown" in shown or "32-byte secret" in shown, shown
