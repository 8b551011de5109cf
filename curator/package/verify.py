"""Verify a package without decrypting it: signature, manifest form, archive layout, every member.

Everything that can be checked without the hub's secret key is checked here: who signed, that the
manifest is well formed, that the archive holds exactly the listed entries in order, and that each
encrypted member has the size and SHA-256 the signed manifest gives and is encrypted to as many
X25519 recipients as the manifest names. ``open_package`` runs this first.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import minisign

from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package import manifest as mf
from curator.package.agestream import count_x25519_stanzas
from curator.package.keys import load_signer, signature_key_id, signer_key_id
from curator.package.tarstream import Entry, TarLayoutError, read_entries
from curator.progress import ProgressCallback, report
from curator.redact import printable

_SMALL_LIMITS = {mf.MANIFEST_NAME: 16 << 20, mf.SIGNATURE_NAME: 16 << 10, mf.CMS_NAME: 1 << 20}


@dataclass
class VerifyResult:
    ok: bool
    problems: list[str]
    manifest: dict[str, Any] | None
    checks: list[str] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict, repr=False)
    signature_comment: str | None = None
    # As the signature's trusted comment gives them, once the signature is checked.
    submission_id: str | None = None
    created: str | None = None
    # The bytes of manifest.json, its signature(s) exactly as checked: what open writes out, never a re-read.
    verified: dict[str, bytes] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        manifest = self.manifest or {}
        return {
            "ok": self.ok,
            "verdict": verdict(self),
            "problems": list(self.problems),
            "checks": list(self.checks),
            "submission_id": self.submission_id,
            "created": self.created,
            "trusted_comment": self.signature_comment,
            "recipients": [r.get("fingerprint") for r in manifest.get("recipients", [])],
            "members": [{"name": m.get("name"), "size": m.get("size")} for m in manifest.get("members", [])],
            "manifest": self.manifest,
        }


def verdict(result: VerifyResult) -> str:
    if result.ok:
        manifest = result.manifest or {}
        return (f"VALID: submission {manifest.get('submission_id')} of {manifest.get('created')} is signed by the "
                f"expected producer key and complete and intact ({len(manifest.get('members', []))} encrypted "
                "members).")
    return "NOT VALID: this package is not authentic, complete and intact. Do not use it; ask the producer to send it again."


def identification(result: VerifyResult) -> list[str]:
    """Which submission this is, as its signature says: for the hub to refuse one it has seen before."""
    if result.submission_id is None:
        return ["submission: unknown (no valid signature names one)"]
    return [f"submission: {result.submission_id}", f"created: {result.created}"]


def verify_package(path: Path | str, signer: minisign.PublicKey | Path | str,
                   progress: ProgressCallback | None = None) -> VerifyResult:
    """Check ``path`` against the producer's public key; problems are listed, never raised."""
    path = Path(path)
    public_key = load_signer(signer)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the member walk
    except OSError as exc:
        return VerifyResult(False, [Text(QT_TRANSLATE_NOOP("core", "cannot read the package {path} ({reason})"),
                                         path=str(path), reason=exc.strerror)], None)
    with handle:
        return _verify_open(handle, os.fstat(handle.fileno()).st_size, public_key, progress)


def verify_file(handle: BinaryIO, signer: minisign.PublicKey | Path | str,
                progress: ProgressCallback | None = None) -> VerifyResult:
    """:func:`verify_package` on a package already open, which the caller goes on reading from."""
    return _verify_open(handle, os.fstat(handle.fileno()).st_size, load_signer(signer), progress)


def _read(handle: BinaryIO, entry: Entry) -> bytes:
    handle.seek(entry.data_offset)
    return handle.read(entry.size)


def _verify_open(handle: BinaryIO, total_size: int, public_key: minisign.PublicKey,
                 progress: ProgressCallback | None) -> VerifyResult:
    checks: list[str] = []
    entries = _read_layout(handle, total_size, checks)
    if isinstance(entries, VerifyResult):
        return entries
    manifest_bytes = _read(handle, entries[0])
    signature_bytes = _read(handle, entries[1])

    # 1. Authenticity: nothing in the manifest is believed before the signature is checked.
    authenticated = _authenticate(manifest_bytes, signature_bytes, public_key, checks)
    if isinstance(authenticated, VerifyResult):
        return authenticated
    manifest, named, problems = authenticated
    verified = {mf.MANIFEST_NAME: manifest_bytes, mf.SIGNATURE_NAME: signature_bytes}

    # 2. Completeness: exactly the listed entries, in the listed order.
    layout = mf.expected_layout(manifest)
    problems.extend(_check_layout([entry.name for entry in entries], [name for name, _, _ in layout]))
    by_name = {entry.name: entry for entry in entries}
    if problems:
        return VerifyResult(False, problems, manifest, checks, by_name, **named)
    checks.append("every listed member is present, in order, and nothing else")
    if manifest.get("tables"):
        checks.append(f"each of the manifest's {len(manifest['tables'])} tables is a listed member, and its links "
                      "are to tables of the package")

    # 3. Integrity of each encrypted member (and of the optional CMS signature).
    if manifest.get("cms"):
        from curator.package.cms import verify_detached  # cryptography's CMS, only for packages that have one

        cms_bytes = _read(handle, by_name[mf.CMS_NAME])
        verified[mf.CMS_NAME] = cms_bytes
        problems.extend(verify_detached(cms_bytes, manifest_bytes, manifest["cms"]["certificate_sha256"]))
        if not problems:
            checks.append(f"manifest.json.p7s is a valid CMS signature by {manifest['cms'].get('subject')}")
    encrypted = [(name, size, sha256) for name, size, sha256 in layout if sha256 is not None]
    recipients = len(manifest["recipients"])
    problems.extend(_check_encrypted(handle, encrypted, by_name, recipients, progress))
    if not problems:
        checks.append(f"each of the {len(encrypted)} encrypted entries has the size and SHA-256 the manifest gives")
        checks.append(f"each encrypted entry holds {recipients} X25519 recipient stanza(s), as many as the manifest "
                      "names recipients; which keys they are cannot be seen without an identity ('curator open' "
                      "checks that yours is one of them)")
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "verified"))
    return VerifyResult(not problems, problems, manifest, checks, by_name, **named,
                        verified=verified if not problems else {})


def _read_layout(handle: BinaryIO, total_size: int, checks: list[str]) -> list[Entry] | VerifyResult:
    """The archive's entries, or the refusal of an archive that is unsound or does not begin as curator's."""
    entries: list[Entry] = []
    try:
        for entry in read_entries(handle, total_size, mf.MAX_ENTRIES):
            entries.append(entry)
    except TarLayoutError as exc:
        return VerifyResult(False, [Text(QT_TRANSLATE_NOOP("core", "the package is not a sound archive: {reason}"),
                                         reason=str(exc))], None)
    checks.append(f"the archive is well formed ({len(entries)} entries)")
    names = [entry.name for entry in entries]
    if names[:2] != [mf.MANIFEST_NAME, mf.SIGNATURE_NAME]:
        found = ", ".join(printable(name) for name in names[:2]) or Text(QT_TRANSLATE_NOOP("core", "nothing"))
        return VerifyResult(False, [Text(QT_TRANSLATE_NOOP("core", "the package should begin with {manifest} and "
                                                                   "{signature}; it begins with {found}"),
                                         manifest=mf.MANIFEST_NAME, signature=mf.SIGNATURE_NAME, found=found)], None)
    for entry in entries[:3]:
        limit = _SMALL_LIMITS.get(entry.name)
        if limit is not None and entry.size > limit:
            return VerifyResult(False, [Text(QT_TRANSLATE_NOOP("core", "{name} is {size} bytes, far larger than "
                                                                       "curator writes"),
                                             name=entry.name, size=entry.size)], None)
    return entries


def _authenticate(manifest_bytes: bytes, signature_bytes: bytes, public_key: minisign.PublicKey,
                  checks: list[str]) -> tuple[dict[str, Any], dict[str, Any], list[str]] | VerifyResult:
    """(manifest, what the signature names, problems found so far), or the refusal of a manifest whose
    signature, trusted comment or form is not curator's."""
    problems = _check_signature(manifest_bytes, signature_bytes, public_key)
    if problems:
        return VerifyResult(False, problems, None)
    comment = minisign.Signature.from_bytes(signature_bytes).trusted_comment
    checks.append(f"manifest.json is signed by the producer key {signer_key_id(public_key)}")
    said = parse_trusted_comment(comment)
    named = {"signature_comment": comment, "submission_id": said.get("submission"), "created": said.get("created")}
    if not said:
        return VerifyResult(False, [Text(QT_TRANSLATE_NOOP("core", "the signature's trusted comment ('{comment}') is "
                                                                   "not the one curator writes ('curator "
                                                                   "submission:... created:... file:manifest.json')"),
                                         comment=printable(comment))], None, checks, **named)
    manifest, problems = mf.parse_manifest(manifest_bytes)
    if manifest is None or problems:
        return VerifyResult(False, problems, None, checks, **named)
    # Field by field: a signature made for another submission, time or file is no proof of this one.
    for key, expected in (("submission", manifest["submission_id"]), ("created", manifest["created"]),
                          ("file", mf.MANIFEST_NAME)):
        if said[key] != expected:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "the signature's trusted comment gives {field} "
                                                           "'{found}' where the manifest gives '{expected}': the "
                                                           "signature belongs to another submission"),
                                 field=key, found=printable(said[key]), expected=expected))
    if problems:
        return VerifyResult(False, problems, None, checks, **named)
    if manifest["signer"]["minisign_key_id"] != signer_key_id(public_key):
        problems.append(Text(QT_TRANSLATE_NOOP("core", "manifest.json names signer key {named}, but it is signed by "
                                                       "{actual}"),
                             named=manifest["signer"]["minisign_key_id"], actual=signer_key_id(public_key)))
    checks.append("manifest.json is well formed, and the signature's trusted comment gives its submission id, "
                  "creation time and file name")
    return manifest, named, problems


def _check_encrypted(handle: BinaryIO, encrypted: list[tuple[str, int | None, str]], by_name: dict[str, Entry],
                     recipients: int, progress: ProgressCallback | None) -> list[str]:
    """Each encrypted entry's size, SHA-256 and count of recipient stanzas against the signed manifest."""
    problems: list[str] = []
    total = sum(by_name[name].size for name, _, _ in encrypted) or 1
    done = 0
    for name, size, sha256 in encrypted:
        entry = by_name[name]
        if entry.size != size:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "{name} holds {size} bytes where the signed manifest says "
                                                           "{expected}: the member was altered or replaced"),
                                 name=name, size=entry.size, expected=size))
            continue
        handle.seek(entry.data_offset)
        head = handle.read(min(entry.size, 4096))
        stanzas = count_x25519_stanzas(head)
        if stanzas is None:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "{name} does not begin with an age header: it was altered"),
                                 name=name))
        elif stanzas != recipients:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "{name} is encrypted to {keys} X25519 keys; the manifest "
                                                           "names {recipients}"),
                                 name=name, keys=stanzas, recipients=recipients))
        digest = hashlib.sha256(head)
        left = entry.size - len(head)
        while left:
            chunk = handle.read(min(1 << 20, left))
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
            done += len(chunk)
            report(progress, done / total, Text(QT_TRANSLATE_NOOP("core", "checking {name}"), name=name))
        if digest.hexdigest() != sha256:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "{name}: its SHA-256 ({actual}...) differs from the signed "
                                                           "manifest's ({expected}...): the member was altered or "
                                                           "replaced"),
                                 name=name, actual=digest.hexdigest()[:16], expected=sha256[:16]))
    return problems


def parse_trusted_comment(comment: str) -> dict[str, str]:
    """The fields of the trusted comment curator writes (``curator submission:ID created:TIME file:NAME``),
    or {} when it is not of that form."""
    words = comment.split(" ")
    if len(words) != 4 or words[0] != "curator":
        return {}
    fields = dict(word.partition(":")[::2] for word in words[1:])
    return fields if list(fields) == ["submission", "created", "file"] else {}


def _check_signature(manifest_bytes: bytes, signature_bytes: bytes, public_key: minisign.PublicKey) -> list[str]:
    try:
        signature = minisign.Signature.from_bytes(signature_bytes)
    except (minisign.Error, ValueError) as exc:
        return [Text(QT_TRANSLATE_NOOP("core", "manifest.json.minisig is not a minisign signature ({reason}): it was "
                                               "altered"), reason=str(exc))]
    if signature_key_id(signature) != signer_key_id(public_key):
        return [Text(QT_TRANSLATE_NOOP("core", "manifest.json is signed by another key (key id {actual}), not by the "
                                               "producer key you gave ({expected})"),
                     actual=signature_key_id(signature), expected=signer_key_id(public_key))]
    try:
        public_key.verify(manifest_bytes, signature)
    except minisign.Error:
        return [Text(QT_TRANSLATE_NOOP("core", "the signature does not match manifest.json: the manifest or its "
                                               "signature was altered"))]
    if signature.untrusted_comment != mf.SIGNATURE_UNTRUSTED_COMMENT or bytes(signature) + b"\n" != signature_bytes:
        return [Text(QT_TRANSLATE_NOOP("core", "manifest.json.minisig is not in the form curator writes (its "
                                               "untrusted comment or line ends changed): it was altered"))]
    return []


SHOWN_NAMES = 5     # names listed in one problem; the rest are counted


def listed(names: list[str]) -> str:
    """A few names, escaped, and how many more."""
    shown = ", ".join(printable(name) for name in names[:SHOWN_NAMES])
    return shown + (f" and {len(names) - SHOWN_NAMES:,} more" if len(names) > SHOWN_NAMES else "")


def _check_layout(actual: list[str], expected: list[str]) -> list[str]:
    if actual == expected:
        return []
    problems: list[str] = []
    counts = Counter(actual)
    for name, count in list(counts.items()):
        if count > 1 and len(problems) < SHOWN_NAMES:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "{name} appears {count} times in the package"),
                                 name=printable(name), count=count))
    wanted = set(expected)
    missing = [name for name in expected if name not in counts]
    extra = [name for name in counts if name not in wanted]
    if missing:
        problems.append(Text(QT_TRANSLATE_NOOP("core", "listed in the manifest but missing from the package: "
                                                       "{names}"), names=listed(missing)))
    if extra:
        problems.append(Text(QT_TRANSLATE_NOOP("core", "in the package but not listed in the manifest: {names}"),
                             names=listed(extra)))
    if not problems:
        problems.append(Text(QT_TRANSLATE_NOOP("core", "the entries are out of order: {actual} where the manifest "
                                                       "gives {expected}"),
                             actual=listed(actual), expected=listed(expected)))
    return problems
