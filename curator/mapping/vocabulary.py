"""The hub vocabulary: concepts (what a column means) and code lists (what a coded value means).

A vocabulary is loaded from the shipped ``hub-core`` file, from another file in the same format
(``docs/vocabulary.md``), or imported from a Frictionless Table Schema (``tableschema.py``).
Its id, version and checksum go into every recipe and manifest, so the hub knows exactly which
vocabulary a package was mapped against.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location
from curator.mapping.rules import Rule, read_rules
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.recipe.model import ACTIONS, Transform
from curator.recipe.params import check_params

VOCABULARY_FORMAT = "curator-vocabulary"
FORMAT_VERSION = 1
VALUE_TYPES = ("string", "integer", "number", "date", "datetime", "year", "yearmonth", "boolean", "code")
IDENTIFYING_CLASSES = ("direct", "quasi", "sensitive", "none")


@dataclass
class Code:
    code: str
    label_fr: str = ""
    label_en: str = ""
    synonyms: list[str] = field(default_factory=list)


@dataclass
class CodeList:
    """The codes a coded concept accepts. Large lists are read from their file on first use."""

    id: str
    label_fr: str = ""
    label_en: str = ""
    source: str = ""
    available: bool = True          # False when an imported schema names a list that was not found
    count: int | None = None        # recorded size of a list kept in a file, so len() need not read it
    key_shapes: frozenset[str] | None = None    # recorded outlines of its code keys (mapping/codes.py)
    index: object = field(default=None, repr=False, compare=False)   # lookups built on first use (codes.py)
    _codes: dict[str, Code] | None = field(default=None, repr=False)
    _loader: Callable[[], list[Code]] | None = field(default=None, repr=False, compare=False)

    @property
    def codes(self) -> dict[str, Code]:
        if self._codes is None:
            loaded = self._loader() if self._loader is not None else []
            self._codes = {c.code: c for c in loaded}
            if self.count is not None and self.count != len(self._codes):
                self.count, self.key_shapes = None, None      # the file changed since it was summarised
        return self._codes

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        if self._codes is None and self.count is not None:
            return self.count
        return len(self.codes)

    def label(self, code: str, language: str = "fr") -> str:
        entry = self.codes.get(code)
        if entry is None:
            return ""
        return (entry.label_fr or entry.label_en) if language == "fr" else (entry.label_en or entry.label_fr)


@dataclass
class Concept:
    """One meaning a column can have, with what the hub expects of its values."""

    id: str
    label_fr: str = ""
    label_en: str = ""
    description: str = ""
    value_type: str = "string"
    identifying: str = "none"
    default_action: Transform = field(default_factory=Transform)
    # For a quasi-identifier: whether it is ticked by default (what an attacker can know), its floor
    # (the coarsest precision that still serves, a recipe floor: "year", "department"...) and why.
    quasi_default: bool = False
    floor: str = ""
    quasi_reason_en: str = ""
    quasi_reason_fr: str = ""
    synonyms: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    pattern: str | None = None
    unit: str | None = None
    code_list: str | None = None
    minimum: Any = None          # number, ISO date, or "today" / "this_year"
    maximum: Any = None
    min_length: int | None = None
    max_length: int | None = None
    enum: list[str] | None = None
    required: bool = False
    unique: bool = False
    date_format: str | None = None     # strptime format declared by an imported schema
    true_values: list[str] = field(default_factory=list)
    false_values: list[str] = field(default_factory=list)
    repeatable: bool = False     # several columns may carry it (secondary diagnoses, phones...)
    tables: list[str] = field(default_factory=list)   # imported schemas: tables that define the field
    missing_values: list[str] = field(default_factory=list)   # written for "no value" (Table Schema missingValues)

    def quasi_reason(self, language: str = "en") -> str:
        """Why this concept is (or is not) a quasi-identifier by default, in ``language``."""
        return (self.quasi_reason_fr or self.quasi_reason_en) if language == "fr" else \
            (self.quasi_reason_en or self.quasi_reason_fr)

    def names(self) -> list[str]:
        """Every header a producer might use for this concept, id and labels first."""
        return list(dict.fromkeys([self.id, self.label_fr, self.label_en, *self.synonyms]))


@dataclass
class Vocabulary:
    id: str
    version: str
    checksum: str
    concepts: dict[str, Concept] = field(default_factory=dict)
    code_lists: dict[str, CodeList] = field(default_factory=dict)
    title: str = ""
    path: str = ""
    warnings: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)       # coherence rules (mapping/rules.py)

    def describe(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "checksum": self.checksum}

    def concept(self, concept_id: str) -> Concept:
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "concept '{concept}' is not in vocabulary '{vocabulary}' "
                                                            "{version}"),
                                  concept=concept_id, vocabulary=self.id, version=self.version),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Choose a concept of this vocabulary, or load the "
                                                                 "vocabulary the recipe was made with."))) from None

    def code_list_of(self, concept: Concept) -> CodeList | None:
        if concept.code_list is None:
            return None
        code_list = self.code_lists.get(concept.code_list)
        return code_list if code_list is not None and code_list.available else None


def sha256_of(paths: list[Path], root: Path) -> str:
    """One digest over several files, each prefixed by its path relative to ``root``."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.as_posix()):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return "sha256:" + digest.hexdigest()


def read_code_file(path: Path) -> list[Code]:
    """A compact code list: ';'-separated UTF-8 with code, label_fr, label_en, synonyms ('|'-separated)."""
    codes = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader, [])
        if header[:4] != ["code", "label_fr", "label_en", "synonyms"]:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "a code-list file must have the columns "
                                                            "code;label_fr;label_en;synonyms")),
                             Location(file=path, line=1),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Rebuild it with scripts/build_vocabulary.py.")))
        for row in reader:
            if row and row[0]:
                row += [""] * (4 - len(row))
                codes.append(Code(row[0], row[1], row[2], [s for s in row[3].split("|") if s]))
    return codes


def _transform(data: Any, where: Location) -> Transform:
    if data is None:
        return Transform()
    if isinstance(data, str):
        data = {"action": data}
    action = data.get("action", "keep")
    if action not in ACTIONS:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "unknown default action '{action}'"), action=action), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(ACTIONS)))
    params = data.get("params", {})
    check_params(action, params, None, "default_action.params", where.file, complete=False)
    return Transform(action, dict(params))


def _synonyms(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for values in data.values() for s in values]
    return list(data or [])


def _concept(data: dict[str, Any], where: Location) -> Concept:
    if "id" not in data:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "a concept has no 'id'")), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Give every concept a stable id.")))
    value_type = data.get("value_type", "string")
    if value_type not in VALUE_TYPES:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "concept '{concept}' has unknown value type '{value_type}'"),
                              concept=data["id"], value_type=value_type), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(VALUE_TYPES)))
    identifying = data.get("identifying", "none")
    if identifying not in IDENTIFYING_CLASSES:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "concept '{concept}' has unknown class '{identifying}'"),
                              concept=data["id"], identifying=identifying), where,
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."),
                                   choices=", ".join(IDENTIFYING_CLASSES)))
    return Concept(
        id=data["id"], label_fr=data.get("label_fr", ""), label_en=data.get("label_en", ""),
        description=data.get("description", ""), value_type=value_type, identifying=identifying,
        default_action=_transform(data.get("default_action"), where),
        quasi_default=bool(data.get("quasi_default", False)), floor=str(data.get("floor", "")),
        quasi_reason_en=str(data.get("quasi_reason_en", "")), quasi_reason_fr=str(data.get("quasi_reason_fr", "")),
        synonyms=_synonyms(data.get("synonyms")), abbreviations=list(data.get("abbreviations", [])),
        pattern=data.get("pattern"), unit=data.get("unit"), code_list=data.get("code_list"),
        minimum=data.get("minimum"), maximum=data.get("maximum"),
        min_length=data.get("min_length"), max_length=data.get("max_length"), enum=data.get("enum"),
        required=bool(data.get("required", False)), unique=bool(data.get("unique", False)),
        date_format=data.get("date_format"), repeatable=bool(data.get("repeatable", False)))


def _code_list(data: dict[str, Any], folder: Path, where: Location) -> tuple[CodeList, Path | None]:
    code_list = CodeList(id=data["id"], label_fr=data.get("label_fr", ""), label_en=data.get("label_en", ""),
                         source=data.get("source", ""))
    if "codes_file" in data:
        path = folder / data["codes_file"]
        if not path.is_file():
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "code list '{code_list}' points to a missing file "
                                                            "'{file}'"), code_list=code_list.id, file=data["codes_file"]),
                             where, hint=Text(QT_TRANSLATE_NOOP("core", "Reinstall curator, or rebuild the lists with "
                                                                        "scripts/build_vocabulary.py.")))
        code_list._loader = lambda path=path: read_code_file(path)
        if "count" in data and "key_shapes" in data:
            code_list.count = int(data["count"])
            code_list.key_shapes = frozenset(data["key_shapes"])
        return code_list, path
    code_list._codes = {c["code"]: Code(c["code"], c.get("label_fr", ""), c.get("label_en", ""),
                                        list(c.get("synonyms", []))) for c in data.get("codes", [])}
    return code_list, None


def read_vocabulary_file(path: Path, data: dict[str, Any]) -> Vocabulary:
    """A vocabulary in curator's own format (docs/vocabulary.md)."""
    where = Location(file=path)
    if data.get("format_version", FORMAT_VERSION) > FORMAT_VERSION:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "vocabulary format version {version} is newer than this "
                                                        "curator reads"), version=data.get("format_version")),
                         where, hint=Text(QT_TRANSLATE_NOOP("core", "Update curator.")))
    concepts: dict[str, Concept] = {}
    for item in data.get("concepts", []):
        concept = _concept(item, where)
        if concept.id in concepts:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "concept '{concept}' is defined twice"), concept=concept.id),
                             where, hint=Text(QT_TRANSLATE_NOOP("core", "Give each concept a unique id.")))
        concepts[concept.id] = concept
    code_lists: dict[str, CodeList] = {}
    files = [path]
    for item in data.get("code_lists", []):
        code_list, file = _code_list(item, path.parent, where)
        code_lists[code_list.id] = code_list
        if file is not None:
            files.append(file)
    for concept in concepts.values():
        if concept.code_list and concept.code_list not in code_lists:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "concept '{concept}' refers to an unknown code list "
                                                            "'{code_list}'"), concept=concept.id,
                                  code_list=concept.code_list), where,
                             hint=Text(QT_TRANSLATE_NOOP("core", "Add the code list or remove the reference.")))
    rules = read_rules(data.get("rules"), {c.id: c.value_type for c in concepts.values()}, where)
    return Vocabulary(id=data.get("id", path.stem), version=str(data.get("version", "0")),
                      checksum=sha256_of(files, path.parent), concepts=concepts, code_lists=code_lists,
                      title=data.get("title_en", data.get("title", "")), path=str(path), rules=rules)
