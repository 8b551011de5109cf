"""Value detectors for the health information itself (codes, vital status) and for free text."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from curator.identify import patterns
from curator.identify.findings import Finding, of_sampled
from curator.identify.sample import Sample
from curator.identify.text import fold
from curator.messages import QT_TRANSLATE_NOOP, Text, word

# ---------------------------------------------------------------- health codes (sensitive)

_CODES: tuple[tuple[str, str, str], ...] = (
    ("icd10", r"[A-TV-Z]\d{2}(?:\.?\d{1,2})?[+*†]?", QT_TRANSLATE_NOOP("core", "ICD-10 (CIM-10) diagnosis codes")),
    ("ccam", r"[A-Z]{4}\d{3}(?:-\d{3})?", QT_TRANSLATE_NOOP("core", "CCAM procedure codes")),
    ("atc", r"[A-V]\d{2}[A-Z]{2}\d{2}|[A-V]\d{2}[A-Z]{1,2}", QT_TRANSLATE_NOOP("core", "ATC drug codes")),
    ("morphology", r"[89]\d{3}/[0-39]", QT_TRANSLATE_NOOP("core", "ICD-O-3 morphology codes")),
    ("tnm", r"(?:y|r|a|p|c|yp|yc)?T(?:[0-4]|is|x|X)[a-d]?\d?\s*(?:\(\w+\))?\s*N(?:[0-3]|x|X)[a-c]?.*M(?:[01]|x|X)[a-c]?.*",
     QT_TRANSLATE_NOOP("core", "TNM stages")),
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
            return Finding(kind, s.weight(mask), s.total, True, Text(QT_TRANSLATE_NOOP("core", "{sampled} are {what}"),
                                                                          sampled=of_sampled(s.weight(mask), s.total), what=word(what)))
    if not 2 <= s.n_distinct <= 12:
        return None
    folded = {fold(v) for v in s.values()}
    if len(folded & _VITAL) >= 2 and len(folded - _VITAL) <= 1:
        return Finding("vital_status", s.total, s.total, True,
                       Text(QT_TRANSLATE_NOOP("core", "sampled values are vital statuses ({values})"),
                            values=", ".join(sorted(s.values())[:4])))
    if len(folded & _TEST_RESULTS) >= 2 and len(folded - _TEST_RESULTS) <= 1:
        return Finding("test_result", s.total, s.total, True,
                       Text(QT_TRANSLATE_NOOP("core", "sampled values are test results ({values})"),
                            values=", ".join(sorted(s.values())[:4])))
    if len(folded & _DISCHARGE) >= 3 and len(folded - _DISCHARGE) <= 1:
        return Finding("discharge_mode", s.total, s.total, False,
                       Text(QT_TRANSLATE_NOOP("core", "sampled values are discharge destinations ({values})"),
                            values=", ".join(sorted(s.values())[:4])))
    return None


# ---------------------------------------------------------------- free text

_FOUND_IN_TEXT: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("core", "phone numbers"), f"{patterns.PHONE_FR}|{patterns.PHONE_INTL}|{patterns.PHONE_US}"),
    (QT_TRANSLATE_NOOP("core", "e-mail addresses"), patterns.EMAIL),
    (QT_TRANSLATE_NOOP("core", "NIRs"), patterns.NIR),
    (QT_TRANSLATE_NOOP("core", "dates"), patterns.DATE),
    (QT_TRANSLATE_NOOP("core", "names after a title (Dr, M., Mme...)"), patterns.TITLED_NAME),
    (QT_TRANSLATE_NOOP("core", "street addresses"), f"{patterns.STREET}|{patterns.STREET_EN}"),
    (QT_TRANSLATE_NOOP("core", "record numbers after a label (IPP, dossier...)"), patterns.LABELLED_ID),
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
            found.append(Text(QT_TRANSLATE_NOOP("core", "{count:,} with {what}"), count=s.weight(hits), what=word(what)))
    if found:
        evidence = Text(QT_TRANSLATE_NOOP("core", "{count:,} sampled values are free text ({words:.0f} words on average); found inside: {found}"),
                        count=s.total, words=mean_words, found=Text.joined(", ", found))
    else:
        evidence = Text(QT_TRANSLATE_NOOP("core", "{count:,} sampled values are free text ({words:.0f} words on average); nothing identifying "
                        "found inside the sample, but free text may hold anything"), count=s.total, words=mean_words)
    return Finding("free_text", s.total, s.total, True, evidence)
