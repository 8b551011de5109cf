"""The manifest: canonical JSON, its reserved fields, and the check of its form.

Canonical form: UTF-8, keys sorted, no spaces, no NaN, one trailing newline absent. The same
object always gives the same bytes, so the verifier can demand that the signed bytes are exactly
the canonical form of what they say (no duplicate keys, no second reading of the same text).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import numpy as np

from curator.redact import printable

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
# Matched whole (``fullmatch``): a ``$`` would let a trailing newline through.
MEMBER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")
# Names Windows gives to devices, whatever follows the first dot: a member so named cannot be written there.
_WINDOWS_DEVICE = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)
_HEX64 = re.compile(r"[0-9a-f]{64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CREATED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
# The format's bounds: a package holding more is refused before any of it is believed.
MAX_MEMBERS = 64
MAX_ENTRIES = MAX_MEMBERS + 4          # manifest, signature, CMS signature, digest list
MAX_JSON_DEPTH = 16                    # curator's manifest nests 6 deep, its digest list 3
MANIFEST_MAX_BYTES = 16 << 20
DIGESTS_MAX_BYTES = 1 << 20


def recipient_fingerprint(recipient: str) -> str:
    """A short, stable name for a recipient key: SHA-256 of its age1... text."""
    return "SHA256:" + hashlib.sha256(recipient.encode("ascii", "replace")).hexdigest()


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def reserved_name(name: str) -> bool:
    """The package's own files, in any case (a case-insensitive disk holds one of each)."""
    return name.lower() in (MANIFEST_NAME, SIGNATURE_NAME, CMS_NAME, DIGESTS_NAME)


def check_member_name(name: str) -> str | None:
    """Why ``name`` cannot be a payload member's name, or None when it can."""
    shown = printable(name)
    if not MEMBER_NAME.fullmatch(name) or name.lower().endswith(ENCRYPTED_SUFFIX) or name.endswith("."):
        return (f"'{shown}' is not a usable member name: letters, digits, '.', '_' and '-' only, starting with a "
                "letter or digit, at most 81 characters, not ending in '.' or .age")
    if _WINDOWS_DEVICE.fullmatch(name):
        return f"'{shown}' is a device name on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9), where it cannot be a file"
    if reserved_name(name):
        return f"'{shown}' is reserved for the package's own files"
    return None


def member_name_clash(names: list[str]) -> str | None:
    """The first name given twice, in any case ('Data.parquet' and 'data.parquet' are one file on
    Windows and macOS), as 'a' or 'a' and 'A'; None when every name is distinct."""
    seen: dict[str, str] = {}
    for name in names:
        earlier = seen.get(name.lower())
        if earlier is not None:
            return f"'{printable(name)}'" if earlier == name else f"'{printable(earlier)}' and '{printable(name)}'"
        seen[name.lower()] = name
    return None


class JsonLimitError(ValueError):
    """A JSON document beyond the size or nesting curator writes."""


def load_json(data: bytes, what: str, max_bytes: int, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse ``data`` as strict JSON (UTF-8, no NaN) within a size and a nesting bound.

    The nesting is measured before parsing (brackets outside strings, in C speed), as the standard
    parser recurses once per level and would otherwise run out of stack on a hostile document.
    Raises :class:`JsonLimitError` or ``ValueError`` with a message naming ``what``.
    """
    if len(data) > max_bytes:
        raise JsonLimitError(f"{what} is {len(data):,} bytes, more than the {max_bytes:,} the format allows")
    depth = json_depth(data)
    if depth > max_depth:
        raise JsonLimitError(f"{what} nests {depth} levels deep, more than the {max_depth} the format allows")
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"{what} is not valid JSON ({printable(exc)})") from exc


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)   # unrolled: one step per run of plain bytes


def json_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects in ``data`` (strings skipped)."""
    bare = np.frombuffer(_JSON_STRING.sub(b"", data), dtype=np.uint8)
    steps = (np.isin(bare, (ord("["), ord("{"))).astype(np.int64)
             - np.isin(bare, (ord("]"), ord("}"))).astype(np.int64))
    return int(np.cumsum(steps).max()) if len(steps) else 0


def parse_manifest(data: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """Decode the manifest and check its form: (manifest or None, problems)."""
    try:
        value = load_json(data, MANIFEST_NAME, MANIFEST_MAX_BYTES)
    except ValueError as exc:
        return None, [str(exc)]
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
    if not isinstance(value.get("sha256"), str) or not _HEX64.fullmatch(value["sha256"]):
        problems.append(f"{where}: the encrypted SHA-256 is missing or malformed")
    return problems


def _check_form(manifest: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if manifest.get("format") != FORMAT:
        problems.append(f"manifest.json: 'format' is {manifest.get('format')!r}, expected '{FORMAT}'")
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"manifest.json: format version {manifest.get('format_version')!r} is not one this "
                        f"curator reads (it reads version {FORMAT_VERSION}); update curator")
    if not isinstance(manifest.get("submission_id"), str) or not _UUID.fullmatch(manifest["submission_id"]):
        problems.append("manifest.json: 'submission_id' is missing or not a UUID")
    if not isinstance(manifest.get("created"), str) or not _CREATED.fullmatch(manifest["created"]):
        problems.append("manifest.json: 'created' is missing or not a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
    problems.extend(check_clear_fields(manifest, "manifest.json"))
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
    elif len(members) > MAX_MEMBERS:
        problems.append(f"manifest.json lists {len(members):,} members; the format allows at most {MAX_MEMBERS}")
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
            if name.lower() in seen:
                problems.append(f"manifest.json: member '{name}' is listed twice (letter case aside)")
            seen.add(name.lower())
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
    if isinstance(members, list) and "tables" in manifest:
        problems.extend(check_tables(manifest["tables"], [m.get("name") for m in members if isinstance(m, dict)]))
    cms = manifest.get("cms")
    if cms is not None and (not isinstance(cms, dict) or cms.get("file") != CMS_NAME
                            or not _HEX64.fullmatch(str(cms.get("certificate_sha256", "")))):
        problems.append("manifest.json: the 'cms' entry is malformed")
    return problems


TABLE_SUFFIX = ".parquet"


def check_tables(tables: Any, member_names: list[Any]) -> list[str]:
    """Where the manifest's ``tables`` disagree with its members: each table is the member
    '<name>.parquet', named once, and a foreign key refers to a table of the package. (Their form is the
    allow-list's business.) The first 20 problems are said, the others counted: a hostile list may hold
    millions."""
    if not isinstance(tables, list) or not all(isinstance(t, dict) and isinstance(t.get("name"), str) for t in tables):
        return []
    said: list[str] = []
    count = 0

    def problem(text: str) -> None:
        nonlocal count
        count += 1
        if len(said) < 20:
            said.append(f"manifest.json: {text}")

    members = {name for name in member_names if isinstance(name, str)}
    names = [table["name"] for table in tables]
    known = set(names)
    for name in names:
        if name + TABLE_SUFFIX not in members:
            problem(f"table '{printable(name)}' has no member '{printable(name)}{TABLE_SUFFIX}'")
    clash = member_name_clash(names)
    if clash:
        problem(f"the table name {clash} is given twice (letter case aside)")
    for table in tables:
        keys = table.get("foreign_keys")
        for key in keys if isinstance(keys, list) else []:
            references = key.get("references") if isinstance(key, dict) else None
            target = references.get("table") if isinstance(references, dict) else None
            if isinstance(target, str) and target not in known:
                problem(f"a foreign key of table '{printable(table['name'])}' refers to '{printable(target)}', "
                        "which is not one of its tables")
    return said + ([f"and {count - len(said):,} more problems with its tables"] if count > len(said) else [])


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


# --- the clear part's allow-list -------------------------------------------------------------------
#
# Every byte of manifest.json is public. It may hold only the fields below, each of its kind: ids,
# the producer's and the dataset's own description, counts, column names and types, the member
# digests and the privacy figures. No key may hold a cell value, a path or a source file's name;
# what the drift report says about values and files travels in the encrypted curation report.
# docs/package-format.md lists the same fields; a test holds the two together.

@dataclass(frozen=True)
class Kind:
    """One kind of JSON value: its name in the docs and the test it must pass."""

    name: str
    test: Callable[[Any], bool]


def _text(limit: int) -> Kind:
    return Kind(f"text of at most {limit} characters", lambda v: isinstance(v, str) and len(v) <= limit)


def _pattern(name: str, regex: str) -> Kind:
    compiled = re.compile(regex)
    return Kind(name, lambda v: isinstance(v, str) and compiled.fullmatch(v) is not None)


def _one_of(*choices: str) -> Kind:
    return Kind("one of " + ", ".join(choices), lambda v: v in choices)


def _optional(kind: Kind) -> Kind:
    return Kind(f"{kind.name}, or null", lambda v: v is None or kind.test(v))


COUNT = Kind("whole number ≥ 0", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0)
NUMBER = Kind("number", lambda v: isinstance(v, int | float) and not isinstance(v, bool))
FLAG = Kind("true or false", lambda v: isinstance(v, bool))
NAME = _text(256)                  # a column name, a concept id, a producer id
TEXT = _text(2000)                 # the producer's own words for the dataset
HEX = _pattern("hexadecimal digest", r"(SHA256:)?[0-9a-f]{64}")
ACTIONS = ("keep", "drop", "pseudonymise", "generalise", "date_shift", "age_at", "band", "top_code", "bottom_code",
           "hierarchy", "rare_to_other", "scrub")
VALUE_TYPES = ("date", "integer", "number", "text", "empty")
HIERARCHY_RULE = _pattern("hierarchy rule (digits, date, intervals:W1,...) or 'file'",
                          r"digits|date|file|intervals:[0-9.]+(,[0-9.]+)*")
# A transform's settings, as the clear part gives them: numbers, enumerated words and column names.
PARAMS: dict[str, Any] = {
    "kind": _one_of("generic", "nir", "name"),
    "to": _one_of("year", "year_month", "quarter", "department", "region"),
    "person_column": NAME, "reference": NAME, "max_days": NUMBER, "threshold": NUMBER, "other": _text(40),
    "width": NUMBER, "edges": [NUMBER], "max": NUMBER, "top": NUMBER, "min": NUMBER, "bottom": NUMBER,
    "level": COUNT, "hierarchy": HIERARCHY_RULE,
}
RISK: dict[str, Any] = {
    "records": COUNT, "quasi_identifiers": [NAME], "classes": COUNT, "sample_uniques": COUNT,
    "sample_unique_fraction": NUMBER, "average_risk": NUMBER, "highest_risk": NUMBER, "smallest_class": COUNT,
    "class_size_distribution": [{"sizes": _pattern("class sizes", r"[0-9]+(-[0-9]+|\+)?"), "classes": COUNT,
                                 "records": COUNT}],
    "k": _optional(COUNT), "records_below_k": _optional(COUNT), "classes_below_k": _optional(COUNT),
    "l_diversity": {"sensitive": NAME, "l": COUNT, "classes_with_one_value": COUNT, "records_with_one_value": COUNT},
    "unit": _one_of("records", "persons"),   # what "records" counts: rows, or distinct persons
    # a linked submission's Reach k across its tables (curator.protect.personreach): what was suppressed
    "suppression": {"unit": _one_of("persons"), "suppression_unit": _one_of("records", "cells"), "persons": COUNT,
                    "cells_suppressed": COUNT, "persons_touched": COUNT, "persons_suppressed": COUNT,
                    "cells_per_column": {"*": COUNT}},
}
ENCRYPTED = {"size": COUNT, "sha256": HEX}
CLEAR_FIELDS: dict[str, Any] = {
    # filled in by write_package
    "format": _one_of(FORMAT), "format_version": COUNT, "submission_id": _pattern("UUID", _UUID.pattern),
    "created": _pattern("UTC time", _CREATED.pattern), "tool": {"name": NAME, "version": NAME},
    "recipients": [{"key": _pattern("age recipient", r"age1[02-9ac-hj-np-z]{58}"), "fingerprint": HEX}],
    "signer": {"minisign_key_id": _pattern("minisign key id", r"[0-9A-F]{16}")},
    "members": [{"name": NAME, "file": NAME, "size": COUNT, "encrypted": ENCRYPTED}],
    "digests": {"file": _one_of(DIGESTS_NAME + ENCRYPTED_SUFFIX), "encrypted": ENCRYPTED},
    "cms": {"file": _one_of(CMS_NAME), "certificate_sha256": HEX, "subject": TEXT},
    # given by the producer's export
    "producer": {"id": NAME, "name": TEXT},
    "dataset": {"title": TEXT, "description": TEXT, "period": NAME},
    "vocabulary": {"id": NAME, "version": NAME, "checksum": NAME},
    "source": {"format": NAME, "rows": COUNT},
    "decisions": {
        "columns": [{"source": NAME, "concept": _optional(NAME), "action": _one_of(*ACTIONS), "params": PARAMS,
                     "identifying": _optional(_one_of("direct", "quasi", "sensitive", "none")),
                     "keep_confirmed": FLAG}],
        "dropped_unmapped": [NAME], "kept_direct": [NAME], "quasi_identifiers": [NAME],
        "k_target": _optional(COUNT), "suppression_cap": NUMBER, "generalisation": {"*": COUNT},
        "suppressed_records": COUNT,
        "accept_below_k": {"reason": TEXT},      # the producer's reason for a package below k_target
    },
    "risk": RISK,                          # or null, when no quasi-identifier is named
    "apply": {"drift": {"drift": FLAG, "new_columns": [NAME], "missing_columns": [NAME],
                        "renamed": [{"old": NAME, "new": NAME}],
                        "new_codes": [{"column": NAME, "values": COUNT, "rows": COUNT}],
                        "type_changes": [{"column": NAME, "was": _one_of(*VALUE_TYPES), "now": _one_of(*VALUE_TYPES)}],
                        "notes": COUNT},
              "skipped": COUNT},
    "rows": COUNT, "columns": COUNT,
    "schema": [{"name": NAME, "type": NAME}],
    # the submission's tables (curator.package.datapackage): each the member '<name>.parquet'
    "tables": [{"name": NAME, "rows": COUNT, "columns": [{"name": NAME, "type": NAME}], "primary_key": [NAME],
                "foreign_keys": [{"columns": [NAME], "references": {"table": NAME, "columns": [NAME]}}]}],
}
MAX_LIST = 100_000


def check_clear_fields(value: dict[str, Any], where: str = "manifest") -> list[str]:
    """Where ``value`` strays from the allow-list: each problem names the field, never its value."""
    problems: list[str] = []
    _check_shape(value, CLEAR_FIELDS, where, problems)
    return problems[:20] + ([f"and {len(problems) - 20} more fields outside the allow-list"]
                            if len(problems) > 20 else [])


def _check_shape(value: Any, shape: Any, where: str, problems: list[str]) -> None:
    if value is None and shape is RISK:
        return
    if isinstance(shape, Kind):
        if not shape.test(value):
            problems.append(f"{where} should be {shape.name}")
    elif isinstance(shape, list):
        if not isinstance(value, list) or len(value) > MAX_LIST:
            problems.append(f"{where} should be a list")
            return
        for number, item in enumerate(value):
            _check_shape(item, shape[0], f"{where}[{number}]", problems)
    elif not isinstance(value, dict):
        problems.append(f"{where} should be an object")
    else:
        for key, item in value.items():
            field_shape = shape.get(key, shape.get("*"))
            if field_shape is None or (key not in shape and not NAME.test(key)):
                # The field's name is not repeated: it may be what should not be there.
                problems.append(f"{where} holds a field outside the allow-list")
            else:
                _check_shape(item, field_shape, f"{where}.{key}", problems)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COLUMN_PARAMS = ("person_column", "reference")


def clear_params(params: dict[str, Any], columns: Collection[str] = ()) -> dict[str, Any]:
    """A transform's settings as the clear part may give them: the allow-listed ones that fit their kind;
    a column setting only when it names one of ``columns`` (or, for a reference, is a YYYY-MM-DD date);
    an ARX hierarchy's file said to be a file, not named. The full settings are in the curation report."""
    kept: dict[str, Any] = {}
    for key, value in params.items():
        shape = PARAMS.get(key)
        if shape is None:
            continue
        if key in _COLUMN_PARAMS and not (isinstance(value, str) and (
                value in columns or (key == "reference" and _DATE.fullmatch(value)))):
            continue
        problems: list[str] = []
        _check_shape(value, shape, key, problems)
        if not problems:
            kept[key] = value
        elif key == "hierarchy":
            kept[key] = "file"
    return kept
