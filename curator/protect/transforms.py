"""Apply each column's decision on its way out: keep, drop, pseudonymise, generalise, shift...

Only the columns that have a decision are exported, in the order of the decisions; a column
without one is left out, so a forgotten column can never leak. A column the user marked
``direct`` is dropped, pseudonymised or scrubbed, or kept with ``keep_confirmed`` ("no silent keep",
:mod:`curator.recipe.privacy`).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.protect import dates, geo, numeric
from curator.protect.hierarchy import hierarchy_from_spec
from curator.protect.pseudonym import KINDS, TokenCache, pseudonymise
from curator.recipe.model import ColumnDecision
from curator.recipe.params import check_params
from curator.recipe.privacy import kept_by_choice, leaves_identifying

# Words in a concept id or column name that choose the normalisation of its pseudonyms.
_NIR_HINTS = frozenset({"nir", "ins", "nss", "secu"})
_NAME_HINTS = frozenset({"name", "nom", "prenom", "prenoms", "surname", "firstname", "lastname"})


class ScrubUnavailableWarning(UserWarning):
    """Free text was dropped because no scrubber is available."""


def output_name(decision: ColumnDecision) -> str:
    return decision.output_name or decision.concept or decision.source


def kept_direct_columns(decisions: list[ColumnDecision]) -> list[str]:
    """Output names of the `direct` columns kept by explicit, confirmed choice: for the manifest."""
    return [output_name(d) for d in decisions if kept_by_choice(d.identifying, d.transform)]


ValueCounts = Mapping[str, Mapping[str | None, int]]
"""Per column (a decision's ``source``), how many records of the whole file hold each value
(``None`` for empty cells), as :func:`global_counts` gives them."""


def protect_table(table: pa.Table, decisions: list[ColumnDecision], secret: bytes | None,
                  progress: ProgressCallback | None = None, notes: list[str] | None = None,
                  value_counts: ValueCounts | None = None, parallel_above: int | None = None,
                  tokens: TokenCache | None = None) -> pa.Table:
    """The table as it leaves: one output column per decision that is not ``drop``.

    ``notes`` (if given) receives a sentence for every choice made on the user's behalf, such as
    free text dropped for want of a scrubber.

    ``value_counts`` is for a table that is one batch of a larger file: ``rare_to_other`` then
    judges a value rare by its count over the whole file (from :func:`global_counts`), not over
    the batch. A value missing from the counts counts 0, so it is replaced: incomplete counts can
    hide a common value, never let a rare one through.

    ``parallel_above`` and ``tokens`` are for pseudonyms (see :func:`curator.protect.pseudonym.pseudonymise`).
    """
    _check_decisions(table, decisions)
    names: list[str] = []
    columns: list[pa.ChunkedArray] = []
    for number, decision in enumerate(decisions):
        report(progress, number / max(len(decisions), 1), Text(QT_TRANSLATE_NOOP("core", "protecting {column}"), column=decision.source))
        if decision.transform.action == "drop":
            continue
        column = _apply(table, decision, decisions, secret, notes, value_counts, parallel_above, tokens)
        if column is None:
            continue
        names.append(output_name(decision))
        columns.append(column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column]))
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "protection done"))
    return pa.table(columns, names=names) if names else table.select([])


def column_of(table: pa.Table, decision: ColumnDecision) -> pa.ChunkedArray:
    """The decision's column: by source name, or by the concept or output name after mapping."""
    for name in (decision.source, decision.concept, decision.output_name):
        # The schema's name index, not ``name in table.column_names`` (a new list each time: quadratic).
        if name is not None and table.schema.get_field_index(name) >= 0:
            return table.column(name)
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "the column '{column}' is not in the data"), column=decision.source),
                     Location(column=decision.source),
                     hint=Text(QT_TRANSLATE_NOOP("core", "The file's columns changed since the recipe was made: "
                                                         "review the mapping.")))


def _check_decisions(table: pa.Table, decisions: list[ColumnDecision]) -> None:
    seen: dict[str, str] = {}
    for decision in decisions:
        transform = decision.transform
        if transform.action not in _KNOWN_ACTIONS:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "unknown action '{action}'"), action=transform.action),
                             Location(column=decision.source),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."),
                                       choices=", ".join(sorted(_KNOWN_ACTIONS))))
        check_params(transform.action, transform.params, decision.source)
        if leaves_identifying(decision.identifying, transform):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "this column identifies people directly and would be "
                                                            "exported as it is")),
                             Location(column=decision.source),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Drop or pseudonymise it, or confirm explicitly that "
                                                                 "it must be kept.")))
        if transform.action == "drop":
            continue
        column_of(table, decision)
        name = output_name(decision)
        if name in seen:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "two columns would both be exported as '{name}': "
                                                            "'{first}' and '{second}'"),
                                  name=name, first=seen[name], second=decision.source),
                             Location(column=decision.source),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Give one of them another output name.")))
        seen[name] = decision.source


def global_counts(batches: Iterable[pa.Table], decisions: list[ColumnDecision]) -> dict[str, dict[str | None, int]]:
    """The counts ``protect_table(..., value_counts=)`` needs, gathered over all the batches of a file.

    Only the ``rare_to_other`` columns are counted, as ``protect_table`` will see them: give it the
    batches in the form they will be protected in (converted, if they will be converted). Memory is
    the columns' distinct values, not their rows.
    """
    wanted = [d for d in decisions if d.transform.action == "rare_to_other"]
    parts: dict[str, list[pa.Table]] = {d.source: [] for d in wanted}
    for batch in batches:
        for decision in wanted:
            tally = pc.value_counts(_as_text(column_of(batch, decision)))
            found = parts[decision.source]
            found.append(pa.table({"value": tally.field("values"), "count": tally.field("counts")}))
            if len(found) >= 64:        # fold as we go: distinct values, not batches, bound the memory
                found[:] = [_sum_counts(found)]
    counts: dict[str, dict[str | None, int]] = {}
    for source, found in parts.items():
        total = _sum_counts(found) if found else pa.table({"value": pa.array([], pa.string()), "count": []})
        counts[source] = dict(zip(total.column("value").to_pylist(), total.column("count").to_pylist(), strict=True))
    return counts


def _sum_counts(parts: list[pa.Table]) -> pa.Table:
    summed = pa.concat_tables(parts).group_by("value").aggregate([("count", "sum")])
    return pa.table({"value": summed.column("value"), "count": summed.column("count_sum")})


def _apply(table: pa.Table, decision: ColumnDecision, decisions: list[ColumnDecision],
           secret: bytes | None, notes: list[str] | None,
           value_counts: ValueCounts | None = None,
           parallel_above: int | None = None, tokens: TokenCache | None = None) -> pa.Array | pa.ChunkedArray | None:
    values = column_of(table, decision)
    action = decision.transform.action
    if action == "scrub":
        return _scrub(values, decision, notes)
    context = _Context(table, decision, decisions, secret, values, value_counts)
    context.parallel_above = parallel_above
    context.tokens = tokens.for_column(decision.source) if tokens is not None and decision.source in tokens.columns \
        else None
    return _ACTIONS[action](context)


class _Context:
    def __init__(self, table: pa.Table, decision: ColumnDecision, decisions: list[ColumnDecision],
                 secret: bytes | None, values: pa.ChunkedArray, value_counts: ValueCounts | None = None) -> None:
        self.table = table
        self.value_counts = value_counts
        self.decision = decision
        self.decisions = decisions
        self.secret = secret
        self.values = values
        self.column = decision.source
        self.params: dict[str, Any] = decision.transform.params
        self.parallel_above: int | None = None
        self.tokens: TokenCache | None = None

    def array(self) -> pa.Array:
        return self.values.combine_chunks() if self.values.num_chunks else pa.array([], self.values.type)

    def need_secret(self) -> bytes:
        if not self.secret:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "pseudonymising needs the secret, and none was given")),
                             Location(column=self.column),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Open the secret file (or create one with "
                                                                 "'curator keys new-secret').")))
        return self.secret

    def param(self, key: str, *aliases: str) -> Any:
        for name in (key, *aliases):
            if name in self.params:
                return self.params[name]
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the action '{action}' needs the setting '{key}'"),
                              action=self.decision.transform.action, key=key),
                         Location(column=self.column))


def pseudonym_kind(decision: ColumnDecision) -> str:
    """The normalisation for a column: as set in its parameters, else guessed from its concept or,
    failing that, its name (``nir``, ``NIR patient``, ``birth_name``, ``Prénom``...)."""
    kind = decision.transform.params.get("kind")
    if kind:
        if kind not in KINDS:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "unknown kind of pseudonym '{kind}'"), kind=kind),
                             Location(column=decision.source),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(KINDS)))
        return str(kind)
    for label in (decision.concept, decision.source):
        words = re.split(r"[^a-z]+", unicodedata.normalize("NFKD", label or "").lower())
        if any(w in _NIR_HINTS for w in words):
            return "nir"
        if any(w in _NAME_HINTS for w in words):
            return "name"
    return "generic"


def _keep(ctx: _Context) -> pa.ChunkedArray:
    return ctx.values


def _pseudonymise(ctx: _Context) -> pa.Array:
    return pseudonymise(ctx.values, ctx.need_secret(), pseudonym_kind(ctx.decision), ctx.parallel_above, ctx.tokens)


def _generalise(ctx: _Context) -> pa.Array:
    to = ctx.param("to")
    if to not in dates.DATE_LEVELS and to not in ("department", "region"):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "unknown generalisation '{to}'"), to=to),
                         Location(column=ctx.column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use year, year_month, quarter, department or region, "
                                                             "or a hierarchy.")))
    # Each distinct value is coarsened once (a hundred thousand rows hold a few thousand dates or
    # postcodes) and taken back to the rows. A value that cannot be coarsened is reported by its
    # row: the rows are then done one by one, which raises on the first of them.
    values = ctx.array()
    if not pa.types.is_dictionary(values.type):
        encoded = pc.dictionary_encode(values)
        try:
            return _generalised(encoded.dictionary, to, ctx.column).take(encoded.indices)
        except InputError:
            pass
    return _generalised(values, to, ctx.column)


def _generalised(values: pa.Array, to: str, column: str) -> pa.Array:
    if to in dates.DATE_LEVELS:
        return dates.generalise_date(dates.as_dates(values, column), to, column)
    if to == "department":
        return geo.to_department(values, column)
    return geo.to_region(values, column)


def _date_shift(ctx: _Context) -> pa.Array:
    secret = ctx.need_secret()
    person_source = ctx.param("person_column")
    person = next((d for d in ctx.decisions if d.source == person_source), None)
    if person is None:
        person = ColumnDecision(source=person_source, concept=None)
    try:
        person_values = column_of(ctx.table, person)
    except InputError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the person column '{column}' for the date shift is not in "
                                                        "the data"), column=person_source),
                         Location(column=ctx.column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose the column that identifies the person."))) from exc
    tokens = pseudonymise(person_values, secret, pseudonym_kind(person), ctx.parallel_above)
    days = dates.as_dates(ctx.values, ctx.column)
    shifted = dates.shift_dates(days, tokens, secret, ctx.param("max_days"), ctx.column)
    return dates.with_time_of(ctx.values, days, shifted)


def _age_at(ctx: _Context) -> pa.Array:
    birth = dates.as_dates(ctx.values, ctx.column)
    reference = ctx.param("reference")
    if isinstance(reference, str) and ctx.table.schema.get_field_index(reference) >= 0:
        return dates.age_at(birth, dates.as_dates(ctx.table.column(reference), reference), ctx.column)
    return dates.age_at(birth, str(reference), ctx.column)


def _band(ctx: _Context) -> pa.Array:
    return numeric.band(ctx.array(), ctx.params, ctx.column)


def _top_code(ctx: _Context) -> pa.Array:
    high = ctx.params.get("max", ctx.params.get("top"))
    low = ctx.params.get("bottom", ctx.params.get("min"))
    if high is None and low is None:
        ctx.param("max")
    return numeric.clip(ctx.array(), low, high, ctx.column)


def _bottom_code(ctx: _Context) -> pa.Array:
    return numeric.clip(ctx.array(), ctx.param("min", "bottom"), None, ctx.column)


def _hierarchy(ctx: _Context) -> pa.Array:
    hierarchy = hierarchy_from_spec(ctx.param("hierarchy"), ctx.values, ctx.column)
    return hierarchy.generalise(ctx.values, int(ctx.param("level")), ctx.column)


def _rare_to_other(ctx: _Context) -> pa.Array:
    threshold = int(ctx.param("threshold"))
    other = ctx.params.get("other", "other")
    values = _as_text(ctx.array())
    whole_file = ctx.value_counts.get(ctx.decision.source) if ctx.value_counts is not None else None
    if whole_file is None:
        counts = pc.value_counts(values)
        rare = pc.filter(counts.field("values"), pc.less(counts.field("counts"), threshold))
        is_rare = pc.is_in(values, value_set=rare)
    else:
        common = pa.array([v for v, n in whole_file.items() if n >= threshold], values.type)
        is_rare = pc.invert(pc.is_in(values, value_set=common))
    return pc.if_else(is_rare, pa.scalar(other, values.type), values)


def _as_text(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Values as ``rare_to_other`` compares and counts them: as text."""
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values
    return values.cast(pa.string())


def _scrub(values: pa.ChunkedArray, decision: ColumnDecision, notes: list[str] | None) -> pa.Array | None:
    try:
        scrub_text: Callable[..., Any] | None = getattr(importlib.import_module("curator.identify"), "scrub_text", None)
    except ImportError:
        scrub_text = None
    if scrub_text is None:
        message = (f"free-text column '{decision.source}' was dropped: no scrubber is available "
                   "in this version to remove what identifies people from it")
        warnings.warn(message, ScrubUnavailableWarning, stacklevel=3)
        if notes is not None:
            notes.append(message)
        return None
    text = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
    result: pa.Array = scrub_text(text.cast(pa.string()))
    return result


_ACTIONS: dict[str, Callable[[_Context], pa.Array | pa.ChunkedArray]] = {
    "keep": _keep,
    "pseudonymise": _pseudonymise,
    "generalise": _generalise,
    "date_shift": _date_shift,
    "age_at": _age_at,
    "band": _band,
    "top_code": _top_code,
    "bottom_code": _bottom_code,
    "hierarchy": _hierarchy,
    "rare_to_other": _rare_to_other,
}
_KNOWN_ACTIONS = frozenset(_ACTIONS) | {"drop", "scrub"}
