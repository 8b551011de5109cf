"""Delimited text: encodings, delimiters, header detection, fingerprint, streaming, progress."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import pyarrow as pa
import pytest

from curator.load import detect_options, iter_batches, read_file
from curator.progress import Cancelled
from curator.source import ReadOptions

REGISTRY_ROWS = [
    ["id", "nom", "code_postal", "departement", "poids", "date_naissance", "telephone"],
    ["1", "Hélène Lefèvre", "01000", "2A", "61,5", "12/03/1954", "0612345678"],
    ["2", "Zoë Noël", "75015", "01", "", "01/01/2000", "0102030405"],
    ["3", "François Mélançon", "20000", "2B", "80,25", "29/02/1952", ""],
]


def write_text(path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "cp1252",
               eol: str = "\r\n", above: str = "") -> Path:
    text = above + eol.join(delimiter.join(row) for row in rows) + eol
    path.write_bytes(text.encode(encoding))
    return path


def as_rows(table: pa.Table) -> list[list[str]]:
    return [["" if value is None else value for value in row.values()] for row in table.to_pylist()]


def test_windows_1252_semicolon_with_title_lines(tmp_path: Path) -> None:
    path = write_text(tmp_path / "export.csv", REGISTRY_ROWS, above="Registre des cancers 2023;;;\r\n\r\n")
    loaded = read_file(path)
    assert loaded.table.column_names == REGISTRY_ROWS[0]
    assert as_rows(loaded.table) == REGISTRY_ROWS[1:]
    assert all(field.type == pa.string() for field in loaded.table.schema)
    assert loaded.table.column("poids")[1].as_py() is None  # empty cell is null, not ""
    options = loaded.source.options
    assert (options.encoding, options.delimiter, options.header_row, options.decimal) == ("cp1252", ";", 3, ",")
    assert any("line 3" in warning for warning in loaded.warnings)
    assert loaded.source.rows == 3 and loaded.source.format == "csv"


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("latin-1", "cp1252"),
])
def test_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    rows = [row[:3] for row in REGISTRY_ROWS]
    path = write_text(tmp_path / "data.txt", rows, delimiter="\t" if encoding == "utf-16" else ";",
                      encoding=encoding)
    loaded = read_file(path)
    assert as_rows(loaded.table) == rows[1:]
    assert loaded.source.options.encoding == expected


def test_excel_unicode_text_is_utf16_tab(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16 LE with a BOM, tab-separated, CRLF.
    path = tmp_path / "unicode.txt"
    body = "\r\n".join("\t".join(row) for row in REGISTRY_ROWS) + "\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    loaded = read_file(path)
    assert loaded.source.options.delimiter == "\t"
    assert as_rows(loaded.table) == REGISTRY_ROWS[1:]


@pytest.mark.parametrize("delimiter", [",", "|", "\t", ";"])
def test_delimiters_with_quoting_and_newlines_in_values(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(f'id{delimiter}adresse{delimiter}note\n'
                    f'1{delimiter}"3 rue de la Paix{delimiter} Paris"{delimiter}"ligne 1\nligne 2"\n'
                    f'2{delimiter}"dit ""bonjour"""{delimiter}\n', encoding="utf-8")
    loaded = read_file(path)
    assert loaded.source.options.delimiter == delimiter
    assert loaded.table.to_pylist() == [
        {"id": "1", "adresse": f"3 rue de la Paix{delimiter} Paris", "note": "ligne 1\nligne 2"},
        {"id": "2", "adresse": 'dit "bonjour"', "note": None},
    ]


def test_decimal_point_and_thousands_recorded(tmp_path: Path) -> None:
    path = write_text(tmp_path / "n.csv", [["a", "b"], ["1 234,5", "2"], ["12 000,25", "3"]], encoding="utf-8")
    options = read_file(path).source.options
    assert (options.decimal, options.thousands) == (",", " ")
    path = write_text(tmp_path / "p.csv", [["a", "b"], ["1.5", "2"], ["3.25", "3"]], delimiter=",")
    assert read_file(path).source.options.decimal == "."


def test_every_detected_option_can_be_overridden(tmp_path: Path) -> None:
    path = write_text(tmp_path / "o.csv", [["note"], ["a", "b|c"], ["1", "2|3"], ["4", "5|6"]])
    detected = read_file(path)
    assert detected.source.options.delimiter == ";" and detected.source.options.header_row == 2
    assert detected.table.column_names == ["a", "b|c"]
    forced = read_file(path, ReadOptions(delimiter="|", header_row=2, encoding="latin-1", quotechar="'"))
    assert forced.table.column_names == ["a;b", "c"]
    assert forced.table.to_pylist() == [{"a;b": "1;2", "c": "3"}, {"a;b": "4;5", "c": "6"}]
    assert (forced.source.options.encoding, forced.source.options.quotechar) == ("latin-1", "'")
    first_line = read_file(path, ReadOptions(header_row=1))
    assert first_line.table.column_names == ["note", "column_2"]
    assert first_line.table.num_rows == 3


def test_no_header_when_first_line_is_data(tmp_path: Path) -> None:
    path = write_text(tmp_path / "h.csv", [["1", "12/03/1954", "3,5"], ["2", "01/01/2000", "4,5"]])
    loaded = read_file(path)
    assert loaded.table.column_names == ["column_1", "column_2", "column_3"]
    assert loaded.table.num_rows == 2


def test_leading_zeros_and_codes_survive(tmp_path: Path) -> None:
    rows = [["cp", "dep", "nir"], ["01000", "2A", "295109912611193"], ["00100", "2B", "253072A07300443"]]
    loaded = read_file(write_text(tmp_path / "z.csv", rows))
    assert as_rows(loaded.table) == rows[1:]


def test_fingerprint_and_source_untouched(tmp_path: Path) -> None:
    path = write_text(tmp_path / "f.csv", REGISTRY_ROWS)
    before = path.read_bytes()
    os.chmod(path, 0o444)
    mtime = path.stat().st_mtime_ns
    loaded = read_file(path)
    assert loaded.source.sha256 == hashlib.sha256(before).hexdigest()
    assert loaded.source.size == len(before)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert loaded.source.to_dict()["options"]["delimiter"] == ";"


def test_non_utf8_byte_after_the_sample_falls_back_to_cp1252(tmp_path: Path) -> None:
    rows = [["id", "ville"]] + [[str(i), "Paris"] for i in range(120_000)] + [["120000", "Besançon"]]
    path = write_text(tmp_path / "late.csv", rows, encoding="cp1252")
    assert path.stat().st_size > 1024 * 1024
    loaded = read_file(path)
    assert loaded.source.options.encoding == "cp1252"
    assert loaded.table.column("ville")[-1].as_py() == "Besançon"


def test_detect_options_matches_read(tmp_path: Path) -> None:
    path = write_text(tmp_path / "d.csv", REGISTRY_ROWS, above="Titre\r\n")
    assert detect_options(path) == read_file(path).source.options


def test_iter_batches_matches_read_file(tmp_path: Path) -> None:
    rows = [["id", "nom", "cp"]] + [[str(i), f"Hélène {i}", f"{i:05d}"] for i in range(5000)]
    rows[10][1] = ""
    path = write_text(tmp_path / "big.csv", rows)
    whole = read_file(path).table
    batches = list(iter_batches(path, batch_rows=1000))
    assert [batch.num_rows for batch in batches] == [1000] * 5
    streamed = pa.Table.from_batches(batches)
    assert streamed.schema == whole.schema
    assert streamed.equals(whole)


def test_progress_reported_and_cancel_stops(tmp_path: Path) -> None:
    rows = [["id", "texte"]] + [[str(i), "x" * 50] for i in range(200_000)]
    path = write_text(tmp_path / "p.csv", rows)
    seen: list[float] = []
    read_file(path, progress=lambda fraction, message="": seen.append(fraction))
    assert seen[-1] == 1.0 and seen == sorted(seen)

    def cancel(fraction: float, message: str = "") -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        read_file(path, progress=cancel)


def test_real_synthea_and_arx_files(shared_data: Path) -> None:
    patients = read_file(shared_data / "synthea" / "patients.csv")
    assert patients.source.options.delimiter == ","
    assert patients.table.num_rows > 0 and "BIRTHDATE" in {n.upper() for n in patients.table.column_names}
    adult = read_file(shared_data / "arx-adult" / "adult.csv")
    assert adult.table.num_rows == 30162
    assert adult.source.options.delimiter == ";"


def test_iter_batches_refuses_ragged_rows_like_read_file(tmp_path: Path) -> None:
    from curator.errors import InputError

    rows = [["id", "nom"]] + [[str(i), "x"] for i in range(10)] + [["11", "x", "trop"]]
    path = write_text(tmp_path / "ragged.csv", rows)
    with pytest.raises(InputError, match="line 12: 3 fields instead of 2"):
        list(iter_batches(path, batch_rows=4))


def test_header_row_zero_means_no_header(tmp_path: Path) -> None:
    path = write_text(tmp_path / "n.csv", REGISTRY_ROWS)
    loaded = read_file(path, ReadOptions(header_row=0))
    assert loaded.table.column_names == [f"column_{i}" for i in range(1, 8)]
    assert as_rows(loaded.table) == REGISTRY_ROWS


def test_streamed_read_fingerprints_the_file_as_it_reads_it(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from curator.load.fingerprint import sha256_file

    path = tmp_path / "registre.csv"
    lines = ["nir;commune"] + [f"1{n:014d};Évreux" for n in range(20_000)]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    digest = hashlib.sha256()
    rows = sum(batch.num_rows for batch in iter_batches(path, batch_rows=3_000, sha256=digest))
    assert rows == 20_000 and digest.hexdigest() == sha256_file(path)
    parquet = tmp_path / "registre.parquet"
    pq.write_table(pa.table({"x": ["1"]}), parquet)
    with pytest.raises(ValueError, match="CSV files only"):
        iter_batches(parquet, sha256=hashlib.sha256())
