"""Every tampering is rejected with a precise message, and `open` then leaves nothing behind."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pyrage
import pytest

from curator.cli import main as cli_main
from curator.errors import InputError, VerificationError
from curator.package import manifest as mf
from curator.package.build import sign_manifest, write_package
from curator.package.keys import load_identity, load_signer, load_signing_key
from curator.package.tarstream import TarWriter, read_entries
from curator.package.unpack import open_package
from curator.package.verify import verify_package
from curator.progress import Cancelled

from .conftest import CuratorKeys, Payload, StockKeys

AGE_CHUNK = 64 * 1024 + 16


def entries_of(path: Path) -> list[tuple[str, bytes]]:
    """(name, data) of every archive entry, read with curator's strict reader."""
    with open(path, "rb") as handle:
        found = list(read_entries(handle, path.stat().st_size))
        result = []
        for entry in found:
            handle.seek(entry.data_offset)
            result.append((entry.name, handle.read(entry.size)))
    return result


def retar(out: Path, entries: list[tuple[str, bytes]], mtime: int = 1_700_000_000) -> Path:
    """A tar laid out exactly as curator writes one, holding whatever entries an attacker chose."""
    with open(out, "wb") as handle:
        writer = TarWriter(handle, mtime)
        for name, data in entries:
            writer.add_bytes(name, data)
        writer.close()
    return out


def assert_rejected(package: Path, stock_keys: StockKeys, *expected: str) -> list[str]:
    result = verify_package(package, load_signer(stock_keys.producer_pub))
    assert not result.ok
    text = "\n".join(result.problems)
    for fragment in expected:
        assert fragment in text, text
    return result.problems


def assert_open_leaves_nothing(package: Path, stock_keys: StockKeys, workdir: Path, *expected: str) -> None:
    out = workdir / "opened"
    before = sorted(os.listdir(workdir))
    with pytest.raises(VerificationError) as error:
        open_package(package, load_identity(stock_keys.hub_key), stock_keys.producer_pub, out)
    assert error.value.exit_code == 1
    for fragment in expected:
        assert fragment in str(error.value), str(error.value)
    assert not out.exists()
    assert sorted(os.listdir(workdir)) == before  # no staging folder or plaintext left behind


def test_the_untouched_package_verifies_and_opens(package: Path, stock_keys: StockKeys, tmp_path: Path,
                                                  payload: Payload) -> None:
    result = verify_package(package, load_signer(stock_keys.producer_pub))
    assert result.ok and not result.problems
    written = open_package(package, load_identity(stock_keys.hub_key), stock_keys.producer_pub, tmp_path / "out")
    names = [p.name for p in written]
    assert names == ["data.parquet", "report.html", "validation.json", "manifest.json", "manifest.json.minisig"]
    for name, original in payload.members:
        assert (tmp_path / "out" / name).read_bytes() == original.read_bytes()


def _header_positions(package: Path) -> list[int]:
    """Every byte of every tar header, age header and of the signature; a fifth of the manifest's; the end."""
    positions: list[int] = []
    size = package.stat().st_size
    with open(package, "rb") as handle:
        entries = list(read_entries(handle, size))
        for entry in entries:
            positions.extend(range(entry.header_offset, entry.data_offset))
            handle.seek(entry.data_offset)
            head = handle.read(min(entry.size, 4096))
            if entry.name.endswith(".age"):
                header_end = head.index(b"\n---") + len("\n--- ") + 43 + 1 + 16  # MAC line and payload nonce
                positions.extend(range(entry.data_offset, entry.data_offset + header_end))
            elif entry.name == mf.SIGNATURE_NAME:
                positions.extend(range(entry.data_offset, entry.data_offset + entry.size))
            else:  # the manifest: every signed byte counts the same, so every fifth is enough
                positions.extend(range(entry.data_offset, entry.data_offset + entry.size, 5))
        last = entries[-1]
        end = last.data_offset + last.size
        positions.extend(range(end, min(size, end + 1024)))
        positions.append(size - 1)
    return positions


@pytest.mark.slow
def test_every_header_byte_and_hundreds_of_random_bytes(copy: Path, stock_keys: StockKeys) -> None:
    signer = load_signer(stock_keys.producer_pub)
    rng = random.Random(7)
    size = copy.stat().st_size
    positions = sorted(set(_header_positions(copy)) | {rng.randrange(size) for _ in range(400)})
    assert len(positions) > 3000
    undetected = []
    with open(copy, "r+b") as handle:
        for position in positions:
            handle.seek(position)
            original = handle.read(1)
            handle.seek(position)
            handle.write(bytes([original[0] ^ rng.randrange(1, 256)]))
            handle.flush()
            result = verify_package(copy, signer)
            if result.ok or not result.problems:
                undetected.append(position)
            handle.seek(position)
            handle.write(original)
            handle.flush()
    assert undetected == []
    assert verify_package(copy, signer).ok  # restored intact


def test_messages_name_what_was_altered(copy: Path, stock_keys: StockKeys) -> None:
    entries = {name: data for name, data in entries_of(copy)}
    with open(copy, "rb") as handle:
        layout = {e.name: e for e in read_entries(handle, copy.stat().st_size)}

    def flip(position: int) -> list[str]:
        data = bytearray(copy.read_bytes())
        data[position] ^= 0x20
        altered = copy.with_name("altered.tar")
        altered.write_bytes(data)
        return verify_package(altered, load_signer(stock_keys.producer_pub)).problems

    assert "tar header of entry 4 (byte " in flip(layout["data.parquet.age"].header_offset + 3)[0]
    problems = flip(layout["data.parquet.age"].data_offset + 100_000)
    assert problems == [problems[0]] and problems[0].startswith("data.parquet.age: its SHA-256")
    assert "signature does not match manifest.json" in flip(layout["manifest.json"].data_offset + 40)[0]
    assert "report.html.age" in flip(layout["report.html.age"].data_offset + 60)[0]
    assert len(entries["manifest.json"]) == layout["manifest.json"].size


def test_open_leaves_nothing_after_random_changes(copy: Path, stock_keys: StockKeys) -> None:
    rng = random.Random(11)
    original = copy.read_bytes()
    for _ in range(25):
        data = bytearray(original)
        position = rng.randrange(len(data))
        data[position] ^= rng.randrange(1, 256)
        copy.write_bytes(data)
        assert_open_leaves_nothing(copy, stock_keys, copy.parent, "failed verification")


def test_truncation_at_every_member_and_chunk_boundary(copy: Path, stock_keys: StockKeys) -> None:
    original = copy.read_bytes()
    with open(copy, "rb") as handle:
        entries = list(read_entries(handle, len(original)))
    cuts = set()
    for entry in entries:
        cuts.update({entry.header_offset, entry.header_offset + 100, entry.data_offset, entry.data_offset + 1,
                     entry.data_offset + entry.size, entry.data_offset + entry.size - 1})
        if entry.name == "data.parquet.age":
            head = original[entry.data_offset:entry.data_offset + 4096]
            payload_start = head.index(b"\n---") + len("\n--- ") + 44 + 16
            for chunk in range(entry.size // AGE_CHUNK + 1):
                cuts.add(entry.data_offset + payload_start + chunk * AGE_CHUNK)
    end = entries[-1].data_offset + entries[-1].size
    cuts.update({end + 512, end + 1024, len(original) - 1})
    assert len(cuts) > 35
    for cut in sorted(cuts):
        copy.write_bytes(original[:cut])
        problems = assert_rejected(copy, stock_keys)
        assert "truncated" in problems[0] or "cut short" in problems[0], (cut, problems)
    copy.write_bytes(original[:entries[3].data_offset + 70_000])
    assert_open_leaves_nothing(copy, stock_keys, copy.parent, "truncated")
    copy.write_bytes(original + b"\0" * 512)
    assert_rejected(copy, stock_keys, "follow the end of the archive")


def test_members_reordered_duplicated_added_removed(copy: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    entries = entries_of(copy)
    head, members = entries[:3], entries[3:]
    forged = tmp_path / "forged.tar"

    retar(forged, head + [members[1], members[0], members[2]])
    assert_rejected(forged, stock_keys, "out of order")
    assert_open_leaves_nothing(forged, stock_keys, tmp_path, "out of order")

    retar(forged, head + members + [members[0]])
    assert_rejected(forged, stock_keys, "data.parquet.age appears 2 times")

    retar(forged, head + members + [("extra.csv.age", b"age-encryption.org/v1\n")])
    assert_rejected(forged, stock_keys, "not listed in the manifest: extra.csv.age")
    assert_open_leaves_nothing(forged, stock_keys, tmp_path, "extra.csv.age")

    retar(forged, head + members[1:])
    assert_rejected(forged, stock_keys, "missing from the package: data.parquet.age")

    retar(forged, [entries[0]] + entries[2:])
    assert_rejected(forged, stock_keys, "should begin with manifest.json and manifest.json.minisig")

    retar(forged, [entries[1], entries[0]] + entries[2:])
    assert_rejected(forged, stock_keys, "should begin with manifest.json")


def test_manifest_signed_by_another_key(copy: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    entries = entries_of(copy)
    manifest_bytes = entries[0][1]
    intruder = load_signing_key(stock_keys.other_producer_key, None)
    manifest = mf.parse_manifest(manifest_bytes)[0]
    assert manifest is not None
    signature = sign_manifest(manifest_bytes, manifest, intruder)
    forged = retar(tmp_path / "forged.tar", [entries[0], (mf.SIGNATURE_NAME, signature)] + entries[2:])
    assert_rejected(forged, stock_keys, "signed by another key")
    assert_open_leaves_nothing(forged, stock_keys, tmp_path, "signed by another key")

    # a whole package honestly made by someone else is refused just the same
    other = tmp_path / "other.tar"
    write_package(other, [("data.parquet", tmp_path / "forged.tar")], {}, [stock_keys.hub_recipient], intruder)
    assert_rejected(other, stock_keys, "signed by another key")


def test_package_addressed_to_another_hub(stock_keys: StockKeys, payload: Payload, tmp_path: Path) -> None:
    package = tmp_path / "for-other.tar"
    write_package(package, payload.members[1:], payload.fields, [stock_keys.other_hub_recipient],
                  load_signing_key(stock_keys.producer_key, None))
    assert verify_package(package, load_signer(stock_keys.producer_pub)).ok  # authentic, just not for us
    assert_open_leaves_nothing(package, stock_keys, tmp_path, "not addressed to your key")


def test_re_encryption_for_another_hub_is_detected(copy: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    """A recipient decrypts a signed package and re-encrypts it for someone else, keeping the signature."""
    entries = entries_of(copy)
    hub = load_identity(stock_keys.hub_key)
    other = pyrage.x25519.Recipient.from_str(stock_keys.other_hub_recipient)
    reencrypted = [(name, pyrage.encrypt(pyrage.decrypt(data, [hub]), [other])) if name.endswith(".age")
                   else (name, data) for name, data in entries]
    forged = retar(tmp_path / "forged.tar", reencrypted)
    problems = assert_rejected(forged, stock_keys, "the signed manifest", "altered or replaced")
    assert len(problems) == 4  # the digest list and the three members
    assert [p.split()[0].rstrip(":") for p in problems] == [name for name, _ in entries[2:]]


def test_manifest_replayed_with_another_submissions_payload(copy: Path, stock_keys: StockKeys, payload: Payload,
                                                          tmp_path: Path) -> None:
    second = tmp_path / "second.tar"
    write_package(second, payload.members, payload.fields, [stock_keys.hub_recipient],
                  load_signing_key(stock_keys.producer_key, None))
    first_entries, second_entries = entries_of(copy), entries_of(second)
    forged = retar(tmp_path / "forged.tar", first_entries[:2] + second_entries[2:])
    problems = assert_rejected(forged, stock_keys, "altered or replaced")
    assert [p.split()[0].rstrip(":") for p in problems] == [name for name, _ in first_entries[2:]]
    assert_open_leaves_nothing(forged, stock_keys, tmp_path, "the signed manifest")


def test_signed_but_undecryptable_member_leaves_nothing(copy: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    """The producer's key signs a member cut at an age chunk boundary: verify cannot see it, open must.

    age releases plaintext before it notices the missing last chunk; nothing of it may reach the folder.
    """
    entries = entries_of(copy)
    manifest = mf.parse_manifest(entries[0][1])[0]
    assert manifest is not None
    data = dict(entries)["data.parquet.age"]
    payload_start = data.index(b"\n---") + len("\n--- ") + 44 + 16
    cut = data[:payload_start + 2 * AGE_CHUNK]
    manifest["members"][0]["encrypted"] = {"size": len(cut), "sha256": hashlib.sha256(cut).hexdigest()}
    manifest_bytes = mf.canonical_json(manifest)
    signature = sign_manifest(manifest_bytes, manifest, load_signing_key(stock_keys.producer_key, None))
    forged_entries = [(mf.MANIFEST_NAME, manifest_bytes), (mf.SIGNATURE_NAME, signature)] + [
        (name, cut if name == "data.parquet.age" else body) for name, body in entries[2:]]
    forged = retar(tmp_path / "forged.tar", forged_entries)
    assert verify_package(forged, load_signer(stock_keys.producer_pub)).ok
    assert_open_leaves_nothing(forged, stock_keys, tmp_path, "data.parquet.age: cannot be decrypted")


def test_wrong_passphrases_are_input_errors(curator_keys: CuratorKeys) -> None:
    with pytest.raises(InputError) as error:
        load_signing_key(curator_keys.producer_key, "not the passphrase")
    assert "wrong passphrase" in str(error.value) and str(curator_keys.producer_key) in str(error.value)
    assert error.value.exit_code == 2
    with pytest.raises(InputError) as error:
        load_identity(curator_keys.hub_key, "not the passphrase")
    assert "wrong passphrase" in str(error.value) and str(curator_keys.hub_key) in str(error.value)
    with pytest.raises(InputError, match="protected by a passphrase"):
        load_identity(curator_keys.hub_key, None)


def test_wrong_kind_of_key_is_named(stock_keys: StockKeys) -> None:
    with pytest.raises(InputError, match="looks like an age secret key"):
        load_signing_key(stock_keys.hub_key, None)
    with pytest.raises(InputError, match="looks like a minisign public key"):
        load_identity(stock_keys.producer_pub)
    with pytest.raises(InputError, match="private age key .an identity., not a recipient's public key"):
        from curator.package.keys import load_recipients

        load_recipients([stock_keys.hub_key])


def test_open_never_overwrites(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.parquet").write_bytes(b"earlier work")
    with pytest.raises(InputError, match="already holds data.parquet"):
        open_package(package, load_identity(stock_keys.hub_key), stock_keys.producer_pub, out)
    assert sorted(os.listdir(out)) == ["data.parquet"]
    assert (out / "data.parquet").read_bytes() == b"earlier work"


def test_cancelled_write_leaves_nothing(stock_keys: StockKeys, payload: Payload, tmp_path: Path) -> None:
    def cancel(fraction: float, message: str = "") -> None:
        if fraction > 0.3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_package(tmp_path / "p.tar", payload.members, payload.fields, [stock_keys.hub_recipient],
                      load_signing_key(stock_keys.producer_key, None), progress=cancel)
    assert os.listdir(tmp_path) == []


def test_command_line_exit_codes(copy: Path, stock_keys: StockKeys, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["verify", str(copy), "--signer", str(stock_keys.producer_pub)]) == 0
    assert "VALID" in capsys.readouterr().out
    assert cli_main(["verify", str(copy), "--signer", str(stock_keys.other_producer_pub), "--json"]) == 1
    assert '"ok": false' in capsys.readouterr().out
    assert cli_main(["verify", str(tmp_path / "missing.tar"), "--signer", str(stock_keys.producer_pub)]) == 2
    assert cli_main(["open", str(copy), "--signer", str(stock_keys.producer_pub), "--identity",
                     str(stock_keys.hub_key), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "data.parquet").is_file()
    data = bytearray(copy.read_bytes())
    data[-20_000] ^= 1
    copy.write_bytes(data)
    assert cli_main(["open", str(copy), "--signer", str(stock_keys.producer_pub), "--identity",
                     str(stock_keys.hub_key), "-o", str(tmp_path / "out2")]) == 1
    assert "failed verification" in capsys.readouterr().err
    assert not (tmp_path / "out2").exists()


def test_escrow_recipient_opens_too_and_stanzas_are_counted(stock_keys: StockKeys, payload: Payload,
                                                            tmp_path: Path) -> None:
    package = tmp_path / "two.tar"
    manifest = write_package(package, payload.members[1:], payload.fields,
                             [stock_keys.hub_recipient, stock_keys.other_hub_recipient],
                             load_signing_key(stock_keys.producer_key, None))
    assert [r["key"] for r in manifest["recipients"]] == [stock_keys.hub_recipient, stock_keys.other_hub_recipient]
    verdict = verify_package(package, load_signer(stock_keys.producer_pub))
    assert verdict.ok and "holds 2 X25519 recipient stanza(s)" in verdict.checks[-1]
    for number, key in enumerate((stock_keys.hub_key, stock_keys.other_hub_key)):
        files = open_package(package, load_identity(key), stock_keys.producer_pub, tmp_path / f"out{number}")
        assert (tmp_path / f"out{number}" / "report.html").read_bytes() == payload.members[1][1].read_bytes()
        assert len(files) == 4

    # a member encrypted to the hub alone, swapped in and re-signed by the producer's key, is noticed
    entries = entries_of(package)
    alone = pyrage.encrypt(payload.members[1][1].read_bytes(),
                           [pyrage.x25519.Recipient.from_str(stock_keys.hub_recipient)])
    manifest["members"][0]["encrypted"] = {"size": len(alone), "sha256": hashlib.sha256(alone).hexdigest()}
    manifest_bytes = mf.canonical_json(manifest)
    signature = sign_manifest(manifest_bytes, manifest, load_signing_key(stock_keys.producer_key, None))
    forged = retar(tmp_path / "forged.tar", [(mf.MANIFEST_NAME, manifest_bytes), (mf.SIGNATURE_NAME, signature),
                                             entries[2], ("report.html.age", alone), entries[4]])
    assert_rejected(forged, stock_keys, "report.html.age is encrypted to 1 X25519 keys; the manifest names 2")
