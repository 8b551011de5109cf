"""The hub can open a package with the stock tools alone: tar, minisign, age, openssl, and read it with pyarrow."""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from curator.cli import main as cli_main
from curator.errors import InputError
from curator.package.build import write_package
from curator.package.keys import (
    load_recipients,
    load_signer,
    load_signing_key,
    new_recipient_key,
    new_signing_key,
)
from curator.package.tarstream import TarWriter, read_entries
from curator.package.verify import verify_package

from .conftest import TOOLS, CuratorKeys, Payload, StockKeys, run, run_on_terminal

pytestmark = pytest.mark.interop(*TOOLS)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_stock_tools_open_the_package(package: Path, stock_keys: StockKeys, payload: Payload, tmp_path: Path) -> None:
    result = run("tar", "-xf", package, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["manifest.json", "manifest.json.minisig", "digests.json.age", "data.parquet.age",
                            "report.html.age", "validation.json.age"])
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))

    result = run("minisign", "-Vm", "manifest.json", "-p", stock_keys.producer_pub, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"submission:{manifest['submission_id']}" in result.stdout.decode()

    result = run("age", "-d", "-i", stock_keys.hub_key, "-o", "digests.json", "digests.json.age", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    digests = {d["name"]: d for d in json.loads((tmp_path / "digests.json").read_text())["members"]}
    for member in manifest["members"]:
        encrypted = tmp_path / member["file"]
        assert encrypted.stat().st_size == member["encrypted"]["size"]
        assert sha256(encrypted) == member["encrypted"]["sha256"]
        result = run("age", "-d", "-i", stock_keys.hub_key, "-o", member["name"], member["file"], cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        plain = tmp_path / member["name"]
        assert plain.stat().st_size == member["size"] == digests[member["name"]]["size"]
        assert sha256(plain) == digests[member["name"]]["sha256"]
        original = dict(payload.members)[member["name"]]
        assert plain.read_bytes() == original.read_bytes()

    table = pq.read_table(tmp_path / "data.parquet")
    assert table.num_rows == manifest["rows"] and table.num_columns == manifest["columns"]
    assert [{"name": f.name, "type": str(f.type)} for f in table.schema] == manifest["schema"]
    assert table.equals(payload.table)


def test_the_tar_is_plain_ustar_with_the_documented_order(package: Path) -> None:
    with tarfile.open(package, "r:") as archive:
        members = archive.getmembers()
    assert [m.name for m in members][:3] == ["manifest.json", "manifest.json.minisig", "digests.json.age"]
    assert all(m.isreg() and m.mode == 0o644 and m.uid == 0 for m in members)
    assert package.read_bytes()[:2] != b"\x1f\x8b"  # not compressed


def test_curator_made_keys_work_with_the_stock_tools(tmp_path: Path) -> None:
    new_signing_key(tmp_path / "signer", "correct horse")
    new_signing_key(tmp_path / "plain-signer", None)
    new_recipient_key(tmp_path / "hub", None)
    message = tmp_path / "message.txt"
    message.write_text("données du registre\n", encoding="utf-8")

    # minisign signs with curator's passphrase-protected key (passphrase on stdin) and checks with its .pub
    result = run("minisign", "-S", "-s", tmp_path / "signer.key", "-m", message, stdin=b"correct horse\n")
    assert result.returncode == 0, result.stderr
    result = run("minisign", "-Vm", message, "-p", tmp_path / "signer.pub")
    assert result.returncode == 0, result.stderr
    result = run("minisign", "-S", "-W", "-s", tmp_path / "plain-signer.key", "-m", message,
                 "-x", tmp_path / "plain.minisig")
    assert result.returncode == 0, result.stderr
    assert run("minisign", "-V", "-m", message, "-x", tmp_path / "plain.minisig", "-p",
               tmp_path / "plain-signer.pub").returncode == 0

    # age encrypts to curator's .pub and decrypts with curator's identity file, as age-keygen would write it
    result = run("age", "-e", "-R", tmp_path / "hub.pub", "-o", tmp_path / "m.age", message)
    assert result.returncode == 0, result.stderr
    result = run("age", "-d", "-i", tmp_path / "hub.key", tmp_path / "m.age")
    assert result.returncode == 0, result.stderr
    assert result.stdout == message.read_bytes()
    key_text = (tmp_path / "hub.key").read_text()
    assert key_text.startswith("# created: ") and "# public key: age1" in key_text
    if os.name == "posix":  # the secret key is readable by its owner alone
        assert (tmp_path / "hub.key").stat().st_mode & 0o077 == 0


@pytest.mark.slow
def test_stock_password_protected_minisign_key_is_accepted(tmp_path: Path) -> None:
    result = run("minisign", "-G", "-s", tmp_path / "p.key", "-p", tmp_path / "p.pub", stdin=b"s3cret\ns3cret\n")
    assert result.returncode == 0, result.stderr
    with pytest.raises(InputError, match="protected by a passphrase"):
        load_signing_key(tmp_path / "p.key", None)
    # stock minisign protects keys with scrypt at 1 GiB: one decryption is all this test can afford
    key = load_signing_key(tmp_path / "p.key", "s3cret")
    message = tmp_path / "m.txt"
    message.write_bytes(b"abc")
    (tmp_path / "m.txt.minisig").write_bytes(bytes(key.sign(b"abc", prehash=True, trusted_comment="t")) + b"\n")
    assert run("minisign", "-Vm", message, "-p", tmp_path / "p.pub").returncode == 0


def test_package_with_curator_keys_under_passphrases(tmp_path: Path, payload: Payload,
                                                     curator_keys: CuratorKeys) -> None:
    assert curator_keys.hub_key.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert b"minisign encrypted secret key" in curator_keys.producer_key.read_bytes()
    out = tmp_path / "p.tar"
    manifest = write_package(out, payload.members[:1], payload.fields, load_recipients([curator_keys.hub_pub]),
                             load_signing_key(curator_keys.producer_key, curator_keys.passphrase))
    # through the command line, the passphrase read from --passphrase-file
    passphrase_file = tmp_path / "passphrase.txt"
    passphrase_file.write_text(curator_keys.passphrase + "\n", encoding="utf-8")
    assert cli_main(["open", str(out), "--identity", str(curator_keys.hub_key), "--signer",
                     str(curator_keys.producer_pub), "-o", str(tmp_path / "opened"),
                     "--passphrase-file", str(passphrase_file)]) == 0
    assert sorted(p.name for p in (tmp_path / "opened").iterdir()) == ["data.parquet", "manifest.json",
                                                                       "manifest.json.minisig"]
    assert pq.read_table(tmp_path / "opened" / "data.parquet").num_rows == manifest["rows"]


@pytest.mark.parametrize("algorithm", ["rsa:2048", "ec"])
def test_cms_signature_verifies_with_openssl(algorithm: str, tmp_path: Path, stock_keys: StockKeys,
                                             payload: Payload) -> None:
    extra = ["-pkeyopt", "ec_paramgen_curve:P-256"] if algorithm == "ec" else []
    result = run("openssl", "req", "-x509", "-newkey", algorithm, *extra, "-nodes", "-keyout", tmp_path / "k.pem",
                 "-out", tmp_path / "cert.pem", "-subj", "/CN=Registre test/O=CHU de test", "-days", "2")
    assert result.returncode == 0, result.stderr
    result = run("openssl", "pkcs12", "-export", "-inkey", tmp_path / "k.pem", "-in", tmp_path / "cert.pem",
                 "-out", tmp_path / "org.p12", "-passout", "pass:p12 pass")
    assert result.returncode == 0, result.stderr

    out = tmp_path / "signed.tar"
    manifest = write_package(out, payload.members[1:], payload.fields, [stock_keys.hub_recipient],
                             load_signing_key(stock_keys.producer_key, None), cms=(tmp_path / "org.p12", "p12 pass"))
    assert manifest["cms"]["subject"] == "O=CHU de test,CN=Registre test"
    verdict = verify_package(out, load_signer(stock_keys.producer_pub))
    assert verdict.ok, verdict.problems
    assert any("CMS signature by O=CHU de test" in check for check in verdict.checks)

    extracted = tmp_path / "x"
    extracted.mkdir()
    assert run("tar", "-xf", out, cwd=extracted).returncode == 0
    result = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.json.p7s",
                 "-content", "manifest.json", "-CAfile", tmp_path / "cert.pem", "-out", "/dev/null", cwd=extracted)
    assert result.returncode == 0, result.stderr
    # openssl notices a changed manifest too
    signed_manifest = (extracted / "manifest.json").read_bytes()
    changed = signed_manifest.replace(b"2020", b"2021")
    assert changed != signed_manifest
    (extracted / "manifest.json").write_bytes(changed)
    result = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.json.p7s",
                 "-content", "manifest.json", "-CAfile", tmp_path / "cert.pem", "-out", "/dev/null", cwd=extracted)
    assert result.returncode != 0

    # every byte of the .p7s is covered, and it cannot be dropped
    signer = load_signer(stock_keys.producer_pub)
    with open(out, "rb") as handle:
        p7s = next(e for e in read_entries(handle, out.stat().st_size) if e.name == "manifest.json.p7s")
    undetected = []
    with open(out, "r+b") as handle:
        for position in range(p7s.data_offset, p7s.data_offset + p7s.size):
            handle.seek(position)
            original = handle.read(1)
            handle.seek(position)
            handle.write(bytes([original[0] ^ 0x41]))
            handle.flush()
            if verify_package(out, signer).ok:
                undetected.append(position)
            handle.seek(position)
            handle.write(original)
            handle.flush()
    assert undetected == [] and verify_package(out, signer).ok
    kept = [(e, (extracted / e).read_bytes()) for e in ("manifest.json", "manifest.json.minisig", "digests.json.age",
                                                        "report.html.age", "validation.json.age")]
    # The signed manifest as it was: undoing the edit by a reverse replace would also change any
    # "2021" that was already there (in a random digest, say) and make this test fail now and then.
    kept[0] = ("manifest.json", signed_manifest)
    dropped = tmp_path / "dropped.tar"
    with open(dropped, "wb") as handle:
        writer = TarWriter(handle, 0)
        for name, data in kept:
            writer.add_bytes(name, data)
        writer.close()
    problems = verify_package(dropped, signer).problems
    assert problems == ["listed in the manifest but missing from the package: manifest.json.p7s"]

    with pytest.raises(InputError, match="wrong password"):
        write_package(tmp_path / "x.tar", payload.members[1:], payload.fields, [stock_keys.hub_recipient],
                      load_signing_key(stock_keys.producer_key, None), cms=(tmp_path / "org.p12", "nope"))
    assert not (tmp_path / "x.tar").exists() and not (tmp_path / "x.tar.part").exists()


def test_stock_age_opens_curator_passphrase_protected_identity(curator_keys: CuratorKeys, tmp_path: Path) -> None:
    """`age -d -i hub.key` asks for the passphrase on a terminal: give it one (a pseudo-terminal)."""
    hub_pub = curator_keys.hub_pub.read_text().strip()
    assert run("age", "-e", "-r", hub_pub, "-o", tmp_path / "m.age", stdin=b"bonjour").returncode == 0
    code, seen, answered = run_on_terminal(["age", "-d", "-i", str(curator_keys.hub_key), "-o",
                                            str(tmp_path / "m.txt"), str(tmp_path / "m.age")], curator_keys.passphrase)
    assert answered == 1 and code == 0, seen
    assert (tmp_path / "m.txt").read_bytes() == b"bonjour"


def test_a_member_encrypted_beforehand_on_a_thread_opens_like_the_others(stock_keys: StockKeys, payload: Payload,
                                                                         tmp_path: Path) -> None:
    """A streamed apply encrypts its data file while the reports are written: the package is the same to the hub."""
    from curator.package.agestream import BackgroundEncryption

    recipients = load_recipients([stock_keys.hub_recipient])
    data = dict(payload.members)["data.parquet"]
    early = BackgroundEncryption("data.parquet", data, tmp_path / "early.age", recipients)
    members = [early, *[m for m in payload.members if m[0] != "data.parquet"]]
    out = tmp_path / "submission.tar"
    manifest = write_package(out, members, payload.fields, recipients, load_signing_key(stock_keys.producer_key, None))
    assert [m["name"] for m in manifest["members"]] == ["data.parquet", "report.html", "validation.json"]
    assert verify_package(out, signer=load_signer(stock_keys.producer_pub)).ok
    folder = tmp_path / "opened"
    folder.mkdir()
    assert run("tar", "-xf", out, cwd=folder).returncode == 0
    result = run("age", "-d", "-i", stock_keys.hub_key, "-o", "data.parquet", "data.parquet.age", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "data.parquet").read_bytes() == data.read_bytes()

    elsewhere = BackgroundEncryption("data.parquet", data, tmp_path / "other.age",
                                     load_recipients([stock_keys.other_hub_recipient]))
    with pytest.raises(ValueError, match="other recipients"):
        write_package(tmp_path / "refused.tar", [elsewhere], payload.fields, recipients,
                      load_signing_key(stock_keys.producer_key, None))
    assert not (tmp_path / "refused.tar").exists()
