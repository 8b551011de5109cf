"""Header detector: French and English, terse, misspelt, insensitive to case, accents and punctuation."""

from __future__ import annotations

import pytest

from curator.identify.headers import match_header


@pytest.mark.parametrize("header, kind", [
    ("NOM", "last_name"), ("Nom d'usage", "last_name"), ("Prénom(s)", "first_name"), ("PRENOM", "first_name"),
    ("Prenon", "first_name"), ("Nom de jeune fille", "birth_name"), ("nom_naissance", "birth_name"),
    ("DDN", "birth_date"), ("Né(e) le", "birth_date"), ("Date naisance", "birth_date"), ("date_of_birth", "birth_date"),
    ("DateNaissance", "birth_date"), ("NIR", "nir"), ("n° S.S.", "nir"), ("N° SS", "nir"), ("NUMSS", "nir"),
    ("IPP", "patient_id"), ("Tél. portable", "phone"), ("tel", "phone"), ("Mail ", "email"),
    ("Adresse e-mail", "email"), ("Courriel", "email"), ("adresse", "address"), ("STREET_ADDR", "address"),
    ("CP", "postcode"), ("C.P.", "postcode"), ("Code postal", "postcode"), ("ZIP", "postcode"),
    ("code_insee", "commune_code"), ("Ville", "city"), ("SEXE", "sex"), ("gender", "sex"), ("Âge", "age"),
    ("DATE_DECES", "death_date"), ("Date de décès", "death_date"), ("DTENT", "date"), ("Date entrée", "date"),
    ("RPPS", "rpps"), ("ADELI", "adeli"), ("FINESS", "finess"), ("Commentaire", "free_text"), ("Obs.", "free_text"),
    ("DP", "icd10"), ("CIM10", "icd10"), ("ACTE", "ccam"), ("code_atc", "atc"), ("STATUT_VITAL", "vital_status"),
    ("Poids (kg)", "measurement"), ("IMC", "measurement"), ("lat", "gps_lat"), ("LON", "gps_lon"),
    ("DRIVERS", "driving_licence"), ("PASSPORT", "passport"), ("SSN", "ssn"),
])
def test_header_kinds(header: str, kind: str) -> None:
    match = match_header(header)
    assert match is not None, header
    assert match.kind == kind, (header, match)


@pytest.mark.parametrize("header", ["col1", "V12", "X3", "champ7", "Unnamed: 0", "", "  ", "Bras", "GIR"])
def test_headers_that_say_nothing(header: str) -> None:
    assert match_header(header) is None


def test_evidence_names_the_synonym() -> None:
    match = match_header("Prénom")
    assert match is not None and match.evidence() == "header resembles 'prenom'"
    assert match_header("prenom") == match_header("PRÉNOM ")


@pytest.mark.parametrize("header, kind", [
    # Legacy 8-character names: truncated words and glued fragments, each explained.
    ("NUM_INCL", "patient_id"), ("VILLERES", "city"), ("TELPAT", "phone"), ("NIRPAT", "nir"), ("CDDIAG", "icd10"),
    ("CDACTE", "ccam"), ("DEPRES", "department"), ("CD_POST", "postcode"), ("VIV_M6", "vital_status"),
    # Data-model names: the domain before _concept_id / _source_value says what the column holds.
    ("condition_source_value", "icd10"), ("ethnicity_concept_id", "ethnicity"), ("gender_source_concept_id", "sex"),
    ("visit_type_concept_id", "record_detail"), ("person_source_value", "patient_id"),
    ("drug_concept_id", "atc"),
])
def test_abbreviated_and_data_model_headers(header: str, kind: str) -> None:
    match = match_header(header)
    assert match is not None, header
    assert match.kind == kind, (header, match)


@pytest.mark.parametrize("header", ["UFMED", "Régime", "DEREG", "LIBRE1X"])
def test_glued_fragments_must_all_be_explained(header: str) -> None:
    # "UFMED" is not "médecin", "Régime" is not "région": a fragment left unexplained rules a match out.
    match = match_header(header)
    assert match is None or match.kind not in ("practitioner_name", "region"), (header, match)


def test_a_whole_word_is_not_read_as_the_start_of_a_longer_one() -> None:
    # "code" is a word in its own right: "site code" is not "codepostal"; "inc" is a cut "inclusion".
    site = match_header("site code")
    assert site is None or site.kind != "postcode", site
    numbered = match_header("NUM_INC")
    assert numbered is not None and numbered.kind == "patient_id"
