"""What the curation chain produced: the protected table and what the manifest and the report say about it.

Its own module, below both :mod:`curator.pipeline` (which makes it) and :mod:`curator.report`
(which describes it), so that neither imports the other to name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.check import ValidationReport
from curator.identify import ColumnIdentification
from curator.package.agestream import BackgroundEncryption


@dataclass
class CurationResult:
    """The protected table and everything the manifest and the curation report say about it."""

    table: pa.Table
    identifications: list[ColumnIdentification]
    validation: ValidationReport
    risk: dict[str, Any] | None
    dropped_unmapped: list[str] = field(default_factory=list)
    kept_direct: list[str] = field(default_factory=list)
    # Streamed apply: the data are already written to ``data_path`` and ``table`` holds only the
    # schema (no rows); ``rows_out`` is the number of rows written.
    data_path: Path | None = None
    rows_out: int | None = None
    # Streamed apply: the data file's encryption, started as soon as it was written; the package
    # takes it as it is.
    data_encryption: BackgroundEncryption | None = None
    # Headless apply: the drift report and what was skipped, for the manifest.
    applied: dict[str, Any] | None = None
    # The recipe's "reach k" generalisation as applied: levels, k, suppressed records, classes.
    generalisation: dict[str, Any] = field(default_factory=dict)

    @property
    def output_rows(self) -> int:
        return self.rows_out if self.rows_out is not None else self.table.num_rows
