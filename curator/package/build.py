"""Write a submission package: encrypt each member for every recipient, sign the manifest, tar it all."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import minisign
import pyrage

from curator import __version__
from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package import manifest as mf
from curator.package.agestream import BackgroundEncryption, encrypt_stream
from curator.package.keys import load_recipients, load_signing_key, recipient_fingerprint, signer_key_id
from curator.package.tarstream import TarWriter
from curator.progress import ProgressCallback, report
from curator.redact import secret_kind
from curator.workspace import atomic_output, create_private, private_folder


def trusted_comment(manifest: dict[str, Any]) -> str:
    """The minisign trusted comment: covered by the signature, shown by `minisign -V`."""
    return f"curator submission:{manifest['submission_id']} created:{manifest['created']} file:{mf.MANIFEST_NAME}"


def sign_manifest(manifest_bytes: bytes, manifest: dict[str, Any], key: minisign.SecretKey) -> bytes:
    """The manifest.json.minisig file: prehashed Ed25519, the trusted comment naming the submission."""
    signature = key.sign(manifest_bytes, prehash=True, trusted_comment=trusted_comment(manifest),
                         untrusted_comment=mf.SIGNATURE_UNTRUSTED_COMMENT)
    return bytes(signature) + b"\n"


Member = tuple[str, Path] | BackgroundEncryption


def write_package(out_path: Path, members: Sequence[Member], manifest_fields: dict[str, Any],
                  recipients: Sequence[str], signing_key: minisign.SecretKey | Path | str,
                  cms: tuple[Path, str | None] | None = None,
                  progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Write the package to ``out_path`` (through ``out_path.part``, see :func:`curator.workspace.atomic_output`) and return its manifest.

    ``members`` are (name in the package, plaintext file), or a :class:`BackgroundEncryption`
    already under way for the same recipients; ``manifest_fields`` go into the
    manifest beside the fields curator fills in itself (and must hold no secret; 'created' and
    'tool' are replaced by write_package's own, the proof fields may not be given); every member is
    encrypted to every recipient; ``signing_key`` is a loaded minisign key (or an unprotected key
    file); ``cms`` is (PKCS#12 file, its password) for an additional X.509 signature.
    """
    out_path = Path(out_path)
    recipient_keys = load_recipients(list(recipients))
    key = signing_key if isinstance(signing_key, minisign.SecretKey) else load_signing_key(Path(signing_key), None)
    _check_members(members)
    _check_fields(manifest_fields)
    tables = mf.check_tables(manifest_fields.get("tables"), [_plain(member)[0] for member in members])
    if tables:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the manifest's tables do not match the members: {problems}"),
                              problems="; ".join(tables)))
    cms_signer = None
    if cms is not None:
        from curator.package.cms import CmsSigner  # cryptography's PKCS#12 and CMS, only when asked for

        cms_signer = CmsSigner.from_pkcs12(Path(cms[0]), cms[1])

    for member in members:
        if isinstance(member, BackgroundEncryption) and load_recipients(member.recipients) != recipient_keys:
            raise ValueError(f"member '{member.name}' was encrypted for other recipients than the package's")
    steps = _Progress(progress, sum(_plain(member)[1].stat().st_size for member in members))
    created = datetime.now(UTC).replace(microsecond=0)
    submission_id = str(uuid.uuid4())
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "encrypting"))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # The ciphertext of each member is made in the run's private folder; only the finished archive
    # is written beside the output, as out_path.part, for the atomic rename into place.
    with private_folder("package") as workdir:
        encrypted_members = [_encrypt_member(member, recipient_keys, workdir, steps) for member in members]
        digests_plain = mf.canonical_json({"format": mf.DIGESTS_FORMAT, "format_version": mf.FORMAT_VERSION,
                                           "submission_id": submission_id,
                                           "members": [m.digest_entry() for m in encrypted_members]})
        digests_data = pyrage.encrypt(digests_plain, [pyrage.x25519.Recipient.from_str(r) for r in recipient_keys])
        manifest: dict[str, Any] = {k: v for k, v in manifest_fields.items() if k not in mf.OVERRIDDEN_FIELDS}
        manifest.update({
            "format": mf.FORMAT,
            "format_version": mf.FORMAT_VERSION,
            "submission_id": submission_id,
            "created": created.isoformat().replace("+00:00", "Z"),
            "tool": {"name": "curator", "version": __version__},
            "recipients": [{"key": r, "fingerprint": recipient_fingerprint(r)} for r in recipient_keys],
            "signer": {"minisign_key_id": signer_key_id(key)},
            "members": [m.manifest_entry() for m in encrypted_members],
            "digests": {"file": mf.DIGESTS_NAME + mf.ENCRYPTED_SUFFIX,
                        "encrypted": {"size": len(digests_data), "sha256": hashlib.sha256(digests_data).hexdigest()}},
        })
        if cms_signer is not None:
            manifest["cms"] = {"file": mf.CMS_NAME, "certificate_sha256": cms_signer.certificate_sha256,
                               "subject": cms_signer.subject}
        manifest_bytes = mf.canonical_json(manifest)
        head = [(mf.MANIFEST_NAME, manifest_bytes), (mf.SIGNATURE_NAME, sign_manifest(manifest_bytes, manifest, key))]
        if cms_signer is not None:
            head.append((mf.CMS_NAME, cms_signer.sign_detached(manifest_bytes)))
        head.append((manifest["digests"]["file"], digests_data))
        _write_archive(out_path, int(created.timestamp()), head, encrypted_members, steps)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "package written"))
    return manifest


class _Progress:
    """Encryption is most of the work (0 to 0.8); copying the ciphertext into the archive is the rest."""

    def __init__(self, progress: ProgressCallback | None, plain_total: int) -> None:
        self.progress = progress
        self.plain_total = plain_total or 1
        self.encrypted_done = self.copied = 0
        self.copy_total = 1

    def encrypted(self, count: int) -> None:
        self.encrypted_done += count
        report(self.progress, 0.8 * self.encrypted_done / self.plain_total, QT_TRANSLATE_NOOP("core", "encrypting"))

    def copied_into_archive(self, count: int) -> None:
        self.copied += count
        report(self.progress, 0.8 + 0.2 * self.copied / self.copy_total,
               QT_TRANSLATE_NOOP("core", "writing the package"))


@dataclass(frozen=True)
class _EncryptedMember:
    name: str
    size: int
    sha256: str
    encrypted_size: int
    encrypted_sha256: str
    encrypted_path: Path

    def manifest_entry(self) -> dict[str, Any]:
        return {"name": self.name, "file": self.name + mf.ENCRYPTED_SUFFIX, "size": self.size,
                "encrypted": {"size": self.encrypted_size, "sha256": self.encrypted_sha256}}

    def digest_entry(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


def _encrypt_member(member: Member, recipient_keys: list[str], workdir: Path, steps: _Progress) -> _EncryptedMember:
    """Encrypt one member into the private folder (or take the encryption already under way)."""
    name, path = _plain(member)
    if isinstance(member, BackgroundEncryption):
        size, sha256, encrypted_size, encrypted_sha256 = member.result()
        steps.encrypted(size)
        return _EncryptedMember(name, size, sha256, encrypted_size, encrypted_sha256, member.target)
    encrypted_path = workdir / (name + mf.ENCRYPTED_SUFFIX)
    with open(path, "rb") as source, create_private(encrypted_path) as target:
        size, sha256, encrypted_size, encrypted_sha256 = encrypt_stream(source, target, recipient_keys,
                                                                        steps.encrypted)
    return _EncryptedMember(name, size, sha256, encrypted_size, encrypted_sha256, encrypted_path)


def _write_archive(out_path: Path, mtime: int, head: list[tuple[str, bytes]],
                   members: list[_EncryptedMember], steps: _Progress) -> None:
    """The tar: the small files of ``head`` in order, then each member's ciphertext."""
    # Replaces a package the user chose to overwrite (the app's save dialog asks); `curator apply`
    # refuses an existing output before any work.
    with atomic_output(out_path, overwrite=True) as out:
        tar = TarWriter(out, mtime)
        for name, data in head:
            tar.add_bytes(name, data)
        steps.copy_total = sum(m.encrypted_size for m in members) or 1
        for member in members:
            with open(member.encrypted_path, "rb") as source:
                tar.add_stream(member.name + mf.ENCRYPTED_SUFFIX, source, member.encrypted_size,
                               on_chunk=steps.copied_into_archive)
        tar.close()


def _plain(member: Member) -> tuple[str, Path]:
    """(name in the package, plaintext file) of a member."""
    if isinstance(member, BackgroundEncryption):
        return member.name, member.source
    return member[0], Path(member[1])


def _check_members(members: Sequence[Member]) -> None:
    if not members:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a package needs at least one member")))
    if len(members) > mf.MAX_MEMBERS:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a package holds at most {limit} members; {count} were given"),
                              limit=mf.MAX_MEMBERS, count=len(members)))
    for name, path in map(_plain, members):
        why = mf.check_member_name(name)
        if why:
            raise InputError(why, hint=Text(QT_TRANSLATE_NOOP("core", "Name members like 'data.parquet' or "
                                                                      "'report.html'.")))
        if not Path(path).is_file():
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the file for member '{name}' does not exist"), name=name),
                             Location(file=path))
    clash = mf.member_name_clash([_plain(member)[0] for member in members])
    if clash:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the member name {names} is given twice (letter case aside: "
                                                        "Windows and macOS would keep one file)"), names=clash))


def _check_fields(fields: dict[str, Any]) -> None:
    clash = sorted(set(fields) & set(mf.RESERVED_FIELDS))
    if clash:
        raise ValueError(f"manifest fields {clash} are filled in by write_package itself")
    try:
        text = mf.canonical_json(fields).decode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"manifest fields must be plain JSON values: {exc}") from exc
    # A last guard: key material must never travel in the clear part of the package.
    if secret_kind(text):
        raise ValueError("manifest fields hold what looks like a secret key; secrets never go in a manifest")
    # The clear part is an allow-list: ids, descriptions, counts, column names and types, figures.
    strays = mf.check_clear_fields({k: v for k, v in fields.items() if k not in mf.OVERRIDDEN_FIELDS})
    if strays:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the manifest would hold what its clear part may not: "
                                                        "{fields}"), fields="; ".join(strays)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Every byte of manifest.json is public: see the list "
                                                             "of its fields in docs/package-format.md.")))
