"""Reading test files the way the Load stage hands them over: every column as text."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv


def read_text_csv(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> pa.Table:
    with open(path, encoding=encoding, newline="") as handle:
        header = handle.readline().rstrip("\r\n").split(delimiter)
    return pacsv.read_csv(
        path, read_options=pacsv.ReadOptions(encoding=encoding),
        parse_options=pacsv.ParseOptions(delimiter=delimiter),
        convert_options=pacsv.ConvertOptions(column_types={name: pa.string() for name in header},
                                             strings_can_be_null=True, quoted_strings_can_be_null=True))
