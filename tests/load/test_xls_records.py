"""The walk of an XLS file's sector chains and records (curator/load/biff.py) refuses damaged files
before calamine allocates from them, and leaves genuine files to read exactly as before."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import xlwt

from curator.errors import InputError
from curator.load import biff, guarded, read_file, sheets
from curator.source import LoadedTable, ReadOptions

DATA = Path(__file__).resolve().parents[1] / "data"
GENUINE = DATA / "xls_genuine"
REGRESSIONS = DATA / "fuzz_regressions"


def _sparse_xls(path: Path, last_row: int) -> Path:
    """A genuine file whose two cells lie far apart: calamine fills the whole rectangle between them."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Registre")
    sheet.write(0, 0, "id")
    sheet.write(0, 1, "note")
    sheet.write(1, 0, "a")
    sheet.write(last_row, 255, 1.5)
    book.save(str(path))
    return path


def _same_as_calamine_alone(path: Path) -> LoadedTable:
    """``read_file`` (the walk, then the reader process) gives what calamine alone gives in this process."""
    loaded = read_file(path)
    alone = sheets.read_workbook(path, "xls", ReadOptions())
    assert loaded.table.equals(alone.table)
    assert (loaded.source.options.sheet, loaded.source.options.header_row, loaded.source.sheets, loaded.warnings,
            loaded.metadata) == (alone.sheet, alone.header_row, alone.sheets, alone.warnings, alone.metadata)
    return loaded


@pytest.mark.parametrize("name", sorted(p.name for p in GENUINE.glob("*.xls") if p.name != "issue_385.xls"))
def test_genuine_files_pass_the_walk_and_read_as_without_it(name: str) -> None:
    """Files written by Excel, LibreOffice and SheetJS (calamine's test files): SST strings continued
    over CONTINUE records, a chart substream inside a sheet, BIFF5, merged cells, several sheets."""
    path = GENUINE / name
    biff.check_xls(path.read_bytes(), None)
    assert _same_as_calamine_alone(path).table.num_rows


def test_an_encrypted_xls_is_still_said_to_need_a_password() -> None:
    """Past FILEPASS the records are ciphertext: the walk stops there and calamine names the cause."""
    path = GENUINE / "issue_385.xls"
    biff.check_xls(path.read_bytes(), None)
    with pytest.raises(InputError, match="encrypted with a password"):
        read_file(path)


def test_a_65000_row_xls_reads_identically(tmp_path: Path) -> None:
    rows = 65_000
    path = tmp_path / "registre.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Registre")
    for column, name in enumerate(("id", "nom", "poids", "ville")):
        sheet.write(0, column, name)
    for row in range(1, rows + 1):
        sheet.write(row, 0, f"{row:06d}")
        sheet.write(row, 1, "Hélène" if row % 2 else "Zoë")
        sheet.write(row, 2, 60.5 + row % 40)
        sheet.write(row, 3, "Besançon")
    book.save(str(path))
    loaded = _same_as_calamine_alone(path)
    assert loaded.table.num_rows == rows
    assert loaded.table.column("nom")[1].as_py() == "Zoë"


@pytest.mark.parametrize(("name", "message"), [
    ("xls_directory_past_end.xls", "its header places its directory at sector"),
    ("xls_allocation_from_damaged_size.xls", "its header places its directory at sector"),
    ("xls_allocation_past_header_checks.xls", "the sector chain of its directory loops at sector 0"),
    ("xls_panic_slice_index.xls", "its header places its directory at sector"),
])
def test_damaged_containers_are_refused_before_calamine(name: str, message: str) -> None:
    """These made calamine fill its memory allowance (a directory chain that loops is read for ever)
    or panic: refused by the walk, not by a limit."""
    before = sum(guarded.failures.values())
    with pytest.raises(InputError, match=r"The XLS file is damaged or not a real XLS workbook \(" + message):
        read_file(REGRESSIONS / name)
    assert sum(guarded.failures.values()) == before


def _stream_records(path: Path) -> tuple[bytes, bytes]:
    """The file and its Workbook stream, found by the walk."""
    data = path.read_bytes()
    stream = biff.workbook_stream(data)
    assert stream
    return data, stream


def _patched(data: bytes, stream: bytes, offset: int, value: bytes) -> bytes:
    """``data`` with ``value`` written at ``offset`` of its Workbook stream (a big stream: its sectors
    follow one another in an xlwt file, right after the header)."""
    start = data.index(stream[:64])
    return data[:start + offset] + value + data[start + offset + len(value):]


def _record(stream: bytes, kind: int, after: int = 0) -> int:
    offset = 0
    while offset + 4 <= len(stream):
        found, length = struct.unpack_from("<HH", stream, offset)
        if found == kind and offset >= after:
            return offset
        offset += 4 + length
    raise AssertionError(f"no record 0x{kind:04X}")


def _registry(path: Path, empty_sheets: int = 0) -> Path:
    """400 rows on a first sheet, and ``empty_sheets`` sheets of one cell after it."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Registre")
    for row in range(400):
        sheet.write(row, 0, f"{row:05d}")
        sheet.write(row, 1, float(row))
    for number in range(empty_sheets):
        book.add_sheet(f"Vide{number}").write(0, 0, "x")
    book.save(str(path))
    return path


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return _registry(tmp_path / "registre.xls")


def test_damaged_records_are_refused_with_where(registry: Path, tmp_path: Path) -> None:
    data, stream = _stream_records(registry)
    damaged = tmp_path / "damaged.xls"
    sheet_at = struct.unpack_from("<I", stream, _record(stream, biff.BOUNDSHEET) + 4)[0]
    cases = [
        # A BOUNDSHEET placing its sheet past the end of the stream (calamine slices there and panics).
        (_record(stream, biff.BOUNDSHEET) + 4, struct.pack("<I", len(stream) + 10),
         r"record BOUNDSHEET at offset [\d,]+ places a sheet at offset [\d,]+, past the end"),
        # DIMENSIONS claiming a billion rows (calamine reserves from it).
        (_record(stream, biff.DIMENSIONS, sheet_at) + 8, struct.pack("<I", 1_000_000_000),
         r"record DIMENSIONS at offset [\d,]+ of the Workbook stream spans rows 0 to 1,000,000,000"),
        # A LABELSST cell in column 40,000 (calamine's grid would span it).
        (_record(stream, 0x00FD, sheet_at) + 6, struct.pack("<H", 40_000),
         r"record 0x00FD at offset [\d,]+ of the Workbook stream puts a cell in column 40,001"),
        # A record longer than the format allows.
        (_record(stream, 0x00FD, sheet_at) + 2, struct.pack("<H", 9000),
         r"record 0x00FD at offset [\d,]+ of the Workbook stream claims 9,000 bytes"),
    ]
    for offset, value, message in cases:
        damaged.write_bytes(_patched(data, stream, offset, value))
        with pytest.raises(InputError, match=message) as raised:
            read_file(damaged)
        assert str(damaged) in str(raised.value)


def test_a_cell_grid_beyond_the_memory_a_file_may_use_is_refused_before_calamine(tmp_path: Path) -> None:
    """Two cells 20,000 rows and 255 columns apart make calamine fill a grid of 5 million cells, far
    more than the quarter GiB a 5 KiB file may use: refused from the records, not at the limit."""
    path = _sparse_xls(tmp_path / "sparse.xls", 20_000)
    before = sum(guarded.failures.values())
    with pytest.raises(InputError, match=r"its sheets' cell ranges would need [\d,]+ MiB, more than the 257 MiB a "
                                         r"file of this size may use \(sheet 'Registre' spans 5,120,256 cells\)"):
        read_file(path)
    assert sum(guarded.failures.values()) == before


def test_a_read_over_its_memory_limit_is_stopped_at_the_limit(tmp_path: Path) -> None:
    """The reader process's own limit still stands behind the walk: a genuine sparse file within its
    default allowance, read under a smaller one."""
    path = _sparse_xls(tmp_path / "sparse.xls", 10_000)
    assert read_file(path).table.num_rows == 2
    with guarded.limited(guarded.Limits(memory_bytes=64 * 1024**2, seconds=30)), pytest.raises(
            InputError, match=r"XLS file needed more than 0\.1 GiB of memory") as raised:
        read_file(path)
    assert str(path) in str(raised.value)


def test_sheets_placed_over_one_another_are_refused_in_linear_time(tmp_path: Path) -> None:
    """Seven BOUNDSHEET records pointing at the same big sheet: each walk would go over its records
    again (a file of thousands would take the walk, in this process, quadratic time)."""
    data, stream = _stream_records(_registry(tmp_path / "registre.xls", empty_sheets=7))
    first = _record(stream, biff.BOUNDSHEET)
    big_at = stream[first + 4:first + 8]
    offset = first
    for _ in range(7):
        offset = _record(stream, biff.BOUNDSHEET, offset + 1)
        data = _patched(data, stream, offset + 4, big_at)
    damaged = tmp_path / "damaged.xls"
    damaged.write_bytes(data)
    with pytest.raises(InputError, match=r"its 8 sheets overlap in the Workbook stream \(sheet 'Vide\d' at offset"):
        read_file(damaged)
