"""The submission's own description: a Frictionless Data Package (``datapackage.json``, v1 spec).

It travels encrypted beside the tables it describes, so it may say everything the hub needs to
read them without curator: every table as a Parquet resource with its Table Schema (field names,
types from Arrow, the concept's labels in French and English, its unit and code list), primary and
foreign keys, and the dataset's metadata (title, producer, period, legal basis, contact). The clear
manifest says of the same tables only what its allow-list lets it (:func:`table_manifest_fields`).
Stock ``frictionless validate datapackage.json`` reads it, foreign keys included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.errors import InputError, Location
from curator.mapping.vocabulary import Concept, Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package import manifest as mf
from curator.recipe.model import ExportMetadata
from curator.redact import printable

DATAPACKAGE_NAME = "datapackage.json"
# A code list of more codes (ICD-10, CCAM) is named, not copied: as an enum constraint it would make
# every checked cell a scan of the list, and the hub has the list by its id.
MAX_LISTED_CODES = 1000
# Frictionless reads Parquet through pandas, where a null integer becomes NaN and a null date NaT;
# its missing-value test compares the cell's text, so these texts are what a Parquet null reads as.
MISSING_VALUES = ["", "nan", "NaT"]
# Data Package v1 resource names; curator's member names are a subset once lower-cased.
_RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class ForeignKey:
    """``columns`` of this table hold values of ``ref_columns`` of ``table``."""

    columns: list[str]
    table: str
    ref_columns: list[str]


@dataclass(frozen=True)
class TableOut:
    """One table as it leaves: the package member ``<name>.parquet``."""

    name: str
    schema: pa.Schema
    concepts: Mapping[str, str | None]          # output column -> concept id
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    rows: int = 0
    # Coded columns whose every value is a code of the concept's list, so that the list can be stated
    # as an enum constraint (protection may have put other values there: 'other', a region...).
    within_code_list: frozenset[str] = frozenset()

    @property
    def member(self) -> str:
        return self.name + mf.TABLE_SUFFIX


def check_export(export: ExportMetadata) -> None:
    """Refuse a submission whose export section lacks what the hub cannot file it without."""
    missing = export.missing_required()
    if missing:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "required export fields are empty: {fields}; the hub cannot "
                                                        "file a submission without them"), fields=", ".join(missing)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Fill them in the recipe's 'export' section (or on the "
                                                             "Export page) and export again.")))


def describe_parquet(name: str, path: Path | str, concepts: Mapping[str, str | None], vocabulary: Vocabulary,
                     primary_key: Sequence[str] = (), foreign_keys: Sequence[ForeignKey] = ()) -> TableOut:
    """The :class:`TableOut` of a table already written to ``path``: its schema and row count from the
    Parquet footer, and which of its coded columns keep to their code list (one column read at a time)."""
    schema = pq.read_schema(path)
    # Only text columns: the enum is given for string fields alone (a code list's codes are text).
    coded = {f.name: codes for f in schema if field_type(f.type) == "string"
             and (codes := _listed_codes(vocabulary, concepts.get(f.name))) is not None}
    # Read as dictionaries: a coded column's distinct values are its pages' dictionaries, not its rows.
    parquet = pq.ParquetFile(path, read_dictionary=list(coded))
    within = set()
    for column, codes in coded.items():
        values = set()
        for chunk in parquet.read(columns=[column]).column(0).chunks:
            values.update(chunk.dictionary.to_pylist() if pa.types.is_dictionary(chunk.type)
                          else pc.unique(chunk).to_pylist())
        if all(value is None or str(value) in codes for value in values):
            within.add(column)
    return TableOut(name, schema, dict(concepts), list(primary_key), list(foreign_keys),
                    parquet.metadata.num_rows, frozenset(within))


def build_datapackage(tables: Sequence[TableOut], export: ExportMetadata, vocabulary: Vocabulary) -> dict[str, Any]:
    """The ``datapackage.json`` of these tables (Data Package v1, tabular): refused with InputError when a
    required export field is empty, a table name cannot be a resource and member name, or a key names a
    column or table that is not there."""
    check_export(export)
    check_tables(tables)
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "title": export.dataset_title.strip(),
        "contributors": [{"title": export.producer_name.strip(), "role": "publisher"}],
        "producer": {"id": export.producer_id.strip(), "name": export.producer_name.strip()},
        "vocabulary": vocabulary.describe(),
    }
    if export.contact.strip():
        package["contributors"].append({"title": export.contact.strip(), "role": "maintainer"})
    for key, value in (("description", export.dataset_description), ("period", export.period),
                       ("legal_basis", export.legal_basis), ("contact", export.contact)):
        if value.strip():
            package[key] = value.strip()
    package["resources"] = [_resource(table, vocabulary) for table in tables]
    return package


def table_manifest_fields(tables: Sequence[TableOut]) -> dict[str, Any]:
    """What the clear manifest says of the tables (its ``tables`` field): names, row counts, column names
    and Arrow types, primary and foreign keys. Structure only, never a value."""
    return {"tables": [{
        "name": table.name,
        "rows": table.rows,
        "columns": [{"name": f.name, "type": str(f.type)} for f in table.schema],
        "primary_key": list(table.primary_key),
        "foreign_keys": [{"columns": list(fk.columns), "references": {"table": fk.table, "columns": list(fk.ref_columns)}}
                         for fk in table.foreign_keys],
    } for table in tables]}


def check_tables(tables: Sequence[TableOut]) -> None:
    """Table names usable as resource and member names, distinct, and keys that name columns and tables there."""
    if not tables:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a submission needs at least one table")))
    problems: list[str] = []
    for table in tables:
        why = mf.check_member_name(table.member)
        if why or not _RESOURCE_NAME.fullmatch(table.name):
            problems.append(Text(QT_TRANSLATE_NOOP("core", "'{name}' cannot name a table: lower-case letters, digits, "
                                                           "'.', '_' and '-' only, starting with a letter or digit"),
                                 name=printable(table.name)))
    clash = mf.member_name_clash([table.member for table in tables])
    if clash:
        problems.append(Text(QT_TRANSLATE_NOOP("core", "two tables would be the same member {names}"), names=clash))
    by_name = {table.name: table for table in tables}
    for table in tables:
        problems += _key_problems(table, by_name)
    if problems:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the tables cannot be described: {problems}"),
                              problems="; ".join(problems[:10])),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Name each table and its keys after its output columns.")))


def _key_problems(table: TableOut, by_name: Mapping[str, TableOut]) -> list[str]:
    names = set(table.schema.names)
    problems: list[str] = [
        Text(QT_TRANSLATE_NOOP("core", "table '{table}' has no column '{column}' (named by its primary key)"),
             table=table.name, column=column) for column in table.primary_key if column not in names]
    for fk in table.foreign_keys:
        problems += [Text(QT_TRANSLATE_NOOP("core", "table '{table}' has no column '{column}' (named by a foreign "
                                                    "key)"), table=table.name, column=column)
                     for column in fk.columns if column not in names]
        target = by_name.get(fk.table)
        if target is None:
            problems.append(Text(QT_TRANSLATE_NOOP("core", "a foreign key of table '{table}' refers to table '{ref}', "
                                                           "which the submission does not hold"),
                                 table=table.name, ref=fk.table))
            continue
        problems += [Text(QT_TRANSLATE_NOOP("core", "table '{table}' has no column '{column}' (referred to by a "
                                                    "foreign key of '{source}')"),
                          table=target.name, column=column, source=table.name)
                     for column in fk.ref_columns if column not in target.schema.names]
        if not fk.columns or len(fk.columns) != len(fk.ref_columns):
            problems.append(Text(QT_TRANSLATE_NOOP("core", "a foreign key of table '{table}' pairs {count} column(s) "
                                                           "with {ref_count} of '{ref}'"),
                                 table=table.name, count=len(fk.columns), ref_count=len(fk.ref_columns), ref=fk.table))
    return problems


def _resource(table: TableOut, vocabulary: Vocabulary) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(f, table, vocabulary) for f in table.schema],
        "missingValues": list(MISSING_VALUES),
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(fk.columns),
                                  "reference": {"resource": fk.table, "fields": list(fk.ref_columns)}}
                                 for fk in table.foreign_keys]
    return {"name": table.name, "path": table.member, "profile": "tabular-data-resource", "format": "parquet",
            "mediatype": "application/vnd.apache.parquet", "schema": schema}


def field_type(data_type: pa.DataType) -> str:
    """The Table Schema type of an Arrow type; 'any' for what Table Schema has no type for."""
    if pa.types.is_dictionary(data_type):
        return field_type(data_type.value_type)
    for test, name in ((pa.types.is_boolean, "boolean"), (pa.types.is_integer, "integer"),
                       (pa.types.is_floating, "number"), (pa.types.is_decimal, "number"),
                       (pa.types.is_string, "string"), (pa.types.is_large_string, "string"),
                       (pa.types.is_date, "date"), (pa.types.is_timestamp, "datetime"), (pa.types.is_time, "time")):
        if test(data_type):
            return name
    return "any"


def _field(arrow_field: pa.Field, table: TableOut, vocabulary: Vocabulary) -> dict[str, Any]:
    out: dict[str, Any] = {"name": arrow_field.name, "type": field_type(arrow_field.type)}
    concept_id = table.concepts.get(arrow_field.name)
    concept = vocabulary.concepts.get(concept_id) if concept_id else None
    if concept is None:
        return out
    out["concept"] = concept.id
    if concept.label_fr or concept.label_en:
        out["title"] = concept.label_fr or concept.label_en
        out["labels"] = {language: label for language, label in (("fr", concept.label_fr), ("en", concept.label_en))
                         if label}
    if concept.description:
        out["description"] = concept.description
    if concept.unit:
        out["unit"] = concept.unit
    out.update(_code_list(concept, vocabulary, arrow_field.name in table.within_code_list))
    return out


def _code_list(concept: Concept, vocabulary: Vocabulary, as_enum: bool) -> dict[str, Any]:
    """A coded concept's list: named always, its codes and labels given when the list is short, and an
    enum constraint when the column's values all keep to it."""
    code_list = vocabulary.code_list_of(concept)
    if code_list is None:
        return {}
    named = {"id": code_list.id, **({"source": code_list.source} if code_list.source else {})}
    if len(code_list) > MAX_LISTED_CODES:
        return {"codeList": named}
    codes = list(code_list.codes.values())
    described: dict[str, Any] = {
        "codeList": named,
        "categories": [{"value": c.code, "label": c.label_fr or c.label_en,
                        **({"labels": {"fr": c.label_fr, "en": c.label_en}} if c.label_fr and c.label_en else {})}
                       for c in codes],
    }
    if as_enum:
        described["constraints"] = {"enum": [c.code for c in codes]}
    return described


def _listed_codes(vocabulary: Vocabulary, concept_id: str | None) -> set[str] | None:
    concept = vocabulary.concepts.get(concept_id) if concept_id else None
    code_list = vocabulary.code_list_of(concept) if concept is not None else None
    if code_list is None or len(code_list) > MAX_LISTED_CODES:
        return None
    return set(code_list.codes)


def write_datapackage(path: Path, descriptor: dict[str, Any]) -> Path:
    """Write ``descriptor`` as readable JSON (two-space indent, keys in the order built)."""
    try:
        path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot write the data package ({reason})"),
                              reason=exc.strerror), Location(file=path)) from exc
    return path
