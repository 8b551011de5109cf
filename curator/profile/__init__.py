"""Column profiles: what each column of a loaded table holds, computed with pyarrow compute.

Everything is computed once per distinct value (counted by ``column.count_values``) and weighted by
counts, so a column of 1.5 million rows with 200 distinct values costs 200 regex tests, not 1.5 million.

Distinct values are counted once per column, columns on a thread pool. Digit identifiers and
fixed-width columns whose first rows mostly differ (NIR, phone, FINESS, postcodes) become exact
integer keys (32-bit when they fit) counted by a numpy sort or bincount (``keys``); other text
goes through ``value_counts``. Then come type inference (``infer``), shapes (``shapes``, a byte
lookup table) and min/max over the distinct values only. A mostly-distinct keyed column (NIR,
phone, identifiers) is summarised on its rows with a count of 1 each (``column.Tally``) and only
its top values are decoded from keys; a fixed-width ASCII column's width, min/max and single shape
are read off its keys, a digit column's shapes off its lengths. A code guessed on a sample of a
one-shape column is confirmed on that shape. Ties (top values, min/max) go to the smallest text,
so a profile never depends on row order.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed

import pyarrow as pa

from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.profile.column import profile_column
from curator.profile.model import SMALL_COUNT, TYPES, ColumnProfile
from curator.progress import ProgressCallback, report

__all__ = ["SMALL_COUNT", "TYPES", "ColumnProfile", "profile_column", "profile_table"]


def profile_table(table: pa.Table, progress: ProgressCallback | None = None) -> list[ColumnProfile]:
    """One :class:`ColumnProfile` per column, in table order.

    Columns are profiled on a thread pool: pyarrow compute and numpy release the GIL, so the
    counting that dominates runs on every core. Cancel is honoured between columns.
    """
    count = table.num_columns
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "Profiling"))
    if count == 0:
        return []
    profiles: list[ColumnProfile | None] = [None] * count
    workers = max(1, min(count, pa.cpu_count()))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="curator-profile") as pool:
        # Biggest columns first, so that no worker is left with a big one while the others are idle.
        # Names and columns taken once: ``table.column_names`` builds a new list on every access,
        # which inside the loop made a wide file's profile quadratic in its columns.
        names, columns = table.column_names, table.columns
        order = sorted(range(count), key=lambda position: -columns[position].nbytes)
        futures = {pool.submit(profile_column, names[position], columns[position]): position for position in order}
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                profiles[futures[future]] = future.result()
                report(progress, done / count, Text(QT_TRANSLATE_NOOP("core", "Profiled {done} of {count} columns"), done=done, count=count))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [profile for profile in profiles if profile is not None]
