"""convert_and_validate: every mapped column to its concept's type, every broken rule reported.

Nothing is coerced silently. An invalid value stays in the report until the recipe decides for it
(``ColumnDecision.validation``, keyed by rule or by the source value):

- ``"empty"``: the value becomes empty in the output;
- ``"exclude_row"``: the whole row leaves the output;
- ``"keep"``: the value stays as written, so the column stays text.

A column with an offending value that nothing decides also stays text, and the report lists it as
unresolved: ``blockers()`` then stops the export.

A column the recipe drops is neither converted nor checked: its values never leave, so an invalid
phone number in it asks nothing of the producer (unless a decision excludes rows by it).
"""

from __future__ import annotations

import dataclasses
import os
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.compute as pc

from curator.check.coherence import KeysSeen, settle
from curator.check.convert import VALUE_RULES, Converted, Failure, convert_column, has_rules
from curator.check.report import MAX_EXAMPLES, RULE_TEXT, Finding, RuleResult, ValidationReport
from curator.mapping.vocabulary import Concept, Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.recipe.model import ColumnDecision, Recipe
from curator.recipe.params import keeps_time


def _decide(failure: Failure, text: pa.Array, decision: ColumnDecision) -> dict[str, pa.Array]:
    """Per action, the offending rows it covers: a decision on the value wins over one on the rule."""
    covered: dict[str, pa.Array] = {}
    rule_action = decision.validation.get(failure.rule)
    by_value = {v: a for v, a in decision.validation.items() if v not in RULE_TEXT}
    remaining = failure.mask
    for action in ("empty", "exclude_row", "keep"):
        values = [v for v, a in by_value.items() if a == action]
        if values:
            hit = pc.and_(remaining, pc.is_in(text, value_set=pa.array(values, text.type)).fill_null(False))
            covered[action] = hit
    if covered:
        taken = None
        for mask in covered.values():
            taken = mask if taken is None else pc.or_(taken, mask)
        assert taken is not None
        remaining = pc.and_(remaining, pc.invert(taken))
    if rule_action in ("empty", "exclude_row", "keep"):
        covered[rule_action] = remaining if rule_action not in covered else pc.or_(covered[rule_action], remaining)
    return covered


def _checked(decision: ColumnDecision) -> bool:
    """Whether a mapped column is converted and checked: not when the recipe drops it, unless rows
    are excluded by its values (the exclusion still applies to the rows that leave)."""
    return decision.transform.action != "drop" or "exclude_row" in decision.validation.values()


def _examples(column: str, rule: str, text: pa.Array, mask: pa.Array, header_row: int) -> tuple[int, list[Finding]]:
    """How many rows break the rule, and the first ones with their source row number and value."""
    rows = pc.indices_nonzero(mask)
    first = rows.slice(0, MAX_EXAMPLES)
    values = pc.take(text, first).to_pylist()
    return len(rows), [Finding(header_row + 1 + int(i), column, v, rule)
                       for i, v in zip(first.to_pylist(), values, strict=True)]


def convert_and_validate(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary,
                         progress: ProgressCallback | None = None,
                         date_formats: dict[str, list[str | None]] | None = None,
                         keys_seen: KeysSeen | None = None, coherence: bool = True,
                         ) -> tuple[pa.Table, ValidationReport]:
    """The table with mapped columns typed, and the report of every value that breaks a rule.

    Unmapped columns pass through unchanged. Row numbers in the report are the source's
    (``recipe.reader.header_row`` + 1 for the first data row). ``date_formats``, kept by the
    caller from one batch of a file to the next, makes every batch read its dates the same way
    (see ``convert.to_date``). The vocabulary's coherence rules are checked too (``coherence.py``);
    ``keys_seen``, kept likewise, finds keys repeated across batches. ``coherence=False`` leaves them
    out, for a conversion of a few columns that only needs their values.
    """
    header_row = recipe.reader.header_row or 1
    result = ValidationReport(rows=table.num_rows)
    excluded = None
    columns: dict[str, pa.Array] = {}
    names = table.column_names
    mapped = _mapped_columns(names, recipe, vocabulary)
    # Only columns with something to check are made contiguous; the rest pass through untouched.
    sources = {name: table.column(name).combine_chunks()
               if name in mapped and has_rules(mapped[name][1], vocabulary, mapped[name][0].code_map)
               else table.column(name) for name in names}
    converted = _convert_columns(sources, mapped, vocabulary, recipe.reader.decimal, date_formats, progress)
    for name in names:
        source = sources[name]
        if name not in mapped:
            columns[name] = source
            continue
        decision, concept = mapped[name]
        output, excluded_here = _settle_column(name, source, decision, concept, converted[name], header_row, result)
        if excluded_here is not None:
            excluded = excluded_here if excluded is None else pc.or_(excluded, excluded_here)
        if output is None:
            # Invalid values are not decided (or kept on purpose): the column keeps the producer's text.
            columns[name] = source
            result.untyped_columns.append(name)
        else:
            columns[name] = output
    if coherence:
        excluded = _settle_coherence(table, converted, mapped, recipe, vocabulary, header_row, result, columns,
                                     excluded, keys_seen)
    out = pa.table(columns)
    if excluded is not None:
        out = out.filter(pc.invert(excluded.fill_null(False)))
    result.rows_out = out.num_rows
    result.excluded_rows = table.num_rows - out.num_rows
    result.column_types = {f.name: str(f.type) for f in out.schema}
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "checked"))
    return out, result


def _mapped_columns(names: list[str], recipe: Recipe, vocabulary: Vocabulary) -> dict[str, tuple[ColumnDecision, Concept]]:
    """The columns mapped to a concept with something to convert or check, with their decision and concept."""
    mapped = {}
    for name in names:
        decision = recipe.column(name)
        if decision is not None and decision.concept is not None and _checked(decision):
            concept = vocabulary.concept(decision.concept)
            if concept.value_type == "date" and keeps_time(decision.transform.params):
                # The explicit choice to keep the time of day: read as date-times, typed as timestamps.
                concept = dataclasses.replace(concept, value_type="datetime")
            mapped[name] = (decision, concept)
    return mapped


def _convert_columns(sources: dict[str, pa.Array | pa.ChunkedArray], mapped: dict[str, tuple[ColumnDecision, Concept]],
                     vocabulary: Vocabulary, decimal: str | None, date_formats: dict[str, list[str | None]] | None,
                     progress: ProgressCallback | None) -> dict[str, Converted]:
    """Each mapped column converted to its concept's type; pyarrow releases the GIL, so columns convert side by side."""
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        futures = {name: pool.submit(convert_column, sources[name], concept, vocabulary,
                                     decision.code_map, decimal,
                                     date_formats.setdefault(name, []) if date_formats is not None else None)
                   for name, (decision, concept) in mapped.items()}
        try:
            for done, name in enumerate(futures):
                report(progress, 0.9 * done / max(len(futures), 1), Text(QT_TRANSLATE_NOOP("core", "checking '{name}'"), name=name))
                futures[name].result()
        except BaseException:
            for future in futures.values():
                future.cancel()
            raise
    return {name: future.result() for name, future in futures.items()}


def _settle_column(name: str, text: pa.Array, decision: ColumnDecision, concept: Concept, converted: Converted,
                   header_row: int, result: ValidationReport) -> tuple[pa.Array | None, pa.Array | None]:
    """One converted column with the user's decisions on its failures applied, its rule results added
    to ``result``; and the rows to exclude. The column is None when it must stay as the producer wrote it."""
    result.notes += [Text(QT_TRANSLATE_NOOP("core", "{column}: {note}"), column=name, note=note) for note in converted.notes]
    output = converted.typed
    blank = None         # rows to empty by decision
    kept = None          # rows whose value stays as written
    excluded = None      # rows to leave out by decision
    stays_text = False
    for failure in converted.failures:
        count, examples = _examples(name, failure.rule, text, failure.mask, header_row)
        if count == 0:
            continue
        covered = _decide(failure, text, decision)
        decided = 0
        for action, mask in covered.items():
            decided += pc.sum(pc.cast(mask, pa.int64())).as_py() or 0
            if action == "empty":
                blank = mask if blank is None else pc.or_(blank, mask)
            elif action == "exclude_row":
                excluded = mask if excluded is None else pc.or_(excluded, mask)
            else:
                kept = mask if kept is None else pc.or_(kept, mask)
                if failure.rule not in VALUE_RULES and not pa.types.is_string(output.type):
                    stays_text = True
        identifying = decision.identifying or concept.identifying
        rule_result = RuleResult(name, concept.id, failure.rule, count, examples, RULE_TEXT.get(failure.rule, failure.rule),
                                 failure.detail, decision.validation.get(failure.rule), min(decided, count), identifying)
        if not rule_result.resolved:
            stays_text = True
        result.results.append(rule_result)
    if stays_text:
        return None, excluded
    if kept is not None and pa.types.is_string(output.type):
        output = pc.if_else(kept, text, output)
    if blank is not None:
        output = pc.if_else(blank, pa.scalar(None, output.type), output)
    return output, excluded


def _settle_coherence(table: pa.Table, converted: dict[str, Converted], mapped: dict[str, tuple[ColumnDecision, Concept]],
                      recipe: Recipe, vocabulary: Vocabulary, header_row: int, result: ValidationReport,
                      columns: dict[str, pa.Array], excluded: pa.Array | None, keys_seen: KeysSeen | None) -> pa.Array | None:
    """The coherence findings added to ``result``, values emptied in ``columns``; the rows to exclude."""
    concept_columns: dict[str, str] = {}
    for name, (_decision, concept) in mapped.items():
        concept_columns.setdefault(concept.id, name)
    classes = {name: decision.identifying or concept.identifying for name, (decision, concept) in mapped.items()}
    settled = settle(table, {n: c.typed for n, c in converted.items()}, concept_columns, classes, recipe, vocabulary,
                     header_row, keys_seen)
    result.results += settled.results
    result.rules_off.update(settled.off)
    for name, rows in settled.emptied.items():
        columns[name] = pc.if_else(rows, pa.scalar(None, columns[name].type), columns[name])
    if settled.excluded is not None:
        excluded = settled.excluded if excluded is None else pc.or_(excluded, settled.excluded)
    return excluded
