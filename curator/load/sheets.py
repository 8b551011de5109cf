"""Workbooks (XLSX, XLSM, XLS, XLSB, ODS) through python-calamine.

Cells come back typed (numbers, dates, text); they are rendered as text the way the producer
saw them, column by column with pyarrow. Formulas give their cached values.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine as calamine

from curator.errors import CuratorError, InputError, Location
from curator.load.cells import cell_text, cells_to_text
from curator.load.collection import collector_paused
from curator.load.formats import damaged_workbook
from curator.load.names import unique_names
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.source import ReadOptions

ZIPPED_FORMATS = ("xlsx", "xlsm", "xlsb", "ods")
DEFAULT_MAX_UNCOMPRESSED = 4 * 1024**3
# Spreadsheet XML compresses 5-20 times; a member expanding more than this is built to exhaust memory.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 20 * 1024 * 1024
HEADER_SCAN_ROWS = 50
# Excel's and LibreOffice's limits; a sheet or a <dimension> claiming more is damaged, and its range
# would be allocated (and its columns converted one by one) before anything else could refuse it.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384


@dataclass
class SheetResult:
    table: pa.Table
    sheet: str
    header_row: int
    original_names: list[str]
    sheets: list[str]
    hidden_sheets: list[str]
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def check_zip_package(path: Path, fmt: str, limit: int | None) -> None:
    """Refuse truncated packages and zip bombs before any decompression."""
    where = Location(file=str(path))
    limit = limit or DEFAULT_MAX_UNCOMPRESSED
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if fmt in ("xlsx", "xlsm", "xlsb"):
                _check_dimensions(package, members, path, fmt)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, struct.error,
            zlib.error) as error:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The {format} file is damaged or truncated ({error})."), format=fmt.upper(), error=error),
                         where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel or LibreOffice and save it again; if it came by e-mail or USB "
                                   "key, copy it again."))) from None
    total = sum(member.file_size for member in members)
    if total > limit:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The {format} file would expand to {size:,.0f} MB, above the limit of {limit:,.0f} MB: it "
                              "may be a 'zip bomb'."), format=fmt.upper(), size=total / 1024**2, limit=limit / 1024**2),
                         where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "If the workbook is genuine, export the sheet as CSV, or raise the "
                                   "max_uncompressed_bytes reading option.")))
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The part '{part}' of the {format} file expands {ratio:,} times (to {size:,.0f} MB): "
                                  "real workbooks never do; it may be a 'zip bomb'."), part=member.filename,
                                  format=fmt.upper(), ratio=member.file_size // max(member.compress_size, 1),
                                  size=member.file_size / 1024**2), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "Do not open this file; ask the sender for a genuine export.")))


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Za-z]{1,10})\$?(\d{1,12})(?::\$?([A-Za-z]{1,10})\$?(\d{1,12}))?\"")


_BRT_WS_DIM = 0x94


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _xlsb_dimension(head: bytes) -> tuple[int, int] | None:
    """(rows, columns) of an XLSB sheet's BrtWsDim record, found among its first records."""
    position = 0
    try:
        while position < len(head):
            kind, position = _varint(head, position, 2)
            size, position = _varint(head, position, 4)
            if kind == _BRT_WS_DIM:
                first_row, last_row, first_column, last_column = struct.unpack_from("<iiii", head, position)
                return last_row - min(first_row, last_row) + 1, last_column - min(first_column, last_column) + 1
            position += size
    except (IndexError, struct.error):
        pass
    return None


def _varint(data: bytes, position: int, most: int) -> tuple[int, int]:
    value = 0
    for shift in range(0, 7 * most, 7):
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
    return value, position


def _check_dimensions(package: zipfile.ZipFile, members: list[zipfile.ZipInfo], path: Path, fmt: str) -> None:
    """Refuse a worksheet whose ``<dimension>`` (XLSX) or BrtWsDim record (XLSB) claims more than a sheet
    can hold: the reader sizes its cell buffer from it. It comes first in the sheet: only its start is
    read (a part small enough to be read whole has its CRC checked on the way)."""
    suffix = ".bin" if fmt == "xlsb" else ".xml"
    for member in members:
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(suffix)):
            continue
        with package.open(member) as part:
            head = part.read(4096)
        if fmt == "xlsb":
            dimension = _xlsb_dimension(head)
            if dimension is None:
                continue
            height, width = dimension
        else:
            found = _DIMENSION.search(head)
            if found is None:
                continue
            last_column, last_row = found.group(3) or found.group(1), found.group(4) or found.group(2)
            width, height = _column_number(last_column), int(last_row)
        if width > MAX_COLUMNS or height > MAX_ROWS:
            # The part's name (sheet3.xml) is not the sheet's: the file alone is named.
            raise _too_large(path, None, height, width)


def _open(path: Path, fmt: str, options: ReadOptions) -> calamine.CalamineWorkbook:
    if fmt in ZIPPED_FORMATS:
        check_zip_package(path, fmt, options.max_uncompressed_bytes)
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except BaseException as error:
        raise _workbook_error(path, fmt, _library_failure(error)) from None


def _library_failure(error: BaseException) -> Exception:
    """``error`` if calamine raised it about the file, else raised again. calamine raises several
    unrelated types for broken files, and a Rust panic comes out as pyo3's ``PanicException``, which
    derives from ``BaseException`` (so that ``except Exception`` lets it through)."""
    if isinstance(error, CuratorError):
        raise error
    if isinstance(error, Exception):
        return error
    if type(error).__name__ == "PanicException":
        return RuntimeError(str(error).strip().splitlines()[0][:200] if str(error).strip() else "panic")
    raise error


def _metadata(workbook: calamine.CalamineWorkbook, path: Path, fmt: str) -> list[Any]:
    try:
        return list(workbook.sheets_metadata)
    except BaseException as error:
        raise _workbook_error(path, fmt, _library_failure(error)) from None


def _workbook_error(path: Path, fmt: str, error: Exception, sheet: str | None = None) -> InputError:
    where = Location(file=str(path), sheet=sheet)
    if isinstance(error, calamine.PasswordError) or "password" in str(error).lower() or "encrypt" in str(
            error).lower():
        return InputError(Text(QT_TRANSLATE_NOOP("core", "The workbook is encrypted with a password.")), where,
                          hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel, remove the password and save it again, then load that copy.")))
    return damaged_workbook(path, fmt, error, sheet)


def list_workbook_sheets(path: Path, fmt: str, options: ReadOptions | None = None) -> list[tuple[str, bool]]:
    workbook = _open(path, fmt, options or ReadOptions())
    try:
        return [(meta.name, meta.visible != calamine.SheetVisibleEnum.Visible)
                for meta in _metadata(workbook, path, fmt)]
    finally:
        workbook.close()


def detect_sheet_options(path: Path, fmt: str, options: ReadOptions) -> ReadOptions:
    """The sheet and header row :func:`read_workbook` would use, from the first rows only."""
    workbook = _open(path, fmt, options)
    try:
        metas = _metadata(workbook, path, fmt)
        hidden = {meta.name for meta in metas if meta.visible != calamine.SheetVisibleEnum.Visible}
        order = [options.sheet] if options.sheet else [m.name for m in metas if m.name not in hidden] + sorted(hidden)
        for name in order:
            rows, first_row, merged = _sheet_rows(workbook, path, fmt, name, HEADER_SCAN_ROWS)
            if rows:
                index, _header_cells, _start, _warnings = _header(rows, first_row, options, merged)
                return ReadOptions(format=fmt, sheet=name, header_row=first_row + index + 1 if index >= 0 else 0,
                                   decimal=options.decimal, thousands=options.thousands,
                                   max_uncompressed_bytes=options.max_uncompressed_bytes)
        return ReadOptions(format=fmt, sheet=options.sheet)
    finally:
        workbook.close()


def _columns(rows: list[list[Any]], width: int) -> list[Sequence[Any]]:
    """The sheet's rows turned into columns. numpy lays a rectangle of cells out four times
    faster than ``zip(*rows)``; rows of unequal lengths (not seen from calamine) take the zip."""
    if not rows:
        return [() for _ in range(width)]
    grid = np.array(rows, dtype=object)
    if grid.ndim == 2 and grid.shape[0] == len(rows):
        return [grid[:, position].tolist() for position in range(grid.shape[1])]
    return list(zip(*rows, strict=False))


def read_workbook(path: Path, fmt: str, options: ReadOptions, progress: ProgressCallback | None = None
                  ) -> SheetResult:
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "Opening the workbook"))
    workbook = _open(path, fmt, options)
    try:
        with collector_paused():
            return _read(workbook, path, fmt, options, progress)
    finally:
        workbook.close()


def _read(workbook: calamine.CalamineWorkbook, path: Path, fmt: str, options: ReadOptions,
          progress: ProgressCallback | None) -> SheetResult:
    metas = _metadata(workbook, path, fmt)
    names = [meta.name for meta in metas]
    hidden = [meta.name for meta in metas if meta.visible != calamine.SheetVisibleEnum.Visible]
    warnings: list[str] = []
    if options.sheet is not None:
        if options.sheet not in names:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The workbook has no sheet named '{sheet}'."), sheet=options.sheet),
                             Location(file=str(path)),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Sheets in this workbook: {sheets}."),
                                       sheets=", ".join(f"'{n}'" for n in names)))
        chosen = options.sheet
        rows, first_row, merged = _sheet_rows(workbook, path, fmt, chosen)
    else:
        chosen, rows, first_row, merged = "", [], 0, []
        for name in [n for n in names if n not in hidden] + hidden:
            rows, first_row, merged = _sheet_rows(workbook, path, fmt, name)
            if rows:
                chosen = name
                break
        if not chosen:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "Every sheet of the workbook is empty.")), Location(file=str(path)),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Check that you chose the right file and that the data was saved.")))
        others = [n for n in names if n != chosen and n not in hidden]
        if others:
            warnings.append(Text(QT_TRANSLATE_NOOP("core", "The workbook has {count} sheets; '{chosen}' was read. Choose another sheet with "
                                 "the sheet option: {others}."), count=len(names), chosen=chosen,
                                 others=", ".join(f"'{n}'" for n in others)))
        if chosen in hidden:
            warnings.append(Text(QT_TRANSLATE_NOOP("core", "The sheet '{chosen}' is hidden in the workbook; it was read because the visible "
                                 "sheets are empty."), chosen=chosen))
    where = Location(file=str(path), sheet=chosen)
    if not rows:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The sheet is empty.")), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose another sheet, or check the right file was chosen.")))
    report(progress, 0.6, QT_TRANSLATE_NOOP("core", "Converting cells"))
    header_index, header, data_start, header_warnings = _header(rows, first_row, options, merged)
    warnings += header_warnings
    width = len(header)
    data = rows[data_start:]
    if not data:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The sheet has a header but no data rows.")),
                         Location(file=str(path), sheet=chosen, line=first_row + header_index + 1 if header_index >= 0
                                  else None),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check the sheet and the header row option.")))
    column_names, name_warnings = unique_names(header)
    warnings += name_warnings
    columns = _columns(data, width)
    arrays: list[pa.Array] = []
    date_columns: list[str] = []
    for position, name in enumerate(column_names):
        values = columns[position] if position < len(columns) else [""] * len(data)
        array, has_dates = cells_to_text(values)
        arrays.append(array)
        if has_dates:
            date_columns.append(name)
        report(progress, 0.6 + 0.35 * (position + 1) / max(width, 1), QT_TRANSLATE_NOOP("core", "Converting cells"))
    table = pa.Table.from_arrays(arrays, names=column_names)
    table = _drop_blank_rows(table)
    if table.num_rows == 0:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The sheet has a header but no data rows.")), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check the sheet and the header row.")))
    metadata: dict[str, Any] = {"sheet": chosen, "first_data_row": first_row + data_start + 1}
    if date_columns:
        metadata["date_columns"] = date_columns
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "Read"))
    return SheetResult(table=table, sheet=chosen, header_row=first_row + header_index + 1 if header_index >= 0 else 0,
                       original_names=[cell_text(v) or "" for v in header], sheets=names, hidden_sheets=hidden,
                       warnings=warnings, metadata=metadata)


def _sheet_rows(workbook: calamine.CalamineWorkbook, path: Path, fmt: str, name: str, nrows: int | None = None
                ) -> tuple[list[list[Any]], int, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """(rows, 0-based index of the first row, merged ranges), the sheet's size checked before its
    rows are made."""
    try:
        sheet = workbook.get_sheet_by_name(name)
        height, width = sheet.height, sheet.width
        if width > MAX_COLUMNS or height > MAX_ROWS:
            raise _too_large(path, name, height, width)
        rows = sheet.to_python(nrows=nrows) if nrows is not None else sheet.to_python()
        return rows, (sheet.start or (0, 0))[0], list(sheet.merged_cell_ranges or [])
    except BaseException as error:
        raise _workbook_error(path, fmt, _library_failure(error), sheet=name) from None


def _too_large(path: Path, sheet: str | None, height: int, width: int) -> InputError:
    return InputError(Text(QT_TRANSLATE_NOOP("core", "The sheet spans {rows:,} rows and {columns:,} columns, beyond what a "
                                             "spreadsheet can hold ({max_rows:,} rows, {max_columns:,} columns): the file is "
                                             "damaged."), rows=height, columns=width, max_rows=MAX_ROWS,
                           max_columns=MAX_COLUMNS),
                      Location(file=str(path), sheet=sheet),
                      hint=Text(QT_TRANSLATE_NOOP("core", "Open it in Excel or LibreOffice and save it again, or export the "
                                                  "sheet as CSV.")))


def _drop_blank_rows(table: pa.Table) -> pa.Table:
    if table.num_columns == 0:
        return table
    any_value = None
    for column in table.columns:
        valid = pc.is_valid(column)
        any_value = valid if any_value is None else pc.or_(any_value, valid)
    if pc.all(any_value).as_py():
        return table
    return table.filter(any_value)


def _header(rows: list[list[Any]], first_row: int, options: ReadOptions,
            merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> tuple[int, list[Any], int, list[str]]:
    """(index of the header in rows or -1, header cells, index of the first data row, warnings)."""
    warnings: list[str] = []
    width = len(rows[0]) if rows else 0
    if options.header_row is not None:
        if options.header_row == 0:
            return -1, [""] * width, 0, warnings
        index = options.header_row - 1 - first_row
        if not 0 <= index < len(rows):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "Row {row}, chosen as the header, is outside the sheet's data."), row=options.header_row),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Choose another header row.")))
        return index, _merged_header(rows, index, first_row, merged, warnings)[0], index + 1, warnings
    scan = [[cell_text(v) or "" for v in row] for row in rows[:HEADER_SCAN_ROWS]]
    filled_counts = [sum(1 for v in row if v.strip()) for row in scan]
    widest = max(filled_counts) if filled_counts else 0
    index = next((i for i, count in enumerate(filled_counts)
                  if count and count * 2 >= widest and count >= min(2, widest)), 0)
    if index:
        warnings.append(Text(QT_TRANSLATE_NOOP("core", "The header was found on row {row}; the {skipped} row(s) above it (titles or notes) "
                             "were skipped."), row=first_row + index + 1, skipped=index))
    header, data_start = _merged_header(rows, index, first_row, merged, warnings)
    return index, header, data_start, warnings


def _merged_header(rows: list[list[Any]], index: int, first_row: int,
                   merged: list[tuple[tuple[int, int], tuple[int, int]]], warnings: list[str]
                   ) -> tuple[list[Any], int]:
    """Spread merged header cells over the columns they cover; join a two-row grouped header."""
    header = [cell_text(v) or "" for v in rows[index]]
    absolute = first_row + index
    spans = [(c0, c1) for (r0, c0), (r1, c1) in merged if r0 <= absolute <= r1 and c1 > c0]
    if not spans:
        return header, index + 1
    below = [cell_text(v) or "" for v in rows[index + 1]] if index + 1 < len(rows) else []
    covered = {c for c0, c1 in spans for c in range(c0, c1 + 1)}
    two_rows = bool(below) and all(below[c].strip() and not _numeric(below[c]) for c in covered if c < len(below))
    combined = list(header)
    for c0, c1 in spans:
        parent = header[c0] if c0 < len(header) else ""
        for column in range(c0, min(c1 + 1, len(header))):
            if two_rows:
                combined[column] = f"{parent} {below[column]}".strip()
            else:
                combined[column] = parent
    if two_rows:
        for column, name in enumerate(header):
            if column not in covered and not name.strip() and column < len(below):
                combined[column] = below[column]
        warnings.append(Text(QT_TRANSLATE_NOOP("core", "The header spans rows {first} and {second} (merged group cells); column names join "
                             "the group and the name below it."), first=absolute + 1, second=absolute + 2))
        return combined, index + 2
    warnings.append(Text(QT_TRANSLATE_NOOP("core", "Merged header cells on row {row} were spread over the columns they cover."),
                         row=absolute + 1))
    return combined, index + 1


def _numeric(text: str) -> bool:
    try:
        float(text.replace(",", "."))
        return True
    except ValueError:
        return False
