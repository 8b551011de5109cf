"""Value detectors, through identify_table on columns whose header says nothing."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest
from stdnum import luhn

from curator.identify import ColumnIdentification, identify_table
from curator.progress import Cancelled

RNG_SEED = 4


def _nir(rng: random.Random, dept: str | None = None, key: bool = True) -> str:
    dept = dept or rng.choice(["75", "13", "2A", "2B", "69", "97"])
    body = f"{rng.choice('12')}{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}{dept}{rng.randint(1, 899):03d}" \
           f"{rng.randint(1, 999):03d}"
    check = 97 - int(body.replace("2A", "19").replace("2B", "18")) % 97
    return body + f"{check:02d}" if key else body


def _luhn(digits: str) -> str:
    return digits + luhn.calc_check_digit(digits)


def one(values: list[str], name: str = "col1") -> ColumnIdentification:
    return identify_table(pa.table({name: pa.array(values, type=pa.string())}))[0]


def test_nir_with_key_spaces_and_corsica() -> None:
    rng = random.Random(RNG_SEED)
    values = [_nir(rng) for _ in range(300)]
    values[:50] = [f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}" for v in values[:50]]
    result = one(values)
    assert result.klass == "direct"
    assert "nir" in result.kinds
    assert any("valid NIRs (check key verified)" in e for e in result.evidence)


def test_nir_reference_examples_are_valid() -> None:
    # The research notes' examples, one per Corsican département.
    result = one(["295109912611193", "253072A07300443", "253072B07300470"] * 10)
    assert result.kinds == ["nir"]
    assert "30 of 30 sampled values are valid NIRs" in result.evidence[0]


def test_nir_without_key() -> None:
    rng = random.Random(RNG_SEED)
    result = one([_nir(rng, key=False) for _ in range(200)])
    assert result.klass == "direct" and "nir" in result.kinds
    assert any("without the key" in e for e in result.evidence)


def test_fifteen_digit_numbers_with_wrong_keys_are_not_nirs() -> None:
    rng = random.Random(RNG_SEED)
    wrong = []
    for _ in range(200):
        nir = _nir(rng, dept="75")
        wrong.append(nir[:13] + f"{(int(nir[13:]) + 1) % 100:02d}")
    assert "nir" not in one(wrong).kinds


@pytest.mark.parametrize("values, kind", [
    (["06 12 34 56 78", "0612345679", "+33 6 12 34 56 70", "01.45.67.89.10", "+33145678912", "04 78 12 34 56",
      "+44 20 7946 0958", "+1 415 555 2671", "07 81 23 45 67", "02-40-12-34-56"] * 5, "phone"),
    (["jean.dupont@free.fr", "m.martin@chu-lyon.fr", "a_b+c@example.org", "zoe@ex.co.uk", "x@y.fr"] * 10, "email"),
    (["FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32"] * 10, "iban"),
    (["192.168.1.20", "10.0.0.1", "8.8.8.8", "2001:db8::1", "172.16.254.3"] * 10, "ip"),
    (["https://www.example.org/p/12", "http://chu.fr/dossier?id=3", "www.site-perso.fr"] * 10, "url"),
    ([f"{n:03d}-{n % 90 + 10:02d}-{n * 7 % 9000 + 1000:04d}" for n in range(100, 160)], "ssn"),
    ([_luhn(f"100{n:07d}") for n in range(1000, 1060)], "rpps"),
    (["3edac2e3-d223-6fae-d515-daf96ef6bc76", "9d188916-8390-282b-3ec2-73fce6e08649"] * 20, "identifier"),
])
def test_direct_identifiers_by_value(values: list[str], kind: str) -> None:
    result = one(values)
    assert result.klass == "direct", result.evidence
    assert kind in result.kinds, result.kinds


def test_finess_numbers_repeat_and_are_quasi_adeli_vary_and_are_direct() -> None:
    rng = random.Random(RNG_SEED)
    establishments = [_luhn(f"{d}0{rng.randint(0, 99999):05d}") for d in ("75", "13", "69")]
    finess = one([rng.choice(establishments) for _ in range(300)])
    assert finess.klass == "quasi" and "finess" in finess.kinds
    adeli = one([_luhn(f"75{rng.choice(['10', '21'])}{rng.randint(0, 9999):04d}") for _ in range(300)])
    assert adeli.klass == "direct" and "adeli" in adeli.kinds


def test_dates_birth_and_event() -> None:
    rng = random.Random(RNG_SEED)
    births = one([f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1930, 2005)}" for _ in range(300)])
    assert births.klass == "quasi" and "birth_date" in births.kinds
    events = one([f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(300)])
    assert events.klass == "quasi" and events.kinds == ["date"]
    compact = one([f"{rng.randint(1930, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" for _ in range(300)])
    assert "birth_date" in compact.kinds
    us = one([f"{rng.randint(1, 12)}/{rng.randint(13, 28)}/{rng.randint(2015, 2023)}" for _ in range(100)])
    assert us.kinds == ["date"]


def test_names_and_addresses_without_headers() -> None:
    firsts = ["Jean", "Marie", "Pierre", "Sophie", "Luc", "Camille", "Nathalie", "Olivier", "Isabelle", "Hugo"] * 5
    assert one(firsts).klass == "direct" and "first_name" in one(firsts).kinds
    lasts = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU"] * 5
    assert one(lasts).klass == "direct"
    addresses = ["12 rue de la Paix", "3 bis avenue Victor Hugo", "lieu-dit Les Granges", "5, impasse des Lilas",
                 "18 bd Gambetta", "784 Stamm Lock Unit 46", "171 Kemmer Neck Apt 30", "chemin du Moulin"] * 5
    result = one(addresses)
    assert result.klass == "direct" and "address" in result.kinds


def test_free_text_lists_what_is_inside() -> None:
    notes = [f"Patient revu par Dr Martin le 12/03/2021, rappeler au 06 12 34 56 {n:02d} pour les résultats."
             for n in range(40)] + [f"Courrier adressé à jean{n}@free.fr, Mme Dupont informée du suivi à six mois."
                                    for n in range(40)]
    result = one(notes)
    assert result.klass == "direct" and "free_text" in result.kinds
    text = " ".join(result.evidence)
    assert "phone numbers" in text and "e-mail addresses" in text and "names after a title" in text


def test_quasi_and_sensitive_by_value() -> None:
    rng = random.Random(RNG_SEED)
    assert one([rng.choice("MF") for _ in range(100)]).kinds == ["sex"]
    assert one([str(rng.randint(18, 95)) for _ in range(200)]).kinds == ["age"]
    postcodes = one([rng.choice(["75011", "13008", "69003", "01000", "33000", "59000", "44000"]) for _ in range(100)])
    assert postcodes.klass == "quasi" and "postcode" in postcodes.kinds
    assert one(["2A004", "2B033", "75056", "13055", "69123"] * 20).kinds == ["commune_code"]
    assert one([rng.choice(["C50.9", "I21.0", "E11.9", "C61"]) for _ in range(100)]).klass == "sensitive"
    assert one([rng.choice(["DZQM006", "EBQH003"]) for _ in range(100)]).kinds == ["ccam"]
    assert one([rng.choice(["C10AA05", "B01AC06", "L01XC03"]) for _ in range(100)]).kinds == ["atc"]
    assert one([rng.choice(["vivant", "décédé", "perdu de vue"]) for _ in range(100)]).klass == "sensitive"


def test_measurements_and_categories_are_none() -> None:
    rng = random.Random(RNG_SEED)
    assert one([f"{rng.uniform(3.5, 12):.1f}".replace(".", ",") for _ in range(200)]).klass == "none"
    assert one([rng.choice(["oui", "non"]) for _ in range(200)]).klass == "none"
    assert one([str(n) for n in range(1, 301)]).klass == "none"   # line numbers


def test_gps_pair_is_direct_and_lone_latitude_is_not() -> None:
    rng = random.Random(RNG_SEED)
    lat = [f"{rng.uniform(43, 49):.6f}" for _ in range(200)]
    lon = [f"{rng.uniform(-1, 7):.6f}" for _ in range(200)]
    pair = identify_table(pa.table({"X3": lat, "X4": lon}))
    assert [r.klass for r in pair] == ["direct", "direct"]
    assert "pair" in pair[0].evidence[-1]
    lone = identify_table(pa.table({"latitude": lat, "poids": [str(rng.randint(50, 90)) for _ in range(200)]}))
    assert lone[0].klass == "quasi"


def test_sparse_identifiers_among_empty_rows_are_found() -> None:
    rng = random.Random(RNG_SEED)
    values = [""] * 60_000
    for position in rng.sample(range(60_000), 250):
        values[position] = _nir(rng)
    result = one(values)
    assert result.klass == "direct" and "nir" in result.kinds


def test_whole_column_confirmation_checks_every_nir_key() -> None:
    rng = random.Random(RNG_SEED)
    values = [_nir(rng) for _ in range(30_000)]
    for position in range(0, 30_000, 1000):
        values[position] = "1234"   # 30 values no NIR can be
    for position in range(500, 30_000, 3000):
        values[position] = values[position][:13] + f"{(int(values[position][13:]) + 1) % 100:02d}"  # 10 wrong keys
    values[7] = ""
    result = one(values, name="NIR")
    assert result.klass == "direct"
    assert "whole column: 29,959 of 29,999 filled values are valid NIRs (check key verified)" in result.evidence


def test_whole_column_confirmation_counts_misfits() -> None:
    rng = random.Random(RNG_SEED)
    values = [_nir(rng, key=False) for _ in range(30_000)]
    for position in range(0, 30_000, 1000):
        values[position] = "1234"   # 30 values no NIR can be
    result = one(values, name="NIR")
    assert result.klass == "direct"
    assert "whole column: 30 of 30,000 filled values are too short or too long to be a NIR" in result.evidence


def test_header_and_values_combine_and_more_identifying_wins() -> None:
    rng = random.Random(RNG_SEED)
    # A "weight" header over NIRs: the values win, the user sees both pieces of evidence.
    result = one([_nir(rng) for _ in range(100)], name="poids")
    assert result.klass == "direct"
    assert any("header resembles 'poids'" in e for e in result.evidence)
    # A header saying "ville" over words that happen to be surnames: the header decides.
    assert one(["Martin", "Dubois", "Lambert", "Bernard", "Thomas", "Petit", "Robert", "Richard"] * 10,
               name="Ville").klass == "quasi"


def test_empty_and_null_columns() -> None:
    result = identify_table(pa.table({"col1": pa.array([None, "", " "] * 10, type=pa.string())}))[0]
    assert result.klass == "none" and "empty" in result.evidence[0]
    assert one([""] * 10, name="NIR").klass == "direct"   # the header alone still flags it


def test_progress_is_reported_and_cancel_propagates() -> None:
    table = pa.table({"a": ["1", "2"], "b": ["x", "y"]})
    fractions: list[float] = []
    identify_table(table, progress=lambda f, m="": fractions.append(f))
    assert fractions[0] == 0.0 and fractions[-1] == 1.0

    def cancel(fraction: float, message: str = "") -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        identify_table(table, progress=cancel)


def test_to_dict_is_json_ready() -> None:
    data = one(["jean.dupont@free.fr"] * 10, name="mail").to_dict()
    assert data["identifying"] == data["class"] == "direct"
    assert set(data) >= {"name", "identifying", "confidence", "evidence", "kinds"}
    assert isinstance(data["evidence"], list) and all(isinstance(e, str) for e in data["evidence"])


def test_tables_that_are_empty_or_not_text() -> None:
    assert identify_table(pa.table({"NIR": pa.array([], type=pa.string())}))[0].klass == "direct"
    assert identify_table(pa.table({}).append_column("x", pa.array([], type=pa.string())))[0].klass == "none"
    years = identify_table(pa.table({"col1": pa.array(list(range(1930, 2000)) * 50, type=pa.int64())}))[0]
    assert years.klass == "quasi" and years.kinds == ["birth_year"]


def test_ins_nia_numbers_are_nirs_too() -> None:
    # A NIA (INS for people not yet registered) starts with 7 or 8 and has the NIR's key.
    bodies = [f"{first}{year:02d}0775{order:06d}" for first in "78" for year in range(40, 70) for order in (1, 2)]
    values = [body + f"{97 - int(body) % 97:02d}" for body in bodies]
    result = one(values, name="INS")
    assert result.klass == "direct" and "nir" in result.kinds
    assert "120 of 120 sampled values are valid NIRs (check key verified)" in result.evidence[1]


def test_zip_plus_four_codes_are_postcodes_not_phones() -> None:
    rng = random.Random(RNG_SEED)
    result = one([f"0{rng.randint(1000, 2999)}-{rng.randint(1000, 9999)}" for _ in range(100)])
    assert result.klass == "quasi" and result.kinds == ["postcode"], result.evidence


def test_missing_value_markers_are_not_evidence() -> None:
    # A column of e-mails where a third of the cells say "NA", "inconnu" or "?" is still e-mails.
    rng = random.Random(RNG_SEED)
    values = [rng.choice(["NA", "n/a", "inconnu", "?", ""]) if i % 3 == 0 else f"user{i}@exemple.fr" for i in range(300)]
    result = one(values)
    assert result.klass == "direct" and "email" in result.kinds
    assert any("200 of 200 sampled values are e-mail addresses" in e for e in result.evidence)


def test_discharge_destinations_are_sensitive() -> None:
    rng = random.Random(RNG_SEED)
    result = one([rng.choice(["RAD", "SSR", "EHPAD", "HAD", "DCD"]) for _ in range(200)])
    assert result.klass == "sensitive" and "discharge_mode" in result.kinds
