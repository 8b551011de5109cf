"""Coherence: the vocabulary's rules between the fields of a row and between rows, on the converted table.

Each rule (``curator/mapping/rules.py``) applies to a table that maps every concept it reads; it
gives a boolean mask of the rows that break it, computed with pyarrow compute and numpy (a key's
values as int64 numbers, sorted to tell its first row from its repeats). A repeated key or record is
counted from its second row on, so that excluding the offending rows keeps one of each.

The streamed apply checks one batch at a time: :class:`KeysSeen` carries the keys of the batches
before, so that a key repeated across batches is found too. Rules across tables (``Rule.link``) are
never evaluated on one table: :func:`linked_rules` names them, :func:`check_linked` checks the ``order``
ones between the tables of a linked submission and :func:`settle_linked` turns them into decided findings.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.check.convert import convert_column
from curator.check.report import MAX_EXAMPLES, Finding, RuleResult
from curator.mapping.rules import EXACT_DUPLICATES, Rule
from curator.mapping.vocabulary import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Label, Text
from curator.recipe.model import Recipe

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

    seen: dict[str, np.ndarray] = field(default_factory=dict)          # rule -> sorted keys of earlier rows
    repeated: dict[str, np.ndarray] = field(default_factory=dict)      # rule -> the keys found repeated
    texts: dict[str, dict[str, int]] = field(default_factory=dict)     # column -> text -> its number


def linked_rules(vocabulary: Vocabulary) -> list[Rule]:
    """The rules that compare tables of one linked submission (checked once such submissions exist, #20)."""
    return [r for r in vocabulary.rules if r.linked]


def applicable(vocabulary: Vocabulary, concept_columns: Mapping[str, str]) -> list[tuple[Rule, list[str]]]:
    """The in-table rules this table can be checked against, each with the columns it reads.

    ``concept_columns``: concept id -> the (first) column mapped to it."""
    found = []
    for rule in vocabulary.rules:
        if rule.linked or not all(c in concept_columns for c in rule.concepts):
            continue
        if any(c in concept_columns for c in rule.unless_mapped):
            continue
        found.append((rule, [concept_columns[c] for c in rule.concepts]))
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
        start_year, start_day = _year_and_day(start[near])
        end_year, end_day = _year_and_day(end[near])
        below[near] = end_year - start_year - (end_day < start_day) < whole
    return below


def _year_and_day(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The year, and month * 100 + day (which orders dates within a year, leap or not)."""
    months = days.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    month = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return years.astype(np.int64), month * 100 + day


# Texts of at most this many digits are keyed by their number (times 20, plus their length: '007' is not '7').
DIGITS_KEYED = 17
_MIX_1, _MIX_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def _as_numpy(array: pa.Array, dtype: type = np.int64) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=dtype)


def _present(array: pa.Array) -> np.ndarray:
    # Through a uint8 cast: converting Arrow booleans (bits) to numpy directly holds the GIL.
    return pc.cast(pc.is_valid(array), pa.uint8()).to_numpy(zero_copy_only=False).view(np.bool_)


def _numbers(array: pa.Array | pa.ChunkedArray, texts: dict[str, int] | None = None) -> np.ndarray:
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
        return number * 20 + _as_numpy(lengths.fill_null(0))
    if texts is None:
        return _as_numpy(pc.dictionary_encode(array).indices.fill_null(-1)) + 1
    distinct = pc.unique(array).drop_null()
    numbers = np.array([texts.setdefault(v, len(texts) + 1) for v in distinct.to_pylist()], dtype=np.int64)
    positions = pc.index_in(array, value_set=distinct)
    return np.concatenate([numbers, [0]])[_as_numpy(positions.fill_null(len(numbers)))]


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
            texts = self.seen.texts.setdefault(name, {}) if self.seen is not None else None
            self.numbers[name], self.present[name] = _numbers(array, texts), _present(array)
        return self.numbers[name], self.present[name]

    def distinct(self, name: str) -> bool:
        """Whether no two rows of this table share a value of ``name`` (then no key holding it repeats here)."""
        if name not in self.all_distinct:
            numbers, present = self.of(name)
            ordered = np.sort(numbers[present])
            self.all_distinct[name] = not (ordered[1:] == ordered[:-1]).any()
        return self.all_distinct[name]


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
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    again = np.zeros(len(ordered), dtype=np.bool_)
    again[1:] = ordered[1:] == ordered[:-1]
    earlier = seen.seen.get(rule_id)
    if earlier is not None and len(earlier):
        at = np.minimum(np.searchsorted(earlier, ordered), len(earlier) - 1)
        again |= earlier[at] == ordered
    flags = np.zeros(len(keys), dtype=np.bool_)
    flags[order] = again
    # The keys not met before, each once and already in order: two sorted runs, which timsort merges.
    new = ordered[~again]
    seen.seen[rule_id] = new if earlier is None else np.sort(np.concatenate([earlier, new]), kind="stable")
    seen.repeated[rule_id] = _merged(seen.repeated.get(rule_id), ordered[again])
    mask[rows[flags]] = True
    return pa.array(mask), len(seen.repeated[rule_id])


def _merged(earlier: np.ndarray | None, found: np.ndarray) -> np.ndarray:
    """The sorted distinct keys of ``earlier`` (sorted, distinct) and ``found`` (sorted): the new
    ones merged in rather than everything sorted again, which a key repeated in every batch (a
    patient's rows in an events table) made cost a sort of all the repeated keys per batch."""
    fresh = found[np.concatenate(([True], found[1:] != found[:-1]))] if len(found) else found
    if earlier is None or not len(earlier):
        return fresh
    at = np.minimum(np.searchsorted(earlier, fresh), len(earlier) - 1)
    fresh = fresh[earlier[at] != fresh]
    return np.sort(np.concatenate([earlier, fresh]), kind="stable") if len(fresh) else earlier


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
            mask = {"order": _order, "presence": _presence, "span": _span}[rule.kind](rule, combined)
        found.append(Broken(rule.id, rule.label, rule.describe(), names, mask, keys))
    return found


def _chunked(array: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


def _splitting_column(table: pa.Table) -> str:
    """The column with the most distinct values in a sample (rows that differ there differ); among
    those, one of digits (its keys are its numbers)."""
    start = max(table.num_rows // 3 - SAMPLE_ROWS // 2, 0)
    sample = table.slice(start, SAMPLE_ROWS)
    counts = {name: pc.count_distinct(sample.column(name)).as_py() for name in table.column_names}
    most = max(counts.values())
    tied = [name for name, count in counts.items() if count == most]
    digits = [name for name in tied if pa.types.is_string(sample.column(name).type)
              and pc.all(pc.ascii_is_decimal(sample.column(name))).as_py()]
    return (digits or tied)[0]


def exact_duplicates(table: pa.Table, keyed: _Keyed | None = None) -> Broken:
    """Rows identical in every column to an earlier row (as read: text before any conversion).

    Only rows whose most distinct column repeats can be duplicates; whole rows are compared among
    those. The streamed apply calls it per batch: a record repeated in another batch is not found
    (comparing every record with all those before would hold the file in memory)."""
    names = table.column_names
    mask = np.zeros(table.num_rows, dtype=np.bool_)
    keys = 0
    if names and table.num_rows > 1:
        name = _splitting_column(table)
        column = table.column(name)
        # A key column the rules have numbered already, with the same values as read (no conversion):
        # when no two rows share a value there (nor are both empty), no row repeats another.
        if keyed is not None and name in keyed.columns and _chunked(keyed.columns[name]).equals(column):
            if keyed.distinct(name) and column.null_count <= 1:
                return Broken(EXACT_DUPLICATES, EXACT_DUPLICATES_LABEL, "", list(names), pa.array(mask), 0)
            splitter = keyed.of(name)[0]
        else:
            splitter = _numbers(column)
        ordered = np.sort(splitter)
        same = ordered[1:] == ordered[:-1]
        if same.any():
            # Rows whose splitting value another row has: the only ones that may repeat a record.
            shared = np.unique(ordered[1:][same])
            candidates = np.flatnonzero(np.isin(splitter, shared))
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
    for rule, names in applicable(vocabulary, concept_columns):
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


def check_linked(tables: Mapping[str, tuple[pa.Table, Mapping[str, str]]], vocabulary: Vocabulary) -> dict[str, list[Broken]]:
    """The ``order`` rules across tables of one linked submission (``Rule.link``), per table.

    ``tables``: name -> (its converted table, concept id -> its column). For each step of a rule's
    order whose two concepts are in two different tables that both map the link, the rows of both
    tables whose person has a value on the other side out of order are flagged (an admission after
    the patient's death flags the stay and the death). The submission that holds several tables
    (issue #20) calls it; one table alone never does."""
    found: dict[str, list[Broken]] = {}
    for rule in linked_rules(vocabulary):
        if rule.kind != "order" or rule.link is None:
            continue
        masks: dict[str, np.ndarray] = {}
        columns: dict[str, list[str]] = {}
        for (earlier, later), strict in zip(itertools.pairwise(rule.concepts), rule.strict, strict=True):
            for first, second in itertools.permutations(tables, 2):
                (left, left_columns), (right, right_columns) = tables[first], tables[second]
                if not ({earlier, rule.link} <= set(left_columns) and {later, rule.link} <= set(right_columns)):
                    continue
                left_rows, right_rows = _out_of_order(left, left_columns, right, right_columns, rule.link,
                                                      (earlier, later), strict)
                for name, table, rows, concept in ((first, left, left_rows, earlier), (second, right, right_rows, later)):
                    mask = masks.setdefault(name, np.zeros(table.num_rows, dtype=np.bool_))
                    mask[rows] = True
                    column = tables[name][1][concept]
                    columns.setdefault(name, [tables[name][1][rule.link]])
                    if column not in columns[name]:
                        columns[name].append(column)
        for name, mask in masks.items():
            if mask.any():
                found.setdefault(name, []).append(Broken(rule.id, rule.label, rule.describe(), columns[name],
                                                         pa.array(mask)))
    return found


def _out_of_order(left: pa.Table, left_columns: Mapping[str, str], right: pa.Table, right_columns: Mapping[str, str],
                  link: str, concepts: tuple[str, str], strict: bool) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``left`` and of ``right`` whose values of the two concepts, for one person, break the order."""
    earlier, later = concepts
    values = _comparable([left.column(left_columns[earlier]).combine_chunks(),
                          right.column(right_columns[later]).combine_chunks()])
    sides = pa.table({"person": left.column(left_columns[link]), "value": values[0],
                      "row": pa.array(np.arange(left.num_rows))})
    others = pa.table({"person": right.column(right_columns[link]), "other": values[1],
                       "other_row": pa.array(np.arange(right.num_rows))})
    joined = sides.filter(pc.is_valid(sides["value"])).join(others.filter(pc.is_valid(others["other"])), "person")
    broken = (pc.less_equal if strict else pc.less)(joined["other"], joined["value"])
    hit = joined.filter(broken)
    return (np.unique(_as_numpy(hit["row"].combine_chunks())), np.unique(_as_numpy(hit["other_row"].combine_chunks())))


def settle_linked(sources: Mapping[str, tuple[pa.Table, Recipe, int]], vocabulary: Vocabulary) -> dict[str, Settled]:
    """The rules across tables (:func:`check_linked`) on a linked submission's tables as read, each
    finding decided by its table's recipe.

    ``sources``: name -> (the table as read, its recipe, its header row). Rows are numbered as in the
    source file. A rule switched ``off`` is not checked; ``keep`` with a reason settles a finding;
    excluding or emptying rows is not replayed here (the tables are curated by then), so such a
    finding stays undecided and ``--strict`` stops on it. Findings show no value: they read the
    person key."""
    wanted = {c for rule in linked_rules(vocabulary) for c in (*rule.concepts, rule.link) if c is not None}
    off = {name: {r.rule: r.reason for r in recipe.rules if r.action == "off"} for name, (_t, recipe, _h) in sources.items()}
    typed: dict[str, tuple[pa.Table, Mapping[str, str]]] = {}
    for name, (table, recipe, _header) in sources.items():
        columns: dict[str, pa.Array | pa.ChunkedArray] = {}
        concepts: dict[str, str] = {}
        for mapped in recipe.columns:
            concept = mapped.concept
            if concept in wanted and concept not in concepts and mapped.source in table.column_names:
                concepts[concept] = mapped.source
                columns[mapped.source] = convert_column(table.column(mapped.source), vocabulary.concept(concept),
                                                        vocabulary, mapped.code_map, recipe.reader.decimal).typed
        typed[name] = (pa.table(columns) if columns else table.select([]), concepts)
    settled = {name: Settled([], None, {}, dict(off[name])) for name in sources}
    for name, found in check_linked(typed, vocabulary).items():
        _table, recipe, header = sources[name]
        for broken in found:
            if broken.rule in off[name]:
                continue
            rows = pc.indices_nonzero(broken.mask)
            examples = [Finding(header + 1 + int(i), broken.columns[0], None, broken.rule)
                        for i in rows.slice(0, MAX_EXAMPLES).to_pylist()]
            decision = recipe.rule(broken.rule)
            kept = decision is not None and decision.action == "keep"
            settled[name].results.append(RuleResult(
                ", ".join(broken.columns), "", broken.rule, len(rows), examples, broken.label, broken.detail,
                "keep" if kept else None, len(rows) if kept else 0, kind="coherence", columns=list(broken.columns),
                reason=decision.reason if kept and decision is not None else ""))
    return settled
