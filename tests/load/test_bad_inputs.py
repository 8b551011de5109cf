"""The bad-input corpus (tests/data/bad_inputs, made by tests/data/make_bad_inputs.py): one test each.

Every broken file gets an InputError naming the file and, where it applies, the sheet, line or
column, with a hint saying what to do; files that can be read safely load with a warning.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from curator.errors import InputError
from curator.load import list_sheets, read_file
from curator.source import ReadOptions

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = DATA / "bad_inputs"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_bad_inputs", DATA / "make_bad_inputs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# file -> (fragments of the message, location parts that must appear, options)
ERRORS: dict[str, tuple[list[str], dict[str, object], ReadOptions | None]] = {
    "empty.csv": (["empty (0 bytes)"], {}, None),
    "header_only.csv": (["header but no data rows"], {"line": 1}, None),
    "blank_lines_only.csv": (["holds no data"], {}, None),
    "png_renamed.csv": (["PNG image", "'.csv'"], {}, None),
    "jpeg_renamed.csv": (["JPEG image"], {}, None),
    "pdf_renamed.csv": (["PDF document"], {}, None),
    "xlsx_renamed.csv": (["Excel workbook, not text"], {}, None),
    "parquet_renamed.csv": (["parquet file, not text"], {}, None),
    "program_renamed.xlsx": (["Windows program"], {}, None),
    "truncated.xlsx": (["damaged or truncated"], {}, None),
    "corrupt_member.xlsx": (["damaged or not a real XLSX"], {}, None),
    "text_renamed.xlsx": (["not a valid XLSX workbook"], {}, None),
    "encrypted.xlsx": (["encrypted with a password"], {}, None),
    "zip_bomb.xlsx": (["zip bomb", "expands"], {}, None),
    "html_renamed.xls": (["not a valid XLS workbook", "HTML"], {}, None),
    "empty_sheets.xlsx": (["Every sheet of the workbook is empty"], {}, None),
    "sheet_header_only.xlsx": (["header but no data rows"], {"sheet": "Données", "line": 1}, None),
    "ragged_extra_field.csv": (["1 row(s) do not have the 4 fields", "line 3: 5 fields instead of 4"],
                               {"line": 3}, None),
    "ragged_missing_field.csv": (["line 3: 3 fields instead of 4"], {"line": 3}, None),
    "unquoted_separator.csv": (["line 5: 5 fields instead of 4", "separator ';' without quotes"], {"line": 5}, None),
    "unclosed_quote.csv": (["is never closed", "line 2"], {"line": 2}, None),
    "nul_bytes.csv": (["NUL bytes"], {"line": 3}, None),
    "invalid_utf8_declared.csv": (["not valid utf-8 text", "cp1252"], {}, ReadOptions(encoding="utf-8")),
    "unsupported.docx": (["does not read '.docx'"], {}, None),
    "unsupported.json": (["does not read '.json'"], {}, None),
    "truncated.parquet": (["parquet file is damaged or truncated"], {}, None),
    "garbage.parquet": (["parquet file is damaged or truncated"], {}, None),
    "truncated.feather": (["feather file is damaged or truncated"], {}, None),
    "truncated.sav": (["SPSS file cannot be read"], {}, None),
    "truncated.dta": (["Stata file cannot be read"], {}, None),
    "text_renamed.dta": (["Stata file cannot be read"], {}, None),
    "truncated.xpt": (["SAS transport file cannot be read"], {}, None),
    "text_renamed.sas7bdat": (["SAS file cannot be read"], {}, None),
}

# file -> (fragment of a warning, expected column names or None)
WARNINGS: dict[str, tuple[str, list[str] | None]] = {
    "duplicate_headers.csv": ("'date' appears 3 times", ["id", "nom", "nom_2", "date", "date_2", "date_3"]),
    "blank_headers.csv": ("have no name in the header (position 2, 4)", ["id", "column_2", "nom", "column_4"]),
    "blank_and_duplicate_headers.xlsx": ("'nom' appears 2 times", ["id", "column_2", "nom", "nom_2"]),
    "mixed_line_endings.csv": ("mixes Windows (CRLF) and Unix (LF)", None),
    "undefined_cp1252_bytes.csv": ("read as Latin-1", None),
}


def test_corpus_is_complete_and_current() -> None:
    builders = _generator().BUILDERS
    assert len(builders) >= 30
    assert set(ERRORS) | set(WARNINGS) == set(builders)
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(builders)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_input_is_explained(name: str) -> None:
    fragments, where, options = ERRORS[name]
    path = CORPUS / name
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        read_file(path, options)
    error = caught.value
    text = str(error)
    assert name in text, "the message names the file"
    for fragment in fragments:
        assert fragment in text
    for part, value in where.items():
        assert getattr(error.where, part) == value
    assert error.hint, "the message says what to do"
    assert "Traceback" not in text
    assert path.read_bytes() == before, "the source is never written"


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_readable_oddity_loads_with_a_warning(name: str) -> None:
    fragment, columns = WARNINGS[name]
    loaded = read_file(CORPUS / name)
    assert any(fragment in warning for warning in loaded.warnings), loaded.warnings
    assert loaded.table.num_rows > 0
    if columns is not None:
        assert loaded.table.column_names == columns


def test_mixed_line_endings_lose_no_row() -> None:
    loaded = read_file(CORPUS / "mixed_line_endings.csv")
    assert loaded.table.column("id").to_pylist() == ["1", "2", "3"]
    assert loaded.table.column("date_naissance").to_pylist()[-1] == "29/02/1952"


def test_blank_and_duplicate_names_keep_the_header_as_written() -> None:
    loaded = read_file(CORPUS / "duplicate_headers.csv")
    assert loaded.original_names == ["id", "nom", "nom", "date", "date", "date"]


def test_ten_megabyte_cell(tmp_path: Path) -> None:
    (path,) = _generator().write_corpus(tmp_path, large=True, small=False)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert "10,485,760 characters long" in str(caught.value)
    assert caught.value.where is not None and caught.value.where.column == "nom"
    assert path.name in str(caught.value) and caught.value.hint


def test_uncompressed_size_limit_is_an_option() -> None:
    path = CORPUS / "blank_and_duplicate_headers.xlsx"
    with pytest.raises(InputError) as caught:
        read_file(path, ReadOptions(max_uncompressed_bytes=1000))
    assert "above the limit" in str(caught.value) and "max_uncompressed_bytes" in str(caught.value)


def test_missing_sheet_lists_the_sheets() -> None:
    with pytest.raises(InputError) as caught:
        read_file(CORPUS / "blank_and_duplicate_headers.xlsx", ReadOptions(sheet="Feuil9"))
    assert "no sheet named 'Feuil9'" in str(caught.value) and "'Données'" in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_file(tmp_path / "absent.csv")
    with pytest.raises(InputError, match="folder, not a file"):
        read_file(tmp_path)
    with pytest.raises(InputError, match="Only workbooks have sheets"):
        list_sheets(CORPUS / "duplicate_headers.csv")


def test_unknown_format_option() -> None:
    with pytest.raises(InputError, match="not a format curator reads"):
        read_file(CORPUS / "duplicate_headers.csv", ReadOptions(format="dbf"))
