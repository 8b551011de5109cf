"""Value detectors: what a column's sampled values are, with the count that proves it.

Each detector looks at a :class:`Sample` and returns a :class:`Finding` or None (see
``findings.py`` for strong and weak findings). The detectors live by subject in ``detect_ids.py``,
``detect_people.py`` and ``detect_health.py``; this module runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable

from curator.identify.detect_health import detect_free_text, detect_health_codes
from curator.identify.detect_ids import (
    detect_email,
    detect_finess_adeli,
    detect_iban,
    detect_identifier,
    detect_ip,
    detect_nir,
    detect_phone,
    detect_row_number,
    detect_rpps,
    detect_ssn,
    detect_url,
    detect_uuid,
)
from curator.identify.detect_people import (
    coordinate_range,
    detect_address,
    detect_age_or_year,
    detect_date,
    detect_department,
    detect_names,
    detect_postcode,
    detect_sex,
)
from curator.identify.findings import MIN_VALUES, Finding
from curator.identify.sample import Sample

__all__ = ["DETECTORS", "Finding", "coordinate_range", "detect_values"]

# Order matters only for reading the evidence: the most specific detectors first.
DETECTORS: tuple[Callable[[Sample], Finding | None], ...] = (
    detect_nir, detect_rpps, detect_finess_adeli, detect_email, detect_iban, detect_ssn, detect_uuid, detect_url,
    detect_ip, detect_date, detect_phone, detect_health_codes, detect_address, detect_free_text, detect_postcode,
    detect_department, detect_sex, detect_age_or_year, detect_row_number, detect_identifier, detect_names,
)


def detect_values(s: Sample) -> list[Finding]:
    if s.total < MIN_VALUES and s.n_distinct < MIN_VALUES:
        return []
    findings = []
    for detector in DETECTORS:
        finding = detector(s)
        if finding is not None:
            findings.append(finding)
    return findings
