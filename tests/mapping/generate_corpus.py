"""Generate the column-mapping corpus in tests/data/mapping_corpus/ (reproducibly, fixed seed).

    .venv/bin/python tests/mapping/generate_corpus.py

Twelve small exports in the styles producers send: full French headers, terse legacy codes,
OMOP-style names, English cohort headers, camelCase application exports, upper-case spreadsheets,
SNDS/PMSI names, Inserm cohort abbreviations, headers with typos and unit hints. Headers were
written to imitate real exports, not copied from the vocabulary's synonyms; every column is labelled
in labels.json (same format as tests/data/corpus/labels.json), ``null`` when no concept fits.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parents[1] / "data" / "mapping_corpus"
ROWS = 120
Gen = Callable[[random.Random], str]

FIRST = ["Jean", "Marie", "Pierre", "Nathalie", "Luc", "Sophie", "Ahmed", "Fatima", "Claire", "Hugo", "Léa", "Noé"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Nguyen"]
STREETS = ["rue de la Paix", "avenue Jean Jaurès", "boulevard Victor Hugo", "impasse des Lilas", "chemin du Moulin"]
CITIES = ["Lyon", "Marseille", "Rennes", "Lille", "Nantes", "Ajaccio"]
ICD = ["C50.9", "C34.1", "C61", "C18.7", "I21.0", "I50.9", "E11.9", "C43.5", "J44.1"]
CCAM = ["QEFA003", "HHFA016", "JDFA001", "DZEA002", "YYYY600"[:0] + "HFFC018", "NEKA020"]
ATC = ["L01XC03", "N02BE01", "C07AB02", "A10BA02", "B01AC06", "L02BG03"]


def _date(r: random.Random, start: int, end: int, fmt: str = "%d/%m/%Y") -> str:
    day = dt.date(start, 1, 1) + dt.timedelta(days=r.randint(0, (end - start) * 365))
    return day.strftime(fmt)


def _nir(r: random.Random) -> str:
    body = f"{r.choice('12')}{r.randint(30, 99):02d}{r.randint(1, 12):02d}{r.choice(['75', '13', '69', '33'])}" \
           f"{r.randint(1, 999):03d}{r.randint(1, 999):03d}"
    return body + f"{97 - int(body) % 97:02d}"


def _phone(r: random.Random) -> str:
    return "0" + str(r.choice([1, 2, 3, 4, 5, 6, 7])) + "".join(f" {r.randint(0, 99):02d}" for _ in range(4))


def _rpps(r: random.Random) -> str:
    digits = "10" + "".join(str(r.randint(0, 9)) for _ in range(8))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return digits + str((10 - total % 10) % 10)


def pick(*choices: str) -> Gen:
    return lambda r: r.choice(choices)


G: dict[str, Gen] = {
    "ipp": lambda r: f"{r.randint(10**7, 10**8 - 1)}",
    "subj": lambda r: f"S-{r.randint(1, 999):04d}",
    "nir": _nir,
    "last": pick(*LAST), "first": pick(*FIRST),
    "address": lambda r: f"{r.randint(1, 120)} {r.choice(STREETS)}",
    "phone": _phone,
    "email": lambda r: f"{r.choice(FIRST).lower()}.{r.choice(LAST).lower()}@exemple.fr",
    "rpps": _rpps,
    "comment": pick("RAS", "Patient vu en consultation, bonne tolérance du traitement.",
                    "Appeler la fille avant le prochain rendez-vous", "Perdu de vue après 2019, relance envoyée"),
    "birth": lambda r: _date(r, 1930, 2005), "birth_iso": lambda r: _date(r, 1930, 2005, "%Y-%m-%d"),
    "birth_year": lambda r: str(r.randint(1930, 2005)),
    "sex_hf": pick("H", "F"), "sex_12": pick("1", "2"), "sex_mf": pick("M", "F"), "sex_word": pick("Homme", "Femme"),
    "age": lambda r: str(r.randint(18, 95)),
    "cp": lambda r: f"{r.choice(['75', '13', '69', '01', '33', '59'])}0{r.randint(0, 9)}0",
    "commune": lambda r: f"{r.choice(['75', '13', '69', '2A', '33'])}{r.randint(1, 350):03d}",
    "dept": pick("75", "13", "69", "01", "2A", "33", "971"),
    "city": pick(*CITIES),
    "death": lambda r: "" if r.random() < 0.7 else _date(r, 2010, 2024),
    "finess": lambda r: f"{r.choice(['75', '13', '69'])}0{r.randint(100000, 999999)}",
    "date_recent": lambda r: _date(r, 2012, 2024), "date_iso": lambda r: _date(r, 2012, 2024, "%Y-%m-%d"),
    "vital": pick("Vivant", "Décédé", "Perdu de vue"), "vital_code": pick("1", "2", "3"),
    "icd": pick(*ICD), "topo": pick("C50.4", "C34.1", "C61.9", "C18.7"), "morpho": pick("8500/3", "8140/3", "8070/3"),
    "tnm": pick("T2N0M0", "pT1cN0M0", "T3N1M0", "T4N2M1"), "stage": pick("I", "IIA", "IIIB", "IV"),
    "ccam": pick(*CCAM), "atc": pick(*ATC), "modsor": pick("8", "7", "9", "6"), "modsor_word": pick("Domicile", "Transfert", "Décès"),
    "weight": lambda r: f"{r.randint(45, 120)},{r.randint(0, 9)}", "height": lambda r: str(r.randint(150, 195)),
    "bmi": lambda r: f"{r.uniform(17, 40):.1f}".replace(".", ","),
    "smoke": pick("Non-fumeur", "Ancien fumeur", "Fumeur"), "smoke_en": pick("Never", "Former", "Current"),
    "score": lambda r: str(r.randint(0, 4)), "yesno": pick("Oui", "Non"), "lab": lambda r: f"{r.uniform(0.5, 12):.2f}",
}

# (header, generator, concept or None) per file.
FILES: dict[str, list[tuple[str, str, str | None]]] = {
    "registre_fr_complet.csv": [
        ("Numéro de dossier", "ipp", "patient_local_id"), ("Nom", "last", "last_name"), ("Prénom", "first", "first_name"),
        ("Date de naissance", "birth", "birth_date"), ("Sexe", "sex_hf", "sex"), ("Code postal", "cp", "postal_code"),
        ("Date de diagnostic", "date_recent", "diagnosis_date"), ("Topographie", "topo", "topography_icdo3"),
        ("Morphologie", "morpho", "morphology_icdo3"), ("Stade TNM", "tnm", "tnm_stage"),
        ("Statut vital", "vital", "vital_status"), ("Date de décès", "death", "death_date"),
        ("Date des dernières nouvelles", "date_recent", None), ("Grade histologique", "score", None)],
    "legacy_terse.csv": [
        ("IPP", "ipp", "patient_local_id"), ("NOMPAT", "last", "last_name"), ("PRENOM", "first", "first_name"),
        ("DDN", "birth", "birth_date"), ("SX", "sex_12", "sex"), ("CP", "cp", "postal_code"),
        ("DTDIAG", "date_recent", "diagnosis_date"), ("CIM10", "icd", "diagnosis_icd10"), ("TOPO", "topo", "topography_icdo3"),
        ("HISTO", "morpho", "morphology_icdo3"), ("STVIT", "vital_code", "vital_status"), ("DTDC", "death", "death_date"),
        ("NBGG", "score", None)],
    "omop_like.csv": [
        ("person_id", "ipp", "patient_local_id"), ("gender_source_value", "sex_mf", "sex"),
        ("year_of_birth", "birth_year", "birth_year"), ("birth_datetime", "birth_iso", "birth_date"),
        ("death_date", "death", "death_date"), ("location_zip", "cp", "postal_code"),
        ("care_site_id", "finess", "establishment_finess"), ("condition_source_value", "icd", "diagnosis_icd10"),
        ("condition_start_date", "date_iso", "diagnosis_date"), ("procedure_source_value", "ccam", "procedure_ccam"),
        ("procedure_date", "date_iso", "procedure_date"), ("drug_source_value", "atc", "drug_atc"),
        ("visit_start_date", "date_iso", "admission_date"), ("visit_end_date", "date_iso", "discharge_date"),
        ("value_as_number", "lab", None), ("unit_source_value", "pick_unit", None)],
    "english_cohort.csv": [
        ("Subject ID", "subj", "patient_local_id"), ("Date of Birth", "birth", "birth_date"), ("Gender", "sex_mf", "sex"),
        ("Age at enrolment", "age", "age"), ("Postcode", "cp", "postal_code"), ("Enrolment date", "date_recent", "inclusion_date"),
        ("Weight (kg)", "weight", "weight_kg"), ("Height (cm)", "height", "height_cm"), ("BMI", "bmi", "bmi"),
        ("Smoking status", "smoke_en", "smoking_status"), ("Vital status", "vital", "vital_status"),
        ("Date of death", "death", "death_date"), ("Randomisation arm", "yesno", None)],
    "saisie_a_la_main.csv": [
        ("N° dossier patient", "ipp", "patient_local_id"), ("né(e) le", "birth", "birth_date"), ("Sexe (H/F)", "sex_hf", "sex"),
        ("Âge (ans)", "age", "age"), ("Code postal domicile", "cp", "postal_code"), ("Tél. portable", "phone", "phone"),
        ("E-mail", "email", "email"), ("Médecin traitant (RPPS)", "rpps", "practitioner_id"),
        ("Date d'hospit.", "date_recent", "admission_date"), ("Date de sortie d'hosp", "date_recent", "discharge_date"),
        ("Mode sortie", "modsor_word", "discharge_mode"), ("Diag principal (CIM10)", "icd", "diagnosis_icd10"),
        ("Acte CCAM principal", "ccam", "procedure_ccam"), ("Poids", "weight", "weight_kg"), ("Taille", "height", "height_cm"),
        ("Commentaires", "comment", "free_text"), ("Allergie O/N", "yesno", None)],
    "pmsi_like.csv": [
        ("ETA_NUM", "finess", "establishment_finess"), ("COD_SEX", "sex_12", "sex"), ("AGE_ANN", "age", "age"),
        ("BDI_DEP", "dept", "department"), ("ENT_DAT", "date_recent", "admission_date"), ("SOR_DAT", "date_recent", "discharge_date"),
        ("SOR_MOD", "modsor", "discharge_mode"), ("DGN_PAL", "icd", "diagnosis_icd10"), ("CDC_ACT", "ccam", "procedure_ccam"),
        ("GHM_NUM", "score", None), ("SEJ_NBJ", "score", None)],
    "cardio_registre.csv": [
        ("id_patient", "ipp", "patient_local_id"), ("date_naissance", "birth", "birth_date"), ("sexe", "sex_word", "sex"),
        ("poids_kg", "weight", "weight_kg"), ("taille_cm", "height", "height_cm"), ("imc", "bmi", "bmi"), ("tabac", "smoke", "smoking_status"),
        ("date_inclusion", "date_recent", "inclusion_date"), ("dept_residence", "dept", "department"),
        ("commune_naissance", "commune", "commune_code"), ("finess_etab", "finess", "establishment_finess"),
        ("fevg", "score", None), ("statut_vital_1an", "vital", "vital_status")],
    "app_export_camel.csv": [
        ("patientId", "ipp", "patient_local_id"), ("birthDate", "birth_iso", "birth_date"), ("sexCode", "sex_12", "sex"),
        ("zipCode", "cp", "postal_code"), ("admissionDate", "date_iso", "admission_date"), ("dischargeDate", "date_iso", "discharge_date"),
        ("mainDiagnosis", "icd", "diagnosis_icd10"), ("atcCode", "atc", "drug_atc"), ("deathDate", "death", "death_date"),
        ("firstName", "first", "first_name"), ("lastName", "last", "last_name"), ("phoneNumber", "phone", "phone"),
        ("emailAddress", "email", "email"), ("createdBy", "first", None)],
    "tableur_majuscules.csv": [
        ("NOM DE NAISSANCE", "last", "birth_name"), ("NOM D'USAGE", "last", "last_name"), ("PRENOM", "first", "first_name"),
        ("DATE NAISSANCE", "birth", "birth_date"), ("SEXE", "sex_hf", "sex"), ("ADRESSE", "address", "address"),
        ("CODE POSTAL", "cp", "postal_code"), ("VILLE", "city", None), ("TELEPHONE", "phone", "phone"), ("NIR", "nir", "nir"),
        ("CODE INSEE COMMUNE", "commune", "commune_code")],
    "english_terse.csv": [
        ("MRN", "ipp", "patient_local_id"), ("DOB", "birth", "birth_date"), ("SEX", "sex_mf", "sex"), ("ZIP", "cp", "postal_code"),
        ("DX_DATE", "date_recent", "diagnosis_date"), ("ICD10", "icd", "diagnosis_icd10"), ("SITE", "topo", "topography_icdo3"),
        ("HISTOLOGY", "morpho", "morphology_icdo3"), ("STAGE", "stage", "tnm_stage"), ("DOD", "death", "death_date"),
        ("VS", "vital_code", "vital_status"), ("ECOG", "score", None)],
    "fautes_de_frappe.csv": [
        ("Date de naissanse", "birth", "birth_date"), ("Sexxe", "sex_hf", "sex"), ("Code postale", "cp", "postal_code"),
        ("Diagnosic", "icd", "diagnosis_icd10"), ("Date d'inclussion", "date_recent", "inclusion_date"),
        ("Poid", "weight", "weight_kg"), ("Prenon", "first", "first_name"), ("Telephonne", "phone", "phone"),
        ("Morpholgie", "morpho", "morphology_icdo3"), ("Bras", "yesno", None)],
    "cohorte_abbreviations.csv": [
        ("NUMSUJ", "subj", "patient_local_id"), ("ANNAIS", "birth_year", "birth_year"), ("SEXE", "sex_12", "sex"),
        ("AGEINC", "age", "age"), ("DATINC", "date_recent", "inclusion_date"), ("CODPOST", "cp", "postal_code"),
        ("TABAC", "smoke", "smoking_status"), ("PDS", "weight", "weight_kg"), ("TAILLE", "height", "height_cm"),
        ("IMC", "bmi", "bmi"), ("DATDC", "death", "death_date"), ("STATUT", "vital", "vital_status"), ("QDV1", "score", None)],
}
G["pick_unit"] = pick("mg/dL", "g/L", "mmol/L")


def main(out_dir: Path = OUT_DIR) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261128)
    labels: dict[str, dict[str, dict[str, str | None]]] = {}
    for file_name, columns in FILES.items():
        rows = [[G[gen](rng) for _header, gen, _concept in columns] for _ in range(ROWS)]
        with (out_dir / file_name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow([header for header, _gen, _concept in columns])
            writer.writerows(rows)
        labels[file_name] = {header: {"concept": concept} for header, _gen, concept in columns}
    (out_dir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(FILES)} files written to {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
