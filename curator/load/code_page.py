"""Windows-1252 and ISO-8859-15 read through pyarrow's Latin-1 path, then the few characters where they differ put right.

pyarrow transcodes a non-UTF-8 file through Python's codec before it parses, on one thread. Latin-1
is the cheap codec (every byte is the code point of the same number), Windows-1252 an expensive one
(benchmarks/README.md). The two differ only on a few
bytes (0x80-0x9F for Windows-1252: €, œ, ’...; eight bytes for ISO-8859-15), which a Latin-1 read
turns into the code points U+0080-U+00BF. Those are found in the UTF-8 columns with a byte scan
(their first UTF-8 byte is 0xC2) and replaced with the code page's characters, only in the columns
that hold them: the text comes out exactly as the code page's own decoder would give it.

Bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252) stay the Latin-1
control characters, as browsers decode "windows-1252"; the caller reports them.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Code pages read this way: each differs from Latin-1 on a handful of bytes only, all in 0x80-0xBF.
LATIN1_LIKE = ("cp1252", "iso8859-15")
LATIN1_NAMES = ("latin-1", "iso8859-1")
LEAD_BYTE = 0xC2  # the first UTF-8 byte of U+0080-U+00BF


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


def _lead_pairs(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """(offsets, data bytes, positions of the 0xC2 lead bytes, the byte after each) of a string chunk,
    positions in its data buffer, or None when no value holds a code point U+0080-U+00BF: for an
    ASCII chunk (most chunks of most columns), a max is all it takes."""
    _validity, offsets_buffer, data = chunk.buffers()
    if data is None or len(chunk) == 0:
        return None
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[chunk.offset:chunk.offset + len(chunk) + 1]
    start, end = int(offsets[0]), int(offsets[-1])
    raw = np.frombuffer(data, dtype=np.uint8)[:end]
    values = raw[start:]
    if values.size < 2 or values.max() < LEAD_BYTE:
        return None
    leads = np.flatnonzero(values[:-1] == LEAD_BYTE) + start
    if not leads.size:
        return None
    return offsets, raw, leads, raw[leads + 1]


def _present(column: pa.ChunkedArray | pa.Array, flagged: np.ndarray) -> tuple[set[int], int | None]:
    """(flagged code points found in the column, 0-based row of the first value holding one)."""
    found: set[int] = set()
    first_row: int | None = None
    start_row = 0
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        pairs = _lead_pairs(chunk)
        if pairs is not None:
            offsets, _raw, leads, seconds = pairs
            hit = flagged[seconds]
            if hit.any():
                found.update(int(point) for point in np.unique(seconds[hit]))
                if first_row is None:
                    first_byte = int(leads[np.argmax(hit)])
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
    # One column after the other: the scan is a few small numpy steps per chunk, mostly Python's
    # time, which two threads would only share, and slow down.
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
        replacements = {point: character for point in sorted(found)
                        if (character := plan.differences[point]) is not None}
        if replacements:
            column = _replaced(column, replacements)
        columns[position] = column
    return pa.Table.from_arrays(columns, schema=table.schema), undefined


def _replaced(column: pa.ChunkedArray | pa.Array, replacements: dict[int, str]) -> pa.ChunkedArray:
    """``column`` with each code point of ``replacements`` (U+0080-U+00BF) replaced by its character.

    Only the chunks holding one are touched. Characters that are two bytes in UTF-8, as the code
    point is (œ, Š, Ÿ...), are written over it in a copy of the chunk's bytes; the others (€, ’,
    dashes...) change the length and go through Arrow's replace, on those chunks alone: a long
    comment column with a few "œ" is not copied whole.
    """
    wanted = _flags(tuple(replacements))
    same_size = {point: character.encode("utf-8") for point, character in replacements.items()
                 if len(character.encode("utf-8")) == 2}
    done: list[pa.Array] = []
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        pairs = _lead_pairs(chunk)
        if pairs is None:
            done.append(chunk)
            continue
        _offsets, raw, leads, seconds = pairs
        present = {int(point) for point in np.unique(seconds[wanted[seconds]])}
        if present & same_size.keys():
            rewritten = raw.copy()
            for point in present & same_size.keys():
                at = leads[seconds == point]
                rewritten[at], rewritten[at + 1] = same_size[point][0], same_size[point][1]
            validity, offsets_buffer, _data = chunk.buffers()
            chunk = pa.Array.from_buffers(pa.string(), len(chunk), [validity, offsets_buffer, pa.py_buffer(rewritten)],
                                          null_count=chunk.null_count, offset=chunk.offset)
        for point in sorted(present - same_size.keys()):
            chunk = pc.replace_substring(chunk, chr(point), replacements[point])
        done.append(chunk)
    return pa.chunked_array(done, pa.string())


def latin1_text(chunk: pa.Array) -> pa.Array:
    """A binary chunk of Latin-1 bytes as the UTF-8 text Latin-1 decodes it to (each byte from 0x80
    is the two bytes of the code point of its number), validity and offset kept: the bytes of a
    few columns transcoded, rather than a whole file through pyarrow's transcoder."""
    validity, offsets_buffer, data = chunk.buffers()
    if data is None or len(chunk) == 0:
        return chunk.cast(pa.string())
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[:chunk.offset + len(chunk) + 1]
    raw = np.frombuffer(data, dtype=np.uint8)[:int(offsets[-1])]
    high = raw >= 0x80
    if not high.any():
        return pa.Array.from_buffers(pa.string(), len(chunk), [validity, offsets_buffer, data],
                                     null_count=chunk.null_count, offset=chunk.offset)
    # Where each byte goes: after every byte before it, two for each one from 0x80.
    grown = np.zeros(len(raw) + 1, dtype=np.int64)
    np.cumsum(high, out=grown[1:])
    if len(raw) + int(grown[-1]) > np.iinfo(np.int32).max:
        raise ValueError("the transcoded chunk would exceed 2 GiB")
    at = np.arange(len(raw), dtype=np.int64) + grown[:-1]
    text = np.empty(len(raw) + int(grown[-1]), dtype=np.uint8)
    text[at] = np.where(high, 0xC0 | (raw >> 6), raw)
    text[at[high] + 1] = 0x80 | (raw[high] & 0x3F)
    moved = (offsets + grown[offsets]).astype(np.int32)
    return pa.Array.from_buffers(pa.string(), len(chunk), [validity, pa.py_buffer(moved), pa.py_buffer(text)],
                                 null_count=chunk.null_count, offset=chunk.offset)
