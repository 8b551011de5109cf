"""Producer-style files with incoherences planted at random, and the labels of every planted row.

Five files as French registries and hospitals export them, a few hundred rows each: hospital stays
(séjours), emergency stays (urgences), deaths of registered patients (décès), a vital-status
follow-up (statut vital) and a cohort's measures at inclusion, children and adults (inclusions). Each has its own headers, date writing and separator, legitimate oddities
that are not errors (same-day stays, stays still open, a patient with several stays, unknown vital
status), and planted errors whose rows are written to ``labels.json`` as they are planted: these
labels were written from the generator alone, never from what the checker flags.

    .venv/bin/python tests/data/make_coherence_corpus.py      # rewrites tests/data/coherence_corpus/
"""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "coherence_corpus"
SEED = 2026


def _fr(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _some_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _ids(rng: random.Random, n: int, width: int = 8) -> list[str]:
    return [str(v).zfill(width) for v in rng.sample(range(10 ** (width - 1), 10 ** width), n)]


class Labels:
    def __init__(self) -> None:
        self.rows: dict[str, dict[int, list[str]]] = {}

    def add(self, file: str, line: int, kind: str) -> None:
        self.rows.setdefault(file, {}).setdefault(line, []).append(kind)


def _write(name: str, header: list[str], rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> None:
    with (OUT / name).open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def stays(rng: random.Random, labels: Labels) -> None:
    """Hospital stays: several per patient; some still open; a few same-day stays."""
    name = "sejours.csv"
    patients = _ids(rng, 150)
    births = {p: _some_day(rng, date(1930, 1, 1), date(2015, 12, 31)) for p in patients}
    written: list[tuple[list[str], list[str]]] = []        # each row with the errors planted in it
    used: set[tuple[str, date]] = set()
    while len(written) < 380:
        patient = rng.choice(patients)
        entry = _some_day(rng, date(2019, 1, 1), date(2024, 12, 31))
        if (patient, entry) in used:
            continue                  # no two stays of one patient begin the same day, unless planted
        used.add((patient, entry))
        exit_: date | None = entry + timedelta(days=rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21]))
        if rng.random() < 0.04:
            exit_ = None                                          # still in hospital
        birth = births[patient]
        kinds = []
        roll = rng.random()
        if roll < 0.12:
            exit_ = entry - timedelta(days=rng.randint(1, 60))   # discharge typed before the admission
            kinds.append("discharge_before_admission")
        elif roll < 0.14:
            birth = entry + timedelta(days=rng.randint(30, 4000))   # this stay's birth date mistyped
            kinds.append("admission_before_birth")
        diagnosis = rng.choice(["I21.9", "J18.9", "K35.8", "S72.0", "C50.9", "E11.9", "I50.9", "N39.0"])
        mode = rng.choice(["Domicile", "Domicile", "Domicile", "Transfert", "Mutation", "Décès"])
        written.append(([patient, _fr(birth), _fr(entry), _fr(exit_), diagnosis, mode], kinds))
    # Stays exported twice: the copy, somewhere after its original, carries its errors too.
    for _ in range(12):
        source = rng.randrange(len(written))
        row, kinds = written[source]
        written.insert(rng.randrange(source + 1, len(written) + 1), (list(row), [*kinds, "duplicate_record"]))
    for line, (_row, kinds) in enumerate(written, start=2):
        for kind in kinds:
            labels.add(name, line, kind)
    _write(name, ["IPP", "Date de naissance", "Date d'entrée", "Date de sortie", "Diagnostic principal (CIM-10)",
                  "Mode de sortie"], [row for row, _kinds in written])


def _day(text: str) -> date:
    return date(int(text[6:10]), int(text[3:5]), int(text[0:2]))


def emergencies(rng: random.Random, labels: Labels) -> None:
    """Emergency stays: ISO dates, most leave the same day or the next."""
    name = "urgences.csv"
    patients = _ids(rng, 300, 10)
    rows = []
    for line in range(2, 402):
        patient = rng.choice(patients)
        entry = _some_day(rng, date(2022, 1, 1), date(2024, 12, 31))
        exit_ = entry + timedelta(days=rng.choice([0, 0, 0, 0, 1, 1, 2]))
        if rng.random() < 0.15:
            exit_ = entry - timedelta(days=rng.randint(1, 400))   # day and month swapped, or the year mistyped
            labels.add(name, line, "discharge_before_admission")
        mode = rng.choice(["RAD", "RAD", "RAD", "HOSP", "Transfert", "UHCD"])
        rows.append([patient, _iso(entry), _iso(exit_), mode, rng.choice(["1", "2", "3", "4", "5"])])
    _write(name, ["num_patient", "date_entree", "date_sortie", "mode_sortie", "ccmu"], rows, delimiter=",")


def deaths(rng: random.Random, labels: Labels) -> None:
    """Deaths of registered cancer patients: one row per patient expected."""
    name = "deces.csv"
    written: list[tuple[list[str], list[str]]] = []
    for patient in _ids(rng, 300, 9):
        birth = _some_day(rng, date(1925, 1, 1), date(1985, 12, 31))
        diagnosis = _some_day(rng, date(2010, 1, 1), date(2023, 6, 30))
        death = diagnosis + timedelta(days=rng.randint(0, 1500))
        kinds = []
        roll = rng.random()
        if roll < 0.12:
            death = diagnosis - timedelta(days=rng.randint(1, 900))
            kinds.append("death_before_diagnosis")
        elif roll < 0.14:
            diagnosis = birth - timedelta(days=rng.randint(1, 3000))
            kinds.append("diagnosis_before_birth")
        elif roll < 0.16:
            birth = diagnosis - timedelta(days=int(rng.randint(122, 140) * 365.25))
            kinds.append("age_over_120")
        row = [patient, _fr(birth), _fr(diagnosis), rng.choice(["C34.1", "C18.7", "C50.4", "C61", "C25.0"]), _fr(death)]
        written.append((row, kinds))
    # A patient exported twice (another diagnosis row kept by mistake): the second row carries the
    # first one's errors and is labelled a repeat.
    for _ in range(6):
        row, kinds = written[rng.randrange(len(written))]
        copy = [*row[:3], rng.choice(["C34.9", "C78.0", "C79.5"]), row[4]]
        written.append((copy, [*kinds, "repeated_patient"]))
    for line, (_row, kinds) in enumerate(written, start=2):
        for kind in kinds:
            labels.add(name, line, kind)
    _write(name, ["Numéro de dossier", "Date de naissance", "Date de diagnostic", "Code CIM-10", "Date de décès"],
           [row for row, _kinds in written], encoding="cp1252")


def vital_status(rng: random.Random, labels: Labels) -> None:
    """Vital status follow-up: alive, dead (with the date), lost, unknown."""
    name = "statut_vital.csv"
    patients = _ids(rng, 400, 7)
    rows = []
    for line, patient in enumerate(patients, start=2):
        status = rng.choices(["Vivant", "Décédé", "Perdu de vue", "Inconnu"], [0.6, 0.3, 0.07, 0.03])[0]
        news = _some_day(rng, date(2020, 1, 1), date(2025, 3, 31))
        death = news if status == "Décédé" else None
        roll = rng.random()
        if status == "Vivant" and roll < 0.15:
            death = news - timedelta(days=rng.randint(0, 300))   # a death date left from another patient
            labels.add(name, line, "alive_with_death_date")
        elif status == "Décédé" and roll < 0.3:
            death = None
            labels.add(name, line, "dead_without_death_date")
        rows.append([patient, status, _fr(news), _fr(death)])
    _write(name, ["IPP", "Statut vital", "Date des dernières nouvelles", "Date de décès"], rows)


def _grown(age: float) -> tuple[float, float]:
    """A median weight (kg) and height (cm) for an age in years: a rough growth curve, not a standard."""
    if age < 1:
        return 3.4 + 6.2 * age, 50 + 25 * age
    if age < 2:
        return 9.6 + 2.5 * (age - 1), 75 + 12 * (age - 1)
    if age < 10:
        return 12.1 + 2.2 * (age - 2), 87 + 6.2 * (age - 2)
    if age < 18:
        return 29.7 + 4.2 * (age - 10), min(87 + 6.2 * (age - 2), 149) + 3.5 * max(age - 12, 0)
    return 72.0, 170.0


def _spread(rng: random.Random, median: float, sigma: float) -> float:
    return median * 2.718281828 ** max(-3.5 * sigma, min(3.5 * sigma, rng.gauss(0, sigma)))


def inclusions(rng: random.Random, labels: Labels) -> None:
    """A cohort's weight and height at inclusion, from newborns to the old, with the legitimate
    extremes a paediatric ward sees (a premature newborn, a severely obese child, a short adult)."""
    name = "inclusions.csv"
    rows = []
    for line, patient in enumerate(_ids(rng, 400, 6), start=2):
        inclusion = _some_day(rng, date(2018, 1, 1), date(2024, 12, 31))
        age = rng.uniform(0, 18) if rng.random() < 0.35 else rng.uniform(18, 95)
        birth = inclusion - timedelta(days=int(age * 365.25))
        median_weight, median_height = _grown(age)
        weight = _spread(rng, median_weight, 0.15 if age < 18 else 0.2)
        height = _spread(rng, median_height, 0.045)
        roll = rng.random()
        if roll < 0.01:
            birth, weight, height = inclusion - timedelta(days=rng.randint(0, 20)), 0.55, 29.0   # born at 24 weeks
        elif roll < 0.02 and 6 <= age < 12:
            weight = rng.uniform(70, 95)                                  # severe obesity
        elif roll < 0.03 and age >= 18:
            height, weight = rng.uniform(118, 135), rng.uniform(35, 60)  # achondroplasia
        elif roll < 0.05:
            labels.add(name, line, "adult_measure_on_child")              # another patient's measures
            birth = inclusion - timedelta(days=int(rng.uniform(1, 5.9) * 365.25))
            weight, height = rng.uniform(65, 95), rng.uniform(160, 185)
        elif roll < 0.07 and age >= 18:
            labels.add(name, line, "weight_height_swapped")
            weight, height = height, weight
        elif roll < 0.09 and age >= 30:
            labels.add(name, line, "birth_year_typo")                     # born 30-40 years later than true
            birth = inclusion - timedelta(days=int(rng.uniform(1, 10.9) * 365.25))
        elif roll < 0.11 and age >= 18:
            labels.add(name, line, "digit_lost")                          # 72 typed 7
            weight = float(int(weight) // 10)
        written_weight = f"{weight:.1f}".replace(".", ",") if weight < 10 else str(round(weight))
        rows.append([patient, _fr(birth), _fr(inclusion), written_weight, str(round(height))])
    _write(name, ["IPP", "Date de naissance", "Date d'inclusion", "Poids (kg)", "Taille (cm)"], rows)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    rng = random.Random(SEED)
    labels = Labels()
    for make in (stays, emergencies, deaths, vital_status, inclusions):
        make(rng, labels)
    data = {file: {str(line): kinds for line, kinds in sorted(rows.items())} for file, rows in sorted(labels.rows.items())}
    (OUT / "labels.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for file, rows in sorted(labels.rows.items()):
        print(f"{file}: {len(rows)} labelled rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
