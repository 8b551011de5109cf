"""Whether a column's values mostly differ, judged on its first rows.

Identifiers (NIRs, record numbers, phone numbers) are counted and hashed row by row or by exact
keys; codes and dates of a few thousand values are cheaper to hash once per distinct value. The
first rows tell which a column is, for the profile and for pseudonymisation alike.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

HEAD_ROWS = 10_000
DISTINCT_SHARE = 0.9


def mostly_distinct(array: pa.ChunkedArray | pa.Array) -> bool:
    """Do nine in ten of the first present values differ?"""
    head = pc.drop_null(array.slice(0, HEAD_ROWS))
    return len(head) > 0 and pc.count_distinct(head).as_py() >= DISTINCT_SHARE * len(head)
