"""The recipe's published JSON Schema, and the migrations that bring older recipes up to date.

A recipe names its format version. Loading one written by an older curator runs the migrations
in turn (version 1 → 2 → ...), then checks the result against ``recipe.schema.json``, so the rest
of the program only ever sees the current format. A recipe from a *newer* curator is refused
with a clear message rather than half-read.

To change the format: bump ``RECIPE_VERSION``, update the schema, and add a function to
``MIGRATIONS`` that turns a recipe of the previous version into the new one.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location
from curator.inputs import json_path
from curator.messages import QT_TRANSLATE_NOOP, Text

RECIPE_VERSION = 3
RECIPE_FORMAT = "curator-recipe"   # marks a JSON file as a recipe (the app's project file)
SCHEMA_PATH = Path(__file__).with_name("recipe.schema.json")
_RECREATE = Text(QT_TRANSLATE_NOOP("core", "Re-create it with 'curator recipe init', or restore it from a backup."))


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 names its format (so a project file is recognised) and remembers columns' earlier names."""
    data["format"] = RECIPE_FORMAT
    for column in data.get("columns", []):
        if isinstance(column, dict):
            column.setdefault("aliases", [])
    data["version"] = 2
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 may hold several linked tables; a version-2 recipe is a submission of its one table,
    written at the top level as before (with no name, key or link until the user gives them)."""
    data["version"] = 3
    return data


# version N -> function turning a version-N recipe into version N + 1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}

# What a submission shares among its tables; everything else in a recipe belongs to one table.
SHARED_FIELDS = ("format", "version", "vocabulary", "export")
# The protection settings that belong to one table; the others (k, suppression...) are the submission's.
TABLE_PROTECTION = ("quasi_identifiers", "sensitive_column", "hierarchies", "generalisation", "floors")


def table_recipe(data: dict[str, Any], index: int) -> dict[str, Any]:
    """The one-table recipe (top-level form) of table ``index`` of a submission's data, the shared
    fields and the submission-wide protection copied in."""
    table = copy.deepcopy(data["tables"][index])
    merged = {key: copy.deepcopy(data[key]) for key in SHARED_FIELDS if key in data}
    merged.update({key: value for key, value in table.items() if key != "protection"})
    protection = {key: value for key, value in data.get("protection", {}).items() if key not in TABLE_PROTECTION}
    protection.update({key: value for key, value in table.get("protection", {}).items() if key in TABLE_PROTECTION})
    merged["protection"] = protection
    return merged


def migrate(data: Any, path: str | Path | None = None) -> tuple[int, dict[str, Any]]:
    """``(version the data were written in, the data in the current format)``; the input is not changed."""
    where = Location(file=path)
    if not isinstance(data, dict):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "this file does not hold a recipe (a JSON object is expected)")),
                         where, hint=_RECREATE)
    declared_format = data.get("format")
    if declared_format is not None and declared_format != RECIPE_FORMAT:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "this JSON file is a '{declared}', not a curator recipe"),
                              declared=declared_format), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give the recipe written by 'curator recipe init' or "
                                                             "saved by the app.")))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the recipe has no valid format version ({version})"),
                              version=repr(version)), where, hint=_RECREATE)
    if version > RECIPE_VERSION:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "this recipe was written by a newer curator (format version "
                                                        "{version}; this curator reads up to version {known})"),
                              version=version, known=RECIPE_VERSION), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Update curator on this workstation, or open the recipe "
                                                             "with the version that wrote it.")))
    if version < min(MIGRATIONS, default=RECIPE_VERSION):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "recipe format version {version} is not known to this curator"),
                              version=version), where, hint=_RECREATE)
    migrated = copy.deepcopy(data)
    current = version
    while current < RECIPE_VERSION:
        migrated = MIGRATIONS[current](migrated)
        current += 1
    return version, migrated


@lru_cache(maxsize=1)
def recipe_schema() -> dict[str, Any]:
    """The published schema (``curator/recipe/recipe.schema.json``)."""
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # heavy (referencing, rpds): only when a recipe is loaded

    return Draft202012Validator(recipe_schema())


def validate(data: dict[str, Any], path: str | Path | None = None) -> None:
    """Raise InputError listing where ``data`` breaks the schema (the first few problems)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return
    details = [f"{json_path(list(e.absolute_path))}: {e.message}" for e in errors[:10]]
    if len(errors) > 10:
        details.append(Text(QT_TRANSLATE_NOOP("core", "... and {count} more"), count=len(errors) - 10))
    first = errors[0]
    column = None
    where, holder = list(first.absolute_path), data
    if where[:1] == ["tables"] and len(where) > 3 and isinstance(where[1], int) and where[1] < len(data["tables"]) \
            and isinstance(data["tables"][where[1]], dict):
        where, holder = where[2:], data["tables"][where[1]]      # a linked submission's table
    if where[:1] == ["columns"] and len(where) > 1:
        index = where[1]
        columns = holder.get("columns", [])
        if isinstance(index, int) and index < len(columns) and isinstance(columns[index], dict):
            column = columns[index].get("source")
    message = (Text(QT_TRANSLATE_NOOP("core", "the recipe does not follow the recipe format ({count} problems)"),
                    count=len(errors)) if len(errors) > 1 else
               Text(QT_TRANSLATE_NOOP("core", "the recipe does not follow the recipe format ({count} problem)"),
                    count=len(errors)))
    raise InputError(message, Location(file=path, column=column),
                     hint=Text(QT_TRANSLATE_NOOP("core", "Fix the entries listed, or re-create the recipe with "
                                                         "'curator recipe init'.")),
                     details=details)
