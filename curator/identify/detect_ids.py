"""Value detectors for identifiers: French (NIR, RPPS, ADELI, FINESS), contact, online, foreign, generic."""

from __future__ import annotations

import ipaddress
import re

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from stdnum import iban as std_iban

from curator.identify import patterns
from curator.identify.checksums import compact_nir, luhn_valid, nir_key_valid
from curator.identify.findings import Finding, integers, of_sampled
from curator.identify.sample import Sample
from curator.messages import QT_TRANSLATE_NOOP, Text

# ---------------------------------------------------------------- French identifiers

def detect_nir(s: Sample) -> Finding | None:
    if s.length_share(13, 21) < 0.8:
        return None
    shaped = s.matches(patterns.NIR)
    if s.share(shaped) < 0.8:
        return None
    compact = compact_nir(s.distinct)
    with_key = s.weight(shaped & nir_key_valid(compact))
    without_key = s.weight(shaped & (pc.utf8_length(compact).to_numpy(zero_copy_only=False) == 13))
    matched = with_key + without_key
    if matched / s.total < 0.8:
        return None
    parts = []
    if with_key:
        parts.append(Text(QT_TRANSLATE_NOOP("core", "{sampled} are valid NIRs (check key verified)"), sampled=of_sampled(with_key, s.total)))
    if without_key:
        parts.append(Text(QT_TRANSLATE_NOOP("core", "{sampled} have a NIR's 13 digits without the key"),
                          sampled=of_sampled(without_key, s.total)))
    return Finding("nir", matched, s.total, True, Text.joined(QT_TRANSLATE_NOOP("core", "; "), parts))


def _luhn_count(s: Sample, pattern: str) -> int:
    """Sampled values of ``pattern``'s shape whose Luhn key is right (Corsica's 2A/2B count as 20)."""
    shaped = s.matches(pattern)
    if s.share(shaped) < 0.9:
        return 0
    digits = pc.replace_substring(pc.replace_substring(s.distinct.filter(pa.array(shaped)), "2A", "20"), "2B", "20")
    valid = np.zeros(len(shaped), dtype=bool)
    valid[shaped] = luhn_valid(digits)
    return s.weight(valid)


def detect_rpps(s: Sample) -> Finding | None:
    if s.length_share(11, 11) < 0.9:
        return None
    valid = _luhn_count(s, r"[18]\d{10}")
    if valid / max(s.total, 1) < 0.9:
        return None
    return Finding("rpps", valid, s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are valid RPPS numbers (11 digits, Luhn key)"),
                                                  sampled=of_sampled(valid, s.total)))


def detect_finess_adeli(s: Sample) -> Finding | None:
    """FINESS (establishments) and ADELI (practitioners) share a shape: 9 characters with a Luhn key.

    A column repeating a few numbers names establishments; one with many distinct numbers names
    practitioners. This is weak evidence: the header, when it says which, decides.
    """
    if s.length_share(9, 9) < 0.9:
        return None
    valid = _luhn_count(s, r"(?:\d{2}|2[AB])\d{7}")
    if valid / max(s.total, 1) < 0.9:
        return None
    if s.n_distinct <= max(30, 0.2 * s.total):
        return Finding("finess", valid, s.total, False,
                       Text(QT_TRANSLATE_NOOP("core", "{sampled} are 9-character numbers with a valid key, repeated like FINESS "
                            "establishment numbers ({distinct:,} distinct)"),
                            sampled=of_sampled(valid, s.total), distinct=s.n_distinct))
    return Finding("adeli", valid, s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} are 9-character numbers with a valid key, varied like ADELI "
                        "practitioner numbers ({distinct:,} distinct)"),
                        sampled=of_sampled(valid, s.total), distinct=s.n_distinct))


# ---------------------------------------------------------------- contact and online identifiers

def detect_email(s: Sample) -> Finding | None:
    if s.contains_share("@") < 0.8:
        return None
    mask = s.matches(patterns.EMAIL)
    if s.share(mask) < 0.8:
        return None
    return Finding("email", s.weight(mask), s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are e-mail addresses"),
                                                                       sampled=of_sampled(s.weight(mask), s.total)))


_PHONE_SHAPE = r"\+?[\d (). \-/]{8,24}(?: ?(?:x|ext\.?|poste) ?\d{1,6})?"
_PHONE_REGIONS = ("FR", "US", "GB", "DE", "BE", "CH", "ES", "IT", "CA")


def _is_phone(value: str) -> bool:
    if re.fullmatch(r"\d{3}-\d{2}-\d{4}|\d{5}-\d{4}", value):
        return False   # a US social security number or a ZIP+4 code, not a phone
    digits = re.sub(r"\D", "", value.split("x")[0].split("ext")[0])
    international = value.startswith(("+", "00"))
    if not (9 if international else 10) <= len(digits) <= 15:
        return False
    if value.isdigit() and not (len(value) == 10 and value[0] == "0" and value[1] != "0"):
        # Bare digit runs are identifiers of many kinds; only the French 0X XXXXXXXX reads as a phone.
        return False
    for region in _PHONE_REGIONS if not value.startswith("+") else (None,):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
        if region not in ("FR", None) and phonenumbers.is_possible_number(number) and not value.isdigit():
            return True
    return False


def detect_phone(s: Sample) -> Finding | None:
    if s.length_share(9, 30) < 0.7:
        return None
    shaped = s.matches(_PHONE_SHAPE, ignore_case=True)
    if s.share(shaped) < 0.7:
        return None
    # Bare digit runs other than a French 0XXXXXXXXX are identifiers of other kinds: skip parsing them.
    shaped &= s.matches(r"\+.*|.*[ ().\-/].*|0[1-9]\d{8}")
    if s.share(shaped) < 0.7:
        return None
    checked = s.selected(shaped, limit=120)
    checked_total = sum(count for _, count in checked)
    valid = sum(count for value, count in checked if _is_phone(value))
    share = valid / checked_total * s.share(shaped) if checked_total else 0.0
    if share < 0.7:
        return None
    matched = round(share * s.total)
    return Finding("phone", matched, s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are phone numbers"),
                                                     sampled=of_sampled(matched, s.total)))


def detect_iban(s: Sample) -> Finding | None:
    if s.length_share(15, 42) < 0.8:
        return None
    shaped = s.matches(r"[A-Z]{2}\d{2}[A-Z0-9 ]{10,40}")
    if s.share(shaped) < 0.8:
        return None
    valid = sum(count for value, count in s.selected(shaped) if std_iban.is_valid(value))
    if valid / s.total < 0.8:
        return None
    return Finding("iban", valid, s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are valid IBANs (check digits verified)"),
                                                  sampled=of_sampled(valid, s.total)))


def detect_ip(s: Sample) -> Finding | None:
    if s.length_share(2, 39) < 0.8:
        return None
    shaped = s.matches(r"\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}")
    if s.share(shaped) < 0.8:
        return None
    valid = 0
    for value, count in s.selected(shaped):
        try:
            ipaddress.ip_address(value)
        except ValueError:
            continue
        valid += count
    if valid / s.total < 0.8:
        return None
    return Finding("ip", valid, s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are IP addresses"), sampled=of_sampled(valid, s.total)))


def detect_url(s: Sample) -> Finding | None:
    if s.length_share(5, 2048) < 0.8 or s.contains_share("http") + s.contains_share("www.") < 0.8:
        return None
    mask = s.matches(patterns.URL, ignore_case=True)
    if s.share(mask) < 0.8:
        return None
    return Finding("url", s.weight(mask), s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are web addresses (URLs)"),
                                                                     sampled=of_sampled(s.weight(mask), s.total)))


# ---------------------------------------------------------------- foreign identifiers and generic ids

def detect_ssn(s: Sample) -> Finding | None:
    if s.length_share(11, 11) < 0.8:
        return None
    mask = s.matches(r"\d{3}-\d{2}-\d{4}")
    if s.share(mask) < 0.8:
        return None
    return Finding("ssn", s.weight(mask), s.total, True,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} have the shape of a US social security number (123-45-6789)"),
                        sampled=of_sampled(s.weight(mask), s.total)))


def detect_uuid(s: Sample) -> Finding | None:
    if s.length_share(32, 36) < 0.9:
        return None
    mask = s.matches(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", ignore_case=True)
    if s.share(mask) < 0.9:
        return None
    return Finding("identifier", s.weight(mask), s.total, True,
                   Text(QT_TRANSLATE_NOOP("core", "{sampled} are UUIDs, record identifiers"),
                        sampled=of_sampled(s.weight(mask), s.total)))


_DECIMAL = r"-?\d+[.,]\d+"


def detect_identifier(s: Sample) -> Finding | None:
    """Unique codes of constant shape (``P0012345``, ``S99994942``): a record's or a person's key."""
    if s.total < 20 or s.n_distinct < 0.95 * s.total:
        return None
    if s.share(s.matches(_DECIMAL)) > 0.1:
        return None
    lengths = s.lengths
    if lengths.min() < 5 or lengths.max() > 40:
        return None
    code_like = s.matches(r"[A-Za-z0-9][A-Za-z0-9_./\-]*")
    with_digit = s.matches(r".*\d.*")
    if s.share(code_like & with_digit) < 0.95:
        return None
    if lengths.max() - lengths.min() > 4 and not s.share(s.matches(r"\d+")) > 0.95:
        return None
    return Finding("identifier", s.total, s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "all {count:,} sampled values are distinct codes of one shape, like record identifiers"),
                        count=s.total))


def detect_row_number(s: Sample) -> Finding | None:
    """1, 2, 3...: a line number, not a person's key."""
    if s.total < 20 or s.n_distinct < s.total:
        return None
    ints = integers(s)
    if ints is None or len(ints) != s.n_distinct:
        return None
    if ints.min() < 0 or ints.max() > 1.05 * s.rows + 1:
        return None
    return Finding("row_number", s.total, s.total, False,
                   Text(QT_TRANSLATE_NOOP("core", "all {count:,} sampled values are distinct whole numbers between {low} and "
                        "{high}, like line numbers"), count=s.total, low=ints.min(), high=ints.max()))
