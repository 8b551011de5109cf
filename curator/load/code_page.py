"""Windows-1252 and ISO-8859-15 read through pyarrow's Latin-1 path, then the few characters where they differ put right.

pyarrow transcodes a non-UTF-8 file through Python's codec before it parses, on one thread. Latin-1
is the cheap codec (every byte is the code point of the same number), Windows-1252 an expensive one:
on a 360 MB registry export the Latin-1 read takes about a second less. The two differ only on a few
bytes (0x80-0x9F for Windows-1252: €, œ, ’...; eight bytes for ISO-8859-15), which a Latin-1 read
turns into the code points U+0080-U+00BF. Those are found in the UTF-8 columns with a byte scan
(their first UTF-8 byte is 0xC2) and replaced with the code page's characters, only in the columns
that hold them: the text comes out exactly as the code page's own decoder would give it.

Bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252) stay the Latin-1
control characters, as browsers decode "windows-1252"; the caller reports them.
"""

from __future__ import annotations

import codecs
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Code pages read this way: each differs from Latin-1 on a handful of bytes only, all in 0x80-0xBF.
LATIN1_LIKE = ("cp1252", "iso8859-15")
LATIN1_NAMES = ("latin-1", "iso8859-1")
LEAD_BYTE = 0xC2  # the first UTF-8 byte of U+0080-U+00BF
PARALLEL_ROWS = 500_000  # from this many rows, columns are scanned on two threads


@dataclass(frozen=True)
class Latin1Plan:
    """How to put a Latin-1 read right for ``encoding``."""

    encoding: str
    # Latin-1 code point (0x80-0xBF) -> the code page's character; None where the code page has none.
    differences: dict[int, str | None] = field(default_factory=dict)

    @property
    def flagged(self) -> np.ndarray:
        """Per second UTF-8 byte after 0xC2: does that code point need putting right."""
        return _flags(tuple(sorted(self.differences)))


@cache
def _flags(points: tuple[int, ...]) -> np.ndarray:
    flags = np.zeros(256, dtype=np.bool_)
    flags[list(points)] = True
    return flags


@cache
def latin1_plan(encoding: str) -> Latin1Plan | None:
    """A plan when ``encoding`` can be read as Latin-1 and put right afterwards, else None."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name in LATIN1_NAMES:
        return Latin1Plan(name)
    if name not in LATIN1_LIKE:
        return None
    differences: dict[int, str | None] = {}
    for byte in range(0x80, 0x100):
        try:
            character: str | None = bytes([byte]).decode(name)
        except UnicodeDecodeError:
            character = None
        if character != chr(byte):
            differences[byte] = character
    assert all(0x80 <= point < 0xC0 for point in differences), name
    return Latin1Plan(name, differences)


@dataclass
class Undefined:
    """A byte the code page does not define, where it was first seen."""

    byte: int
    column: str
    row: int  # 0-based data row


def _present(column: pa.ChunkedArray | pa.Array, flagged: np.ndarray) -> tuple[set[int], int | None]:
    """(flagged code points found in the column, 0-based row of the first value holding one)."""
    found: set[int] = set()
    first_row: int | None = None
    start_row = 0
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    for chunk in chunks:
        _validity, offsets_buffer, data = chunk.buffers()
        if data is None or len(chunk) == 0:
            start_row += len(chunk)
            continue
        offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[chunk.offset:chunk.offset + len(chunk) + 1]
        raw = np.frombuffer(data, dtype=np.uint8)[int(offsets[0]):int(offsets[-1])]
        if raw.size < 2 or raw.max() < LEAD_BYTE:
            start_row += len(chunk)     # ASCII (most chunks of most columns): a max is all it takes
            continue
        leads = np.flatnonzero(raw[:-1] == LEAD_BYTE)
        if leads.size:
            seconds = raw[leads + 1]
            hit = flagged[seconds]
            if hit.any():
                found.update(int(point) for point in np.unique(seconds[hit]))
                if first_row is None:
                    first_byte = int(offsets[0]) + int(leads[np.argmax(hit)])
                    first_row = start_row + int(np.searchsorted(offsets, first_byte, side="right")) - 1
        start_row += len(chunk)
    return found, first_row


def put_right(table: pa.Table, plan: Latin1Plan) -> tuple[pa.Table, list[Undefined]]:
    """``table`` (read as Latin-1) as ``plan.encoding`` decodes it, and the undefined bytes met."""
    if not plan.differences:
        return table, []
    undefined: list[Undefined] = []
    columns = list(table.columns)
    flagged = plan.flagged
    if table.num_rows >= PARALLEL_ROWS:
        # numpy releases the GIL on the bigger chunks: columns are scanned two at a time.
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="curator-code-page") as pool:
            scans = list(pool.map(lambda column: _present(column, flagged), columns))
    else:
        scans = [_present(column, flagged) for column in columns]
    for position, name in enumerate(table.column_names):
        found, _row = scans[position]
        if not found:
            continue
        column = columns[position]
        missing = [point for point in sorted(found) if plan.differences[point] is None]
        if missing:
            _found, row = _present(column, _flags(tuple(missing)))
            undefined.append(Undefined(missing[0], name, row or 0))
        for point in sorted(found):
            character = plan.differences[point]
            if character is not None:
                column = pc.replace_substring(column, chr(point), character)
        columns[position] = column
    return pa.Table.from_arrays(columns, schema=table.schema), undefined
