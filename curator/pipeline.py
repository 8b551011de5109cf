"""The chain that `curator demo`, `curator apply` and the app's Export share.

read → identify → map/convert/validate → protect → risk → package. Each step is a stage module's
function; this module only sequences them, checks the guarantees that span stages (no `direct`
column leaves unless explicitly kept) and gathers what the manifest and the report need.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.check import ValidationReport, convert_and_validate
from curator.check.coherence import (
    bind_linked,
    converted_linked,
    hold_ahead,
    linked_columns,
    linked_sources,
    with_bound,
)
from curator.check.integrity import (
    KeyColumns,
    NotTokens,
    duplicate_keys,
    orphan_codes,
    orphans,
    token_parts,
    token_set,
)
from curator.check.report import RuleResult
from curator.check.tokens import TokenCodes
from curator.errors import InputError
from curator.identify import ColumnIdentification, apply_overrides, identify_table
from curator.load import detect_options, iter_batches, read_file
from curator.load.csv_reader import CsvPlan, plan_csv
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package.build import write_package
from curator.package.datapackage import (
    DATAPACKAGE_NAME,
    ForeignKey,
    TableOut,
    build_datapackage,
    check_export,
    describe_parquet,
    table_manifest_fields,
    write_datapackage,
)
from curator.package.manifest import clear_params
from curator.progress import ProgressCallback, report, scaled
from curator.protect.persons import (
    PersonQuasi,
    enforce_k,
    generalise_release,
    person_output,
    person_risk,
    release_risk,
    suppressed_count,
)
from curator.protect.pseudonym import TokenCache
from curator.protect.secret import PendingSecret, resolve_secret
from curator.protect.transforms import protect_table
from curator.recipe.drift import clear_summary
from curator.recipe.model import Recipe
from curator.recipe.privacy import confirmed_columns, unprotected_columns
from curator.recipe.submission import Link
from curator.report import ReportContent, build_report, write_curation_report
from curator.report.content import Block, Section, validation_summary
from curator.report.content import Table as ReportTable
from curator.report.content import Text as ReportText
from curator.report.html import render_html
from curator.report.strings import number, percent, translator
from curator.result import CurationResult
from curator.source import LoadedTable, ReadOptions
from curator.workspace import private_folder, write_atomic


def effective_classes(loaded: LoadedTable, recipe: Recipe,
                      detected: list[ColumnIdentification] | None = None) -> list[ColumnIdentification]:
    """Detected classes with the user's overrides from the recipe applied (the override always wins).

    ``detected``: what ``identify_table`` already found on this same table, so it is not run twice.
    """
    if detected is None:
        detected = identify_table(loaded.table)
    overrides = {c.source: c.identifying for c in recipe.columns if c.identifying}
    return apply_overrides(detected, overrides)


def unmapped_columns(names: list[str], recipe: Recipe) -> list[str]:
    """The columns the recipe does not mention: dropped, never passed through (a new column in next
    year's file may hold anything)."""
    known = {c.source for c in recipe.columns}
    return [name for name in names if name not in known]


def check_no_silent_keep(recipe: Recipe, identifications: list[ColumnIdentification],
                         vocabulary: Vocabulary | None = None) -> list[str]:
    """Every `direct` column must be dropped, pseudonymised or scrubbed, or kept by explicit, confirmed
    choice (:mod:`curator.recipe.privacy`; with ``vocabulary``, a column mapped to a direct concept counts too).

    Returns the columns kept by confirmed choice (the manifest records them); raises otherwise.
    """
    detected = {i.name: i.klass for i in identifications}
    unprotected = unprotected_columns(recipe.columns, detected, vocabulary)
    if unprotected:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "identifying columns would leave as they are: {columns}"),
                              columns=", ".join(unprotected)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Drop or pseudonymise them, or choose 'keep' and confirm "
                                                             "it explicitly.")))
    return confirmed_columns(recipe.columns, detected, vocabulary)


def curate(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, secret: bytes | PendingSecret | None,
           progress: ProgressCallback | None = None,
           detected: list[ColumnIdentification] | None = None, tokens: TokenCache | None = None) -> CurationResult:
    """``tokens``: the digests of a linked submission's keys, kept from table to table
    (:class:`~curator.protect.pseudonym.TokenCache`)."""
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "identifying columns"))
    identifications = effective_classes(loaded, recipe, detected)
    kept_direct = check_no_silent_keep(recipe, identifications, vocabulary)

    dropped_unmapped = unmapped_columns(loaded.table.column_names, recipe)
    table = loaded.table.drop_columns(dropped_unmapped) if dropped_unmapped else loaded.table

    report(progress, 0.1, QT_TRANSLATE_NOOP("core", "converting and validating"))
    typed, validation = convert_and_validate(table, recipe, vocabulary, progress=scaled(progress, 0.1, 0.5))
    report(progress, 0.5, QT_TRANSLATE_NOOP("core", "protecting"))
    protected = protect_table(typed, recipe.columns, resolve_secret(secret), progress=scaled(progress, 0.5, 0.9),
                              tokens=tokens)
    # Reach k's levels apply to the values as they leave, where the search found them; with a
    # person key, classes are counted in persons and whole persons are suppressed.
    person = person_output(recipe, protected.column_names)
    protected, generalisation = generalise_release(protected, recipe, person)

    risk = None
    quasi = [_output_name(recipe, q) for q in recipe.protection.quasi_identifiers]
    present = set(protected.column_names) - {person}
    quasi = [q for q in quasi if q in present]
    if quasi:
        report(progress, 0.9, QT_TRANSLATE_NOOP("core", "measuring re-identification risk"))
        risk = release_risk(protected, quasi, recipe.protection.k_target, person).to_dict()
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "curated"))
    return CurationResult(protected, identifications, validation, risk, dropped_unmapped, kept_direct,
                          generalisation=generalisation)


def data_file_options(recipe: Recipe, schema: pa.Schema) -> dict[str, Any]:
    """Parquet options for the package's data.

    zstd at level 1: the package is encrypted afterwards, and on registry tables level 1 compresses
    within a few per cent of the default for a third less time. Pseudonym columns get neither a
    dictionary nor statistics: every token differs, so both cost time and buy nothing. Their
    texts are written end to end, the lengths apart (DELTA_LENGTH_BYTE_ARRAY, read by every
    Parquet reader since format 2.0): zstd then meets hexadecimal digits alone rather than a
    length before each token, and compresses them in about half the time, a little smaller.
    """
    tokens = {_output_name(recipe, c.source) for c in recipe.columns if c.transform.action == "pseudonymise"}
    plain = [name for name in schema.names if name not in tokens]
    texts = [field.name for field in schema if field.name in tokens
             and (pa.types.is_string(field.type) or pa.types.is_large_string(field.type))]
    return {"compression": "zstd", "compression_level": 1, "use_dictionary": plain, "write_statistics": plain,
            "column_encoding": dict.fromkeys(texts, "DELTA_LENGTH_BYTE_ARRAY")}


def _output_name(recipe: Recipe, source_name: str) -> str:
    decision = recipe.column(source_name)
    if decision is None:
        return source_name
    return decision.output_name or decision.concept or decision.source


# A one-table package keeps the member name it always had: its table is 'data', the member 'data.parquet'.
SINGLE_TABLE = "data"


def output_concepts(recipe: Recipe) -> dict[str, str | None]:
    """Each output column's concept, as the data package describes it."""
    return {_output_name(recipe, c.source): c.concept for c in recipe.columns}


def manifest_fields(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, result: CurationResult,
                    table: TableOut | None = None) -> dict[str, Any]:
    """What the clear manifest says about this submission: only the fields of its allow-list
    (``curator.package.manifest.CLEAR_FIELDS``, which ``write_package`` enforces). No cell value, no
    path or file name of the source, no secret; the rest is in the encrypted curation report.
    ``table``: the data member as the data package describes it, listed as the manifest's one table."""
    export = recipe.export
    columns = {c.source for c in recipe.columns}
    return {
        "producer": {"id": export.producer_id, "name": export.producer_name},
        "dataset": {"title": export.dataset_title, "description": export.dataset_description,
                    "period": export.period},
        "vocabulary": vocabulary.describe(),
        # The clear manifest gives only the source's format and row count: its file name may identify
        # and its digest would confirm a guess. The full fingerprint is in the encrypted curation report.
        "source": {"format": loaded.source.format, "rows": loaded.source.rows or loaded.table.num_rows},
        "decisions": {
            "columns": [{"source": c.source, "concept": c.concept, "action": c.transform.action,
                         "params": clear_params(c.transform.params, columns), "identifying": c.identifying,
                         "keep_confirmed": c.transform.keep_confirmed} for c in recipe.columns],
            "dropped_unmapped": result.dropped_unmapped,
            "kept_direct": result.kept_direct,
            "quasi_identifiers": recipe.protection.quasi_identifiers,
            "k_target": recipe.protection.k_target,
            "suppression_cap": recipe.protection.suppression_cap,
            "generalisation": recipe.protection.generalisation,
            "suppressed_records": result.generalisation.get("suppressed_records", 0),
            **({"accept_below_k": {"reason": recipe.protection.accept_below_k.get("reason", "")}}
               if recipe.protection.accept_below_k else {}),
        },
        "risk": result.risk,
        **({"apply": clear_summary(result.applied)} if result.applied is not None else {}),
        "rows": result.output_rows,
        "columns": result.table.num_columns,
        "schema": [{"name": f.name, "type": str(f.type)} for f in result.table.schema],
        **(table_manifest_fields([table]) if table is not None else {}),
    }


def _not_kept(recipe: Recipe, result: CurationResult) -> set[str]:
    """The columns whose offending values the report masks: every column not exported as is (a raw
    name or full birth date would otherwise leave through the report what the protection removed)."""
    return {c.source for c in recipe.columns if c.transform.action != "keep"} | set(result.dropped_unmapped)


def report_name(index: int, language: str) -> str:
    """The package member of the ``index``-th curation report (from 0): the first in the package's
    main language, each other one named after its language."""
    return "curation-report.html" if index == 0 else f"curation-report-{language}.html"


def export_package(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, result: CurationResult,
                   out_path: Path, recipients: list[str], signing_key: Any,
                   progress: ProgressCallback | None = None,
                   cms: tuple[Path, str | None] | None = None,
                   report_languages: Sequence[str] = ("en",)) -> dict[str, Any]:
    """Write data, its datapackage.json, curation report and validation report, then the signed, encrypted
    package. Refused (InputError, nothing written) while a required export field is empty.

    ``cms`` is (PKCS#12 file, its password) for an additional X.509 (CMS) signature of the manifest.
    ``report_languages``: the curation report is ``curation-report.html`` in the first, and
    ``curation-report-<language>.html`` in each other one."""
    check_export(recipe.export)
    # Below the recipe's k, nothing is written unless the recipe records why that risk is accepted.
    enforce_k(recipe, result.risk, result.table, suppressed_count(result.generalisation))
    with private_folder("export") as workdir:
        data_path = result.data_path or workdir / f"{SINGLE_TABLE}.parquet"
        if result.data_path is None:
            pq.write_table(result.table, data_path, **data_file_options(recipe, result.table.schema))
        table = describe_parquet(SINGLE_TABLE, data_path, output_concepts(recipe), vocabulary)
        datapackage_path = write_datapackage(workdir / DATAPACKAGE_NAME,
                                             build_datapackage([table], recipe.export, vocabulary))
        reports = []
        for index, language in enumerate(report_languages):
            name = report_name(index, language)
            write_curation_report(workdir / name, loaded, recipe, vocabulary, result, language=language)
            reports.append((name, workdir / name))
        validation_path = workdir / "validation-report.csv"
        result.validation.to_csv(validation_path, redact_direct=True, redact_columns=_not_kept(recipe, result))
        data_member = result.data_encryption if result.data_encryption is not None else (table.member, data_path)
        members = [data_member, (DATAPACKAGE_NAME, datapackage_path), *reports, ("validation-report.csv", validation_path)]
        fields = manifest_fields(loaded, recipe, vocabulary, result, table)
        return write_package(out_path, members, fields, recipients, signing_key, cms=cms,
                             progress=scaled(progress, 0.0, 1.0))


@dataclass
class CuratedTable:
    """One table of a linked submission as the chain left it, with its name and keys."""

    name: str
    loaded: LoadedTable
    recipe: Recipe
    result: CurationResult

    def output(self, source_name: str) -> str:
        return _output_name(self.recipe, source_name)


def submission_manifest_fields(tables: Sequence[CuratedTable], described: Sequence[TableOut],
                               vocabulary: Vocabulary, risk: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the clear manifest says about a linked submission: the producer, dataset and vocabulary,
    the rows in all, and each table as the data package describes it (``table_manifest_fields``:
    rows, columns, primary and foreign keys). Each table's decisions, drift and risk are in the
    encrypted curation report."""
    first = manifest_fields(tables[0].loaded, tables[0].recipe, vocabulary, tables[0].result)
    # The submission's k and, for a package below it, the producer's reason (the same for every table).
    decisions = {key: first["decisions"][key] for key in ("k_target", "accept_below_k") if key in first["decisions"]}
    return {**{key: first[key] for key in ("producer", "dataset", "vocabulary")}, "decisions": decisions,
            "rows": sum(table.rows for table in described), **table_manifest_fields(described),
            **({"risk": risk} if risk is not None else {})}


def _described(table: CuratedTable, data_path: Path, links: Sequence[Link], by_name: Mapping[str, CuratedTable],
               vocabulary: Vocabulary) -> TableOut:
    """The table as the data package describes it, keys by the names the columns leave with."""
    return describe_parquet(table.name, data_path, output_concepts(table.recipe), vocabulary,
                            [table.output(c) for c in table.recipe.primary_key],
                            [ForeignKey([table.output(c) for c in link.columns], link.ref_table,
                                        [by_name[link.ref_table].output(c) for c in link.ref_columns])
                             for link in links if link.table == table.name])


def submission_validation(tables: Sequence[CuratedTable]) -> tuple[ValidationReport, set[str]]:
    """Every table's validation findings in one report (columns named ``table.column``), and the
    columns whose values it masks."""
    merged = ValidationReport()
    masked: set[str] = set()
    for table in tables:
        report_ = table.result.validation
        merged.rows += report_.rows
        merged.rows_out += report_.rows_out
        merged.excluded_rows += report_.excluded_rows
        merged.results.extend(replace(r, column=f"{table.name}.{r.column}") for r in report_.results)
        masked |= {f"{table.name}.{c}" for c in _not_kept(table.recipe, table.result)}
    return merged, masked


def export_submission(tables: Sequence[CuratedTable], links: Sequence[Link], vocabulary: Vocabulary, out_path: Path,
                      recipients: list[str], signing_key: Any, progress: ProgressCallback | None = None,
                      cms: tuple[Path, str | None] | None = None, risk: dict[str, Any] | None = None,
                      reports: Sequence[ReportContent] = ()) -> dict[str, Any]:
    """One signed, encrypted package for a linked submission (``risk``: :func:`submission_risk`'s): each table as ``<name>.parquet``, their
    ``datapackage.json``, one curation report covering every table, one validation report, one
    submission id. Refused (InputError, nothing written) while a required export field is empty.

    ``reports``: the :func:`submission_report` in each language, named as :func:`export_package` names
    its reports (English alone when none is given)."""
    check_export(tables[0].recipe.export)
    # Below a table's k (counted in persons where its person key leaves), nothing is written unless
    # the recipe records why that risk is accepted.
    for table in tables:
        enforce_k(table.recipe, table.result.risk, table.result.table, suppressed_count(table.result.generalisation))
    by_name = {table.name: table for table in tables}
    with private_folder("export") as workdir:
        members: list[Any] = []
        described: list[TableOut] = []
        for table in tables:
            result = table.result
            data_path = result.data_path or workdir / f"{table.name}.parquet"
            if result.data_path is None:
                pq.write_table(result.table, data_path, **data_file_options(table.recipe, result.table.schema))
            described.append(_described(table, data_path, links, by_name, vocabulary))
            members.append(result.data_encryption if result.data_encryption is not None
                           else (described[-1].member, data_path))
        datapackage_path = write_datapackage(workdir / DATAPACKAGE_NAME,
                                             build_datapackage(described, tables[0].recipe.export, vocabulary))
        members.append((DATAPACKAGE_NAME, datapackage_path))
        for index, content in enumerate(reports or [submission_report(tables, links, vocabulary, risk)]):
            report_path = workdir / report_name(index, content.language)
            write_atomic(report_path, render_html(content), overwrite=True)
            members.append((report_path.name, report_path))
        validation, masked = submission_validation(tables)
        validation_path = workdir / "validation-report.csv"
        validation.to_csv(validation_path, redact_direct=True, redact_columns=masked)
        members.append(("validation-report.csv", validation_path))
        fields = submission_manifest_fields(tables, described, vocabulary, risk)
        return write_package(out_path, members, fields, recipients, signing_key, cms=cms,
                             progress=scaled(progress, 0.0, 1.0))


def submission_report(tables: Sequence[CuratedTable], links: Sequence[Link], vocabulary: Vocabulary,
                      risk: dict[str, Any] | None = None, language: str = "en") -> ReportContent:
    """One report for the whole submission in ``language``: its tables, links and risk across the
    tables first, then each table's own report."""
    t = translator(language)
    contents = [build_report(table.loaded, table.recipe, vocabulary, table.result, language=language,
                             member=f"{table.name}.parquet") for table in tables]
    blocks: list[Block] = [
        ReportText(t("sub_intro", tables=len(tables), links=len(links))),
        ReportTable([t("sub_table"), t("sub_rows"), t("sub_columns"), t("sub_primary_key"), t("sub_person_key"),
                     t("sub_validation")],
                    [[table.name, table.result.output_rows, table.result.table.num_columns,
                      ", ".join(table.recipe.primary_key) or "—", table.recipe.person_key or "—",
                      validation_summary(table.result.validation, t, language).text] for table in tables],
                    numeric=(1, 2), key="tables"),
        ReportTable([t("sub_from"), t("sub_to"), t("sub_orphans")],
                    [[f"{link.table}.{', '.join(link.columns)}", f"{link.ref_table}.{', '.join(link.ref_columns)}",
                      sum(r.count for table in tables if table.name == link.table
                          for r in table.result.validation.results
                          if r.rule == "orphan" and r.column == ", ".join(table.output(c) for c in link.columns))]
                     for link in links], numeric=(2,), key="links"),
        ReportText(t("sub_links_note"), "note"),
        *_suppressed_across(risk, tables[0].recipe, t, language)]
    sections = [Section("submission", t("submission"), blocks)]
    for table, content in zip(tables, contents, strict=True):
        for section in content.sections:
            if section.key == "risk" and risk and table.result.risk is None:
                section = replace(section, blocks=[ReportText(t("risk_across_only"), "note")])
            sections.append(replace(section, key=f"{table.name}-{section.key}",
                                    title=t("table_section", table=table.name, title=section.title)))
    first = contents[0]
    glance = [(t("glance_table_rows", table=table.name), number(table.result.output_rows, language), False)
              for table in tables]
    if risk:
        unit = t("unit_persons" if risk.get("unit") == "persons" else "unit_records")
        glance.append((t("glance_across", unit=unit), number(int(risk.get("records") or 0), language), False))
        if risk.get("k") is not None:
            below = int(risk.get("records_below_k") or 0)
            glance.append((t("glance_across_below", unit=unit, k=risk["k"]), number(below, language), below > 0))
    return ReportContent(language, t("title_tables", title=first.title, count=len(tables)), first.lead, glance,
                         sections)


def _suppressed_across(risk: dict[str, Any] | None, recipe: Recipe, t: Callable[..., str],
                       language: str) -> list[Block]:
    """The risk counted across the tables, what Reach k suppressed across them, and the producer's
    reason for a package below k."""
    if not risk:
        return []
    persons = risk.get("unit") == "persons"
    unit = t("unit_persons" if persons else "unit_records")
    records, k = int(risk.get("records") or 0), risk.get("k")
    blocks: list[Block] = [
        ReportText(t("across"), "h3"),
        ReportText(t("across_persons" if persons else "across_records", records=number(records, language),
                     classes=number(int(risk.get("classes") or 0), language),
                     uniques=number(int(risk.get("sample_uniques") or 0), language),
                     smallest=number(int(risk.get("smallest_class") or 0), language),
                     quasi=", ".join(risk.get("quasi_identifiers", []))))]
    if k is not None:
        below = int(risk.get("records_below_k") or 0)
        blocks.append(ReportText(t("across_k_reached", k=k, unit=unit), "ok") if not below else
                      ReportText(t("across_k_not_reached", k=k, unit=unit, below=number(below, language),
                                   share=percent(below / records if records else 0.0, language)), "warning"))
    done = risk.get("suppression")
    if done:
        blocks.append(ReportText(t("across_reach", k=k, unit=unit)))
        blocks.append(ReportTable(["", ""], [[t(label), int(done.get(key, 0))] for label, key in (
            ("across_cells", "cells_suppressed"), ("across_touched", "persons_touched"),
            ("across_whole", "persons_suppressed"))], numeric=(1,), key="reach_across"))
    accepted = recipe.protection.accept_below_k
    if accepted:
        blocks.append(ReportText(t("k_accepted", k=k if k is not None else recipe.protection.k_target,
                                   reason=accepted.get("reason", "")), "warning"))
    return blocks


def _leaving(table: CuratedTable, columns: Sequence[str]) -> KeyColumns | None:
    """The key columns as they leave (in the data file when streamed, read back part by part); None
    when one does not leave."""
    names = [table.output(c) for c in columns]
    if not all(name in table.result.table.column_names for name in names):
        return None
    if table.result.data_path is not None:
        return KeyColumns(names, path=table.result.data_path)
    return KeyColumns(names, table=table.result.table)


@dataclass
class KeptCodes:
    """:func:`person_keyed`'s person codes kept for its next call on the same tables (the
    suppression across the tables, then the submission's risk): read back and coded once.
    :meth:`clear` them once a table is written again."""

    persons: dict[str, str] | None = None
    coded: dict[str, pa.Array] | None = None

    def clear(self) -> None:
        self.persons = self.coded = None


def person_keyed(tables: Sequence[CuratedTable], persons: Mapping[str, str],
                 wanted: Mapping[str, Sequence[str]], kept: KeptCodes | None = None) -> dict[str, pa.Table]:
    """Per table of ``persons`` (its person column as it leaves), that column and the ``wanted``
    ones as they leave (read back from the data file when streamed). Pseudonymised person columns
    come as codes of one dictionary of the submission's persons, read part by part: the persons
    counted across the tables are those of the text, at a fraction of its memory. ``kept``: the
    codes of an earlier call on the same tables, used and kept."""
    coded = _kept_person_codes(tables, persons, kept)
    frames: dict[str, pa.Table] = {}
    for t in tables:
        if t.name not in persons:
            continue
        person = persons[t.name]
        names = list(dict.fromkeys(wanted.get(t.name, ())))
        order = names if person in names else [person, *names]
        read = order if coded is None else [name for name in order if name != person]
        # Read back dictionary-encoded: each value once, and persons.py codes them from their indices.
        table = (pq.read_table(t.result.data_path, columns=read, read_dictionary=read) if t.result.data_path is not None
                 else t.result.table.select(read))
        frames[t.name] = table if coded is None else table.add_column(order.index(person), person, coded[t.name])
    return frames


def _kept_person_codes(tables: Sequence[CuratedTable], persons: Mapping[str, str],
                       kept: KeptCodes | None) -> dict[str, pa.Array] | None:
    """:func:`_person_codes`, or those ``kept`` of the same person columns."""
    if kept is not None and kept.coded is not None and kept.persons == dict(persons):
        return kept.coded
    coded = _person_codes(tables, persons)
    if kept is not None and coded is not None:
        kept.persons, kept.coded = dict(persons), coded
    return coded


def _person_codes(tables: Sequence[CuratedTable], persons: Mapping[str, str]) -> dict[str, pa.Array] | None:
    """Each table's person column as codes of the persons' one dictionary, or None when a person
    column holds anything but pseudonyms."""
    codes = TokenCodes()
    found: dict[str, np.ndarray] = {}
    for t in tables:
        if t.name not in persons:
            continue
        column = [persons[t.name]]
        keys = (KeyColumns(column, path=t.result.data_path) if t.result.data_path is not None
                else KeyColumns(column, table=t.result.table))
        each = np.full(keys.num_rows, -1, dtype=np.int32)
        try:
            for words, rows in token_parts(keys):
                each[rows] = codes.add(words)
        except NotTokens:
            return None
        found[t.name] = each
    dictionary = codes.text()
    return {name: pa.DictionaryArray.from_arrays(pa.array(each, mask=each < 0), dictionary)
            for name, each in found.items()}


def submission_risk(tables: Sequence[CuratedTable], k: int | None, kept: KeptCodes | None = None) -> dict[str, Any] | None:
    """k and risk counted in distinct persons across the tables (``persons.person_risk``): the person
    table's quasi-identifiers as they are, every other table's gathered per person as the set of its
    values; None without a person key that leaves or a quasi-identifier. ``kept``: see :func:`person_keyed`."""
    persons = leaving_persons(tables)
    person_table = next((t.name for t in tables if t.recipe.person_key and t.recipe.primary_key == [t.recipe.person_key]),
                        None)
    quasi = [PersonQuasi(t.name, name, event=t.name != person_table) for t in tables if t.name in persons
             for name in dict.fromkeys(t.output(q) for q in t.recipe.protection.quasi_identifiers)
             if name in t.result.table.column_names and name != persons[t.name]]
    if not quasi:
        return None
    wanted: dict[str, list[str]] = {}
    for q in quasi:
        wanted.setdefault(q.table, []).append(q.column)
    return person_risk(person_keyed(tables, persons, wanted, kept), persons, quasi, k).to_dict()


def leaving_persons(tables: Sequence[CuratedTable]) -> dict[str, str]:
    """Each table's person column as it leaves (the tables whose person key leaves)."""
    found = {t.name: person_output(t.recipe, t.result.table.column_names) for t in tables}
    return {name: column for name, column in found.items() if column is not None}


def check_integrity(tables: Sequence[CuratedTable], links: Sequence[Link], kept: KeptCodes | None = None) -> list[str]:
    """Add each table's duplicated primary keys and orphan rows to its validation report (rows
    numbered as in the source file when no row was excluded, else as in the table that leaves);
    sentences for the keys that could not be checked.

    ``kept``: given, the person columns are read back and coded once (:func:`person_keyed`'s codes,
    kept there for the suppression and the risk across the tables), and a link from one person
    column to another is checked on those codes. A key of pseudonyms that a link references is read
    once for its own duplicates and for the link; a primary key no link reads is checked on a
    thread beside the rest (reading Parquet and sorting release the GIL)."""
    said: list[str] = []
    by_name = {table.name: table for table in tables}
    persons = leaving_persons(tables)
    on_codes = [link for link in links if kept is not None and _person_link(link, by_name, persons)]
    primary = {t.name: _leaving(t, t.recipe.primary_key) for t in tables if t.recipe.primary_key}
    duplicates: dict[str, RuleResult | None] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-integrity") as pool:
        coded = _kept_person_codes(tables, persons, kept) if on_codes else None
        shared = _SharedKeys({(link.ref_table, tuple(link.ref_columns)) for link in links
                              if len(link.ref_columns) == 1 and not (coded is not None and link in on_codes)})
        alone = {name: pool.submit(duplicate_keys, keys, name, keys.column_names, _first_row(by_name[name]))
                 for name, keys in primary.items()
                 if keys is not None and not shared.wanted(name, by_name[name].recipe.primary_key)}
        for name, keys in primary.items():
            if keys is not None and name not in alone:
                duplicates[name] = duplicate_keys(keys, name, keys.column_names, _first_row(by_name[name]),
                                                  shared.of(name, by_name[name].recipe.primary_key, keys))
        orphaned: list[tuple[CuratedTable, RuleResult | None]] = []
        unchecked: list[Link] = []
        for link in links:
            child, parent = by_name[link.table], by_name[link.ref_table]
            keys, targets = _leaving(child, link.columns), _leaving(parent, link.ref_columns)
            if keys is None or targets is None:
                unchecked.append(link)
                continue
            if coded is not None and link in on_codes:
                found = orphan_codes(_codes_of(coded[child.name]), _codes_of(coded[parent.name]), child.name,
                                     keys.column_names, parent.name, targets.column_names, _first_row(child))
            else:
                found = orphans(keys, child.name, keys.column_names, targets, parent.name, targets.column_names,
                                _first_row(child), shared.of(parent.name, link.ref_columns, targets))
            orphaned.append((child, found))
        duplicates.update({name: future.result() for name, future in alone.items()})
    # The findings and sentences in the order of the tables, then of the links, as checked one by one.
    for name, keys in primary.items():
        repeated = duplicates.get(name)
        if keys is None:
            said.append(f"{name}: its primary key does not leave, so it was not checked")
        elif repeated is not None:
            by_name[name].result.validation.results.append(repeated)
    said.extend(f"link {link}: a key column does not leave, so it was not checked" for link in unchecked)
    for child, found in orphaned:
        if found is not None:
            child.result.validation.results.append(found)
    return said


def _first_row(table: CuratedTable) -> int:
    """The number of the table's first row in its findings."""
    if table.result.validation.excluded_rows:
        return 1
    return (table.loaded.source.options.header_row or 1) + 1


class _SharedKeys:
    """The pseudonyms of the one-column keys that links reference (``referenced``: (table, columns)),
    each read once into a :func:`token_set` for the key's own duplicates and for its links."""

    def __init__(self, referenced: set[tuple[str, tuple[str, ...]]]) -> None:
        self._referenced = referenced
        self._sets: dict[tuple[str, tuple[str, ...]], TokenCodes | None] = {}

    def wanted(self, name: str, columns: Sequence[str]) -> bool:
        return (name, tuple(columns)) in self._referenced

    def of(self, name: str, columns: Sequence[str], keys: KeyColumns) -> TokenCodes | None:
        """The key's set, None when no link references it or it holds anything but pseudonyms."""
        key = (name, tuple(columns))
        if key not in self._referenced:
            return None
        if key not in self._sets:
            try:
                self._sets[key] = token_set(keys)
            except NotTokens:
                self._sets[key] = None
        return self._sets[key]


def _person_link(link: Link, by_name: Mapping[str, CuratedTable], persons: Mapping[str, str]) -> bool:
    """Whether ``link`` goes from a table's person column to another's."""
    child, parent = by_name[link.table], by_name[link.ref_table]
    return (len(link.columns) == 1 and len(link.ref_columns) == 1 and child.name in persons
            and parent.name in persons and child.output(link.columns[0]) == persons[child.name]
            and parent.output(link.ref_columns[0]) == persons[parent.name])


def _codes_of(array: pa.Array) -> np.ndarray:
    """A person column's codes (:func:`_person_codes`), -1 for an empty key."""
    return pc.fill_null(array.indices, -1).to_numpy(zero_copy_only=False)


def check_rules_across(files: Mapping[str, Path], recipes: Sequence[Recipe], vocabulary: Vocabulary,
                       options: Callable[[Path, Recipe], ReadOptions | None]) -> tuple[dict[str, Vocabulary], list[str]]:
    """The vocabulary each table of a linked submission is curated with: its rules across tables (an
    admission after the patient's death...) bound to what the other tables hold for each person, so
    that their findings join the table's validation report and its recipe decides them as any other,
    whether the table is streamed or read whole. Before curating, only the columns these rules read are
    gathered (``options``: the reader choices for a table's file), of the tables whose values bind
    others (``linked_sources``), each on a thread; sentences for the tables that could not be checked.

    A file is read whole by its curation, which refuses what this reading of a few columns of some
    files lets by (a value in another column that is not text of its encoding, a file not read here)."""
    wanted = [(recipe, names) for recipe in recipes
              if recipe.name in files and (names := linked_columns(recipe, vocabulary))]
    try:
        found = _linked_tables(files, wanted, vocabulary, options)
    except Exception:
        # A few columns refused are refused by a whole read too, perhaps for another value, and an
        # earlier file may be refused for a column not read: the files are read whole, in order, as
        # they were, so that the error is the one they give first.
        for recipe, names in wanted:
            path = files[recipe.name]
            _linked_table(path, options(path, recipe), None, recipe, names, vocabulary, whole=True)
        raise
    said = [f"{recipe.name}: {', '.join(missing)} not in the file, so the rules across tables were not checked on it"
            for recipe, _names in wanted if (missing := found[recipe.name][1])]
    tables = {recipe.name: table for recipe, _names in wanted if (table := found[recipe.name][0]) is not None}
    bound = bind_linked(tables, vocabulary) if len(tables) > 1 else {}
    hold_ahead([across for r in recipes for rule in bound.get(r.name, []) for across in rule.across])
    return {r.name: with_bound(vocabulary, bound[r.name]) if r.name in bound else vocabulary for r in recipes}, said


_Linked = tuple[tuple[pa.Table, dict[str, str]] | None, list[str]]


def _linked_tables(files: Mapping[str, Path], wanted: Sequence[tuple[Recipe, Mapping[str, str]]],
                   vocabulary: Vocabulary, options: Callable[[Path, Recipe], ReadOptions | None]) -> dict[str, _Linked]:
    """:func:`_linked_table` of each table; of a CSV file whose values no rule reads, its header only."""
    used: dict[str, tuple[ReadOptions | None, bool | None]] = {}
    missing: dict[str, list[str]] = {}
    for recipe, names in wanted:
        given = options(files[recipe.name], recipe)
        plan = _csv_plan(files[recipe.name], given)
        used[recipe.name] = given, None
        if plan is not None:
            missing[recipe.name] = [name for name in names.values() if name not in plan.names]
            # Read as planned (not detected again), its encoding the user's choice only if it was.
            used[recipe.name] = plan.options(given or ReadOptions()), given is not None and given.encoding is not None
    # A file whose header is not known yet counts as having every column: read, it may lose some.
    present = {recipe.name: names for recipe, names in wanted if not missing.get(recipe.name)}
    read = linked_sources(present, vocabulary) | {name for name in present if name not in missing}
    found: dict[str, _Linked] = {name: (None, columns) for name, columns in missing.items() if columns}
    found.update({name: ((pa.table({}), dict(names)), []) for name, names in present.items() if name not in read})
    chosen = [(recipe, names) for recipe, names in wanted if recipe.name in read]
    # A file per thread, as many at once as there are cores: pyarrow's CSV reader and compute
    # functions let go of the GIL.
    with ThreadPoolExecutor(max_workers=max(min(len(chosen), os.cpu_count() or 1), 1),
                            thread_name_prefix="curator-across") as pool:
        futures = {recipe.name: pool.submit(_linked_table, files[recipe.name], *used[recipe.name], recipe, names,
                                            vocabulary) for recipe, names in chosen}
        for name, future in futures.items():
            found[name] = future.result()
    return found


def _file_format(path: Path, options: ReadOptions | None) -> str | None:
    """The format ``options`` name for ``path``, else the one detected."""
    return options.format if options is not None and options.format else detect_options(path).format


def _csv_plan(path: Path, options: ReadOptions | None) -> CsvPlan | None:
    """How a CSV file is read (its column names...); None for another format."""
    return plan_csv(path, options or ReadOptions()) if _file_format(path, options) == "csv" else None


def _linked_table(path: Path, options: ReadOptions | None, encoding_chosen: bool | None, recipe: Recipe,
                  names: Mapping[str, str], vocabulary: Vocabulary, whole: bool = False) -> _Linked:
    """A table's columns the rules across tables read, converted (:func:`converted_linked`), or
    the names of those missing from its file. ``whole``: every column of the file read, as a
    curation reads it; ``encoding_chosen``: see ``iter_batches``."""
    read = _read_columns(path, options, list(dict.fromkeys(names.values())), whole, encoding_chosen)
    missing = [name for name in names.values() if name not in read.column_names]
    if missing:
        return None, missing
    return converted_linked(read, recipe, vocabulary), []


def _read_columns(path: Path, options: ReadOptions | None, names: Sequence[str], whole: bool = False,
                  encoding_chosen: bool | None = None) -> pa.Table:
    """Only ``names`` of a file, as read (text): CSV and Parquet batch by batch, so that a file too big
    to read whole costs a few columns' memory, and of a CSV file only those columns built
    (``whole``: all of them); other formats read whole."""
    if _file_format(path, options) not in ("csv", "parquet"):          # the formats iter_batches streams
        table = read_file(path, options).table
        return table.select([n for n in names if n in table.column_names])
    parts = []
    for batch in iter_batches(path, options, encoding_chosen=encoding_chosen, columns=None if whole else names):
        parts.append(pa.table({n: batch.column(n) for n in names if n in batch.schema.names}))
    if not parts:
        return pa.table({n: pa.array([], pa.string()) for n in names})
    return pa.concat_tables(parts)
