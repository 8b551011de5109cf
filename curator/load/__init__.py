"""The Load stage: read a producer's file losslessly, every column as text, with a fingerprint.

Entry points: :func:`read_file`, :func:`detect_options`, :func:`iter_batches`, :func:`list_sheets`.
``ReadOptions.header_row`` is the 1-based line (text) or row (sheet) of the header; 0 means the
file has no header and columns are named column_1, column_2...
Bad input raises :class:`curator.errors.InputError` naming the file (and sheet, line, column) and
saying what to do. The source file is only ever opened for reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.errors import InputError, Location
from curator.load import guarded
from curator.load.columnar import iter_parquet_batches
from curator.load.csv_reader import iter_csv_batches, plan_csv, read_csv_file
from curator.load.fingerprint import BackgroundDigest
from curator.load.formats import SHEET_FORMATS, STATISTICAL_FORMATS, detect_format, read_head
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.source import LoadedTable, ReadOptions, SourceInfo

__all__ = ["detect_options", "iter_batches", "list_sheets", "read_file"]


def _source_path(path: str | Path) -> Path:
    source = Path(path)
    if not source.exists():
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file does not exist.")), Location(file=str(source)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check the name and folder, or choose the file again.")))
    if source.is_dir():
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "This is a folder, not a file.")), Location(file=str(source)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose the data file inside it.")))
    try:
        with source.open("rb"):
            pass
    except OSError as error:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file cannot be opened: {reason}."), reason=error.strerror),
                         Location(file=str(source)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check you are allowed to read it and that no other program locks it."))) from None
    return source


def _format(source: Path, options: ReadOptions) -> str:
    return detect_format(source, read_head(source), options.format)


def read_file(path: str | Path, options: ReadOptions | None = None,
              progress: ProgressCallback | None = None) -> LoadedTable:
    """Read ``path`` losslessly: every column ``pa.string()``, empty cells null, names unique.

    ``options`` overrides what detection would choose; the options used are in ``result.source.options``.
    """
    given = options or ReadOptions()
    source = _source_path(path)
    fmt = _format(source, given)
    size = source.stat().st_size
    warnings: list[str] = []
    metadata: dict[str, object] = {}
    sheets: list[str] = []
    hidden: list[str] = []
    if fmt == "csv":
        result = read_csv_file(source, given, progress)
        table, sha256 = result.table, result.sha256
        used = result.plan.options(given)
        original = result.plan.original_names
        warnings = result.warnings
    else:
        digest = BackgroundDigest(source)
        # Binary formats are parsed by native code, in a reader process that a damaged file may crash.
        if fmt in SHEET_FORMATS:
            sheet = guarded.run("workbook", (source, fmt, given), source, fmt, progress)
            table, original, warnings, metadata = sheet.table, sheet.original_names, sheet.warnings, sheet.metadata
            sheets, hidden = sheet.sheets, sheet.hidden_sheets
            used = ReadOptions(format=fmt, sheet=sheet.sheet, header_row=sheet.header_row,
                               decimal=given.decimal, thousands=given.thousands,
                               max_uncompressed_bytes=given.max_uncompressed_bytes)
        elif fmt in STATISTICAL_FORMATS:
            table, original, warnings, metadata = guarded.run("statistical", (source, fmt), source, fmt, progress)
            used = ReadOptions(format=fmt)
        else:
            table, original, warnings = guarded.run("columnar", (source, fmt), source, fmt, progress)
            used = ReadOptions(format=fmt)
        sha256 = digest.result()
        if table.num_columns == 0:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file holds no columns.")), Location(file=str(source)),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Check that you chose the right file.")))
    info = SourceInfo(path=str(source.resolve()), format=fmt, size=size, sha256=sha256, options=used,
                      rows=table.num_rows, sheets=sheets, hidden_sheets=hidden)
    report(progress, 1.0, Text(QT_TRANSLATE_NOOP("core", "Read {rows:,} rows"), rows=table.num_rows))
    return LoadedTable(table=table, source=info, warnings=warnings, original_names=original, metadata=dict(metadata))


def detect_options(path: str | Path) -> ReadOptions:
    """What :func:`read_file` would choose for ``path``, without reading the whole file."""
    source = _source_path(path)
    fmt = _format(source, ReadOptions())
    if fmt == "csv":
        return plan_csv(source, ReadOptions()).options(ReadOptions())
    if fmt in SHEET_FORMATS:
        return guarded.run("sheet_options", (source, fmt, ReadOptions()), source, fmt)
    return ReadOptions(format=fmt)


def iter_batches(path: str | Path, options: ReadOptions | None = None,
                 batch_rows: int = 262_144, warnings: list[str] | None = None,
                 encoding_chosen: bool | None = None, sha256: Any = None) -> Iterator[pa.RecordBatch]:
    """Stream a CSV or Parquet source as record batches with the same names and types as :func:`read_file`.

    ``warnings`` receives what :func:`read_file` would put in ``LoadedTable.warnings``, as it is found;
    ``encoding_chosen`` is for options that hold a detected encoding (see ``iter_csv_batches``);
    ``sha256`` (CSV only), a hashlib object fed the file's bytes as they are read."""
    given = options or ReadOptions()
    source = _source_path(path)
    fmt = _format(source, given)
    if fmt == "csv":
        return iter_csv_batches(source, given, batch_rows, warnings, encoding_chosen, sha256)
    if sha256 is not None:
        raise ValueError("a digest is taken during the read of CSV files only")
    if fmt == "parquet":
        return iter_parquet_batches(source, batch_rows)
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "Streaming is available for CSV and Parquet files, not {format}."),
                          format=fmt), Location(file=str(source)),
                     hint=Text(QT_TRANSLATE_NOOP("core", "Read this file whole, or convert it to CSV or Parquet first.")))


def list_sheets(path: str | Path) -> list[tuple[str, bool]]:
    """The sheets of a workbook in order, as (name, hidden)."""
    source = _source_path(path)
    fmt = _format(source, ReadOptions())
    if fmt not in SHEET_FORMATS:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "Only workbooks have sheets; this is a {format} file."),
                              format=fmt), Location(file=str(source)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose an Excel or OpenDocument file.")))
    return guarded.run("sheets", (source, fmt), source, fmt)


