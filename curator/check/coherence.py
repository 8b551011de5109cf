"""Coherence: the vocabulary's rules between the fields of a row and between rows, on the converted table.

Each rule (``curator/mapping/rules.py``) applies to a table that maps every concept it reads; it
gives a boolean mask of the rows that break it, computed with pyarrow compute (and numpy for the
running maximum that tells a key's first row from its repeats). A repeated key or record is
counted from its second row on, so that excluding the offending rows keeps one of each.

The streamed apply checks one batch at a time: :class:`KeysSeen` carries the keys of the batches
before, so that a key repeated across batches is found too. Rules across tables (``Rule.link``) wait
for a linked submission: :func:`linked_rules` names them, and they are not evaluated on one table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.check.convert import outside
from curator.check.report import MAX_EXAMPLES, Finding, RuleResult
from curator.mapping.rules import EXACT_DUPLICATES, Rule
from curator.mapping.vocabulary import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Label, Text
from curator.recipe.model import Recipe

ALL_COLUMNS = Text(QT_TRANSLATE_NOOP("core", "all columns"))
EXACT_DUPLICATES_LABEL = Label("exact duplicate of an earlier row", fr="doublon exact d'une ligne précédente")
# Rows sampled to choose the column that splits the rows best before comparing whole rows.
SAMPLE_ROWS = 20_000
# Marked for the app's translation: the kinds of rule, as the report and the Check page name them.
KIND_WORDS = (QT_TRANSLATE_NOOP("core", "order"), QT_TRANSLATE_NOOP("core", "presence"),
              QT_TRANSLATE_NOOP("core", "span"), QT_TRANSLATE_NOOP("core", "unique"))


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
    """The keys of earlier batches, per rule: a key that a later batch repeats is a repeat there."""

    keys: dict[str, list[pa.Array]] = field(default_factory=dict)
    repeated: dict[str, set[object]] = field(default_factory=dict)


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


def _span(rule: Rule, arrays: Sequence[pa.Array]) -> pa.Array:
    start, end = (pc.cast(a, pa.date32()) if pa.types.is_timestamp(a.type) else a for a in arrays)
    if rule.unit == "days":
        span = pc.days_between(start, end)
    else:
        # Whole years of age: the year's difference, less one before the anniversary.
        day_of_year_end = pc.add(pc.multiply(pc.month(end), 100), pc.day(end))
        day_of_year_start = pc.add(pc.multiply(pc.month(start), 100), pc.day(start))
        early = pc.cast(pc.less(day_of_year_end, day_of_year_start), pa.int64())
        span = pc.subtract(pc.subtract(pc.year(end), pc.year(start)), early)
    broken = outside(span, rule.minimum, rule.maximum)
    assert broken is not None
    return broken.fill_null(False)


def _group_ids(arrays: Sequence[pa.Array | pa.ChunkedArray]) -> tuple[np.ndarray, np.ndarray, pa.Array | None]:
    """Per row, a key number given in order of first appearance, whether the row has a whole key, and
    (for one column) the distinct keys by number."""
    present = None
    ids: np.ndarray | None = None
    dictionary = None
    for array in arrays:
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        encoded = pc.dictionary_encode(array)
        valid = pc.is_valid(array)
        present = valid if present is None else pc.and_(present, valid)
        column_ids = encoded.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        if ids is None:
            ids, dictionary = column_ids, encoded.dictionary
        else:
            # Two keys numbered into one: re-encoded so that numbers stay small and in first-seen order.
            combined = pa.array(ids * (len(encoded.dictionary) + 1) + column_ids)
            ids = pc.dictionary_encode(combined).indices.to_numpy(zero_copy_only=False).astype(np.int64)
            dictionary = None
    assert ids is not None and present is not None
    return ids, pc.cast(present, pa.uint8()).to_numpy(zero_copy_only=False).view(np.bool_), dictionary


def _repeats(ids: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Rows whose key appeared on an earlier row (keys are numbered in order of first appearance)."""
    if not len(ids):
        return np.zeros(0, dtype=np.bool_)
    numbered = np.where(present, ids, -1)
    before = np.maximum.accumulate(numbered)
    first = np.empty(len(ids), dtype=np.bool_)
    first[0] = True
    first[1:] = numbered[1:] > before[:-1]
    return present & ~first


def _key_text(arrays: Sequence[pa.Array | pa.ChunkedArray]) -> pa.Array:
    """One text per row standing for a composite key, for comparing keys across batches."""
    texts = [pc.cast(a, pa.string()) for a in arrays]
    joined = texts[0] if len(texts) == 1 else pc.binary_join_element_wise(*texts, "\x1f")
    return joined.combine_chunks() if isinstance(joined, pa.ChunkedArray) else joined


def _unique(rule_id: str, arrays: Sequence[pa.Array | pa.ChunkedArray], seen: KeysSeen | None) -> tuple[pa.Array, int]:
    ids, present, _dictionary = _group_ids(arrays)
    repeats = _repeats(ids, present)
    if seen is None:
        return pa.array(repeats), len(np.unique(ids[repeats]))
    # Across batches: a key an earlier batch had is a repeat on every row of this one.
    keys = _key_text(arrays)
    earlier = seen.keys.setdefault(rule_id, [])
    if earlier:
        before = pc.is_in(keys, value_set=pa.chunked_array(earlier, keys.type).combine_chunks()).fill_null(False)
        repeats |= pc.cast(before, pa.uint8()).to_numpy(zero_copy_only=False).view(np.bool_) & present
    new = pc.filter(keys, pa.array(present & ~repeats))
    if len(new):
        earlier.append(pc.unique(new))
    repeated = seen.repeated.setdefault(rule_id, set())
    repeated.update(pc.unique(pc.filter(keys, pa.array(repeats))).to_pylist())
    return pa.array(repeats), len(repeated)


def evaluate(rules: Sequence[tuple[Rule, list[str]]], columns: Mapping[str, pa.Array | pa.ChunkedArray],
             seen: KeysSeen | None = None) -> list[Broken]:
    """Each rule's offending rows in ``columns`` (source column -> converted values)."""
    found = []
    for rule, names in rules:
        arrays = [columns[n] for n in names]
        keys = 0
        if rule.kind == "unique":
            mask, keys = _unique(rule.id, arrays, seen)
        else:
            combined = [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in arrays]
            mask = {"order": _order, "presence": _presence, "span": _span}[rule.kind](rule, combined)
        found.append(Broken(rule.id, rule.label, rule.describe(), names, mask, keys))
    return found


def _splitting_column(table: pa.Table) -> str:
    """The column with the most distinct values in a sample: rows that differ there differ."""
    start = max(table.num_rows // 3 - SAMPLE_ROWS // 2, 0)
    sample = table.slice(start, SAMPLE_ROWS)
    return max(table.column_names, key=lambda n: (pc.count_distinct(sample.column(n)).as_py(), n == table.column_names[0]))


def exact_duplicates(table: pa.Table) -> Broken:
    """Rows identical in every column to an earlier row (as read: text before any conversion).

    Only rows whose most distinct column repeats can be duplicates; whole rows are compared among
    those. The streamed apply calls it per batch: a record repeated in another batch is not found
    (comparing every record with all those before would hold the file in memory)."""
    names = table.column_names
    mask = np.zeros(table.num_rows, dtype=np.bool_)
    keys = 0
    if names and table.num_rows:
        ids, _present, _ = _group_ids([table.column(_splitting_column(table))])
        # A key no other row has marks no duplicate.
        candidates = np.flatnonzero(np.bincount(ids)[ids] > 1)
        if len(candidates):
            rows = table.take(pa.array(candidates))
            # Empty cells made a value of their own: two rows both empty there are equal there.
            columns = [pc.fill_null(pc.cast(rows.column(n), pa.string()), "\x00") for n in names]
            flagged, keys = _unique(EXACT_DUPLICATES, columns, None)
            mask[candidates[np.asarray(flagged.to_numpy(zero_copy_only=False), dtype=np.bool_)]] = True
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
    found = evaluate(rules, typed, seen)
    duplicates = recipe.rule(EXACT_DUPLICATES)
    if duplicates is not None and duplicates.action == "off":
        settled.off[EXACT_DUPLICATES] = duplicates.reason
    else:
        found.append(exact_duplicates(table))
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
