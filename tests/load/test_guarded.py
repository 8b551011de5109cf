"""Binary formats are read in a guarded process: a crash, a blow-up, a loop or a Cancel there ends in
a clean error (or Cancelled), and the next read works (the app keeps its previous table)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.errors import InputError
from curator.load import guarded, iter_batches, read_file
from curator.progress import Cancelled

REGRESSIONS = Path(__file__).resolve().parents[1] / "data" / "fuzz_regressions"
SMALL = guarded.Limits(memory_bytes=1024**3, seconds=30)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "registre.xlsx"
    pd.DataFrame({"id": [f"{i:05d}" for i in range(2_000)], "nom": ["Hélène"] * 2_000}).to_excel(path, index=False)
    return path


def _read_still_works(path: Path) -> None:
    loaded = read_file(path)
    assert loaded.table.num_rows == 2_000
    assert loaded.table.column("id")[0].as_py() == "00000"


@pytest.mark.parametrize("name", sorted(p.name for p in REGRESSIONS.iterdir()))
def test_fuzz_regression_files_give_a_clean_input_error(name: str) -> None:
    """Every input the fuzzer found crashing, panicking or blowing a reader up (tests/fuzz/)."""
    path = REGRESSIONS / name
    with guarded.limited(SMALL), pytest.raises(InputError) as raised:
        read_file(path)
    message = str(raised.value)
    assert str(path) in message
    assert "damaged" in message


def test_a_panic_in_calamine_names_the_format_and_the_file() -> None:
    # The walk of the file's records (read_file's, before the reader process) now refuses this file;
    # calamine alone panics (in this process: a panic is a Python exception, which is what is tested here).
    from curator.load import sheets
    from curator.source import ReadOptions

    path = REGRESSIONS / "xls_panic_slice_index.xls"
    with pytest.raises(InputError, match=r"The XLS file is damaged or not a real XLS workbook \(its header"):
        read_file(path)
    with pytest.raises(InputError, match=r"The XLS file is damaged or not a real XLS workbook \(slice index"):
        sheets.read_workbook(path, "xls", ReadOptions())


def test_a_small_workbook_gets_the_workbook_memory_floor_not_the_general_one() -> None:
    """A workbook's memory follows its size: a 5.5 KiB XLS asking calamine for gigabytes stops at a
    quarter of a GiB instead of filling 2 GiB first (tests/load/test_xls_records.py reads under it)."""
    path = REGRESSIONS / "xls_allocation_past_header_checks.xls"
    assert guarded.default_limits(path.stat().st_size, "xls").memory_bytes < 300 * 1024**2
    assert guarded.default_limits(path.stat().st_size, "parquet").memory_bytes >= 2 * 1024**3


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_genuine_workbooks_read_within_the_default_limit(tmp_path: Path, suffix: str) -> None:
    rows = 20_000
    frame = pd.DataFrame({"id": [f"{i:06d}" for i in range(rows)], "nom": ["Hélène", "Zoë"] * (rows // 2),
                          "poids": [60.5 + i % 40 for i in range(rows)], "ville": ["Besançon"] * rows,
                          "naissance": ["1970-01-0" + str(1 + i % 9) for i in range(rows)]})
    path = tmp_path / f"registre{suffix}"
    if suffix == ".xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Registre")
        for c, name in enumerate(frame.columns):
            sheet.write(0, c, name)
            for r, value in enumerate(frame[name].tolist(), start=1):
                sheet.write(r, c, value)
        book.save(str(path))
    else:
        frame.to_excel(path, index=False)
    loaded = read_file(path)
    assert loaded.table.num_rows == rows
    assert loaded.table.column("nom")[1].as_py() == "Zoë"
    # And the demo data the app opens on.
    assert read_file(Path(__file__).resolve().parents[2] / "resources" / "demo" / "registre_cancer_demo.xlsx").table.num_rows


def test_a_memory_limit_counts_from_what_the_kept_reader_already_holds(workbook: Path) -> None:
    """A reader process kept from an earlier read holds far more address space than a small file's
    limit (the interpreter, pyarrow, the arena a previous table reserved): the limit is what the read
    may add to that, so the small read still works."""
    read_file(workbook)
    with guarded.limited(guarded.Limits(memory_bytes=128 * 1024**2, seconds=30)):
        _read_still_works(workbook)


def test_a_dimension_beyond_excel_limits_is_refused_before_reading() -> None:
    with pytest.raises(InputError, match="475,254 columns, beyond what a spreadsheet can hold"):
        read_file(REGRESSIONS / "xlsx_dimension_ZZZZ1.xlsx")


def test_a_reader_killed_by_a_signal_gives_input_error_and_the_next_read_works(workbook: Path) -> None:
    def crash(fraction: float, message: str = "") -> None:
        # What a segmentation fault in the native reader does to its process.
        for worker in _busy_workers():
            os.kill(worker, signal.SIGSEGV)

    with pytest.raises(InputError, match=r"damaged or not a valid XLSX file \(its reader stopped: SIGSEGV\)"):
        read_file(workbook, progress=crash)
    _read_still_works(workbook)


def test_a_read_over_its_time_limit_is_stopped(workbook: Path) -> None:
    # No reader ends in no time: this one is stopped as a hanging one would be.
    with guarded.limited(guarded.Limits(memory_bytes=None, seconds=0.0)), \
            pytest.raises(InputError, match=r"took longer than 0 s and was stopped"):
        read_file(workbook)
    _read_still_works(workbook)


def test_cancel_from_the_progress_callback_stops_the_reader(workbook: Path) -> None:
    seen: list[float] = []

    def cancel(fraction: float, message: str = "") -> None:
        seen.append(fraction)
        raise Cancelled

    with pytest.raises(Cancelled):
        read_file(workbook, progress=cancel)
    assert seen
    assert not _busy_workers()
    _read_still_works(workbook)


def test_the_guarded_read_hands_back_what_an_in_process_read_gives(workbook: Path) -> None:
    from curator.load.sheets import read_workbook
    from curator.source import ReadOptions

    here = read_workbook(workbook, "xlsx", ReadOptions())
    loaded = read_file(workbook)
    assert loaded.table.equals(here.table)
    assert loaded.warnings == here.warnings
    assert loaded.source.sheets == here.sheets


def _busy_workers() -> list[int]:
    """The reader processes doing a read now (not the idle one kept for the next read)."""
    import multiprocessing

    idle = {worker.process.pid for worker in guarded._idle}
    return [child.pid for child in multiprocessing.active_children()
            if child.name == "curator-reader" and child.pid not in idle and child.pid is not None]


def test_a_streamed_parquet_is_decoded_in_the_reader_and_its_crash_is_an_input_error(tmp_path: Path) -> None:
    """The streamed read (``curator apply`` of a big Parquet) decodes in the reader process too: a
    crash there in the middle of the file is an ``InputError``, and this process goes on."""
    source = tmp_path / "registre.parquet"
    pq.write_table(pa.table({"id": [f"{i:07d}" for i in range(200_000)]}), source, row_group_size=10_000)
    batches = iter_batches(source, None, batch_rows=1_000)
    first = next(batches)
    assert first.num_rows == 1_000 and first.column(0)[0].as_py() == "0000000"
    busy = _busy_workers()
    assert busy, "the batches were not decoded in a reader process"
    for worker in busy:      # still sending: the pipe holds a few batches, not 200
        os.kill(worker, signal.SIGSEGV)
    with pytest.raises(InputError, match=r"damaged or not a valid Parquet file \(its reader stopped: SIGSEGV\)"):
        for _ in batches:
            pass
    assert sum(batch.num_rows for batch in iter_batches(source, None, batch_rows=50_000)) == 200_000


def test_a_streamed_parquet_stopped_early_stops_its_reader(tmp_path: Path) -> None:
    source = tmp_path / "registre.parquet"
    pq.write_table(pa.table({"id": [f"{i:07d}" for i in range(200_000)]}), source, row_group_size=10_000)
    batches = iter_batches(source, None, batch_rows=1_000)
    next(batches)
    busy = _busy_workers()
    batches.close()          # type: ignore[attr-defined]
    assert busy and not set(busy) & set(_busy_workers())


def test_the_selftest_reads_the_demo_workbook_in_a_reader_process(tmp_path: Path) -> None:
    from curator.commands.selftest import _guarded_workbook

    line = _guarded_workbook(tmp_path)
    assert "registre_cancer_demo.xlsx: 5000 rows × 25 columns read in reader process" in line
    assert "cut in half refused: The XLSX file is damaged or truncated" in line


def test_a_row_count_no_file_of_that_size_holds_is_refused_before_allocating() -> None:
    """A 3 KB Stata file whose header claims 100 million rows: pyreadstat would allocate for them
    (half a minute and gigabytes) before finding the data missing."""
    path = REGRESSIONS / "dta_row_count_100000000.dta"
    with pytest.raises(InputError, match=r"the header claims 100,000,000 rows of 4 columns, more than a file of "
                                         r"3,214 bytes can hold"):
        read_file(path)


def test_rows_of_no_columns_are_refused_before_the_reader_loops_over_them() -> None:
    """Found by the fuzzer: a 247-byte Stata file claiming 16,777,215 rows of no variables kept
    pyreadstat looping for 16 s (over the fuzzing time limit)."""
    with pytest.raises(InputError, match=r"the header lists no variables"):
        read_file(REGRESSIONS / "dta_16777215_rows_of_no_columns.dta")


def test_a_statistical_file_without_variables_is_refused_before_the_reader_loops() -> None:
    """Found by the fuzzer: a 162-byte Stata file with no variables and no row count kept pyreadstat
    looping until the time limit."""
    with pytest.raises(InputError, match="the header lists no variables"):
        read_file(REGRESSIONS / "dta_no_variables_unknown_row_count.dta")
