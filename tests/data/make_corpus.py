"""Generate the labelled identification corpus in tests/data/corpus/ (reproducibly).

    .venv/bin/python tests/data/make_corpus.py

Each file imitates an export a producer might send: French or English headers, terse legacy
codes, messy hand-typed headers, or no meaningful header at all (col1, V12...). Every column is
labelled with its identification class and, where one fits, its hub-core concept id; the labels
live in corpus/labels.json and are what the identify and mapping tests measure against.

Names come from faker locales of which several (es_CO, de_CH, en_AU, en_NZ, en_IN, it_CH) are
deliberately *not* used to build resources/lexicons/, so name detection is measured partly on
names the lexicons have never seen.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from faker import Faker
from stdnum import luhn

OUT_DIR = Path(__file__).resolve().parent / "corpus"
ROWS = 300

Gen = Callable[[random.Random, Faker], str]


@dataclass
class Col:
    header: str
    gen: Gen
    klass: str
    concept: str | None = None


# ---------------------------------------------------------------- value generators

def maybe_empty(gen: Gen, rate: float) -> Gen:
    return lambda r, f: "" if r.random() < rate else gen(r, f)


def nir_value(r: random.Random, spaced: bool = False, with_key: bool = True,
              birth: dt.date | None = None) -> str:
    sex = r.choice("12")
    birth = birth or dt.date(r.randint(1930, 2010), r.randint(1, 12), 1)
    dept = r.choice(["75", "13", "69", "2A", "2B", "33", "59", "01", "97", "44", "67", "06"])
    commune = f"{r.randint(1, 990):03d}" if dept != "97" else f"{r.randint(101, 190):03d}"
    order = f"{r.randint(1, 999):03d}"
    body = f"{sex}{birth.year % 100:02d}{birth.month:02d}{dept}{commune}{order}"
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    key = f"{97 - numeric % 97:02d}"
    if not with_key:
        return body
    if spaced:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}"
    return body + key


def luhn_complete(digits: str) -> str:
    return digits + luhn.calc_check_digit(digits)


def rpps(r: random.Random, f: Faker) -> str:
    return luhn_complete("10" + "".join(r.choice("0123456789") for _ in range(8)))


def adeli(r: random.Random, f: Faker) -> str:
    return luhn_complete(r.choice(["75", "13", "69", "33"]) + r.choice(["10", "21", "60", "91"]) + f"{r.randint(0, 9999):04d}")


FINESS_POOL: list[str] = []


def finess(r: random.Random, f: Faker) -> str:
    if not FINESS_POOL:
        rr = random.Random(99)
        for dept in ["75", "13", "69", "33", "59", "31", "44", "67", "06", "92"]:
            for _ in range(2):
                FINESS_POOL.append(luhn_complete(dept + "0" + f"{rr.randint(0, 99999):05d}"))
    return r.choice(FINESS_POOL)


def fr_phone(r: random.Random, f: Faker) -> str:
    digits = "0" + r.choice("1234567") + "".join(r.choice("0123456789") for _ in range(8))
    style = r.random()
    if style < 0.4:
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if style < 0.6:
        return digits
    if style < 0.75:
        return ".".join(digits[i:i + 2] for i in range(0, 10, 2))
    if style < 0.9:
        return "+33 " + digits[1] + " " + " ".join(digits[i:i + 2] for i in range(2, 10, 2))
    return "+33" + digits[1:]


def faker_phone(r: random.Random, f: Faker) -> str:
    return f.phone_number()


DATE_FORMATS = {"fr": "%d/%m/%Y", "iso": "%Y-%m-%d", "us": "%m/%d/%Y", "dash": "%d-%m-%Y",
                "dot": "%d.%m.%Y", "compact": "%Y%m%d", "short": "%d/%m/%y"}


def date_between(start: dt.date, end: dt.date, fmt: str) -> Gen:
    span = (end - start).days

    def gen(r: random.Random, f: Faker) -> str:
        return (start + dt.timedelta(days=r.randint(0, span))).strftime(DATE_FORMATS[fmt])
    return gen


def birth_date(fmt: str) -> Gen:
    return date_between(dt.date(1925, 1, 1), dt.date(2008, 12, 31), fmt)


def event_date(fmt: str) -> Gen:
    return date_between(dt.date(2015, 1, 1), dt.date(2024, 6, 30), fmt)


def choice(*values: str, weights: list[float] | None = None) -> Gen:
    return lambda r, f: r.choices(values, weights=weights)[0]


def first_name(upper: bool = False) -> Gen:
    return lambda r, f: f.first_name().upper() if upper else f.first_name()


def last_name(upper: bool = False) -> Gen:
    return lambda r, f: f.last_name().upper() if upper else f.last_name()


def full_name(order: str = "first last") -> Gen:
    def gen(r: random.Random, f: Faker) -> str:
        if order == "LAST first":
            return f"{f.last_name().upper()} {f.first_name()}"
        return f"{f.first_name()} {f.last_name()}"
    return gen


def street(r: random.Random, f: Faker) -> str:
    return f.street_address().replace("\n", " ")


def fr_street(r: random.Random, f: Faker) -> str:
    kind = r.choice(["rue", "avenue", "bd", "boulevard", "chemin", "allée", "impasse", "place", "route", "lieu-dit",
                     "Rue", "Av.", "quai", "cours", "résidence"])
    number = r.choice(["", str(r.randint(1, 180)), f"{r.randint(1, 60)} bis", f"{r.randint(1, 99)},"])
    name = r.choice([f.last_name(), f"de la {f.last_name()}", f"du Général {f.last_name()}", f"des {f.word().capitalize()}s",
                     f"Victor {f.last_name()}", f.city()])
    return f"{number} {kind} {name}".strip()


def postcode(r: random.Random, f: Faker) -> str:
    dept = r.choice(["01", "06", "13", "20", "31", "33", "44", "59", "67", "69", "75", "92", "93", "97"])
    if dept == "97":
        return "97" + r.choice("1234") + f"{r.randint(0, 99):02d}"
    if dept == "75":
        return f"750{r.randint(1, 20):02d}"
    return dept + f"{r.randint(0, 9) * 100 + r.choice([0, 10, 20, 50, 90]):03d}"


def commune_code(r: random.Random, f: Faker) -> str:
    dept = r.choice(["01", "06", "13", "2A", "2B", "31", "33", "44", "59", "67", "69", "75", "92", "971"])
    if len(dept) == 3:
        return dept + f"{r.randint(1, 34):02d}"
    return dept + f"{r.randint(1, 600):03d}"


def department(r: random.Random, f: Faker) -> str:
    return r.choice(["01", "06", "13", "2A", "2B", "31", "33", "44", "59", "67", "69", "75", "92", "971", "974", "29", "35"])


def age(low: int = 18, high: int = 95) -> Gen:
    return lambda r, f: str(r.randint(low, high))


def number(low: float, high: float, decimals: int = 0, comma: bool = False) -> Gen:
    def gen(r: random.Random, f: Faker) -> str:
        v = r.uniform(low, high)
        text = f"{v:.{decimals}f}" if decimals else str(round(v))
        return text.replace(".", ",") if comma else text
    return gen


ICD10 = ["C50.9", "C34.1", "C18.7", "C61", "I21.0", "I25.1", "I48", "I50.0", "E11.9", "J44.1", "C43.5", "C25.0",
         "I10", "I63.5", "N18.4", "C91.0", "C20", "K70.3", "F32.1", "G30.9", "C67.9", "I11.0", "C56", "C73"]


def icd10(dotted: bool = True) -> Gen:
    return lambda r, f: r.choice(ICD10) if dotted else r.choice(ICD10).replace(".", "")


CCAM = ["DZQM006", "EBQH003", "DDAF001", "YYYY600", "HHFA016", "QEFA010", "JFFA015", "DEQP003", "ZCQK002",
        "NFKA007", "DZEA002", "HMFC004"]
ATC = ["C10AA05", "B01AC06", "C07AB07", "A10BA02", "L01XC03", "N02BE01", "C09AA05", "L02BG03", "C03CA01",
       "B01AF01", "A02BC01", "L01BC06", "N06AB06"]
TOPO = ["C50.9", "C50.4", "C34.1", "C18.7", "C61.9", "C44.5", "C16.9", "C25.0", "C73.9", "C64.9"]
MORPHO = ["8500/3", "8140/3", "8070/3", "8720/3", "8520/3", "8041/3", "8010/2", "9680/3"]
TNM = ["T1N0M0", "T2N1M0", "pT2N0M0", "T3N2M1", "T4N0M0", "pT1cN0M0", "T2N0Mx", "T1aN1M0"]


def code_from(pool: list[str]) -> Gen:
    return lambda r, f: r.choice(pool)


def clinical_note(r: random.Random, f: Faker) -> str:
    doctor = f"{r.choice(['Dr', 'Dr.', 'Docteur', 'Pr'])} {f.last_name()}"
    person = f"{r.choice(['M.', 'Mme', 'Mr', 'Madame', 'Monsieur'])} {f.last_name()}"
    day = event_date("fr")(r, f)
    parts = [
        f"Patient revu en consultation par {doctor} le {day}.",
        f"{person} signale une douleur thoracique depuis 3 jours.",
        f"Rappeler au {fr_phone(r, f)} pour les résultats.",
        f"Courrier adressé à {f.email()}.",
        f"Antécédent de {r.choice(['diabète', 'HTA', 'tabagisme', 'cancer du sein'])}, traitement poursuivi.",
        f"NIR vérifié : {nir_value(r)}.",
        "Pas d'évènement notable, suivi à 6 mois.",
        "Bonne tolérance du traitement. " + f.sentence(nb_words=8),
        f"Vu avec la fille de la patiente, {f.first_name()}, aidante principale.",
    ]
    return " ".join(r.sample(parts, k=r.randint(1, 3)))


def english_note(r: random.Random, f: Faker) -> str:
    parts = [
        f"Seen by Dr {f.last_name()} on {event_date('us')(r, f)}.",
        f"Patient {f.name()} reports chest pain for two days.",
        f"Call back at {f.phone_number()} with results.",
        "Follow-up in six months, no adverse event.",
        f"Discharged to home, wife {f.first_name()} informed.",
        f.sentence(nb_words=10),
        f"Email sent to {f.email()}.",
    ]
    return " ".join(r.sample(parts, k=r.randint(1, 3)))


def ipp(r: random.Random, f: Faker) -> str:
    return f"{r.randint(0, 99999999):010d}"


def uuid(r: random.Random, f: Faker) -> str:
    return str(f.uuid4())


def subject_no(prefix: str) -> Gen:
    counter = iter(range(1, 10**6))
    return lambda r, f: f"{prefix}{next(counter):04d}"


def row_number() -> Gen:
    counter = iter(range(1, 10**6))
    return lambda r, f: str(next(counter))


def gps(center: tuple[float, float], spread: float, which: int) -> Gen:
    return lambda r, f: f"{center[which] + r.uniform(-spread, spread):.6f}"


def us_ssn(r: random.Random, f: Faker) -> str:
    return f.ssn()


def passport(r: random.Random, f: Faker) -> str:
    return r.choice(["", f"{r.randint(10, 99)}{r.choice('ABCDEFGHJK')}{r.choice('ABCDEFGHJK')}{r.randint(10000, 99999)}",
                     f.passport_number()])


def driving_licence(r: random.Random, f: Faker) -> str:
    return f"{r.choice('ABCDEFGHSW')}{r.randint(10000000, 99999999)}"


def sas_date(start: dt.date, end: dt.date) -> Gen:
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    span = (end - start).days

    def gen(r: random.Random, f: Faker) -> str:
        day = start + dt.timedelta(days=r.randint(0, span))
        return f"{day.day:02d}{months[day.month - 1]}{day.year}"
    return gen


def datetime_fr(r: random.Random, f: Faker) -> str:
    return f"{event_date('fr')(r, f)} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}"


def nhs_number(r: random.Random, f: Faker) -> str:
    while True:
        digits = [r.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def short_note_en(r: random.Random, f: Faker) -> str:
    return r.choice(["Mild nausea after dose 2, resolved.", f"Headache reported by {f.first_name()} at visit.",
                     "No adverse event.", f"Hospitalised at St {f.last_name()} for 3 days, contact {f.phone_number()}.",
                     f"Rash on arms; GP Dr {f.last_name()} informed.", "Dizziness when standing, dose reduced."])


MOTIFS = ["douleur abdominale", "chute", "dyspnée", "douleur thoracique", "traumatisme membre", "malaise", "fièvre",
          "céphalées", "plaie", "intoxication", "AVC suspect", "lombalgie"]


# ---------------------------------------------------------------- dirt, for the second held-out batch

def dirty(gen: Gen, rate: float, tokens: tuple[str, ...] = ("", "NA", "inconnu")) -> Gen:
    """Realistic gaps: a share of the values replaced by a blank or a placeholder ("NA", "inconnu")."""
    return lambda r, f: r.choice(tokens) if r.random() < rate else gen(r, f)


def mixed_dates(start: dt.date, end: dt.date, *fmts: str) -> Gen:
    """Dates typed by several people: one format per value, drawn among ``fmts``."""
    gens = [date_between(start, end, fmt) for fmt in fmts]
    return lambda r, f: r.choice(gens)(r, f)


def initials(r: random.Random, f: Faker) -> str:
    return f"{f.last_name()[0]}.{f.first_name()[0]}.".upper()


def omop_gender(r: random.Random, f: Faker) -> str:
    return r.choice(["8507", "8532"])


def ghm(r: random.Random, f: Faker) -> str:
    return f"{r.choice(['05', '04', '06', '23'])}{r.choice('MKC')}{r.randint(2, 20):02d}{r.choice('1234ABZ')}"


def fr_phone_or_mobile(r: random.Random, f: Faker) -> str:
    digits = "0" + r.choice("67") + "".join(r.choice("0123456789") for _ in range(8))
    return digits if r.random() < 0.5 else " ".join(digits[i:i + 2] for i in range(0, 10, 2))


DRUG_NAMES = ["Kardégic 75 mg", "aspirine", "Bisoprolol 2,5mg", "ramipril 5 mg", "atorvastatine 40", "metformine",
              "Eliquis 5mg x2", "aucun", "furosémide 40 mg", "Levothyrox 75"]
PROFESSIONS = ["enseignant", "retraité", "agriculteur", "infirmière", "employé de bureau", "ouvrier", "cadre",
               "sans emploi", "artisan", "étudiant"]


# ---------------------------------------------------------------- the files

def files() -> dict[str, tuple[str, list[str], str, list[Col]]]:
    """name -> (delimiter, faker locales, encoding, columns)."""
    return {
        "registre_cancer_fr.csv": (";", ["fr_FR"], "cp1252", [
            Col("IPP", ipp, "direct", "patient_local_id"),
            Col("NOM", last_name(upper=True), "direct", "last_name"),
            Col("PRENOM", first_name(), "direct", "first_name"),
            Col("NOM_NAISSANCE", maybe_empty(last_name(upper=True), 0.5), "direct", "birth_name"),
            Col("DDN", birth_date("fr"), "quasi", "birth_date"),
            Col("SEXE", choice("1", "2"), "quasi", "sex"),
            Col("CP", postcode, "quasi", "postal_code"),
            Col("NIR", lambda r, f: nir_value(r), "direct", "nir"),
            Col("DATE_DIAG", event_date("fr"), "quasi", "diagnosis_date"),
            Col("TOPO", code_from(TOPO), "sensitive", "topography_icdo3"),
            Col("MORPHO", code_from(MORPHO), "sensitive", "morphology_icdo3"),
            Col("STADE", code_from(TNM), "sensitive", "tnm_stage"),
            Col("STATUT_VITAL", choice("vivant", "décédé", "perdu de vue", weights=[7, 2, 1]), "sensitive", "vital_status"),
            Col("DATE_DECES", maybe_empty(event_date("fr"), 0.75), "quasi", "death_date"),
            Col("FINESS", finess, "quasi", "establishment_finess"),
            Col("POIDS", number(45, 110, 1, comma=True), "none", "weight_kg"),
            Col("TAILLE", number(150, 195), "none", "height_cm"),
            Col("COMMENTAIRE", maybe_empty(clinical_note, 0.3), "direct", "free_text"),
        ]),
        "cardio_en.csv": (",", ["en_US", "en_GB"], "utf-8", [
            Col("patient_id", uuid, "direct", "patient_local_id"),
            Col("first_name", first_name(), "direct", "first_name"),
            Col("last_name", last_name(), "direct", "last_name"),
            Col("date_of_birth", birth_date("iso"), "quasi", "birth_date"),
            Col("gender", choice("M", "F"), "quasi", "sex"),
            Col("zip_code", lambda r, f: f.postcode(), "quasi", "postal_code"),
            Col("phone", faker_phone, "direct", "phone"),
            Col("email", lambda r, f: f.email(), "direct", "email"),
            Col("admission_date", event_date("iso"), "quasi", "admission_date"),
            Col("discharge_date", event_date("iso"), "quasi", "discharge_date"),
            Col("icd10_code", icd10(), "sensitive", "diagnosis_icd10"),
            Col("ejection_fraction", number(20, 70), "none", None),
            Col("systolic_bp", number(95, 190), "none", None),
            Col("bmi", number(17, 42, 1), "none", "bmi"),
            Col("smoking_status", choice("never", "former", "current"), "sensitive", "smoking_status"),
            Col("notes", maybe_empty(english_note, 0.2), "direct", "free_text"),
        ]),
        "cohorte_inserm.csv": (";", ["fr_FR", "fr_BE"], "utf-8", [
            Col("N° sujet", subject_no("SUJ-"), "direct", "patient_local_id"),
            Col("Nom de jeune fille", maybe_empty(last_name(), 0.4), "direct", "birth_name"),
            Col("Prénom(s)", lambda r, f: f.first_name() + (f"-{f.first_name()}" if r.random() < 0.2 else ""), "direct", "first_name"),
            Col("Né(e) le", birth_date("fr"), "quasi", "birth_date"),
            Col("Âge à l'inclusion", age(), "quasi", "age"),
            Col("Tél. portable", fr_phone, "direct", "phone"),
            Col("Adresse e-mail", lambda r, f: f.free_email(), "direct", "email"),
            Col("Adresse", fr_street, "direct", "address"),
            Col("Code postal", postcode, "quasi", "postal_code"),
            Col("Ville", lambda r, f: f.city(), "quasi", None),
            Col("Date d'inclusion", event_date("fr"), "quasi", "inclusion_date"),
            Col("Tabac", choice("non-fumeur", "ex-fumeur", "fumeur actif"), "sensitive", "smoking_status"),
            Col("IMC", number(17, 40, 1, comma=True), "none", "bmi"),
            Col("Poids (kg)", number(45, 120), "none", "weight_kg"),
            Col("Bras", choice("A", "B"), "none", None),
        ]),
        "export_sih_terse.csv": (";", ["fr_FR"], "cp1252", [
            Col("NUMPAT", lambda r, f: f"{r.randint(100000, 999999)}", "direct", "patient_local_id"),
            Col("NOMUSU", last_name(upper=True), "direct", "last_name"),
            Col("PRNM", first_name(upper=True), "direct", "first_name"),
            Col("DTNAIS", birth_date("compact"), "quasi", "birth_date"),
            Col("SX", choice("H", "F"), "quasi", "sex"),
            Col("CPOST", postcode, "quasi", "postal_code"),
            Col("DEPT", department, "quasi", "department"),
            Col("NUMSS", lambda r, f: nir_value(r, with_key=False), "direct", "nir"),
            Col("NUMSEJ", lambda r, f: f"{r.randint(2015, 2024)}{r.randint(0, 999999):06d}", "direct", None),
            Col("DTENT", event_date("compact"), "quasi", "admission_date"),
            Col("DTSOR", event_date("compact"), "quasi", "discharge_date"),
            Col("MODSOR", choice("6", "7", "8", "9"), "sensitive", "discharge_mode"),
            Col("DP", icd10(dotted=False), "sensitive", "diagnosis_icd10"),
            Col("ACTE", code_from(CCAM), "sensitive", "procedure_ccam"),
            Col("UF", choice("1201", "1202", "3410", "5520"), "none", None),
            Col("RPPS_MED", rpps, "direct", "practitioner_id"),
        ]),
        "sans_entete_1.csv": (";", ["fr_FR"], "utf-8", [
            Col("col1", lambda r, f: nir_value(r), "direct", "nir"),
            Col("col2", last_name(upper=True), "direct", "last_name"),
            Col("col3", first_name(), "direct", "first_name"),
            Col("col4", birth_date("fr"), "quasi", "birth_date"),
            Col("col5", postcode, "quasi", "postal_code"),
            Col("col6", icd10(), "sensitive", "diagnosis_icd10"),
            Col("col7", number(3.5, 12, 1, comma=True), "none", None),
            Col("col8", choice("oui", "non"), "none", None),
            Col("col9", event_date("fr"), "quasi", "diagnosis_date"),
        ]),
        "sans_entete_2.csv": (",", ["en_GB", "de_DE"], "utf-8", [
            Col("V1", row_number(), "none", None),
            Col("V2", lambda r, f: f.email(), "direct", "email"),
            Col("V3", faker_phone, "direct", "phone"),
            Col("V4", lambda r, f: f.iban(), "direct", None),
            Col("V5", lambda r, f: f.ipv4(), "direct", None),
            Col("V6", age(0, 99), "quasi", "age"),
            Col("V7", choice("M", "F"), "quasi", "sex"),
            Col("V8", code_from(ATC), "sensitive", "drug_atc"),
            Col("V9", number(0.5, 9.9, 2), "none", None),
            Col("V10", number(120, 180), "none", None),
            Col("V11", choice("A", "B", "C", "D"), "none", None),
            Col("V12", birth_date("iso"), "quasi", "birth_date"),
        ]),
        "sans_entete_3.csv": (";", ["fr_FR"], "utf-8", [
            Col("X1", fr_street, "direct", "address"),
            Col("X2", commune_code, "quasi", "commune_code"),
            Col("X3", gps((46.5, 2.5), 3.0, 0), "direct", None),
            Col("X4", gps((46.5, 2.5), 3.0, 1), "direct", None),
            Col("X5", clinical_note, "direct", "free_text"),
            Col("X6", event_date("dot"), "quasi", "procedure_date"),
            Col("X7", code_from(CCAM), "sensitive", "procedure_ccam"),
            Col("X8", number(60, 180), "none", None),
            Col("X9", choice("1", "2"), "quasi", "sex"),
        ]),
        "sans_entete_4.csv": (",", ["en_AU", "en_NZ", "es_CO"], "utf-8", [
            Col("A", us_ssn, "direct", None),
            Col("B", passport, "direct", None),
            Col("C", driving_licence, "direct", None),
            Col("D", first_name(), "direct", "first_name"),
            Col("E", last_name(), "direct", "last_name"),
            Col("F", lambda r, f: str(r.randint(1930, 2005)), "quasi", "birth_year"),
            Col("G", number(4.0, 7.5, 1), "none", None),
            Col("H", choice("positive", "negative", "equivocal"), "none", None),
            Col("I", number(50, 130), "none", None),
        ]),
        "pharmacie_dispensations.csv": (";", ["fr_FR"], "cp1252", [
            Col("num_ligne", row_number(), "none", None),
            Col("ipp_patient", lambda r, f: f"P{r.randint(0, 9999999):07d}", "direct", "patient_local_id"),
            Col("code_atc", code_from(ATC), "sensitive", "drug_atc"),
            Col("libelle_medicament", choice("DOLIPRANE 1000MG CPR", "KARDEGIC 75MG", "METFORMINE 850MG", "ELIQUIS 5MG",
                                             "LEVOTHYROX 100UG", "TAHOR 20MG"), "sensitive", None),
            Col("quantite", lambda r, f: str(r.randint(1, 6)), "none", None),
            Col("date_delivrance", event_date("fr"), "quasi", None),
            Col("rpps_prescripteur", rpps, "direct", "practitioner_id"),
            Col("adeli_pharmacien", adeli, "direct", "practitioner_id"),
            Col("finess_officine", finess, "quasi", "establishment_finess"),
            Col("prix_unitaire", number(1, 90, 2, comma=True), "none", None),
        ]),
        "labo_biologie.csv": (",", ["en_GB"], "utf-8", [
            Col("sample_id", lambda r, f: f"S{r.randint(10**8, 10**9 - 1)}", "direct", None),
            Col("mrn", lambda r, f: f"{r.randint(10**6, 10**7 - 1)}", "direct", "patient_local_id"),
            Col("collection_date", event_date("iso"), "quasi", None),
            Col("loinc", choice("2345-7", "718-7", "2160-0", "4548-4", "2951-2"), "none", None),
            Col("result", number(0.5, 15, 2), "none", None),
            Col("unit", choice("mmol/L", "g/dL", "mg/dL", "%"), "none", None),
            Col("flag", choice("N", "H", "L", weights=[8, 1, 1]), "none", None),
            Col("ordering_physician", lambda r, f: f"Dr {f.last_name()}", "direct", None),
            Col("site", choice("Main lab", "Satellite A", "Satellite B"), "none", None),
        ]),
        "us_claims_export.csv": (",", ["en_US"], "utf-8", [
            Col("MEMBER_SSN", us_ssn, "direct", None),
            Col("MEMBER_NAME", full_name(), "direct", None),
            Col("DOB", birth_date("us"), "quasi", "birth_date"),
            Col("SEX", choice("M", "F", "U", weights=[10, 10, 1]), "quasi", "sex"),
            Col("STREET_ADDR", street, "direct", "address"),
            Col("CITY", lambda r, f: f.city(), "quasi", None),
            Col("STATE", lambda r, f: f.state_abbr(), "quasi", None),
            Col("ZIP", lambda r, f: f.zipcode(), "quasi", "postal_code"),
            Col("DL_NUMBER", driving_licence, "direct", None),
            Col("PASSPORT_NO", passport, "direct", None),
            Col("CLAIM_AMT", number(20, 5000, 2), "none", None),
            Col("DX1", icd10(dotted=False), "sensitive", "diagnosis_icd10"),
            Col("SERVICE_DT", event_date("us"), "quasi", "procedure_date"),
        ]),
        "enquete_qualite_vie.csv": (";", ["fr_FR"], "utf-8", [
            Col("numero_questionnaire", subject_no("Q"), "direct", "patient_local_id"),
            Col("age", age(), "quasi", "age"),
            Col("sexe", choice("Homme", "Femme"), "quasi", "sex"),
            Col("departement", department, "quasi", "department"),
            Col("q1_douleur", choice("1", "2", "3", "4", "5"), "none", None),
            Col("q2_fatigue", choice("1", "2", "3", "4", "5"), "none", None),
            Col("q3_sommeil", choice("1", "2", "3", "4", "5"), "none", None),
            Col("score_total", number(0, 100, 1, comma=True), "none", None),
            Col("commentaire_libre", maybe_empty(clinical_note, 0.5), "direct", "free_text"),
        ]),
        "deces_registre.csv": (";", ["fr_FR", "fr_CH"], "cp1252", [
            Col("nom", last_name(upper=True), "direct", "last_name"),
            Col("prenoms", lambda r, f: f"{f.first_name()} {f.first_name()}", "direct", "first_name"),
            Col("date_naissance", birth_date("fr"), "quasi", "birth_date"),
            Col("code_lieu_naissance", commune_code, "quasi", "commune_code"),
            Col("date_deces", event_date("fr"), "quasi", "death_date"),
            Col("cause_initiale", icd10(dotted=False), "sensitive", "diagnosis_icd10"),
            Col("commune_deces", lambda r, f: f.city(), "quasi", None),
            Col("lieu_deces", choice("domicile", "hôpital", "EHPAD", "voie publique"), "none", None),
        ]),
        "geoloc_patients.csv": (",", ["fr_FR"], "utf-8", [
            Col("id", subject_no("GEO"), "direct", "patient_local_id"),
            Col("lat", gps((48.85, 2.35), 0.3, 0), "direct", None),
            Col("lng", gps((48.85, 2.35), 0.3, 1), "direct", None),
            Col("annee_naissance", lambda r, f: str(r.randint(1930, 2005)), "quasi", "birth_year"),
            Col("site_web", lambda r, f: f"https://www.{f.domain_name()}/profil/{r.randint(1000, 9999)}", "direct", None),
            Col("tension_sys", number(100, 180), "none", None),
        ]),
        "saisie_manuelle.csv": (";", ["fr_FR", "it_CH", "de_CH"], "cp1252", [
            Col("Non patient", last_name(), "direct", "last_name"),
            Col("Prenon", first_name(), "direct", "first_name"),
            Col("Date naisance", birth_date("dash"), "quasi", "birth_date"),
            Col("telephone fixe", fr_phone, "direct", "phone"),
            Col("Mail ", lambda r, f: f.email(), "direct", "email"),
            Col("adresse postale", fr_street, "direct", "address"),
            Col("C.P.", postcode, "quasi", "postal_code"),
            Col("n° S.S.", lambda r, f: nir_value(r, spaced=True), "direct", "nir"),
            Col("Medecin traitant", lambda r, f: f"Dr {f.last_name()}", "direct", None),
            Col("Date 1ere consult", event_date("short"), "quasi", None),
            Col("Diag", icd10(), "sensitive", "diagnosis_icd10"),
            Col("Obs.", maybe_empty(clinical_note, 0.4), "direct", "free_text"),
        ]),
        "champs_numerotes.csv": (";", ["fr_FR", "en_IN"], "utf-8", [
            Col("champ1", lambda r, f: f"{f.last_name().upper()} {f.first_name()}", "direct", None),
            Col("champ2", lambda r, f: nir_value(r, spaced=r.random() < 0.5), "direct", "nir"),
            Col("champ3", fr_phone, "direct", "phone"),
            Col("champ4", birth_date("dot"), "quasi", "birth_date"),
            Col("champ5", choice("H", "F"), "quasi", "sex"),
            Col("champ6", rpps, "direct", "practitioner_id"),
            Col("champ7", number(1, 40, 1, comma=True), "none", None),
            Col("champ8", code_from(MORPHO), "sensitive", "morphology_icdo3"),
        ]),
        "mesures_anonymes.csv": (",", ["fr_FR"], "utf-8", [
            Col("Unnamed: 0", row_number(), "none", None),
            Col("m1", number(50, 110), "none", None),
            Col("m2", number(36.0, 39.5, 1), "none", None),
            Col("m3", number(90, 100), "none", None),
            Col("m4", number(0.01, 2.5, 3), "none", None),
            Col("m5", choice("0", "1"), "none", None),
            Col("m6", number(4.5, 9.5, 1), "none", None),
            Col("m7", choice("I", "II", "III", "IV"), "none", None),
            Col("m8", number(1000, 4500), "none", None),
        ]),
        "ehpad_residents.csv": (";", ["fr_FR"], "utf-8", [
            Col("Résident", full_name("LAST first"), "direct", None),
            Col("Chambre", lambda r, f: str(r.randint(101, 340)), "none", None),
            Col("Date entrée", event_date("fr"), "quasi", "admission_date"),
            Col("Age", age(65, 104), "quasi", "age"),
            Col("GIR", choice("1", "2", "3", "4", "5", "6"), "none", None),
            Col("Personne à prévenir", lambda r, f: f"{f.name()} ({r.choice(['fils', 'fille', 'époux', 'nièce'])})", "direct", None),
            Col("Tél contact", fr_phone, "direct", "phone"),
            Col("Traitement", code_from(ATC), "sensitive", "drug_atc"),
            Col("Régime", choice("normal", "mixé", "diabétique", "sans sel"), "none", None),
        ]),
        # Written after the detectors, measured before any change to them (see the issue 4 report).
        "urgences_passages.csv": (";", ["fr_FR"], "cp1252", [
            Col("N°Passage", lambda r, f: f"{r.randint(23, 24)}U{r.randint(0, 999999):06d}", "direct", None),
            Col("Nom Prénom", full_name("LAST first"), "direct", None),
            Col("Date/heure arrivée", datetime_fr, "quasi", "admission_date"),
            Col("Motif de recours", choice(*MOTIFS), "sensitive", None),
            Col("CCMU", choice("1", "2", "3", "4", "5"), "none", None),
            Col("Orientation", choice("RAD", "HOSP", "UHCD", "TRANSFERT", "FUGUE"), "sensitive", "discharge_mode"),
            Col("Code postal patient", postcode, "quasi", "postal_code"),
            Col("Médecin", lambda r, f: f"Dr {f.last_name()}", "direct", None),
            Col("Tél.", fr_phone, "direct", "phone"),
            Col("Age", age(0, 100), "quasi", "age"),
        ]),
        "cohort_followup_en.csv": (",", ["en_GB", "en_IE"], "utf-8", [
            Col("Subject ID", subject_no("S-"), "direct", "patient_local_id"),
            Col("Visit", choice("V1", "V2", "V3", "V4", "V5", "V6"), "none", None),
            Col("Visit Date", date_between(dt.date(2021, 1, 1), dt.date(2024, 12, 31), "fr"), "quasi", None),
            Col("Year of Birth", lambda r, f: str(r.randint(1940, 2000)), "quasi", "birth_year"),
            Col("Sex at birth", choice("Male", "Female"), "quasi", "sex"),
            Col("Height (cm)", number(150, 195), "none", "height_cm"),
            Col("Weight (kg)", number(45, 120, 1), "none", "weight_kg"),
            Col("SBP", number(100, 170), "none", None),
            Col("DBP", number(60, 100), "none", None),
            Col("HbA1c (%)", number(5, 11, 1), "none", None),
            Col("Current medication", choice("Metformin 500mg", "Ramipril 5mg", "Atorvastatin 20mg", "None"),
                "sensitive", None),
            Col("Adverse event", maybe_empty(short_note_en, 0.5), "direct", "free_text"),
            Col("Investigator", lambda r, f: f.name(), "direct", None),
            Col("Site", choice("01", "02", "03", "04"), "quasi", None),
        ]),
        "export_dossier_v2.csv": (";", ["fr_FR", "fr_BE"], "utf-8", [
            Col("F1", lambda r, f: str(r.randint(10**7, 10**8 - 1)), "direct", "patient_local_id"),
            Col("F2", choice("M.", "Mme", "Mlle"), "quasi", None),
            Col("F3", last_name(upper=True), "direct", "last_name"),
            Col("F4", first_name(), "direct", "first_name"),
            Col("F5", maybe_empty(last_name(upper=True), 0.7), "direct", "birth_name"),
            Col("F6", birth_date("iso"), "quasi", "birth_date"),
            Col("F7", lambda r, f: f.city(), "quasi", None),
            Col("F8", fr_phone, "direct", "phone"),
            Col("F9", maybe_empty(lambda r, f: f.email(), 0.3), "direct", "email"),
            Col("F10", lambda r, f: nir_value(r, spaced=True), "direct", "nir"),
            Col("F11", icd10(), "sensitive", "diagnosis_icd10"),
            Col("F12", event_date("iso"), "quasi", "diagnosis_date"),
            Col("F13", maybe_empty(clinical_note, 0.6), "direct", "free_text"),
            Col("F14", number(45, 110, 1, comma=True), "none", "weight_kg"),
        ]),
        "registre_cardio_sas.csv": (",", ["fr_FR"], "utf-8", [
            Col("PATID", lambda r, f: f"{r.randint(1, 40):02d}-{r.randint(1, 9999):04d}", "direct", "patient_local_id"),
            Col("NAISS", sas_date(dt.date(1930, 1, 1), dt.date(1995, 12, 31)), "quasi", "birth_date"),
            Col("SEXE", choice("1", "2"), "quasi", "sex"),
            Col("DEPRES", department, "quasi", "department"),
            Col("DTINCL", sas_date(dt.date(2016, 1, 1), dt.date(2023, 12, 31)), "quasi", "inclusion_date"),
            Col("FEVG", number(15, 70), "none", None),
            Col("NYHA", choice("I", "II", "III", "IV"), "sensitive", None),
            Col("HTA", choice("0", "1"), "sensitive", None),
            Col("DIAB", choice("0", "1"), "sensitive", None),
            Col("TABAC", choice("0", "1", "2"), "sensitive", "smoking_status"),
            Col("DCD", choice("0", "1", weights=[4, 1]), "sensitive", "vital_status"),
            Col("DTDCD", maybe_empty(sas_date(dt.date(2016, 1, 1), dt.date(2024, 6, 30)), 0.8), "quasi", "death_date"),
            Col("CAUSEDC", maybe_empty(icd10(dotted=False), 0.8), "sensitive", "diagnosis_icd10"),
        ]),
        "liste_rdv.csv": (";", ["fr_FR"], "cp1252", [
            Col("Patient", lambda r, f: f"{r.choice(['M.', 'Mme'])} {f.last_name().upper()} {f.first_name()}",
                "direct", None),
            Col("Date RDV", date_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "fr"), "quasi", None),
            Col("Heure", lambda r, f: f"{r.randint(8, 18):02d}:{r.choice(['00', '15', '30', '45'])}", "none", None),
            Col("Praticien", lambda r, f: f"Dr {f.first_name()[0]}. {f.last_name()}", "direct", None),
            Col("Téléphone", fr_phone, "direct", "phone"),
            Col("SMS envoyé", choice("oui", "non"), "none", None),
            Col("Lieu", choice("Cabinet 1", "Cabinet 2", "Téléconsultation"), "none", None),
        ]),
        "uk_gp_extract.csv": (",", ["en_GB"], "utf-8", [
            Col("c1", nhs_number, "direct", None),
            Col("c2", lambda r, f: f.postcode(), "quasi", "postal_code"),
            Col("c3", birth_date("fr"), "quasi", "birth_date"),
            Col("c4", choice("Male", "Female"), "quasi", "sex"),
            Col("c5", choice("White British", "Asian", "Black", "Mixed", "Other"), "quasi", None),
            Col("c6", lambda r, f: f"{r.choice('ABCDEFGHJKLMNP')}{r.randint(81001, 89999)}", "quasi", None),
            Col("c7", number(100, 170), "none", None),
            Col("c8", icd10(), "sensitive", "diagnosis_icd10"),
            Col("c9", maybe_empty(short_note_en, 0.3), "direct", "free_text"),
            Col("c10", age(18, 90), "quasi", "age"),
        ]),
    }


# Second held-out batch: styles the detectors had not seen, written and measured before any change
# made for them (figures in the issue 4 follow-up report). Files whose name is in PREAMBLES start
# with title and grouping lines above the header, as spreadsheets saved to CSV do; a blank header
# cell (under a merged one) is labelled as the Load stage names it, column_N.
PREAMBLES: dict[str, list[list[str]]] = {
    "registre_avc_titre.csv": [["Registre AVC Grand-Est - extraction du 03/02/2025"], [],
                               ["IDENTITE", "", "", "", "", "SEJOUR", "", "", "CLINIQUE", "", "", "", ""]],
}


def held_out_2() -> dict[str, tuple[str, list[str], str, list[Col]]]:
    """name -> (delimiter, faker locales, encoding, columns), as :func:`files`."""
    return {
        "cardio_registre_codes.csv": (";", ["fr_FR"], "cp1252", [
            Col("NUM_INC", lambda r, f: f"{r.randint(1, 60):02d}{r.randint(1, 999):03d}", "direct", "patient_local_id"),
            Col("CENTRE", finess, "quasi", "establishment_finess"),
            Col("SEX", choice("1", "2"), "quasi", "sex"),
            Col("AGE_INC", dirty(age(30, 95), 0.05, ("", "NA")), "quasi", "age"),
            Col("DT_IDM", mixed_dates(dt.date(2018, 1, 1), dt.date(2024, 6, 30), "fr", "iso"), "quasi", "diagnosis_date"),
            Col("KILLIP", choice("1", "2", "3", "4"), "sensitive", None),
            Col("FEVG_PCT", dirty(number(15, 70), 0.1, ("", "NA")), "none", None),
            Col("ATCD_HTA", choice("0", "1", "9"), "sensitive", None),
            Col("ATCD_DIAB", choice("0", "1", "9"), "sensitive", None),
            Col("TROPO_MAX", number(0.01, 80, 2, comma=True), "none", None),
            Col("STENT", choice("O", "N"), "sensitive", None),
            Col("CP_RES", dirty(postcode, 0.05, ("", "99999")), "quasi", "postal_code"),
            Col("DT_SORT", event_date("fr"), "quasi", "discharge_date"),
            Col("VIV_J30", choice("1", "0", weights=[9, 1]), "sensitive", "vital_status"),
            Col("INV_NOM", lambda r, f: f"{f.last_name().upper()} {f.first_name()[0]}.", "direct", None),
            Col("TEL_PAT", dirty(fr_phone_or_mobile, 0.15, ("",)), "direct", "phone"),
        ]),
        "omop_person_visit.csv": (",", ["en_US"], "utf-8", [
            Col("person_id", row_number(), "direct", "patient_local_id"),
            Col("person_source_value", lambda r, f: f.sha1()[:16], "direct", None),
            Col("gender_concept_id", omop_gender, "quasi", "sex"),
            Col("year_of_birth", lambda r, f: str(r.randint(1930, 2005)), "quasi", "birth_year"),
            Col("month_of_birth", lambda r, f: str(r.randint(1, 12)), "quasi", None),
            Col("birth_datetime", lambda r, f: birth_date("iso")(r, f) + " 00:00:00", "quasi", "birth_date"),
            Col("race_source_value", choice("White", "Black", "Asian", "Other", "Unknown"), "quasi", None),
            Col("location_id", lambda r, f: str(r.randint(1, 40)), "quasi", None),
            Col("provider_id", lambda r, f: str(r.randint(100, 160)), "direct", "practitioner_id"),
            Col("care_site_id", choice("11", "12", "21", "35"), "quasi", None),
            Col("visit_occurrence_id", lambda r, f: str(r.randint(10**6, 10**7)), "direct", None),
            Col("visit_concept_id", choice("9201", "9202", "9203"), "none", None),
            Col("visit_start_date", event_date("iso"), "quasi", "admission_date"),
            Col("visit_end_date", event_date("iso"), "quasi", "discharge_date"),
            Col("condition_source_value", icd10(dotted=False), "sensitive", "diagnosis_icd10"),
            Col("drug_source_value", code_from(ATC), "sensitive", "drug_atc"),
            Col("value_as_number", number(0.1, 300, 1), "none", None),
        ]),
        "dwh_sas8.csv": (";", ["fr_FR"], "cp1252", [
            Col("NUMIPP", lambda r, f: f"{r.randint(0, 9999999):08d}", "direct", "patient_local_id"),
            Col("NOMPAT", last_name(upper=True), "direct", "last_name"),
            Col("PRENPAT", first_name(upper=True), "direct", "first_name"),
            Col("NOMJF", dirty(last_name(upper=True), 0.6, ("",)), "direct", "birth_name"),
            Col("DTNAIS", birth_date("fr"), "quasi", "birth_date"),
            Col("CDSEXE", choice("M", "F"), "quasi", "sex"),
            Col("CDPOST", postcode, "quasi", "postal_code"),
            Col("VILLRES", lambda r, f: f.city().upper(), "quasi", None),
            Col("NIRPAT", dirty(lambda r, f: nir_value(r), 0.1, ("",)), "direct", "nir"),
            Col("TELDOM", dirty(fr_phone, 0.2, ("",)), "direct", "phone"),
            Col("NUMSEJ", lambda r, f: f"{r.randint(2019, 2024)}{r.randint(0, 99999):05d}", "direct", None),
            Col("DTENTR", event_date("fr"), "quasi", "admission_date"),
            Col("DTSORT", event_date("fr"), "quasi", "discharge_date"),
            Col("CDDIAG", icd10(dotted=False), "sensitive", "diagnosis_icd10"),
            Col("CDACTE", dirty(code_from(CCAM), 0.3, ("",)), "sensitive", "procedure_ccam"),
            Col("CDGHM", ghm, "sensitive", None),
            Col("UFMED", choice("1101", "1102", "2301", "4405"), "none", None),
            Col("DUREE", lambda r, f: str(r.randint(0, 40)), "none", None),
            Col("MDSOR", choice("6", "7", "8", "9"), "sensitive", "discharge_mode"),
            Col("CDFINESS", finess, "quasi", "establishment_finess"),
        ]),
        "cohorte_crf_questionnaire.csv": (";", ["fr_FR", "fr_CH"], "utf-8", [
            Col("Q1_num_inclusion", subject_no("INC"), "direct", "patient_local_id"),
            Col("Q2_initiales", initials, "quasi", None),
            Col("Q3_sexe", choice("homme", "femme"), "quasi", "sex"),
            Col("Q12_date_naissance", dirty(mixed_dates(dt.date(1935, 1, 1), dt.date(2000, 12, 31), "fr", "dash", "short"),
                                            0.05, ("", "inconnu")), "quasi", "birth_date"),
            Col("Q13_age", age(25, 89), "quasi", "age"),
            Col("Q14_code_postal", postcode, "quasi", "postal_code"),
            Col("Q15_profession", choice(*PROFESSIONS), "quasi", None),
            Col("Q20_poids", dirty(number(45, 120, 1, comma=True), 0.08, ("", "NA", "ne sait pas")), "none", "weight_kg"),
            Col("Q21_taille", number(150, 195), "none", "height_cm"),
            Col("Q22_tabac", choice("jamais", "ancien", "actuel"), "sensitive", "smoking_status"),
            Col("Q30_antecedent_cardio", choice("oui", "non", "NSP"), "sensitive", None),
            Col("Q31_traitement_en_cours", choice(*DRUG_NAMES), "sensitive", None),
            Col("Q40_date_visite", event_date("fr"), "quasi", None),
            Col("Q41_commentaires", dirty(clinical_note, 0.5, ("",)), "direct", "free_text"),
            Col("Q50_nom_medecin", lambda r, f: f"Dr {f.last_name()}", "direct", None),
            Col("Q51_tel_contact", dirty(fr_phone, 0.1, ("", "NA")), "direct", "phone"),
        ]),
        "registre_avc_titre.csv": (";", ["fr_FR"], "cp1252", [
            Col("Nom", last_name(upper=True), "direct", "last_name"),
            Col("", first_name(), "direct", "first_name"),
            Col("Né(e) le", birth_date("fr"), "quasi", "birth_date"),
            Col("Sexe", choice("M", "F"), "quasi", "sex"),
            Col("Commune", lambda r, f: f.city(), "quasi", None),
            Col("Entrée", datetime_fr, "quasi", "admission_date"),
            Col("Sortie", event_date("fr"), "quasi", "discharge_date"),
            Col("", choice("RAD", "SSR", "EHPAD", "DCD"), "sensitive", "discharge_mode"),
            Col("Type AVC", choice("ischémique", "hémorragique", "AIT"), "sensitive", None),
            Col("NIHSS", lambda r, f: str(r.randint(0, 30)), "none", None),
            Col("Thrombolyse", choice("oui", "non"), "sensitive", None),
            Col("mRS J90", dirty(choice("0", "1", "2", "3", "4", "5", "6"), 0.1, ("", "NA")), "none", None),
            Col("Tél. proche", dirty(fr_phone, 0.2, ("",)), "direct", "phone"),
        ]),
        "sans_entete_v20.csv": (";", ["fr_FR", "fr_BE"], "utf-8", [
            Col("V1", dirty(lambda r, f: f"{r.randint(0, 9999999):08d}", 0.03, ("",)), "direct", "patient_local_id"),
            Col("V2", dirty(last_name(upper=True), 0.05, ("", "NA")), "direct", "last_name"),
            Col("V3", dirty(first_name(), 0.05, ("", "NA")), "direct", "first_name"),
            Col("V4", dirty(mixed_dates(dt.date(1930, 1, 1), dt.date(2005, 12, 31), "fr", "iso", "short"), 0.05),
                "quasi", "birth_date"),
            Col("V5", dirty(choice("M", "F"), 0.05, ("", "inconnu")), "quasi", "sex"),
            Col("V6", postcode, "quasi", "postal_code"),
            Col("V7", lambda r, f: f.city(), "quasi", None),
            Col("V8", dirty(fr_phone, 0.25, ("",)), "direct", "phone"),
            Col("V9", dirty(lambda r, f: f.email(), 0.3, ("", "NA")), "direct", "email"),
            Col("V10", dirty(lambda r, f: nir_value(r, spaced=r.random() < 0.3), 0.08, ("", "inconnu")), "direct", "nir"),
            Col("V11", dirty(fr_street, 0.05, ("",)), "direct", "address"),
            Col("V12", mixed_dates(dt.date(2019, 1, 1), dt.date(2024, 12, 31), "fr", "iso"), "quasi", None),
            Col("V13", icd10(), "sensitive", "diagnosis_icd10"),
            Col("V14", dirty(code_from(ATC), 0.2, ("",)), "sensitive", "drug_atc"),
            Col("V15", dirty(number(45, 120, 1, comma=True), 0.1, ("", "NA")), "none", "weight_kg"),
            Col("V16", number(150, 195), "none", "height_cm"),
            Col("V17", choice("oui", "non"), "none", None),
            Col("V18", age(18, 95), "quasi", "age"),
            Col("V19", dirty(clinical_note, 0.6, ("",)), "direct", "free_text"),
            Col("V20", finess, "quasi", "establishment_finess"),
        ]),
    }


# Third held-out batch, written after the fixes made for the second one and measured without any
# change to the detectors: the check that those fixes generalise (figures in the follow-up report).
def held_out_3() -> dict[str, tuple[str, list[str], str, list[Col]]]:
    """name -> (delimiter, faker locales, encoding, columns), as :func:`files`."""
    return {
        "pmsi_rum_extract.csv": (";", ["fr_FR"], "cp1252", [
            Col("N_FINESS", finess, "quasi", "establishment_finess"),
            Col("N_RSS", lambda r, f: f"{r.randint(1, 10**7):07d}", "direct", None),
            Col("SEXE", choice("1", "2"), "quasi", "sex"),
            Col("DATE_NAIS", birth_date("compact"), "quasi", "birth_date"),
            Col("CODE_POSTAL", postcode, "quasi", "postal_code"),
            Col("DATE_ENTREE", event_date("compact"), "quasi", "admission_date"),
            Col("MODE_ENTREE", choice("6", "7", "8"), "none", None),
            Col("DATE_SORTIE", event_date("compact"), "quasi", "discharge_date"),
            Col("MODE_SORTIE", choice("6", "7", "8", "9"), "sensitive", "discharge_mode"),
            Col("DP", icd10(dotted=False), "sensitive", "diagnosis_icd10"),
            Col("DAS1", dirty(icd10(dotted=False), 0.4, ("",)), "sensitive", "diagnosis_icd10"),
            Col("ACTE1", dirty(code_from(CCAM), 0.5, ("",)), "sensitive", "procedure_ccam"),
            Col("NB_SEANCES", lambda r, f: str(r.randint(0, 3)), "none", None),
            Col("IGS2", dirty(lambda r, f: str(r.randint(6, 80)), 0.7, ("",)), "none", None),
        ]),
        "suivi_tableur_main.csv": (";", ["fr_FR"], "cp1252", [
            Col("Nom + prénom", full_name("LAST first"), "direct", None),
            Col("Date de naissance (jj/mm/aaaa)", dirty(birth_date("fr"), 0.05, ("", "?")), "quasi", "birth_date"),
            Col("Adresse complète", lambda r, f: f"{fr_street(r, f)}, {postcode(r, f)} {f.city()}", "direct", "address"),
            Col("Portable", dirty(fr_phone_or_mobile, 0.1, ("", "pas de portable")), "direct", "phone"),
            Col("Email perso", dirty(lambda r, f: f.free_email(), 0.3, ("", "non")), "direct", "email"),
            Col("Médecin traitant (nom)", lambda r, f: f"Dr {f.last_name().upper()}", "direct", None),
            Col("Date test", mixed_dates(dt.date(2020, 3, 1), dt.date(2022, 12, 31), "fr", "short"), "quasi", None),
            Col("Résultat test", choice("positif", "négatif", "douteux"), "sensitive", None),
            Col("Vacciné ?", choice("oui", "non", "1 dose"), "sensitive", None),
            Col("Remarques", dirty(clinical_note, 0.5, ("", "RAS")), "direct", "free_text"),
        ]),
        "uk_cancer_registry.csv": (",", ["en_GB"], "utf-8", [
            Col("patient number", subject_no("R"), "direct", "patient_local_id"),
            Col("surname", last_name(), "direct", "last_name"),
            Col("forenames", lambda r, f: f"{f.first_name()} {f.first_name()}", "direct", "first_name"),
            Col("dob", birth_date("fr"), "quasi", "birth_date"),
            Col("postcode", lambda r, f: f.postcode(), "quasi", "postal_code"),
            Col("nhs no", nhs_number, "direct", None),
            Col("date of diagnosis", event_date("fr"), "quasi", "diagnosis_date"),
            Col("site code", code_from(TOPO), "sensitive", "topography_icdo3"),
            Col("morphology", code_from(MORPHO), "sensitive", "morphology_icdo3"),
            Col("behaviour", choice("2", "3", weights=[1, 9]), "sensitive", None),
            Col("vital status", choice("A", "D", weights=[3, 1]), "sensitive", "vital_status"),
            Col("date of death", dirty(event_date("fr"), 0.75, ("",)), "quasi", "death_date"),
        ]),
    }


def label_name(header: str, position: int) -> str:
    """The column name the Load stage gives a header cell: trimmed, blank ones named column_N."""
    return header.strip() or f"column_{position}"


def write_file(name: str, spec: tuple[str, list[str], str, list[Col]], seed: int) -> dict[str, dict[str, str | None]]:
    delimiter, locales, encoding, columns = spec
    rng = random.Random(1000 + seed)
    fake = Faker(locales)
    fake.seed_instance(2000 + seed)
    FINESS_POOL.clear()
    rows = [[col.gen(rng, fake) for col in columns] for _ in range(ROWS)]
    with (OUT_DIR / name).open("w", encoding=encoding, errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n" if delimiter == ";" else "\n")
        writer.writerows(PREAMBLES.get(name, []))
        writer.writerow([col.header for col in columns])
        writer.writerows(rows)
    print(f"{name}: {ROWS} rows, {len(columns)} columns")
    if name in PREAMBLES:
        return {label_name(col.header, i): {"class": col.klass, "concept": col.concept}
                for i, col in enumerate(columns, start=1)}
    return {col.header: {"class": col.klass, "concept": col.concept} for col in columns}


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, dict[str, str | None]]] = {}
    # The first batch keeps the seeds it was written with; the second batch's start after them.
    for index, (name, spec) in enumerate(sorted(files().items())):
        labels[name] = write_file(name, spec, index)
    for index, (name, spec) in enumerate(sorted(held_out_2().items())):
        labels[name] = write_file(name, spec, 500 + index)
    for index, (name, spec) in enumerate(sorted(held_out_3().items())):
        labels[name] = write_file(name, spec, 800 + index)
    (OUT_DIR / "labels.json").write_text(json.dumps(labels, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
