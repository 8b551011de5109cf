"""A linked submission: several tables, each with its own :class:`~curator.recipe.model.Recipe`, and the
foreign keys that join them.

On disk it is one recipe file (format version 3): the vocabulary, the export metadata and the
submission-wide protection (k, suppression cap...) at the top level, one entry per table in
``tables`` (reader, source fingerprint, columns, its quasi-identifiers and generalisation, its
primary key and person key) and ``links``. On load, the shared fields are copied into every
table's ``Recipe``, so that everything written for one table (``recipe.export``,
``recipe.protection.k_target``...) works unchanged. A one-table recipe (format 2, or 3 without
``tables``) loads as a submission of that table.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location
from curator.inputs import JSON_MAX_BYTES, read_limited, shown
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.recipe.model import ExportMetadata, ProtectionSettings, Recipe, parse_recipe_json, write_recipe
from curator.recipe.schema import (
    RECIPE_FORMAT,
    RECIPE_VERSION,
    TABLE_PROTECTION,
    migrate,
    table_recipe,
    validate,
)


@dataclass
class Link:
    """``table.columns`` refer to ``ref_table.ref_columns`` (a unique key of that table)."""

    table: str
    columns: list[str]
    ref_table: str
    ref_columns: list[str]
    reason: str = ""     # why it was proposed or declared, in plain words (no value)

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "columns": list(self.columns),
                "references": {"table": self.ref_table, "columns": list(self.ref_columns)}, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(data["table"], list(data["columns"]), data["references"]["table"],
                   list(data["references"]["columns"]), str(data.get("reason", "")))

    def __str__(self) -> str:
        return f"{self.table}.{','.join(self.columns)} → {self.ref_table}.{','.join(self.ref_columns)}"


@dataclass
class Submission:
    tables: list[Recipe] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    vocabulary: dict[str, str] = field(default_factory=dict)
    export: ExportMetadata = field(default_factory=ExportMetadata)
    protection: ProtectionSettings = field(default_factory=ProtectionSettings)   # its submission-wide fields
    migrated_from: int | None = field(default=None, repr=False, compare=False)

    def table(self, name: str) -> Recipe | None:
        return next((t for t in self.tables if t.name == name), None)

    def share(self) -> None:
        """Copy the shared fields into every table's recipe (what the per-table code paths read)."""
        for recipe in self.tables:
            recipe.vocabulary = copy.deepcopy(self.vocabulary)
            recipe.export = copy.deepcopy(self.export)
            for key, value in vars(self.protection).items():
                if key not in TABLE_PROTECTION:
                    setattr(recipe.protection, key, copy.deepcopy(value))

    @classmethod
    def of(cls, tables: list[Recipe], links: list[Link] | None = None) -> Submission:
        """A submission of ``tables``, sharing the first table's vocabulary, export metadata and protection."""
        first = tables[0] if tables else Recipe()
        return cls(list(tables), list(links or []), copy.deepcopy(first.vocabulary), copy.deepcopy(first.export),
                   _wide(first.protection))

    def to_dict(self) -> dict[str, Any]:
        """The one-table form when there is one table and no link (as format 2 wrote it), else ``tables``."""
        self.share()
        if len(self.tables) == 1 and not self.links:
            return self.tables[0].to_dict()
        entries = []
        for recipe in self.tables:
            entry = recipe.to_dict()
            for key in ("format", "version", "vocabulary", "export"):
                entry.pop(key, None)
            entry["protection"] = {k: v for k, v in entry["protection"].items() if k in TABLE_PROTECTION}
            entries.append(entry)
        wide = {k: copy.deepcopy(v) for k, v in vars(self.protection).items() if k not in TABLE_PROTECTION}
        return {"format": RECIPE_FORMAT, "version": RECIPE_VERSION, "vocabulary": dict(self.vocabulary),
                "export": vars(copy.deepcopy(self.export)), "protection": wide, "tables": entries,
                "links": [link.to_dict() for link in self.links]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, data: Any, path: str | Path | None = None) -> Submission:
        """A submission from a recipe's JSON form, any version (a one-table recipe is a submission of one)."""
        original, migrated = migrate(data, path)
        validate(migrated, path)
        if "tables" not in migrated:
            submission = cls.of([Recipe.from_dict(migrated, path)])
        else:
            tables = [Recipe.from_dict(table_recipe(migrated, i), path) for i in range(len(migrated["tables"]))]
            submission = cls.of(tables, [Link.from_dict(link) for link in migrated.get("links", [])])
            submission.protection = _wide(ProtectionSettings(**migrated.get("protection", {})))
        submission.migrated_from = original if original != RECIPE_VERSION else None
        check_submission(submission, path)
        return submission

    @classmethod
    def from_json(cls, text: str | bytes, path: str | Path | None = None) -> Submission:
        return cls.from_dict(parse_recipe_json(text, path), path)

    @classmethod
    def load(cls, path: str | Path) -> Submission:
        return cls.from_json(read_limited(path, JSON_MAX_BYTES, QT_TRANSLATE_NOOP("core", "recipe")), path)

    def save(self, path: str | Path) -> None:
        write_recipe(path, self.to_json())


def _wide(protection: ProtectionSettings) -> ProtectionSettings:
    """The submission-wide part of ``protection`` (the per-table fields left at their defaults)."""
    return ProtectionSettings(**{k: copy.deepcopy(v) for k, v in vars(protection).items() if k not in TABLE_PROTECTION})


def _known_columns(recipe: Recipe) -> set[str]:
    return {c.source for c in recipe.columns} | {str(c.get("name")) for c in recipe.source_columns}


def check_submission(submission: Submission, path: str | Path | None = None) -> None:
    """Raise InputError when the tables' names clash or a key or link names a table or column that is not there."""
    where = Location(file=shown(path) if path is not None else None)
    hint = Text(QT_TRANSLATE_NOOP("core", "Correct the recipe's 'tables' and 'links', or re-create it with "
                                          "'curator recipe init'."))
    problems: list[str] = []
    seen: set[str] = set()
    for number, recipe in enumerate(submission.tables):
        if len(submission.tables) > 1 and not recipe.name:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "tables[{number}] has no name"), number=number))
        if recipe.name.lower() in seen:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "two tables are named '{name}'"), name=recipe.name))
        seen.add(recipe.name.lower())
        known = _known_columns(recipe)
        for column in [*recipe.primary_key, *([recipe.person_key] if recipe.person_key else [])]:
            if column not in known:
                problems.append(Text(QT_TRANSLATE_NOOP("core", "table '{table}': key column '{column}' is not one of "
                                                               "its columns"), table=recipe.name, column=column))
    for number, link in enumerate(submission.links):
        for table_name, columns in ((link.table, link.columns), (link.ref_table, link.ref_columns)):
            table = submission.table(table_name)
            if table is None:
                problems.append(Text(QT_TRANSLATE_NOOP("core", "links[{number}] names table '{table}', which the "
                                                               "recipe does not describe"), number=number,
                                     table=table_name))
                continue
            missing = [c for c in columns if c not in _known_columns(table)]
            if missing:
                problems.append(Text(QT_TRANSLATE_NOOP("core", "links[{number}]: '{columns}' not in table '{table}'"),
                                     number=number, columns=", ".join(missing), table=table_name))
        if len(link.columns) != len(link.ref_columns):
            problems.append(Text(QT_TRANSLATE_NOOP("core", "links[{number}] joins {count} column(s) to {ref_count}"),
                                 number=number, count=len(link.columns), ref_count=len(link.ref_columns)))
    if problems:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the submission's tables and links do not fit together")),
                         where, hint=hint, details=problems[:20])
