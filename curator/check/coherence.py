"""Coherence: the vocabulary's rules between the fields of a row and between rows, on the converted table.

Each rule (``curator/mapping/rules.py``) applies to a table that maps every concept it reads; it
gives a boolean mask of the rows that break it, computed with pyarrow compute and numpy (a key's
values as int64 numbers, sorted to tell its first row from its repeats). A repeated key or record is
counted from its second row on, so that excluding the offending rows keeps one of each.

The streamed apply checks one batch at a time: :class:`KeysSeen` carries the keys of the batches
before, so that a key repeated across batches is found too. Rules across tables (``Rule.link``) are
never evaluated on one table alone: :func:`bind_linked` binds them, for each table of a linked
submission, to what the other tables hold per person (gathered beforehand from the few columns they
read); the bound rules (:class:`BoundRule`) are then checked and decided like the others, whole or
batch by batch.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.background import Background
from curator.check.convert import convert_column
from curator.check.report import MAX_EXAMPLES, Finding, RuleResult
from curator.mapping.rules import EXACT_DUPLICATES, Rule
from curator.mapping.vocabulary import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Label, Text
from curator.profile.keys import _value_bytes
from curator.recipe.model import Recipe
from curator.textkeys import KeyIndex, fixed_width

ALL_COLUMNS = Text(QT_TRANSLATE_NOOP("core", "all columns"))
EXACT_DUPLICATES_LABEL = Label("exact duplicate of an earlier row", fr="doublon exact d'une ligne précédente")
# Rows sampled to choose the column that splits the rows best before comparing whole rows.
SAMPLE_ROWS = 4_096
@dataclass
class Broken:
    """The rows of a table (or batch) that break one rule."""

    rule: str
    label: Label
    detail: str
    columns: list[str]
    mask: pa.Array
    keys: int = 0          # unique rules and exact duplicates: how many keys are repeated


@dataclass
class KeysSeen:
    """What the streamed apply carries from batch to batch so that a key repeated across batches is found.

    Keys are int64 numbers: a text of digits is its number and length, other texts are numbered in
    ``texts`` as first met, dates and numbers are their own value; a key of several columns is a
    64-bit mix of theirs (two different keys share one with a chance of about n²/2⁶⁵: 6·10⁻⁸ for
    1.5M rows)."""

    seen: dict[str, _Runs] = field(default_factory=dict)               # rule -> the keys of earlier rows
    texts: dict[str, TextNumbers] = field(default_factory=dict)        # column -> its texts' numbers
    # A rule across tables' other tables, sorted by person once for all the batches (:meth:`held`).
    across: dict[int, _Held] = field(default_factory=dict)

    def held(self, across: Across) -> _Held:
        if id(across) not in self.across:
            self.across[id(across)] = _held_of(across)
        return self.across[id(across)]


@dataclass
class TextNumbers:
    """A column's texts numbered as first met, from batch to batch: held as sorted text keys
    (:mod:`curator.textkeys`) beside their numbers, searched with each batch's distinct texts; once a
    text too long for such keys comes, in a dict (a million Python strings, the price of the rare case)."""

    held: KeyIndex = field(default_factory=KeyIndex)
    long: dict[str, int] | None = None
    # The letters before the digits of identifiers such as 'S000123' (see _prefixed), chosen on
    # the first batch and kept: a value's number must not depend on its batch. "": none.
    prefix: str | None = None

    def of(self, distinct: pa.Array) -> np.ndarray:
        """The number of each of the ``distinct`` texts (no nulls), those not met before numbered
        after the others in their order."""
        keys = fixed_width(distinct) if self.long is None else None
        if keys is None:
            texts = self.long if self.long is not None else self._as_dict()
            self.long = texts
            return np.array([texts.setdefault(v, len(texts) + 1) for v in distinct.to_pylist()], dtype=np.int64)
        numbers = self.held.find(keys)
        new = np.flatnonzero(numbers < 0)
        numbers[new] = len(self.held) + 1 + np.arange(len(new))
        self.held.add(keys[new], numbers[new])
        return numbers

    def _as_dict(self) -> dict[str, int]:
        width = self.held.keys.dtype.itemsize
        padded = (bytes(key).ljust(width, b"\0") for key in self.held.keys)
        return {key[1:1 + key[0]].decode(): int(number) for key, number in zip(padded, self.held.values, strict=True)}


def linked_rules(vocabulary: Vocabulary) -> list[Rule]:
    """The rules that compare tables of one linked submission (checked once such submissions exist, #20)."""
    return [r for r in vocabulary.rules if r.linked]


def applicable(vocabulary: Vocabulary, concept_columns: Mapping[str, str],
               primary_key: Sequence[str] = ()) -> list[tuple[Rule, list[str]]]:
    """The in-table rules this table can be checked against, each with the columns it reads.

    ``concept_columns``: concept id -> the (first) column mapped to it. ``primary_key``: the columns
    the recipe declares as the table's key. A rule that holds in a table of persons only (one row per
    patient: its ``unless_mapped`` concepts tell a table of events) is then checked when they are its
    columns, and not in a table keyed by anything else (diagnoses with their own ids), whatever the
    table maps."""
    found = []
    for rule in vocabulary.rules:
        if rule.kind == "plausible":
            # The measure, then the first way of telling the age that this table maps.
            way = next((w for w in rule.ages if all(c in concept_columns for c in w)), None)
            if rule.concepts[0] in concept_columns and way is not None:
                found.append((rule, [concept_columns[c] for c in (rule.concepts[0], *way)]))
            continue
        if (rule.linked and not isinstance(rule, BoundRule)) or not all(c in concept_columns for c in rule.concepts):
            continue
        columns = [concept_columns[c] for c in rule.concepts]
        if rule.unless_mapped and primary_key:
            if sorted(primary_key) != sorted(columns):
                continue
        elif any(c in concept_columns for c in rule.unless_mapped):
            continue
        found.append((rule, columns))
    return found


def _comparable(arrays: Sequence[pa.Array]) -> list[pa.Array]:
    """Dates and times compared as timestamps when a rule mixes them; numbers as they are."""
    kinds = {str(a.type) for a in arrays}
    if len(kinds) > 1 and any(pa.types.is_timestamp(a.type) for a in arrays):
        return [pc.cast(a, pa.timestamp("s")) if pa.types.is_date(a.type) else a for a in arrays]
    return list(arrays)


def _order(rule: Rule, arrays: Sequence[pa.Array]) -> pa.Array:
    """Each present value compared with the nearest present one before it in the chain."""
    values = _comparable(arrays)
    latest = values[0]
    broken = None
    for strict, value in zip(rule.strict, values[1:], strict=True):
        step = (pc.less_equal if strict else pc.less)(value, latest).fill_null(False)
        broken = step if broken is None else pc.or_(broken, step)
        latest = pc.coalesce(value, latest)
    assert broken is not None
    return broken


def _presence(rule: Rule, arrays: Sequence[pa.Array]) -> pa.Array:
    condition, then = arrays
    if not pa.types.is_string(condition.type) and not pa.types.is_large_string(condition.type):
        condition = pc.cast(condition, pa.string())
    holds = pc.is_in(condition, value_set=pa.array(rule.condition_in, condition.type)).fill_null(False)
    present = pc.is_valid(then)
    broken = pc.and_(holds, pc.invert(present))
    if rule.both_ways:
        broken = pc.or_(broken, pc.and_(pc.and_(present, pc.is_valid(condition)), pc.invert(holds)))
    return broken


def _days(array: pa.Array) -> np.ndarray:
    """Days since 1970 (numpy's calendar arithmetic is a fraction of Arrow's field extraction)."""
    if not pa.types.is_date32(array.type):
        array = pc.cast(array, pa.date32())
    return _as_numpy(pc.cast(array, pa.int32()).fill_null(0)).astype("datetime64[D]")


def _span(rule: Rule, arrays: Sequence[pa.Array]) -> pa.Array:
    start, end = (_days(a) for a in arrays)
    days = (end - start).astype(np.int64)
    broken = np.zeros(len(days), dtype=np.bool_)
    if rule.unit == "days":
        if rule.minimum is not None:
            broken |= days < rule.minimum
        if rule.maximum is not None:
            broken |= days > rule.maximum
    else:
        if rule.minimum is not None:
            broken |= _years_below(days, start, end, rule.minimum)
        if rule.maximum is not None:
            broken |= ~_years_below(days, start, end, np.floor(rule.maximum) + 1)
    return pa.array(broken & _present(arrays[0]) & _present(arrays[1]))


def _years_below(days: np.ndarray, start: np.ndarray, end: np.ndarray, bound: float) -> np.ndarray:
    """Whether the whole years from start to end (an age) are below ``bound``.

    ``bound`` years are between bound x 365 and bound x 366 days: only rows that far apart need the
    calendar (a fraction of Arrow's or numpy's calendar work on every row)."""
    whole = int(np.ceil(bound))
    edges = (whole * 365, whole * 366)
    below = days < whole * 365.2425
    near = np.flatnonzero((days >= min(edges) - 2) & (days <= max(edges) + 2))
    if len(near):
        below[near] = _whole_years(start[near], end[near]) < whole
    return below


def _year_and_day(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The year, and month * 100 + day (which orders dates within a year, leap or not)."""
    months = days.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    month = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return years.astype(np.int64), month * 100 + day


def _whole_years(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The age in whole years from ``start`` to ``end`` (datetime64[D]), birthdays counted on the calendar."""
    start_year, start_day = _year_and_day(start)
    end_year, end_day = _year_and_day(end)
    return end_year - start_year - (end_day < start_day)


def _ages_at(start: np.ndarray, end: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Whole years from ``start`` to ``end``, exact where it decides on which side of an age in ``edges``
    a row falls (only rows within a few days of such a birthday need the calendar)."""
    days = (end - start).astype(np.int64)
    years = np.floor(days / 365.2425)
    edges = edges[edges > 0]
    if not len(edges):
        return years
    # Most rows are far past the last edge (adults): only the others are compared with each edge.
    young = np.flatnonzero(days <= np.ceil(edges.max()) * 366 + 2)
    near = np.zeros(len(young), dtype=np.bool_)
    young_days = days[young]
    for edge in edges:
        near |= (young_days >= np.floor(edge) * 365 - 2) & (young_days <= np.ceil(edge) * 366 + 2)
    rows = young[near]
    if len(rows):
        years[rows] = _whole_years(start[rows], end[rows])
    return years


def _plausible(rule: Rule, arrays: Sequence[pa.Array]) -> pa.Array:
    """A measure outside the bounds of its row's band of age (an age column, or whole years between two dates)."""
    value, *age = arrays
    known = _present(value) & np.logical_and.reduce([_present(a) for a in age])
    broken = np.zeros(len(value), dtype=np.bool_)
    rows = np.flatnonzero(known)
    if not len(rows):
        return pa.array(broken)
    measure = _as_numpy(pc.cast(value, pa.float64()).take(pa.array(rows)), np.float64)
    starts = np.array([b.age for b in rule.bands])
    if len(age) == 1:
        years = np.floor(_as_numpy(pc.cast(age[0], pa.float64()).take(pa.array(rows)), np.float64))
    else:
        years = _ages_at(_days(age[0])[rows], _days(age[1])[rows], starts)
    lows = np.array([-np.inf if b.minimum is None else b.minimum for b in rule.bands])
    highs = np.array([np.inf if b.maximum is None else b.maximum for b in rule.bands])
    band = np.searchsorted(starts, years, side="right") - 1
    # An age below the first band (a negative age: another rule's finding) is not judged here.
    judged = band >= 0
    band = np.maximum(band, 0)
    broken[rows] = judged & ((measure < lows[band]) | (measure > highs[band]))
    return pa.array(broken)


# Texts of at most this many digits are keyed by their number (times 20, plus their length: '007' is not '7').
DIGITS_KEYED = 17
_MIX_1, _MIX_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def _digits_key(number: np.ndarray, length: np.ndarray | int) -> np.ndarray:
    """A text of at most ``DIGITS_KEYED`` digits as one int64: its number and its length."""
    return number * 20 + length


def _id_key(number: np.ndarray, length: np.ndarray | int) -> np.ndarray:
    """The digits of an id after the column's prefix (:func:`_prefixed`): negative and even, apart
    from digits' keys (positive) and other texts' numbers (negative and odd)."""
    return -2 * _digits_key(number, length) - 2


def _as_numpy(array: pa.Array, dtype: type = np.int64) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=dtype)


def _present(array: pa.Array) -> np.ndarray:
    # Through a uint8 cast: converting Arrow booleans (bits) to numpy directly holds the GIL.
    return pc.cast(pc.is_valid(array), pa.uint8()).to_numpy(zero_copy_only=False).view(np.bool_)


def _numbers(array: pa.Array | pa.ChunkedArray, texts: TextNumbers | None = None) -> np.ndarray:
    """Per row, an int64 that equals another row's exactly when their values are equal (nulls: 0).

    ``texts``: the numbers given to texts so far, for numbers that agree from one batch to the next;
    without it, texts are numbered by dictionary encoding (this array only)."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    kind = array.type
    if pa.types.is_date32(kind):
        return _as_numpy(pc.cast(array, pa.int32()).fill_null(0))
    if pa.types.is_temporal(kind) or pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return _as_numpy(pc.cast(array, pa.int64()).fill_null(0))
    if pa.types.is_floating(kind):
        return _as_numpy(pc.cast(array, pa.float64()).fill_null(0.0), np.float64).view(np.int64)
    if not pa.types.is_string(kind):
        array = pc.cast(array, pa.string())
    lengths = pc.utf8_length(array)
    longest, shortest = pc.max(lengths).as_py(), pc.min(lengths).as_py()
    if longest is None:
        return np.zeros(len(array), dtype=np.int64)
    if shortest >= 1 and longest <= DIGITS_KEYED and pc.all(pc.ascii_is_decimal(array)).as_py():
        number = _as_numpy(pc.cast(array, pa.int64()).fill_null(0))
        return _digits_key(number, _as_numpy(lengths.fill_null(0)))
    if texts is None:
        return _as_numpy(pc.dictionary_encode(array).indices.fill_null(-1)) + 1
    prefixed, numbers = _prefixed(array, texts)
    keyed = prefixed if prefixed is not None else np.zeros(len(array), dtype=np.bool_)
    # A value of digits alone has its number in every batch, as in a batch of digits only: the
    # same value must have one number whatever the other values of its batch.
    only_digits = np.zeros(len(array), dtype=np.bool_)
    if not keyed.all():
        digits = pc.and_(pc.ascii_is_decimal(array),
                         pc.and_(pc.greater(lengths, 0), pc.less_equal(lengths, DIGITS_KEYED)))
        only_digits = _as_numpy(pc.cast(pc.fill_null(digits, False), pa.uint8()), np.uint8).view(np.bool_)
    if only_digits.any():
        chosen = pa.array(only_digits)
        numbers[only_digits] = _digits_key(_as_numpy(pc.cast(pc.filter(array, chosen), pa.int64())),
                                           _as_numpy(pc.filter(lengths, chosen)))
        keyed = keyed | only_digits
    if not keyed.all():
        rest = array.filter(pa.array(~keyed)) if keyed.any() else array
        encoded = pc.dictionary_encode(rest)       # its dictionary: the distinct texts as first met
        # The texts' numbers negative and odd, apart from digits' (positive) and ids' (negative, even).
        held = 1 - 2 * texts.of(encoded.dictionary)
        numbers[~keyed] = np.concatenate([held, [0]])[_as_numpy(encoded.indices.fill_null(len(held)))]
    return numbers


def _prefixed(array: pa.Array, texts: TextNumbers) -> tuple[np.ndarray | None, np.ndarray]:
    """Which values are the column's prefix then 1 to ``DIGITS_KEYED`` digits ('S000123', 'D42'),
    and for those a number of their own, negative and even (apart from the other texts' numbers,
    negative and odd, and digits', positive): ten million record ids are then keyed without
    holding their texts."""
    if texts.prefix is None:
        first = array.filter(pc.is_valid(array))[:1].to_pylist()
        head = re.match(r"[A-Za-z_-]{1,4}(?=[0-9])", first[0]) if first else None
        texts.prefix = head.group(0) if head else ""
    numbers = np.zeros(len(array), dtype=np.int64)
    if not texts.prefix:
        return None, numbers
    fixed = _fixed_prefixed(array, texts.prefix)
    if fixed is not None:
        return fixed
    width = len(texts.prefix)
    digits = pc.utf8_slice_codeunits(array, width)
    lengths = pc.utf8_length(digits)
    fits = pc.and_(pc.and_(pc.starts_with(array, texts.prefix), pc.greater(lengths, 0)),
                   pc.and_(pc.less_equal(lengths, DIGITS_KEYED), pc.ascii_is_decimal(digits)))
    prefixed = _as_numpy(pc.cast(pc.fill_null(fits, False), pa.uint8()), np.uint8).view(np.bool_)
    if prefixed.any():
        chosen = pa.array(prefixed)
        number = _as_numpy(pc.cast(pc.filter(digits, chosen), pa.int64()))
        numbers[prefixed] = _id_key(number, _as_numpy(pc.filter(lengths, chosen)))
    return prefixed, numbers


def _fixed_prefixed(array: pa.Array, prefix: str) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`_prefixed` for values of one length in bytes (most ids), on their bytes as a matrix:
    a dozen Arrow kernels less per batch. None when the values' lengths differ."""
    found = _value_bytes(array, None)
    head = prefix.encode()
    if found is None or not 0 < found[1] - len(head) <= DIGITS_KEYED:
        return None
    chars = found[0]
    digits = chars[:, len(head):] - np.uint8(ord("0"))       # uint8 wraps below "0"
    # Whole-matrix tests first: a row-by-row reduction costs more than all the rest, and ids all fit.
    starts = chars[:, :len(head)] == np.frombuffer(head, dtype=np.uint8)
    fits = starts.all(axis=1) if not starts.all() else np.ones(len(chars), dtype=np.bool_)
    if (digits >= 10).any():
        fits &= (digits < 10).all(axis=1)
    number = np.zeros(len(chars), dtype=np.int64)
    for column in range(digits.shape[1]):
        number = number * 10 + digits[:, column]
    valid = np.flatnonzero(_present(array)) if array.null_count else np.arange(len(array))
    prefixed = np.zeros(len(array), dtype=np.bool_)
    prefixed[valid] = fits
    numbers = np.zeros(len(array), dtype=np.int64)
    numbers[valid[fits]] = _id_key(number[fits], digits.shape[1])
    return prefixed, numbers


def _mixed(parts: Sequence[np.ndarray]) -> np.ndarray:
    """One 64-bit key from several (splitmix64's finaliser after each part)."""
    key = np.zeros(len(parts[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for part in parts:
            key = (key ^ part.view(np.uint64)) + np.uint64(0x9E3779B97F4A7C15)
            key = (key ^ (key >> np.uint64(30))) * _MIX_1
            key = (key ^ (key >> np.uint64(27))) * _MIX_2
            key = key ^ (key >> np.uint64(31))
    return key.view(np.int64)


def _combined(parts: Sequence[np.ndarray]) -> np.ndarray:
    """One exact key from several: each part's values offset to start at 0, in a mixed radix (made
    dense again with np.unique when the product would overflow)."""
    key = parts[0] - parts[0].min() if len(parts[0]) else parts[0]
    for part in parts[1:]:
        if not len(part):
            return key
        low = part.min()
        span = int(part.max()) - int(low) + 1
        if (int(key.max()) + 1) * span >= 2**62:
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            if (int(key.max()) + 1) * span >= 2**62:
                values, part = np.unique(part, return_inverse=True)
                low, span = 0, len(values)
        key = key * span + (part - low)
    return key


def _repeated(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which elements repeat an earlier element's key, and the keys that repeat (distinct).

    A sort tells first whether any key repeats (the usual answer is no); a stable argsort then
    keeps each key's first element first."""
    flags = np.zeros(len(keys), dtype=np.bool_)
    if len(keys) < 2:
        return flags, keys[:0]
    ordered = np.sort(keys)
    if not (ordered[1:] == ordered[:-1]).any():
        return flags, keys[:0]
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    same = ordered[1:] == ordered[:-1]
    flags[order[1:][same]] = True
    return flags, np.unique(ordered[1:][same])


@dataclass
class _Keyed:
    """The columns of one check as key numbers, each computed once for all the rules that read it."""

    columns: Mapping[str, pa.Array | pa.ChunkedArray]
    seen: KeysSeen | None
    numbers: dict[str, np.ndarray] = field(default_factory=dict)
    present: dict[str, np.ndarray] = field(default_factory=dict)
    all_distinct: dict[str, bool] = field(default_factory=dict)

    def of(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        if name not in self.numbers:
            array = self.columns[name]
            if isinstance(array, pa.ChunkedArray):
                array = array.combine_chunks()
            texts = self.seen.texts.setdefault(name, TextNumbers()) if self.seen is not None else None
            self.numbers[name], self.present[name] = _numbers(array, texts), _present(array)
        return self.numbers[name], self.present[name]

    def distinct(self, name: str) -> bool:
        """Whether no two rows of this table share a value of ``name`` (then no key holding it repeats here)."""
        if name not in self.all_distinct:
            numbers, present = self.of(name)
            values = numbers[present]
            ordered = values if _monotonic(values) is not None else np.sort(values)
            self.all_distinct[name] = not (ordered[1:] == ordered[:-1]).any()
        return self.all_distinct[name]


def _monotonic(keys: np.ndarray) -> bool | None:
    """True when each key is above the one before, False when each is below, else None."""
    if len(keys) < 2 or bool((keys[1:] > keys[:-1]).all()):
        return True
    return False if bool((keys[1:] < keys[:-1]).all()) else None


def _in_order(keys: np.ndarray) -> tuple[np.ndarray | None, np.ndarray, bool]:
    """A stable sort of ``keys``: (the order, None when it is the keys' own; the keys sorted; whether
    no two are equal). Ids often come in order, or in reverse (ids' keys fall as their digits rise):
    one comparison of neighbours then spares the sort."""
    rising = _monotonic(keys)
    if rising is not None:
        return (None, keys, True) if rising else (np.arange(len(keys) - 1, -1, -1), keys[::-1], True)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    return order, ordered, not (ordered[1:] == ordered[:-1]).any()


@dataclass
class _Runs:
    """A unique rule's keys of the batches before, each once, in sorted runs of decreasing length
    (each at least twice the next, so a few runs however many batches): a batch adds its new keys as
    a run, merged with the last ones while they are not that much longer, so that a key is moved a
    few times in all rather than every earlier key once per batch. Beside each run, which of its keys
    were found repeated (None: none yet), and how many keys are repeated in all."""

    keys: list[np.ndarray] = field(default_factory=list)
    repeated: list[np.ndarray | None] = field(default_factory=list)
    count: int = 0

    def find(self, ordered: np.ndarray) -> np.ndarray:
        """Which of the sorted ``ordered`` keys an earlier batch had (those are marked repeated)."""
        hit = np.zeros(len(ordered), dtype=np.bool_)
        if not len(ordered):
            return hit
        for number, run in enumerate(self.keys):
            # Only the queries within the run's range are searched (none when ids come in order).
            low = int(np.searchsorted(ordered, run[0], side="left"))
            high = int(np.searchsorted(ordered, run[-1], side="right"))
            if low >= high:
                continue
            queries = ordered[low:high]
            at = np.minimum(np.searchsorted(run, queries), len(run) - 1)
            found = run[at] == queries
            if not found.any():
                continue
            hit[low:high] |= found
            places = at[found]
            places = places[np.concatenate(([True], places[1:] != places[:-1]))]
            flags = self.repeated[number]
            if flags is None:
                flags = self.repeated[number] = np.zeros(len(run), dtype=np.bool_)
            self.count += int(len(places) - np.count_nonzero(flags[places]))
            flags[places] = True
        return hit

    def add(self, keys: np.ndarray, repeated: np.ndarray) -> None:
        """New keys (sorted, each once, none held) with which of them are repeated already."""
        self.count += int(np.count_nonzero(repeated))
        if not len(keys):
            return
        self.keys.append(keys)
        self.repeated.append(repeated if repeated.any() else None)
        while len(self.keys) > 1 and len(self.keys[-2]) < 2 * len(self.keys[-1]):
            later, later_flags = self.keys.pop(), self.repeated.pop()
            earlier, earlier_flags = self.keys.pop(), self.repeated.pop()
            if later[0] < earlier[0]:
                earlier, later, earlier_flags, later_flags = later, earlier, later_flags, earlier_flags
            merged = np.concatenate([earlier, later])
            flags = None
            if earlier_flags is not None or later_flags is not None:
                flags = np.concatenate([np.zeros(len(earlier), np.bool_) if earlier_flags is None else earlier_flags,
                                        np.zeros(len(later), np.bool_) if later_flags is None else later_flags])
            if later[0] < earlier[-1]:
                # Interleaved sorted runs: sorted in place, which merges them in one pass (no order
                # array beside the keys); the keys flagged repeated found again after.
                flagged = merged[flags] if flags is not None else None
                merged.sort(kind="stable")
                if flagged is not None:
                    flags = np.zeros(len(merged), dtype=np.bool_)
                    flags[np.searchsorted(merged, flagged)] = True
            self.keys.append(merged)
            self.repeated.append(flags)


def _unique(rule_id: str, names: Sequence[str], keyed: _Keyed) -> tuple[pa.Array, int]:
    """Rows whose key (every part present) an earlier row had, and how many keys repeat."""
    present = np.logical_and.reduce([keyed.of(n)[1] for n in names])
    mask = np.zeros(len(present), dtype=np.bool_)
    seen = keyed.seen
    if seen is None and any(keyed.distinct(n) for n in names):
        return pa.array(mask), 0
    rows = np.flatnonzero(present)
    parts = [keyed.of(n)[0][rows] for n in names]
    if seen is None:
        flags, repeated = _repeated(parts[0] if len(parts) == 1 else _combined(parts))
        mask[rows[flags]] = True
        return pa.array(mask), len(repeated)
    keys = parts[0] if len(parts) == 1 else _mixed(parts)
    # One stable sort serves both: repeats within the batch (each key's first row first), and the
    # search among earlier keys with sorted queries (a random search of a large array misses the cache).
    order, ordered, distinct = _in_order(keys)
    if len(names) == 1:
        keyed.all_distinct.setdefault(names[0], distinct)
    first = np.ones(len(ordered), dtype=np.bool_)
    if not distinct:
        first[1:] = ordered[1:] != ordered[:-1]
    runs = seen.seen.setdefault(rule_id, _Runs())
    earlier = runs.find(ordered)
    again = ~first | earlier
    fresh = first & ~earlier
    # A new key repeated within the batch: its first row's next one has it too.
    twice = np.zeros(len(ordered), dtype=np.bool_)
    if not distinct:
        twice[:-1] = ~first[1:]
    runs.add(ordered[fresh], twice[fresh])
    mask[rows[again if order is None else order[again]]] = True
    return pa.array(mask), runs.count


def evaluate(rules: Sequence[tuple[Rule, list[str]]], columns: Mapping[str, pa.Array | pa.ChunkedArray],
             seen: KeysSeen | None = None, keyed: _Keyed | None = None) -> list[Broken]:
    """Each rule's offending rows in ``columns`` (source column -> converted values)."""
    found = []
    keyed = keyed if keyed is not None else _Keyed(columns, seen)
    for rule, names in rules:
        keys = 0
        if rule.kind == "unique":
            mask, keys = _unique(rule.id, names, keyed)
        else:
            arrays = [columns[n] for n in names]
            combined = [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in arrays]
            if isinstance(rule, BoundRule):
                mask = _across(rule, combined, seen)
            else:
                mask = {"order": _order, "presence": _presence, "span": _span, "plausible": _plausible}[rule.kind](
                    rule, combined)
        found.append(Broken(rule.id, rule.label, rule.describe(), names, mask, keys))
    return found


def _chunked(array: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


def _splitting_columns(table: pa.Table, numbered: Sequence[str] = ()) -> list[str]:
    """The columns with the most distinct values in a sample (rows that differ there differ), best
    first: one ``numbered`` already (a key the rules read as it is), else one of digits (its keys are
    its numbers), then the others."""
    start = max(table.num_rows // 3 - SAMPLE_ROWS // 2, 0)
    sample = table.slice(start, SAMPLE_ROWS)
    counts = {name: pc.count_distinct(sample.column(name)).as_py() for name in table.column_names}
    most = max(counts.values())
    tied = [name for name, count in counts.items() if count == most]
    digits = [name for name in tied if name in numbered] or [
        name for name in tied if pa.types.is_string(sample.column(name).type)
        and pc.all(pc.ascii_is_decimal(sample.column(name))).as_py()]
    return [*digits, *(name for name in tied if name not in digits)]


def _sharing(splitter: np.ndarray | pa.ChunkedArray) -> np.ndarray:
    """The rows whose value of ``splitter`` another row has too (two empty values are alike): key
    numbers, digits and ids by their numbers (no sort when they come in order), other texts
    counted by Arrow's hash table (no sort, without the GIL)."""
    if isinstance(splitter, np.ndarray):
        if _monotonic(splitter) is not None:
            return np.zeros(0, dtype=np.int64)
        ordered = np.sort(splitter)
        same = ordered[1:] == ordered[:-1]
        if not same.any():
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(np.isin(splitter, np.unique(ordered[1:][same])))
    array = splitter.combine_chunks()
    if pa.types.is_string(array.type):
        if pc.all(pc.ascii_is_decimal(array)).as_py():
            return _sharing(_numbers(array))         # digits: their numbers, parsed faster than hashed
        # Ids such as 'D000123' (a record's own id, the likeliest splitter): their digits' numbers.
        prefixed, numbers = _prefixed(array, TextNumbers())
        if prefixed is not None and prefixed.all():
            return _sharing(numbers)
    encoded = pc.dictionary_encode(array, null_encoding="encode")
    if len(encoded.dictionary) == len(array):
        return np.zeros(0, dtype=np.int64)
    codes = _as_numpy(encoded.indices)
    return np.flatnonzero(np.bincount(codes)[codes] > 1)


def exact_duplicates(table: pa.Table, keyed: _Keyed | None = None) -> Broken:
    """Rows identical in every column to an earlier row (as read: text before any conversion).

    Only rows whose most distinct column repeats can be duplicates (any column would do: identical
    rows share every value); whole rows are compared among those. The streamed apply calls it per
    batch: a record repeated in another batch is not found (comparing every record with all those
    before would hold the file in memory)."""
    names = table.column_names
    mask = np.zeros(table.num_rows, dtype=np.bool_)
    keys = 0
    if names and table.num_rows > 1:
        numbered = [n for n in table.column_names if keyed is not None and n in keyed.numbers
                    and _chunked(keyed.columns[n]).equals(table.column(n))]
        candidates = None
        # The sample may tie columns (a record id, an establishment's number): the next is tried
        # while the rows the last one leaves may repeat, the fewest kept.
        for name in _splitting_columns(table, numbered):
            column = table.column(name)
            # A key column the rules have numbered already, with the same values as read (no conversion).
            if name in numbered and keyed is not None:
                if keyed.distinct(name) and column.null_count <= 1:
                    candidates = np.zeros(0, dtype=np.int64)
                    break
                sharing = _sharing(keyed.of(name)[0])
            else:
                sharing = _sharing(column)
            if candidates is None or len(sharing) < len(candidates):
                candidates = sharing
            if not len(candidates):
                break
        if candidates is not None and len(candidates):
            rows = table.take(pa.array(candidates))
            flags, repeated = _repeated(_combined([_numbers(rows.column(n)) for n in names]))
            mask[candidates[flags]] = True
            keys = len(repeated)
    return Broken(EXACT_DUPLICATES, EXACT_DUPLICATES_LABEL, "", list(names), pa.array(mask), keys)


_CLASS_ORDER = ("none", "sensitive", "quasi", "direct")


def _shown_values(sources: Mapping[str, pa.Array | pa.ChunkedArray], names: Sequence[str], rows: pa.Array) -> list[str]:
    """The offending rows' values as written, one text per row ('12/03/2021 | 01/03/2021')."""
    if len(names) > 4:
        return [""] * len(rows)
    columns = [pc.take(sources[n], rows).to_pylist() for n in names]
    return [" | ".join("" if v is None else str(v) for v in values) for values in zip(*columns, strict=True)]


@dataclass
class Settled:
    """The coherence findings of a table with the recipe's decisions applied."""

    results: list[RuleResult]
    excluded: pa.Array | None          # rows to leave out
    emptied: dict[str, pa.Array]       # source column -> rows whose value is emptied
    off: dict[str, str]                # rule -> why it is not checked


def settle(table: pa.Table, typed: Mapping[str, pa.Array | pa.ChunkedArray], concept_columns: Mapping[str, str],
           classes: Mapping[str, str], recipe: Recipe, vocabulary: Vocabulary, header_row: int,
           seen: KeysSeen | None = None) -> Settled:
    """Every applicable rule checked on ``typed`` (source column -> converted values) and exact
    duplicates on ``table`` (as read), each finding decided by the recipe's ``rules``.

    ``classes``: each source column's identification class, so that a finding reading a direct
    identifier is masked where the report masks them."""
    settled = Settled([], None, {}, {})
    rules = []
    for rule, names in applicable(vocabulary, concept_columns, recipe.primary_key):
        decision = recipe.rule(rule.id)
        if decision is not None and decision.action == "off":
            settled.off[rule.id] = decision.reason
        else:
            rules.append((rule, names))
    keyed = _Keyed(typed, seen)
    found = evaluate(rules, typed, seen, keyed)
    duplicates = recipe.rule(EXACT_DUPLICATES)
    if duplicates is not None and duplicates.action == "off":
        settled.off[EXACT_DUPLICATES] = duplicates.reason
    else:
        found.append(exact_duplicates(table, keyed))
    for broken in found:
        rows = pc.indices_nonzero(broken.mask)
        if not len(rows):
            continue
        first = rows.slice(0, MAX_EXAMPLES)
        shown_from = table if broken.rule == EXACT_DUPLICATES else table.select(broken.columns)
        values = _shown_values({n: shown_from.column(n) for n in shown_from.column_names}, broken.columns, first)
        examples = [Finding(header_row + 1 + int(i), broken.columns[0], v, broken.rule)
                    for i, v in zip(first.to_pylist(), values, strict=True)]
        decision = recipe.rule(broken.rule)
        action = decision.action if decision is not None else None
        if action == "exclude_row":
            settled.excluded = broken.mask if settled.excluded is None else pc.or_(settled.excluded, broken.mask)
        elif action == "empty" and decision is not None and decision.column in broken.columns:
            column = decision.column
            settled.emptied[column] = broken.mask if column not in settled.emptied \
                else pc.or_(settled.emptied[column], broken.mask)
        elif action == "empty":
            action = None            # a value to empty in a column the rule does not read decides nothing
        klass = max((classes.get(n, "none") for n in broken.columns), key=_CLASS_ORDER.index)
        count = len(rows)
        shown = ALL_COLUMNS if broken.rule == EXACT_DUPLICATES else ", ".join(broken.columns)
        settled.results.append(RuleResult(
            shown, "", broken.rule, count, examples, broken.label, broken.detail, action,
            count if action is not None else 0, klass, kind="coherence", columns=list(broken.columns),
            keys=broken.keys, reason=decision.reason if decision is not None and action is not None else ""))
    return settled


@dataclass
class Across:
    """What the other tables of a linked submission hold for each person, against which one column of
    a table is judged (``BoundRule``)."""

    column: int                 # the bound rule's column it judges (0 is the person key)
    kind: str                   # "before" (at most ``values``), "after" (at least), "within" (in an interval)
    persons: pa.Array           # before/after: each person once; within: one per interval
    values: pa.Array            # before: the person's earliest later value; after: the latest earlier one;
                                # within: the intervals' first days
    ends: pa.Array | None = None  # within: the intervals' last days
    strict: bool = False        # equal values break it too
    ahead: _HeldAhead | None = field(default=None, compare=False, repr=False)   # see hold_ahead


class _HeldAhead:
    """An :class:`Across`'s :class:`_Held` being made on a thread (:func:`hold_ahead`). A copy of the
    rule shares it; pickled, the rule is made again where it is unpickled."""

    def __init__(self) -> None:
        self._future: Future[_Held] = Future()

    def make(self, across: Across) -> None:
        try:
            self._future.set_result(_Held.of(across))
        except BaseException as error:  # noqa: BLE001 - raised where the rule is checked, by result()
            self._future.set_exception(error)

    def result(self) -> _Held:
        return self._future.result()

    def __copy__(self) -> _HeldAhead:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _HeldAhead:
        return self

    def __reduce__(self) -> tuple[type[None], tuple[()]]:
        return type(None), ()


def hold_ahead(acrosses: Sequence[Across]) -> Background[None] | None:
    """Sort the other tables by person for each of ``acrosses`` (:meth:`_Held.of`), one after the
    other on a thread, in their order (the tables' order: the first table's first), while the tables
    before theirs are curated, so that a table's first batch does not wait for its own. A rule
    checked before its turn waits for it; each is let go by the table that takes it."""
    # The thread keeps its own pairs: a table that takes its rule before the thread reaches it
    # clears the rule's ``ahead``, and must still get what it waits for.
    pending = [(across, _HeldAhead()) for across in acrosses if across.ahead is None]
    if not pending:
        return None
    for across, ahead in pending:
        across.ahead = ahead

    def work() -> None:
        for across, ahead in pending:
            ahead.make(across)

    return Background(work, "curator-held-ahead")


def _held_of(across: Across) -> _Held:
    """``across``'s :class:`_Held`: the one made ahead (then let go by the rule), else made now."""
    ahead = across.ahead
    if ahead is None:
        return _Held.of(across)
    across.ahead = None
    return ahead.result()


# A day as the low 32 bits of a number whose high bits are its person (days of int32 made positive).
_DAY_OFFSET = 2**31
# Beyond this many intervals for one person (a hostile file), a day is found by binary search instead.
_LONGEST_PERSON = 64


@dataclass
class _Held:
    """An :class:`Across`'s persons as text keys (:mod:`curator.textkeys`), numbered once each in
    ``keys`` (None when a person's key is too long to be held so). Before/after: ``rows``, each
    person's row. Within: the intervals as (person, first day) numbers, sorted (``starts``), with
    ``reach``, the furthest last day (same numbering) of the intervals up to each: a day is within
    one of its person's intervals exactly when the last interval starting on or before it reaches it
    (an interval of an earlier person reaches below the person's own numbers); ``firsts``: where
    each person's intervals start in ``starts``. Carried by
    :class:`KeysSeen` for the batches of one table, then let go with it."""

    keys: KeyIndex | None
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    reach: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    firsts: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))   # where each person's start
    longest: int = 0                                                            # most intervals of a person

    @classmethod
    def of(cls, across: Across) -> _Held:
        # Each person numbered by a hash table (Arrow's, without the GIL), then only the distinct
        # persons made keys.
        encoded = pc.dictionary_encode(across.persons)
        keys = fixed_width(encoded.dictionary)
        if keys is None:
            return cls(None)
        index = KeyIndex()
        index.add(keys, np.arange(len(keys), dtype=np.int64))
        codes = _as_numpy(encoded.indices.fill_null(-1))
        if across.kind != "within":
            rows = np.flatnonzero(codes >= 0)
            _distinct, first = np.unique(codes[rows], return_index=True)
            return cls(index, rows=rows[first])
        assert across.ends is not None
        usable = (codes >= 0) & _present(across.values) & _present(across.ends)
        # Computed in place, one array of the intervals' numbers at a time beside the order: 5M stays.
        starts = codes[usable]
        del codes
        counts = np.bincount(starts, minlength=len(keys))
        starts <<= 32
        starts += _DAY_OFFSET
        np.add(starts, across.values.fill_null(0).to_numpy(zero_copy_only=False)[usable], out=starts)
        order = np.argsort(starts)
        starts = starts[order]
        reach = starts >> 32
        reach <<= 32
        reach += _DAY_OFFSET
        np.add(reach, across.ends.fill_null(0).to_numpy(zero_copy_only=False)[usable][order], out=reach)
        del order
        np.maximum.accumulate(reach, out=reach)
        firsts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(counts, out=firsts[1:])
        return cls(index, starts=starts, reach=reach, firsts=firsts, longest=int(counts.max(initial=0)))

    def persons(self, persons: pa.Array) -> np.ndarray | None:
        """Each row's person as its number in ``keys``: -1 for a person not held (or none)."""
        assert self.keys is not None
        keys = fixed_width(persons)
        if keys is None:
            return None
        found = self.keys.find(keys)
        if persons.null_count:
            found[~_present(persons)] = -1
        return found

    def within(self, found: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Whether each day lies within one of its person's intervals (``found``: the persons' numbers)."""
        if not len(self.starts):
            return np.zeros(len(found), dtype=np.bool_)
        queries = (found << 32) + days + _DAY_OFFSET
        if self.longest <= _LONGEST_PERSON:
            # A person's few intervals stepped through from their first (no sort, no binary search
            # missing the cache at every step of a large array).
            at, end = self.firsts[found], self.firsts[found + 1]
            pending = np.flatnonzero(at < end)
            while len(pending):
                pending = pending[self.starts[at[pending]] <= queries[pending]]
                at[pending] += 1
                pending = pending[at[pending] < end[pending]]
            at -= 1
        else:
            order = np.argsort(queries)
            at = np.empty(len(queries), dtype=np.int64)
            at[order] = np.searchsorted(self.starts, queries[order], side="right") - 1
        return (at >= 0) & (self.reach[np.maximum(at, 0)] >= queries)


@dataclass
class BoundRule(Rule):
    """A rule across tables bound to one table: its columns are the person key and the table's own
    concepts of the rule; ``across`` holds, per person, what the other tables say. Checked like a rule
    within the table (whole or batch by batch), so that its findings take the same decisions."""

    across: list[Across] = field(default_factory=list)
    text: str = ""

    def describe(self) -> str:
        return self.text


def _ordinal(array: pa.Array) -> pa.Array:
    """Values compared across tables on one scale: dates and times as seconds, numbers as they are."""
    if pa.types.is_date(array.type):
        return pc.multiply(pc.cast(pc.cast(pc.cast(array, pa.date32()), pa.int32()), pa.int64()), 86_400)
    if pa.types.is_timestamp(array.type):
        return pc.cast(pc.cast(array, pa.timestamp("s", array.type.tz)), pa.int64())
    return pc.cast(array, pa.float64() if pa.types.is_floating(array.type) else pa.int64())


def _day_numbers(array: pa.Array) -> pa.Array:
    if pa.types.is_timestamp(array.type):
        array = pc.cast(pc.floor_temporal(array, unit="day"), pa.date32())
    return pc.cast(pc.cast(array, pa.date32()), pa.int32())


def _persons(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Person keys as text, so that two tables' keys compare whatever their types."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array if pa.types.is_string(array.type) else pc.cast(array, pa.string())


def _gathered(sources: Sequence[tuple[pa.Table, Mapping[str, str]]], link: str, concepts: Sequence[str]) -> pa.Table:
    """The person key and ``concepts`` of several tables, one under the other (rows missing a value left out)."""
    parts = []
    for table, columns in sources:
        part = {"person": _persons(table.column(columns[link]))}
        for number, concept in enumerate(concepts):
            values = table.column(columns[concept]).combine_chunks()
            part[f"v{number}"] = _day_numbers(values) if len(concepts) == 2 else _ordinal(values)
        gathered = pa.table(part)
        parts.append(gathered.filter(pc.and_(*[pc.is_valid(gathered[n]) for n in gathered.column_names[:2]])))
    return pa.concat_tables(parts, promote_options="permissive")


def linked_columns(recipe: Recipe, vocabulary: Vocabulary) -> dict[str, str]:
    """The columns of a table that the rules across tables read: concept id -> its (first) source column."""
    wanted = {c for rule in linked_rules(vocabulary) for c in (*rule.concepts, rule.link) if c is not None}
    columns: dict[str, str] = {}
    for mapped in recipe.columns:
        if mapped.concept in wanted and mapped.concept not in columns:
            columns[mapped.concept] = mapped.source
    return columns


def converted_linked(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> tuple[pa.Table, dict[str, str]]:
    """``table``'s columns that the rules across tables read (text as read), converted as the recipe
    says, with their concepts: what :func:`bind_linked` takes for this table."""
    concepts = {c: n for c, n in linked_columns(recipe, vocabulary).items() if n in table.column_names}
    typed = {}
    for concept, name in concepts.items():
        decision = recipe.column(name)
        code_map = decision.code_map if decision is not None else {}
        # Gathered batch by batch, the column comes in pieces; the conversion takes one array.
        typed[name] = convert_column(table.column(name).combine_chunks(), vocabulary.concept(concept), vocabulary, code_map,
                                     recipe.reader.decimal).typed
    return pa.table(typed) if typed else table.select([]), concepts


@dataclass
class _Step:
    """One bound of a rule across tables on a table: its concept ``mine`` judged (``kind``) by the
    values of ``concepts`` in the tables ``sources`` (for "within", an interval's first and last day)."""

    mine: str
    kind: str
    sources: list[str]
    concepts: list[str]
    strict: bool = False


def _steps(columns: Mapping[str, Mapping[str, str]], vocabulary: Vocabulary) -> Iterator[tuple[Rule, str, list[_Step]]]:
    """Each rule across tables that binds a table, with its steps, from the tables' concepts alone
    (``columns``: table -> concept id -> its column)."""
    for rule in linked_rules(vocabulary):
        link = rule.link
        assert link is not None
        for name, own in columns.items():
            if link not in own:
                continue
            steps: list[_Step] = []
            if rule.kind == "order":
                for (earlier, later), strict in zip(itertools.pairwise(rule.concepts), rule.strict, strict=True):
                    for mine, theirs, kind in ((earlier, later, "before"), (later, earlier, "after")):
                        others = [n for n in columns if n != name and {theirs, link} <= set(columns[n])]
                        if mine in own and others:
                            steps.append(_Step(mine, kind, others, [theirs], strict))
            elif rule.kind == "within":
                value, start, end = rule.concepts
                sources = [n for n in columns if {link, start, end} <= set(columns[n])]
                if value in own and sources:
                    steps.append(_Step(value, "within", sources, [start, end]))
            if steps:
                yield rule, name, steps


def linked_sources(columns: Mapping[str, Mapping[str, str]], vocabulary: Vocabulary) -> set[str]:
    """The tables whose values :func:`bind_linked` reads (the others are bound, not read), from
    their concepts alone (``columns``: table -> concept id -> its column)."""
    return {source for _rule, _name, steps in _steps(columns, vocabulary) for step in steps for source in step.sources}


def bind_linked(tables: Mapping[str, tuple[pa.Table, Mapping[str, str]]], vocabulary: Vocabulary) -> dict[str, list[BoundRule]]:
    """Each table's rules across tables, bound to what the other tables hold for each person.

    ``tables``: name -> (the columns the linked rules read, converted; concept id -> its column);
    only the tables of :func:`linked_sources` are read. For
    each step of an ``order`` rule whose two concepts are in two different tables that both map the
    link, each side is bounded by the other's extreme per person (an admission by the person's
    earliest death, a death by their latest admission), so that the rows of both sides are flagged.
    A ``within`` rule bounds the dated table's rows by every interval of the person in the tables that
    map both ends (itself included); a person with no interval is not judged."""
    bound: dict[str, list[BoundRule]] = {}
    for rule, name, steps in _steps({name: columns for name, (_table, columns) in tables.items()}, vocabulary):
        assert rule.link is not None
        own: list[str] = []
        across: list[Across] = []
        for step in steps:
            if step.mine not in own:
                own.append(step.mine)
            gathered = _gathered([tables[n] for n in step.sources], rule.link, step.concepts)
            if step.kind == "within":
                across.append(Across(own.index(step.mine) + 1, "within", gathered["person"].combine_chunks(),
                                     gathered["v0"].combine_chunks(),
                                     pc.coalesce(gathered["v1"], gathered["v0"]).combine_chunks()))
            else:
                extreme = gathered.group_by("person").aggregate([("v0", "min" if step.kind == "before" else "max")])
                across.append(Across(own.index(step.mine) + 1, step.kind, extreme["person"].combine_chunks(),
                                     extreme.column(1).combine_chunks(), strict=step.strict))
        bound.setdefault(name, []).append(BoundRule(rule.id, rule.kind, [rule.link, *own], rule.label, link=rule.link,
                                                    across=across, text=rule.describe()))
    return bound


def with_bound(vocabulary: Vocabulary, rules: Sequence[BoundRule]) -> Vocabulary:
    """The vocabulary one table of a linked submission is checked with: its rules across tables bound."""
    return dataclasses.replace(vocabulary, rules=[*(r for r in vocabulary.rules if not r.linked), *rules])


def _across(rule: BoundRule, arrays: Sequence[pa.Array], seen: KeysSeen | None = None) -> pa.Array:
    """The rows of a table that break a rule across tables, given what the other tables hold per person
    (sorted by person once per table when ``seen`` carries it from batch to batch)."""
    persons = _persons(arrays[0])
    broken = np.zeros(len(persons), dtype=np.bool_)
    for across in rule.across:
        value = arrays[across.column]
        held = seen.held(across) if seen is not None else _held_of(across)
        found = held.persons(persons) if held.keys is not None else None
        if found is not None:
            broken |= _across_held(across, held, found, value)
            continue
        if across.kind == "within":
            days = _day_numbers(value)
            rows = pa.table({"person": persons, "day": days, "row": pa.array(np.arange(len(persons)))})
            rows = rows.filter(pc.and_(pc.is_valid(rows["person"]), pc.is_valid(rows["day"])))
            joined = rows.join(pa.table({"person": across.persons, "start": across.values, "end": across.ends}),
                               "person", join_type="inner")
            inside = pc.and_(pc.less_equal(joined["start"], joined["day"]), pc.less_equal(joined["day"], joined["end"]))
            judged = pa.table({"row": joined["row"], "inside": inside}).group_by("row").aggregate([("inside", "any")])
            outside = judged.filter(pc.invert(judged["inside_any"]))["row"]
            broken[_as_numpy(outside.combine_chunks())] = True
            continue
        other = pc.take(across.values, pc.index_in(persons, value_set=across.persons))
        mine = _ordinal(value)
        if across.kind == "before":
            step = (pc.greater_equal if across.strict else pc.greater)(mine, other)
        else:
            step = (pc.less_equal if across.strict else pc.less)(mine, other)
        broken |= _as_numpy(pc.cast(step.fill_null(False), pa.uint8()), np.uint8).view(np.bool_)
    return pa.array(broken)


def _across_held(across: Across, held: _Held, found: np.ndarray, value: pa.Array) -> np.ndarray:
    """:func:`_across`'s judgement of one :class:`Across`, with each row's person found in ``held``
    (``found``): the same rows as the join on persons, without hashing the other tables' rows again."""
    if across.kind != "within":
        rows = np.where(found >= 0, held.rows[np.maximum(found, 0)], -1)
        other = pc.take(across.values, pa.array(rows, mask=rows < 0))
        mine = _ordinal(value)
        if across.kind == "before":
            step = (pc.greater_equal if across.strict else pc.greater)(mine, other)
        else:
            step = (pc.less_equal if across.strict else pc.less)(mine, other)
        return _as_numpy(pc.cast(step.fill_null(False), pa.uint8()), np.uint8).view(np.bool_)
    days = _day_numbers(value)
    judged = np.flatnonzero((found >= 0) & _present(days))
    day = _as_numpy(days.fill_null(0), np.int64)[judged]
    broken = np.zeros(len(found), dtype=np.bool_)
    broken[judged[~held.within(found[judged], day)]] = True
    return broken


def check_linked(tables: Mapping[str, tuple[pa.Table, Mapping[str, str]]], vocabulary: Vocabulary) -> dict[str, list[Broken]]:
    """The rules across tables of one linked submission checked on whole tables (``bind_linked``'s
    ``tables``): per table, the rows that break each."""
    found: dict[str, list[Broken]] = {}
    for name, rules in bind_linked(tables, vocabulary).items():
        table, columns = tables[name]
        named = [(rule, [columns[c] for c in rule.concepts]) for rule in rules]
        broken = [b for b in evaluate(named, {n: table.column(n) for n in table.column_names})
                  if pc.any(b.mask).as_py()]
        if broken:
            found[name] = broken
    return found
