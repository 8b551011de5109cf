"""What the hub receives: the package's data as the export computes it, for the Protect page.

The Protect page's before → after preview, its "what the hub receives" table and the report's
transforms table must never describe a column otherwise than the package holds it. All three come
from one run of :func:`curator.pipeline.curate` — the function the export writes the package with,
Reach k's levels and suppressed cells included — over the whole table (a class, and so a
suppressed cell, depends on every row), of which a sample of rows is shown.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from curator.check import Blocker
from curator.check.blockers import below_k
from curator.check.report import RuleResult
from curator.errors import CuratorError
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.pipeline import CuratedTable, check_integrity, check_rules_across, curate, submission_risk
from curator.progress import ProgressCallback, scaled
from curator.protect.keys import align_key_domains
from curator.protect.personreach import counts_persons_across, person_table, release_across
from curator.protect.persons import suppressed_count
from curator.protect.transforms import output_name
from curator.recipe.model import Recipe
from curator.recipe.submission import Link, Submission
from curator.report import build_report
from curator.report.content import Table
from curator.result import CurationResult
from curator.source import LoadedTable

SAMPLE_ROWS = 50
PREVIEW_VALUES = 3


@dataclass
class HubView:
    result: CurationResult
    sample: pa.Table                                     # the first rows of the data as the package holds them
    # source column -> (its first distinct values, the same rows' values in the package); the second
    # list is empty when rows were excluded (the rows no longer line up) or the column is not exported
    previews: dict[str, tuple[list[str], list[object]]] = field(default_factory=dict)
    transforms: dict[str, str] = field(default_factory=dict)   # source column -> what it became, as the report says


def hub_view(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, secret: bytes, rows: int = SAMPLE_ROWS,
             language: str = "en", progress: ProgressCallback | None = None) -> HubView:
    """The package's data for ``recipe`` (with ``secret``'s pseudonyms), a sample of its rows, each
    column's first values before and after, and the report's words for each column."""
    result = curate(loaded, recipe, vocabulary, secret, progress=progress)
    table = result.table
    aligned = table.num_rows == loaded.table.num_rows
    previews: dict[str, tuple[list[str], list[object]]] = {}
    for decision in recipe.columns:
        if decision.source not in loaded.table.column_names:
            continue
        source = loaded.table.column(decision.source).slice(0, 200).to_pylist()
        before = [v for v in dict.fromkeys(source) if v is not None][:PREVIEW_VALUES]
        name = output_name(decision)
        after: list[object] = []
        if aligned and decision.transform.action != "drop" and name in table.column_names:
            column = table.column(name)
            after = [column[source.index(value)].as_py() for value in before]
        previews[decision.source] = (before, after)
    content = build_report(loaded, recipe, vocabulary, result, language=language)
    transforms: dict[str, str] = {}
    for section in content.sections:
        for block in section.blocks:
            if isinstance(block, Table) and block.key == "transforms":
                transforms = {str(row[0]): str(row[2]) for row in block.rows}
    return HubView(result, table.slice(0, rows), previews, transforms)


@dataclass
class SubmissionView:
    """What a linked submission's export would find across its tables, for the app's Check and Protect
    pages: computed by the chain the export runs (``check_rules_across``, ``curate``, then
    ``check_integrity``, the suppression across the tables and ``submission_risk``), under a throw-away secret."""

    findings: dict[str, list[RuleResult]]     # per table: duplicate keys, orphans, rules across tables
    blockers: dict[str, list[Blocker]]         # per table: below k (counted in persons where its person key leaves)
    risk: dict[str, Any] | None                # across the tables, in distinct persons (None: no person key)
    notes: list[str] = field(default_factory=list)   # what could not be checked, and why
    # per table: the first rows of its data as the package holds them (persons suppressed across the
    # tables gone), and how many rows it holds; a table the chain refused has none
    samples: dict[str, pa.Table] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def submission_view(tables: Sequence[tuple[LoadedTable, Recipe]], links: Sequence[Link], vocabulary: Vocabulary,
                    secret: bytes, progress: ProgressCallback | None = None) -> SubmissionView:
    """The submission's findings for ``tables`` (each as read, with its recipe named after the table).
    A table the chain refuses (a direct identifier kept unconfirmed...) is left out, with a note:
    its own Check page says why."""
    submission = Submission.of([copy.deepcopy(recipe) for _loaded, recipe in tables], list(links))
    notes: list[str] = []
    try:
        notes.extend(align_key_domains(submission))
    except CuratorError as exc:
        notes.append(exc.message)
    # The rules across tables bound per table as apply_submission binds them, from the files as read.
    files = {recipe.name: Path(loaded.source.path) for loaded, recipe in tables}
    checked_with, said = check_rules_across(files, submission.tables, vocabulary, lambda _path, recipe: recipe.reader)
    notes.extend(said)
    curated: list[CuratedTable] = []
    # Counted in persons across the tables, as the export counts them: each table at its levels, the
    # suppression planned across the tables done in each, then k judged in persons.
    in_persons = counts_persons_across(submission)
    for number, ((loaded, _recipe), recipe) in enumerate(zip(tables, submission.tables, strict=True)):
        try:
            result = curate(loaded, recipe.levels_only() if in_persons else recipe, checked_with[recipe.name], secret,
                            progress=scaled(progress, number / len(tables), (number + 1) / len(tables)))
        except CuratorError as exc:
            notes.append(Text(QT_TRANSLATE_NOOP("core", "{table}: {note}"), table=recipe.name, note=exc.message))
            continue
        curated.append(CuratedTable(recipe.name, loaded, recipe, result))
    own = {table.name: len(table.result.validation.results) for table in curated}
    known = {table.name for table in curated}
    notes.extend(check_integrity(curated, [link for link in links if {link.table, link.ref_table} <= known]))
    across = {rule.id for rule in vocabulary.rules if rule.linked}
    findings = {table.name: [r for number, r in enumerate(table.result.validation.results)
                             if number >= own[table.name] or r.rule in across] for table in curated}
    if in_persons and curated:
        released = release_across({table.name: table.result.table for table in curated}, submission)
        for table in curated:
            table.result.table = released.apply(table.name, table.result.table)
    blockers: dict[str, list[Blocker]] = {}
    for table in curated:
        found = None if in_persons else below_k(table.recipe, table.result.risk,
                                             suppressed_count(table.result.generalisation))
        blockers[table.name] = [found] if found is not None else []
    risk = submission_risk(curated, submission.protection.k_target) if curated else None
    if in_persons and curated:
        # Persons suppressed whole have left every table (as enforce_across judges it).
        found = below_k(curated[0].recipe, risk, 0)
        if found is not None:
            blockers.setdefault(person_table(submission) or curated[0].name, []).append(found)
    return SubmissionView(findings, blockers, risk, notes,
                          {table.name: table.result.table.slice(0, SAMPLE_ROWS) for table in curated},
                          {table.name: table.result.table.num_rows for table in curated})
