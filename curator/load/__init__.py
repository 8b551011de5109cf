"""The Load stage: read a producer's file losslessly, every column as text, with a fingerprint.

Entry points: :func:`read_file`, :func:`detect_options`, :func:`iter_batches`, :func:`list_sheets`.
``ReadOptions.header_row`` is the 1-based line (text) or row (sheet) of the header; 0 means the
file has no header and columns are named column_1, column_2...
Bad input raises :class:`curator.errors.InputError` naming the file (and sheet, line, column) and
saying what to do. The source file is only ever opened for reading. ``iter_batches`` streams CSV
and Parquet files; what ``read_file`` would warn about goes to its ``warnings`` list.

One module per job:

- ``formats``: the extension checked against the file's magic bytes;
- ``text_dialect``: encoding, delimiter, header line and decimal marks, on a sample of the first
  MiB (a byte Windows-1252 leaves undefined does not rule it out when the rest fits it);
- ``csv_reader``: pyarrow.csv, every column as text, ragged rows refused with their line numbers;
  text pyarrow transcodes is not checked again for UTF-8, a file read as UTF-8 is;
- ``code_page``: Windows-1252 and ISO-8859-15 parsed through pyarrow's cheap Latin-1 transcoding,
  then the few characters where they differ put right in the chunks that hold them;
- ``sheets``: workbooks through python-calamine (zip-bomb check, merged header cells), rows laid
  out in columns by numpy, the garbage collector paused while cells are converted (``collection``);
- ``biff``: an XLS file's compound-file chains and BIFF records walked in this process, each size
  bounded by the bytes that remain, before the reader process's calamine allocates from them;
- ``columnar`` (Parquet, Feather) and ``statistical`` (SAS, Stata, SPSS through pyreadstat, value
  labels in ``metadata["value_labels"]``; the SAS7BDAT test file is written by ReadStat's tool);
- ``cells``: typed values to text (a column of strings is joined, encoded and split by Arrow);
- ``fingerprint``: the SHA-256, taken on a thread beside the parse.

The bad-input corpus is ``tests/data/bad_inputs/``, made by ``tests/data/make_bad_inputs.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.errors import InputError, Location
from curator.inputs import file_status, open_regular
from curator.load import guarded
from curator.load.biff import check_xls_file
from curator.load.csv_reader import iter_csv_batches, plan_csv, read_csv_file
from curator.load.fingerprint import BackgroundDigest, FileState, ensure_unchanged
from curator.load.formats import SHEET_FORMATS, STATISTICAL_FORMATS, detect_format, read_head
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.source import LoadedTable, ReadOptions, SourceInfo

__all__ = ["detect_options", "iter_batches", "list_sheets", "read_file"]


def _source_path(path: str | Path) -> Path:
    """``path`` once it is known to be a regular file this process may open (else an InputError)."""
    source = Path(path)
    file_status(source)
    with open_regular(source):
        pass
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
    before = FileState.of(source)
    try:
        loaded = _read(source, given, before.size, progress)
    except Exception:
        ensure_unchanged(source, before)     # a file cut short while it is read fails oddly: say why
        raise
    ensure_unchanged(source, before, loaded.source.sha256)
    report(progress, 1.0, Text(QT_TRANSLATE_NOOP("core", "Read {rows:,} rows"), rows=loaded.table.num_rows))
    return loaded


def _read(source: Path, given: ReadOptions, size: int, progress: ProgressCallback | None) -> LoadedTable:
    fmt = _format(source, given)
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
        if result.plan.dialect.code_page is not None:
            # Shown where the table is (the Load page), never written to a report or a recipe: it
            # quotes a line of the file.
            metadata["code_page"] = asdict(result.plan.dialect.code_page)
    else:
        digest = BackgroundDigest(source)
        # Binary formats are parsed by native code, in a reader process that a damaged file may crash.
        if fmt in SHEET_FORMATS:
            _check_records(source, fmt)
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
    return LoadedTable(table=table, source=info, warnings=warnings, original_names=original,
                       metadata=dict(metadata))


def _check_records(source: Path, fmt: str) -> None:
    """An XLS file's sector chains and records walked here, before its reader process is asked for
    it: a damaged one is refused at once rather than after calamine filled its memory allowance."""
    if fmt == "xls":
        check_xls_file(source, guarded.default_limits(file_status(source).st_size, fmt).memory_bytes)


def detect_options(path: str | Path) -> ReadOptions:
    """What :func:`read_file` would choose for ``path``, without reading the whole file."""
    source = _source_path(path)
    fmt = _format(source, ReadOptions())
    if fmt == "csv":
        return plan_csv(source, ReadOptions()).options(ReadOptions())
    if fmt in SHEET_FORMATS:
        _check_records(source, fmt)
        return guarded.run("sheet_options", (source, fmt, ReadOptions()), source, fmt)
    return ReadOptions(format=fmt)


def iter_batches(path: str | Path, options: ReadOptions | None = None,
                 batch_rows: int = 262_144, warnings: list[str] | None = None,
                 encoding_chosen: bool | None = None, sha256: Any = None,
                 columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
    """Stream a CSV or Parquet source as record batches with the same names and types as :func:`read_file`.

    ``warnings`` receives what :func:`read_file` would put in ``LoadedTable.warnings``, as it is found;
    ``encoding_chosen`` is for options that hold a detected encoding (see ``iter_csv_batches``);
    ``sha256`` (CSV only), a hashlib object fed the file's bytes as they are read. ``columns``: the
    batches hold only those the file has (a CSV file's first column when it has none of them); a
    CSV file then builds only those (see ``iter_csv_batches``)."""
    given = options or ReadOptions()
    source = _source_path(path)
    before = FileState.of(source)
    fmt = _format(source, given)
    if fmt == "csv":
        return _unchanged(iter_csv_batches(source, given, batch_rows, warnings, encoding_chosen, sha256, columns),
                          source, before)
    if sha256 is not None:
        raise ValueError("a digest is taken during the read of CSV files only")
    if fmt == "parquet":
        # Decoded in the guarded reader process, as a whole read of the file is.
        batches = _unchanged(guarded.stream("parquet_batches", (source, batch_rows), source, fmt), source, before)
        return batches if columns is None else _selected(batches, columns)
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "Streaming is available for CSV and Parquet files, not {format}."),
                          format=fmt), Location(file=str(source)),
                     hint=Text(QT_TRANSLATE_NOOP("core", "Read this file whole, or convert it to CSV or Parquet first.")))


def _unchanged(batches: Iterator[pa.RecordBatch], source: Path, before: FileState) -> Iterator[pa.RecordBatch]:
    """``batches``, then a check that the file did not change while they were read."""
    try:
        yield from batches
    except Exception:
        ensure_unchanged(source, before)
        raise
    ensure_unchanged(source, before)


def _selected(batches: Iterator[pa.RecordBatch], columns: Sequence[str]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        yield batch.select([name for name in batch.schema.names if name in columns])


def list_sheets(path: str | Path) -> list[tuple[str, bool]]:
    """The sheets of a workbook in order, as (name, hidden)."""
    source = _source_path(path)
    fmt = _format(source, ReadOptions())
    if fmt not in SHEET_FORMATS:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "Only workbooks have sheets; this is a {format} file."),
                              format=fmt), Location(file=str(source)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose an Excel or OpenDocument file.")))
    _check_records(source, fmt)
    return guarded.run("sheets", (source, fmt), source, fmt)


