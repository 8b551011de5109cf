"""SAS (.sas7bdat, .xpt), Stata (.dta) and SPSS (.sav) through pyreadstat.

Value labels (SPSS, Stata) and variable labels are kept in the table's metadata: the Map step
uses them to map codes ("1" means "Homme") without asking the producer again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyreadstat

from curator.errors import InputError, Location
from curator.load.cells import cell_text, to_text
from curator.load.names import unique_names
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report

READERS: dict[str, Callable[..., Any]] = {
    "sas7bdat": pyreadstat.read_sas7bdat,
    "xpt": pyreadstat.read_xport,
    "dta": pyreadstat.read_dta,
    "sav": pyreadstat.read_sav,
}
NAMES = {"sas7bdat": "SAS", "xpt": "SAS transport", "dta": "Stata", "sav": "SPSS"}


# Cells a file may claim per byte of its size: compression (SAS RLE/RDC, SPSS bytecodes) packs a
# repeated or missing value in a byte or less, never a thousand cells in one.
MAX_CELLS_PER_BYTE = 1000
MAX_ROWS = 2**31 - 1


def _check_counts(path: Path, meta: Any) -> None:
    """Refuse the row and column counts of a damaged header before pyreadstat allocates by them."""
    rows = getattr(meta, "number_rows", None) or 0
    columns = getattr(meta, "number_columns", None) or 0
    if columns == 0:
        # Nothing to read, and the reader may loop for ever over rows that hold nothing.
        raise ValueError("the header lists no variables")
    if rows < 0 or rows > MAX_ROWS or rows * columns > MAX_CELLS_PER_BYTE * max(path.stat().st_size, 1000):
        raise ValueError(f"the header claims {rows:,} rows of {columns:,} columns, more than a file of "
                         f"{path.stat().st_size:,} bytes can hold")


def read_statistical(path: Path, fmt: str, progress: ProgressCallback | None = None
                     ) -> tuple[pa.Table, list[str], list[str], dict[str, Any]]:
    """(text table, original names, warnings, metadata)."""
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "Reading"))
    reader = READERS[fmt]
    try:
        # Codes stay codes (value labels go to the metadata). xport has no value labels; sas7bdat's
        # live in a separate catalog file, never applied here, so its reader has no such option.
        extra = ({} if fmt == "xpt" else {"user_missing": False} if fmt == "sas7bdat"
                 else {"apply_value_formats": False, "user_missing": False})
        _check_counts(path, reader(str(path), metadataonly=True)[1])
        frame, meta = reader(str(path), **extra)
    except Exception as error:  # noqa: BLE001 - pyreadstat raises ReadstatError, PyreadstatError, OSError...
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The {format} file cannot be read: {error}."), format=NAMES[fmt], error=error),
                         Location(file=str(path)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check that it is a complete {format} file; write it again from {format} if it "
                                   "was cut or damaged."), format=NAMES[fmt])) from None
    report(progress, 0.7, QT_TRANSLATE_NOOP("core", "Converting"))
    original = [str(name) for name in frame.columns]
    names, warnings = unique_names(original)
    arrays = []
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        try:
            arrays.append(to_text(pa.Array.from_pandas(series)))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            # A column mixing Python types: rare, formatted value by value.
            arrays.append(pa.array([cell_text(v) for v in series.tolist()], pa.string()))
    table = pa.Table.from_arrays(arrays, names=names)
    renamed = dict(zip(original, names, strict=True))
    metadata: dict[str, Any] = {}
    labels = {renamed[k]: v for k, v in (meta.column_names_to_labels or {}).items() if v and k in renamed}
    if labels:
        metadata["variable_labels"] = labels
    value_labels = {
        renamed[variable]: {cell_text(code) or "": str(label) for code, label in mapping.items()}
        for variable, mapping in (meta.variable_value_labels or {}).items() if variable in renamed
    }
    if value_labels:
        metadata["value_labels"] = value_labels
    if getattr(meta, "file_encoding", None):
        metadata["file_encoding"] = meta.file_encoding
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "Read"))
    return table, original, warnings, metadata
