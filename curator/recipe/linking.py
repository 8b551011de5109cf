"""A linked submission's keys, proposed from the tables themselves: each table's primary key, the
links between tables (headers, shared concepts and value overlap) and the person key.

Every proposal carries its reason in plain words (column and table names, counts; never a value).
Value overlap is measured on distinct values with pyarrow compute (``unique`` then ``is_in``),
first on a bounded sample of them, so that a column that cannot be a foreign key costs little even
on millions of rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.identify import ColumnIdentification, identify_table
from curator.load import read_file
from curator.load.formats import EXTENSIONS
from curator.mapping import Vocabulary, load_vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, scaled
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe, Transform
from curator.recipe.submission import Link, Submission
from curator.source import ReadOptions

# Concepts and identification kinds that name a person.
PERSON_CONCEPTS = frozenset({"patient_local_id", "nir"})
PERSON_KINDS = frozenset({"nir", "patient_id", "ssn"})
# Kinds that say a table describes people (their names, birth, sex).
PERSON_DETAILS = frozenset({"first_name", "last_name", "birth_name", "person_name", "birth_date", "birth_year", "sex",
                            "nir", "ssn", "address"})
SAMPLE_DISTINCT = 1_000     # distinct values tried first, before the whole column
KEY_LENGTH = 6              # a value-only link needs identifier-like values (or an identifier's class)
MAX_TABLES = 60


def submission_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files of a submission: the paths given, a folder standing for the data files directly in it
    (sorted; hidden files, links and other kinds of file left out)."""
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir() and not given.is_symlink():
            files.extend(sorted(p for p in given.iterdir() if not p.name.startswith(".") and not p.is_symlink()
                                and p.is_file() and p.suffix.lower() in EXTENSIONS))
        else:
            files.append(given)
    if not files:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no data file was found in what was given")),
                         Location(file=", ".join(map(str, paths))),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the files, or a folder holding them directly.")))
    if len(files) > MAX_TABLES:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{count} files were given; a submission holds at most {most} "
                                                        "tables"), count=len(files), most=MAX_TABLES))
    return files


def table_names(files: Sequence[Path]) -> list[str]:
    """One name per file, from its name without extension, as a package member may be named; unique."""
    names: list[str] = []
    for path in files:
        base = re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem).strip("_-")[:60] or "table"
        name, number = base, 2
        while name.lower() in {n.lower() for n in names}:
            name, number = f"{base}_{number}", number + 1
        names.append(name)
    return names


# Words that, joined to a table's name (patient_id, num_patient, visit_no), name its key.
KEY_WORDS = ("id", "num", "no", "nr", "numero", "ref", "key")


def _before(text: str, word: str) -> str:
    return word + text


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _singular(name: str) -> str:
    word = _words(name)
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


@dataclass
class TableFacts:
    """What the proposals need of one table."""

    name: str
    table: pa.Table
    recipe: Recipe
    identifications: Sequence[ColumnIdentification]
    _distinct: dict[str, pa.Array] = field(default_factory=dict, repr=False)

    def distinct(self, column: str) -> pa.Array:
        if column not in self._distinct:
            values = self.table.column(column)
            if not pa.types.is_string(values.type):
                values = values.cast(pa.string())
            self._distinct[column] = pc.unique(pc.drop_null(values))
        return self._distinct[column]

    def unique(self, column: str) -> bool:
        values = self.table.column(column)
        return self.table.num_rows > 0 and values.null_count == 0 and len(self.distinct(column)) == self.table.num_rows

    def kinds(self, column: str) -> set[str]:
        found = next((i for i in self.identifications if i.name == column), None)
        return set(found.kinds) if found is not None else set()

    def klass(self, column: str) -> str:
        found = next((i for i in self.identifications if i.name == column), None)
        return found.klass if found is not None else "none"

    def concept(self, column: str) -> str | None:
        decision = self.recipe.column(column)
        return decision.concept if decision is not None else None

    def names_person(self, column: str) -> bool:
        return self.concept(column) in PERSON_CONCEPTS or bool(self.kinds(column) & PERSON_KINDS)


@dataclass
class Proposal:
    primary_keys: dict[str, list[str]]
    links: list[Link]
    person_keys: dict[str, str | None]
    reasons: list[str]       # what was proposed and why, in the order found
    tables: dict[str, pa.Table] = field(default_factory=dict)   # each table as read (for Reach k)


def _primary_key(facts: TableFacts) -> tuple[list[str], str] | None:
    """The column that identifies a row: unique, never empty, and named or classed as an identifier."""
    singular = _singular(facts.name)
    ranked: list[tuple[int, str]] = []
    for position, column in enumerate(facts.table.column_names):
        header = _words(column)
        if header == "id" or header in {f(singular, word) for word in KEY_WORDS for f in (str.__add__, _before)}:
            rank = 0
        elif header.endswith(KEY_WORDS) or header.startswith(KEY_WORDS) or facts.names_person(column):
            rank = 1
        elif facts.klass(column) == "direct" and facts.kinds(column) & {"identifier", "patient_id"}:
            rank = 2
        else:
            continue
        ranked.append((rank * 10_000 + position, column))
    for _rank, column in sorted(ranked):
        if facts.unique(column):
            return [column], Text(QT_TRANSLATE_NOOP("core", "'{column}' identifies the rows of {table}: its {rows} "
                                                            "values are all present and all different"),
                                  column=column, table=facts.name, rows=facts.table.num_rows)
    return None


def _header_matches(column: str, ref: TableFacts, ref_column: str) -> bool:
    header, singular, key = _words(column), _singular(ref.name), _words(ref_column)
    forms = {singular, _words(ref.name), f"{singular}id", f"id{singular}", f"{singular}{key}", f"{key}{singular}"}
    if key != "id":
        forms.add(key)
    return header in forms


def _contained(facts: TableFacts, column: str, ref: TableFacts, ref_column: str, whole: bool) -> tuple[int, int]:
    """(distinct values of ``column``, how many of them are absent from ``ref_column``); the second is -1
    when a sample of them already misses and not ``whole``, so the whole column was not compared."""
    values = facts.distinct(column)
    keys = ref.distinct(ref_column)
    sample = values.slice(0, SAMPLE_DISTINCT)
    if len(sample) == 0 or (not whole and not pc.all(pc.is_in(sample, value_set=keys)).as_py()):
        return len(values), -1
    missing = len(values) - pc.sum(pc.is_in(values, value_set=keys).cast(pa.int64())).as_py()
    return len(values), int(missing)


def _key_like(facts: TableFacts, column: str) -> bool:
    if facts.klass(column) == "direct" or facts.names_person(column):
        return True
    lengths = pc.utf8_length(facts.distinct(column).slice(0, SAMPLE_DISTINCT))
    return len(lengths) > 0 and (pc.min(lengths).as_py() or 0) >= KEY_LENGTH


def _link(facts: TableFacts, column: str, ref: TableFacts, ref_column: str,
          own_key: bool) -> tuple[tuple[bool, bool], Link] | None:
    """The link from ``column`` to ``ref_column`` if the evidence holds, ranked (named first, then complete).
    A table's own key (``own_key``) refers to another table only when its header or concept says so."""
    header = _header_matches(column, ref, ref_column)
    concept = facts.concept(column)
    same_concept = concept is not None and concept == ref.concept(ref_column) and concept in PERSON_CONCEPTS
    if not (header or same_concept or (_key_like(facts, column) and not own_key)):
        return None
    named = header or same_concept
    distinct, missing = _contained(facts, column, ref, ref_column, named)
    if missing < 0 or missing == distinct:
        return None
    evidence = []
    if header:
        evidence.append(Text(QT_TRANSLATE_NOOP("core", "its header names {table}"), table=ref.name))
    if same_concept:
        evidence.append(Text(QT_TRANSLATE_NOOP("core", "both are mapped to {concept}"), concept=concept))
    if missing == 0:
        evidence.append(Text(QT_TRANSLATE_NOOP("core", "all its {distinct} distinct values are values of "
                                                       "{table}.{key}"), distinct=distinct, table=ref.name,
                             key=ref_column))
    else:
        evidence.append(Text(QT_TRANSLATE_NOOP("core", "{missing} of its {distinct} distinct values are not in "
                                                       "{table}.{key} (orphans, reported at apply)"),
                             missing=missing, distinct=distinct, table=ref.name, key=ref_column))

    return (not named, missing != 0), Link(facts.name, [column], ref.name, [ref_column],
                                                 Text.joined("; ", evidence))


def propose(tables: Sequence[TableFacts]) -> Proposal:
    """Primary keys, links and person keys for ``tables`` (each already identified and mapped)."""
    reasons: list[str] = []
    keys: dict[str, list[str]] = {}
    for facts in tables:
        primary = _primary_key(facts)
        if primary is not None:
            keys[facts.name], why = primary
            reasons.append(Text(QT_TRANSLATE_NOOP("core", "primary key {table}.{column}: {why}"), table=facts.name,
                                column=primary[0][0], why=why))
        else:
            keys[facts.name] = []
            reasons.append(Text(QT_TRANSLATE_NOOP("core", "{table} has no primary key: no identifier column holds a "
                                                          "different value on every row"), table=facts.name))
    links: list[Link] = []
    for facts in tables:
        own = set(keys[facts.name])
        for column in facts.table.column_names:
            candidates = [ranked for ref in tables if ref is not facts and keys[ref.name]
                          if (ranked := _link(facts, column, ref, keys[ref.name][0], column in own)) is not None]
            # One column refers to one table: the one its header or concept names, else the first that contains it.
            if candidates:
                best = min(candidates, key=lambda ranked: ranked[0])[1]
                links.append(best)
                reasons.append(Text(QT_TRANSLATE_NOOP("core", "link {link}: {why}"), link=str(best), why=best.reason))
    persons = _person_keys(tables, keys, links, reasons)
    return Proposal(keys, links, persons, reasons)


def _person_keys(tables: Sequence[TableFacts], keys: Mapping[str, list[str]], links: Sequence[Link],
                 reasons: list[str]) -> dict[str, str | None]:
    """The person table is the one whose primary key names a person, or whose columns describe people;
    every table linked to its key has that link's column as its person key."""
    def score(facts: TableFacts) -> tuple[int, int, int]:
        key = keys[facts.name]
        details = set().union(*(facts.kinds(c) for c in facts.table.column_names)) & PERSON_DETAILS
        referenced = sum(1 for link in links if link.ref_table == facts.name)
        return (int(bool(key) and facts.names_person(key[0])), len(details), referenced)

    persons: dict[str, str | None] = {facts.name: None for facts in tables}
    ranked = sorted((facts for facts in tables if keys[facts.name]), key=score, reverse=True)
    if not ranked or score(ranked[0])[:2] == (0, 0):
        reasons.append(Text(QT_TRANSLATE_NOOP("core", "no person key: no table's key names a person nor do its columns "
                                                      "describe people; risk is counted in records")))
        return persons
    person = ranked[0]
    key = keys[person.name][0]
    why = (Text(QT_TRANSLATE_NOOP("core", "its key is mapped to or identified as a person's identifier"))
           if score(person)[0] else
           Text(QT_TRANSLATE_NOOP("core", "its columns describe people ({count} kinds: names, birth, sex...)"),
                count=score(person)[1]))
    reasons.append(Text(QT_TRANSLATE_NOOP("core", "person key {table}.{column}: {why}"), table=person.name,
                        column=key, why=why))
    persons = person_keys_from([facts.name for facts in tables], links, person.name, key)
    for table, column in persons.items():
        if table != person.name and column is not None:
            reasons.append(Text(QT_TRANSLATE_NOOP("core", "person key {table}.{column}: it refers to {person}.{key}"),
                                table=table, column=column, person=person.name, key=key))
    for facts in tables:
        if persons[facts.name] is None:
            reasons.append(Text(QT_TRANSLATE_NOOP("core", "{table} has no person key: none of its columns refers to "
                                                          "{person}.{key}"), table=facts.name, person=person.name,
                                key=key))
    return persons


def keep_keys(recipe: Recipe, columns: Sequence[str], notes: list[str]) -> None:
    """Key columns leave pseudonymised, never dropped: the tables would no longer join."""
    for column in columns:
        decision = recipe.column(column)
        if decision is None or decision.transform.action == "pseudonymise":
            continue
        was = decision.transform.action
        decision.transform = Transform("pseudonymise")
        notes.append(Text(QT_TRANSLATE_NOOP("core", "{table}.{column} is a key: pseudonymised rather than '{action}', "
                                                    "so that the tables still join"), table=recipe.name,
                          column=column, action=was))


def submission_init(paths: Sequence[str | Path], vocabulary: Vocabulary | str | Path | None = None,
                    sheet: str | None = None, notes: list[str] | None = None,
                    progress: ProgressCallback | None = None) -> tuple[Submission, Proposal]:
    """Read every file of ``paths`` (files, or a folder), make each its recipe (:func:`recipe_from_loaded`),
    and propose the submission's keys, links and person key; key columns are pseudonymised, not dropped."""
    said = notes if notes is not None else []
    files = submission_files(paths)
    vocab = load_vocabulary(vocabulary) if vocabulary is None or isinstance(vocabulary, str | Path) else vocabulary
    facts: list[TableFacts] = []
    for number, (path, name) in enumerate(zip(files, table_names(files), strict=True)):
        step = scaled(progress, number / len(files), (number + 1) / len(files))
        loaded = read_file(path, ReadOptions(sheet=sheet), progress=scaled(step, 0.0, 0.3))
        said.extend(Text(QT_TRANSLATE_NOOP("core", "{table}: {note}"), table=name, note=w) for w in loaded.warnings)
        identifications = identify_table(loaded.table, progress=scaled(step, 0.3, 0.5))
        table_notes: list[str] = []
        recipe = recipe_from_loaded(loaded, vocab, identifications, notes=table_notes, progress=scaled(step, 0.5, 1.0))
        recipe.name = name
        said.extend(Text(QT_TRANSLATE_NOOP("core", "{table}: {note}"), table=name, note=n) for n in table_notes)
        facts.append(TableFacts(name, loaded.table, recipe, identifications))
    return link_tables(facts, said)


def link_tables(facts: Sequence[TableFacts], notes: list[str]) -> tuple[Submission, Proposal]:
    """The submission of ``facts`` (each table read, identified and given its recipe): keys, links and
    person key proposed (:func:`propose`) and written into the recipes; key columns pseudonymised."""
    proposal = propose(facts)
    for item in facts:
        item.recipe.primary_key = proposal.primary_keys[item.name]
        item.recipe.person_key = proposal.person_keys[item.name]
        linked = [c for link in proposal.links if link.table == item.name for c in link.columns]
        referenced = [c for link in proposal.links if link.ref_table == item.name for c in link.ref_columns]
        keep_keys(item.recipe, list(dict.fromkeys([*item.recipe.primary_key, *referenced, *linked])), notes)
    proposal.tables = {item.name: item.table for item in facts}
    return Submission.of([item.recipe for item in facts], proposal.links), proposal


def person_keys_from(names: Sequence[str], links: Sequence[Link], person_table: str | None,
                     key: str | None) -> dict[str, str | None]:
    """Each table's person key once ``person_table.key`` is chosen as the person's identifier: that
    column in its table, the linking column in every table linked to it, none elsewhere (or anywhere
    when ``person_table`` is None: risk counted in records)."""
    persons: dict[str, str | None] = dict.fromkeys(names)
    if person_table is None or key is None:
        return persons
    persons[person_table] = key
    for link in links:
        if link.ref_table == person_table and link.ref_columns == [key] and persons.get(link.table) is None:
            persons[link.table] = link.columns[0]
    return persons
