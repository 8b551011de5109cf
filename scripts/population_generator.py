"""A synthetic registry of persons with realistic margins, for the utility of Reach k.

Ages are concentrated over 50 (nine in ten, as cancer incidence), départements are weighted by
their population (INSEE 2021, in thousands, rounded), the overseas ones are rare, and the sexes are
balanced. Every value is invented; the same ``(persons, seed)`` always gives the same table.
Benchmarks and tests import this module through ``sys.path`` (see ``registry_generator.py``).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Population in thousands (INSEE 2021, rounded): metropolitan départements, then overseas.
POPULATION = {
    "01": 657, "02": 531, "03": 335, "04": 165, "05": 141, "06": 1094, "07": 329, "08": 270, "09": 155,
    "10": 310, "11": 374, "12": 280, "13": 2043, "14": 697, "15": 144, "16": 352, "17": 655, "18": 302,
    "19": 240, "2A": 160, "2B": 182, "21": 534, "22": 602, "23": 116, "24": 413, "25": 543, "26": 517,
    "27": 599, "28": 431, "29": 916, "30": 751, "31": 1415, "32": 191, "33": 1636, "34": 1176, "35": 1094,
    "36": 217, "37": 610, "38": 1271, "39": 259, "40": 413, "41": 329, "42": 765, "43": 227, "44": 1429,
    "45": 680, "46": 174, "47": 331, "48": 76, "49": 818, "50": 495, "51": 566, "52": 172, "53": 307,
    "54": 733, "55": 183, "56": 759, "57": 1047, "58": 204, "59": 2608, "60": 829, "61": 279, "62": 1463,
    "63": 662, "64": 683, "65": 229, "66": 479, "67": 1140, "68": 767, "69": 1875, "70": 235, "71": 551,
    "72": 566, "73": 436, "74": 826, "75": 2145, "76": 1255, "77": 1421, "78": 1448, "79": 375, "80": 570,
    "81": 389, "82": 260, "83": 1076, "84": 561, "85": 685, "86": 438, "87": 372, "88": 364, "89": 335,
    "90": 141, "91": 1301, "92": 1624, "93": 1655, "94": 1407, "95": 1249,
    "971": 384, "972": 361, "973": 286, "974": 868, "976": 256,
}
# Registries see few overseas residents: their share is cut to a tenth of the population's.
OVERSEAS_SHARE = 0.1


def department_weights(departments: list[str] | None = None) -> tuple[list[str], np.ndarray]:
    codes = [c for c in POPULATION if departments is None or c in departments]
    weights = np.array([POPULATION[c] * (OVERSEAS_SHARE if len(c) == 3 else 1.0) for c in codes], dtype=float)
    return codes, weights / weights.sum()


def generate_population(persons: int, seed: int = 2026, reference_year: int = 2025,
                        departments: list[str] | None = None) -> pa.Table:
    """One row per person: a local id, sex (1/2), birth date, postcode, a diagnosis date and code.
    ``departments`` restricts residence to a few (a regional registry)."""
    rng = np.random.default_rng(seed)
    # Ages: as cancer incidence, nine in ten over 50 (a bulge around 69), the rest rising towards 50.
    old = rng.random(persons) < 0.9
    ages = np.where(old, np.minimum(50 + rng.gamma(4.5, 4.3, persons), 104), rng.triangular(0, 50, 50, persons))
    days = (ages * 365.25).astype(np.int64)
    reference = np.datetime64(f"{reference_year}-06-30")
    birth = (reference - days.astype("timedelta64[D]")).astype("datetime64[D]")
    codes, weights = department_weights(departments)
    department = np.array(codes, dtype=object)[rng.choice(len(codes), persons, p=weights)]
    tail_width = np.where(np.char.str_len(department.astype(str)) == 3, 2, 3)
    tail = rng.integers(0, 100, persons) * 10
    corsica = {"2A": "20", "2B": "20"}
    prefix = np.array([corsica.get(d, d) for d in department], dtype=object)
    corsica_tail = np.where(department == "2A", rng.integers(0, 20, persons) * 10,
                            rng.integers(20, 62, persons) * 10)
    tail = np.where(np.isin(department, ["2A", "2B"]), corsica_tail, tail)
    postcode = [p + str(t).zfill(w)[-w:] for p, t, w in zip(prefix, tail, tail_width, strict=True)]
    sex = rng.integers(1, 3, persons).astype(str)
    diagnosis = reference - rng.integers(0, 3 * 365, persons).astype("timedelta64[D]")
    icd = np.array(["C509", "C61", "C341", "C189", "C20", "C439", "C679", "C64"])[rng.integers(0, 8, persons)]
    return pa.table({
        "N° dossier": pa.array([f"P{i:07d}" for i in range(persons)]),
        "Sexe": pa.array(sex),
        "Date de naissance": pc.strftime(pa.array(birth).cast(pa.timestamp("s")), format="%Y-%m-%d"),
        "Code postal": pa.array(postcode, pa.string()),
        "Date de diagnostic": pc.strftime(pa.array(diagnosis).cast(pa.timestamp("s")), format="%Y-%m-%d"),
        "Code CIM-10": pa.array(icd),
    })
