"""The recipe object: the user's decisions, passed between stages and saved as the project file.

It serialises to readable, diffable JSON (sorted keys, two-space indent). It never holds a
secret: the pseudonymisation secret, private keys and passphrases live in their own files, and
the recipe at most names the *public* keys of the recipients.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location
from curator.inputs import JSON_MAX_BYTES, loads_json, read_limited, shown
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.recipe.params import check_decisions
from curator.recipe.schema import RECIPE_FORMAT, RECIPE_VERSION, migrate, table_recipe, validate
from curator.source import ReadOptions
from curator.workspace import write_atomic

# Actions a column can take on its way out. Parameters live in Transform.params. (Marked for the app's
# translation: notes quote them.)
ACTIONS = (
    QT_TRANSLATE_NOOP("core", "keep"),            # exported as is (for a `direct` column only with keep_confirmed)
    QT_TRANSLATE_NOOP("core", "drop"),            # not exported
    QT_TRANSLATE_NOOP("core", "pseudonymise"),    # HMAC-SHA-256 token under the secret
    QT_TRANSLATE_NOOP("core", "generalise"),      # params: {"to": "year" | "year_month" | "quarter" | "department" | "region" | ...}
    QT_TRANSLATE_NOOP("core", "date_shift"),      # params: {"max_days": N, "person_column": name}
    QT_TRANSLATE_NOOP("core", "age_at"),          # params: {"reference": "YYYY-MM-DD" | column name}
    QT_TRANSLATE_NOOP("core", "band"),            # params: {"width": N} or {"edges": [...]}
    QT_TRANSLATE_NOOP("core", "top_code"),        # params: {"max": N}; "bottom" optional
    QT_TRANSLATE_NOOP("core", "hierarchy"),       # params: {"hierarchy": name or path, "level": N}
    QT_TRANSLATE_NOOP("core", "rare_to_other"),   # params: {"threshold": N, "other": "other" | null}
    QT_TRANSLATE_NOOP("core", "scrub"),           # free text scrubbed of what the detectors find
    QT_TRANSLATE_NOOP("core", "bottom_code"),     # params: {"min": N}
)


@dataclass
class Transform:
    action: str = "keep"
    params: dict[str, Any] = field(default_factory=dict)
    keep_confirmed: bool = False   # the explicit confirmation required to keep a `direct` column


@dataclass
class ColumnDecision:
    """What happens to one source column."""

    source: str                              # the column's name in the source file
    concept: str | None = None               # vocabulary concept id, None = unmapped
    identifying: str | None = None           # user override of the detected class; None = detected
    transform: Transform = field(default_factory=Transform)
    code_map: dict[str, str | None] = field(default_factory=dict)   # source value -> vocabulary code (None = empty it)
    code_review: dict[str, str] = field(default_factory=dict)       # source value -> suggested/approved/rejected/unmapped
    validation: dict[str, str] = field(default_factory=dict)        # rule or value -> "empty" | "exclude_row" | "keep"
    output_name: str | None = None           # column name in the package; default: concept id or source name
    aliases: list[str] = field(default_factory=list)   # earlier names of the column, accepted as renames


# What a recipe may decide for the rows that break a coherence rule. (Marked for the app's translation.)
RULE_ACTIONS = (
    QT_TRANSLATE_NOOP("core", "exclude_row"),     # the offending rows leave the output (a repeat: all but the first)
    QT_TRANSLATE_NOOP("core", "keep"),            # kept as they are, with the reason given
    QT_TRANSLATE_NOOP("core", "empty"),           # the value of ``column`` emptied on the offending rows
    QT_TRANSLATE_NOOP("core", "off"),             # the rule is not checked, for the reason given
)


@dataclass
class RuleDecision:
    """What happens to the rows that break one coherence rule (``curator/mapping/rules.py``)."""

    rule: str                                # the rule's id, or "exact_duplicates"
    action: str                              # one of RULE_ACTIONS
    reason: str = ""                         # why kept, or why the rule is off: shown in the report
    column: str | None = None                # "empty": the source column whose value is emptied


@dataclass
class ProtectionSettings:
    quasi_identifiers: list[str] = field(default_factory=list)   # source column names
    sensitive_column: str | None = None
    k_target: int | None = None
    suppression_cap: float = 0.0                                # fraction of records that may be suppressed
    hierarchies: dict[str, str] = field(default_factory=dict)   # column -> hierarchy file or rule name
    generalisation: dict[str, int] = field(default_factory=dict)  # column -> level chosen by "reach k"
    # Reach k with cell suppression: each quasi-identifier's floor (its coarsest useful precision:
    # "as_is", "year_month", "year", "decade", "department", "band:W" or "level:N"), the cap on
    # suppressed cells (a fraction of the quasi-identifier cells), and whether too-small classes
    # lose single cells ("cells") or whole records ("records", ARX's global search alone).
    floors: dict[str, str] = field(default_factory=dict)
    cell_suppression_cap: float = 0.05
    suppression_unit: str = "records"
    accept_below_k: dict[str, str] | None = None   # {"reason": ...}: export below k_target, accepted and recorded
    # A linked submission's Reach k counted in persons across its tables (curator.protect.personreach):
    # what it found (k, persons, cells and persons suppressed...), recorded; apply replays the levels
    # and plans the same suppression again, so no person is named here.
    person_reach: dict[str, Any] | None = None


@dataclass
class ExportMetadata:
    producer_id: str = ""
    producer_name: str = ""
    dataset_title: str = ""
    dataset_description: str = ""
    period: str = ""
    recipients: list[str] = field(default_factory=list)   # age1... public keys only
    legal_basis: str = ""          # the text that allows the hub to receive the data (in datapackage.json)
    contact: str = ""              # who answers the hub's questions about the dataset (in datapackage.json)

    # What the hub cannot file a submission without: checked before any package is written
    # (command line and app alike) and before the data package is described.
    REQUIRED = (QT_TRANSLATE_NOOP("core", "producer_id"), QT_TRANSLATE_NOOP("core", "producer_name"),
                QT_TRANSLATE_NOOP("core", "dataset_title"))

    def missing_required(self) -> list[str]:
        """The names of the required fields left empty (blank counts as empty), in REQUIRED's order."""
        return [name for name in self.REQUIRED if not str(getattr(self, name)).strip()]


def write_recipe(path: str | Path, text: str) -> None:
    """Write a recipe's JSON text in place of ``path`` (atomically; a recipe is meant to be replaced)."""
    path = Path(path)
    try:
        write_atomic(path, text, overwrite=True)
    except OSError as exc:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot write the recipe ({reason})"), reason=exc.strerror),
                         Location(file=path)) from exc


def parse_recipe_json(text: str | bytes, path: str | Path | None = None) -> Any:
    """A recipe file's JSON: refused with InputError when it is not JSON, holds NaN or Infinity, an
    integer of more than 30 digits, or nesting more than 64 levels deep (naming the column it is in)."""
    where = Location(file=shown(path)) if path is not None else Location()
    return loads_json(text, where, QT_TRANSLATE_NOOP("core", "recipe"), _column_at)


def _column_at(data: Any, path: list[str | int]) -> str | None:
    """The source column a JSON path of a recipe belongs to (``columns[3]...``, ``tables[1].columns[3]...``),
    for error messages."""
    if len(path) > 3 and path[0] == "tables" and isinstance(data, dict) and isinstance(data.get("tables"), list):
        index = path[1]
        if isinstance(index, int) and index < len(data["tables"]):
            return _column_at(data["tables"][index], path[2:])
    if len(path) > 1 and path[0] == "columns" and isinstance(data, dict) and isinstance(data.get("columns"), list):
        index = path[1]
        if isinstance(index, int) and index < len(data["columns"]) and isinstance(data["columns"][index], dict):
            source = data["columns"][index].get("source")
            return source if isinstance(source, str) else None
    return None


@dataclass
class Recipe:
    version: int = RECIPE_VERSION
    reader: ReadOptions = field(default_factory=ReadOptions)
    source: dict[str, Any] = field(default_factory=dict)      # SourceInfo.to_dict() of the file it was made on
    source_columns: list[dict[str, Any]] = field(default_factory=list)  # name, type, sample profile for drift
    vocabulary: dict[str, str] = field(default_factory=dict)  # id, version, checksum
    columns: list[ColumnDecision] = field(default_factory=list)
    protection: ProtectionSettings = field(default_factory=ProtectionSettings)
    export: ExportMetadata = field(default_factory=ExportMetadata)
    # In a linked submission (curator.recipe.submission): the table's name (its member is
    # "<name>.parquet") and the source columns identifying one of its rows.
    name: str = ""
    primary_key: list[str] = field(default_factory=list)
    rules: list[RuleDecision] = field(default_factory=list)   # decisions on coherence findings
    person_key: str | None = None       # source column identifying the person: k counted in distinct persons

    def rule(self, rule_id: str) -> RuleDecision | None:
        return next((r for r in self.rules if r.rule == rule_id), None)

    def column(self, source_name: str) -> ColumnDecision | None:
        return next((c for c in self.columns if c.source == source_name), None)

    def levels_only(self) -> Recipe:
        """This recipe with its Reach k levels but no k: nothing judged nor suppressed against k (done
        elsewhere: across the tables in persons, or once every batch of a stream is in)."""
        return dataclasses.replace(self, protection=dataclasses.replace(self.protection, k_target=None))

    # Set by from_dict when the file was written in an older format (not saved): the app and the
    # command line say so, and saving writes the current format.
    migrated_from: int | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("migrated_from")
        data["format"] = RECIPE_FORMAT
        data["reader"] = self.reader.to_dict()
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, data: Any, path: str | Path | None = None) -> Recipe:
        """A recipe from its JSON form, in the current format or any older one (migrated here).

        Raises InputError saying what is wrong and where (``columns[3].transform.action``) when
        the data do not follow the published schema (``recipe.schema.json``).
        """
        original_version, data = migrate(data, path)
        validate(data, path)
        if "tables" in data:
            if len(data["tables"]) != 1 or data.get("links"):
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "this recipe describes a submission of {count} linked "
                                                                "tables, not one file"), count=len(data["tables"])),
                                 Location(file=shown(path) if path is not None else None),
                                 hint=Text(QT_TRANSLATE_NOOP("core", "Give all the submission's files (or their folder) "
                                                                     "to 'curator apply' with this recipe.")))
            data = table_recipe(data, 0)
        columns = []
        for c in data.get("columns", []):
            t = c.get("transform", {})
            columns.append(ColumnDecision(
                source=c["source"], concept=c.get("concept"), identifying=c.get("identifying"),
                transform=Transform(t.get("action", "keep"), dict(t.get("params", {})), bool(t.get("keep_confirmed", False))),
                code_map=dict(c.get("code_map", {})), code_review=dict(c.get("code_review", {})),
                validation=dict(c.get("validation", {})), output_name=c.get("output_name"),
                aliases=list(c.get("aliases", []))))
        check_decisions(columns, path)
        return cls(version=RECIPE_VERSION, reader=ReadOptions.from_dict(data.get("reader", {})),
                   source=dict(data.get("source", {})), source_columns=list(data.get("source_columns", [])),
                   vocabulary=dict(data.get("vocabulary", {})), columns=columns,
                   protection=ProtectionSettings(**data.get("protection", {})),
                   export=ExportMetadata(**data.get("export", {})),
                   name=str(data.get("name", "")), primary_key=list(data.get("primary_key", [])),
                   person_key=data.get("person_key"),
                   rules=[RuleDecision(**r) for r in data.get("rules", [])],
                   migrated_from=original_version if original_version != RECIPE_VERSION else None)

    @classmethod
    def from_json(cls, text: str | bytes, path: str | Path | None = None) -> Recipe:
        """A recipe from its JSON text: refused with InputError when it is not JSON, holds NaN or
        Infinity, an integer of more than 30 digits, or nesting more than 64 levels deep."""
        return cls.from_dict(parse_recipe_json(text, path), path)

    def save(self, path: str | Path) -> None:
        write_recipe(path, self.to_json())

    @classmethod
    def load(cls, path: str | Path) -> Recipe:
        return cls.from_json(read_limited(path, JSON_MAX_BYTES, QT_TRANSLATE_NOOP("core", "recipe")), path)
