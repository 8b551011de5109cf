"""Short columns profiled together (curator.profile.short) get what ``profile_column`` gives each alone.

The values are the ones each step of the inference turns on: yes/no pairs, leading zeros, signs,
decimal marks and thousands separators, compact and impossible dates, date-times, codes, blanks,
accents and other scripts; columns draw from them at random, with nulls, one to sixteen rows.
"""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from curator.profile import profile_column, profile_table
from curator.profile.short import profile_short_columns, profile_text_columns

TRICKY = [
    "0", "1", "oui", "non", "OUI", "Non", "true", "false", "01", "007", "12", "-3", "+7", "+-3", "-0", "1.5", "1,5",
    "1,50", "1.000,5", "1 000", "1\u00a0000,25", "1.000.000", "1e5", "0.0", "99999999999999999999", " 12", "12 ",
    "12/03/2021", "31/02/2021", "1/2/2020", "2021-03-12", "2021-3-1", "12-03-2021", "12.03.2021", "2021/03/12",
    "12/03/21", "03/12/2021", "20210312", "19991231", "20211340", "0000-01-01", "2021-03-12 10:20:30",
    "2021-03-12T10:20", "12/03/2021 25:00", "C50.9", "I21.0", "J45", "2A", "AB", "abc", "Hélène", "ÉTÉ", "日本",
    "  ", "", " x ", "NA", "?", "a b c", "x" * 40,
]
FAMILIES = [
    TRICKY,
    ["0", "1", "12", "007", "20210312", "19991231", "123456", "1234567", "-0"],
    ["12/03/2021", "31/02/2021", "1/2/2020", "2021-03-12", "2021-03-12 10:20:30", "2021-03-12T10:20", "NA", ""],
    ["1", "-3", "+7", "12", "1.5", "NA"],
    ["1,5", "2,25", "1.5", "1 000,5", "1.000.000", "3"],
]


def test_short_columns_together_equal_each_alone() -> None:
    chooser = random.Random(18)
    columns: list[list[str | None]] = []
    for _ in range(1500):
        family = chooser.choice(FAMILIES)
        rows = chooser.choice([1, 1, 2, 3, 5, 8, 9, 12, 16])
        columns.append([chooser.choice([*family, None]) for _ in range(rows)])
    names = [f"c{index}" for index in range(len(columns))]
    together = [profile.to_dict() for profile in profile_short_columns(names, columns)]
    alone = [profile_column(name, pa.chunked_array([pa.array(values, pa.string())])).to_dict()
             for name, values in zip(names, columns, strict=True)]
    assert together == alone
    kinds = {profile["inferred_type"] for profile in together}
    assert kinds >= {"integer", "decimal", "date", "datetime", "boolean", "code", "text", "empty"}


def test_longer_columns_together_equal_each_alone() -> None:
    chooser = random.Random(20)
    columns = []
    for _ in range(120):
        family = chooser.choice(FAMILIES)
        rows = chooser.choice([17, 100, 1000, 4999])
        values = [chooser.choice([*family, None]) for _ in range(rows)]
        if chooser.random() < 0.3:      # many distinct values, as identifiers and measures have
            values = [f"{chooser.randrange(10 ** 6)}" if value is not None else None for value in values]
        column = pa.array(values, pa.string())
        columns.append(pa.chunked_array([column.slice(0, rows // 2), column.slice(rows // 2)]))
    names = [f"c{index}" for index in range(len(columns))]
    together = [profile.to_dict() for profile in profile_text_columns(names, columns)]
    assert together == [profile_column(name, column).to_dict() for name, column in zip(names, columns, strict=True)]


@pytest.mark.parametrize("copies", [1, 300, 700])   # 8 rows (short), 2,400 (hashed), 5,600 (counted by key)
def test_profile_table_gives_each_column_its_own_profile(copies: int) -> None:
    table = pa.table({"short": pa.array(["1", "2"] * 4), "long": pa.array([str(i) for i in range(40)][:8]),
                      "large": pa.array(["01/02/2020"] * 8, pa.large_string())})
    table = pa.concat_tables([table.append_column("numbers", pa.array(range(8)))] * copies)
    assert [p.to_dict() for p in profile_table(table)] == [
        profile_column(name, column).to_dict() for name, column in zip(table.column_names, table.columns, strict=True)]
