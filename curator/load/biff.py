"""A bounded walk of an XLS file's compound-file container (MS-CFB) and its BIFF records (MS-XLS),
made before calamine sees the file.

calamine trusts the sizes and positions it reads: a sector chain that loops makes it grow a buffer
until memory runs out, a worksheet's DIMENSIONS record sizes a reservation, and the rows and columns
of its cell records size the grid it fills (``Range::from_sparse``). A damaged file thus made the
reader process fill its whole memory allowance before failing (a quarter of mutated XLS files).
Here every chain is followed at most once per sector, every size is bounded by the bytes that remain,
and the memory calamine would need for the cell grids is estimated from the records and compared
with what the reader process may use. A file this refuses is damaged (or far beyond what a reader
process could hold); a genuine file passes, and calamine then reads it as before.

It runs in the calling process, before the reader process is asked for the file (a refusal costs
no round trip), so it must not be the weak point itself: only Python integers and slices of the
file's bytes are used, each bounded by the file's size, and the whole walk is linear in it.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from curator.inputs import os_error
from curator.load.formats import damaged_workbook

CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")   # an OLE2 compound file, the container of XLS
# Sector numbers from this one up are markers (MS-CFB 2.1): the end of a chain, a DIFAT sector...
RESERVED_SECTORS, DIFAT_SECTOR, END_OF_CHAIN = 0xFFFFFFFA, 0xFFFFFFFC, 0xFFFFFFFE
MINI_STREAM_CUTOFF = 4096
MINI_SECTOR = 64
STREAM_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")   # calamine's order
# BIFF record types (MS-XLS 2.3)
FILEPASS, BOF, EOF, BOUNDSHEET, DIMENSIONS, FORMULA = 0x002F, 0x0809, 0x000A, 0x0085, 0x0200, 0x0006
MULRK = 0x00BD
# Records calamine turns into one cell each, the row and column in their first four bytes.
CELL_RECORDS = frozenset({0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD})
_HEADER = struct.Struct("<HHHH")   # a record's type and length, and a cell record's row and column
_U16 = struct.Struct("<H")
MAX_RECORD = 8224          # MS-XLS 2.1.4: a record's data is at most 8,224 bytes
XLS_ROWS, XLS_COLUMNS = 65_536, 256
# What calamine and the read make of one cell of a sheet's grid: a reserved cell (position and value)
# per cell of DIMENSIONS, a value in the grid ``from_sparse`` fills, and the Python row lists, object
# grid and columns the read lays them out in.
DIMENSION_CELL_BYTES = 40
GRID_CELL_BYTES = 32
PYTHON_CELL_BYTES = 24


class DamagedXls(ValueError):
    """What is wrong with the file, and where."""


@dataclass
class _Sheet:
    name: str
    offset: int
    dimension_cells: int = 0   # what calamine reserves for the DIMENSIONS record
    value_cells: int = 0       # the grid calamine fills: the rectangle around the sheet's cells
    formula_cells: int = 0     # and the one around its formulas


def check_xls(data: bytes, memory_bytes: int | None) -> None:
    """Raise :class:`DamagedXls` if ``data`` (a whole XLS file in a compound-file container) would make
    calamine loop, read out of bounds or allocate from a damaged size, or if its sheets' cell grids
    would need more than ``memory_bytes``. Files that are not compound files are left to calamine."""
    stream = workbook_stream(data)
    if stream is None:
        return
    sheets = _globals(stream)
    padded = stream + bytes(8)   # a record header and a cell position can always be unpacked
    needed = 0
    # The sheets' substreams are disjoint in a genuine file: all of them hold fewer records than the
    # stream has room for. Sheets placed over one another would have their records walked again
    # and again (calamine does, in its reader process); here the walk is bounded by the stream.
    budget = len(stream) // 4
    for sheet in sheets:
        budget -= _walk_sheet(padded, len(stream), sheet)
        if budget < 0:
            raise DamagedXls(f"its {len(sheets):,} sheets overlap in the Workbook stream (sheet '{sheet.name}' at "
                             f"offset {sheet.offset:,})")
        needed += (sheet.dimension_cells * DIMENSION_CELL_BYTES + (sheet.value_cells + sheet.formula_cells)
                   * GRID_CELL_BYTES + sheet.value_cells * PYTHON_CELL_BYTES)
    if memory_bytes is not None and needed > memory_bytes:
        largest = max(sheets, key=lambda sheet: max(sheet.value_cells, sheet.dimension_cells))
        raise DamagedXls(f"its sheets' cell ranges would need {needed / 1024**2:,.0f} MiB, more than the "
                         f"{memory_bytes / 1024**2:,.0f} MiB a file of this size may use (sheet '{largest.name}' "
                         f"spans {max(largest.value_cells, largest.dimension_cells):,} cells)")


def check_xls_file(path: Path, memory_bytes: int | None) -> None:
    """:func:`check_xls` on the file at ``path``, its damage an ``InputError`` naming the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise os_error(error, path) from None
    try:
        check_xls(data, memory_bytes)
    except DamagedXls as error:
        raise damaged_workbook(path, "xls", error) from None


# ------------------------------------------------------------------------------------ the container

def workbook_stream(data: bytes) -> bytes | None:
    """The bytes of the Workbook stream as calamine would gather them, or None for a file that is not
    a compound file (calamine says what it is)."""
    if len(data) < 512 or data[:8] != CFB_SIGNATURE:
        return None
    container = _Container(data)
    listed = container.directory()
    root = _entry(listed[0], container.shift)
    mini_stream = b""
    mini_fat: list[int] = []
    if container.mini_count:
        if root[2] > len(data):
            raise DamagedXls(f"its root entry says its mini stream holds {root[2]:,} bytes, more than the file")
        mini_stream = container.gather(root[1], root[2], "mini stream")
        mini_fat = _u32s(container.gather(container.mini_start, container.mini_count * container.size,
                                          "mini allocation table"))
    named = {name: (start, length) for name, start, length in (_entry(raw, container.shift) for raw in reversed(listed))}
    for name in STREAM_NAMES:
        if name in named:
            start, length = named[name]
            break
    else:
        return b""   # calamine says there is no Workbook stream
    if length > len(data):
        raise DamagedXls(f"its directory gives the {name} stream {length:,} bytes, more than the file's {len(data):,}")
    if length < MINI_STREAM_CUTOFF:
        return _gather(start, length, mini_fat, lambda n: mini_stream[n * MINI_SECTOR:(n + 1) * MINI_SECTOR],
                       MINI_SECTOR, -(-len(mini_stream) // MINI_SECTOR), f"{name} stream")
    return container.gather(start, length, f"{name} stream")


class _Container:
    """A compound file's header (checked against the file's size), sectors and allocation table."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.shift = struct.unpack_from("<H", data, 0x1E)[0]
        mini_shift = struct.unpack_from("<H", data, 0x20)[0]
        if self.shift not in (9, 12) or mini_shift != 6:
            raise DamagedXls(f"its header gives sector sizes 2^{self.shift} and 2^{mini_shift}")
        self.size = 1 << self.shift
        # Sector n is at (n + 1) * size: this many start inside the file (the last one perhaps cut short).
        self.count = max(0, (len(data) - 1) // self.size)
        fat_count, self.directory_start = struct.unpack_from("<II", data, 0x2C)
        self.mini_start, self.mini_count, difat_start, difat_count = struct.unpack_from("<IIII", data, 0x3C)
        # The directory's first sector must be whole: read cut short, it gave calamine the sizes it
        # reserved memory from.
        if (self.directory_start + 2) * self.size > len(data) or max(fat_count, self.mini_count, difat_count) > self.count:
            raise DamagedXls(f"its header places its directory at sector {self.directory_start:,} and counts "
                             f"{fat_count:,} allocation sectors in a file of {self.count:,}")
        self.fat = self._allocation_table(difat_start)

    def sector(self, number: int, what: str) -> bytes:
        if number >= self.count:
            raise DamagedXls(f"its {what} points to sector {number:,}, past the file's {self.count:,} sectors")
        return self.data[(number + 1) * self.size:(number + 2) * self.size]

    def _allocation_table(self, difat_start: int) -> list[int]:
        """The FAT: the sectors the header and the DIFAT chain list, one after the other."""
        difat = list(struct.unpack_from("<109I", self.data, 0x4C))
        seen: set[int] = set()
        number = difat_start
        while number < RESERVED_SECTORS:   # where calamine stops
            if number in seen:
                raise DamagedXls(f"its DIFAT chain loops at sector {number:,}")
            seen.add(number)
            entries = _u32s(self.sector(number, "DIFAT chain"))
            difat.extend(entries[:-1])
            number = entries[-1] if entries else END_OF_CHAIN
        fat: list[int] = []
        for number in difat:
            if number < DIFAT_SECTOR:
                fat.extend(_u32s(self.sector(number, "allocation table")))
        return fat

    def directory(self) -> list[bytes]:
        """The 128-byte directory entries, the whole chain (as calamine reads it)."""
        directory = b"".join(self.sector(number, "directory") for number in
                             _chain(self.directory_start, self.fat, self.count, "directory", self.count + 1))
        if len(directory) < 128:
            raise DamagedXls("its directory is empty")
        return [directory[offset:offset + 128] for offset in range(0, len(directory) - 127, 128)]

    def gather(self, start: int, length: int, what: str) -> bytes:
        return _gather(start, length, self.fat, lambda n: self.sector(n, what), self.size, self.count, what)


def _entry(raw: bytes, shift: int) -> tuple[str, int, int]:
    """(name, first sector, size) of a directory entry."""
    name = raw[:64].decode("utf-16-le", "replace").split("\x00")[0]
    start = struct.unpack_from("<I", raw, 116)[0]
    length = struct.unpack_from("<I" if shift == 9 else "<Q", raw, 120)[0]
    return name, start, length


def _chain(start: int, table: list[int], read: int, what: str, limit: int) -> Iterator[int]:
    """Sector numbers from ``start`` (at most ``limit`` of them, none twice, each below ``read``)."""
    seen: set[int] = set()
    number = start
    while number != END_OF_CHAIN and len(seen) < limit:
        if number in seen:
            raise DamagedXls(f"the sector chain of its {what} loops at sector {number:,}")
        if number >= len(table) or number >= read:
            raise DamagedXls(f"the sector chain of its {what} points to sector {number:,}, past the "
                             f"{min(len(table), read):,} it has")
        seen.add(number)
        yield number
        number = table[number]


def _gather(start: int, length: int, table: list[int], read: Callable[[int], bytes], sector_size: int,
            available: int, what: str) -> bytes:
    """``length`` bytes from the chain at ``start`` (fewer if it ends first, as calamine takes them)."""
    parts = []
    got = 0
    for number in _chain(start, table, available, what, (length + sector_size - 1) // sector_size):
        part = read(number)
        parts.append(part[:length - got])
        got += len(parts[-1])
        if got >= length:
            break
    return b"".join(parts)


def _u32s(raw: bytes) -> list[int]:
    return list(struct.unpack_from(f"<{len(raw) // 4}I", raw))


# ------------------------------------------------------------------------------------ the records

def _records(stream: bytes, offset: int) -> Iterator[tuple[int, int, bytes]]:
    """(offset, type, data) of the records from ``offset``; ends at the end of the stream."""
    end = len(stream)
    while offset + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, offset)
        _check_length(kind, length, offset)
        if offset + 4 + length > end:
            return   # cut short: calamine stops there with an error
        yield offset, kind, stream[offset + 4:offset + 4 + length]
        offset += 4 + length


def _globals(stream: bytes) -> list[_Sheet]:
    """The sheets BOUNDSHEET records list (their substreams' offsets checked); none for an encrypted
    workbook, whose records past FILEPASS are ciphertext (calamine says it needs a password)."""
    sheets = []
    for offset, kind, data in _records(stream, 0):
        if kind == EOF:
            break
        if kind == FILEPASS and data[:2] != b"\0\0":
            return []
        if kind == BOUNDSHEET and len(data) >= 4:
            position = struct.unpack_from("<I", data)[0]
            if position >= len(stream):
                raise DamagedXls(f"record BOUNDSHEET at offset {offset:,} places a sheet at offset {position:,}, past the "
                                 f"end of the {len(stream):,}-byte Workbook stream")
            sheets.append(_Sheet(name=_sheet_name(data), offset=position))
    return sheets


def _sheet_name(data: bytes) -> str:
    if len(data) < 8:
        return "?"
    length, flags = data[6], data[7]
    raw = data[8:8 + length * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def _walk_sheet(stream: bytes, end: int, sheet: _Sheet) -> int:
    """The sheet's DIMENSIONS and the rectangles around its cells and formulas, as calamine reads them
    (embedded substreams, such as charts, skipped); returns the number of records walked. ``stream``
    holds 8 bytes more than ``end``. One tight loop: it runs once per cell of the file."""
    header = _HEADER.unpack_from
    cells = CELL_RECORDS | {FORMULA, MULRK}
    top = left = formula_top = formula_left = 1 << 32
    bottom = right = formula_bottom = formula_right = -1
    seen_bof = False
    depth = 0
    offset = sheet.offset
    walked = 0
    while offset + 4 <= end:
        walked += 1
        kind, length, row, column = header(stream, offset)
        following = offset + 4 + length
        if length > MAX_RECORD or following > end:
            _check_length(kind, length, offset)
            break   # cut short: calamine stops there with an error
        if kind in cells and not depth and length >= 4:
            last = column
            if kind == MULRK:
                if length < 6:
                    offset = following
                    continue
                last = _U16.unpack_from(stream, following - 2)[0]
            if column >= XLS_COLUMNS or last >= XLS_COLUMNS:
                raise DamagedXls(f"record 0x{kind:04X} at offset {offset:,} of the Workbook stream puts a cell in "
                                 f"column {max(column, last) + 1:,} of row {row + 1:,}; an XLS sheet has "
                                 f"{XLS_COLUMNS} columns")
            if row < top:
                top = row
            if row > bottom:
                bottom = row
            if column < left:
                left = column
            if last > right:
                right = last
            if kind == FORMULA:
                formula_top, formula_bottom = min(formula_top, row), max(formula_bottom, row)
                formula_left, formula_right = min(formula_left, column), max(formula_right, column)
        elif depth:
            depth += 1 if kind == BOF else -1 if kind == EOF else 0
        elif kind == BOF:
            if seen_bof:
                depth = 1
            seen_bof = True
        elif kind == EOF:
            break
        elif kind == DIMENSIONS:
            sheet.dimension_cells = max(sheet.dimension_cells,
                                        _dimension_cells(stream[offset + 4:following], offset))
        offset = following
    if bottom >= 0:
        sheet.value_cells = (bottom - top + 1) * (right - left + 1)
    if formula_bottom >= 0:
        sheet.formula_cells = (formula_bottom - formula_top + 1) * (formula_right - formula_left + 1)
    return walked


def _check_length(kind: int, length: int, offset: int) -> None:
    if length > MAX_RECORD:
        raise DamagedXls(f"record 0x{kind:04X} at offset {offset:,} of the Workbook stream claims {length:,} bytes "
                         f"(at most {MAX_RECORD:,})")


def _dimension_cells(data: bytes, offset: int) -> int:
    """The cells calamine reserves for a DIMENSIONS record (its own reading of the fields)."""
    if len(data) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", data)
    elif len(data) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", data)
    else:
        return 0   # calamine refuses it
    if first_column > 0xFF or last_column < first_column:
        first_column = 0
    if last_row > XLS_ROWS or last_column > XLS_COLUMNS or (last_row >= 1 and first_row > last_row):
        raise DamagedXls(f"record DIMENSIONS at offset {offset:,} of the Workbook stream spans rows {first_row:,} to "
                         f"{last_row:,} and columns {first_column:,} to {last_column:,}; an XLS sheet has "
                         f"{XLS_ROWS:,} rows and {XLS_COLUMNS} columns")
    if last_row < 1 or last_column < 1:
        return 1
    return (last_row - first_row) * (last_column - first_column)
