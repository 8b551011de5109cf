"""docs/hub/open-with-stock-tools.sh, the hub's procedure with the stock tools, run under dash.

Real packages built by curator, real keys made by age-keygen and minisign, a throwaway CA with
two organisations' certificates; hostile packages are the good one rewritten in transit.
"""

from __future__ import annotations

import datetime
import io
import json
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from curator.cli import main as cli_main
from curator.package.build import sign_manifest, write_package
from curator.package.cms import CmsSigner
from curator.package.keys import load_signing_key

from .conftest import TOOLS, CuratorKeys, Payload, StockKeys, run, run_on_terminal

pytestmark = pytest.mark.interop(*TOOLS, "sha256sum", "dash")

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "hub" / "open-with-stock-tools.sh"


def open_with_script(package: Path, keys: StockKeys, out: Path, ca: Path | None = None,
                     hub_key: Path | None = None, producer_pub: Path | None = None) -> tuple[int, str]:
    result = run("dash", SCRIPT, package, hub_key or keys.hub_key, producer_pub or keys.producer_pub, out,
                 *([ca] if ca else []))
    return result.returncode, (result.stdout + result.stderr).decode("utf-8", "replace")


def opened_with_curator(package: Path, keys: StockKeys, out: Path) -> dict[str, bytes]:
    assert cli_main(["open", str(package), "--identity", str(keys.hub_key), "--signer", str(keys.producer_pub),
                     "-o", str(out)]) == 0
    return read_folder(out)


def read_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- a throwaway CA and two organisations' certificates from it ---------------------------------

@dataclass
class Pki:
    ca_pem: Path
    other_ca_pem: Path
    org_p12: Path        # the producer organisation's certificate and key (password "p12")
    other_org: CmsSigner  # another organisation, certified by the same CA


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
                 issuer_key: ec.EllipticCurvePrivateKey, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _make_ca(folder: Path, name: str) -> tuple[x509.Name, ec.EllipticCurvePrivateKey, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name, "Autorité de test")
    pem = folder / f"{name}.pem"
    pem.write_bytes(_certificate(subject, key, subject, key, ca=True).public_bytes(serialization.Encoding.PEM))
    return subject, key, pem


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca_name, ca_key, ca_pem = _make_ca(folder, "CA de test")
    _, _, other_ca_pem = _make_ca(folder, "Autre CA")
    org_key = ec.generate_private_key(ec.SECP256R1())
    org_cert = _certificate(_name("Registre test", "CHU de test"), org_key, ca_name, ca_key, ca=False)
    org_p12 = folder / "org.p12"
    org_p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"org", org_key, org_cert, None, serialization.BestAvailableEncryption(b"p12")))
    other_key = ec.generate_private_key(ec.SECP256R1())
    other_cert = _certificate(_name("Autre registre", "Autre CHU"), other_key, ca_name, ca_key, ca=False)
    return Pki(ca_pem, other_ca_pem, org_p12, CmsSigner(other_cert, other_key))


@pytest.fixture(scope="session")
def cms_package(stock_keys: StockKeys, payload: Payload, pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cms-package") / "signed.tar"
    write_package(out, payload.members, payload.fields, [stock_keys.hub_recipient],
                  load_signing_key(stock_keys.producer_key, None), cms=(pki.org_p12, "p12"))
    return out


# --- the package rewritten in transit -----------------------------------------------------------

Entries = list[tuple[tarfile.TarInfo, bytes]]


def rewrite(package: Path, out: Path, edit: Callable[[Entries], Entries]) -> Path:
    """``package`` with its entries changed by ``edit``, as an attacker between producer and hub would."""
    with tarfile.open(package, "r:") as archive:
        entries = [(info, archive.extractfile(info).read()) for info in archive.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(out, "w:", format=tarfile.USTAR_FORMAT) as archive:
        for info, data in edit(entries):
            if info.isreg():
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return out


def entry(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = "") -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = kind, link, 0o644
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def insert_before_members(new: tuple[tarfile.TarInfo, bytes]) -> Callable[[Entries], Entries]:
    def edit(entries: Entries) -> Entries:
        at = next(i for i, (info, _) in enumerate(entries) if info.name == "data.parquet.age")
        return [*entries[:at], new, *entries[at:]]
    return edit


def replace_entry(name: str, new: Callable[[tarfile.TarInfo, bytes], tuple[tarfile.TarInfo, bytes]],
                  ) -> Callable[[Entries], Entries]:
    return lambda entries: [new(info, data) if info.name == name else (info, data) for info, data in entries]


def assert_refused(code: int, output: str, out: Path, reason: str) -> None:
    assert code == 1, output
    assert "REFUSED" in output and reason in output, output
    assert not out.exists(), "OUTDIR must be removed on a refusal"


# --- good packages ------------------------------------------------------------------------------

def test_a_good_package_opens_like_curator_open(package: Path, stock_keys: StockKeys, payload: Payload,
                                                tmp_path: Path) -> None:
    code, output = open_with_script(package, stock_keys, tmp_path / "out")
    assert code == 0, output
    assert output.startswith("OPENED submission ")
    opened = read_folder(tmp_path / "out")
    assert opened == opened_with_curator(package, stock_keys, tmp_path / "curator")
    assert sorted(opened) == ["data.parquet", "manifest.json", "manifest.json.minisig", "report.html",
                              "validation.json"]
    for name, original in payload.members:
        assert opened[name] == original.read_bytes()
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o077 == 0 for p in (tmp_path / "out").iterdir())


def test_a_package_of_several_tables_opens_like_curator_open(stock_keys: StockKeys, shared_data: Path,
                                                            tmp_path: Path) -> None:
    """Synthea's three tables, each its own member, and datapackage.json: the script opens them all."""
    from curator.mapping import load_vocabulary
    from curator.package.datapackage import (
        DATAPACKAGE_NAME,
        build_datapackage,
        table_manifest_fields,
        write_datapackage,
    )

    from .test_datapackage import EXPORT, synthea_tables, write_tables

    vocabulary = load_vocabulary(None)
    described = write_tables(synthea_tables(shared_data), tmp_path / "plain", vocabulary)
    write_datapackage(tmp_path / "plain" / DATAPACKAGE_NAME, build_datapackage(described, EXPORT, vocabulary))
    members = [(name, tmp_path / "plain" / name) for name in [t.member for t in described] + [DATAPACKAGE_NAME]]
    package = tmp_path / "submission.tar"
    write_package(package, members, table_manifest_fields(described), [stock_keys.hub_recipient],
                  load_signing_key(stock_keys.producer_key, None))
    code, output = open_with_script(package, stock_keys, tmp_path / "out")
    assert code == 0, output
    opened = read_folder(tmp_path / "out")
    assert opened == opened_with_curator(package, stock_keys, tmp_path / "curator")
    assert sorted(opened) == sorted(["conditions.parquet", "datapackage.json", "encounters.parquet",
                                     "manifest.json", "manifest.json.minisig", "patients.parquet"])
    assert all(opened[name] == path.read_bytes() for name, path in members)


def test_a_good_package_with_cms_opens_with_the_right_ca(cms_package: Path, stock_keys: StockKeys, pki: Pki,
                                                         tmp_path: Path) -> None:
    code, output = open_with_script(cms_package, stock_keys, tmp_path / "out", ca=pki.ca_pem)
    assert code == 0, output
    assert "and certificate CN=Registre test,O=CHU de test\n" in output, output
    assert read_folder(tmp_path / "out") == opened_with_curator(cms_package, stock_keys, tmp_path / "curator")
    assert "manifest.json.p7s" in read_folder(tmp_path / "out")
    # without a CA the signature and the certificate named by the manifest are checked, its trust is not
    code, output = open_with_script(cms_package, stock_keys, tmp_path / "no-ca")
    assert code == 0 and "whether the certificate is trustworthy was not checked" in output, output


# --- the keys do not fit -----------------------------------------------------------------------

def test_another_producers_key_is_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    code, output = open_with_script(package, stock_keys, tmp_path / "out", producer_pub=stock_keys.other_producer_pub)
    assert_refused(code, output, tmp_path / "out", "the signature does not verify")


def test_a_package_for_another_hub_is_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    code, output = open_with_script(package, stock_keys, tmp_path / "out", hub_key=stock_keys.other_hub_key)
    assert_refused(code, output, tmp_path / "out", "not addressed to your key")


def test_an_existing_outdir_is_left_alone(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.parquet").write_bytes(b"kept")
    code, output = open_with_script(package, stock_keys, out)
    assert code == 2 and "must not exist yet" in output, output
    assert read_folder(out) == {"data.parquet": b"kept"}


# --- the archive was changed in transit ---------------------------------------------------------

def test_a_planted_symlink_is_refused_and_nothing_is_written_through_it(package: Path, stock_keys: StockKeys,
                                                                      tmp_path: Path) -> None:
    """The issue's attack: data.parquet -> a path outside, placed before the members."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "data.parquet"
    for name in ("data.parquet", "data.parquet.age"):  # the plaintext's name, and a name the script allows
        hostile = rewrite(package, tmp_path / f"{name}.tar",
                          insert_before_members(entry(name, kind=tarfile.SYMTYPE, link=str(target))))
        code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
        assert list(outside.iterdir()) == [], "written outside OUTDIR through the symlink"
        assert_refused(code, output, tmp_path / "out", f"'{name}'" if name == "data.parquet" else "a link")


def test_a_hardlink_is_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    hostile = rewrite(package, tmp_path / "h.tar",
                      replace_entry("report.html.age",
                                    lambda info, data: entry("report.html.age", kind=tarfile.LNKTYPE,
                                                             link="data.parquet.age")))
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "a link")


@pytest.mark.parametrize(("name", "kind", "reason"), [
    ("../escape.age", tarfile.REGTYPE, "not a plain member name"),
    ("sub/x.age", tarfile.REGTYPE, "not a plain member name"),
    ("/abs.age", tarfile.REGTYPE, "not a plain member name"),
    ("folder.age", tarfile.DIRTYPE, "not one a package holds"),  # tar writes it "folder.age/"
    ("device.age", tarfile.CHRTYPE, "not a regular file"),
    ("fifo.age", tarfile.FIFOTYPE, "not a regular file"),
    ("extra.txt", tarfile.REGTYPE, "not one a package holds"),
    ("evil.age", tarfile.REGTYPE, "which the signed manifest does not list"),
])
def test_an_entry_the_package_does_not_hold_is_refused(name: str, kind: bytes, reason: str, package: Path,
                                                       stock_keys: StockKeys, tmp_path: Path) -> None:
    hostile = rewrite(package, tmp_path / "h.tar", insert_before_members(entry(name, b"age-encryption.org/v1\n",
                                                                               kind=kind)))
    (tmp_path / "work").mkdir()
    code, output = open_with_script(hostile, stock_keys, tmp_path / "work" / "out")
    assert_refused(code, output, tmp_path / "work" / "out", reason)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.tar", "work"]
    assert list((tmp_path / "work").iterdir()) == []


def test_a_member_listed_twice_is_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    def twice(entries: Entries) -> Entries:
        return [*entries, next(e for e in entries if e[0].name == "data.parquet.age")]
    code, output = open_with_script(rewrite(package, tmp_path / "h.tar", twice), stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "'data.parquet.age' appears more than once")


def test_a_missing_member_is_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    hostile = rewrite(package, tmp_path / "h.tar", lambda es: [e for e in es if e[0].name != "report.html.age"])
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "'report.html.age' is listed in the manifest but missing")


def test_reordered_members_are_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    hostile = rewrite(package, tmp_path / "h.tar", lambda es: [*es[:3], es[4], es[3], *es[5:]])
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "not in the manifest's order")


@pytest.mark.parametrize("name", ["data.parquet.age", "digests.json.age", "validation.json.age"])
def test_a_changed_byte_in_a_member_is_refused(name: str, package: Path, stock_keys: StockKeys,
                                               tmp_path: Path) -> None:
    def flip(info: tarfile.TarInfo, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
        at = len(data) - 20  # in the last chunk's ciphertext: age alone would only notice at its MAC
        return info, data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]
    code, output = open_with_script(rewrite(package, tmp_path / "h.tar", replace_entry(name, flip)), stock_keys,
                                    tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", f"{name}: its SHA-256")


def test_a_changed_manifest_is_refused(package: Path, stock_keys: StockKeys, tmp_path: Path) -> None:
    def change(info: tarfile.TarInfo, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
        return info, data.replace(b'"registre-test"', b'"registre-tess"')
    hostile = rewrite(package, tmp_path / "h.tar", replace_entry("manifest.json", change))
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "the signature does not verify")


# --- the organisation's signature ---------------------------------------------------------------

def test_a_p7s_swapped_for_another_organisations_is_refused(cms_package: Path, stock_keys: StockKeys, pki: Pki,
                                                            tmp_path: Path) -> None:
    """Another organisation certified by the same CA signs the same manifest: openssl accepts it, the manifest does not."""
    def swap(entries: Entries) -> Entries:
        manifest = next(data for info, data in entries if info.name == "manifest.json")
        return [(info, pki.other_org.sign_detached(manifest)) if info.name == "manifest.json.p7s" else (info, data)
                for info, data in entries]
    hostile = rewrite(cms_package, tmp_path / "h.tar", swap)
    extracted = tmp_path / "x"
    extracted.mkdir()
    assert run("tar", "-xf", hostile, cwd=extracted).returncode == 0
    # the swapped signature is valid for the CA: the old procedure's openssl step passed it
    assert run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", extracted / "manifest.json.p7s",
               "-content", extracted / "manifest.json", "-purpose", "any", "-CAfile", pki.ca_pem,
               "-out", "/dev/null").returncode == 0
    for ca in (pki.ca_pem, None):
        code, output = open_with_script(hostile, stock_keys, tmp_path / "out", ca=ca)
        assert_refused(code, output, tmp_path / "out", "not the one the manifest names")


def test_a_certificate_from_an_untrusted_ca_is_refused(cms_package: Path, stock_keys: StockKeys, pki: Pki,
                                                       tmp_path: Path) -> None:
    code, output = open_with_script(cms_package, stock_keys, tmp_path / "out", ca=pki.other_ca_pem)
    assert_refused(code, output, tmp_path / "out", "does not verify with")


def test_a_ca_given_for_a_package_without_cms_is_refused(package: Path, stock_keys: StockKeys, pki: Pki,
                                                         tmp_path: Path) -> None:
    code, output = open_with_script(package, stock_keys, tmp_path / "out", ca=pki.ca_pem)
    assert_refused(code, output, tmp_path / "out", "has no organisation signature")


def test_a_removed_p7s_is_refused(cms_package: Path, stock_keys: StockKeys, pki: Pki, tmp_path: Path) -> None:
    hostile = rewrite(cms_package, tmp_path / "h.tar", lambda es: [e for e in es if e[0].name != "manifest.json.p7s"])
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out", ca=pki.ca_pem)
    assert_refused(code, output, tmp_path / "out", "'manifest.json.p7s' is listed in the manifest but missing")



# --- the manifest's text ------------------------------------------------------------------------

def test_free_fields_that_imitate_the_proof_fields_change_nothing(stock_keys: StockKeys, payload: Payload,
                                                                  tmp_path: Path) -> None:
    """Strings, keys and nesting from the producer's own fields are read as data, never as the package's proof."""
    member = payload.members[2]
    imitation = '{"encrypted":{"sha256":"' + "0" * 64 + '","size":1},"file":"evil.age","name":"evil","size":1}'
    fields = {**payload.fields,
              "producer": {"id": "x", "name": 'CHU "Saint-Louis" \\ /members/1/name\tevil\n\u00e9\u2713\x01'},
              "dataset": {"title": "/members/0/name\tevil", "description": '"members":[' + imitation + "]",
                          "period": "2020/2024"},
              "decisions": {**payload.fields["decisions"], "suppression_cap": -1.5e-07,
                            "generalisation": {"members/0/name": 1, "a/b": 2, "~0": 3, "": 4, "Année": 5,
                                               "Zebra": 6, 'a"b': 7}},
              "risk": {"records": 1, "quasi_identifiers": ["members", "name"], "k": None,
                       "class_size_distribution": [{"sizes": "1", "classes": 1, "records": 1}]}}
    out = tmp_path / "p.tar"
    write_package(out, [member], fields, [stock_keys.hub_recipient], load_signing_key(stock_keys.producer_key, None))
    code, output = open_with_script(out, stock_keys, tmp_path / "out")
    assert code == 0, output
    assert read_folder(tmp_path / "out") == opened_with_curator(out, stock_keys, tmp_path / "curator")
    assert sorted(read_folder(tmp_path / "out")) == ["manifest.json", "manifest.json.minisig", member[0]]


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _resign(stock_keys: StockKeys, change: Callable[[bytes], bytes]) -> Callable[[Entries], Entries]:
    """The producer's own key signs a changed manifest text: what the script must still refuse is its form."""
    def edit(entries: Entries) -> Entries:
        manifest_bytes = change(next(data for info, data in entries if info.name == "manifest.json"))
        manifest = json.loads(manifest_bytes)
        signature = sign_manifest(manifest_bytes, manifest, load_signing_key(stock_keys.producer_key, None))
        changed = {"manifest.json": manifest_bytes, "manifest.json.minisig": signature}
        return [(info, changed.get(info.name, data)) for info, data in entries]
    return edit


@pytest.mark.parametrize(("change", "reason"), [
    (lambda m: json.dumps(json.loads(m), sort_keys=True, indent=1).encode(), "holds a line break"),
    (lambda m: json.dumps(json.loads(m), sort_keys=True, separators=(", ", ":")).encode(), "expected a key"),
    (lambda m: json.dumps(json.loads(m), sort_keys=True, separators=(",", ": ")).encode(), 'unexpected " "'),
    (lambda m: m.replace(b'"registre-test"', b'"registre-t\\u00e9st"', 1), "escape \\u00e9"),  # ensure_ascii
    (lambda m: b'{"tool":{},' + m[1:], "keys not sorted"),
    (lambda m: m.replace(b'"members":[', b'"members":[],"members":[', 1), "keys not sorted, or repeated"),
    (lambda m: m.replace(b'"name":"report.html"', b'"n\\u0061me":"report.html"', 1), "escape \\u0061"),
    (lambda m: m.replace(b'"registre-test"', b'"registre\\/test"', 1), "escape \\/"),
    (lambda m: m + b"\n", "holds a line break"),
    (lambda m: m.replace(b'"format_version":1', b'"format_version":2', 1), "format version '2' is not 1"),
    (lambda m: _canonical({**json.loads(m), "members": [*json.loads(m)["members"], json.loads(m)["members"][0]]}),
     "member 'data.parquet' is listed twice"),
    (lambda m: _canonical({**json.loads(m), "members": [{**json.loads(m)["members"][0], "name": "../data"}]}),
     "member 1, '../data', is not a usable member name"),
    (lambda m: _canonical({**json.loads(m), "members": [{**json.loads(m)["members"][0], "name": "digests.json"}]}),
     "is a name reserved"),
])
def test_a_signed_manifest_not_in_curators_form_is_refused(change: Callable[[bytes], bytes], reason: str,
                                                           package: Path, stock_keys: StockKeys,
                                                           tmp_path: Path) -> None:
    hostile = rewrite(package, tmp_path / "h.tar", _resign(stock_keys, change))
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", reason)


def test_a_signature_moved_from_another_submission_is_refused(package: Path, stock_keys: StockKeys,
                                                              tmp_path: Path) -> None:
    """The producer's genuine signature, but its trusted comment names another submission."""
    def move(entries: Entries) -> Entries:
        manifest_bytes = next(data for info, data in entries if info.name == "manifest.json")
        manifest = json.loads(manifest_bytes)
        other = {**manifest, "submission_id": "00000000-0000-4000-8000-000000000000"}
        signature = sign_manifest(manifest_bytes, other, load_signing_key(stock_keys.producer_key, None))
        return [(info, signature if info.name == "manifest.json.minisig" else data) for info, data in entries]
    code, output = open_with_script(rewrite(package, tmp_path / "h.tar", move), stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "does not name submission")


def test_a_member_encrypted_to_a_key_the_manifest_does_not_name_is_refused(stock_keys: StockKeys, payload: Payload,
                                                                           tmp_path: Path) -> None:
    """Encrypted to the hub and to another key, signed with a manifest that names the hub alone."""
    both = tmp_path / "both.tar"
    write_package(both, payload.members[1:], payload.fields, [stock_keys.hub_recipient, stock_keys.other_hub_recipient],
                  load_signing_key(stock_keys.producer_key, None))

    def hide_the_other(manifest_bytes: bytes) -> bytes:
        manifest = json.loads(manifest_bytes)
        manifest["recipients"] = [r for r in manifest["recipients"] if r["key"] == stock_keys.hub_recipient]
        return _canonical(manifest)
    hostile = rewrite(both, tmp_path / "h.tar", _resign(stock_keys, hide_the_other))
    code, output = open_with_script(hostile, stock_keys, tmp_path / "out")
    assert_refused(code, output, tmp_path / "out", "its age header names 2 recipients, the manifest 1")
    code, output = open_with_script(both, stock_keys, tmp_path / "out")  # as signed, both named: it opens
    assert code == 0, output


def test_a_passphrase_protected_hub_key_opens_with_its_passphrase(curator_keys: CuratorKeys, payload: Payload,
                                                                  tmp_path: Path) -> None:
    """curator keys new-recipient protects the identity: age-keygen -y cannot read it, age -d asks for the passphrase."""
    out = tmp_path / "p.tar"
    write_package(out, payload.members[1:], payload.fields, [curator_keys.hub_pub.read_text().strip()],
                  load_signing_key(curator_keys.producer_key, curator_keys.passphrase))
    code, seen, answered = run_on_terminal(["dash", str(SCRIPT), str(out), str(curator_keys.hub_key),
                                            str(curator_keys.producer_pub), str(tmp_path / "out")],
                                           curator_keys.passphrase)
    assert code == 0, seen
    assert b"age-keygen -y cannot read" in seen and answered == 3, seen  # digests.json and two members
    assert {name: data for name, data in read_folder(tmp_path / "out").items() if not name.startswith("manifest")} \
        == {name: path.read_bytes() for name, path in payload.members[1:]}
