"""scrub_text: free text with what the detectors find replaced by placeholders ("[PHONE]").

The Protect stage uses it for the "scrub" action. Patterns run vectorised (pyarrow
``replace_substring_regex``) over the column's distinct texts; names without a title are then
looked up in the name lexicons, once per distinct text.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from curator.identify import patterns
from curator.identify.lexicons import first_names, last_names
from curator.identify.text import fold

# Order matters: e-mails and URLs before phones (digits inside them), NIRs and IBANs before phones
# and dates (a NIR holds digit groups a phone pattern would take).
REPLACEMENTS: tuple[tuple[str, str], ...] = (
    (patterns.EMAIL, "[EMAIL]"),
    (patterns.URL, "[URL]"),
    (patterns.IBAN, "[IBAN]"),
    (r"\b" + patterns.NIR + r"\b", "[NIR]"),
    (patterns.SSN_US, "[SSN]"),
    (patterns.LABELLED_ID, r"\1[ID]"),
    (patterns.STREET, "[ADDRESS]"),
    (patterns.STREET_EN, "[ADDRESS]"),
    (patterns.IPV4, "[IP]"),
    (patterns.PHONE_FR, "[PHONE]"),
    (patterns.PHONE_INTL, "[PHONE]"),
    (patterns.PHONE_US, "[PHONE]"),
    (patterns.DATE, "[DATE]"),
    (r"(" + r"\b" + patterns.TITLE + r"\.?) +[A-ZÀ-Ý][\p{L}'\-]+(?: +[A-ZÀ-Ý][\p{L}'\-]+)?", r"\1 [NAME]"),
)

_WORD = re.compile(r"(?<![\w\[])([A-ZÀ-Ý][\w'\-]+)")
# Capitalised words that are names in some language but ordinary words at the start of a French or
# English sentence; replacing them would wreck the text without protecting anyone.
_COMMON = {"patient", "patiente", "pas", "bonne", "vu", "the", "and", "for", "with", "rappeler", "courrier",
           "antecedent", "suivi", "traitement", "call", "seen", "follow", "discharged", "email", "nir", "le", "la",
           "les", "de", "du", "des", "un", "une", "en", "au", "par", "pour", "sur", "avec", "dans", "madame",
           "monsieur", "docteur", "bien", "france", "paris", "mars", "mai", "juin", "avril", "may", "june", "april",
           "iban", "ssn", "url", "tel", "mail", "ipp", "ins", "rpps", "adeli", "finess"}


def _scrub_names(text: str) -> str:
    first, last = first_names(), last_names()

    def replace(match: re.Match[str]) -> str:
        word = match.group(1)
        key = fold(word)
        if key in _COMMON or len(key) < 3:
            return word
        return "[NAME]" if key in first or key in last else word

    return _WORD.sub(replace, text)


def scrub_text(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Replace identifiers found inside free text by placeholders; empty and null values stay so."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not pa.types.is_string(values.type):
        values = pc.cast(values, pa.string())
    # Exported comments repeat ("RAS", "voir courrier"): scrub each distinct text once.
    encoded = pc.dictionary_encode(values)
    distinct = encoded.dictionary
    for pattern, placeholder in REPLACEMENTS:
        distinct = pc.replace_substring_regex(distinct, pattern, placeholder)
    # Untitled names ("vu avec sa fille Élodie"): a lexicon look-up per capitalised word, per distinct text.
    scrubbed = pa.array([None if t is None else _scrub_names(t) for t in distinct.to_pylist()], type=pa.string())
    return pc.take(scrubbed, encoded.indices)
