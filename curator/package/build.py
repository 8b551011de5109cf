"""Write a submission package: encrypt each member for every recipient, sign the manifest, tar it all."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
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
    cms_signer = None
    if cms is not None:
        from curator.package.cms import CmsSigner

        cms_signer = CmsSigner.from_pkcs12(Path(cms[0]), cms[1])

    for member in members:
        if isinstance(member, BackgroundEncryption) and load_recipients(member.recipients) != recipient_keys:
            raise ValueError(f"member '{member.name}' was encrypted for other recipients than the package's")
    # Encryption is most of the work; copying the ciphertext into the archive is the rest.
    plain_total = sum(_plain(member)[1].stat().st_size for member in members) or 1
    encrypted_done = copied = 0
    copy_total = 1

    def encrypted(count: int) -> None:
        nonlocal encrypted_done
        encrypted_done += count
        report(progress, 0.8 * encrypted_done / plain_total, QT_TRANSLATE_NOOP("core", "encrypting"))

    def copied_into_archive(count: int) -> None:
        nonlocal copied
        copied += count
        report(progress, 0.8 + 0.2 * copied / copy_total, QT_TRANSLATE_NOOP("core", "writing the package"))

    created = datetime.now(UTC).replace(microsecond=0)
    submission_id = str(uuid.uuid4())
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "encrypting"))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # The ciphertext of each member is made in the run's private folder; only the finished archive
    # is written beside the output, as out_path.part, for the atomic rename into place.
    with private_folder("package") as workdir:
        member_entries: list[dict[str, Any]] = []
        digest_entries: list[dict[str, Any]] = []
        encrypted_files: dict[str, Path] = {}
        for member in members:
            name, path = _plain(member)
            if isinstance(member, BackgroundEncryption):
                encrypted_path = member.target
                size, sha256, encrypted_size, encrypted_sha256 = member.result()
                encrypted(size)
            else:
                encrypted_path = workdir / (name + mf.ENCRYPTED_SUFFIX)
                with open(path, "rb") as source, create_private(encrypted_path) as target:
                    size, sha256, encrypted_size, encrypted_sha256 = encrypt_stream(source, target, recipient_keys,
                                                                                    encrypted)
            encrypted_files[name] = encrypted_path
            member_entries.append({"name": name, "file": name + mf.ENCRYPTED_SUFFIX, "size": size,
                                   "encrypted": {"size": encrypted_size, "sha256": encrypted_sha256}})
            digest_entries.append({"name": name, "size": size, "sha256": sha256})

        digests_plain = mf.canonical_json({"format": mf.DIGESTS_FORMAT, "format_version": mf.FORMAT_VERSION,
                                           "submission_id": submission_id, "members": digest_entries})
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
            "members": member_entries,
            "digests": {"file": mf.DIGESTS_NAME + mf.ENCRYPTED_SUFFIX,
                        "encrypted": {"size": len(digests_data), "sha256": hashlib.sha256(digests_data).hexdigest()}},
        })
        if cms_signer is not None:
            manifest["cms"] = {"file": mf.CMS_NAME, "certificate_sha256": cms_signer.certificate_sha256,
                               "subject": cms_signer.subject}
        manifest_bytes = mf.canonical_json(manifest)
        signature_bytes = sign_manifest(manifest_bytes, manifest, key)

        # Replaces a package the user chose to overwrite (the app's save dialog asks); `curator apply`
        # refuses an existing output before any work.
        with atomic_output(out_path, overwrite=True) as out:
            tar = TarWriter(out, int(created.timestamp()))
            tar.add_bytes(mf.MANIFEST_NAME, manifest_bytes)
            tar.add_bytes(mf.SIGNATURE_NAME, signature_bytes)
            if cms_signer is not None:
                tar.add_bytes(mf.CMS_NAME, cms_signer.sign_detached(manifest_bytes))
            tar.add_bytes(manifest["digests"]["file"], digests_data)
            copy_total = sum(entry["encrypted"]["size"] for entry in member_entries) or 1
            for entry in member_entries:
                with open(encrypted_files[entry["name"]], "rb") as source:
                    tar.add_stream(entry["file"], source, entry["encrypted"]["size"],
                                   on_chunk=copied_into_archive)
            tar.close()
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "package written"))
    return manifest


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
