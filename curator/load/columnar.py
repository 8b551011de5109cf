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


def read_columnar(path: Path, fmt: str, progress: ProgressCallback | None = None
                  ) -> tuple[pa.Table, list[str], list[str]]:
    """(text table, original names, warnings)."""
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "Reading"))
    try:
        if fmt == "parquet":
            parquet = pq.ParquetFile(path)
            groups = []
            for index in range(parquet.num_row_groups):
                groups.append(parquet.read_row_group(index))
                report(progress, 0.8 * (index + 1) / max(parquet.num_row_groups, 1), QT_TRANSLATE_NOOP("core", "Reading"))
            table = pa.concat_tables(groups) if groups else parquet.schema_arrow.empty_table()
        else:
            table = feather.read_table(path, memory_map=False)
    except (pa.ArrowException, OSError) as error:
        raise _damaged(path, fmt, error) from None
    original = list(table.column_names)
    names, warnings = unique_names(original)
    text = as_text_table(table, names)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "Read"))
    return text, original, warnings


def iter_parquet_batches(path: Path, batch_rows: int) -> Iterator[pa.RecordBatch]:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise _damaged(path, "parquet", error) from None
    names, _warnings = unique_names(parquet.schema_arrow.names)
    for batch in parquet.iter_batches(batch_size=batch_rows):
        yield pa.RecordBatch.from_arrays([to_text(column) for column in batch.columns], names=names)
