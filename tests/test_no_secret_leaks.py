"""No secret reaches an output: the whole command-line chain on the demo data, then a search of
everything it wrote and printed for the pseudonymisation secret, the passphrases and the private keys.

The chain is the producer's and the hub's real one, run as subprocesses: `keys new-secret`,
`keys new-signing`, `keys new-recipient` (all under passphrases), `recipe init`, `apply` with
`--secret`, `--passphrase-file` and an X.509 signature (`--cms` with `--cms-passphrase-file`),
`verify`, `open`. Each secret is looked for raw and in the
encodings a careless program would write it in (hex either case, base64 standard and URL-safe,
with and without padding, bech32 for the age identity), in the package's bytes, in every member
of the package as written and once more after decoding the Parquet data to text, in the recipe,
and in every line printed on stdout and stderr.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import secrets
import subprocess
import sys
import tarfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    pkcs12,
)
from cryptography.x509.oid import NameOID

from curator.package.keys import load_identity, load_signing_key
from curator.protect.secret import read_secret_file
from curator.resources import demo_csv
from tests.conftest import fill_export_file

# The whole chain run through the command line, keys and secret opened by each command.
pytestmark = pytest.mark.slow

BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_payload(text: str) -> bytes:
    """The data part of a bech32 string (the age identity) as bytes: 5-bit groups to 8-bit."""
    data = [BECH32.index(c) for c in text.lower().rsplit("1", 1)[1][:-6]]
    bits, value, out = 0, 0, bytearray()
    for group in data:
        value = (value << 5) | group
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((value >> bits) & 0xFF)
    return bytes(out)


def _encodings(secret: bytes) -> dict[str, bytes]:
    forms = {"raw": secret, "hex": secret.hex().encode(), "HEX": secret.hex().upper().encode()}
    for name, encoded in (("base64", base64.b64encode(secret)), ("base64url", base64.urlsafe_b64encode(secret))):
        forms[name] = encoded
        forms[name + " unpadded"] = encoded.rstrip(b"=")
    return forms


def _organisation_certificate(folder: Path, password: str) -> tuple[Path, rsa.RSAPrivateKey]:
    """A self-signed organisation certificate and its RSA key in a password-protected PKCS#12 file."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "CHU de test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Registre des cancers")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now)
                   .not_valid_after(now + datetime.timedelta(days=2)).sign(key, hashes.SHA256()))
    path = folder / "organisation.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"org", key, certificate, None, BestAvailableEncryption(password.encode("utf-8"))))
    return path, key


def _run(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    done = subprocess.run([sys.executable, "-m", "curator", *args], cwd=cwd, capture_output=True, env=env, timeout=600)
    assert done.returncode == 0 or not check, (args, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"))
    return done


def _passphrase_file(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("leaks")
    # Random passphrases with accents, so that an encoding slip would show too.
    phrases = {what: f"{what}-é-{secrets.token_urlsafe(18)}" for what in ("secret", "signing", "hub", "cms")}
    secret_pass = _passphrase_file(work / "secret.pass", phrases["secret"])
    signing_pass = _passphrase_file(work / "signing.pass", phrases["signing"])
    hub_pass = _passphrase_file(work / "hub.pass", phrases["hub"])
    apply_pass = _passphrase_file(work / "apply.pass", phrases["secret"], phrases["signing"])
    cms_pass = _passphrase_file(work / "cms.pass", phrases["cms"])
    p12, cms_key = _organisation_certificate(work, phrases["cms"])
    outputs: list[tuple[str, bytes]] = []

    def run(*args: str) -> None:
        done = _run(*args, cwd=work)
        outputs.append((f"stdout of curator {args[0]}", done.stdout))
        outputs.append((f"stderr of curator {args[0]}", done.stderr))

    run("keys", "new-secret", "-o", "secret.age", "--passphrase-file", str(secret_pass))
    run("keys", "new-signing", "-o", "producer", "--passphrase-file", str(signing_pass))
    run("keys", "new-recipient", "-o", "hub", "--passphrase-file", str(hub_pass))
    run("recipe", "init", str(demo_csv()), "-o", "recipe.json", "--coarser-floors")
    fill_export_file(work / "recipe.json")
    run("apply", str(demo_csv()), "--recipe", "recipe.json", "-o", "submission.tar", "--recipient", "hub.pub",
        "--signing-key", "producer.key", "--secret", "secret.age", "--passphrase-file", str(apply_pass),
        "--cms", str(p12), "--cms-passphrase-file", str(cms_pass))
    run("verify", "submission.tar", "--signer", "producer.pub")
    run("open", "submission.tar", "--identity", "hub.key", "--signer", "producer.pub", "-o", "opened",
        "--passphrase-file", str(hub_pass))
    return {"work": work, "phrases": phrases, "outputs": outputs, "cms_key": cms_key}


def _needles(chain: dict[str, object]) -> dict[str, bytes]:
    work = Path(str(chain["work"]))
    phrases: dict[str, str] = chain["phrases"]  # type: ignore[assignment]
    secret = read_secret_file(work / "secret.age", phrases["secret"])
    identity = str(load_identity(work / "hub.key", phrases["hub"]))
    signing = load_signing_key(work / "producer.key", phrases["signing"])
    seed = bytes(signing._keynum_sk.secret_key)
    # It is the decrypted Ed25519 seed indeed: it gives the public key of producer.pub.
    public = Ed25519PrivateKey.from_private_bytes(seed[:32]).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert public == bytes(signing.get_public_key()._keynum_pk.public_key)
    needles: dict[str, bytes] = {}
    for form, value in _encodings(secret).items():
        needles[f"pseudonymisation secret ({form})"] = value
    for what, phrase in phrases.items():
        needles[f"{what} passphrase"] = phrase.encode("utf-8")
    needles["age identity"] = identity.encode()
    needles["age identity (lower case)"] = identity.lower().encode()
    for form, value in _encodings(_bech32_payload(identity)).items():
        needles[f"age identity key ({form})"] = value
    for form, value in _encodings(seed[:32]).items():
        needles[f"signing key seed ({form})"] = value
    needles["signing key, unencrypted minisign form"] = signing.to_base64()
    cms_key: rsa.RSAPrivateKey = chain["cms_key"]  # type: ignore[assignment]
    pkcs8 = cms_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    needles["certificate key, PKCS#8 DER"] = pkcs8
    needles["certificate key, PEM body"] = base64.b64encode(pkcs8)[:64]
    private_exponent = cms_key.private_numbers().d
    needles["certificate key, private exponent"] = private_exponent.to_bytes((private_exponent.bit_length() + 7) // 8, "big")
    return needles


@pytest.fixture(scope="module")
def needles(chain: dict[str, object]) -> dict[str, bytes]:
    """Decrypted once: each decryption runs a memory-hard KDF."""
    return _needles(chain)


def _haystacks(chain: dict[str, object]) -> list[tuple[str, bytes]]:
    work = Path(str(chain["work"]))
    # Everything curator wrote, except the encrypted key and secret files and our passphrase files.
    inputs = {"secret.pass", "signing.pass", "hub.pass", "apply.pass", "cms.pass", "secret.age", "producer.key",
              "hub.key", "organisation.p12"}
    stacks = list(chain["outputs"])  # type: ignore[call-overload]
    written = [p for p in sorted(work.rglob("*")) if p.is_file() and p.name not in inputs]
    for path in written:
        stacks.append((str(path.relative_to(work)), path.read_bytes()))
    with tarfile.open(work / "submission.tar") as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            if handle is not None:
                stacks.append((f"package member {member.name}", handle.read()))
    table = pq.read_table(work / "opened" / "data.parquet")
    stacks.append(("data.parquet decoded", "\n".join(
        "\n".join(str(v) for v in column.to_pylist()) for column in table.columns).encode("utf-8")))
    return stacks


def test_the_chain_wrote_what_is_searched(chain: dict[str, object]) -> None:
    work = Path(str(chain["work"]))
    opened = sorted(p.name for p in (work / "opened").iterdir())
    assert {"data.parquet", "curation-report.html", "validation-report.csv", "manifest.json"} <= set(opened)
    assert (work / "recipe.json").is_file()
    names = [name for name, _ in _haystacks(chain)]
    assert "recipe.json" in names and "stdout of curator apply" in names and "data.parquet decoded" in names
    # The secret was really used (the recipe pseudonymises) and the certificate really signed.
    assert b'"pseudonymise"' in (work / "recipe.json").read_bytes()
    manifest = json.loads((work / "opened" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["cms"]["subject"] == "CN=Registre des cancers,O=CHU de test"
    assert (work / "opened" / "manifest.json.p7s").is_file()
    verified = dict(chain["outputs"])["stdout of curator verify"]  # type: ignore[call-overload]
    assert b"CMS signature by CN=Registre des cancers" in verified


def test_a_wrong_certificate_password_stops_before_any_work(chain: dict[str, object]) -> None:
    work = Path(str(chain["work"]))
    wrong = _passphrase_file(work / "wrong.pass", "not the password")
    done = _run("apply", str(demo_csv()), "--recipe", "recipe.json", "-o", "second.tar", "--recipient", "hub.pub",
                "--signing-key", "producer.key", "--secret", "secret.age", "--passphrase-file", "apply.pass",
                "--cms", "organisation.p12", "--cms-passphrase-file", str(wrong), cwd=work, check=False)
    wrong.unlink()
    assert done.returncode == 2
    assert b"cannot open the PKCS#12 file" in done.stderr
    assert not list(work.glob("second.tar*"))


def test_no_secret_passphrase_or_private_key_in_any_output(chain: dict[str, object], needles: dict[str, bytes]) -> None:
    assert len(needles) > 25
    found = [(what, where) for where, data in _haystacks(chain) for what, needle in needles.items() if needle in data]
    assert found == []


def test_secrets_at_rest_are_encrypted(chain: dict[str, object], needles: dict[str, bytes]) -> None:
    """The secret and the private keys exist in clear only in memory: their files hold none of it."""
    work = Path(str(chain["work"]))
    material = {what: value for what, value in needles.items() if "passphrase" not in what}
    for name in ("secret.age", "producer.key", "hub.key", "organisation.p12"):
        data = (work / name).read_bytes()
        assert [what for what, needle in material.items() if needle in data] == [], name
    assert b"AGE-SECRET-KEY" not in (work / "hub.key").read_bytes()


def test_the_search_finds_a_planted_leak(chain: dict[str, object], needles: dict[str, bytes]) -> None:
    """The search is not blind: the secret written base64url without padding into one member is found."""
    work = Path(str(chain["work"]))
    planted = work / "opened" / "planted-note.txt"
    planted.write_bytes(b"note: " + needles["pseudonymisation secret (base64url unpadded)"] + b"\n")
    try:
        found = [(what, where) for where, data in _haystacks(chain) for what, needle in needles.items()
                 if needle in data]
        assert ("pseudonymisation secret (base64url unpadded)", "opened/planted-note.txt") in found
    finally:
        planted.unlink()
