"""Local suppression: the quasi-identifiers of records in too-small classes are blanked, up to a cap.

As in ARX, a suppressed record keeps its other columns but every quasi-identifier becomes ``*``;
it is then no longer counted in any class. The cap is a fraction of all records
(``floor(cap × records)`` may be suppressed); needing more than that is an error, not a silent
half-measure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.protect.risk import class_sizes_per_record

SUPPRESSED = "*"


@dataclass
class SuppressionResult:
    table: pa.Table
    suppressed_records: int
    allowed_records: int


def allowed_suppressions(records: int, cap: float) -> int:
    """How many records a cap (a fraction in [0, 1]) lets go: ARX's ``floor(cap × records)``."""
    if not 0.0 <= cap <= 1.0:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the suppression cap must be a fraction between 0 and 1, "
                                                        "not {cap}"), cap=cap),
                         hint=Text(QT_TRANSLATE_NOOP("core", "For 4 %, give 0.04.")))
    return math.floor(cap * records)


def suppress_small_classes(table: pa.Table, quasi: list[str], k: int, cap: float) -> SuppressionResult:
    """Blank the quasi-identifiers of every record whose class has fewer than ``k`` records."""
    if k < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "k must be at least 1, not {k}"), k=k))
    allowed = allowed_suppressions(table.num_rows, cap)
    if table.num_rows == 0:
        return SuppressionResult(table, 0, allowed)
    small = class_sizes_per_record(table, quasi) < k
    count = int(small.sum())
    if count > allowed:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{count} records are in classes smaller than {k}, more than "
                                                        "the {allowed} ({cap:.1%}) that may be suppressed"),
                              count=count, k=k, allowed=allowed, cap=cap),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Generalise the quasi-identifiers further (or let curator "
                                                             "search for it), or raise the suppression cap.")))
    return SuppressionResult(suppress_rows(table, quasi, small), count, allowed)


def suppress_rows(table: pa.Table, quasi: list[str], rows: np.ndarray) -> pa.Table:
    """``table`` with the ``quasi`` columns of the rows marked in the boolean ``rows`` set to ``*``."""
    if not rows.any():
        return table
    mask = pa.array(rows)
    for name in quasi:
        index = table.column_names.index(name)
        column = table.column(name)
        text = column.cast(pa.string()) if not pa.types.is_string(column.type) else column
        table = table.set_column(index, name, pc.if_else(mask, pa.scalar(SUPPRESSED), text.combine_chunks()))
    return table
