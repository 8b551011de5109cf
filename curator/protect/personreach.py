"""Reach k at person level across the tables of a linked submission, and its replay on export.

A submission with a person key describes each person across its tables: the person table's
quasi-identifiers (sex, birth year, residence) and, from each event table, the quasi-identifiers
its recipe section ticks (``protection.quasi_identifiers``, as for one table: the year-month of a
diagnosis...), gathered per person as the set of their values (:func:`persons.person_frame`).

:func:`submission_reach` searches, over that frame, the least generalisation (each column within
its floor, ``protection.floors``) plus the suppression that reach k persons per class, and writes
the levels into each table's section (``generalisation``, ``hierarchies``) and what it found into
the submission-wide ``protection.person_reach``. :func:`release_across` replays it on the tables as
they leave: the levels were applied per table, the suppression is planned again on the person
frame (it depends only on the data and the recipe, so the recipe never names a person) and done
in every table at once, never half a person:

- suppressed *cells* (``suppression_unit == "cells"``): a person's quasi-identifier cell becomes
  ``*`` on every row of that person in the table holding it (and in a column of the same name that
  another table holds without ticking it); k is counted with ``*`` as a value of its own, as for
  one table. A cell the person has no row for (no diagnosis at all) cannot be blanked and keeps
  its value in the plan; a person no pattern of cells saves is suppressed whole;
- a person suppressed whole (``"records"``, or as above) has its rows leave every table.

The plan depends only on the tables and the recipe, so the recipe never names a person.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.check import below_k
from curator.errors import InputError
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report, scaled
from curator.protect.hierarchy import Hierarchy
from curator.protect.persons import (
    DEFAULT_K,
    DEFAULT_SUPPRESSION,
    SHOWN_CHARACTERS,
    PersonQuasi,
    frame_hierarchies,
    generalised_frame,
    keyed_frame,
    person_codes,
    person_frame,
    person_output,
    quasi_output,
    reach_recipe,
    without_persons,
)
from curator.protect.reach import (
    build_hierarchy,
    floor_level,
    hierarchy_spec,
    quasi_as_they_leave,
)
from curator.protect.risk import class_sizes_per_record
from curator.protect.search import KUnreachable, SearchResult, find_minimal_generalisation
from curator.protect.suppression import (
    allowed_suppressions,
    search_patterns,
    suppress_rows,
    suppression_order,
    unique_rows,
)
from curator.recipe.model import Recipe, Transform
from curator.recipe.submission import Submission

UNIT = "persons"
RULE_SPECS = ("date", "digits", "region")


def person_table(submission: Submission) -> str | None:
    """The table describing one person per row: its primary key is its person key."""
    return next((t.name for t in submission.tables if t.person_key and t.primary_key == [t.person_key]), None)


def counts_persons_across(submission: Submission) -> bool:
    """Whether k is reached and enforced across the tables, in distinct persons: a submission of
    several tables of which at least one has a person key."""
    return len(submission.tables) > 1 and any(t.person_key for t in submission.tables)


@dataclass
class _Column:
    """One quasi-identifier of the person frame and where it comes from."""

    table: str
    source: str
    output: str
    spec: str
    floor: int
    element: Hierarchy

    @property
    def name(self) -> str:
        return f"{self.table}.{self.output}"


@dataclass
class SubmissionReach:
    """What Reach k across the tables found (figures in persons); ``to_dict`` is what the recipe records."""

    k: int
    persons: int
    quasi: list[str]                                    # "table.column" as they leave, most important first
    levels: dict[str, dict[str, int]]                   # table -> source column -> level
    hierarchies: dict[str, dict[str, str]]              # table -> source column -> hierarchy spec
    search: SearchResult
    suppression_unit: str = "cells"
    cells_suppressed: int = 0
    persons_touched: int = 0                            # persons with at least one cell suppressed
    persons_suppressed: int = 0                         # persons suppressed whole: their rows leave every table
    cells_per_column: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)      # tables reached on their own (no person key)

    def to_dict(self) -> dict[str, Any]:
        return {"unit": UNIT, "k": self.k, "persons": self.persons, "quasi_identifiers": list(self.quasi),
                "suppression_unit": self.suppression_unit, "cells_suppressed": self.cells_suppressed,
                "persons_touched": self.persons_touched, "persons_suppressed": self.persons_suppressed,
                "cells_per_column": dict(self.cells_per_column),
                "relative_loss": round(float(self.search.relative_loss), 6)}

    def describe(self) -> str:
        """One sentence, as the single-table Reach k says it."""
        levels = ", ".join(f"{table}.{source} → level {level} ({self.hierarchies[table][source]})"
                           for table, columns in self.levels.items() for source, level in columns.items())
        if self.suppression_unit == "cells":
            suppressed = (f"cells suppressed on every row holding them: {self.cells_suppressed:,} (of "
                          f"{self.persons_touched:,} persons); persons suppressed whole, their rows leaving every "
                          f"table: {self.persons_suppressed:,}")
        else:
            suppressed = f"persons suppressed, their rows leaving every table: {self.persons_suppressed:,}"
        return (f"generalised to reach k = {self.k} persons across the tables ({self.persons:,} persons): {levels}; "
                f"information lost {self.search.relative_loss:.0%}, {suppressed}")


def _searched(recipe: Recipe) -> Recipe:
    """``recipe`` with its person key kept as it is (so that a person's rows join across tables; a
    throw-away pseudonym would differ per table) and its rule-made hierarchies chosen afresh."""
    searched = copy.deepcopy(recipe)
    searched.protection.hierarchies = {source: spec for source, spec in recipe.protection.hierarchies.items()
                                       if spec not in RULE_SPECS and not spec.startswith("intervals:")}
    quasi = [q for q in recipe.protection.quasi_identifiers if q != recipe.person_key]
    searched.protection.quasi_identifiers = [*quasi, *([recipe.person_key] if recipe.person_key else [])]
    decision = searched.column(recipe.person_key) if recipe.person_key else None
    if decision is not None:
        decision.transform = Transform("keep", keep_confirmed=True)
    return searched


def _leaving(submission: Submission, sources: Mapping[str, pa.Table], vocabulary: Vocabulary) -> tuple[
        dict[str, pa.Table], dict[str, str], list[_Column], str | None]:
    """Each person-keyed table's person column and quasi-identifiers as they leave, the person
    column of each, the frame's columns (person table first) and the person table."""
    first = person_table(submission)
    ordered = sorted((t for t in submission.tables if t.person_key), key=lambda t: t.name != first)
    tables: dict[str, pa.Table] = {}
    persons: dict[str, str] = {}
    columns: list[_Column] = []
    for recipe in ordered:
        if recipe.name not in sources:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "no data were given for table '{name}'"), name=recipe.name))
        decision = recipe.column(str(recipe.person_key))
        if decision is None or decision.transform.action == "drop":
            continue        # no person key leaves: the table is not counted in persons on export either
        searched = _searched(recipe)
        leaving, names = quasi_as_they_leave(sources[recipe.name], searched, vocabulary)
        person = names.pop(str(recipe.person_key), None)
        if person is None:
            continue
        tables[recipe.name], persons[recipe.name] = leaving, person
        types = {str(c.get("name")): str(c.get("type") or "") for c in recipe.source_columns}
        for source, output in names.items():
            if output == person:
                continue
            values = leaving.column(output)
            spec = hierarchy_spec(searched, source, values, types.get(source) or "")
            element = build_hierarchy(spec, values, output)
            floor = floor_level(recipe.protection.floors.get(source, ""), spec, element)
            columns.append(_Column(recipe.name, source, output, spec, floor, element))
    return tables, persons, columns, first


def _frame_and_hierarchies(tables: Mapping[str, pa.Table], persons: Mapping[str, str], columns: Sequence[_Column],
                           first: str | None) -> tuple[pa.Table, dict[str, Hierarchy]]:
    quasi = [PersonQuasi(c.table, c.output, event=c.table != first) for c in columns]
    frame = person_frame(tables, persons, quasi)
    hierarchies, _specs = frame_hierarchies(frame, [c.name for c in columns], {c.name: c.spec for c in columns},
                                            {c.name: c.element for c in columns}, filled=True)
    return frame, hierarchies


def _filled(keyed: pa.Table) -> pa.Table:
    """Null cells (a person absent from the person table) as ``""``, as the search reads them."""
    for index, name in enumerate(keyed.column_names):
        column = keyed.column(index)
        if column.null_count:
            keyed = keyed.set_column(index, name, pc.fill_null(column, ""))
    return keyed


@dataclass
class PersonPlan:
    """The suppression at person level, per person in the frame's order: the bits of its
    suppressed quasi-identifier cells, and whether it is suppressed whole (its rows leave every table)."""

    masks: np.ndarray
    removed: np.ndarray
    cells_per_column: dict[str, int]

    @property
    def cells(self) -> int:
        return sum(self.cells_per_column.values())

    @property
    def touched(self) -> int:
        return int(((self.masks != 0) | self.removed).sum())


def absent_cells(frame: pa.Table, names: Sequence[str]) -> np.ndarray:
    """Per person of ``frame`` and quasi-identifier: whether the person has no row to hold it (no
    row in the person table, or no event in that table). Blanking cannot hide that."""
    columns = []
    for name in names:
        column = frame.column(name).combine_chunks()
        none = pc.equal(pc.list_value_length(column), 0) if pa.types.is_list(column.type) else pc.is_null(column)
        columns.append(pc.fill_null(none, True).to_numpy(zero_copy_only=False).astype(np.bool_))
    return np.stack(columns, axis=1) if columns else np.zeros((frame.num_rows, 0), dtype=np.bool_)


def _person_cells(keyed: pa.Table, names: Sequence[str], k: int, order: Sequence[int],
                  absent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sdcMicro's local suppression (:func:`~curator.protect.suppression.plan_cell_suppression`)
    over persons, where an absent cell (``absent``: a person with no row in that table) cannot be
    suppressed: blanking a person's rows cannot hide that they have none, so such a cell keeps its
    value in every pattern. Persons no pattern saves are suppressed whole. Returns, per person, the
    bits of its suppressed cells and whether it is removed; every class of the rest holds k persons
    exactly as the tables will hold them (a suppressed cell a value of its own)."""
    codes = []
    for j, name in enumerate(names):
        encoded = pc.dictionary_encode(keyed.column(name).combine_chunks())
        # Absent and present cells apart, so that a class is all one or all the other in each column.
        codes.append(encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64) * 2 + absent[:, j])
    keys, inverse, weights = unique_rows(np.stack(codes, axis=1))
    masks, waiting = search_patterns(keys, weights, k, order, fixed=keys % 2 == 1)
    return masks[inverse], waiting[inverse]


def plan_persons(keyed: pa.Table, names: Sequence[str], k: int, unit: str, cell_cap: float,
                 record_cap: float, absent: np.ndarray | None = None) -> PersonPlan:
    """The cells (``unit == "cells"``: in the order of ``names``, the most important suppressed
    last) or persons (``"records"``) to suppress so that every class of ``keyed`` (one row per
    person, the columns at their levels) holds k persons, within the caps (counted in persons and
    in person cells; a person suppressed whole counts all its cells). Raises InputError beyond them."""
    persons = keyed.num_rows
    if k < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "k must be at least 1, not {k}"), k=k))
    if unit == "cells" and persons:
        cells_absent = absent if absent is not None else np.zeros((persons, len(names)), dtype=np.bool_)
        masks, removed = _person_cells(keyed, names, k, suppression_order(names, names), cells_absent)
    else:
        small = class_sizes_per_record(keyed, list(names)) < k if persons else np.zeros(0, dtype=np.bool_)
        masks, removed = np.zeros(persons, dtype=np.int64), small
    per_column = {name: int((((masks >> j) & 1 == 1) | removed).sum()) for j, name in enumerate(names)}
    plan = PersonPlan(masks, removed, per_column)
    cells_allowed = allowed_suppressions(persons * len(names), cell_cap) if unit == "cells" else plan.cells
    persons_allowed = allowed_suppressions(persons, record_cap)
    if plan.cells > cells_allowed or plan.touched > persons_allowed:
        raise InputError(
            Text(QT_TRANSLATE_NOOP("core", "reaching k = {k} persons needs {cells} suppressed cells of {persons} persons "
                                           "({whole} of them whole), more than the caps allow ({cells_allowed} cells, "
                                           "{persons_allowed} persons)"),
                 k=k, cells=plan.cells, persons=plan.touched, whole=int(removed.sum()), cells_allowed=cells_allowed,
                 persons_allowed=persons_allowed),
            hint=Text(QT_TRANSLATE_NOOP("core", "Run 'curator recipe reach-k' on these files again; or lower k, or raise "
                                                "the suppression caps.")))
    return plan


def _search(keyed: pa.Table, names: list[str], hierarchies: dict[str, Hierarchy], floors: dict[str, int], k: int,
            cap: float, unit: str, cell_cap: float, progress: ProgressCallback | None) -> SearchResult:
    return find_minimal_generalisation(keyed.select(names), names, hierarchies, k, cap, progress=progress,
                                       floors=floors, cell_cap=cell_cap if unit == "cells" else None,
                                       importance=names)


def _with_coarser_floors(submission: Submission, columns: Sequence[_Column], unreachable: KUnreachable) -> None:
    by_name = {c.name: c for c in columns}
    for name, level in unreachable.coarser.items():
        column = by_name.get(name)
        recipe = submission.table(column.table) if column is not None else None
        if column is not None and recipe is not None:
            recipe.protection.floors[column.source] = f"level:{level}"


def submission_reach(submission: Submission, tables: Mapping[str, pa.Table], vocabulary: Vocabulary,
                     k: int | None = None, cap: float | None = None, progress: ProgressCallback | None = None,
                     coarser_floors: bool = False) -> tuple[Submission, SubmissionReach]:
    """Reach k counted in distinct persons across the tables of ``submission`` (``tables``: each
    table's source data by name, as read), written into the submission: each table's levels and
    hierarchy specs (``generalisation``, ``hierarchies``), the submission's k, suppression cap and
    ``person_reach`` (the figures found). ``k`` and ``cap`` default to the recipe's, else 5 and 2 %.

    No column goes past its floor; with ``coarser_floors``, the floors Reach k suggests when k is
    out of reach are taken (written into the recipe) and the search made once more. Raises
    :class:`~curator.protect.search.KUnreachable` (an InputError saying what drives the risk and
    what would reach k) when k cannot be reached. Tables without a person key reach k on their
    own (in records), as :func:`~curator.protect.persons.reach_recipe` does. The submission is
    changed in place and returned."""
    protection = submission.protection
    k = k or protection.k_target or submission.tables[0].protection.k_target or DEFAULT_K
    unit = submission.tables[0].protection.suppression_unit
    if cap is None:
        cap = protection.suppression_cap or submission.tables[0].protection.suppression_cap or DEFAULT_SUPPRESSION
    cell_cap = submission.tables[0].protection.cell_suppression_cap
    try:
        found = _reach(submission, tables, vocabulary, k, cap, unit, cell_cap, progress)
    except KUnreachable as unreachable:
        if not (coarser_floors and unreachable.coarser):
            raise
        columns = _leaving(submission, tables, vocabulary)[2]
        _with_coarser_floors(submission, columns, unreachable)
        found = _reach(submission, tables, vocabulary, k, cap, unit, cell_cap, progress)
    for recipe in submission.tables:
        if recipe.person_key or not recipe.protection.quasi_identifiers:
            continue
        # A table no person key joins: its own rows are its records, reached on their own.
        alone = reach_recipe(recipe, tables[recipe.name], vocabulary, k, cap, coarser_floors=coarser_floors)
        found.levels[recipe.name] = dict(alone.levels)
        found.hierarchies[recipe.name] = dict(alone.hierarchies)
        found.notes.append(f"{recipe.name} has no person key: k reached in its own records")
    protection.k_target, protection.suppression_cap = k, cap
    protection.person_reach = found.to_dict()
    for recipe in submission.tables:
        recipe.protection.k_target, recipe.protection.suppression_cap = k, cap
        recipe.protection.person_reach = found.to_dict()
    return submission, found


def _reach(submission: Submission, sources: Mapping[str, pa.Table], vocabulary: Vocabulary, k: int, cap: float,
           unit: str, cell_cap: float, progress: ProgressCallback | None) -> SubmissionReach:
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "gathering each person's quasi-identifiers"))
    tables, persons, columns, first = _leaving(submission, sources, vocabulary)
    if not columns:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no quasi-identifier of a table with a person key leaves in "
                                                        "the package")),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Tick the quasi-identifiers an attacker could know in "
                                                             "each table's protection.quasi_identifiers.")))
    frame, hierarchies = _frame_and_hierarchies(tables, persons, columns, first)
    names = [c.name for c in columns]
    floors = {c.name: c.floor for c in columns}
    keyed = _filled(keyed_frame(frame))
    try:
        found = _search(keyed, names, hierarchies, floors, k, cap, unit, cell_cap, scaled(progress, 0.2, 0.9))
    except KUnreachable as unreachable:
        unreachable.details.insert(0, Text(QT_TRANSLATE_NOOP("core", "counted in persons across the tables: each "
                                                                     "record below is a person")))
        raise
    levels = {name: int(found.transformation.get(name, 0)) for name in names}
    try:
        plan = plan_persons(_filled(generalised_frame(frame, hierarchies, levels)), names, k, unit, cell_cap, cap,
                            absent_cells(frame, names))
    except InputError:
        # The search counts an absent cell as one it may blank; at the coarsest levels the floors
        # allow, fewer cells are needed: taken when they are within the caps (else the error stands).
        levels = {name: floors[name] for name in names}
        plan = plan_persons(_filled(generalised_frame(frame, hierarchies, levels)), names, k, unit, cell_cap, cap,
                            absent_cells(frame, names))
    by_table: dict[str, dict[str, int]] = {}
    specs: dict[str, dict[str, str]] = {}
    for column in columns:
        by_table.setdefault(column.table, {})[column.source] = levels[column.name]
        specs.setdefault(column.table, {})[column.source] = column.spec
    for recipe in submission.tables:
        if recipe.name in persons:
            recipe.protection.generalisation = by_table.get(recipe.name, {})
            recipe.protection.hierarchies = specs.get(recipe.name, {})
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "found"))
    return SubmissionReach(k, frame.num_rows, names, by_table, specs, found, unit, plan.cells, plan.touched,
                           int(plan.removed.sum()),
                           plan.cells_per_column)


# ---- on export: the same suppression, in every table ---------------------------------------------

@dataclass
class Released:
    """The suppression across the tables, planned on the tables as they leave (figures in persons;
    no person named outside memory). :meth:`apply` does it in one table."""

    persons: dict[str, str]                             # table -> its person column
    quasi: list[PersonQuasi]
    ids: pa.Array                                       # the frame's persons, in its order
    plan: PersonPlan | None
    info: dict[str, Any]
    whole: int = 0                                      # persons suppressed whole: their rows left every table
    done: dict[str, dict[str, Any]] = field(default_factory=dict)   # per table, what apply did, in rows

    def _columns(self, name: str, columns: Sequence[str]) -> list[int]:
        """The frame's quasi-identifiers whose suppression reaches table ``name`` (its ``columns``):
        its own, and another table's of the same name where it is no quasi-identifier of its own (a
        copy, as a diagnosis month repeats its visit's, would give the blanked value away)."""
        own = {q.column for q in self.quasi if q.table == name}
        return [j for j, q in enumerate(self.quasi)
                if q.table == name or (q.column in columns and q.column not in own)]

    def changes(self, name: str, columns: Sequence[str]) -> bool:
        """Whether :meth:`apply` changes table ``name`` (its ``columns``)."""
        if self.plan is None or name not in self.persons:
            return False
        if self.plan.removed.any():
            return True
        return any(((self.plan.masks >> j) & 1).any() for j in self._columns(name, columns))

    def apply(self, name: str, table: pa.Table) -> pa.Table:
        """``table`` (the whole of table ``name`` as it leaves) with its share of the suppression:
        the rows of removed persons gone, or each suppressed cell of a person ``*`` on every row of
        that person, in its own column and in any column of the same name this table holds."""
        if self.plan is None or not self.changes(name, table.column_names):
            return table
        person = self.persons[name]
        before = table.num_rows
        if self.plan.removed.any():
            gone = pc.filter(self.ids, pa.array(self.plan.removed)).to_pylist()
            table = without_persons({name: table}, {name: person}, gone)[name]
        index = pc.index_in(pc.cast(table.column(person), pa.string()), value_set=self.ids)
        rows = pc.fill_null(index, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        bits = np.where(rows >= 0, self.plan.masks[np.maximum(rows, 0)], 0).astype(np.int64)
        marked: dict[str, np.ndarray] = {}
        for j in self._columns(name, table.column_names):
            column = self.quasi[j].column
            marked[column] = marked.get(column, np.zeros(len(bits), dtype=np.bool_)) | ((bits >> j) & 1 == 1)
        for column, rows_marked in marked.items():
            if rows_marked.any():
                table = suppress_rows(table, [column], rows_marked)
        touched = np.zeros(len(bits), dtype=np.bool_)
        for rows_marked in marked.values():
            touched |= rows_marked
        per_column = {column: int(rows_marked.sum()) for column, rows_marked in marked.items()}
        self.done[name] = {"cells_per_column": per_column, "cells_suppressed": sum(per_column.values()),
                           "records_touched": int(touched.sum()), "rows_removed": before - table.num_rows}
        return table


def across_columns(submission: Submission, names: Mapping[str, Sequence[str]]) -> tuple[
        dict[str, str], list[PersonQuasi], str | None]:
    """The person column of each person-keyed table and the quasi-identifiers of the frame, as
    named in the output (``names``: each table's output columns)."""
    first = person_table(submission)
    persons: dict[str, str] = {}
    quasi: list[PersonQuasi] = []
    for recipe in sorted(submission.tables, key=lambda t: t.name != first):
        person = person_output(recipe, names.get(recipe.name, ()))
        if person is None:
            continue
        persons[recipe.name] = person
        quasi += [PersonQuasi(recipe.name, q, event=recipe.name != first)
                  for q in quasi_output(recipe, [n for n in names[recipe.name] if n != person])]
    return persons, quasi, first


def release_across(tables: Mapping[str, pa.Table], submission: Submission) -> Released:
    """The suppression Reach k planned across ``tables`` (as they leave, each at its levels; the
    person and quasi-identifier columns suffice), replanned as the search planned it. When it
    needs more than the caps allow, nothing is planned and ``info["beyond_caps"]`` says why: the
    export then refuses the package as below k (:func:`enforce_across`), unless accepted."""
    protection = submission.tables[0].protection
    k = protection.k_target
    persons, quasi, _first = across_columns(submission, {name: t.column_names for name, t in tables.items()})
    info: dict[str, Any] = {"unit": UNIT, "k": k, "suppression_unit": protection.suppression_unit,
                            "cells_suppressed": 0, "persons_touched": 0, "persons_suppressed": 0}
    if k is None or not quasi:
        return Released(persons, quasi, pa.array([], pa.string()), None, info)
    # The frame's classes as codes: its lists and set keys would cost several times the memory.
    coded = person_codes({name: tables[name] for name in persons}, persons, quasi)
    ids = coded.persons
    columns = [q.name for q in quasi]
    info["persons"] = len(ids)
    try:
        plan = plan_persons(coded.keyed(), columns, k, protection.suppression_unit,
                            protection.cell_suppression_cap, protection.suppression_cap, coded.absent)
    except InputError as beyond:
        info["beyond_caps"] = str(beyond.message)
        return Released(persons, quasi, ids, None, info)
    whole = int(plan.removed.sum())
    info.update(cells_suppressed=plan.cells, persons_touched=plan.touched, persons_suppressed=whole,
                cells_per_column=plan.cells_per_column)
    return Released(persons, quasi, ids, plan, info, whole)


def shortfall_across(tables: Mapping[str, pa.Table], submission: Submission, k: int, limit: int = 10) -> list[str]:
    """The smallest classes below k across the tables, each as its values and size in persons (for
    the person at the workstation: never written to a package)."""
    persons, quasi, _first = across_columns(submission, {n: t.column_names for n, t in tables.items()})
    if not quasi:
        return []
    frame = person_frame({name: tables[name] for name in persons}, persons, quasi)
    columns = [q.name for q in quasi]
    sizes = class_sizes_per_record(_filled(keyed_frame(frame)), columns)
    small = np.flatnonzero(sizes < k)
    shown: list[str] = []
    seen: set[str] = set()
    for row in small[np.argsort(sizes[small], kind="stable")]:
        values = frame.select(columns).slice(int(row), 1).to_pylist()[0]
        text = ", ".join(f"{name}={value}" for name, value in values.items())
        text = text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"
        if text not in seen:
            seen.add(text)
            shown.append(Text(QT_TRANSLATE_NOOP("core", "{values}: {size} {unit}"), values=text, size=int(sizes[row]),
                              unit=QT_TRANSLATE_NOOP("core", "persons")))
        if len(shown) >= limit:
            break
    return shown


def enforce_across(submission: Submission, risk: Mapping[str, Any] | None,
                   tables: Callable[[], Mapping[str, pa.Table]], released: Released | None = None) -> None:
    """Refuse (InputError, exit 2) a submission whose person-level k across the tables is below the
    recipe's, unless the recipe records an accepted risk with its reason; the message says how
    many classes and persons fall short, and its details name the smallest classes (of
    ``tables()``, the tables as they leave, read only then)."""
    recipe = dataclasses.replace(submission.tables[0], protection=copy.copy(submission.tables[0].protection))
    recipe.protection.accept_below_k = submission.protection.accept_below_k or recipe.protection.accept_below_k
    # Persons suppressed whole have left every table: no class of '*' remains to set aside.
    blocker = below_k(recipe, risk, 0)
    if blocker is None:
        return
    k = int(recipe.protection.k_target or 0)
    beyond = released.info.get("beyond_caps") if released is not None else None
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "the package would be below the recipe's k across the tables: "
                                                    "{problem}"), problem=blocker.message),
                     hint=Text(QT_TRANSLATE_NOOP("core", "Run 'curator recipe reach-k RECIPE FILES...' to write a "
                                                         "generalisation reaching k in persons across the tables into "
                                                         "the recipe; or record in the recipe why this risk is "
                                                         "accepted: protection.accept_below_k = {example}."),
                               example='{"reason": "..."}'),
                     details=[*([beyond] if beyond else []), *shortfall_across(tables(), submission, k)])

