"""The chain that `curator demo`, `curator apply` and the app's Export share.

read → identify → map/convert/validate → protect → risk → package. Each step is a stage module's
function; this module only sequences them, checks the guarantees that span stages (no `direct`
column leaves unless explicitly kept) and gathers what the manifest and the report need.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from curator.check import convert_and_validate
from curator.errors import InputError
from curator.identify import ColumnIdentification, apply_overrides, identify_table
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package.build import write_package
from curator.package.datapackage import (
    DATAPACKAGE_NAME,
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
    enforce_k,
    generalise_release,
    person_output,
    release_risk,
    suppressed_count,
)
from curator.protect.secret import PendingSecret, resolve_secret
from curator.protect.transforms import protect_table
from curator.recipe.drift import clear_summary
from curator.recipe.model import Recipe
from curator.recipe.privacy import confirmed_columns, unprotected_columns
from curator.report import write_curation_report
from curator.result import CurationResult
from curator.source import LoadedTable
from curator.workspace import private_folder


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
           detected: list[ColumnIdentification] | None = None) -> CurationResult:
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "identifying columns"))
    identifications = effective_classes(loaded, recipe, detected)
    kept_direct = check_no_silent_keep(recipe, identifications, vocabulary)

    dropped_unmapped = unmapped_columns(loaded.table.column_names, recipe)
    table = loaded.table.drop_columns(dropped_unmapped) if dropped_unmapped else loaded.table

    report(progress, 0.1, QT_TRANSLATE_NOOP("core", "converting and validating"))
    typed, validation = convert_and_validate(table, recipe, vocabulary, progress=scaled(progress, 0.1, 0.5))
    report(progress, 0.5, QT_TRANSLATE_NOOP("core", "protecting"))
    protected = protect_table(typed, recipe.columns, resolve_secret(secret), progress=scaled(progress, 0.5, 0.9))
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
    dictionary nor statistics: every token differs, so both cost time and buy nothing.
    """
    tokens = {_output_name(recipe, c.source) for c in recipe.columns if c.transform.action == "pseudonymise"}
    plain = [name for name in schema.names if name not in tokens]
    return {"compression": "zstd", "compression_level": 1, "use_dictionary": plain, "write_statistics": plain}


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
        for number, language in enumerate(report_languages):
            name = "curation-report.html" if number == 0 else f"curation-report-{language}.html"
            write_curation_report(workdir / name, loaded, recipe, vocabulary, result, language=language)
            reports.append((name, workdir / name))
        validation_path = workdir / "validation-report.csv"
        # Offending values travel only for columns exported as they are; any other column's raw value
        # (a name, a full birth date) would leave through the report what the protection removed.
        not_kept = {c.source for c in recipe.columns if c.transform.action != "keep"} | set(result.dropped_unmapped)
        result.validation.to_csv(validation_path, redact_direct=True, redact_columns=not_kept)
        data_member = result.data_encryption if result.data_encryption is not None else (table.member, data_path)
        members = [data_member, (DATAPACKAGE_NAME, datapackage_path), *reports, ("validation-report.csv", validation_path)]
        fields = manifest_fields(loaded, recipe, vocabulary, result, table)
        return write_package(out_path, members, fields, recipients, signing_key, cms=cms,
                             progress=scaled(progress, 0.0, 1.0))
