"""Reach k: find the least generalisation of the quasi-identifiers as they leave, and apply it on export.

The search and the export must see the same values, or a package could miss the k the user was
shown. Both work on the quasi-identifier columns *after* each column's own transform (a birth date
already cut to the year is generalised from the year on), and both build each hierarchy from a
*spec* stored in the recipe (``recipe.protection.hierarchies``): a rule (``date``, ``digits``,
``intervals:5,10,20``) or an ARX CSV path, rebuilt over the values of the file being exported.
A rule maps a value the same way whatever the file, so a recipe applied to next year's file
generalises a value as it did this year; whether that still reaches k is checked, not assumed.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curator.check import convert_and_validate
from curator.errors import InputError, Location
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report, scaled
from curator.protect.hierarchy import Hierarchy, hierarchy_from_spec
from curator.protect.risk import class_sizes_per_record
from curator.protect.search import KUnreachable, SearchResult, find_minimal_generalisation, highest_level
from curator.protect.suppression import allowed_suppressions, suppress_cells, suppress_rows
from curator.protect.transforms import output_name, protect_table
from curator.protect.utility import measure_utility
from curator.recipe.model import ProtectionSettings, Recipe

NUMBER_SPEC = "intervals:5,10,20"
NUMERIC_TYPES = ("integer", "decimal", "number", "float")


def default_hierarchy_spec(values: pa.Array | pa.ChunkedArray, inferred_type: str = "") -> str:
    """The rule curator proposes for a column: dates → month, year, decade; numbers → bands of 5,
    10, 20; codes and text → characters masked from the right. The rule is checked against the
    values: one they do not fit (a "date" column already cut to the year) falls back to ``digits``."""
    kind = values.type
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        spec = "date"
    elif pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        spec = NUMBER_SPEC
    elif inferred_type == "date":
        spec = "date"
    elif inferred_type in NUMERIC_TYPES:
        spec = NUMBER_SPEC
    else:
        return "digits"
    try:
        build_hierarchy(spec, values)
    except InputError:
        return "digits"
    return spec


_DEPARTMENT_CONCEPTS = ("department",)


def _place_spec(recipe: Recipe, source: str, column: pa.ChunkedArray) -> str:
    """``region`` for a column that leaves as French départements (a postcode or commune code
    generalised to its département, or a département): masking a département's digits would group
    places by their first digit, which serves no one."""
    decision = recipe.column(source)
    if decision is None:
        return ""
    leaves_departments = (decision.transform.action == "generalise" and decision.transform.params.get("to") == "department") \
        or (decision.concept in _DEPARTMENT_CONCEPTS and decision.transform.action == "keep")
    if not leaves_departments:
        return ""
    try:
        build_hierarchy("region", column)
    except InputError:
        return ""
    return "region"


def build_hierarchy(spec: str, values: pa.Array | pa.ChunkedArray, name: str = "") -> Hierarchy:
    """The hierarchy of ``spec`` over ``values``. An empty cell stays empty at every level: the
    search reads a missing value as ``""``, and a rule cannot parse it."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], values.type)
    text = values if pa.types.is_string(values.type) else values.cast(pa.string())
    present = pc.filter(text, pc.and_(pc.is_valid(text), pc.not_equal(text, "")))
    built = hierarchy_from_spec(spec, present, name)
    if "" not in built.originals.to_pylist():
        built = Hierarchy(built.name, [pa.concat_arrays([level.cast(pa.string()), pa.array([""], pa.string())])
                                       for level in built.levels])
    return built


def quasi_as_they_leave(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> tuple[pa.Table, dict[str, str]]:
    """The quasi-identifier columns of ``table`` (the source) with each column's own transform applied,
    named as in the package; and source name → output name. A dropped quasi-identifier is left out.

    Pseudonyms use a throw-away secret: a pseudonym is one-to-one, so the classes are the same."""
    decisions = [d for source in recipe.protection.quasi_identifiers
                 if (d := recipe.column(source)) is not None and d.transform.action != "drop"
                 and source in table.column_names]
    if not decisions:
        return table.select([]), {}
    partial = Recipe(reader=recipe.reader, columns=decisions)
    # Only the values as they leave: the quasi-identifiers alone repeat as whole rows, which says nothing.
    typed, _report = convert_and_validate(table.select([d.source for d in decisions]), partial, vocabulary,
                                          coherence=False)
    protected = protect_table(typed, decisions, secrets.token_bytes(32))
    names = {d.source: output_name(d) for d in decisions if output_name(d) in protected.column_names}
    return protected, names


@dataclass
class ReachResult:
    search: SearchResult
    levels: dict[str, int] = field(default_factory=dict)        # source column -> level (the recipe's keys)
    hierarchies: dict[str, str] = field(default_factory=dict)   # source column -> hierarchy spec
    names: dict[str, str] = field(default_factory=dict)         # source column -> column in the package
    floors: dict[str, int] = field(default_factory=dict)        # source column -> highest level allowed


_DATE_FLOORS = {"as_is": 0, "year_month": 1, "year": 2, "decade": 3}
_YEAR_WIDTHS = {"year": 1, "decade": 10}


def floor_level(floor: str, spec: str, hierarchy: Hierarchy) -> int:
    """The highest level of ``hierarchy`` (built from ``spec``) that is still as precise as ``floor``.

    A floor the rule cannot express keeps the column as it leaves (level 0): cells are then
    suppressed rather than the column coarsened past what the user asked for."""
    top = highest_level(hierarchy)
    if not floor:
        return top
    if floor.startswith("level:"):
        return min(int(floor.split(":", 1)[1]), top)
    level = 0
    if spec == "date":
        level = _DATE_FLOORS.get(floor, 0)
    elif spec == "region":
        level = 1 if floor == "region" else 0
    elif spec == "digits" and floor == "department":
        # Masking from the right: a five-character postcode keeps its département with three masked.
        longest = max((len(v) for v in hierarchy.originals.to_pylist() if v), default=0)
        level = max(longest - 2, 0) if longest >= 5 else 0
    elif spec.startswith("intervals:"):
        widths = [float(w) for w in spec.split(":", 1)[1].split(",") if w.strip()]
        wanted = float(floor.split(":", 1)[1]) if floor.startswith("band:") else _YEAR_WIDTHS.get(floor, 0)
        level = sum(1 for width in widths if width <= wanted) if wanted > 1 else 0
    return min(level, top)


def with_suggested_floors(recipe: Recipe, unreachable: KUnreachable) -> ProtectionSettings:
    """The recipe's protection with the coarser floors Reach k said would reach k, and no level
    chosen yet: what the Protect step's "use the coarser floors suggested" and the demo take."""
    settings = copy.deepcopy(recipe.protection)
    by_output = {output_name(c): c.source for c in recipe.columns}
    for name, level in unreachable.coarser.items():
        settings.floors[by_output.get(name, name)] = f"level:{level}"
    settings.generalisation = {}
    return settings


def hierarchy_spec(recipe: Recipe, source: str, column: pa.ChunkedArray, inferred_type: str = "") -> str:
    """The hierarchy rule Reach k uses for ``source`` leaving as ``column``: the recipe's own, else
    ``region`` for départements (:func:`_place_spec`), else :func:`default_hierarchy_spec`."""
    return (recipe.protection.hierarchies.get(source) or _place_spec(recipe, source, column)
            or default_hierarchy_spec(column, inferred_type))


def reach_k(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary, k: int, suppression_cap: float,
            inferred_types: dict[str, str] | None = None,
            progress: ProgressCallback | None = None, cell_cap: float | None = None) -> ReachResult:
    """The least generalisation of the quasi-identifiers, as they leave, that reaches ``k`` with at
    most ``suppression_cap`` of the records suppressed; with the hierarchy specs to store in the recipe.
    A spec already in the recipe is kept; the others are :func:`default_hierarchy_spec`.

    When the recipe suppresses cells (``protection.suppression_unit == "cells"``) or ``cell_cap``
    is given, no quasi-identifier goes past its floor (``protection.floors``), too-small classes
    lose single cells (at most ``cell_cap``, else the recipe's ``cell_suppression_cap``, of the
    quasi-identifier cells; at most ``suppression_cap`` of the records touched), in the order of
    ``protection.quasi_identifiers`` (the first the most important), and a k out of reach raises
    :class:`~curator.protect.search.KUnreachable` saying what would reach it."""
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "applying the column transforms"))
    quasi_table, names = quasi_as_they_leave(table, recipe, vocabulary)
    if not names:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no quasi-identifier leaves in the package")),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Tick the quasi-identifiers that are exported (a dropped column cannot identify "
                                   "anyone).")))
    inferred_types = inferred_types or {}
    specs: dict[str, str] = {}
    hierarchies: dict[str, Hierarchy] = {}
    for source, name in names.items():
        column = quasi_table.column(name)
        specs[source] = hierarchy_spec(recipe, source, column, inferred_types.get(source) or "")
        hierarchies[name] = build_hierarchy(specs[source], column, name)
    quasi = list(names.values())
    protection = recipe.protection
    if cell_cap is None and protection.suppression_unit == "cells":
        cell_cap = protection.cell_suppression_cap
    floors: dict[str, int] = {}
    if cell_cap is not None:
        floors = {source: floor_level(protection.floors.get(source, ""), specs[source], hierarchies[name])
                  for source, name in names.items()}
    found = find_minimal_generalisation(quasi_table.select(quasi), quasi, hierarchies, k, suppression_cap,
                                        progress=scaled(progress, 0.2, 1.0),
                                        floors={names[s]: level for s, level in floors.items()} or None,
                                        cell_cap=cell_cap, importance=quasi)
    levels = {source: int(found.transformation.get(name, 0)) for source, name in names.items()}
    return ReachResult(found, levels, specs, names, floors)


def apply_recipe_generalisation(table_out: pa.Table, recipe: Recipe, measured: bool = True) -> tuple[pa.Table, dict[str, Any]]:
    """``table_out`` (the table as it leaves) with the recipe's "reach k" generalisation applied:
    each quasi-identifier at its stored level, then the records of classes smaller than k suppressed,
    at most ``suppression_cap`` of them. Returns the table and what was done (empty when nothing).

    Raises :class:`InputError` when the stored levels no longer reach k within the cap on this file:
    exporting anyway would ship a package less protected than the recipe promises. Not ``measured``
    (a batch of a streamed file, with no k: its classes and utility are counted over the whole
    file), the levels only are applied and said."""
    protection = recipe.protection
    if not protection.generalisation:
        return table_out, {}
    names: dict[str, str] = {}
    for source in [*protection.quasi_identifiers, *protection.generalisation]:
        decision = recipe.column(source)
        name = output_name(decision) if decision is not None else source
        if name in table_out.column_names and source not in names:
            names[source] = name
    levels: dict[str, int] = {}
    specs: dict[str, str] = {}
    highest: dict[str, int] = {}
    quasi = list(dict.fromkeys(names.values()))
    requested = table_out.select(quasi)
    for source, level in protection.generalisation.items():
        target = names.get(source)
        if target is None or not level:
            continue
        column = table_out.column(target)
        specs[target] = protection.hierarchies.get(source) or default_hierarchy_spec(column)
        hierarchy = build_hierarchy(specs[target], column, target)
        if level >= hierarchy.height:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the recipe generalises '{source}' to level {level}, but its hierarchy "
                                  "'{spec}' has levels 0 to {top} on this file"), source=source, level=level,
                                  spec=specs[target], top=hierarchy.height - 1),
                             Location(column=source),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Run Reach k again on the Protect step and save the recipe.")))
        index = table_out.column_names.index(target)
        table_out = table_out.set_column(index, target, hierarchy.generalise(column, level, target))
        levels[target] = int(level)
        highest[target] = highest_level(hierarchy)
    generalised = table_out.select(quasi)
    k = protection.k_target
    info: dict[str, Any] = {"levels": levels, "hierarchies": specs, "k": k,
                            "suppression_cap": protection.suppression_cap, "suppressed_records": 0}
    if not quasi or table_out.num_rows == 0:
        return table_out, info | {"classes": 0, "smallest_class": 0}
    if not measured and k is None:
        return table_out, info
    if k is not None and protection.suppression_unit == "cells":
        return _apply_cells(table_out, recipe, names, quasi, k, info, (requested, generalised, levels, highest))
    sizes = class_sizes_per_record(table_out, quasi)
    if k is not None:
        small = sizes < k
        count = int(small.sum())
        allowed = allowed_suppressions(table_out.num_rows, protection.suppression_cap)
        if count > allowed:
            shown = (Text.joined(", ", [Text(QT_TRANSLATE_NOOP("core", "{name} → level {level}"), name=n, level=lvl)
                                        for n, lvl in levels.items()]) if levels else Text(QT_TRANSLATE_NOOP("core", "none")))
            raise InputError(
                Text(QT_TRANSLATE_NOOP("core", "the generalisation in the recipe ({shown}) does not reach k = {k} on this file: {count} "
                     "records are in groups smaller than {k}, more than the {allowed} ({cap:.1%}) that may be "
                     "suppressed"), shown=shown, k=k, count=count, allowed=allowed, cap=protection.suppression_cap),
                hint=Text(QT_TRANSLATE_NOOP("core", "Open the file with this recipe in curator and run Reach k again on the Protect step, "
                          "then save the recipe; or lower k, or raise the suppression cap.")))
        table_out = suppress_rows(table_out, quasi, small)
        info["suppressed_records"] = count
        kept = sizes[~small]
    else:
        kept = sizes
    info["classes"] = int((1.0 / kept).sum().round()) if len(kept) else 0
    info["smallest_class"] = int(kept.min()) if len(kept) else 0
    info["utility"] = measure_utility(requested, generalised, table_out.select(quasi), quasi, levels, highest).to_dict()
    return table_out, info


def _apply_cells(table_out: pa.Table, recipe: Recipe, names: dict[str, str], quasi: list[str], k: int,
                 info: dict[str, Any], measured: tuple[pa.Table, pa.Table, dict[str, int], dict[str, int]],
                 ) -> tuple[pa.Table, dict[str, Any]]:
    """The cells of the too-small classes suppressed by the plan Reach k found them with, and
    ``info`` completed with the counts and the utility."""
    protection = recipe.protection
    requested, generalised, levels, highest = measured
    importance = [names[q] for q in protection.quasi_identifiers if q in names]
    done = suppress_cells(table_out, quasi, k, importance, protection.cell_suppression_cap, protection.suppression_cap)
    plan = done.plan
    info |= {"suppressed_records": plan.whole_records, "cells_suppressed": plan.cells,
             "records_touched": plan.records, "cells_per_column": dict(zip(quasi, plan.per_column, strict=True)),
             "cell_suppression_cap": protection.cell_suppression_cap, "suppression_unit": "cells"}
    released = done.row_masks != (1 << len(quasi)) - 1
    table_out = done.table
    sizes = class_sizes_per_record(table_out, quasi)[released]
    info["classes"] = int((1.0 / sizes).sum().round()) if len(sizes) else 0
    info["smallest_class"] = int(sizes.min()) if len(sizes) else 0
    info["utility"] = measure_utility(requested, generalised, table_out.select(quasi), quasi, levels, highest).to_dict()
    return table_out, info
