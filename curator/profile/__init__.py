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
from dataclasses import replace

import pyarrow as pa

from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.profile.column import KEYED_ROWS, profile_column
from curator.profile.model import SMALL_COUNT, TYPES, ColumnProfile
from curator.profile.short import profile_short_columns, profile_text_columns
from curator.progress import ProgressCallback, report

__all__ = ["SMALL_COUNT", "TYPES", "ColumnProfile", "profile_column", "profile_table"]


def profile_table(table: pa.Table, progress: ProgressCallback | None = None) -> list[ColumnProfile]:
    """One :class:`ColumnProfile` per column, in table order.

    Columns are profiled on a thread pool: pyarrow compute and numpy release the GIL, so the
    counting that dominates runs on every core. Small columns go to the pool in batches, and short
    text columns holding the same values are profiled once, since on a wide file of a few rows the
    calls cost more than the values. Cancel is honoured between batches.
    """
    count = table.num_columns
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "Profiling"))
    if count == 0:
        return []
    # Names and columns taken once: ``table.column_names`` builds a new list on every access,
    # which inside a loop made a wide file's profile quadratic in its columns.
    names, columns = table.column_names, table.columns
    # A profile depends on the values alone: columns of a few text rows that hold the same values
    # (the 0/1 answers of a survey) share the first one's, renamed.
    first_alike: dict[tuple[object, ...], int] = {}
    same_as: dict[int, int] = {}
    short_values: dict[int, list[str | None]] = {}
    for position, column in enumerate(columns):
        if len(column) <= SHARED_ROWS and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            values = column.to_pylist()
            key = (column.type, *values)
            first = same_as[position] = first_alike.setdefault(key, position)
            if first == position:
                short_values[position] = values
    todo = [position for position in range(count) if same_as.get(position, position) == position]
    # How many columns each profiled one stands for, so that progress counts the table's columns.
    stands_for = dict.fromkeys(todo, 1)
    for position, first in same_as.items():
        if first != position:
            stands_for[first] += 1
    # Biggest columns first, so that no worker is left with a big one while the others are idle.
    todo.sort(key=lambda position: -columns[position].nbytes)
    batches, together = _batches(columns, todo, short_values)

    def profile_batch(batch: list[int]) -> list[ColumnProfile]:
        if batch[0] in short_values:
            return profile_short_columns([names[position] for position in batch],
                                         [short_values[position] for position in batch])
        if batch[0] in together:
            return profile_text_columns([names[position] for position in batch], [columns[position] for position in batch])
        return [profile_column(names[position], columns[position]) for position in batch]

    profiles: list[ColumnProfile | None] = [None] * count
    workers = max(1, min(len(batches), pa.cpu_count()))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="curator-profile") as pool:
        futures = {pool.submit(profile_batch, batch): batch for batch in batches}
        done = 0
        try:
            for future in as_completed(futures):
                batch = futures[future]
                for position, profile in zip(batch, future.result(), strict=True):
                    profiles[position] = profile
                done += sum(stands_for[position] for position in batch)
                report(progress, done / count, Text(QT_TRANSLATE_NOOP("core", "Profiled {done} of {count} columns"),
                                                    done=done, count=count))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    for position, first in same_as.items():
        if first != position:
            profiles[position] = _renamed(profiles[first], names[position])
    return [profile for profile in profiles if profile is not None]


def _batches(columns: list[pa.ChunkedArray], todo: list[int], short_values: dict[int, list[str | None]]
             ) -> tuple[list[list[int]], set[int]]:
    """The pool's batches of column positions, and the positions profiled together by hashing."""
    # Short text columns are profiled together, each check run once over all their values (see short).
    batches: list[list[int]] = [list(short_values)[start:start + SHORT_BATCH]
                                for start in range(0, len(short_values), SHORT_BATCH)]
    # So are the other text columns counted by hashing (see short.profile_text_columns).
    hashed = [position for position in todo if position not in short_values and len(columns[position]) < KEYED_ROWS
              and (pa.types.is_string(columns[position].type) or pa.types.is_large_string(columns[position].type))]
    size = TOGETHER_BYTES
    for position in hashed:
        if size >= TOGETHER_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(position)
        size += columns[position].nbytes
    together = set(hashed)
    size = BATCH_BYTES
    for position in todo:
        if position in short_values or position in together:
            continue
        if not batches or size >= BATCH_BYTES or len(batches[-1]) >= BATCH_COLUMNS:
            batches.append([])
            size = 0
        batches[-1].append(position)
        size += columns[position].nbytes
    return batches, together


# Columns of at most this many rows are compared by their values (see profile_table).
SHARED_ROWS = 16
# A batch for the pool ends past this many bytes or columns: one big column makes a batch alone.
BATCH_BYTES = 1 << 20
BATCH_COLUMNS = 256
# Short columns profiled together in one batch (see short): enough to make the calls few.
SHORT_BATCH = 4096
# Other hashed text columns profiled together: a batch ends past this many bytes.
TOGETHER_BYTES = 64 << 20


def _renamed(profile: ColumnProfile | None, name: str) -> ColumnProfile | None:
    if profile is None:
        return None
    return replace(profile, name=name, date_formats=list(profile.date_formats), top_values=list(profile.top_values),
                   shapes=list(profile.shapes), exception_examples=list(profile.exception_examples))
