"""Generalisation hierarchies: from ARX's CSV format, or built from a rule over a column's values.

A hierarchy maps every original value to one value per level: level 0 is the value itself, the
last level usually ``*``. ARX's format is one line per original value, ``;``-separated, the
original first and then each level (see ``../shared/data/arx-adult/``).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.inputs import read_limited
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.protect.dates import as_dates
from curator.protect.geo import REGION_OF_DEPARTMENT
from curator.protect.numeric import as_numbers

SUPPRESSED = "*"


@dataclass
class Hierarchy:
    """``originals[i]`` generalises to ``levels[L][i]`` at level ``L`` (``levels[0]`` is ``originals``)."""

    name: str
    levels: list[pa.Array]

    @property
    def originals(self) -> pa.Array:
        return self.levels[0]

    @property
    def height(self) -> int:
        """Number of levels, counting level 0."""
        return len(self.levels)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[str]], name: str = "", where: Location | None = None) -> Hierarchy:
        rows = [list(r) for r in rows if any(cell.strip() for cell in r)]
        if not rows:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the hierarchy is empty")), where)
        width = len(rows[0])
        for number, row in enumerate(rows, start=1):
            if len(row) != width:
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "line {line} has {count} levels where the first "
                                                                "line has {width}"),
                                      line=number, count=len(row), width=width),
                                 Location(file=where.file if where else None, line=number),
                                 hint=Text(QT_TRANSLATE_NOOP("core", "Every line needs the original value and the "
                                                                     "same number of levels.")))
        originals = [r[0] for r in rows]
        if len(set(originals)) != len(originals):
            duplicate = next(v for i, v in enumerate(originals) if v in originals[:i])
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the value '{value}' is listed twice"), value=duplicate),
                             where, hint=Text(QT_TRANSLATE_NOOP("core", "Each original value must appear on one "
                                                                        "line only.")))
        levels = [pa.array([r[i] for r in rows], pa.string()) for i in range(width)]
        return cls(name, levels)

    def generalise(self, values: pa.Array | pa.ChunkedArray, level: int, column: str | None = None) -> pa.Array:
        """``values`` at ``level``; every non-null value must be in the hierarchy."""
        if not 0 <= level < self.height:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "level {level} does not exist in hierarchy '{name}' "
                                                            "(levels 0 to {top})"),
                                  level=level, name=self.name, top=self.height - 1),
                             Location(column=column))
        positions = self.positions(values, column)
        return self.levels[level].take(positions)

    def positions(self, values: pa.Array | pa.ChunkedArray, column: str | None = None) -> pa.Array:
        """Row of each value in the hierarchy (null for null); unknown values are an error."""
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
        if not pa.types.is_string(values.type):
            values = values.cast(pa.string())
        positions = pc.index_in(values, value_set=self.originals)
        missing = pc.and_(pc.is_valid(values), pc.is_null(positions))
        if pc.any(missing).as_py():
            unknown = pc.unique(pc.filter(values, missing))
            shown = ", ".join(f"'{v}'" for v in unknown.to_pylist()[:5])
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "{count} value(s) are not in hierarchy '{name}': "
                                                            "{values}"),
                                  count=len(unknown), name=self.name, values=shown),
                             Location(column=column),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Add them to the hierarchy file, or choose a "
                                                                 "hierarchy that covers them.")))
        return positions


HIERARCHY_MAX_BYTES = 256 * 1024 * 1024
# The csv module's default field limit, checked here rather than left to it: the limit is one setting
# of the whole process, which a library (frictionless raises it) may have changed.
HIERARCHY_MAX_FIELD = 131_072


def read_arx_csv(path: str | Path, name: str | None = None, delimiter: str = ";") -> Hierarchy:
    """Load an ARX hierarchy file (UTF-8, or Windows-1252 when it is not UTF-8)."""
    path = Path(path)
    raw = read_limited(path, HIERARCHY_MAX_BYTES, QT_TRANSLATE_NOOP("core", "hierarchy"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        longest = max((len(field) for row in rows for field in row), default=0)
        if longest > HIERARCHY_MAX_FIELD:
            raise csv.Error(f"a field of {longest:,} characters, more than {HIERARCHY_MAX_FIELD:,}")
    except csv.Error as exc:        # a field too long, a NUL byte
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the hierarchy is not a CSV file curator can read ({reason})"),
                              reason=str(exc)), Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Export it again from ARX (one line per value, "
                                                             "';'-separated)."))) from None
    return Hierarchy.from_rows(rows, name or path.stem, Location(file=path))


def find_hierarchy_file(directory: str | Path, column: str) -> Path | None:
    """``<column>.csv`` or ARX's ``<prefix>_hierarchy_<column>.csv`` in ``directory``."""
    directory = Path(directory)
    plain = directory / f"{column}.csv"
    if plain.is_file():
        return plain
    matches = sorted(directory.glob(f"*_hierarchy_{column}.csv"))
    return matches[0] if matches else None


def load_hierarchies(directory: str | Path, columns: Iterable[str]) -> dict[str, Hierarchy]:
    """One hierarchy per column from ``directory``; a column without a file is an error."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the hierarchies folder does not exist")),
                         Location(file=directory))
    result: dict[str, Hierarchy] = {}
    for column in columns:
        path = find_hierarchy_file(directory, column)
        if path is None:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "no hierarchy for column '{column}'"), column=column),
                             Location(file=directory),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Add '{column}.csv' or "
                                                                 "'<prefix>_hierarchy_{column}.csv' in ARX's format."),
                                       column=column))
        result[column] = read_arx_csv(path, column)
    return result


def hierarchy_from_spec(spec: str | Path | Hierarchy, values: pa.Array | pa.ChunkedArray, name: str = "") -> Hierarchy:
    """A hierarchy named in a recipe: an ARX CSV file, or a rule built over ``values`` —
    ``digits``, ``date``, ``region`` (French départements) or ``intervals:W1,W2,...`` (widths,
    each a multiple of the one before)."""
    if isinstance(spec, Hierarchy):
        return spec
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
    text = str(spec).strip()
    if text == "digits":
        return digits_hierarchy(values, name or text)
    if text == "date":
        return date_hierarchy(values, name or text)
    if text == "region":
        return region_hierarchy(values, name or text)
    if text.startswith("intervals:"):
        try:
            widths = [float(w) for w in text.split(":", 1)[1].split(",") if w.strip()]
        except ValueError:
            widths = []
        if not widths or any(not (math.isfinite(w) and 0 < w <= 2.0 ** 53) for w in widths):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "'{spec}' does not give interval widths"), spec=text),
                             Location(column=name or None),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Write the widths after 'intervals:', for example "
                                                                 "intervals:5,10,20.")))
        return interval_hierarchy(values, widths, name or text)
    path = Path(spec)
    if not path.is_file():
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the hierarchy '{spec}' is neither a file nor a rule"),
                              spec=text), Location(column=name or None),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give an ARX hierarchy CSV, or one of: digits, date, "
                                                             "intervals:W1,W2,...")))
    return read_arx_csv(path, name or None)


# ---- hierarchies built from rules over the values of a column ------------------------------------

def digits_hierarchy(values: pa.Array, name: str = "digits") -> Hierarchy:
    """Mask characters from the right, one more per level (``75014``, ``7501*``, ... ``*****``)."""
    distinct = [v for v in pc.unique(values.cast(pa.string())).to_pylist() if v is not None]
    longest = max((len(v) for v in distinct), default=0)
    rows = [[v] + [v[: max(len(v) - i, 0)] + SUPPRESSED * min(i, len(v)) for i in range(1, longest + 1)]
            for v in distinct]
    return Hierarchy.from_rows(rows, name) if rows else Hierarchy(name, [pa.array([], pa.string())])


def date_hierarchy(values: pa.Array, name: str = "date") -> Hierarchy:
    """``YYYY-MM-DD`` → ``YYYY-MM`` → ``YYYY`` → decade (``1980-1989``) → ``*``."""
    distinct_text = pc.drop_null(pc.unique(values.cast(pa.string())))
    distinct_dates = as_dates(distinct_text, name)
    iso = pc.strftime(distinct_dates.cast(pa.timestamp("s")), format="%Y-%m-%d").to_pylist()
    rows = []
    for original, day in zip(distinct_text.to_pylist(), iso, strict=True):
        year = int(day[:4])
        decade = year - year % 10
        rows.append([original, day[:7], day[:4], f"{decade}-{decade + 9}", SUPPRESSED])
    return Hierarchy.from_rows(rows, name) if rows else Hierarchy(name, [pa.array([], pa.string())])


def region_hierarchy(values: pa.Array, name: str = "region") -> Hierarchy:
    """A French département (``69``, ``2A``, ``971``) → its region's INSEE code (``R84``) → ``*``."""
    distinct = [v for v in pc.unique(values.cast(pa.string())).to_pylist() if v is not None]
    rows = [[v, f"R{REGION_OF_DEPARTMENT[v]}" if v in REGION_OF_DEPARTMENT else SUPPRESSED, SUPPRESSED]
            for v in distinct]
    return Hierarchy.from_rows(rows, name) if rows else Hierarchy(name, [pa.array([], pa.string())])


def interval_hierarchy(values: pa.Array, widths: Sequence[float], name: str = "intervals") -> Hierarchy:
    """Numbers grouped into intervals of each width in turn (``[20;25[``, ``[20;30[``...), then ``*``.

    Each width should be a multiple of the one before, so that intervals nest."""
    distinct_text = pc.drop_null(pc.unique(values.cast(pa.string())))
    numbers = as_numbers(distinct_text, name).to_pylist()
    rows = []
    for original, number in zip(distinct_text.to_pylist(), numbers, strict=True):
        row = [original]
        for width in widths:
            start = (number // width) * width
            row.append(f"[{_fmt(start)};{_fmt(start + width)}[")
        row.append(SUPPRESSED)
        rows.append(row)
    return Hierarchy.from_rows(rows, name) if rows else Hierarchy(name, [pa.array([], pa.string())])


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"
