"""Value detectors for the health information itself (codes, vital status) and for free text."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from curator.identify import patterns
from curator.identify.findings import Finding, count_text, of_sampled
from curator.identify.sample import Sample
from curator.identify.text import fold

# ---------------------------------------------------------------- health codes (sensitive)

_CODES: tuple[tuple[str, str, str], ...] = (
    ("icd10", r"[A-TV-Z]\d{2}(?:\.?\d{1,2})?[+*†]?", "ICD-10 (CIM-10) diagnosis codes"),
    ("ccam", r"[A-Z]{4}\d{3}(?:-\d{3})?", "CCAM procedure codes"),
    ("atc", r"[A-V]\d{2}[A-Z]{2}\d{2}|[A-V]\d{2}[A-Z]{1,2}", "ATC drug codes"),
    ("morphology", r"[89]\d{3}/[0-39]", "ICD-O-3 morphology codes"),
    ("tnm", r"(?:y|r|a|p|c|yp|yc)?T(?:[0-4]|is|x|X)[a-d]?\d?\s*(?:\(\w+\))?\s*N(?:[0-3]|x|X)[a-c]?.*M(?:[01]|x|X)[a-c]?.*",
     "TNM stages"),
)
_VITAL = {"vivant", "decede", "dcd", "perdu de vue", "pdv", "alive", "dead", "deceased", "lost to follow-up",
          "lost to follow up", "vv", "dc", "vivante", "decedee"}
# Qualitative test results (a screening, a serology): health information whatever the header says.
_TEST_RESULTS = {"positif", "negatif", "positive", "negative", "douteux", "equivoque", "indetermine", "detecte",
                 "non detecte", "detected", "not detected", "pos", "neg", "reactive", "non reactive", "inconclusive"}
# Where a patient went on leaving: home, rehabilitation, nursing home, another ward... (PMSI words).
_DISCHARGE = {"rad", "domicile", "retour a domicile", "retour domicile", "ssr", "smr", "ehpad", "usld", "had", "hosp",
              "hospitalisation", "uhcd", "mutation", "transfert", "dcd", "deces", "fugue", "psy", "sortie contre avis",
              "home", "transfer", "rehab", "nursing home", "died", "deceased", "hospice"}


def detect_health_codes(s: Sample) -> Finding | None:
    if s.length_share(2, 20) < 0.8:
        return None
    for kind, pattern, what in _CODES:
        mask = s.matches(pattern)
        if s.share(mask) >= 0.8 and s.n_distinct >= 2:
            return Finding(kind, s.weight(mask), s.total, True, f"{of_sampled(s.weight(mask), s.total)} are {what}")
    if not 2 <= s.n_distinct <= 12:
        return None
    folded = {fold(v) for v in s.values()}
    if len(folded & _VITAL) >= 2 and len(folded - _VITAL) <= 1:
        return Finding("vital_status", s.total, s.total, True,
                       f"sampled values are vital statuses ({', '.join(sorted(s.values())[:4])})")
    if len(folded & _TEST_RESULTS) >= 2 and len(folded - _TEST_RESULTS) <= 1:
        return Finding("test_result", s.total, s.total, True,
                       f"sampled values are test results ({', '.join(sorted(s.values())[:4])})")
    if len(folded & _DISCHARGE) >= 3 and len(folded - _DISCHARGE) <= 1:
        return Finding("discharge_mode", s.total, s.total, False,
                       f"sampled values are discharge destinations ({', '.join(sorted(s.values())[:4])})")
    return None


# ---------------------------------------------------------------- free text

_FOUND_IN_TEXT: tuple[tuple[str, str], ...] = (
    ("phone numbers", f"{patterns.PHONE_FR}|{patterns.PHONE_INTL}|{patterns.PHONE_US}"),
    ("e-mail addresses", patterns.EMAIL),
    ("NIRs", patterns.NIR),
    ("dates", patterns.DATE),
    ("names after a title (Dr, M., Mme...)", patterns.TITLED_NAME),
    ("street addresses", f"{patterns.STREET}|{patterns.STREET_EN}"),
    ("record numbers after a label (IPP, dossier...)", patterns.LABELLED_ID),
)


def detect_free_text(s: Sample) -> Finding | None:
    lengths = s.lengths
    words = pc.list_value_length(pc.utf8_split_whitespace(s.distinct)).to_numpy(zero_copy_only=False)
    if not len(lengths):
        return None
    mean_length = float(np.average(lengths, weights=s.weights))
    mean_words = float(np.average(words, weights=s.weights))
    if mean_length < 30 or mean_words < 5 or s.n_distinct < 0.3 * s.total:
        return None
    found = []
    for what, pattern in _FOUND_IN_TEXT:
        hits = pc.match_substring_regex(s.distinct, pattern).to_numpy(zero_copy_only=False).astype(bool)
        if hits.any():
            found.append(f"{count_text(s.weight(hits))} with {what}")
    inside = f"; found inside: {', '.join(found)}" if found else "; nothing identifying found inside the sample, " \
        "but free text may hold anything"
    return Finding("free_text", s.total, s.total, True,
                   f"{count_text(s.total)} sampled values are free text ({mean_words:.0f} words on average){inside}")
