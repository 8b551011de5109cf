"""Drift: how a new file differs from the one a recipe was made on.

Registries send a new export every year, and its columns move: one is renamed, one disappears,
a new one appears, a code list gains a value, a date column turns into text. Before a recipe is
re-applied, :func:`compare` lists all of that in a :class:`DriftReport`; :func:`adapt` then
returns the recipe as it can be applied to this file (renamed columns followed, missing ones
skipped) and says what it skipped. Skipping never means passing data through: a column whose
decision cannot be applied is left out of the package.

A recipe remembers each source column's profile (:func:`describe_columns`): its type, share of
empty cells, number of distinct values, the shapes of its values ("99/99/9999") and, for small
code-like columns that identify nobody, the values themselves — never a value of a column that
identifies a person.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz

from curator.errors import EXIT_VERIFY_FAILED, CuratorError, Location
from curator.identify import ColumnIdentification
from curator.mapping import Vocabulary, suggest_columns
from curator.mapping.codes import suggest_codes
from curator.mapping.values import sample_column, shape_of
from curator.recipe.model import ColumnDecision, Recipe
from curator.source import ReadOptions

MAX_RECORDED_VALUES = 50       # a column with more distinct values is not a code list worth remembering
MAX_SHAPES = 5
SHAPE_SAMPLE_ROWS = 5_000      # the commonest outlines show in a few thousand values
RENAME_MIN_SCORE = 0.62        # name and values together
RENAME_MIN_VALUES = 0.5        # values must agree at least this much, whatever the names say
LISTED_VALUES = 20             # new code values shown per column

# Actions that only work on values of a given type: the column is skipped when its type changed away.
_DATE_ACTIONS = {"date_shift", "age_at"}
_DATE_LEVELS = {"year", "year_month", "quarter", "month", "week", "day"}
_NUMBER_ACTIONS = {"band", "top_code", "bottom_code"}


# --- column profiles -----------------------------------------------------------------------------

def _value_type(column: pa.ChunkedArray | pa.Array) -> tuple[str, list[int] | None]:
    """(type in the words of the Map stage: date, integer, number, text or empty; [first, last] year of dates)."""
    shape = shape_of(column)
    if shape.empty:
        return "empty", None
    if shape.date_fraction >= 0.8:
        return "date", list(shape.date_years) if shape.date_years else None
    if shape.integer_fraction >= 0.9:
        return "integer", None
    if shape.number_fraction >= 0.9:
        return "number", None
    return "text", None


def _shapes(column: pa.ChunkedArray | pa.Array) -> list[str]:
    """The commonest outlines of the values: digits as 9 (runs keep their length), letter runs as 'a'."""
    sample = sample_column(column, SHAPE_SAMPLE_ROWS)
    if len(sample) == 0:
        return []
    # Outlined once per distinct value (codes repeat), then counted by outline.
    distinct = pc.value_counts(sample)
    values = distinct.field("values")
    outline = pc.replace_substring_regex(pc.replace_substring_regex(values, r"\d", "9"), r"\pL+", "a")
    counts = pa.table({"outline": outline, "rows": distinct.field("counts")}).group_by("outline").aggregate(
        [("rows", "sum")])
    pairs = sorted(zip(counts.column("outline").to_pylist(), counts.column("rows_sum").to_pylist(), strict=True),
                   key=lambda p: (-p[1], p[0]))
    return [shape for shape, count in pairs[:MAX_SHAPES] if count >= 0.02 * len(sample)]


def _distinct(column: pa.ChunkedArray | pa.Array) -> pa.StructArray:
    text = column if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) else column.cast(pa.string())
    return pc.value_counts(pc.drop_null(text))


def describe_columns(table: pa.Table, identifications: Sequence[ColumnIdentification] | None = None) -> list[dict[str, Any]]:
    """Each column's profile as a recipe stores it in ``source_columns``."""
    classes = {getattr(i, "name", None): getattr(i, "klass", None) for i in (identifications or [])}
    described = []
    rows = table.num_rows
    for name in table.column_names:
        column = table.column(name)
        value_type, years = _value_type(column)
        counts = _distinct(column)
        distinct = len(counts)
        entry: dict[str, Any] = {
            "name": name, "type": value_type, "rows": rows,
            "empty": round(column.null_count / rows, 4) if rows else 0.0,
            "distinct": distinct, "shapes": _shapes(column),
        }
        if years:
            entry["years"] = years      # the span only, at year precision: no one's date
        klass = classes.get(name)
        if klass is not None:
            entry["identifying"] = klass
        # Remember the values only of small code lists that identify nobody and repeat a lot.
        if klass != "direct" and 0 < distinct <= MAX_RECORDED_VALUES and distinct * 10 <= rows:
            entry["values"] = sorted(counts.field("values").to_pylist())
        described.append(entry)
    return described


# --- the report ------------------------------------------------------------------------------------

@dataclass
class Rename:
    old: str
    new: str
    score: float
    reason: str


@dataclass
class NewCodes:
    column: str
    values: list[tuple[str, int]]          # (value, rows), most frequent first
    suggestions: dict[str, str] = field(default_factory=dict)   # value -> "code (how)"

    @property
    def rows(self) -> int:
        return sum(count for _value, count in self.values)


@dataclass
class TypeChange:
    column: str
    was: str
    now: str


@dataclass
class DriftReport:
    """Differences between a file and the one its recipe was made on."""

    file: str = ""
    new_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    new_codes: list[NewCodes] = field(default_factory=list)
    type_changes: list[TypeChange] = field(default_factory=list)
    known_renames: list[Rename] = field(default_factory=list)   # a column's earlier name: not drift
    notes: list[str] = field(default_factory=list)     # worth knowing, not drift

    @property
    def has_drift(self) -> bool:
        return bool(self.new_columns or self.missing_columns or self.renamed or self.new_codes or self.type_changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "drift": self.has_drift,
            "new_columns": list(self.new_columns), "missing_columns": list(self.missing_columns),
            "renamed": [asdict(r) for r in self.renamed],
            "new_codes": [{"column": n.column, "values": [{"value": v, "rows": c} for v, c in n.values],
                           "suggestions": dict(n.suggestions)} for n in self.new_codes],
            "type_changes": [asdict(t) for t in self.type_changes],
            "known_renames": [asdict(r) for r in self.known_renames],
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        if not self.has_drift:
            lines = ["Drift: none — the file has the columns, types and code values the recipe was made on."]
        else:
            lines = ["Drift: the file differs from the one the recipe was made on:"]
        for r in self.renamed:
            lines.append(f"  renamed:   '{r.old}' -> '{r.new}' ({r.reason})")
        for name in self.missing_columns:
            lines.append(f"  missing:   '{name}' is no longer in the file")
        for name in self.new_columns:
            lines.append(f"  new:       '{name}' was not in the file the recipe was made on")
        for t in self.type_changes:
            lines.append(f"  type:      '{t.column}' held {t.was} values, now {t.now}")
        for n in self.new_codes:
            shown = ", ".join(f"'{v}' ({c} row{'s' if c > 1 else ''})" for v, c in n.values[:LISTED_VALUES])
            more = f" and {len(n.values) - LISTED_VALUES} more" if len(n.values) > LISTED_VALUES else ""
            lines.append(f"  codes:     '{n.column}' has values with no mapping: {shown}{more}")
            for value, suggestion in list(n.suggestions.items())[:LISTED_VALUES]:
                lines.append(f"             '{value}' looks like {suggestion}")
        for r in self.known_renames:
            lines.append(f"  note:      '{r.new}' is '{r.old}' under a name accepted before")
        for note in self.notes:
            lines.append(f"  note:      {note}")
        return "\n".join(lines)


def clear_summary(applied: dict[str, Any]) -> dict[str, Any]:
    """What the package's clear manifest may say of a headless apply (``{"drift": DriftReport.to_dict(),
    "skipped": [...]}``): column names, types and counts.

    The values with no mapping and their suggestions, the notes (which quote value outlines), what
    was skipped and the source file's path stay in the encrypted curation report: a shifted column
    puts names and NIRs among the "new codes", and a file is often named after a patient.
    """
    drift = applied.get("drift") or {}
    return {
        "drift": {
            "drift": bool(drift.get("drift")),
            "new_columns": list(drift.get("new_columns", [])), "missing_columns": list(drift.get("missing_columns", [])),
            "renamed": [{"old": r["old"], "new": r["new"]} for r in drift.get("renamed", [])],
            "new_codes": [{"column": n["column"], "values": len(n["values"]), "rows": sum(v["rows"] for v in n["values"])}
                          for n in drift.get("new_codes", [])],
            "type_changes": [{"column": t["column"], "was": t["was"], "now": t["now"]}
                             for t in drift.get("type_changes", [])],
            "notes": len(drift.get("notes", [])),
        },
        "skipped": len(applied.get("skipped", [])),
    }


# --- comparing ---------------------------------------------------------------------------------

# Words that many headers share and that say nothing of which column it is ("Date de ...").
_FILLER = {"date", "de", "du", "des", "d", "la", "le", "l", "code", "n", "no", "num", "numero", "the", "of", "id"}


def _normal_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(" " if not c.isalnum() else c for c in decomposed if not unicodedata.combining(c))
    words = letters.split()
    telling = [w for w in words if w not in _FILLER]
    return " ".join(telling or words)


def _name_similarity(a: str, b: str) -> float:
    left, right = _normal_name(a), _normal_name(b)
    if not left or not right:
        return 0.0
    return max(fuzz.token_sort_ratio(left, right), fuzz.ratio(left.replace(" ", ""), right.replace(" ", ""))) / 100


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left and right else 0.0


def _value_similarity(old: dict[str, Any], new: dict[str, Any]) -> tuple[float, str]:
    same_type = old.get("type") == new.get("type")
    if old.get("values") and new.get("values"):
        share = _overlap(old["values"], new["values"])
        return 0.2 * same_type + 0.8 * share, f"{share:.0%} of distinct values in common"
    share = _overlap(old.get("shapes", []), new.get("shapes", []))
    kind = f"same type ({new.get('type')})" if same_type else f"type {old.get('type')} -> {new.get('type')}"
    old_years, new_years = old.get("years"), new.get("years")
    if old_years and new_years:
        common = min(old_years[1], new_years[1]) - max(old_years[0], new_years[0]) + 1
        span = max(old_years[1], new_years[1]) - min(old_years[0], new_years[0]) + 1
        years = max(common, 0) / span
        return (0.2 * same_type + 0.4 * share + 0.4 * years,
                f"{kind}, {share:.0%} of value shapes and {years:.0%} of the years in common")
    # Shapes alone are weak evidence: many columns are "99/99/9999" or words.
    return 0.2 * same_type + 0.5 * share, f"{kind}, {share:.0%} of value shapes in common"


def _match_renames(missing: list[str], new: list[str], old_profiles: dict[str, dict[str, Any]],
                   new_profiles: dict[str, dict[str, Any]], old_concepts: dict[str, str | None],
                   new_concepts: dict[str, str | None]) -> list[Rename]:
    candidates = []
    for old_name in missing:
        for new_name in new:
            names = _name_similarity(old_name, new_name)
            values, why = _value_similarity(old_profiles.get(old_name, {"name": old_name}), new_profiles[new_name])
            score = 0.5 * names + 0.5 * values
            old_concept, new_concept = old_concepts.get(old_name), new_concepts.get(new_name)
            if old_concept and new_concept:
                # What the Map stage makes of the new column is the best evidence of all.
                same = old_concept == new_concept
                score += 0.2 if same else -0.2
                why += f", {'also' if same else 'but'} suggested as {new_concept}"
            if values >= RENAME_MIN_VALUES and score >= RENAME_MIN_SCORE:
                candidates.append((score, old_name, new_name, f"name {names:.0%} similar, {why}"))
    renames: list[Rename] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for score, old_name, new_name, reason in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old_name in used_old or new_name in used_new:
            continue
        used_old.add(old_name)
        used_new.add(new_name)
        renames.append(Rename(old_name, new_name, round(score, 3), reason))
    return renames


def _recorded_columns(recipe: Recipe) -> dict[str, dict[str, Any]]:
    profiles = {str(p["name"]): p for p in recipe.source_columns if isinstance(p, dict) and "name" in p}
    for decision in recipe.columns:            # a hand-written recipe may have decisions only
        profiles.setdefault(decision.source, {"name": decision.source})
    return profiles


def new_codes_from_counts(decision: ColumnDecision, profile: dict[str, Any], counts: dict[str, int],
                          vocabulary: Vocabulary | None) -> NewCodes | None:
    """The values of a coded column (``counts``: value -> rows) that have no mapping and are no code."""
    code_list = None
    if vocabulary is not None and decision.concept:
        concept = getattr(vocabulary, "concepts", {}).get(decision.concept)
        code_list = vocabulary.code_list_of(concept) if concept is not None else None
    recorded = profile.get("values") or []
    if not recorded and code_list is None:
        return None        # without the code list or last year's values, a new value cannot be told from a code
    known = set(decision.code_map) | set(recorded)
    codes = code_list.codes if code_list is not None else {}
    unknown = sorted(((v, c) for v, c in counts.items() if v not in known and v not in codes and v.strip() not in codes),
                     key=lambda p: (-p[1], p[0]))
    if not unknown:
        return None
    suggestions: dict[str, str] = {}
    if code_list is not None:
        found = suggest_codes([v for v, _c in unknown[:LISTED_VALUES]], code_list)
        for value, suggestion in found.items():
            if suggestion.code is not None:
                label = code_list.label(suggestion.code)
                suggestions[value] = f"{suggestion.code}{f' ({label})' if label else ''}, by {suggestion.method}"
    return NewCodes(decision.source, unknown, suggestions)


def _new_codes(decision: ColumnDecision, profile: dict[str, Any], column: pa.ChunkedArray,
               vocabulary: Vocabulary | None) -> NewCodes | None:
    if not is_coded(decision, profile, vocabulary):
        return None
    tally = _distinct(column)
    counts = dict(zip(tally.field("values").to_pylist(), tally.field("counts").to_pylist(), strict=True))
    return new_codes_from_counts(decision, profile, counts, vocabulary)


def is_coded(decision: ColumnDecision, profile: dict[str, Any], vocabulary: Vocabulary | None) -> bool:
    """Whether new values of the column can be told: it has a code map, last year's values or a code list."""
    if decision.code_map or profile.get("values"):
        return True
    concept = vocabulary.concepts.get(decision.concept) if vocabulary is not None and decision.concept else None
    return concept is not None and vocabulary is not None and vocabulary.code_list_of(concept) is not None


def _suggested_concepts(table: pa.Table, vocabulary: Vocabulary | None) -> dict[str, str | None]:
    if vocabulary is None:
        return {}
    return {s.name: s.assigned for s in suggest_columns(table, vocabulary)}


def compare(recipe: Recipe, table: pa.Table, vocabulary: Vocabulary | None = None, file: str = "") -> DriftReport:
    """What changed between the recipe's source and ``table``."""
    report = DriftReport(file=file)
    old_profiles = _recorded_columns(recipe)
    file_names = list(table.column_names)
    present = set(file_names)
    aliases = {alias: d.source for d in recipe.columns for alias in d.aliases if d.source not in present}
    matched: dict[str, str] = {name: name for name in old_profiles if name in present}   # recipe name -> file name
    for name in file_names:
        old = aliases.get(name)
        if old is not None and old not in matched and name not in old_profiles:
            matched[old] = name
            report.known_renames.append(Rename(old, name, 1.0, "an earlier name of the column, accepted before"))
    missing = [n for n in old_profiles if n not in matched]
    new = [n for n in file_names if n not in matched.values()]
    if missing and new:
        new_profiles = {p["name"]: p for p in describe_columns(table.select(new))}
        old_concepts = {d.source: d.concept for d in recipe.columns}
        report.renamed = _match_renames(missing, new, old_profiles, new_profiles, old_concepts,
                                        _suggested_concepts(table.select(new), vocabulary))
    for rename in report.renamed:
        matched[rename.old] = rename.new
    report.missing_columns = [n for n in missing if n not in matched]
    report.new_columns = [n for n in new if n not in matched.values()]

    decisions = {d.source: d for d in recipe.columns}
    for old_name, file_name in matched.items():
        profile = old_profiles[old_name]
        column = table.column(file_name)
        decision = decisions.get(old_name)
        if decision is None or decision.transform.action == "drop":
            continue        # its values never leave: how they are written now changes nothing
        was = profile.get("type")
        if was and was != "empty":
            now, _years = _value_type(column)
            if now == "empty":
                # No value says nothing about the type (and a streamed file shows only its first rows
                # here): the decision stays, and has nothing to do where there is nothing.
                report.notes.append(f"'{file_name}': no values in the rows compared")
            elif now != was:
                report.type_changes.append(TypeChange(file_name, was, now))
            elif profile.get("shapes"):
                shapes = _shapes(column)
                if shapes and not set(shapes) & set(profile["shapes"]):
                    report.notes.append(f"'{file_name}': values are written differently "
                                        f"({', '.join(shapes[:2])} instead of {', '.join(profile['shapes'][:2])})")
        codes = _new_codes(decision, profile, column, vocabulary)
        if codes is not None:
            codes.column = file_name
            report.new_codes.append(codes)
    recorded_rows = recipe.source.get("rows")
    if isinstance(recorded_rows, int) and recorded_rows and recorded_rows != table.num_rows:
        report.notes.append(f"{table.num_rows:,} rows (the recipe was made on {recorded_rows:,})")
    return report


# --- adapting the recipe -----------------------------------------------------------------------

def _needs(decision: ColumnDecision) -> str | None:
    """The type of values a decision's action needs, if any."""
    action, params = decision.transform.action, decision.transform.params
    if action in _DATE_ACTIONS or (action == "generalise" and params.get("to") in _DATE_LEVELS):
        return "date"
    if action in _NUMBER_ACTIONS:
        return "number"
    return None


def _rename_everywhere(recipe: Recipe, old: str, new: str) -> None:
    protection = recipe.protection
    protection.quasi_identifiers = [new if q == old else q for q in protection.quasi_identifiers]
    if protection.sensitive_column == old:
        protection.sensitive_column = new
    for table in (protection.hierarchies, protection.generalisation, protection.floors):
        if old in table:
            table[new] = table.pop(old)   # type: ignore[assignment]
    for decision in recipe.columns:
        for key in ("person_column", "reference"):
            if decision.transform.params.get(key) == old:
                decision.transform.params[key] = new


def _forget(recipe: Recipe, name: str) -> None:
    protection = recipe.protection
    protection.quasi_identifiers = [q for q in protection.quasi_identifiers if q != name]
    if protection.sensitive_column == name:
        protection.sensitive_column = None
    protection.hierarchies.pop(name, None)
    protection.generalisation.pop(name, None)
    protection.floors.pop(name, None)


def as_read(adapted: Recipe, used: ReadOptions) -> None:
    """Convert numbers as this file writes them: a file of another format than the recipe's was read
    with detected options (a spreadsheet gives 69.1 where last year's CSV export wrote 69,1), and
    last year's decimal mark would read that as 691."""
    if adapted.reader.format and used.format and used.format != adapted.reader.format:
        adapted.reader.decimal, adapted.reader.thousands = used.decimal, used.thousands


def adapt(recipe: Recipe, drift: DriftReport) -> tuple[Recipe, list[str]]:
    """The recipe as it applies to the compared file, and a sentence for everything it skips."""
    adapted = copy.deepcopy(recipe)
    skipped: list[str] = []
    renames = {r.old: r.new for r in (*drift.renamed, *drift.known_renames)}
    for old, new in renames.items():
        decision = adapted.column(old)
        if decision is not None:
            decision.source = new
            if old not in decision.aliases:
                decision.aliases.append(old)
        _rename_everywhere(adapted, old, new)
    kept: list[ColumnDecision] = []
    missing = set(drift.missing_columns)
    changed = {t.column: t for t in drift.type_changes}
    for decision in adapted.columns:
        if decision.source in missing:
            skipped.append(f"'{decision.source}' is missing from the file: its decision "
                           f"({decision.transform.action}) was not applied")
            _forget(adapted, decision.source)
            continue
        change = changed.get(decision.source)
        need = _needs(decision)
        if change is not None and need is not None and decision.transform.action != "drop" and not (
                change.now == need or (need == "number" and change.now in ("integer", "number"))):
            skipped.append(f"'{decision.source}' now holds {change.now} values, and '{decision.transform.action}' "
                           f"needs {need}s: the column is left out of the package")
            decision.transform.action = "drop"
            decision.transform.params = {}
            _forget(adapted, decision.source)
        kept.append(decision)
    adapted.columns = kept
    for decision in adapted.columns:              # a date shift keyed on a person column that is gone
        person = decision.transform.params.get("person_column")
        if decision.transform.action == "date_shift" and person in missing:
            skipped.append(f"'{decision.source}' is shifted per person by '{person}', which is missing: "
                           "the column is left out of the package")
            decision.transform.action = "drop"
            decision.transform.params = {}
    for name in drift.new_columns:
        skipped.append(f"'{name}' is not in the recipe: the column is left out of the package")
    for codes in drift.new_codes:
        skipped.append(f"'{codes.column}': {codes.rows:,} row(s) hold {len(codes.values)} value(s) with no "
                       "mapping, left to validation")
    return adapted, skipped


class DriftStop(CuratorError):
    """``strict`` and the file drifted from the recipe: nothing was written."""

    def __init__(self, drift: DriftReport) -> None:
        super().__init__("the file differs from the one the recipe was made on, and --strict stops on any drift",
                         Location(file=drift.file),
                         hint="Review the drift report above, update the recipe (or the file), or run without --strict "
                              "to apply what still matches.", exit_code=EXIT_VERIFY_FAILED)
        self.drift = drift
