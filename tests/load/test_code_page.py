"""Windows-1252 and ISO-8859-15 files read through the Latin-1 path come out as their own decoders give them."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.load import read_file
from curator.load.code_page import latin1_plan
from curator.load.csv_reader import iter_csv_batches, read_csv_file
from curator.source import ReadOptions


def _characters(encoding: str) -> list[str]:
    """Every character the code page defines above ASCII."""
    found = []
    for byte in range(0x80, 0x100):
        try:
            found.append(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            continue
    return [character for character in found if character.isprintable() and character not in ";\"'"]


def _write_rows(path: Path, encoding: str, rows: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    accented = _characters(encoding)
    words = ["cœur", "œdème", "l’hôpital", "€ 12,50", "Hélène", "Š", "déjà", "ascii", "plain", "Ÿvette"]
    words = [word for word in words if all(c.isascii() or c in accented for c in word)]
    lines = ["id;nom;note;code"]
    expected = []
    for number in range(rows):
        noise = "".join(rng.choice(accented) for _ in range(rng.randrange(0, 4)))
        row = [str(number), rng.choice(words), f"{rng.choice(words)} {noise}".strip(), rng.choice(["A1", "B2"])]
        expected.append(row)
        lines.append(";".join(row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return expected


@pytest.mark.parametrize("encoding", ["cp1252", "iso8859_15"])
def test_code_page_read_equals_the_code_pages_own_decoder(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    expected = _write_rows(path, encoding, 60_000, seed=7)  # several of pyarrow's 1 MiB blocks
    loaded = read_file(path, ReadOptions(encoding=encoding))
    assert loaded.table.num_rows == len(expected)
    assert [list(row.values()) for row in loaded.table.to_pylist()] == expected
    for column in loaded.table.columns:
        column.validate(full=True)
    # The characters that differ from Latin-1 were in the file, so the putting-right was exercised.
    plan = latin1_plan(encoding)
    assert plan is not None and plan.differences
    text = path.read_bytes()
    assert any(bytes([byte]) in text for byte in plan.differences)


def test_detected_windows_1252_is_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    expected = _write_rows(path, "cp1252", 5_000, seed=3)
    loaded = read_file(path)
    assert loaded.source.options.encoding == "cp1252"
    assert [list(row.values()) for row in loaded.table.to_pylist()] == expected
    assert not any("Latin-1" in warning for warning in loaded.warnings)


def test_streamed_batches_equal_the_whole_read(tmp_path: Path) -> None:
    path = tmp_path / "stream.csv"
    _write_rows(path, "cp1252", 30_000, seed=5)
    whole = read_file(path, ReadOptions(encoding="cp1252")).table
    streamed = pa.Table.from_batches(list(iter_csv_batches(path, ReadOptions(encoding="cp1252"), 7_000)))
    assert streamed.equals(whole)


def test_undefined_windows_1252_byte_is_named_with_its_column_and_row(tmp_path: Path) -> None:
    path = tmp_path / "undefined.csv"
    path.write_bytes(b"id;note;autre\r\n1;caf\xe9;a\r\n2;c\x9cur;b\r\n3;ok;x\x8dy\r\n")
    result = read_csv_file(path, ReadOptions())
    warning = " ".join(result.warnings)
    assert "0x8D" in warning and "'autre'" in warning and "data row 3" in warning
    assert result.table.column("note").to_pylist() == ["café", "cœur", "ok"]
    assert result.table.column("autre").to_pylist()[2] == "x\x8dy"


def test_streamed_read_warns_of_an_undefined_byte_far_down_with_its_row_in_the_file(tmp_path: Path) -> None:
    rows = [b"%d;c\x9cur \x92%d" % (i, i) for i in range(1, 5001)]   # \x9c and \x92 are Windows-1252's own
    rows[4321] = b"4322;x\x81y"                          # data row 4322, in the fifth batch of 1,000
    path = tmp_path / "late_undefined.csv"
    path.write_bytes(b"id;note\r\n" + b"\r\n".join(rows) + b"\r\n")
    whole = read_csv_file(path, ReadOptions())
    warnings: list[str] = []
    streamed = pa.Table.from_batches(list(iter_csv_batches(path, ReadOptions(), 1_000, warnings)))
    assert streamed.equals(whole.table)
    assert [w for w in warnings if "0x81" in w] == [w for w in whole.warnings if "0x81" in w]
    assert len(warnings) == 1 and "'note'" in warnings[0] and "data row 4322" in warnings[0]
    with pytest.raises(InputError) as caught:
        list(iter_csv_batches(path, ReadOptions(encoding="cp1252"), 1_000))
    assert "0x81" in caught.value.message and "row 4322" in caught.value.message


def test_undefined_byte_refused_when_the_user_chose_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "chosen.csv"
    path.write_bytes(b"id;note\r\n1;caf\xe9\r\n2;x\x81y\r\n")
    with pytest.raises(InputError) as caught:
        read_file(path, ReadOptions(encoding="cp1252"))
    assert "0x81" in caught.value.message and "'note'" in caught.value.message and "row 2" in caught.value.message
    assert caught.value.where is not None and caught.value.where.column == "note"


def test_windows_1252_characters_win_over_one_undefined_byte(tmp_path: Path) -> None:
    # "cœur" with œ at 0x9C: ISO-8859-15 would make it a control character, as it would 0x81.
    path = tmp_path / "oe_and_undefined.csv"
    text = b"%d;le c\x9cur de l'\xe9l\xe8ve est r\xe9gulier, \xe0 revoir en f\xe9vrier %d\r\n"
    path.write_bytes(b"id;note\r\n" + b"".join(text % (i, i) for i in range(200)) + b"200;x\x81y\r\n")
    result = read_csv_file(path, ReadOptions())
    assert result.plan.dialect.encoding == "cp1252"
    assert result.table.column("note")[0].as_py() == "le cœur de l'élève est régulier, à revoir en février 0"
    assert any("0x81" in w and "data row 201" in w for w in result.warnings)
