"""Header and value normalisation shared by column and code matching.

Producers write the same header a hundred ways: "Date de naissance", "DATE_NAISS", "dtNaiss",
"date naiss. (jj/mm/aaaa)". Both the header and every vocabulary name go through the same
normalisation, so comparison ignores case, accents, punctuation, word order, filler words and the
usual abbreviations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Filler words dropped from both sides (French and English).
STOP_WORDS = frozenset(["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une", "sur", "par", "pour", "dans", "avec", "ou", "of", "the", "in", "at", "for", "on", "to", "and", "or", "by", "with", "an"])

# Tokens written short in headers; expanded on both sides, so "dt_naiss" meets "date de naissance".
EXPANSIONS = {
    "dt": "date", "dte": "date", "dat": "date", "dtn": "date naissance",
    "nais": "naissance", "naiss": "naissance", "nai": "naissance", "naissance": "naissance",
    "ann": "annee", "an": "annee", "yr": "year",
    "dc": "deces", "dcd": "deces", "dece": "deces",
    "diag": "diagnostic", "diagn": "diagnostic", "dgn": "diagnostic", "dg": "diagnostic", "dx": "diagnosis",
    "num": "numero", "no": "numero", "nr": "numero", "nro": "numero", "n": "numero", "nb": "numero",
    "number": "numero", "nbr": "numero", "numeros": "numero",
    "tel": "telephone", "tél": "telephone",
    "pat": "patient", "pt": "patient", "pts": "patient",
    "ent": "entree", "entr": "entree", "entre": "entree",
    "sor": "sortie", "sort": "sortie", "sorti": "sortie",
    "incl": "inclusion", "inc": "inclusion",
    "adm": "admission", "admit": "admission", "hospit": "hospitalisation", "hosp": "hospitalisation",
    "suj": "sujet", "subj": "subject",
    "cod": "code", "cd": "code", "codes": "code",
    "lib": "libelle",
    "res": "residence", "resid": "residence",
    "dep": "departement", "dept": "departement", "dpt": "departement", "depart": "departement",
    "departements": "departement",
    "etab": "etablissement", "eta": "etablissement", "etabl": "etablissement", "ets": "etablissement",
    "hop": "hopital",
    "proc": "procedure", "interv": "intervention", "chir": "chirurgie",
    "morpho": "morphologie", "morph": "morphologie", "histo": "histologie", "hist": "histologie",
    "topo": "topographie", "topog": "topographie",
    "med": "medicament", "medic": "medicament", "meds": "medicament",
    "trt": "traitement", "ttt": "traitement", "tt": "traitement",
    "secu": "securite", "soc": "sociale", "ss": "securite sociale",
    "adr": "adresse", "addr": "address", "adresses": "adresse",
    "prenoms": "prenom", "prén": "prenom", "pren": "prenom",
    "mod": "mode", "modes": "mode",
    "stat": "statut", "status": "status",
    "vit": "vital", "vitale": "vital",
    "pds": "poids", "tai": "taille",
    "id": "identifiant", "ident": "identifiant", "identifier": "identifiant", "ids": "identifiant",
    "idt": "identifiant", "identif": "identifiant",
    "dob": "date birth", "yob": "year birth", "ddn": "date naissance",
    "birthdate": "birth date", "deathdate": "death date", "birthday": "birth date",
    "datetime": "date", "dtm": "date",
    "firstname": "first name", "lastname": "last name", "surname": "last name",
    "zipcode": "zip code", "postcode": "postal code",
    "tabagique": "tabac", "tabagisme": "tabac",
    "cim": "cim", "icd": "icd", "atc": "atc",
}

# Tokens that say whose value it is rather than what it is: matched with and without them.
CONTEXT_WORDS = frozenset(["patient", "beneficiaire", "personne", "person", "sujet", "subject", "participant", "individu", "malade", "client", "usager", "concept", "source", "value", "valeur", "du", "src"])

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_ALNUM_SPLIT = re.compile(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ł": "l"})


def strip_accents(text: str) -> str:
    """'Décès' -> 'Deces'. Letters without an ASCII base (other scripts) are dropped."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return decomposed.encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=65536)
def header_tokens(text: str) -> tuple[str, ...]:
    """Normalised tokens of a header or concept name: 'Dt_Naiss (jj/mm/aaaa)' -> ('date', 'naissance')."""
    text = text.replace("°", " numero ").replace("º", " numero ").replace("#", " numero ")
    text = re.sub(r"\((?:jj|dd|mm|aaaa|yyyy|aa|yy)[^)]*\)", " ", text, flags=re.IGNORECASE)   # date format hints
    text = re.sub(r"\((?:kg|cm|m|ans|years?|o/n|y/n|oui/non|yes/no)\)", " ", text, flags=re.IGNORECASE)
    text = _CAMEL.sub(" ", text)
    text = _ALNUM_SPLIT.sub(" ", text)
    text = _NON_ALNUM.sub(" ", strip_accents(text).lower())
    tokens: list[str] = []
    for token in text.split():
        expanded = EXPANSIONS.get(token, token)
        for part in expanded.split():
            if part not in STOP_WORDS:
                tokens.append(part)
    return tuple(tokens)


def without_context(tokens: tuple[str, ...]) -> tuple[str, ...]:
    kept = tuple(t for t in tokens if t not in CONTEXT_WORDS)
    return kept or tokens


@lru_cache(maxsize=262144)
def compact(text: str) -> str:
    """Letters and digits only, lower case, no accents: 'Date_Naiss.' -> 'datenaiss'."""
    return _NON_ALNUM.sub("", strip_accents(text).lower())


def value_key(value: str) -> str:
    """How code values are compared: 'Féminin ' -> 'feminin', 'C50.9' -> 'c509'; '?' stays '?'."""
    return compact(value) or value.strip().lower()
