"""Text normalisation shared by header and value matching: case, accents, punctuation."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Case-folded, accents removed ("Prénom" -> "prenom"); keeps spaces and punctuation."""
    if text.isascii():   # most values: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")


def normalise_header(header: str) -> str:
    """"N° S.S." -> "n s s", "Prénom(s)" -> "prenom s", "DATE_DIAG" -> "date diag"."""
    text = fold(header)
    # "DateNaissance" / "dateDeces": split camel case before folding lost it.
    text = fold(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)) if re.search(r"[a-z][A-Z]", header) else text
    return " ".join(_NON_ALNUM.sub(" ", text).split())
