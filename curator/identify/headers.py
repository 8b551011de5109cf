"""Header detector: what a column's name says it holds, in French or English, terse or misspelt.

Headers are compared after normalisation (case, accents, punctuation, spaces: "N° S.S." and
"nss" are the same header). A synonym matches when it is the whole header, when its words appear
in order inside the header ("date_naissance_patient"), or when the header is a near spelling of it
("Prenon", "Date naisance"). The longest matching synonym wins, so "nom de jeune fille" beats
"nom" and "date de décès" beats "date".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from curator.identify.text import normalise_header
from curator.messages import QT_TRANSLATE_NOOP, Text

# kind -> synonyms, written already normalised (lower case, no accents, words split by spaces).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "nir": ("nir", "nss", "n ss", "no ss", "num ss", "numss", "nir patient", "numero securite sociale",
            "numero de securite sociale", "n securite sociale", "securite sociale", "secu", "num secu", "no secu",
            "matricule ins", "ins nir", "ins", "nia", "num insee", "numero insee", "matricule", "nir ins"),
    "patient_id": ("ipp", "id patient", "identifiant patient", "patient id", "patientid", "numpat", "num pat",
                   "num patient", "numero patient", "n patient", "no patient", "n dossier", "no dossier",
                   "num dossier", "numero dossier", "numero de dossier", "dossier", "n sujet", "numero sujet",
                   "num sujet", "sujet", "subject id", "subject", "mrn", "medical record number", "record number",
                   "n inclusion", "numero inclusion", "num inclusion", "patient number", "code patient", "pid", "person", "person id", "patient source value"),
    "identifier": ("id", "identifiant", "identifier", "numero", "nda", "numsej", "num sejour", "numero sejour",
                   "n sejour", "sejour id", "encounter id", "visit id", "stay id", "sample id", "specimen id",
                   "echantillon", "n echantillon", "numero questionnaire", "uuid", "guid", "member id"),
    "last_name": ("nom", "nom patient", "nom du patient", "nom usage", "nom d usage", "nomusu", "nom usuel",
                  "nom marital", "nom epouse", "last name", "lastname", "last", "surname", "family name",
                  "patronyme", "lname", "nom famille", "nom de famille"),
    "birth_name": ("nom de naissance", "nom naissance", "nom naiss", "nom de jeune fille", "nom jeune fille", "njf",
                   "maiden name", "maiden", "birth name", "nom patronymique"),
    "first_name": ("prenom", "prenoms", "prnm", "pnom", "prenom patient", "prenom usuel", "first name", "firstname",
                   "first", "given name", "given names", "forename", "fname", "prenom 1", "premier prenom"),
    "person_name": ("nom prenom", "prenom nom", "nom et prenom", "nom complet", "identite", "full name", "fullname",
                    "name", "patient name", "member name", "resident", "personne a prevenir", "contact",
                    "personne de confiance", "aidant", "proche", "next of kin", "conjoint", "signataire"),
    "practitioner_name": ("medecin", "medecin traitant", "nom medecin", "prescripteur", "praticien", "docteur",
                          "physician", "doctor", "ordering physician", "provider", "referent", "chirurgien",
                          "operateur", "infirmier", "pharmacien", "investigateur", "attending"),
    "rpps": ("rpps", "n rpps", "num rpps", "numero rpps", "rpps medecin", "id rpps"),
    "adeli": ("adeli", "n adeli", "num adeli"),
    "address": ("adresse", "adr", "adresse postale", "adresse patient", "adresse domicile", "domicile",
                "address", "addr", "street", "street address", "rue", "voie", "ligne adresse", "adresse 1",
                "lieu de residence", "residence", "libelle voie", "complement adresse"),
    "phone": ("tel", "tel portable", "tel fixe", "tel domicile", "tel contact", "telephone", "telephone fixe",
              "telephone portable", "portable", "mobile", "gsm", "phone", "phone number", "telephone number",
              "cell", "cellphone", "numero de telephone", "num tel", "no tel", "fax"),
    "email": ("mail", "email", "e mail", "courriel", "adresse mail", "adresse email", "adresse e mail",
              "adresse electronique", "mel", "email address"),
    "free_text": ("commentaire", "commentaires", "comment", "comments", "remarque", "remarques", "observation",
                  "observations", "obs", "notes", "note", "texte libre", "texte", "libre", "precisions", "precision",
                  "autre preciser", "details", "description", "compte rendu", "anamnese", "histoire",
                  "free text", "narrative", "memo", "synthese", "conclusion"),
    "iban": ("iban", "rib", "bic", "compte bancaire", "bank account"),
    "ip": ("ip", "adresse ip", "ip address"),
    "url": ("url", "site web", "website", "lien", "link", "page web", "homepage"),
    "ssn": ("ssn", "social security number", "social security", "member ssn", "ss number"),
    "passport": ("passport", "passeport", "passport no", "passport number", "n passeport", "numero passeport"),
    "driving_licence": ("drivers", "driver license", "drivers license", "driving licence", "driving license",
                        "permis", "permis de conduire", "dl", "dl number", "licence number", "license number"),
    "gps_lat": ("lat", "latitude", "gps lat", "coord lat", "y gps"),
    "gps_lon": ("lon", "lng", "longitude", "gps lon", "gps long", "coord lon", "x gps"),
    "birth_date": ("ddn", "dn", "date de naissance", "date naissance", "date naiss", "dt naiss", "dtnais", "dtnaiss",
                   "datenais", "date nais", "naissance", "ne le", "nee le", "ne e le", "dob", "date of birth",
                   "birth date", "birthdate", "birthday", "d naissance", "jour naissance"),
    "birth_year": ("annee de naissance", "annee naissance", "annee naiss", "an naiss", "an naissance", "aaaa naiss",
                   "year of birth", "birth year", "yob", "birthyear", "mois de naissance", "mois naissance", "month of birth", "birth month"),
    "death_date": ("date de deces", "date deces", "dt deces", "dtdeces", "dcd le", "date dcd", "date of death",
                   "death date", "deathdate", "dod", "deces le", "date mort"),
    "date": ("date", "dt", "jour", "date entree", "date sortie", "date d entree", "date de sortie", "date d inclusion",
             "date inclusion", "date diagnostic", "date diag", "date acte", "date intervention", "date prelevement",
             "admission", "admission date", "discharge date", "visit date", "service date", "date of service",
             "date of diagnosis", "diagnosis date", "collection date", "timestamp", "horodatage"),
    "age": ("age", "age ans", "age annees", "age inclusion", "age au diagnostic", "age diag", "age at diagnosis",
            "age at", "age years", "age at inclusion"),
    "sex": ("sexe", "sex", "gender", "genre", "sx", "h f", "m f", "sexe patient"),
    "postcode": ("cp", "code postal", "codepostal", "cpost", "c postal", "zip", "zip code", "zipcode", "postcode",
                 "postal code", "code postal residence", "cp residence"),
    "commune_code": ("code commune", "code insee", "commune insee", "insee commune", "cog", "depcom", "code geo",
                     "code lieu naissance", "code lieu de naissance", "code commune naissance", "insee"),
    "city": ("ville", "commune", "city", "town", "localite", "lieu de naissance", "lieu naissance", "ville naissance",
             "commune naissance", "birthplace", "place of birth", "county", "canton", "arrondissement", "quartier",
             "iris", "commune residence", "ville residence", "municipality", "location", "location id"),
    "department": ("departement", "dept", "dep", "dpt", "department", "code departement", "num departement"),
    "region": ("region", "state", "province", "territoire"),
    "country": ("pays", "country", "nationalite", "nationality", "pays naissance", "country of birth"),
    "finess": ("finess", "n finess", "num finess", "finess etablissement", "finess geo", "finess juridique",
               "etablissement", "etab", "hopital", "hospital", "facility", "clinique", "centre", "organization", "care site", "care site id"),
    "marital_status": ("situation familiale", "statut marital", "etat civil", "marital", "marital status",
                       "situation matrimoniale"),
    "ethnicity": ("race", "ethnicity", "ethnie", "origine ethnique"),
    "occupation": ("profession", "occupation", "csp", "pcs", "metier", "emploi", "job", "education", "niveau d etude",
                   "niveau etudes", "diplome", "scolarite", "workclass", "employment"),
    "initials": ("initiales", "initials", "initiales patient", "initiales nom prenom"),
    "title": ("civilite", "titre", "prefix", "suffix", "title", "salutation"),
    "diagnosis": ("motif", "motif de recours", "motif consultation", "motif hospitalisation", "motif d admission",
                  "reason for visit", "chief complaint", "hta", "diabete", "diab", "dyslipidemie", "nyha", "avc",
                  "idm", "bpco", "insuffisance cardiaque", "antecedent", "antecedents", "comorbidite",
                  "comorbidites", "allergie", "allergies", "symptome", "symptomes", "comorbidity", "comorbidities",
                  "medical history", "hypertension", "diabetes", "reason", "reason code", "reasoncode",
                  "reason description", "snomed", "killip", "ghm", "groupe homogene de malades", "drg"),
    "icd10": ("cim", "cim10", "cim 10", "code cim", "icd", "icd10", "icd 10", "icd10 code", "dx", "dp", "dr", "das",
              "diagnostic", "diagnostic principal", "diag", "diagnosis", "diagnosis code", "code diagnostic",
              "cause", "cause deces", "cause initiale", "pathologie", "maladie", "condition", "affection"),
    "topography": ("topo", "topographie", "topography", "site tumoral", "localisation", "primary site", "site primitif"),
    "morphology": ("morpho", "morphologie", "morphology", "histologie", "histology", "type histologique", "behaviour", "behavior", "comportement"),
    "tnm": ("tnm", "stade", "stade tnm", "stage", "tnm stage", "ptnm", "ctnm", "grade"),
    "ccam": ("ccam", "code ccam", "acte", "actes", "code acte", "procedure", "procedure code", "intervention",
             "chirurgie", "cpt", "stent", "angioplastie", "thrombolyse", "thrombolysis", "thrombectomie", "thrombectomy"),
    "atc": ("atc", "code atc", "medicament", "medicaments", "traitement", "traitements", "molecule", "drug",
            "drugs", "medication", "medications", "therapy", "chimiotherapie", "ucd", "cip"),
    "vital_status": ("statut vital", "etat vital", "vital status", "vivant", "deces", "dcd", "vital", "vivant decede"),
    "discharge_mode": ("mode sortie", "mode de sortie", "modsor", "destination", "orientation", "devenir", "discharge mode",
                       "discharge disposition"),
    "smoking": ("tabac", "tabagisme", "fumeur", "smoking", "smoker", "smoking status", "statut tabagique", "alcool",
                "alcohol", "vih", "hiv", "grossesse", "pregnancy", "handicap", "vaccin", "vaccine", "vaccination", "statut vaccinal", "vaccination status"),
    "measurement": ("poids", "weight", "taille", "height", "imc", "bmi", "tension", "tension sys", "pression",
                    "systolic", "diastolic", "bp", "sbp", "dbp", "pas", "pad", "fc", "frequence", "heart rate", "pouls", "spo2",
                    "saturation", "temperature", "glycemie", "hba1c", "creatinine", "cholesterol", "hemoglobine",
                    "hb", "fraction", "ejection fraction", "fevg", "lvef", "score", "score total", "resultat",
                    "result", "results", "valeur", "value", "taux", "rate", "level", "dose", "posologie", "volume",
                    "duree", "delai", "nombre", "nb", "count", "quantite", "qte", "prix", "prix unitaire", "montant",
                    "amount", "amt", "claim amt", "cost", "cout", "expenses", "healthcare expenses", "coverage",
                    "healthcare coverage", "unite", "unit", "units", "loinc", "perimetre", "tour de taille", "nihss", "glasgow", "rankin", "igs", "igs2", "apache", "sofa"),
    "row_number": ("ligne", "num ligne", "n ligne", "line", "row", "row number", "index", "rang", "ordre"),
}

# Terse legacy headers ("DTENT", "DT_SORTIE", "DATEXAM") that no synonym list can enumerate.
_DATE_PREFIX = re.compile(r"^(dt|date)[a-z]{2,8}$")


@dataclass(frozen=True)
class HeaderMatch:
    kind: str
    synonym: str
    score: float          # 1.0 whole header, 0.9 words inside it, less for a near spelling

    def evidence(self) -> str:
        return Text(QT_TRANSLATE_NOOP("core", "header resembles '{synonym}'"), synonym=self.synonym)


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, str, tuple[str, ...], str, frozenset[str]]]:
    return [(kind, syn, tuple(syn.split()), syn.replace(" ", ""), frozenset(syn.split()))
            for kind, syns in SYNONYMS.items() for syn in syns]


@lru_cache(maxsize=1)
def _synonym_words() -> list[str]:
    return sorted({word for entry in _index() for word in entry[2]})


@lru_cache(maxsize=1)
def _long_words_by_letter() -> dict[str, list[str]]:
    """Synonym words of 6+ letters by their first letter: those a typo can reach (see below)."""
    by_letter: dict[str, list[str]] = {}
    for word in _synonym_words():
        if len(word) >= 6:
            by_letter.setdefault(word[0], []).append(word)
    return by_letter


def _reachable_words(tokens: tuple[str, ...]) -> set[str]:
    """Synonym words a header's words can stand for: themselves, truncations, one or two typos.

    A typo keeps the first letter and reaches only words of 6+ letters, so only those are compared."""
    reachable = set(tokens)
    for token in tokens:
        if len(token) >= 5:
            reachable.update(_reachable_from(token))
    return reachable


@lru_cache(maxsize=16384)
def _reachable_from(token: str) -> frozenset[str]:
    """What one word of 5+ letters reaches (see above): headers share words ("date", "visite")."""
    known = _synonym_word_set()
    reachable = {token[:end] for end in range(5, len(token) + 1) if token[:end] in known}
    near = _long_words_by_letter().get(token[0], [])
    reachable.update(word for word, _, _ in process.extract(token, near, scorer=Levenshtein.distance, score_cutoff=2,
                                                            limit=None))
    return frozenset(reachable)


def _contains(tokens: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    """The synonym's words appear in order, adjacent, in the header; long words may be truncated."""
    n = len(sub)
    for start in range(len(tokens) - n + 1):
        if all(tok == s or (len(s) >= 5 and tok.startswith(s)) for tok, s in zip(tokens[start:start + n], sub, strict=False)):
            return True
    return False


def _token_fuzzy(tokens: tuple[str, ...], sub: tuple[str, ...]) -> float:
    """Misspelt words ("prenon", "naisance"): one typo per word of 6+ letters, two from 9."""
    if any(len(s) < 6 for s in sub):
        return 0.0
    n = len(sub)
    for start in range(len(tokens) - n + 1):
        window = tokens[start:start + n]
        # Typos keep the first letter; without that rule "education" would read as "medication".
        if all(tok[:1] == s[:1] and Levenshtein.distance(tok, s) <= (2 if len(s) >= 9 else 1)
               for tok, s in zip(window, sub, strict=False)):
            return sum(fuzz.ratio(tok, s) for tok, s in zip(window, sub, strict=False)) / (100 * n)
    return 0.0


@lru_cache(maxsize=4096)
def match_header(header: str) -> HeaderMatch | None:
    """The best synonym match of a header, or None when it says nothing (``col1``, ``V12``)."""
    text = normalise_header(header)
    if not text:
        return None
    # Split letters from digits ("dx1" -> "dx 1", "V12" -> "v 12") so numbered headers match their stem.
    tokens = tuple(re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text).split())
    for suffix in _MODEL_SUFFIXES:
        # OMOP-style "<domain>_concept_id", "<domain>_source_value": the domain says what the column holds.
        if len(tokens) > len(suffix) and tokens[-len(suffix):] == suffix:
            stem = _match_tokens(tokens[:-len(suffix)]) or _match_abbreviated(tokens[:-len(suffix)])
            if stem is not None:
                return stem
            if "concept" in suffix:
                return HeaderMatch("record_detail", " ".join(suffix), 0.8)
    return _match_tokens(tokens) or _match_abbreviated(tokens)


@dataclass(frozen=True)
class _Lookup:
    """Positions in :func:`_index` of the synonyms by compact spelling, by word, and by first
    letter and length (for the near spellings of 6+ letters), each list in index order."""

    by_compact: dict[str, list[int]]
    by_word: dict[str, list[int]]
    by_letter_length: dict[tuple[str, int], list[int]]


@lru_cache(maxsize=1)
def _lookup() -> _Lookup:
    lookup = _Lookup({}, {}, {})
    for position, (_kind, _syn, _tokens, syn_compact, syn_words) in enumerate(_index()):
        lookup.by_compact.setdefault(syn_compact, []).append(position)
        for word in syn_words:
            lookup.by_word.setdefault(word, []).append(position)
        if len(syn_compact) >= 6:
            lookup.by_letter_length.setdefault((syn_compact[0], len(syn_compact)), []).append(position)
    return lookup


def _with_words(words: set[str]) -> set[int]:
    """Positions in :func:`_index` of the synonyms whose words are all among ``words``."""
    lookup, index = _lookup(), _index()
    found: set[int] = set()
    for word in words:
        found.update(position for position in lookup.by_word.get(word, ()) if index[position][4] <= words)
    return found


def _candidates(tokens: tuple[str, ...], compact: str, reachable: set[str]) -> list[int]:
    """Positions of the synonyms :func:`_best_match` can score, in index order: the one spelt
    ``compact``, those whose words are all reachable, and those a near spelling reaches (same
    first letter, 6+ letters, length within 3, ratio 85+). Every other synonym scores nothing there."""
    lookup, index = _lookup(), _index()
    found = _with_words(reachable)
    found.update(lookup.by_compact.get(compact, ()))
    near = [position for length in range(max(6, len(compact) - 3), len(compact) + 4)
            for position in lookup.by_letter_length.get((compact[0], length), ())]
    if near:
        # Those score only by a ratio of 85 or more, which rapidfuzz finds over all of them at once.
        spelt = " ".join(tokens)
        found.update(near[at] for _, _, at in process.extract(spelt, [index[position][1] for position in near],
                                                               scorer=fuzz.ratio, score_cutoff=85, limit=None))
    return sorted(found)


def _match_tokens(tokens: tuple[str, ...]) -> HeaderMatch | None:
    compact = "".join(tokens)
    if not compact:
        return None
    reachable = _reachable_words(tokens)
    return _best_match(tokens, compact, reachable, _candidates(tokens, compact, reachable))


def _best_match(tokens: tuple[str, ...], compact: str, reachable: set[str], positions: Iterable[int]) -> HeaderMatch | None:
    """The best of the synonyms at ``positions`` of :func:`_index` (in that order: ties go to the first)."""
    best: tuple[float, int, float, str, str] | None = None
    index = _index()
    for position in positions:
        kind, syn, syn_tokens, syn_compact, syn_words = index[position]
        if compact == syn_compact:
            score = 1.0
        elif syn_words <= reachable and _contains(tokens, syn_tokens):
            score = 0.9
        else:
            fuzzy = _token_fuzzy(tokens, syn_tokens) if syn_words <= reachable else 0.0
            if not fuzzy and len(syn_compact) >= 6 and abs(len(syn_compact) - len(compact)) <= 3 \
                    and compact[:1] == syn_compact[:1]:
                ratio = fuzz.ratio(" ".join(tokens), syn)
                fuzzy = ratio / 100 if ratio >= 85 else 0.0
            if not fuzzy:
                continue
            score = 0.85 * fuzzy
        # Rank by how much of the header the synonym explains: "date naissance" misspelt explains
        # "Date naisance" better than the exact word "date" inside it does.
        quality = score * min(1.0, len(syn_compact) / len(compact))
        key = (quality, len(syn_compact), score, kind, syn)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None and _DATE_PREFIX.match(compact):
        return HeaderMatch("date", "date", 0.7)
    if best is None:
        return None
    return HeaderMatch(best[3], best[4], best[2])


# Suffixes of data-model column names whose stem names the domain (OMOP CDM: gender_concept_id...).
_MODEL_SUFFIXES: tuple[tuple[str, ...], ...] = (("source", "concept", "id"), ("type", "concept", "id"),
                                                 ("concept", "id"), ("source", "value"))
# Abbreviations of legacy 8-character names (SAS, hospital systems): CDPOST, DTENTR, NUMINC, LIBACTE.
_ABBREVIATIONS = {"cd": ("code",), "dt": ("date",), "num": ("numero",), "no": ("numero",), "nb": ("nombre",),
                  "lib": ("libelle",), "nm": ("nom",)}
# Fragments that qualify the word they are glued to: patient, résidence, domicile, usuel.
_QUALIFIERS = frozenset(_ABBREVIATIONS) | {"pat", "res", "dom", "usu"}


def _expansions(part: str, min_prefix: int) -> set[str]:
    """Synonym words a header fragment can stand for: itself, its abbreviation, words it begins."""
    words = set(_ABBREVIATIONS.get(part, ()))
    words.add(part)
    # A whole word of the synonyms ("code", "site") stands for itself, not for longer ones ("codepostal").
    if len(part) >= min_prefix and part not in _synonym_word_set():
        words.update(w for w in _synonym_words() if w.startswith(part))
    return words


@lru_cache(maxsize=1)
def _synonym_word_set() -> frozenset[str]:
    return frozenset(_synonym_words())


def _match_expanded(options: list[set[str]], whole: bool = False) -> HeaderMatch | None:
    """The longest synonym whose words the fragments can stand for, in order (all of them if ``whole``)."""
    best: tuple[int, int, str, str] | None = None
    index = _index()
    for position in sorted(_with_words(set().union(*options))):
        kind, syn, syn_tokens, syn_compact, _ = index[position]
        n = len(syn_tokens)
        if n > len(options) or (whole and n != len(options)):
            continue
        for start in range(len(options) - n + 1):
            if all(word in options[start + i] for i, word in enumerate(syn_tokens)):
                key = (n, len(syn_compact), kind, syn)
                if best is None or key[:2] > best[:2]:
                    best = key
    return HeaderMatch(best[2], best[3], 0.75) if best is not None else None


def _match_abbreviated(tokens: tuple[str, ...]) -> HeaderMatch | None:
    """Truncated words ("NUM_INC", "VIV_J30") and glued ones ("VILLRES", "CDGHM", "NOMPAT").

    Each fragment may stand for a synonym word it begins (3+ letters when written apart, 4+ when
    cut out of a glued name, so "UFMED" does not read as "médecin") or for a legacy abbreviation
    (CD code, DT date, NUM numéro).
    """
    words = tuple(t for t in tokens if not t.isdigit())
    return _match_words(words) if words else None


@lru_cache(maxsize=4096)
def _match_words(words: tuple[str, ...]) -> HeaderMatch | None:
    """:func:`_match_abbreviated` of the header's words without its numbers: cached, since the
    numbered columns of a wide file (``Q1_1`` ... ``Q400_12``, ``col1`` ... ``col20000``) share them."""
    found = _match_expanded([_expansions(t, 3) for t in words])
    if found is not None or len(words) != 1 or not 5 <= len(words[0]) <= 10:
        return found
    glued = words[0]
    for cut in range(2, len(glued) - 1):
        left, right = glued[:cut], glued[cut:]
        # Both fragments must be explained: by a two-word synonym, or one by a synonym and the
        # other by a legacy qualifier (VILLRES = ville + résidence, CDGHM = code + GHM).
        found = _match_expanded([_expansions(left, 4), _expansions(right, 4)], whole=True)
        for part, other in ((left, right), (right, left)):
            if found is None and other in _QUALIFIERS:
                found = _match_expanded([_expansions(part, 4)], whole=True)
        if found is not None:
            return found
    return None
