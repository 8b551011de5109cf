"""Which reader a file needs: its extension, checked against the first bytes of the file."""

from __future__ import annotations

from pathlib import Path

from curator.errors import InputError, Location
from curator.inputs import open_regular, os_error
from curator.messages import QT_TRANSLATE_NOOP, Text

TEXT_FORMATS = ("csv",)
SHEET_FORMATS = ("xlsx", "xlsm", "xls", "xlsb", "ods")
COLUMNAR_FORMATS = ("parquet", "feather")
STATISTICAL_FORMATS = ("sas7bdat", "xpt", "dta", "sav")
ALL_FORMATS = TEXT_FORMATS + SHEET_FORMATS + COLUMNAR_FORMATS + STATISTICAL_FORMATS

EXTENSIONS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv", ".dat": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsm", ".xls": "xls", ".xlsb": "xlsb", ".ods": "ods",
    ".parquet": "parquet", ".pq": "parquet", ".feather": "feather", ".arrow": "feather", ".ipc": "feather",
    ".sas7bdat": "sas7bdat", ".xpt": "xpt", ".dta": "dta", ".sav": "sav", ".zsav": "sav",
}

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAS7BDAT_MAGIC = bytes.fromhex("000000000000000000000000c2ea8160b31411cfbd92080009c7318c181f1011")

# Files people rename by mistake: say what the file really is.
FOREIGN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"BM", None),  # bitmap magic is too short to trust alone
)

SUPPORTED_TEXT = ("CSV/TSV/TXT, Excel (.xlsx .xlsm .xls .xlsb), OpenDocument (.ods), Parquet, Feather/Arrow, "
                  "SAS (.sas7bdat .xpt), Stata (.dta), SPSS (.sav)")


def read_head(path: Path, size: int = 64 * 1024) -> bytes:
    with open_regular(path) as source:
        try:
            return source.read(size)
        except OSError as error:
            raise os_error(error, path) from None


def content_kind(head: bytes) -> str | None:
    """The format the first bytes prove, or None when they prove nothing (text)."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"ARROW1") or head.startswith(b"FEA1"):
        return "feather"
    if head[:32] == SAS7BDAT_MAGIC:
        return "sas7bdat"
    if head.startswith(b"HEADER RECORD*******LIB"):
        return "xpt"
    if head.startswith(b"<stata_dta>") or head[:1] in (b"\x71", b"\x72", b"\x73") and head[1:2] in (b"\x01", b"\x02"):
        return "dta"
    if head.startswith(b"$FL2") or head.startswith(b"$FL3"):
        return "sav"
    for magic, _what in FOREIGN_MAGIC:
        if _what and head.startswith(magic):
            return "foreign"
    return None


def foreign_description(head: bytes) -> str | None:
    for magic, what in FOREIGN_MAGIC:
        if what and head.startswith(magic):
            return what
    return None


def detect_format(path: Path, head: bytes, requested: str | None = None) -> str:
    """The format to read ``path`` with, or an InputError saying why it cannot be read."""
    where = Location(file=str(path))
    if requested:
        fmt = requested.lower().lstrip(".")
        if fmt in ("tsv", "txt"):
            fmt = "csv"
        if fmt not in ALL_FORMATS:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "'{requested}' is not a format curator reads."), requested=requested), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "Formats curator reads: {formats}."), formats=SUPPORTED_TEXT))
        return fmt
    if not head:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file is empty (0 bytes).")), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Export the data again from the source system and check the export finished.")))
    suffix = path.suffix.lower()
    by_name = EXTENSIONS.get(suffix)
    kind = content_kind(head)
    foreign = foreign_description(head)
    if foreign:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file is {foreign}, not a data table, although its name ends in '{suffix}'."),
                              foreign=foreign, suffix=suffix), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose the data export itself (CSV, Excel, ODS, Parquet, SAS, Stata or SPSS).")))
    if by_name is None:
        guessed = {"parquet": "parquet", "feather": "feather", "sas7bdat": "sas7bdat", "xpt": "xpt",
                   "dta": "dta", "sav": "sav"}.get(kind or "")
        if guessed:
            return guessed
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "curator does not read '{suffix}' files."), suffix=suffix or "extension-less"), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Save the data as one of: {formats}."), formats=SUPPORTED_TEXT))
    if by_name == "csv":
        if kind in ("zip", "ole"):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file is a zip archive or Excel workbook, not text, although its name ends in "
                                  "'{suffix}'.") if kind == "zip" else QT_TRANSLATE_NOOP("core", "The file is a legacy Office file, not text, "
                                  "although its name ends in '{suffix}'."), suffix=suffix), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "If it is an Excel workbook, rename it to .xlsx (or .xls) or save it as CSV "
                                       "from Excel.")))
        if kind is not None and kind != "foreign":
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file is a {kind} file, not text, although its name ends in '{suffix}'."),
                                  kind=kind, suffix=suffix), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "Rename it to .{kind} so curator reads it as such."), kind=kind))
        return "csv"
    if by_name in ("xlsx", "xlsm", "xlsb", "ods"):
        if kind == "ole":
            # An OOXML workbook saved with a password is an OLE container holding an EncryptedPackage.
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The workbook is encrypted with a password.")), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel, remove the password (File > Info > Protect Workbook > "
                                       "Encrypt with Password, clear it) and save it again, then load that copy.")))
        if kind != "zip":
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file is not a valid {format} workbook (it is not a zip package); it may be "
                                  "truncated, corrupt or another format renamed."), format=by_name.upper()), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel or LibreOffice and save it again, or export the data as "
                                       "CSV.")))
        return by_name
    if by_name == "xls" and kind == "zip":
        return "xlsx"
    if by_name == "xls" and kind != "ole":
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file is not a valid XLS workbook; it may be truncated, corrupt, or a text or HTML "
                              "file renamed .xls.")), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel or LibreOffice and save it as .xlsx, or export the data as CSV.")))
    if by_name in COLUMNAR_FORMATS + STATISTICAL_FORMATS and kind not in (by_name, None) and not (
            by_name == "sav" and kind == "zip"):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file does not look like a {format} file (its content is {kind})."), format=by_name,
                              kind=kind), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check that you chose the right file, or rename it to its real format.")))
    return by_name


def damaged_workbook(path: Path, fmt: str, error: object, sheet: str | None = None) -> InputError:
    """The error for a workbook its reader (or the record walk before it) found damaged."""
    return InputError(Text(QT_TRANSLATE_NOOP("core", "The {format} file is damaged or not a real {format} workbook ({error})."),
                           format=fmt.upper(), error=error), Location(file=str(path), sheet=sheet),
                      hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.")))
