"""The manifest: canonical JSON, its reserved fields, and the check of its form.

Canonical form: UTF-8, keys sorted, no spaces, no NaN, one trailing newline absent. The same
object always gives the same bytes, so the verifier can demand that the signed bytes are exactly
the canonical form of what they say (no duplicate keys, no second reading of the same text).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

FORMAT = "curator-package"
FORMAT_VERSION = 1
DIGESTS_FORMAT = "curator-digests"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
CMS_NAME = "manifest.json.p7s"
DIGESTS_NAME = "digests.json"
SIGNATURE_UNTRUSTED_COMMENT = "signature of a curator submission manifest"
ENCRYPTED_SUFFIX = ".age"
# Filled in by write_package; a caller's value for these is an error (they carry the package's proof)...
RESERVED_FIELDS = ("format", "format_version", "submission_id", "recipients", "signer", "members", "digests", "cms")
# ...while a caller's value for these is replaced by write_package's own (same meaning, one source).
OVERRIDDEN_FIELDS = ("created", "tool")
MEMBER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def recipient_fingerprint(recipient: str) -> str:
    """A short, stable name for a recipient key: SHA-256 of its age1... text."""
    return "SHA256:" + hashlib.sha256(recipient.encode("ascii", "replace")).hexdigest()


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def reserved_name(name: str) -> bool:
    return name in (MANIFEST_NAME, SIGNATURE_NAME, CMS_NAME, DIGESTS_NAME)


def check_member_name(name: str) -> str | None:
    """Why ``name`` cannot be a payload member's name, or None when it can."""
    if not MEMBER_NAME.match(name) or name.endswith(ENCRYPTED_SUFFIX):
        return (f"'{name}' is not a usable member name: letters, digits, '.', '_' and '-' only, starting with a "
                "letter or digit, at most 81 characters, not ending in .age")
    if reserved_name(name):
        return f"'{name}' is reserved for the package's own files"
    return None


def parse_manifest(data: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """Decode the manifest and check its form: (manifest or None, problems)."""
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        return None, [f"manifest.json is not valid JSON ({exc})"]
    if not isinstance(value, dict):
        return None, ["manifest.json is not a JSON object"]
    problems: list[str] = []
    if canonical_json(value) != data:
        problems.append("manifest.json is not in canonical form (sorted keys, no spaces): it was not written "
                        "by curator, or was altered")
    problems.extend(_check_form(value))
    return value, problems


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _check_encrypted(where: str, value: Any) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: 'encrypted' is missing"]
    problems = []
    if not isinstance(value.get("size"), int) or value["size"] < 0:
        problems.append(f"{where}: the encrypted size is missing or not a whole number")
    if not isinstance(value.get("sha256"), str) or not _HEX64.match(value["sha256"]):
        problems.append(f"{where}: the encrypted SHA-256 is missing or malformed")
    return problems


def _check_form(manifest: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if manifest.get("format") != FORMAT:
        problems.append(f"manifest.json: 'format' is {manifest.get('format')!r}, expected '{FORMAT}'")
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"manifest.json: format version {manifest.get('format_version')!r} is not one this "
                        f"curator reads (it reads version {FORMAT_VERSION}); update curator")
    if not isinstance(manifest.get("submission_id"), str) or not _UUID.match(manifest["submission_id"]):
        problems.append("manifest.json: 'submission_id' is missing or not a UUID")
    if not isinstance(manifest.get("created"), str):
        problems.append("manifest.json: 'created' is missing")
    recipients = manifest.get("recipients")
    if not isinstance(recipients, list) or not recipients:
        problems.append("manifest.json: no recipient is named")
    else:
        for number, recipient in enumerate(recipients, start=1):
            if (not isinstance(recipient, dict) or not str(recipient.get("key", "")).startswith("age1")
                    or recipient.get("fingerprint") != recipient_fingerprint(str(recipient["key"]))):
                problems.append(f"manifest.json: recipient {number} is malformed")
    signer = manifest.get("signer")
    if not isinstance(signer, dict) or not isinstance(signer.get("minisign_key_id"), str):
        problems.append("manifest.json: 'signer' is missing")
    members = manifest.get("members")
    if not isinstance(members, list) or not members:
        problems.append("manifest.json: no payload member is listed")
    else:
        seen: set[str] = set()
        for number, member in enumerate(members, start=1):
            if not isinstance(member, dict):
                problems.append(f"manifest.json: member {number} is malformed")
                continue
            name = member.get("name")
            if not isinstance(name, str):
                problems.append(f"manifest.json: member {number}: its name is missing")
                continue
            why = check_member_name(name)
            if why:
                problems.append(f"manifest.json: member {number}: {why}")
                continue
            if name in seen:
                problems.append(f"manifest.json: member '{name}' is listed twice")
            seen.add(name)
            if member.get("file") != name + ENCRYPTED_SUFFIX:
                problems.append(f"manifest.json: member '{name}' should be stored as '{name}{ENCRYPTED_SUFFIX}'")
            if not isinstance(member.get("size"), int) or member["size"] < 0:
                problems.append(f"manifest.json: member '{name}': the size is missing or not a whole number")
            problems.extend(_check_encrypted(f"manifest.json: member '{name}'", member.get("encrypted")))
    digests = manifest.get("digests")
    if not isinstance(digests, dict) or digests.get("file") != DIGESTS_NAME + ENCRYPTED_SUFFIX:
        problems.append("manifest.json: the 'digests' entry is missing or malformed")
    else:
        problems.extend(_check_encrypted("manifest.json: digests", digests.get("encrypted")))
    cms = manifest.get("cms")
    if cms is not None and (not isinstance(cms, dict) or cms.get("file") != CMS_NAME
                            or not _HEX64.match(str(cms.get("certificate_sha256", "")))):
        problems.append("manifest.json: the 'cms' entry is malformed")
    return problems


def expected_layout(manifest: dict[str, Any]) -> list[tuple[str, int | None, str | None]]:
    """The archive's entries in order: (name, size or None when not known in advance, SHA-256 or None)."""
    layout: list[tuple[str, int | None, str | None]] = [(MANIFEST_NAME, None, None), (SIGNATURE_NAME, None, None)]
    if manifest.get("cms"):
        layout.append((CMS_NAME, None, None))
    digests = manifest["digests"]
    layout.append((digests["file"], digests["encrypted"]["size"], digests["encrypted"]["sha256"]))
    for member in manifest["members"]:
        layout.append((member["file"], member["encrypted"]["size"], member["encrypted"]["sha256"]))
    return layout
