"""What the Load stage hands to every later stage: the table as the producer wrote it, and where it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow as pa


@dataclass
class ReadOptions:
    """How to read a source. ``None`` means "detect it"; every detected value can be overridden."""

    format: str | None = None          # csv, xlsx, xlsm, xls, xlsb, ods, parquet, feather, sas7bdat, xpt, dta, sav
    encoding: str | None = None        # csv: utf-8, utf-8-sig, utf-16, cp1252, latin-1...
    delimiter: str | None = None       # csv: ; , \t |
    quotechar: str | None = None
    header_row: int | None = None      # 1-based line (csv) or row (sheet) of the header
    sheet: str | None = None           # spreadsheets
    decimal: str | None = None         # "," or "." — recorded for typed conversion later
    thousands: str | None = None
    max_uncompressed_bytes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReadOptions:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class SourceInfo:
    """The source fingerprint and the options that were used (detected or given) to read it."""

    path: str
    format: str
    size: int
    sha256: str
    options: ReadOptions
    rows: int = 0
    sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "size": self.size, "sha256": self.sha256,
                "options": self.options.to_dict(), "rows": self.rows, "sheets": self.sheets,
                "hidden_sheets": self.hidden_sheets}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceInfo:
        return cls(path=data["path"], format=data["format"], size=data["size"], sha256=data["sha256"],
                   options=ReadOptions.from_dict(data.get("options", {})), rows=data.get("rows", 0),
                   sheets=list(data.get("sheets", [])), hidden_sheets=list(data.get("hidden_sheets", [])))


@dataclass
class LoadedTable:
    """A source read losslessly: every column is text exactly as the producer wrote it.

    ``table`` columns are ``pa.string()`` (or ``large_string``); empty cells are null.
    ``original_names`` keeps the header as written when names had to be made unique.
    ``metadata`` carries format extras (SPSS value labels, Excel date columns...).
    """

    table: pa.Table
    source: SourceInfo
    warnings: list[str] = field(default_factory=list)
    original_names: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
