"""Signing keys (minisign format) and recipient keys (age X25519), in the stock tools' own formats.

A key made by ``minisign -G`` (with or without ``-W``) or ``age-keygen`` works here as it is, and a
key made here works with those tools. Secret keys are protected by a passphrase with scrypt: the
minisign format's own protection for signing keys, age's passphrase mode for recipient identities.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import minisign
import pyrage

from curator import agepass
from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text, word
from curator.package.manifest import recipient_fingerprint
from curator.redact import printable, secret_kind
from curator.workspace import write_atomic

__all__ = ["identity_needs_passphrase", "load_identity", "load_recipients", "load_signer", "load_signing_key",
           "new_recipient_key", "new_signing_key", "recipient_fingerprint", "signature_key_id", "signer_key_id"]

AGE_RECIPIENT_PREFIX = "age1"
AGE_SECRET_PREFIX = "AGE-SECRET-KEY-1"
# scrypt N=2^18, r=8, p=1 (256 MiB, about a second): age's own passphrase strength. py-minisign's
# default is the "interactive" level (32 MiB), too weak for a key on a shared workstation; stock
# minisign's "sensitive" level (1 GiB) is too heavy for the machines producers use.
SIGNING_KEY_OPSLIMIT = 8 * 1024 * 1024
SIGNING_KEY_MEMLIMIT = 256 * 1024 * 1024
_PASSPHRASE_HINT = Text(QT_TRANSLATE_NOOP("core", "Give the key's passphrase (on a terminal, or with --passphrase-file)."))


def _write_new(path: Path, data: bytes, secret: bool) -> None:
    """Write ``path`` through a new private ``path.part`` (see :func:`curator.workspace.atomic_output`);
    never over an existing key."""
    _check_free(path)
    write_atomic(path, data, mode=0o600 if secret else 0o644)


def _check_free(*paths: Path) -> None:
    """Refuse before anything is written: an existing key, or a ``.part`` in the way (a planted symlink, say)."""
    for path in paths:
        if os.path.lexists(path):
            raise InputError("the file exists already; curator never overwrites a key", Location(file=path),
                             hint="Choose another name or move the old key away.")
        part = path.with_name(path.name + ".part")
        if os.path.lexists(part):
            raise InputError(f"{part.name} exists already (left by an interrupted run, or put there by someone "
                             "else); curator does not write a key through it", Location(file=part),
                             hint="Look at what it is, remove it, and run again.")


def _check_new_passphrase(passphrase: str | None) -> None:
    if passphrase is not None and not passphrase:
        raise InputError("an empty passphrase does not protect a key",
                         hint="Choose a passphrase, or make the key without one on purpose.")


def _key_files(basename: Path) -> tuple[Path, Path]:
    basename = Path(basename)
    return basename.with_name(basename.name + ".key"), basename.with_name(basename.name + ".pub")


# --- signing keys (minisign) ------------------------------------------------------------------

def new_signing_key(basename: Path, passphrase: str | None) -> tuple[Path, Path]:
    """Write BASENAME.key (minisign secret key, scrypt-protected unless ``passphrase`` is None) and BASENAME.pub."""
    _check_new_passphrase(passphrase)
    secret_path, public_path = _key_files(basename)
    _check_free(secret_path, public_path)
    pair = minisign.KeyPair.generate()
    secret = pair.secret_key
    if passphrase is not None:
        secret.encrypt(passphrase, opslimit=SIGNING_KEY_OPSLIMIT, memlimit=SIGNING_KEY_MEMLIMIT)
    _write_new(secret_path, bytes(secret) + b"\n", secret=True)
    _write_new(public_path, bytes(pair.public_key) + b"\n", secret=False)
    secret.wipe()
    return secret_path, public_path


def load_signing_key(path: Path | str, passphrase: str | None) -> minisign.SecretKey:
    """A minisign secret key, decrypted and ready to sign."""
    path = Path(path)
    data = _read_key_file(path, QT_TRANSLATE_NOOP("core", "signing key"))
    try:
        key = minisign.SecretKey.from_bytes(data)
    except (minisign.Error, ValueError) as exc:
        raise InputError(f"this is not a minisign secret key ({exc})", Location(file=path),
                         hint=_wrong_kind_hint(data, "a producer signing key (.key from 'curator keys new-signing' "
                                                     "or 'minisign -G')")) from exc
    if key.is_encrypted():
        if passphrase is None:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the signing key is protected by a passphrase, and none was given")),
                             Location(file=path), hint=_PASSPHRASE_HINT)
        try:
            key.decrypt(passphrase)
        except minisign.Error as exc:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "wrong passphrase for the signing key")), Location(file=path),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Type the passphrase chosen when the key was made; keys cannot be recovered "
                                       "without it."))) from exc
    return key


def load_signer(path_or_text: Path | str | minisign.PublicKey) -> minisign.PublicKey:
    """A producer's minisign public key, from a .pub file, its two-line text, or its one-line base64 (RWQ...)."""
    if isinstance(path_or_text, minisign.PublicKey):
        return path_or_text
    text = str(path_or_text).strip()
    kind = secret_kind(text)
    if kind:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "this is {kind}, not the producer's public key"),
                              kind=word(kind)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the producer's public key: the .pub file, or its "
                                                             "'RW...' line (56 characters).")))
    if isinstance(path_or_text, str) and text.startswith("RW") and "\n" not in text and not Path(text).exists():
        try:
            return minisign.PublicKey.from_base64(text)
        except (minisign.Error, ValueError) as exc:
            raise InputError(f"'{printable(text[:70])}' is not a minisign public key ({exc})",
                             hint="Give the producer's .pub file or its 'RW...' line.") from exc
    if isinstance(path_or_text, str) and text.startswith("untrusted comment:"):
        data = text.encode()
        where = None
    else:
        where = Path(path_or_text)
        data = _read_key_file(where, QT_TRANSLATE_NOOP("core", "signer's public key"))
    try:
        return minisign.PublicKey.from_bytes(data.strip() + b"\n")
    except (minisign.Error, ValueError) as exc:
        raise InputError(f"this is not a minisign public key ({exc})", Location(file=where) if where else None,
                         hint=_wrong_kind_hint(data, "the producer's public key (.pub from 'curator keys "
                                                     "new-signing' or 'minisign -G')")) from exc


def signer_key_id(key: minisign.PublicKey | minisign.SecretKey) -> str:
    """The key id minisign prints and puts in signatures, as upper-case hex."""
    public = key.get_public_key() if isinstance(key, minisign.SecretKey) else key
    return bytes(public._keynum_pk.key_id)[::-1].hex().upper()


def signature_key_id(signature: minisign.Signature) -> str:
    return bytes(signature._key_id)[::-1].hex().upper()


# --- recipient keys (age X25519) --------------------------------------------------------------

def new_recipient_key(basename: Path, passphrase: str | None = None) -> tuple[Path, Path]:
    """Write BASENAME.key (age identity as age-keygen writes it; age-passphrase-encrypted if asked) and BASENAME.pub."""
    _check_new_passphrase(passphrase)
    secret_path, public_path = _key_files(basename)
    _check_free(secret_path, public_path)
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    text = f"# created: {created}\n# public key: {recipient}\n{identity}\n".encode()
    if passphrase is not None:
        text = agepass.encrypt(text, passphrase, armored=True)
    _write_new(secret_path, text, secret=True)
    _write_new(public_path, f"{recipient}\n".encode(), secret=False)
    return secret_path, public_path


def _not_a_recipient(kind: str, where: Location | None = None) -> InputError:
    """A secret given where the hub's public key goes: named by its kind, never echoed."""
    return InputError(Text(QT_TRANSLATE_NOOP("core", "this is {kind}, not a recipient's public key; give the hub's "
                                                     "age1... public key"), kind=word(kind)), where,
                      hint=Text(QT_TRANSLATE_NOOP("core", "Keep the private key where it was, and give its public "
                                                          "key (the .pub file, or the 'age1...' line).")))


def _parse_recipient(text: str, where: Location | None) -> str:
    kind = secret_kind(text)
    if kind:
        raise _not_a_recipient(kind, where)
    try:
        pyrage.x25519.Recipient.from_str(text)
    except Exception as exc:  # pyrage raises its own RecipientError; any failure means the same thing
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "'{text}' is not an age recipient key (age1...)"),
                              text=printable(text[:70])), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the hub's public key: the 'age1...' line, or the .pub file holding it."))) from exc
    return text


def load_recipients(items: Iterable[str | Path]) -> list[str]:
    """The age1... recipients named by each item (the key itself, or a file of keys, one a line, # comments)."""
    found: list[str] = []
    for item in items:
        text = str(item).strip()
        kind = secret_kind(text)
        if kind:
            raise _not_a_recipient(kind)
        if isinstance(item, str) and text.startswith(AGE_RECIPIENT_PREFIX) and not Path(text).exists():
            found.append(_parse_recipient(text, None))
            continue
        path = Path(item)
        data = _read_key_file(path, QT_TRANSLATE_NOOP("core", "recipient key"))
        kind = secret_kind(data[:4096].decode("utf-8", "replace"))
        if kind or data.startswith((agepass.MAGIC, agepass.ARMOR_BEGIN)):
            raise _not_a_recipient(kind or "an age-encrypted file (a protected identity or secret)",
                                   Location(file=path))
        lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
        keys = [line for line in lines if line and not line.startswith("#")]
        if not keys:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "no age recipient key in this file")), Location(file=path),
                             hint=Text(QT_TRANSLATE_NOOP("core", "The file should hold an 'age1...' line.")))
        for number, line in enumerate(lines, start=1):
            if line and not line.startswith("#"):
                found.append(_parse_recipient(line, Location(file=path, line=number)))
    unique = list(dict.fromkeys(found))
    if not unique:
        raise InputError("no recipient given", hint="Give the hub's public key (age1...) with --recipient.")
    return unique


def load_identity(path: Path | str, passphrase: str | None = None) -> pyrage.x25519.Identity:
    """The age X25519 identity in an age-keygen file, possibly encrypted with age's passphrase mode."""
    path = Path(path)
    data = _read_key_file(path, QT_TRANSLATE_NOOP("core", "identity"))
    if data.lstrip().startswith((agepass.MAGIC, agepass.ARMOR_BEGIN)):
        if passphrase is None:
            raise InputError("the identity file is protected by a passphrase, and none was given",
                             Location(file=path), hint=_PASSPHRASE_HINT)
        try:
            data = pyrage.passphrase.decrypt(data.strip() + b"\n", passphrase)
        except Exception as exc:  # pyrage.DecryptError: wrong passphrase, or a damaged file
            raise InputError("wrong passphrase for the identity file (or the file is damaged)",
                             Location(file=path),
                             hint="Type the passphrase chosen when the key was made.") from exc
    lines = data.decode("utf-8", "replace").splitlines()
    secrets = [(n, line.strip()) for n, line in enumerate(lines, start=1)
               if line.strip() and not line.strip().startswith("#")]
    if not secrets:
        raise InputError("no age secret key in this file", Location(file=path),
                         hint=_wrong_kind_hint(data, "the hub's identity (.key from 'curator keys new-recipient' "
                                                     "or 'age-keygen')"))
    if any(not line.startswith(AGE_SECRET_PREFIX) for _, line in secrets):
        number = next(n for n, line in secrets if not line.startswith(AGE_SECRET_PREFIX))
        raise InputError("this is not an age secret key (AGE-SECRET-KEY-1...)", Location(file=path, line=number),
                         hint=_wrong_kind_hint(data, "the hub's identity (.key from 'curator keys new-recipient' "
                                                     "or 'age-keygen')"))
    if len(secrets) > 1:
        raise InputError(f"the identity file holds {len(secrets)} lines of keys; curator expects one",
                         Location(file=path), hint="Give a file made by age-keygen, holding one key.")
    number, text = secrets[0]
    try:
        return pyrage.x25519.Identity.from_str(text)
    except Exception as exc:  # pyrage.IdentityError
        raise InputError("this line is not an age secret key (AGE-SECRET-KEY-1...)",
                         Location(file=path, line=number),
                         hint=_wrong_kind_hint(data, "the hub's identity (.key from 'age-keygen')")) from exc


# --- shared -----------------------------------------------------------------------------------

def _read_key_file(path: Path, what: str) -> bytes:
    kind = secret_kind(str(path))
    if kind:
        # The key itself where its file's name goes: said by its kind, never echoed (not even as a path).
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the {what} given is {kind} itself, not the name of a file"),
                              what=word(what), kind=word(kind)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the path of the key file.")))
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{what} file not found"), what=word(what)), Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check the path; give the key file itself."))) from exc
    except OSError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot read the {what} file ({reason})"), what=word(what), reason=exc.strerror),
                         Location(file=path)) from exc
    if len(data) > 64 * 1024:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "this file is far too large to be a {what}"), what=word(what)), Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the key file itself.")))
    return data


def _wrong_kind_hint(data: bytes, expected: str) -> str:
    head = data[:200]
    if AGE_SECRET_PREFIX.encode() in head or head.startswith((agepass.MAGIC, agepass.ARMOR_BEGIN)):
        seen = "an age secret key (identity)"
    elif head.strip().startswith(AGE_RECIPIENT_PREFIX.encode()):
        seen = "an age public key (recipient)"
    elif b"minisign public key" in head:
        seen = "a minisign public key"
    elif b"minisign" in head and b"secret key" in head:
        seen = "a minisign secret key"
    else:
        return f"Expected {expected}."
    return f"This file looks like {seen}; expected {expected}."


def identity_needs_passphrase(path: Path | str) -> bool:
    """Whether an identity file is encrypted with age's passphrase mode (so a passphrase must be asked for)."""
    data = _read_key_file(Path(path), "identity")
    return data.lstrip().startswith((agepass.MAGIC, agepass.ARMOR_BEGIN))
