"""What the identify stage says about a column, and how its kinds map to classes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CLASSES = ("direct", "quasi", "sensitive", "none")

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
