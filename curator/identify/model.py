"""What the identify stage says about a column, and how its kinds map to classes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from curator.messages import QT_TRANSLATE_NOOP

# Marked for the app's translation: notes and evidence quote them.
CLASSES = (QT_TRANSLATE_NOOP("core", "direct"), QT_TRANSLATE_NOOP("core", "quasi"),
           QT_TRANSLATE_NOOP("core", "sensitive"), QT_TRANSLATE_NOOP("core", "none"))

# How much a class matters when evidence disagrees: the more identifying one wins, because a
# missed identifier is a leak while a false alarm only costs the user a click.
SEVERITY = {"direct": 3, "quasi": 2, "sensitive": 1, "none": 0}

KIND_CLASS: dict[str, str] = {
    # identify a person alone
    "nir": "direct", "patient_id": "direct", "identifier": "direct", "last_name": "direct",
    "birth_name": "direct", "first_name": "direct", "person_name": "direct", "practitioner_name": "direct",
    "address": "direct", "phone": "direct", "email": "direct", "rpps": "direct", "adeli": "direct",
    "free_text": "direct", "iban": "direct", "ip": "direct", "url": "direct", "ssn": "direct",
    "passport": "direct", "driving_licence": "direct", "gps_lat": "direct", "gps_lon": "direct",
    # identify in combination
    "birth_date": "quasi", "birth_year": "quasi", "death_date": "quasi", "date": "quasi", "age": "quasi",
    "sex": "quasi", "postcode": "quasi", "commune_code": "quasi", "city": "quasi", "department": "quasi",
    "region": "quasi", "country": "quasi", "finess": "quasi", "marital_status": "quasi", "ethnicity": "quasi",
    "occupation": "quasi", "title": "quasi", "initials": "quasi", "coordinate": "quasi",
    # the health information itself
    "icd10": "sensitive", "ccam": "sensitive", "atc": "sensitive", "topography": "sensitive",
    "morphology": "sensitive", "tnm": "sensitive", "vital_status": "sensitive", "discharge_mode": "sensitive",
    "smoking": "sensitive", "test_result": "sensitive", "drug": "sensitive", "diagnosis": "sensitive", "procedure": "sensitive",
    # neither
    "measurement": "none", "row_number": "none", "record_detail": "none",
}

# Each kind in words, as the evidence quotes it ("identification found birth date"), marked for the app's
# translation.
KIND_NAMES: dict[str, str] = {
    "nir": QT_TRANSLATE_NOOP("core", "nir"), "patient_id": QT_TRANSLATE_NOOP("core", "patient id"),
    "identifier": QT_TRANSLATE_NOOP("core", "identifier"), "last_name": QT_TRANSLATE_NOOP("core", "last name"),
    "birth_name": QT_TRANSLATE_NOOP("core", "birth name"), "first_name": QT_TRANSLATE_NOOP("core", "first name"),
    "person_name": QT_TRANSLATE_NOOP("core", "person name"),
    "practitioner_name": QT_TRANSLATE_NOOP("core", "practitioner name"),
    "address": QT_TRANSLATE_NOOP("core", "address"), "phone": QT_TRANSLATE_NOOP("core", "phone"),
    "email": QT_TRANSLATE_NOOP("core", "email"), "rpps": QT_TRANSLATE_NOOP("core", "rpps"),
    "adeli": QT_TRANSLATE_NOOP("core", "adeli"), "free_text": QT_TRANSLATE_NOOP("core", "free text"),
    "iban": QT_TRANSLATE_NOOP("core", "iban"), "ip": QT_TRANSLATE_NOOP("core", "ip"),
    "url": QT_TRANSLATE_NOOP("core", "url"), "ssn": QT_TRANSLATE_NOOP("core", "ssn"),
    "passport": QT_TRANSLATE_NOOP("core", "passport"),
    "driving_licence": QT_TRANSLATE_NOOP("core", "driving licence"), "gps_lat": QT_TRANSLATE_NOOP("core", "gps lat"),
    "gps_lon": QT_TRANSLATE_NOOP("core", "gps lon"), "birth_date": QT_TRANSLATE_NOOP("core", "birth date"),
    "birth_year": QT_TRANSLATE_NOOP("core", "birth year"), "death_date": QT_TRANSLATE_NOOP("core", "death date"),
    "date": QT_TRANSLATE_NOOP("core", "date"), "age": QT_TRANSLATE_NOOP("core", "age"),
    "sex": QT_TRANSLATE_NOOP("core", "sex"), "postcode": QT_TRANSLATE_NOOP("core", "postcode"),
    "commune_code": QT_TRANSLATE_NOOP("core", "commune code"), "city": QT_TRANSLATE_NOOP("core", "city"),
    "department": QT_TRANSLATE_NOOP("core", "department"), "region": QT_TRANSLATE_NOOP("core", "region"),
    "country": QT_TRANSLATE_NOOP("core", "country"), "finess": QT_TRANSLATE_NOOP("core", "finess"),
    "marital_status": QT_TRANSLATE_NOOP("core", "marital status"),
    "ethnicity": QT_TRANSLATE_NOOP("core", "ethnicity"), "occupation": QT_TRANSLATE_NOOP("core", "occupation"),
    "title": QT_TRANSLATE_NOOP("core", "title"), "initials": QT_TRANSLATE_NOOP("core", "initials"),
    "coordinate": QT_TRANSLATE_NOOP("core", "coordinate"), "icd10": QT_TRANSLATE_NOOP("core", "icd10"),
    "ccam": QT_TRANSLATE_NOOP("core", "ccam"), "atc": QT_TRANSLATE_NOOP("core", "atc"),
    "topography": QT_TRANSLATE_NOOP("core", "topography"), "morphology": QT_TRANSLATE_NOOP("core", "morphology"),
    "tnm": QT_TRANSLATE_NOOP("core", "tnm"), "vital_status": QT_TRANSLATE_NOOP("core", "vital status"),
    "discharge_mode": QT_TRANSLATE_NOOP("core", "discharge mode"), "smoking": QT_TRANSLATE_NOOP("core", "smoking"),
    "test_result": QT_TRANSLATE_NOOP("core", "test result"), "drug": QT_TRANSLATE_NOOP("core", "drug"),
    "diagnosis": QT_TRANSLATE_NOOP("core", "diagnosis"), "procedure": QT_TRANSLATE_NOOP("core", "procedure"),
    "measurement": QT_TRANSLATE_NOOP("core", "measurement"), "row_number": QT_TRANSLATE_NOOP("core", "row number"),
    "record_detail": QT_TRANSLATE_NOOP("core", "record detail"),
}


@dataclass
class ColumnIdentification:
    """One column's identification class, how sure the stage is, and why."""

    name: str
    klass: str = "none"
    confidence: float = 0.0
    evidence: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; ``identifying`` is the key of the ``inspect --json`` contract."""
        data = asdict(self)
        klass = data.pop("klass")
        data["identifying"] = klass
        data["class"] = klass
        data["confidence"] = round(self.confidence, 2)
        return data
