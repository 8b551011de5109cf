"""The validation report: for each rule, how many rows break it, the first ones, and what was decided.

Viewable in the app, exportable as CSV (';'-separated, UTF-8 with BOM, for spreadsheet users) and
XLSX (a summary sheet and a rows sheet). Values of columns that identify a person directly can be
masked on export with ``redact_direct=True``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.workspace import atomic_output

# Plain-words description of each rule, used in the report and the app.
RULE_TEXT = {
    "date": QT_TRANSLATE_NOOP("core", "not a date in the detected format"),
    "datetime": QT_TRANSLATE_NOOP("core", "not a date and time"),
    "integer": QT_TRANSLATE_NOOP("core", "not a whole number"),
    "number": QT_TRANSLATE_NOOP("core", "not a number"),
    "year": QT_TRANSLATE_NOOP("core", "not a year"),
    "yearmonth": QT_TRANSLATE_NOOP("core", "not a year and month (YYYY-MM)"),
    "boolean": QT_TRANSLATE_NOOP("core", "not a yes/no value"),
    "range": QT_TRANSLATE_NOOP("core", "outside the allowed range"),
    "pattern": QT_TRANSLATE_NOOP("core", "not in the expected form"),
    "check_digit": QT_TRANSLATE_NOOP("core", "check digit (key) is wrong"),
    "code": QT_TRANSLATE_NOOP("core", "not a code of the list and not mapped"),
    "enum": QT_TRANSLATE_NOOP("core", "not one of the allowed values"),
    "length": QT_TRANSLATE_NOOP("core", "wrong length"),
    "required": QT_TRANSLATE_NOOP("core", "empty where a value is required"),
    "unique": QT_TRANSLATE_NOOP("core", "duplicated where values must be unique"),
    # a linked submission's referential integrity (curator/check/integrity.py)
    "primary_key": QT_TRANSLATE_NOOP("core", "the same primary key on several rows"),
    "orphan": QT_TRANSLATE_NOOP("core", "refers to no row of the table it links to"),
}
DECISIONS = ("empty", "exclude_row", "keep")
MAX_EXAMPLES = 20


@dataclass
class Finding:
    row: int              # row (line) number in the source file, 1-based, header included
    column: str
    value: str | None
    rule: str


@dataclass
class RuleResult:
    column: str
    concept: str
    rule: str
    count: int
    examples: list[Finding] = field(default_factory=list)
    message: str = ""
    detail: str = ""                   # e.g. the range or pattern that was expected
    decision: str | None = None        # what the recipe says for this rule: empty, exclude_row, keep
    decided_rows: int = 0              # offending rows covered by a decision (for the rule or per value)
    identifying: str = "none"
    # Coherence findings (check/coherence.py): the rule reads several columns; ``column`` names them all.
    kind: str = "value"                # "value" (one column's values) or "coherence" (a rule between fields or rows)
    columns: list[str] = field(default_factory=list)
    keys: int = 0                      # unique rules and exact duplicates: how many keys repeat
    reason: str = ""                   # why the rows are kept (the recipe's explanation)

    @property
    def resolved(self) -> bool:
        return self.decided_rows >= self.count

    def to_dict(self, redact_direct: bool = False) -> dict[str, Any]:
        data = {"column": self.column, "concept": self.concept, "rule": self.rule, "message": self.message,
                "detail": self.detail, "count": self.count, "decision": self.decision,
                "decided_rows": self.decided_rows, "resolved": self.resolved,
                "examples": [{"row": f.row, "value": _shown(f.value, self, redact_direct)} for f in self.examples]}
        if self.kind != "value":
            data.update(kind=self.kind, columns=list(self.columns), keys=self.keys, reason=self.reason)
        return data


MASK = "[masked]"


def _shown(value: str | None, result: RuleResult, redact_direct: bool,
           redact_columns: Collection[str] = ()) -> str:
    if value is None:
        return ""
    if (redact_direct and result.identifying == "direct") or result.column in redact_columns:
        return MASK
    if any(c in redact_columns for c in result.columns):     # a coherence finding shows every column it reads
        return MASK
    return value


@dataclass
class ValidationReport:
    rows: int = 0
    rows_out: int = 0
    excluded_rows: int = 0
    results: list[RuleResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)          # conversions made: formats, decimal comma, units
    column_types: dict[str, str] = field(default_factory=dict)   # column -> Arrow type of the output
    untyped_columns: list[str] = field(default_factory=list)     # kept as text because invalid values stay
    rules_off: dict[str, str] = field(default_factory=dict)      # coherence rule -> why the recipe switched it off

    @property
    def unresolved(self) -> list[RuleResult]:
        return [r for r in self.results if not r.resolved]

    @property
    def ok(self) -> bool:
        return not self.unresolved

    def for_column(self, column: str) -> list[RuleResult]:
        return [r for r in self.results if r.column == column]

    def summary(self) -> str:
        if not self.results:
            return Text(QT_TRANSLATE_NOOP("core", "{rows} rows checked: no problem found."), rows=self.rows)
        broken = sum(r.count for r in self.results)
        return Text(QT_TRANSLATE_NOOP("core", "{rows} rows checked: {rules} rule(s) broken by {broken} value(s), {undecided} still to "
                    "decide; {excluded} row(s) excluded."), rows=self.rows, rules=len(self.results), broken=broken,
                    undecided=len(self.unresolved), excluded=self.excluded_rows)

    def to_dict(self, redact_direct: bool = False) -> dict[str, Any]:
        return {"rows": self.rows, "rows_out": self.rows_out, "excluded_rows": self.excluded_rows, "ok": self.ok,
                "summary": self.summary(), "notes": list(self.notes), "column_types": dict(self.column_types),
                "untyped_columns": list(self.untyped_columns), "rules_off": dict(self.rules_off),
                "results": [r.to_dict(redact_direct) for r in self.results]}

    def _rows(self, redact_direct: bool, redact_columns: Collection[str] = ()) -> list[list[Any]]:
        rows = []
        for r in self.results:
            for f in r.examples:
                rows.append([r.column, r.concept, r.rule, r.message, r.count, f.row,
                             _shown(f.value, r, redact_direct, redact_columns), r.decision or ""])
        return rows

    ROW_HEADER: ClassVar[list[str]] = ["column", "concept", "rule", "message", "offending_rows", "row", "value", "decision"]
    SUMMARY_HEADER: ClassVar[list[str]] = ["column", "concept", "rule", "message", "detail", "offending_rows", "decision", "resolved"]

    def to_csv(self, path: str | Path, redact_direct: bool = False, redact_columns: Collection[str] = ()) -> None:
        """One line per example row (the first rows of each rule), with the rule's total count.

        ``redact_columns`` masks the values of those source columns too: the copy that travels in the
        package masks every column not exported as is, so a raw value never leaves through the report.
        """
        with atomic_output(path, overwrite=True) as out:
            handle = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(self.ROW_HEADER)
            writer.writerows(self._rows(redact_direct, redact_columns))
            handle.flush()
            handle.detach()

    def to_xlsx(self, path: str | Path, redact_direct: bool = False) -> None:
        """A 'Summary' sheet (one line per rule) and a 'Rows' sheet (the first offending rows)."""
        from openpyxl import Workbook  # openpyxl is slow to import: only when an XLSX file is written
        from openpyxl.styles import Font  # openpyxl is slow to import: only when an XLSX file is written

        workbook = Workbook()
        summary = workbook.active
        summary.title = "Summary"
        summary.append(self.SUMMARY_HEADER)
        for r in self.results:
            summary.append([r.column, r.concept, r.rule, r.message, r.detail, r.count, r.decision or "",
                            "yes" if r.resolved else "no"])
        rows = workbook.create_sheet("Rows")
        rows.append(self.ROW_HEADER)
        for line in self._rows(redact_direct):
            rows.append(line)
            for cell in rows[rows.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"      # a value, never a formula
        notes = workbook.create_sheet("Notes")
        notes.append([self.summary()])
        for note in self.notes:
            notes.append([note])
        for sheet in (summary, rows):
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        with atomic_output(path, overwrite=True) as out:
            workbook.save(out)

