"""A synthetic cancer-registry export, as a legacy registry system would write it.

Every value is invented: names and streets come from Faker's fr_FR lists, NIRs and FINESS
numbers are built with valid check keys but belong to nobody. The same ``(rows, seed)`` always
gives the same table, so the demo files and the benchmark files can be regenerated exactly.

Columns are built from numpy draws and pyarrow compute over whole arrays (no per-row Python),
so 1.5M rows take seconds. Benchmarks import this module through ``sys.path``::

    sys.path.insert(0, str(repo_root / "scripts"))
    from registry_generator import write_registry_csv
    write_registry_csv(path, rows=1_500_000, seed=2026)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DEFAULT_SEED = 20261128

COLUMNS = (
    "N° dossier", "NIR", "Nom", "Nom de naissance", "Prénom", "Sexe", "Date de naissance",
    "Téléphone", "Email", "Adresse", "Code postal", "Commune", "Date de diagnostic",
    "Code CIM-10", "Topographie", "Morphologie", "Stade TNM", "Statut vital",
    "Date de dernières nouvelles", "Date de décès", "Établissement FINESS", "Poids (kg)",
    "Taille (cm)", "Tabac", "Commentaire",
)

# Tumour sites: ICD-10 code (as in the ATIH CIM-10, MS_CIM_V), ICD-O-3 topography,
# morphologies, sex restriction (1 male, 2 female, 0 both), relative frequency.
SITES: tuple[tuple[str, str, tuple[str, ...], int, float], ...] = (
    ("C509", "C50.9", ("8500/3", "8500/3", "8500/3", "8520/3", "8522/3"), 2, 14.0),
    ("C504", "C50.4", ("8500/3", "8520/3"), 2, 5.0),
    ("C61", "C61.9", ("8140/3", "8140/3", "8550/3"), 1, 13.0),
    ("C341", "C34.1", ("8140/3", "8070/3", "8041/3"), 0, 7.0),
    ("C349", "C34.9", ("8140/3", "8070/3", "8046/3"), 0, 5.0),
    ("C189", "C18.9", ("8140/3", "8480/3"), 0, 5.0),
    ("C187", "C18.7", ("8140/3",), 0, 3.0),
    ("C20", "C20.9", ("8140/3", "8480/3"), 0, 4.0),
    ("C439", "C44.9", ("8720/3", "8743/3"), 0, 4.0),
    ("C679", "C67.9", ("8120/3", "8130/3"), 0, 3.0),
    ("C64", "C64.9", ("8312/3", "8310/3"), 0, 3.0),
    ("C259", "C25.9", ("8500/3", "8140/3"), 0, 3.0),
    ("C169", "C16.9", ("8140/3", "8490/3"), 0, 2.0),
    ("C56", "C56.9", ("8441/3", "8460/3"), 2, 2.0),
    ("C539", "C53.9", ("8070/3",), 2, 1.0),
    ("C541", "C54.1", ("8380/3",), 2, 2.0),
    ("C73", "C73.9", ("8260/3", "8340/3"), 0, 2.0),
    ("C220", "C22.0", ("8170/3",), 0, 2.0),
    ("C159", "C15.9", ("8070/3", "8140/3"), 0, 1.5),
    ("C719", "C71.9", ("9440/3",), 0, 1.5),
    ("C833", "C77.9", ("9680/3",), 0, 2.0),
    ("C900", "C42.1", ("9732/3",), 0, 1.5),
    ("C911", "C42.1", ("9823/3",), 0, 1.5),
)
HAEMATOLOGICAL = {"C833", "C900", "C911"}

# Born abroad: NIR department 99 and the INSEE country code.
ABROAD_COUNTRIES = ("350", "352", "351", "139", "134", "127", "109", "132")
CORSICA_POSTCODES = {
    "2A": ("000", "090", "100", "110", "117", "128", "130", "140", "150", "160", "166", "167"),
    "2B": ("200", "213", "214", "215", "218", "220", "225", "226", "228", "230", "240", "250", "290", "600"),
}
EMAIL_DOMAINS = ("gmail.com", "orange.fr", "free.fr", "wanadoo.fr", "laposte.net", "sfr.fr",
                 "hotmail.fr", "yahoo.fr", "outlook.fr")
SMOKING = ("Non-fumeur", "Fumeur", "Ancien fumeur", "Non renseigné")
DOCTORS = ("Martin", "Bernard", "Lefèvre", "Dubois", "Garnier", "Rousseau", "Faure", "Mercier")

DIAGNOSIS_START = dt.date(2012, 1, 1)
DIAGNOSIS_END = dt.date(2024, 6, 30)
EXPORT_DATE = dt.date(2025, 6, 30)


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and c.isascii()).lower()


def _luhn_key(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


@lru_cache(maxsize=4)
def _pools(seed: int) -> dict[str, list[str]]:
    """Distinct values the columns are drawn from (a Python loop over a few thousand, once)."""
    from faker import Faker
    from faker.providers.person.fr_FR import Provider as Person

    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    last = sorted(set(Person.last_names))
    male = sorted(set(Person.first_names_male))
    female = sorted(set(Person.first_names_female))
    streets = [fake.street_name() for _ in range(3000)]
    cities = [fake.city() for _ in range(2000)]
    rng = np.random.default_rng([seed, 7])
    finess = []
    for dept in rng.choice(_residence_departments(), size=60):
        body = dept.replace("2A", "20").replace("2B", "20") + str(rng.choice([0, 1, 3])) + f"{rng.integers(0, 100000):05d}"
        finess.append(body + _luhn_key(body))
    return {
        "last": last, "last_ascii": [_ascii_lower(n) for n in last],
        "male": male, "female": female,
        "male_ascii": [_ascii_lower(n) for n in male], "female_ascii": [_ascii_lower(n) for n in female],
        "streets": streets, "cities": cities, "finess": finess,
    }


def _residence_departments() -> list[str]:
    return [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]


def _text(values: np.ndarray | list[str]) -> pa.Array:
    return pa.array(values, type=pa.string())


def _take(pool: list[str], index: np.ndarray) -> pa.Array:
    return pa.array(pool, type=pa.string()).take(pa.array(index))


def _zfill(numbers: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(pa.array(numbers).cast(pa.string()), width=width, padding="0")


def _join(*parts: pa.Array | str) -> pa.Array:
    """Concatenate string arrays and literals element-wise (null in any part gives null)."""
    return pc.binary_join_element_wise(*parts, "")


def _where(mask: np.ndarray, when_true: pa.Array | str | None, when_false: pa.Array | str | None) -> pa.Array:
    def scalar(v: pa.Array | str | None) -> pa.Array | pa.Scalar:
        return pa.scalar(v, type=pa.string()) if v is None or isinstance(v, str) else v
    return pc.if_else(pa.array(mask), scalar(when_true), scalar(when_false))


def _pick(choice: np.ndarray, options: list[pa.Array | str | None]) -> pa.Array:
    """Row i takes options[choice[i]][i]; literals and None are broadcast."""
    n = len(choice)
    arrays = [pa.nulls(n, pa.string()) if o is None else
              (pa.repeat(pa.scalar(o, type=pa.string()), n) if isinstance(o, str) else o)
              for o in options]
    return pc.choose(pa.array(choice.astype(np.int8)), *arrays)


def _dates_text(days: np.ndarray) -> pa.Array:
    """Days since 1970-01-01 as DD/MM/YYYY."""
    # Not pc.strftime: it is several times slower than assembling the parts.
    day_stamps = days.astype("datetime64[D]")
    months = day_stamps.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    day = (day_stamps - months).astype(np.int64) + 1
    month = (months - years).astype(np.int64) + 1
    return _join(_zfill(day, 2), "/", _zfill(month, 2), "/", _zfill(years.astype(np.int64) + 1970, 4))


def _epoch_days(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def generate_registry(rows: int, seed: int = DEFAULT_SEED, start: int = 0) -> pa.Table:
    """``rows`` registry records as text columns exactly as the export writes them.

    ``start`` is the index of the first record: ``generate_registry(n, s, start=k)`` is the
    batch of records k..k+n-1 of one long file (dossier numbers stay unique across batches).
    """
    pools = _pools(seed)
    rng = np.random.default_rng([seed, start])
    n = rows
    index = np.arange(start, start + n, dtype=np.int64)

    # Identity ------------------------------------------------------------------------------
    dossier = _zfill((index * 7919 + 104729) % 1_000_000_000, 9)   # a bijection: unique and leading zeros
    site_weights = np.array([s[4] for s in SITES])
    site = rng.choice(len(SITES), size=n, p=site_weights / site_weights.sum())
    site_sex = np.array([s[3] for s in SITES])[site]
    sex = np.where(site_sex > 0, site_sex, rng.integers(1, 3, size=n))   # 1 male, 2 female
    female = sex == 2

    last_idx = rng.integers(0, len(pools["last"]), size=n)
    male_idx = rng.integers(0, len(pools["male"]), size=n)
    female_idx = rng.integers(0, len(pools["female"]), size=n)
    first_name = _where(female, _take(pools["female"], female_idx), _take(pools["male"], male_idx))
    first_ascii = _where(female, _take(pools["female_ascii"], female_idx), _take(pools["male_ascii"], male_idx))
    birth_last = _take(pools["last"], last_idx)
    married = female & (rng.random(n) < 0.5)
    spouse_idx = rng.integers(0, len(pools["last"]), size=n)
    usage_idx = np.where(married, spouse_idx, last_idx)
    usage_last = _take(pools["last"], usage_idx)
    upper = rng.random(n) < 0.7                                      # most systems shout surnames
    last_name = _where(upper, pc.utf8_upper(usage_last), usage_last)
    birth_style = rng.random(n)
    birth_name = _pick(np.where(birth_style < 0.2, 2, np.where(upper, 1, 0)),
                       [birth_last, pc.utf8_upper(birth_last), None])

    sex_scheme = rng.choice(4, size=n, p=[0.6, 0.2, 0.1, 0.1])
    sex_text = _pick(sex_scheme * 2 + (sex - 1), ["1", "2", "H", "F", "M", "F", "Homme", "Femme"])

    # Dates: diagnosis, age at diagnosis, birth, follow-up ---------------------------------
    d0, d1 = _epoch_days(DIAGNOSIS_START), _epoch_days(DIAGNOSIS_END)
    diagnosis = rng.integers(d0, d1 + 1, size=n)
    age_days = (np.clip(rng.normal(66, 12, size=n), 19, 98) * 365.25).astype(np.int64)
    birth = diagnosis - age_days - rng.integers(0, 365, size=n)
    vital = rng.choice(3, size=n, p=[0.67, 0.25, 0.08])             # Vivant, Décédé, Perdu de vue
    export_day = _epoch_days(EXPORT_DATE)
    span = np.maximum(export_day - diagnosis, 31)
    followed = diagnosis + (rng.random(n) * span).astype(np.int64)
    lost = diagnosis + (rng.random(n) * np.minimum(span, 3 * 365)).astype(np.int64)
    recent = export_day - rng.integers(0, 420, size=n)
    last_news = np.where(vital == 0, np.maximum(followed, recent), np.where(vital == 1, followed, lost))
    last_news = np.minimum(np.maximum(last_news, diagnosis + 30), export_day)
    birth_days = birth.astype("datetime64[D]")
    birth_year = birth_days.astype("datetime64[Y]").astype(np.int64) + 1970
    birth_month = (birth_days.astype("datetime64[M]").astype(np.int64) % 12) + 1

    # Places: residence département, postcode, birth département for the NIR ---------------
    departments = _residence_departments()
    dept_idx = rng.integers(0, len(departments), size=n)
    dept = np.array(departments, dtype=object)[dept_idx]
    corsica_a = dept == "2A"
    corsica_b = dept == "2B"
    mainland_tail = np.where(rng.random(n) < 0.3, 0, rng.integers(1, 100, size=n) * 10)
    postcode = _join(_take(departments, dept_idx), _zfill(mainland_tail, 3))
    postcode = _where(corsica_a, _join("20", _take(list(CORSICA_POSTCODES["2A"]),
                                                    rng.integers(0, len(CORSICA_POSTCODES["2A"]), size=n))), postcode)
    postcode = _where(corsica_b, _join("20", _take(list(CORSICA_POSTCODES["2B"]),
                                                    rng.integers(0, len(CORSICA_POSTCODES["2B"]), size=n))), postcode)
    commune = _take(pools["cities"], rng.integers(0, len(pools["cities"]), size=n))
    commune = _where(rng.random(n) < 0.6, pc.utf8_upper(commune), commune)
    street = _take(pools["streets"], rng.integers(0, len(pools["streets"]), size=n))
    address = _join(_zfill(rng.integers(1, 160, size=n), 1), _where(rng.random(n) < 0.05, " bis ", " "), street)
    address = _where(rng.random(n) < 0.03, None, address)

    born_where = rng.random(n)
    birth_dept_idx = np.where(born_where < 0.6, dept_idx, rng.integers(0, len(departments), size=n))
    birth_dept = np.array(departments, dtype=object)[birth_dept_idx]
    abroad = born_where > 0.95
    dept_number = np.where(birth_dept == "2A", 19, np.where(birth_dept == "2B", 18, 0))
    plain = (birth_dept != "2A") & (birth_dept != "2B")
    dept_number[plain] = birth_dept[plain].astype(np.int64)
    dept_number = np.where(abroad, 99, dept_number)
    commune_code = np.where(abroad, np.array(ABROAD_COUNTRIES, dtype=np.int64)[rng.integers(0, len(ABROAD_COUNTRIES), size=n)],
                            rng.integers(1, 990, size=n))
    order = rng.integers(1, 1000, size=n)
    nir13 = (sex.astype(np.int64) * 10**12 + (birth_year % 100) * 10**10 + birth_month * 10**8
             + dept_number * 10**6 + commune_code * 10**3 + order)
    key = 97 - nir13 % 97
    nir_dept = _where(abroad, "99", pa.array(birth_dept.astype(str), type=pa.string()))
    yy, mm, cc, oo, kk = (_zfill(birth_year % 100, 2), _zfill(birth_month, 2), _zfill(commune_code, 3),
                          _zfill(order, 3), _zfill(key, 2))
    sx = _zfill(sex, 1)
    nir_compact = _join(sx, yy, mm, nir_dept, cc, oo, kk)
    nir_spaced = pc.binary_join_element_wise(sx, yy, mm, nir_dept, cc, oo, kk, " ")
    nir = _pick(rng.choice(3, size=n, p=[0.82, 0.15, 0.03]), [nir_compact, nir_spaced, None])

    # Contact -------------------------------------------------------------------------------
    mobile = rng.random(n) < 0.7
    prefix = np.where(mobile, rng.choice([6, 7], size=n, p=[0.75, 0.25]), rng.choice([1, 2, 3, 4, 5, 9], size=n))
    subscriber = np.where(prefix == 7, rng.integers(50_000_000, 90_000_000, size=n), rng.integers(10_000_000, 100_000_000, size=n))
    s8 = _zfill(subscriber, 8)
    pairs = [pc.utf8_slice_codeunits(s8, i, i + 2) for i in range(0, 8, 2)]
    p1 = _zfill(prefix, 1)
    phone = _pick(rng.choice(5, size=n, p=[0.5, 0.2, 0.15, 0.1, 0.05]), [
        pc.binary_join_element_wise(_join("0", p1), *pairs, " "),
        _join("0", p1, s8),
        pc.binary_join_element_wise(_join("+33 ", p1), *pairs, " "),
        pc.binary_join_element_wise(_join("0", p1), *pairs, "."),
        None,
    ])
    last_ascii = _take(pools["last_ascii"], usage_idx)
    domain = _take(list(EMAIL_DOMAINS), rng.integers(0, len(EMAIL_DOMAINS), size=n))
    email = _pick(rng.choice(4, size=n, p=[0.45, 0.15, 0.15, 0.25]), [
        _join(first_ascii, ".", last_ascii, "@", domain),
        _join(pc.utf8_slice_codeunits(first_ascii, 0, 1), last_ascii, "@", domain),
        _join(first_ascii, ".", last_ascii, _zfill(birth_year % 100, 2), "@", domain),
        None,
    ])

    # Tumour --------------------------------------------------------------------------------
    icd = np.array([s[0] for s in SITES], dtype=object)[site]
    icd_dotted = np.array([s[0] if len(s[0]) == 3 else s[0][:3] + "." + s[0][3:] for s in SITES], dtype=object)[site]
    icd_style = rng.random(n)
    icd_text = _where(icd_style < 0.55, _text(icd_dotted), _text(icd))
    icd_text = _where(icd_style > 0.995, pc.utf8_lower(icd_text), icd_text)   # a few typed by hand
    topography = _text(np.array([s[1] for s in SITES], dtype=object)[site])
    morph_counts = np.array([len(s[2]) for s in SITES])
    morph_offsets = np.concatenate([[0], np.cumsum(morph_counts)[:-1]])
    morph_local = (rng.random(n) * morph_counts[site]).astype(np.int64)
    morphology = _take([m for s in SITES for m in s[2]], morph_offsets[site] + morph_local)
    t_part = _take(["T1", "T1a", "T1b", "T1c", "T2", "T2", "T3", "T4", "Tis", "TX"], rng.integers(0, 10, size=n))
    n_part = _take(["N0", "N0", "N0", "N1", "N2", "N3", "NX"], rng.integers(0, 7, size=n))
    m_part = _take(["M0", "M0", "M0", "M0", "M1", "MX"], rng.integers(0, 6, size=n))
    tnm_prefix = _take(["", "", "p", "c"], rng.integers(0, 4, size=n))
    tnm = _pick(rng.choice(3, size=n, p=[0.75, 0.1, 0.15]), [
        _join(tnm_prefix, t_part, n_part, m_part),
        pc.binary_join_element_wise(t_part, n_part, m_part, " "),
        None,
    ])
    tnm = _where(np.isin(icd, list(HAEMATOLOGICAL)), None, tnm)

    vital_text = _take(["Vivant", "Décédé", "Perdu de vue"], vital)
    death = _where(vital == 1, _dates_text(last_news), None)
    finess = _take(pools["finess"], rng.integers(0, len(pools["finess"]), size=n))

    # Measures ------------------------------------------------------------------------------
    weight = np.clip(np.where(female, rng.normal(66, 13, size=n), rng.normal(80, 14, size=n)), 38, 160)
    weight_tenths = np.round(weight * 10).astype(np.int64)
    weight_text = _join(_zfill(weight_tenths // 10, 1), ",", _zfill(weight_tenths % 10, 1))
    weight_text = _where(rng.random(n) < 0.3, _zfill(weight_tenths // 10, 1), weight_text)
    weight_text = _where(rng.random(n) < 0.05, None, weight_text)
    height = np.clip(np.where(female, rng.normal(163, 7, size=n), rng.normal(176, 7, size=n)), 140, 205).astype(np.int64)
    height_text = _where(rng.random(n) < 0.06, None, _zfill(height, 1))
    smoking = _pick(rng.choice(5, size=n, p=[0.45, 0.2, 0.2, 0.05, 0.1]), [*SMOKING, None])

    # Free text: mostly harmless, sometimes a phone number, an e-mail, a doctor, a date ------
    consult = _dates_text(diagnosis + rng.integers(0, 90, size=n))
    doctor = _take(list(DOCTORS), rng.integers(0, len(DOCTORS), size=n))
    comment = _pick(rng.choice(11, size=n, p=[0.52, 0.08, 0.06, 0.05, 0.05, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03]), [
        None,
        "RAS",
        _join("Patient vu en consultation le ", consult),
        _join("Rappeler au ", phone),
        _join("Contact famille : ", email),
        _join("Adressé par le Dr ", doctor),
        _join("Suivi par Dr Martin ; RCP du ", consult),
        "Refus de chimiothérapie",
        "Perdu de vue après déménagement",
        "Compte rendu \"anapath\" reçu",
        _join("Né(e) ", _where(female, "Mme ", "M. "), birth_last),
    ])

    arrays = [
        dossier, nir, last_name, birth_name, first_name, sex_text, _dates_text(birth),
        phone, email, address, postcode, commune, _dates_text(diagnosis),
        icd_text, topography, morphology, tnm, vital_text,
        _dates_text(last_news), death, finess, weight_text,
        height_text, smoking, comment,
    ]
    return pa.table([pa.array(a, type=pa.string()) if not isinstance(a, pa.Array) else a.cast(pa.string())
                     for a in arrays], names=list(COLUMNS))


def iter_registry(rows: int, seed: int = DEFAULT_SEED, batch_rows: int = 250_000) -> Iterator[pa.Table]:
    """The records of one long file in batches, so 6M rows never sit in memory at once."""
    for start in range(0, rows, batch_rows):
        yield generate_registry(min(batch_rows, rows - start), seed, start=start)


# Writers ------------------------------------------------------------------------------------

def _csv_field(column: pa.Array, delimiter: str) -> pa.Array:
    """Quote only the values that need it (delimiter, quote, line break), doubling inner quotes."""
    text = pc.fill_null(column.cast(pa.string()), "")
    needs = pc.match_substring_regex(text, "[" + re.escape(delimiter) + '"\r\n]')
    quoted = _join('"', pc.replace_substring(text, '"', '""'), '"')
    return pc.if_else(needs, quoted, text)


def _csv_bytes(table: pa.Table, delimiter: str, encoding: str) -> bytes:
    """The table's CSV lines (CRLF-terminated) encoded, built without a per-row Python loop."""
    fields = [_csv_field(table.column(i).combine_chunks(), delimiter) for i in range(table.num_columns)]
    lines = _join(pc.binary_join_element_wise(*fields, delimiter), "\r\n").cast(pa.large_string())
    # With no nulls the data buffer between the first and last offsets is the whole text.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset:lines.offset + len(lines) + 1]
    data = lines.buffers()[2]
    text = data[int(offsets[0]):int(offsets[-1])].to_pybytes() if data is not None else b""
    return text.decode("utf-8").encode(encoding)


def write_csv_cp1252(table: pa.Table | Iterator[pa.Table], path: str | Path, delimiter: str = ";") -> None:
    """Write as the legacy system does: ';'-separated, Windows-1252, CRLF, quotes only where needed.

    ``table`` may be an iterator of batches with the same columns (see :func:`iter_registry`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    batches = [table] if isinstance(table, pa.Table) else table
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as out:
        header_written = False
        for batch in batches:
            if not header_written:
                header = pa.table({name: [name] for name in batch.column_names})
                out.write(_csv_bytes(header, delimiter, "cp1252"))
                header_written = True
            if batch.num_rows:
                out.write(_csv_bytes(batch, delimiter, "cp1252"))
    part.replace(path)


def write_registry_csv(path: str | Path, rows: int, seed: int = DEFAULT_SEED, batch_rows: int = 250_000) -> Path:
    """Generate and write ``rows`` records in batches (bounded memory); returns the path."""
    write_csv_cp1252(iter_registry(rows, seed, batch_rows), path)
    return Path(path)


# Columns an Excel user would have typed as numbers or dates; everything else stays text so
# that leading zeros ("01000", "004512345") and codes ("2A") survive.
_XLSX_DATES = {"Date de naissance", "Date de diagnostic", "Date de dernières nouvelles", "Date de décès"}
_XLSX_NUMBERS = {"Poids (kg)", "Taille (cm)"}


def write_xlsx(table: pa.Table, path: str | Path, sheet: str = "Registre") -> None:
    """Write an XLSX as a registry's spreadsheet would hold it: dates as dates, measures as numbers."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    names = table.column_names
    worksheet.append(names)
    columns = []
    for name in names:
        values = table.column(name).to_pylist()
        if name in _XLSX_DATES:
            values = [None if v is None else dt.datetime.strptime(v, "%d/%m/%Y").date() for v in values]
        elif name in _XLSX_NUMBERS:
            values = [None if v is None else (float(v.replace(",", ".")) if "," in v else int(v)) for v in values]
        columns.append(values)
    for row in zip(*columns, strict=True):
        cells = []
        for name, value in zip(names, row, strict=True):
            cell = WriteOnlyCell(worksheet, value=value)
            if name in _XLSX_DATES and value is not None:
                cell.number_format = "DD/MM/YYYY"
            elif name not in _XLSX_NUMBERS and value is not None:
                cell.number_format = "@"   # text: keeps leading zeros when the user edits the cell
            cells.append(cell)
        worksheet.append(cells)
    part = path.with_name(path.name + ".part")
    workbook.save(part)
    part.replace(path)
