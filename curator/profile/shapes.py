"""Value shapes ("01000" -> "99999", "2A" -> "9A", "Hélène" -> "Aaaaaa") without a per-row regex.

The shape is a byte-for-byte rewrite of the UTF-8 data buffer through a lookup table (numpy),
which costs about as much as copying the column; regex replacement costs a hundred times more.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SHAPE_CHARS = 24
CONTINUATION = 0x01  # marks UTF-8 continuation bytes, removed afterwards
TRANSLATE_SLICE = 1 << 20

_TABLE = np.arange(256, dtype=np.uint8)
_TABLE[ord("0"):ord("9") + 1] = ord("9")
_TABLE[ord("A"):ord("Z") + 1] = ord("A")
_TABLE[ord("a"):ord("z") + 1] = ord("a")
_TABLE[0x80:0xC0] = CONTINUATION
_TABLE[0xC0:0x100] = ord("a")
_TABLE[CONTINUATION] = ord("?")
_TABLE_BYTES = _TABLE.tobytes()


def shape_byte(byte: int) -> str:
    """The shape of one ASCII byte, as :func:`shapes_of` writes it."""
    return chr(_TABLE[byte])


def cut_shape(shape: str) -> str:
    """A shape cut as :func:`shapes_of` cuts long ones."""
    return shape[:SHAPE_CHARS] + "…" if len(shape) > SHAPE_CHARS else shape


def _translated(data: pa.Buffer) -> np.ndarray:
    """The bytes of ``data`` through the shape table, one slice at a time.

    bytes.translate is a plain table loop, faster than numpy's fancy indexing, but it holds the
    GIL: on a whole column of free text in one call, that froze the GUI thread visibly. Slices of
    TRANSLATE_SLICE bytes are short, and the GIL is free between them.
    """
    source = memoryview(data)
    shaped = np.empty(len(source), dtype=np.uint8)
    for start in range(0, len(source), TRANSLATE_SLICE):
        piece = source[start:start + TRANSLATE_SLICE].tobytes().translate(_TABLE_BYTES)
        shaped[start:start + len(piece)] = np.frombuffer(piece, dtype=np.uint8)
    return shaped


def shapes_of(values: pa.Array) -> pa.Array:
    """The shape of each value of a string array (nulls stay null); long shapes are cut with "…"."""
    if len(values) == 0:
        return values
    values = values.cast(pa.string()) if not pa.types.is_string(values.type) else values
    validity, offsets, data = values.buffers()
    if data is None:
        return values
    raw = np.frombuffer(data, dtype=np.uint8)
    shaped = _translated(data)
    multibyte = np.flatnonzero(raw == 0xC3)
    if multibyte.size:
        # Latin-1 capitals (À-Þ) are C3 80..9E: keep them capitals in the shape.
        following = raw[np.minimum(multibyte + 1, raw.size - 1)]
        capital = (following >= 0x80) & (following <= 0x9E) & (following != 0x97)
        shaped[multibyte[capital]] = ord("A")
    result = pa.StringArray.from_buffers(len(values), offsets, pa.py_buffer(shaped), validity,
                                         values.null_count, values.offset)
    if multibyte.size or (raw >= 0x80).any():
        result = pc.replace_substring(result, chr(CONTINUATION), "")
    # Shapes are ASCII except for letters outside Latin-1, so bytes are a good enough measure here.
    long = pc.greater(pc.binary_length(result), SHAPE_CHARS)
    if pc.any(long).as_py():
        cut = pc.binary_join_element_wise(pc.utf8_slice_codeunits(result, 0, SHAPE_CHARS), "…", "")
        result = pc.if_else(long, cut, result)
    return result
