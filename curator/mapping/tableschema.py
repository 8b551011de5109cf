"""Import a Frictionless Table Schema (one file, or a folder of them) as a vocabulary.

Each field becomes a concept (id = field name; a field defined by several tables is one concept
that lists them), its ``constraints`` become validation rules, and the SNDS ``nomenclature``
property (``"IR_SEX_V:SEX_COD"``, ``"-"`` for none) becomes a code list read from the sibling CSV
in a ``nomenclatures`` folder. The HDH's published SNDS dictionary has quirks this tolerates:
upper-case table names, a ``description`` inside ``constraints``, ``primaryKey`` given as a
string, nomenclatures whose CSV is not shipped (noted in ``Vocabulary.warnings``, values then not
checked against them) and empty codes in a nomenclature.
"""

from __future__ import annotations

import copy
import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location
from curator.inputs import read_json
from curator.mapping.headers import best_by_header
from curator.mapping.rules import Rule, read_rules
from curator.mapping.vocabulary import Code, CodeList, Concept, Vocabulary, sha256_of
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.recipe.model import Transform

# Table Schema type -> concept value type.
TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date", "datetime": "datetime",
         "year": "year", "yearmonth": "yearmonth", "boolean": "boolean", "time": "string", "any": "string",
         "object": "string", "array": "string", "duration": "string", "geopoint": "string", "geojson": "string"}
# Calendar tables: a date field pointing at one says nothing about which dates are allowed.
CALENDAR_NOMENCLATURES = {"IR_DTE_V"}


def _schema_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*.json") if "nomenclatures" not in p.relative_to(path).parts)
    if not files:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no Table Schema (.json) file in this folder")),
                         Location(file=path),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Point to a Table Schema file, or to a folder that holds "
                                                             "them.")))
    return files


def _nomenclature_files(root: Path) -> dict[str, Path]:
    """Every NAME.csv in a 'nomenclatures' folder at or above the schemas, or beside them."""
    found: dict[str, Path] = {}
    folders = [root if root.is_dir() else root.parent]
    for ancestor in [folders[0], *folders[0].parents][:4]:
        candidate = ancestor / "nomenclatures"
        if candidate.is_dir():
            folders.append(candidate)
    for folder in folders:
        pattern = "*.csv" if folder.name != "nomenclatures" else "**/*.csv"
        for csv_path in sorted(folder.glob(pattern)):
            found.setdefault(csv_path.stem, csv_path)
    return found


def _label_column(csv_path: Path, header: list[str], code_column: str) -> str | None:
    descriptor = csv_path.with_suffix(".json")
    if descriptor.is_file():
        try:
            fields = read_json(descriptor, QT_TRANSLATE_NOOP("core", "Table Schema")).get("fields", [])
            for f in fields:
                if f.get("role") == "label" and f.get("name") in header:
                    return str(f["name"])
        except (InputError, AttributeError, TypeError):
            pass
    for name in header:
        if name != code_column and ("_LIB" in name.upper() or "LABEL" in name.upper()):
            return name
    return None


def _read_nomenclature(csv_path: Path, code_column: str) -> list[Code]:
    codes: dict[str, Code] = {}
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader, [])
        if code_column not in header:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "nomenclature {file} has no column '{column}'"),
                                  file=csv_path.name, column=code_column), Location(file=csv_path),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Check the 'nomenclature' property of the field "
                                                                 "that points to it.")))
        code_at = header.index(code_column)
        label_name = _label_column(csv_path, header, code_column)
        label_at = header.index(label_name) if label_name else None
        for row in reader:
            if len(row) <= code_at or not row[code_at].strip():
                continue     # IR_DTE_V has a row with an empty key
            code = row[code_at].strip()
            label = row[label_at].strip() if label_at is not None and len(row) > label_at else ""
            codes.setdefault(code, Code(code, label))
    return list(codes.values())


def _concept(field: dict[str, Any], table: str) -> Concept:
    constraints = dict(field.get("constraints") or {})
    constraints.pop("description", None)      # IR_BEN_R quirk: prose, not a rule
    schema_type = str(field.get("type") or "string")
    value_type = TYPES.get(schema_type, "string")
    fmt = field.get("format")
    date_format = fmt if isinstance(fmt, str) and fmt.startswith("%") else None
    if value_type == "date" and date_format == "%m":
        value_type, constraints = "integer", {**constraints, "minimum": 1, "maximum": 12}
    max_length = constraints.get("maxLength")
    description = str(field.get("description") or "")
    return Concept(
        id=str(field["name"]), label_fr=description, label_en="", description=description,
        value_type=value_type, identifying="none", synonyms=[str(field["name"])],
        pattern=constraints.get("pattern"), minimum=constraints.get("minimum"), maximum=constraints.get("maximum"),
        min_length=constraints.get("minLength"), max_length=max_length,
        enum=[str(v) for v in constraints["enum"]] if "enum" in constraints else None,
        required=bool(constraints.get("required", False)), unique=bool(constraints.get("unique", False)),
        date_format=date_format,
        # Table Schema's defaults when a boolean field names none.
        true_values=[str(v) for v in field.get("trueValues", ["true", "True", "TRUE", "1"])],
        false_values=[str(v) for v in field.get("falseValues", ["false", "False", "FALSE", "0"])], tables=[table])


def import_table_schema(path: Path, hub: Vocabulary) -> Vocabulary:
    """``hub``: the hub-core vocabulary, whose classes and default actions fields it clearly names take."""
    files = _schema_files(path)
    root = path if path.is_dir() else path.parent
    nomenclatures = _nomenclature_files(path)
    concepts: dict[str, Concept] = {}
    code_lists: dict[str, CodeList] = {}
    warnings: list[str] = []
    used_csv: set[Path] = set()
    declared: list[tuple[Any, Location]] = []     # each schema's own "rules", read once every field is known
    for file in files:
        where = Location(file=file)
        schema = read_json(file, QT_TRANSLATE_NOOP("core", "Table Schema"))
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            if path.is_file():
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "this JSON file has no 'fields' list: it is not a "
                                                                "Table Schema")), where)
            warnings.append(f"{file.name}: not a Table Schema (no 'fields'), skipped")
            continue
        table = str(schema.get("name") or file.stem)
        if "rules" in schema:
            declared.append((schema["rules"], where))
        missing = [str(v) for v in schema.get("missingValues", [""])]
        for position, field in enumerate(schema["fields"], start=1):
            if not isinstance(field, dict) or not field.get("name"):
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "field {position} of table {table} has no name"),
                                      position=position, table=table), where,
                                 hint=Text(QT_TRANSLATE_NOOP("core", "Every Table Schema field needs a 'name'.")))
            name = str(field["name"])
            if name in concepts:
                if table not in concepts[name].tables:
                    concepts[name].tables.append(table)
                continue
            concept = _concept(field, table)
            concept.missing_values = missing
            nomenclature = str(field.get("nomenclature") or "-").strip()
            if nomenclature not in ("-", "") and concept.value_type not in ("date", "datetime", "year", "yearmonth"):
                list_name, _, code_column = nomenclature.partition(":")
                list_id = nomenclature if code_column else list_name
                concept.code_list = list_id
                if concept.value_type in ("string", "integer"):
                    concept.value_type = "code"
                if list_id not in code_lists:
                    csv_path = nomenclatures.get(list_name)
                    code_list = CodeList(id=list_id, label_fr=list_name, source=f"nomenclature {list_name}")
                    if csv_path is None:
                        code_list.available = False
                        warnings.append(f"nomenclature {list_name} (used by {name}) not found: "
                                        f"values are not checked against it")
                    else:
                        used_csv.add(csv_path)
                        column = code_column or list_name
                        code_list._loader = lambda p=csv_path, c=column: _read_nomenclature(p, c)
                        if not code_column:
                            code_list._loader = lambda p=csv_path: _read_nomenclature(p, _first_column(p))
                    code_lists[list_id] = code_list
            concepts[name] = concept
    vocabulary_id = files[0].stem if path.is_file() else path.name
    named = _classes_from_hub_core(concepts, hub)
    types = {c.id: c.value_type for c in concepts.values()}
    rules = [rule for items, where in declared for rule in read_rules(items, types, where)]
    rules += [r for r in _hub_rules(hub, named, types) if all(r.id != own.id for own in rules)]
    return Vocabulary(id=vocabulary_id, version=_version(files), checksum=sha256_of([*files, *sorted(used_csv)], root),
                      concepts=concepts, code_lists=code_lists, title=f"Table Schema {vocabulary_id}",
                      path=str(path), warnings=warnings, rules=rules)


# How sure a field's description must be of a hub-core concept to take its class and default action.
SAME_AS_HUB_CORE = 0.9


def _classes_from_hub_core(concepts: dict[str, Concept], hub: Vocabulary) -> dict[str, str]:
    """A Table Schema says nothing about identification: a field whose description clearly names a
    hub-core concept ('Date de décès du bénéficiaire' -> death_date) takes that concept's class and
    default protective action; the others stay 'none' / keep, and identification still runs on the data.
    Returns, for each hub-core concept so named, the first field that names it."""
    named: dict[str, str] = {}
    items = [c for c in concepts.values() if c.description]
    for concept, (hub_id, score) in zip(items, best_by_header([c.description for c in items], hub), strict=True):
        if hub_id is not None and score >= SAME_AS_HUB_CORE:
            model = hub.concepts[hub_id]
            named.setdefault(hub_id, concept.id)
            concept.identifying = model.identifying
            concept.default_action = Transform(model.default_action.action, dict(model.default_action.params))
            concept.description += f" [class and default action of hub-core '{hub_id}']"
    return named


def _hub_rules(hub: Vocabulary, named: dict[str, str], types: dict[str, str]) -> list[Rule]:
    """hub-core's coherence rules whose every concept a field clearly names, said with those fields.
    Not a presence rule: it is written with hub-core's codes, which a schema's nomenclature need not share;
    nor a plausible one, whose ways of telling the age a schema seldom names all."""
    carried = []
    for rule in hub.rules:
        needed = [*rule.concepts, *([rule.link] if rule.link else [])]
        if rule.kind in ("presence", "plausible") or not all(c in named for c in needed):
            continue
        if rule.kind in ("order", "span", "within") and any(types[named[c]] != hub.concepts[c].value_type for c in rule.concepts):
            continue
        own = copy.deepcopy(rule)
        own.concepts = [named[c] for c in rule.concepts]
        own.unless_mapped = [named[c] for c in rule.unless_mapped if c in named]
        own.link = named[rule.link] if rule.link else None
        carried.append(own)
    return carried


def _first_column(csv_path: Path) -> str:
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle, delimiter=";"), [""])[0]


def _version(files: list[Path]) -> str:
    """Table Schemas carry no version: the date of the newest file stands for it."""
    newest = max(f.stat().st_mtime for f in files)
    return datetime.fromtimestamp(newest, UTC).strftime("%Y-%m-%d")
