"""The committed demo files are what the generator makes, and read back as a registry export should."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
from python_calamine import CalamineWorkbook
from stdnum import luhn
from stdnum.fr import nir

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO = REPO_ROOT / "resources" / "demo"
sys.path.insert(0, str(REPO_ROOT / "scripts"))

from registry_generator import COLUMNS, DEFAULT_SEED, generate_registry, write_csv_cp1252  # noqa: E402


def _read_demo_csv(path: Path) -> pa.Table:
    return pcsv.read_csv(path, read_options=pcsv.ReadOptions(encoding="cp1252"),
                         parse_options=pcsv.ParseOptions(delimiter=";"),
                         convert_options=pcsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS},
                                                             strings_can_be_null=True))


def test_committed_csv_is_the_generator_output_byte_for_byte(tmp_path: Path) -> None:
    regenerated = tmp_path / "demo.csv"
    write_csv_cp1252(generate_registry(5000, DEFAULT_SEED), regenerated)
    assert regenerated.read_bytes() == (DEMO / "registre_cancer_demo.csv").read_bytes()


def test_csv_is_a_windows_1252_semicolon_export_with_crlf() -> None:
    raw = (DEMO / "registre_cancer_demo.csv").read_bytes()
    assert raw.count(b"\r\n") == 5001 and b"\n" not in raw.replace(b"\r\n", b"")
    header = raw.split(b"\r\n", 1)[0]
    assert "Prénom".encode("cp1252") in header and "Prénom".encode() not in header
    rows = list(csv.reader(raw.decode("cp1252").splitlines(), delimiter=";"))
    assert rows[0] == list(COLUMNS) and all(len(r) == len(COLUMNS) for r in rows)
    # quotes only where needed: a comment with ';' or '"' is quoted, a plain value never is
    assert '"Suivi par Dr Martin ; RCP du ' in raw.decode("cp1252")
    assert '"Compte rendu ""anapath"" reçu"' in raw.decode("cp1252")
    assert ';"000' not in raw.decode("cp1252")


def test_values_a_registry_holds(shared_data: Path) -> None:
    table = _read_demo_csv(DEMO / "registre_cancer_demo.csv")
    assert table.num_rows == 5000
    nirs = [v for v in table.column("NIR").to_pylist() if v]
    assert len(nirs) > 4500 and all(nir.is_valid(v) for v in nirs)
    assert any(" " in v for v in nirs) and any(nir.compact(v)[5:7] in ("2A", "2B") for v in nirs)
    postcodes = table.column("Code postal").to_pylist()
    assert all(len(p) == 5 for p in postcodes) and sum(p.startswith("0") for p in postcodes) > 100
    finess = table.column("Établissement FINESS").to_pylist()
    assert all(len(f) == 9 and luhn.is_valid(f) for f in finess)
    assert set(table.column("Statut vital").to_pylist()) == {"Vivant", "Décédé", "Perdu de vue"}
    assert {"1", "2", "H", "F", "Homme", "Femme"} <= set(table.column("Sexe").to_pylist())
    assert len(set(table.column("N° dossier").to_pylist())) == 5000
    known = {line.split(";", 1)[0] for line in
             (shared_data / "snds" / "nomenclatures" / "ORAVAL" / "MS_CIM_V.csv").read_text(encoding="utf-8").splitlines()}
    codes = {c.replace(".", "").upper() for c in table.column("Code CIM-10").to_pylist()}
    assert codes <= known
    died = [(v, d) for v, d in zip(table.column("Statut vital").to_pylist(), table.column("Date de décès").to_pylist(), strict=True)]
    assert all((d is not None) == (v == "Décédé") for v, d in died)
    assert any(c and "@" in c for c in table.column("Commentaire").to_pylist())


def test_xlsx_holds_the_same_records_with_leading_zeros() -> None:
    sheet = CalamineWorkbook.from_path(str(DEMO / "registre_cancer_demo.xlsx")).get_sheet_by_name("Registre").to_python()
    assert sheet[0] == list(COLUMNS) and len(sheet) == 5001
    table = _read_demo_csv(DEMO / "registre_cancer_demo.csv")
    for name in ("N° dossier", "NIR", "Code postal", "Établissement FINESS", "Nom", "Prénom", "Code CIM-10"):
        i = COLUMNS.index(name)
        assert [r[i] or None for r in sheet[1:]] == table.column(name).to_pylist(), name
