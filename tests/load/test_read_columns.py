"""A streamed CSV read of a few columns (``columns=``): the same values, warnings and refusals as a
read of every column, for the columns asked; a code page file split as its own bytes."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.errors import InputError
from curator.load import iter_batches, read_file
from curator.load.code_page import latin1_text
from curator.load.csv_reader import iter_csv_batches
from curator.source import ReadOptions

# Every Windows-1252 character that differs from Latin-1, an undefined byte (0x81), accents, a quoted
# separator and a quoted line break, in the columns read and in those not read.
ROWS = [
    ["P1", "cœur; “vif”", "2021-01-02", "€ 12"],
    ["P2", "Hélène\nà la ligne", "", "Š"],
    ["P\x811", "x", "2021-03-04", "Ÿ\x81"],
    ["", "", "", ""],
]


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _cp1252(path: Path, rows: list[list[str]], copies: int = 1) -> Path:
    text = "\r\n".join(["id;texte;date;note"] + [";".join(_quoted(v) for v in row) for row in rows] * copies) + "\r\n"
    # 0x81 has no Windows-1252 character: written as the byte itself.
    path.write_bytes(b"".join(c.encode("cp1252") if c != "\x81" else b"\x81" for c in text))
    return path


def _streamed(path: Path, options: ReadOptions, columns: list[str] | None, warnings: list[str] | None = None,
              batch_rows: int = 3) -> pa.Table:
    return pa.Table.from_batches(list(iter_batches(path, options, batch_rows, warnings, columns=columns)))


@pytest.mark.parametrize("columns", [["id", "note"], ["note", "id", "absent"], ["texte"]])
def test_a_few_columns_of_a_code_page_file_are_those_of_a_whole_read(tmp_path: Path, columns: list[str]) -> None:
    path = _cp1252(tmp_path / "w.csv", ROWS, copies=3_000)
    whole = read_file(path).table
    for batch_rows in (3, 100_000):
        warnings: list[str] = []
        read = _streamed(path, ReadOptions(), columns, warnings, batch_rows)
        kept = [name for name in whole.column_names if name in columns]
        assert read.column_names == kept
        assert read.equals(whole.select(kept))
        for column in read.columns:
            column.validate(full=True)
        # The undefined byte of a column read is said with its column and data row, as a whole read says it.
        undefined = [str(w) for w in warnings if "0x81" in str(w)]
        assert undefined == ([f"Byte 0x81 in column '{kept[0]}' (data row 3) has no Windows-1252 character: such "
                              "bytes were read as Latin-1 control characters."] if kept[0] in ("id", "note") else [])


def test_a_file_without_the_columns_is_still_read_row_by_row(tmp_path: Path) -> None:
    path = _cp1252(tmp_path / "w.csv", ROWS)
    read = _streamed(path, ReadOptions(), ["nowhere"])
    assert read.column_names == ["id"] and read.num_rows == len(ROWS)


def test_an_undefined_byte_in_a_column_not_read_is_left_to_a_whole_read(tmp_path: Path) -> None:
    path = _cp1252(tmp_path / "w.csv", ROWS)
    chosen = ReadOptions(encoding="cp1252")
    with pytest.raises(InputError, match="byte 0x81 in column 'id'"):
        _streamed(path, chosen, None)
    assert _streamed(path, chosen, ["texte", "date"]).num_rows == len(ROWS)


# pyarrow reports the row it could not hand over as "Exception ignored" (the CLI filters it out).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("line", ["P9;é;2021-01-01", "P9;abc;2021-01-01;x;y"])
def test_a_ragged_row_is_refused_with_its_line_as_a_whole_read_refuses_it(tmp_path: Path, line: str) -> None:
    """A ragged line holding a byte from 0x80 cannot be handed over as text when the file is split
    as bytes: it is still refused with its line number."""
    path = _cp1252(tmp_path / "w.csv", ROWS, copies=2_000)
    body = path.read_bytes().split(b"\r\n")
    body.insert(5_000, line.encode("cp1252"))
    path.write_bytes(b"\r\n".join(body))
    with pytest.raises(InputError) as whole:
        _streamed(path, ReadOptions(), None, batch_rows=100_000)
    with pytest.raises(InputError) as few:
        _streamed(path, ReadOptions(), ["id", "date"], batch_rows=100_000)
    assert str(few.value) == str(whole.value)
    assert few.value.where is not None and whole.value.where is not None
    assert few.value.where.line == whole.value.where.line == 6_251   # quoted line breaks in every 4th row
    assert few.value.details == whole.value.details


def test_a_bom_keeps_the_transcoding_path(tmp_path: Path) -> None:
    """A UTF-8 read would drop a leading BOM that a Latin-1 read keeps: such a file is not split as bytes."""
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfa;b\r\n" + "é;1\r\n".encode("cp1252") * 10)
    options = ReadOptions(encoding="cp1252", header_row=0)
    whole = pa.Table.from_batches(list(iter_csv_batches(path, options, 100)))
    few = pa.Table.from_batches(list(iter_csv_batches(path, options, 100, columns=["column_1"])))
    assert few.equals(whole.select(["column_1"]))
    assert few.column(0)[0].as_py() == "ï»¿a"


def test_a_parquet_file_gives_the_columns_asked(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "n": [1, 2], "d": ["x", None]}), path)
    read = _streamed(path, ReadOptions(), ["d", "id", "absent"])
    assert read.column_names == ["id", "d"]
    assert read.equals(read_file(path).table.select(["id", "d"]))


def test_latin1_bytes_become_the_text_latin1_decodes() -> None:
    values = [b"abc", None, bytes(range(256)), b"", b"caf\xe9", b"\x80\x81\xff", None]
    array = pa.array(values, pa.binary())
    for part in (array, array.slice(2), array.slice(1, 3), array.slice(6), pa.array([], pa.binary()),
                 pa.array([b"plain", None], pa.binary())):
        text = latin1_text(part)
        text.validate(full=True)
        assert text.type == pa.string()
        assert text.to_pylist() == [None if v is None else v.decode("latin-1") for v in part.to_pylist()]
