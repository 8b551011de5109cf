"""Write the bad-input corpus: small files of every kind of broken export the Load stage must explain.

    python tests/data/make_bad_inputs.py            # (re)writes tests/data/bad_inputs/
    python tests/data/make_bad_inputs.py --large    # also the 10 MB-cell file (not committed)

Every file is built from bytes or by the real writer library (openpyxl, pyarrow, pyreadstat,
msoffcrypto-tool for the encrypted workbook), deterministically. tests/load/test_bad_inputs.py
asserts the message each one gets.
"""

from __future__ import annotations

import argparse
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "bad_inputs"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

HEADER = "id;nom;code_postal;date_naissance\r\n"
ROWS = "1;Hélène;01000;12/03/1954\r\n2;Zoë;2A004;01/01/2000\r\n3;Noël;75015;29/02/1952\r\n"


def _cp1252(text: str) -> bytes:
    return text.encode("cp1252")


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(
        b"IEND", b"")


def _zip(members: dict[str, bytes], level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _xlsx(rows: list[list[object]], sheet: str = "Données", extra_sheets: int = 0) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    active = book.active
    assert active is not None
    active.title = sheet
    for row in rows:
        active.append(row)
    for index in range(extra_sheets):
        book.create_sheet(f"Feuille{index + 2}")
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the time: rewrite the zip with fixed times so the corpus is reproducible.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        return _zip({name: source.read(name) for name in source.namelist()})


def _good_xlsx() -> bytes:
    return _xlsx([["id", "nom"], [1, "Hélène"], [2, "Zoë"]])


def _encrypted_xlsx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(_good_xlsx())).encrypt("secret", encrypted)
    return encrypted.getvalue()


def _zip_bomb() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(_good_xlsx()))
    members = {name: good.read(name) for name in good.namelist()}
    # 60 MB of one repeated byte compresses to about 60 KB: an expansion no real workbook has.
    members["xl/worksheets/sheet1.xml"] = b"<" + b" " * (60 * 1024 * 1024) + b">"
    return _zip(members, level=9)


def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2, 3], "nom": ["Hélène", "Zoë", "Noël"]}), buffer)
    return buffer.getvalue()


def _feather() -> bytes:
    import pyarrow as pa
    import pyarrow.feather as feather

    buffer = io.BytesIO()
    feather.write_feather(pa.table({"id": [1, 2, 3]}), buffer, compression="uncompressed")
    return buffer.getvalue()


def _statistical(writer_name: str, suffix: str) -> bytes:
    import tempfile

    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame({"id": [1.0, 2.0, 3.0], "nom": ["Martin", "Durand", "Petit"]})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        getattr(pyreadstat, writer_name)(frame, str(path))
        return path.read_bytes()


def _huge_cell() -> bytes:
    return _cp1252(HEADER + "1;" + "A" * (10 * 1024 * 1024) + ";01000;12/03/1954\r\n" + ROWS)


# name -> bytes. Names say what is wrong; the extension is the one the user would see.
BUILDERS: dict[str, Callable[[], bytes]] = {
    "empty.csv": lambda: b"",
    "header_only.csv": lambda: _cp1252(HEADER),
    "blank_lines_only.csv": lambda: b"\r\n   \r\n\r\n;;;\r\n",
    "png_renamed.csv": _png,
    "jpeg_renamed.csv": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9",
    "pdf_renamed.csv": lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "xlsx_renamed.csv": _good_xlsx,
    "parquet_renamed.csv": _parquet,
    "program_renamed.xlsx": lambda: b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48,
    "truncated.xlsx": lambda: _good_xlsx()[: len(_good_xlsx()) // 2],
    "corrupt_member.xlsx": lambda: _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"\x00\x01garbage"}),
    "text_renamed.xlsx": lambda: _cp1252(HEADER + ROWS),
    "encrypted.xlsx": _encrypted_xlsx,
    "zip_bomb.xlsx": _zip_bomb,
    "html_renamed.xls": lambda: b"<html><body><table><tr><td>id</td></tr><tr><td>1</td></tr></table></body></html>",
    "empty_sheets.xlsx": lambda: _xlsx([], extra_sheets=1),
    "sheet_header_only.xlsx": lambda: _xlsx([["id", "nom", "code_postal"]]),
    "duplicate_headers.csv": lambda: _cp1252("id;nom;nom;date;date;date\r\n1;Martin;Léa;01/01/2000;;\r\n"),
    "blank_headers.csv": lambda: _cp1252("id;;nom;\r\n1;x;Martin;y\r\n2;z;Durand;w\r\n"),
    "blank_and_duplicate_headers.xlsx": lambda: _xlsx([["id", None, "nom", "nom"], [1, "x", "Martin", "Léa"]]),
    "ragged_extra_field.csv": lambda: _cp1252(HEADER + "1;Hélène;01000;12/03/1954\r\n2;Zoë;2A004;01/01/2000;oops\r\n"
                                              "3;Noël;75015;29/02/1952\r\n"),
    "ragged_missing_field.csv": lambda: _cp1252(HEADER + "1;Hélène;01000;12/03/1954\r\n2;Zoë;2A004\r\n"
                                                "3;Noël;75015;29/02/1952\r\n"),
    "unquoted_separator.csv": lambda: _cp1252(HEADER + ROWS + "4;Dupont; Jean;13001;05/05/1955\r\n"),
    "unclosed_quote.csv": lambda: _cp1252(HEADER + '1;"Hélène;01000;12/03/1954\r\n' + ROWS.split("\r\n", 1)[1]),
    "mixed_line_endings.csv": lambda: _cp1252(HEADER + "1;Hélène;01000;12/03/1954\n2;Zoë;2A004;01/01/2000\r\n"
                                              "3;Noël;75015;29/02/1952\n"),
    "nul_bytes.csv": lambda: _cp1252(HEADER + "1;Hélène;01000;12/03/1954\r\n") + b"2;Zo\x00\x00;2A004;01/01/2000\r\n",
    "invalid_utf8_declared.csv": lambda: b"id;ville\r\n1;Besan\xe7on\r\n",
    "undefined_cp1252_bytes.csv": lambda: b"id;note\r\n1;caf\xe9\r\n2;x\x81y\r\n3;\x8d\r\n",
    "unsupported.docx": lambda: _zip({"word/document.xml": b"<w:document/>"}),
    "unsupported.json": lambda: b'[{"id": 1}]',
    "truncated.parquet": lambda: _parquet()[:60],
    "garbage.parquet": lambda: b"PAR1" + b"\x00" * 40,
    "truncated.feather": lambda: _feather()[:40],
    "truncated.sav": lambda: _statistical("write_sav", ".sav")[:300],
    "truncated.dta": lambda: _statistical("write_dta", ".dta")[:200],
    "text_renamed.dta": lambda: _cp1252(HEADER + ROWS),
    "truncated.xpt": lambda: _statistical("write_xport", ".xpt")[:100],
    "text_renamed.sas7bdat": lambda: _cp1252(HEADER + ROWS),
}
LARGE_BUILDERS: dict[str, Callable[[], bytes]] = {
    "huge_cell.csv": _huge_cell,
}


def write_corpus(folder: Path = CORPUS, large: bool = False, small: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    builders = {**(BUILDERS if small else {}), **(LARGE_BUILDERS if large else {})}
    written = []
    for name, build in builders.items():
        path = folder / name
        path.write_bytes(build())
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=CORPUS)
    parser.add_argument("--large", action="store_true", help="also write the files too big to commit")
    args = parser.parse_args()
    for path in write_corpus(args.folder, large=args.large):
        print(f"{path.stat().st_size:>10,}  {path.name}")


if __name__ == "__main__":
    main()
