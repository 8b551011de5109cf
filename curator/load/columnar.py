"""Parquet and Feather/Arrow IPC through pyarrow, rendered as text column by column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq

from curator.errors import InputError, Location
from curator.load.cells import to_text
from curator.load.names import unique_names
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report


def as_text_table(table: pa.Table, names: list[str]) -> pa.Table:
    return pa.Table.from_arrays([to_text(column) for column in table.columns], names=names)


def _damaged(path: Path, fmt: str, error: Exception) -> InputError:
    return InputError(Text(QT_TRANSLATE_NOOP("core", "The {format} file is damaged or truncated ({error})."), format=fmt, error=error),
                      Location(file=str(path)),
                      hint=Text(QT_TRANSLATE_NOOP("core", "Write the file again from the tool that produced it, or copy it again.")))


# What pyarrow raises on damaged files besides ArrowException: decoding a damaged schema or metadata
# (names, key-value metadata), a type it cannot render, sizes that do not fit.
_DAMAGED = (pa.ArrowException, OSError, ValueError, TypeError, KeyError, IndexError, OverflowError,
            NotImplementedError, UnicodeDecodeError, EOFError)
MAX_ROWS = 2**31 - 1         # one Arrow string column's offsets; more rows than that is a damaged count
MAX_COLUMNS = 1_000_000


def _check_parquet_sizes(parquet: pq.ParquetFile, path: Path) -> None:
    """Refuse counts read from the footer that no genuine file of this size holds, before reading."""
    metadata = parquet.metadata
    size = path.stat().st_size
    groups = [metadata.row_group(index).num_rows for index in range(metadata.num_row_groups)]
    if (metadata.num_rows > MAX_ROWS or metadata.num_rows < 0 or any(rows < 0 for rows in groups)
            or sum(groups) != metadata.num_rows or metadata.num_columns > MAX_COLUMNS
            or metadata.serialized_size > size):
        raise ValueError(f"the footer claims {metadata.num_rows:,} rows and {metadata.num_columns:,} columns "
                         f"in {metadata.num_row_groups:,} row groups")


def read_columnar(path: Path, fmt: str, progress: ProgressCallback | None = None
                  ) -> tuple[pa.Table, list[str], list[str]]:
    """(text table, original names, warnings)."""
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "Reading"))
    try:
        if fmt == "parquet":
            parquet = pq.ParquetFile(path)
            _check_parquet_sizes(parquet, path)
            groups = []
            for index in range(parquet.num_row_groups):
                groups.append(parquet.read_row_group(index))
                report(progress, 0.8 * (index + 1) / max(parquet.num_row_groups, 1), QT_TRANSLATE_NOOP("core", "Reading"))
            table = pa.concat_tables(groups) if groups else parquet.schema_arrow.empty_table()
        else:
            table = feather.read_table(path, memory_map=False)
        if table.num_rows > MAX_ROWS or table.num_columns > MAX_COLUMNS:
            raise ValueError(f"{table.num_rows:,} rows and {table.num_columns:,} columns")
        # Arrow trusts the offsets and lengths it was given: a damaged file can point outside its
        # buffers, and rendering such a column reads (or writes) out of bounds.
        table.validate(full=True)
        original = [str(name) for name in table.column_names]
        names, warnings = unique_names(original)
        text = as_text_table(table, names)
    except _DAMAGED as error:
        raise _damaged(path, fmt, error) from None
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "Read"))
    return text, original, warnings


def iter_parquet_batches(path: Path, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """The file's batches as text. Run in the guarded reader process (``guarded.stream``): the
    decoding of a damaged page is native code."""
    try:
        parquet = pq.ParquetFile(path)
        _check_parquet_sizes(parquet, path)
        names, _warnings = unique_names([str(name) for name in parquet.schema_arrow.names])
        for batch in parquet.iter_batches(batch_size=batch_rows):
            batch.validate(full=True)    # as read_columnar: offsets pointing outside their buffers
            yield pa.RecordBatch.from_arrays([to_text(column) for column in batch.columns], names=names)
    except _DAMAGED as error:
        raise _damaged(path, "parquet", error) from None
