"""What may be shown to a person: text from a file with its control characters escaped, secrets by kind.

A name read from a package or a source is attacker's text: printed raw, a carriage return or an
escape sequence can redraw the terminal (a fake "VALID" line) and a bidirectional override can
reorder what is read. And a private key typed where a public one was expected must not be echoed
back into a terminal's scroll-back, a log or a screenshot: it is named by its kind instead.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Mapping

from curator.messages import QT_TRANSLATE_NOOP

# The key's prefix and a run of its bech32 text: a file named "age-secret-key-1.txt" is no key.
_AGE_SECRET = re.compile(r"AGE-SECRET-KEY-1[0-9A-Z]{20}", re.IGNORECASE)
_AGE_PLUGIN_SECRET = re.compile(r"AGE-PLUGIN-[A-Z0-9-]+-1", re.IGNORECASE)
# A pseudonymisation or linkage secret written out: 64 hexadecimal digits, or 32 bytes in base64.
_RAW_SECRET = re.compile(r"[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=")
_BASE64 = re.compile(r"RW[A-Za-z0-9+/]{40,}={0,2}")


def printable(text: object, keep_newlines: bool = False) -> str:
    """``text`` with every control or format character (C0, C1, DEL, bidi overrides...) escaped as \\xNN
    or \\uNNNN; with ``keep_newlines``, line feeds are kept (the message's own line structure)."""
    value = str(text)
    if value.isprintable():
        return value
    out = []
    for char in value:
        # A no-break space (Zs) is no threat; the message's own line feeds are kept when asked.
        if char.isprintable() or unicodedata.category(char) == "Zs" or (char == "\n" and keep_newlines):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def secret_kind(text: object) -> str | None:
    """What kind of secret ``text`` (an argument, or a file's content) is, or None when it looks like none."""
    value = str(text)
    if _AGE_SECRET.search(value):
        return QT_TRANSLATE_NOOP("core", "a private age key (an identity)")
    if _AGE_PLUGIN_SECRET.search(value):
        return QT_TRANSLATE_NOOP("core", "an age plug-in identity")
    if "minisign" in value and "secret key" in value:
        return QT_TRANSLATE_NOOP("core", "a minisign secret key")
    if "PRIVATE KEY-----" in value:
        return QT_TRANSLATE_NOOP("core", "a PEM private key")
    if "-----BEGIN AGE ENCRYPTED FILE-----" in value or value.startswith("age-encryption.org/v1"):
        return QT_TRANSLATE_NOOP("core", "an age-encrypted file (a protected identity or secret)")
    if _RAW_SECRET.fullmatch(value.strip()):
        return QT_TRANSLATE_NOOP("core", "a 32-byte secret (hexadecimal or base64)")
    for match in _BASE64.finditer(value):
        try:
            raw = base64.b64decode(match.group(0), validate=True)
        except (binascii.Error, ValueError):
            continue
        # A minisign public key is 42 bytes ("Ed", key id, 32-byte key); a secret key is 158.
        if raw.startswith(b"Ed") and len(raw) > 64:
            return QT_TRANSLATE_NOOP("core", "a minisign secret key")
    return None


def redacted(text: str, secrets: Mapping[str, str]) -> str:
    """``text`` with each of ``secrets`` (text -> what it is) replaced by what it is."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, f"[{secrets[secret]}, not shown]")
    return text
