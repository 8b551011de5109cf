"""Every format, written by the library that writes it, read back losslessly as text."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pyreadstat
import pytest
import xlwt
from pyxlsbwriter import XlsbWriter

from curator.load import detect_options, iter_batches, list_sheets, read_file
from curator.source import ReadOptions

NAMES = ["Hélène", "Zoë", "François"]
POSTCODES = ["01000", "2A004", "75015"]


def registry_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [1, 2, 3],
        "nom": NAMES,
        "code_postal": POSTCODES,
        "poids": [61.5, None, 80.25],
        "naissance": [dt.date(1954, 3, 12), dt.date(2000, 1, 1), dt.date(1952, 2, 29)],
    })


EXPECTED = [
    {"id": "1", "nom": "Hélène", "code_postal": "01000", "poids": "61.5", "naissance": "1954-03-12"},
    {"id": "2", "nom": "Zoë", "code_postal": "2A004", "poids": None, "naissance": "2000-01-01"},
    {"id": "3", "nom": "François", "code_postal": "75015", "poids": "80.25", "naissance": "1952-02-29"},
]


def assert_text_table(table: pa.Table, expected: list[dict[str, str | None]]) -> None:
    assert all(field.type == pa.string() for field in table.schema)
    assert table.to_pylist() == expected


def test_csv_written_by_pandas_cp1252_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "pandas.csv"
    frame = registry_frame()
    frame["naissance"] = pd.to_datetime(frame["naissance"])
    frame.to_csv(path, sep=";", decimal=",", encoding="cp1252", index=False, date_format="%d/%m/%Y")
    loaded = read_file(path)
    assert loaded.source.options.encoding == "cp1252" and loaded.source.options.decimal == ","
    assert loaded.table.to_pylist()[0] == {"id": "1", "nom": "Hélène", "code_postal": "01000", "poids": "61,5",
                                           "naissance": "12/03/1954"}


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_openpyxl_workbook(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"registre{suffix}"
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    hidden = book.create_sheet("Brouillon")
    hidden.sheet_state = "hidden"
    hidden.append(["x"])
    sheet = book.create_sheet("Données")
    sheet.append(["Registre des cancers - extraction"])
    sheet.append([])
    sheet.append(list(EXPECTED[0]))
    frame = registry_frame()
    for row in frame.itertuples(index=False):
        sheet.append([row.id, row.nom, row.code_postal, None if pd.isna(row.poids) else row.poids, row.naissance])
    for cell in sheet["E"][3:]:
        cell.number_format = "DD/MM/YYYY"
    book.save(path)

    assert list_sheets(path) == [("Notes", False), ("Brouillon", True), ("Données", False)]
    loaded = read_file(path)  # "Notes" is empty: the first visible sheet with data is read
    assert detect_options(path) == loaded.source.options
    assert loaded.source.options.sheet == "Données" and loaded.source.options.header_row == 3
    assert loaded.source.hidden_sheets == ["Brouillon"]
    assert_text_table(loaded.table, EXPECTED)
    assert loaded.metadata["date_columns"] == ["naissance"]
    hidden_read = read_file(path, ReadOptions(sheet="Brouillon", header_row=0))
    assert hidden_read.table.to_pylist() == [{"column_1": "x"}]


def test_xls_written_by_xlwt(tmp_path: Path) -> None:
    path = tmp_path / "ancien.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Feuil1")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for column, name in enumerate(EXPECTED[0]):
        sheet.write(0, column, name)
    for index, row in enumerate(registry_frame().itertuples(index=False), start=1):
        sheet.write(index, 0, row.id)
        sheet.write(index, 1, row.nom)
        sheet.write(index, 2, row.code_postal)
        if not pd.isna(row.poids):
            sheet.write(index, 3, row.poids)
        sheet.write(index, 4, row.naissance, date_style)
    book.save(str(path))
    loaded = read_file(path)
    assert loaded.source.format == "xls"
    assert_text_table(loaded.table, EXPECTED)


def test_xlsb_written_by_pyxlsbwriter(tmp_path: Path) -> None:
    path = tmp_path / "binaire.xlsb"
    rows = [list(EXPECTED[0])] + [[r.id, r.nom, r.code_postal, None if pd.isna(r.poids) else r.poids, r.naissance]
                                  for r in registry_frame().itertuples(index=False)]
    with XlsbWriter(str(path)) as writer:
        writer.add_sheet("Feuil1")
        writer.write_sheet(rows)
        writer.add_sheet("cachée", hidden=True)
        writer.write_sheet([["a"], [1]])
    assert list_sheets(path) == [("Feuil1", False), ("cachée", True)]
    assert_text_table(read_file(path).table, EXPECTED)


def test_ods_written_by_pandas_odfpy(tmp_path: Path) -> None:
    path = tmp_path / "libre.ods"
    registry_frame().to_excel(path, engine="odf", index=False, sheet_name="Registre")
    loaded = read_file(path)
    assert loaded.source.format == "ods" and loaded.source.options.sheet == "Registre"
    assert_text_table(loaded.table, EXPECTED)


def test_merged_group_header_cells(tmp_path: Path) -> None:
    path = tmp_path / "fusion.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "Patient", None, "Tumeur", None])
    sheet.append([None, "nom", "prénom", "site", "date"])
    sheet.append([1, "Martin", "Léa", "C50.9", dt.date(2020, 5, 4)])
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    sheet.merge_cells("A1:A2")
    book.save(path)
    loaded = read_file(path)
    assert loaded.table.column_names == ["id", "Patient nom", "Patient prénom", "Tumeur site", "Tumeur date"]
    assert loaded.table.to_pylist() == [{"id": "1", "Patient nom": "Martin", "Patient prénom": "Léa",
                                         "Tumeur site": "C50.9", "Tumeur date": "2020-05-04"}]


def test_formula_cached_values_and_datetimes(tmp_path: Path) -> None:
    # openpyxl does not compute formulas; LibreOffice-made ODS files carry cached values, which
    # pandas/odfpy write for plain values: here, a datetime with a time and mixed-type cells.
    path = tmp_path / "mixte.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["quand", "valeur"])
    sheet.append([dt.datetime(2021, 6, 1, 8, 30), 12])
    sheet.append([dt.datetime(2021, 6, 2, 0, 0), "NA"])
    sheet.append([None, 0.1])
    book.save(path)
    assert read_file(path).table.to_pylist() == [
        {"quand": "2021-06-01 08:30:00", "valeur": "12"},
        {"quand": "2021-06-02 00:00:00", "valeur": "NA"},
        {"quand": None, "valeur": "0.1"},
    ]


def test_parquet_written_by_pandas_and_streamed(tmp_path: Path) -> None:
    path = tmp_path / "registre.parquet"
    frame = registry_frame()
    frame["naissance"] = pd.to_datetime(frame["naissance"])
    frame.to_parquet(path, index=False, row_group_size=2)
    loaded = read_file(path)
    assert loaded.source.format == "parquet"
    assert_text_table(loaded.table, EXPECTED)
    streamed = pa.Table.from_batches(list(iter_batches(path, batch_rows=2)))
    assert streamed.equals(loaded.table)
    assert pq.ParquetFile(path).metadata.num_rows == loaded.source.rows


def test_feather_written_by_pyarrow(tmp_path: Path) -> None:
    path = tmp_path / "registre.feather"
    table = pa.Table.from_pandas(registry_frame(), preserve_index=False)
    feather.write_feather(table, path)
    loaded = read_file(path)
    assert loaded.source.format == "feather"
    assert_text_table(loaded.table, EXPECTED)


def _statistical_frame() -> pd.DataFrame:
    frame = registry_frame()
    frame["id"] = frame["id"].astype(float)
    frame["sexe"] = [1.0, 2.0, 2.0]
    return frame


@pytest.mark.parametrize(("suffix", "writer"), [
    (".xpt", pyreadstat.write_xport), (".dta", pyreadstat.write_dta), (".sav", pyreadstat.write_sav),
])
def test_statistical_formats_written_by_pyreadstat(tmp_path: Path, suffix: str, writer: object) -> None:
    path = tmp_path / f"registre{suffix}"
    frame = _statistical_frame()
    labels = {"sexe": {1.0: "Homme", 2.0: "Femme"}}
    if suffix == ".xpt":
        writer(frame, str(path), column_labels=["Identifiant", "Nom", "Code postal", "Poids", "Naissance", "Sexe"])
    else:
        writer(frame, str(path), variable_value_labels=labels,
               column_labels=["Identifiant", "Nom", "Code postal", "Poids", "Naissance", "Sexe"])
    loaded = read_file(path)
    expected = [dict(row, sexe=sexe) for row, sexe in zip(EXPECTED, ["1", "2", "2"], strict=True)]
    assert_text_table(loaded.table, expected)
    assert loaded.metadata["variable_labels"]["code_postal"] == "Code postal"
    if suffix != ".xpt":
        assert loaded.metadata["value_labels"] == {"sexe": {"1": "Homme", "2": "Femme"}}


@pytest.mark.interop("readstat")
def test_sas7bdat_written_by_readstat(tmp_path: Path) -> None:
    """No Python library writes SAS7BDAT; ReadStat (the C library under pyreadstat) does, through its
    command-line tool (Debian package ``readstat``, installed by scripts/install_system_deps.sh)."""
    # ReadStat's tool does not carry display formats over, so a date would arrive as a bare number:
    # the dates are left out here (the other readers' tests cover them).
    spss = tmp_path / "registre.sav"
    pyreadstat.write_sav(_statistical_frame().drop(columns="naissance"), str(spss),
                         column_labels=["Identifiant", "Nom", "Code postal", "Poids", "Sexe"])
    path = tmp_path / "registre.sas7bdat"
    subprocess.run(["readstat", str(spss), str(path)], check=True, capture_output=True)
    loaded = read_file(path)
    assert loaded.source.format == "sas7bdat"
    expected = [{**{k: v for k, v in row.items() if k != "naissance"}, "sexe": sexe}
                for row, sexe in zip(EXPECTED, ["1", "2", "2"], strict=True)]
    assert_text_table(loaded.table, expected)
    assert loaded.metadata["variable_labels"]["code_postal"] == "Code postal"


def test_spss_value_labels_kept_for_mapping(tmp_path: Path) -> None:
    path = tmp_path / "cohorte.sav"
    frame = pd.DataFrame({"stade": [1.0, 2.0, 4.0], "statut": ["V", "D", "V"]})
    pyreadstat.write_sav(frame, str(path), variable_value_labels={
        "stade": {1.0: "Stade I", 2.0: "Stade II", 3.0: "Stade III", 4.0: "Stade IV"},
        "statut": {"V": "Vivant", "D": "Décédé"}})
    loaded = read_file(path)
    assert loaded.table.column("stade").to_pylist() == ["1", "2", "4"]
    assert loaded.metadata["value_labels"]["stade"]["3"] == "Stade III"
    assert loaded.metadata["value_labels"]["statut"] == {"V": "Vivant", "D": "Décédé"}


def test_merged_header_cell_over_data_columns_is_spread_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "fusion_simple.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "Mesure", None])
    sheet.append([1, 12.5, 13])
    sheet.append([2, 11, 10.25])
    sheet.merge_cells("B1:C1")
    book.save(path)
    loaded = read_file(path)
    assert loaded.table.column_names == ["id", "Mesure", "Mesure_2"]
    assert loaded.original_names == ["id", "Mesure", "Mesure"]
    assert loaded.table.column("Mesure_2").to_pylist() == ["13", "10.25"]
    assert any("Merged header cells on row 1" in warning for warning in loaded.warnings)


def test_workbook_read_reports_progress(tmp_path: Path) -> None:
    path = tmp_path / "progres.xlsx"
    registry_frame().to_excel(path, index=False)
    seen: list[float] = []
    read_file(path, progress=lambda fraction, message="": seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_big_whole_numbers_are_not_written_in_scientific_notation(tmp_path: Path) -> None:
    # A NIR typed into Excel becomes a number; it must come back as its 15 digits.
    path = tmp_path / "nir.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nir", "montant"])
    sheet.append([295109912611193, 1234567.5])
    sheet.append([253072007300443, 0.1])
    book.save(path)
    assert read_file(path).table.to_pylist() == [{"nir": "295109912611193", "montant": "1234567.5"},
                                                  {"nir": "253072007300443", "montant": "0.1"}]
    parquet = tmp_path / "nir.parquet"
    pq.write_table(pa.table({"nir": pa.array([295109912611193.0, None])}), parquet)
    assert read_file(parquet).table.column("nir").to_pylist() == ["295109912611193", None]


def test_text_cells_with_accents_emoji_and_empties_read_back_exactly(tmp_path: Path) -> None:
    """Text columns are converted joined and split again: characters outside Latin-1, empty cells
    and a column mixing text and numbers must all come back as written."""
    path = tmp_path / "texte.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["libelle", "note", "melange"])
    for row in [["cœur €", "a b", "x"], ["", "plain", 2.5], ["Łódź 🙂", "", "y"], ["Zoë", "z", None]]:
        sheet.append(row)
    book.save(path)
    assert read_file(path).table.to_pylist() == [
        {"libelle": "cœur €", "note": "a b", "melange": "x"},
        {"libelle": None, "note": "plain", "melange": "2.5"},
        {"libelle": "Łódź 🙂", "note": None, "melange": "y"},
        {"libelle": "Zoë", "note": "z", "melange": None},
    ]


def test_cells_to_text_splits_only_where_it_joined() -> None:
    from curator.load.cells import cells_to_text

    values = ["a\x00b", "", "œ", "Łódź", "plain"]
    array, dates = cells_to_text(values)
    assert array.to_pylist() == ["a\x00b", None, "œ", "Łódź", "plain"] and not dates
    assert cells_to_text(["x", 3.0, ""])[0].to_pylist() == ["x", "3", None]
    assert cells_to_text(["only"])[0].to_pylist() == ["only"]
