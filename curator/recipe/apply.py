"""Headless apply: a recipe re-applied to a new file, from reading to the signed package.

read (with the recipe's reader choices where they still fit) → drift report → stop under
``strict`` or adapt the recipe (follow renames, skip what no longer applies) → the shared chain in
:mod:`curator.pipeline` (identify, convert and validate, protect, risk) → package.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.errors import EXIT_VERIFY_FAILED, CuratorError, InputError, Location
from curator.load import detect_options, list_sheets, read_file
from curator.load.fingerprint import FileState, ensure_unchanged
from curator.mapping import Vocabulary, load_vocabulary
from curator.messages import QT_TRANSLATE_NOOP
from curator.package.agestream import BackgroundEncryption
from curator.package.datapackage import check_export
from curator.package.keys import load_recipients
from curator.pipeline import (
    CuratedTable,
    CurationResult,
    KeptCodes,
    check_integrity,
    check_rules_across,
    curate,
    data_file_options,
    export_package,
    export_submission,
    leaving_persons,
    person_keyed,
    submission_report,
    submission_risk,
)
from curator.progress import ProgressCallback, report, scaled
from curator.protect.keys import align_key_domains, key_columns
from curator.protect.personreach import Released, counts_persons_across, enforce_across, release_across
from curator.protect.persons import person_output, quasi_output, release_risk
from curator.protect.pseudonym import TokenCache
from curator.protect.secret import PendingSecret
from curator.protect.utility import measure_utility
from curator.recipe.drift import DriftReport, DriftStop, adapt, as_read, compare
from curator.recipe.linking import submission_files, table_names
from curator.recipe.model import Recipe
from curator.recipe.stream import BATCH_ROWS, FollowedFile, SchemaChanged, curate_streaming, streamable
from curator.recipe.submission import Submission
from curator.report import ReportContent
from curator.source import LoadedTable, ReadOptions
from curator.workspace import private_folder

NEEDS_SECRET = ("pseudonymise", "date_shift")
SHIPPED_VOCABULARIES = ("hub-core",)


@dataclass
class ApplyResult:
    drift: DriftReport
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    rows: int = 0
    columns: list[str] = field(default_factory=list)
    risk: dict[str, Any] | None = None
    validation: str = ""


def load_recipe_vocabulary(recipe: Recipe, notes: list[str] | None = None) -> Vocabulary:
    """The vocabulary the recipe was made with: shipped by id, or from the path the recipe recorded."""
    recorded = recipe.vocabulary
    vocabulary_id = recorded.get("id")
    if not vocabulary_id or vocabulary_id in SHIPPED_VOCABULARIES:
        vocabulary = load_vocabulary(vocabulary_id or None)
    elif recorded.get("path") and Path(recorded["path"]).exists():
        vocabulary = load_vocabulary(recorded["path"])
    else:
        raise InputError(f"the recipe was made with vocabulary '{vocabulary_id}', which is not available here",
                         hint="Put the vocabulary file where the recipe says ('vocabulary.path'), or re-map the file "
                              "with 'curator recipe init --vocabulary ...'.")
    if notes is not None and recorded.get("checksum") and recorded.get("checksum") != vocabulary.checksum:
        was = recorded.get("version", "?")
        change = (f"is now version {vocabulary.version} (the recipe was made with {was})" if was != vocabulary.version
                  else f"{was} has changed since the recipe was made (its checksum differs)")
        notes.append(f"vocabulary {vocabulary.id} {change}: check the mapping of changed concepts")
    return vocabulary


def reading_options(path: str | Path, recipe: Recipe, notes: list[str] | None = None) -> ReadOptions | None:
    """The recipe's reader choices that still fit this file; the rest is detected afresh.

    Encoding and delimiter are always detected (next year's export may come from an upgraded
    system, and forcing last year's encoding would garble accents); the sheet, decimal mark and
    thousands separator the user chose are kept when the format is the same.
    """
    used = recipe.reader
    detected = detect_options(path)
    if not used.format or detected.format != used.format:
        if used.format and notes is not None:
            notes.append(f"the file is {detected.format}, the recipe was made on {used.format}: read with detected options")
        return None
    options = ReadOptions(format=detected.format, decimal=used.decimal, thousands=used.thousands)
    if used.sheet:
        sheets = [name for name, _hidden in list_sheets(path)]
        if used.sheet in sheets:
            options.sheet = used.sheet
        elif notes is not None:
            notes.append(f"sheet '{used.sheet}' of the recipe is not in the file; read sheet '{detected.sheet}'")
    if notes is not None:
        for what in ("encoding", "delimiter"):
            was, now = getattr(used, what), getattr(detected, what)
            if was and now and was != now:
                notes.append(f"{what} is now {now!r} (the recipe was made on a file in {was!r})")
    return options


def read_file_for(path: str | Path, options: ReadOptions | None, notes: list[str] | None = None,
                  progress: ProgressCallback | None = None) -> LoadedTable:
    loaded = read_file(path, options, progress=scaled(progress, 0.0, 0.25))
    if notes is not None:
        notes.extend(loaded.warnings)
    return loaded


def read_for_recipe(path: str | Path, recipe: Recipe, notes: list[str] | None = None,
                    progress: ProgressCallback | None = None) -> LoadedTable:
    """Read ``path`` whole as :func:`apply_recipe` does (its progress is the first quarter of apply's)."""
    return read_file_for(path, reading_options(path, recipe, notes), notes, progress)


def secret_needed(recipe: Recipe) -> bool:
    return any(c.transform.action in NEEDS_SECRET for c in recipe.columns)


def _check_secret(secret: bytes | PendingSecret | None) -> Callable[[Recipe], None]:
    def check(adapted: Recipe) -> None:
        if secret_needed(adapted) and not secret:
            raise InputError("the recipe pseudonymises columns, and no pseudonymisation secret was given",
                             hint="Give the secret file with --secret (made by 'curator keys new-secret' or issued "
                                  "by the hub).")
    return check


def _check_validation(result: CurationResult, path: str | Path) -> None:
    if result.validation.ok:
        return
    unresolved = result.validation.unresolved
    raise CuratorError(f"{len(unresolved)} validation rule(s) are broken with no decision, and --strict stops on them",
                       Location(file=str(path)),
                       hint="Decide in the recipe what to do with these values (empty them, exclude the rows or "
                            "keep them), or run without --strict.",
                       exit_code=EXIT_VERIFY_FAILED,
                       details=[f"'{r.column}': {r.count:,} value(s) break '{r.rule}'" for r in unresolved[:20]])


@dataclass
class Curated:
    """A file taken through the chain (no package yet): the data as read, the recipe adapted to it, the result."""

    loaded: LoadedTable
    recipe: Recipe
    result: CurationResult
    drift: DriftReport
    skipped: list[str]


def apply_recipe(path: str | Path, recipe: Recipe, output: str | Path, recipients: list[str], signing_key: Any,
                 secret: bytes | PendingSecret | None, strict: bool = False, progress: ProgressCallback | None = None,
                 say: Callable[[str], None] | None = None, loaded: LoadedTable | None = None,
                 stream: bool | None = None, batch_rows: int | None = None,
                 on_rows: Callable[[int], None] | None = None,
                 cms: tuple[Path, str | None] | None = None, report_languages: Sequence[str] = ("en",)) -> ApplyResult:
    """Apply ``recipe`` to ``path`` and write the package ``output``.

    Big CSV and Parquet files are streamed in batches (``stream`` forces it on or off; see
    :mod:`curator.recipe.stream`); other files are read whole, or given already read as ``loaded``
    (by :func:`read_for_recipe`, whose notes are then the caller's).
    ``say`` receives the drift report as soon as it is known (before the long work); ``on_rows``
    the number of rows once the whole file is read (for a rate in rows per second); ``cms`` is
    (PKCS#12 file, its password) for an additional X.509 signature of the manifest;
    ``report_languages`` as :func:`curator.pipeline.export_package` takes them.
    Raises :class:`DriftStop` under ``strict`` when the file drifted; nothing is written then.
    """
    check_export(recipe.export)        # before the long work: export_package would refuse at its end
    notes: list[str] = []
    vocabulary = load_recipe_vocabulary(recipe, notes)
    # The curated data in clear is written only in the run's private folder, never beside the output.
    with private_folder("apply") as workdir:
        encryptions: list[BackgroundEncryption] = []
        try:
            curated = curate_file(path, recipe, vocabulary, secret, workdir, recipients, notes, encryptions,
                                  strict=strict, say=say, progress=scaled(progress, 0.0, 0.9), loaded=loaded,
                                  stream=stream, batch_rows=batch_rows, on_rows=on_rows)
            result = curated.result
            if strict:
                _check_validation(result, path)
            result.applied = {"drift": curated.drift.to_dict(), "skipped": list(curated.skipped)}
            manifest = export_package(curated.loaded, curated.recipe, vocabulary, result, Path(output), recipients,
                                      signing_key, progress=scaled(progress, 0.9, 1.0), cms=cms,
                                      report_languages=report_languages)
            return ApplyResult(curated.drift, curated.skipped, notes, manifest, result.output_rows,
                               list(result.table.column_names), result.risk, result.validation.summary())
        finally:
            for encryption in encryptions:
                encryption.wait()


def curate_file(path: str | Path, recipe: Recipe, vocabulary: Vocabulary, secret: bytes | PendingSecret | None,
                workdir: Path, recipients: list[str], notes: list[str], encryptions: list[BackgroundEncryption], *,
                strict: bool = False, say: Callable[[str], None] | None = None,
                progress: ProgressCallback | None = None, loaded: LoadedTable | None = None,
                stream: bool | None = None, batch_rows: int | None = None,
                on_rows: Callable[[int], None] | None = None, member: str = "data.parquet",
                tokens: TokenCache | None = None) -> Curated:
    """Read, compare with the recipe, adapt, convert, validate and protect ``path`` (streamed into
    ``workdir`` when big; its encryption as the package member ``member`` started there and added
    to ``encryptions``, which the caller waits for before leaving ``workdir``). ``tokens``: the
    keys' pseudonyms kept from table to table while streaming."""
    check_secret = _check_secret(secret)
    before: FileState | None = None
    if loaded is None:
        options = reading_options(path, recipe, notes)
        # Compared again before the package is written: a file still being copied or exported
        # would give a package of part of it.
        before = FileState.of(path)
        fmt = options.format if options is not None else detect_options(path).format
        if streamable(path, recipe, fmt, stream):
            done = _curate_streamed(path, recipe, vocabulary, secret, options, recipients, before, notes, workdir,
                                    encryptions, member, strict=strict, say=say, check_secret=check_secret,
                                    progress=progress, batch_rows=batch_rows or BATCH_ROWS, tokens=tokens)
            if done is not None:
                return done
        report(progress, 0.0, QT_TRANSLATE_NOOP("core", "reading"))
        loaded = read_file_for(path, options, notes, scaled(progress, 0.0, 1 / 0.9))
    if on_rows is not None:
        on_rows(loaded.table.num_rows)
    report(progress, 0.25 / 0.9, QT_TRANSLATE_NOOP("core", "comparing with the recipe"))
    drift = compare(recipe, loaded.table, vocabulary, file=str(path))
    if say is not None:
        say(drift.to_text())
    if strict and drift.has_drift:
        raise DriftStop(drift)
    adapted, skipped = adapt(recipe, drift)
    as_read(adapted, loaded.source.options)
    check_secret(adapted)
    result = curate(loaded, adapted, vocabulary, secret, progress=scaled(progress, 0.3 / 0.9, 1.0), tokens=tokens)
    if before is not None:
        ensure_unchanged(path, before)
    return Curated(loaded, adapted, result, drift, skipped)


def _curate_streamed(path: str | Path, recipe: Recipe, vocabulary: Vocabulary, secret: bytes | PendingSecret | None,
                     options: ReadOptions | None, recipients: list[str], before: FileState, notes: list[str],
                     workdir: Path, encryptions: list[BackgroundEncryption], member: str, *,
                     strict: bool, say: Callable[[str], None] | None, check_secret: Callable[[Recipe], None],
                     progress: ProgressCallback | None, batch_rows: int, tokens: TokenCache | None = None) -> Curated | None:
    """The streamed curation, or None when the file must be read whole after all (its schema changed
    between batches)."""
    def encrypt_data(data_path: Path, written: FollowedFile) -> BackgroundEncryption:
        # Encrypted as it is written: done by the time the risk is measured and the reports written.
        encryptions.append(BackgroundEncryption(member, data_path, workdir / f"{data_path.name}.age",
                                                load_recipients(recipients), reader=written))
        return encryptions[-1]

    try:
        streamed = curate_streaming(path, recipe, vocabulary, secret, options, workdir, strict=strict, say=say,
                                    check_secret=check_secret, progress=progress,
                                    batch_rows=batch_rows, on_data_started=encrypt_data, tokens=tokens)
        # The end of the streamed read: its content is checked here (a whole read checks its own).
        ensure_unchanged(path, before, streamed.loaded.source.sha256)
        notes.extend(streamed.loaded.warnings)
        notes.append(f"streamed in batches of {batch_rows:,} rows")
        return Curated(streamed.loaded, streamed.recipe, streamed.result, streamed.drift, streamed.skipped)
    except SchemaChanged as exc:
        ensure_unchanged(path, before)       # not a file cut short by a copy still running
        notes.append(f"the file could not be processed in batches ({exc}); it was read whole")
        return None
    except Exception:
        ensure_unchanged(path, before)
        raise


@dataclass
class SubmissionApplyResult:
    tables: list[ApplyResult]          # per table, in the recipe's order (each with its name in ``names``)
    names: list[str]
    notes: list[str]
    manifest: dict[str, Any]
    risk: dict[str, Any] | None = None    # across the tables, in distinct persons (pipeline.submission_risk)
    report: ReportContent | None = None    # the curation report the package carries, in its first language


def submission_paths(paths: Sequence[str | Path], submission: Submission) -> dict[str, Path]:
    """Each table's file: the files given (or a folder's) matched to the recipe's tables by name."""
    files = submission_files(paths)
    given = dict(zip(table_names(files), files, strict=True))
    wanted = [t.name for t in submission.tables]
    missing = [name for name in wanted if name not in given]
    extra = [name for name in given if name not in wanted]
    if missing or extra:
        details = ([f"no file for table '{name}'" for name in missing]
                   + [f"'{given[name].name}' is no table of the recipe" for name in extra])
        raise InputError(f"the files given do not match the recipe's tables ({', '.join(wanted)})",
                         hint="Give one file per table, named after it (patients.csv for 'patients'), or their folder.",
                         details=details)
    return {name: given[name] for name in wanted}


def apply_submission(paths: Sequence[str | Path], submission: Submission, output: str | Path, recipients: list[str],
                     signing_key: Any, secret: bytes | PendingSecret | None, strict: bool = False,
                     progress: ProgressCallback | None = None, say: Callable[[str], None] | None = None,
                     stream: bool | None = None, batch_rows: int | None = None,
                     cms: tuple[Path, str | None] | None = None,
                     report_languages: Sequence[str] = ("en",)) -> SubmissionApplyResult:
    """Apply a linked submission's recipe to its files and write ONE package: each table as its own
    encrypted ``<name>.parquet``, one curation report (and one more per extra ``report_languages``),
    one submission id.

    Every table is read (streamed when big), compared with its section (drift said per table; under
    ``strict`` any drift stops), curated; keys leave in one pseudonym domain per link group; orphan
    rows and duplicated primary keys are validation findings (``strict`` stops on them too).
    """
    files = submission_paths(paths, submission)
    check_export(submission.export)    # before the long work: export_submission would refuse at its end
    notes = list(align_key_domains(submission))
    vocabulary = load_recipe_vocabulary(submission.tables[0], notes)
    count = len(submission.tables)
    across = counts_persons_across(submission)
    with private_folder("apply") as workdir:
        encryptions: list[BackgroundEncryption] = []
        try:
            tables: list[CuratedTable] = []
            applied: list[ApplyResult] = []
            # The rules across tables, bound per table before curating: decided as its other findings.
            checked_with, said = check_rules_across(files, submission.tables, vocabulary, reading_options)
            notes.extend(said)
            # A person's or a stay's key is hashed once, not in each of their rows of every table.
            tokens, keyed = TokenCache(), key_columns(submission)
            for number, recipe in enumerate(submission.tables):
                folder = workdir / recipe.name
                folder.mkdir(mode=0o700)
                table_notes: list[str] = []
                curated = curate_file(files[recipe.name], recipe.levels_only() if across else recipe,
                                      checked_with[recipe.name], secret, folder, recipients, table_notes,
                                      encryptions, strict=strict, say=_table_say(say, recipe.name),
                                      progress=scaled(progress, 0.85 * number / count, 0.85 * (number + 1) / count),
                                      stream=stream, batch_rows=batch_rows, member=f"{recipe.name}.parquet",
                                      tokens=tokens.for_columns(keyed.get(recipe.name, set())))
                curated.recipe.protection.k_target = recipe.protection.k_target
                notes.extend(f"{recipe.name}: {note}" for note in table_notes)
                curated.result.applied = {"drift": curated.drift.to_dict(), "skipped": list(curated.skipped)}
                tables.append(CuratedTable(recipe.name, curated.loaded, curated.recipe, curated.result))
                applied.append(ApplyResult(curated.drift, curated.skipped, table_notes, {}, 0))
                _release_memory()
            tokens.clear()
            kept = KeptCodes()      # the persons read back and coded once: integrity, release and risk
            notes.extend(check_integrity(tables, submission.links, kept))
            _release_memory()
            released = release_persons(tables, submission, kept) if across else None
            _release_memory()
            risk = submission_risk(tables, submission.protection.k_target, kept)
            kept.clear()
            _release_memory()
            if released is not None:
                risk = _enforced_across(tables, submission, risk, released)
            if strict:
                for table in tables:
                    _check_validation(table.result, files[table.name])
            reports = [submission_report(tables, submission.links, vocabulary, risk, language)
                       for language in report_languages]
            manifest = export_submission(tables, submission.links, vocabulary, Path(output), recipients, signing_key,
                                         progress=scaled(progress, 0.85, 1.0), cms=cms, risk=risk, reports=reports)
            for table, result in zip(tables, applied, strict=True):
                result.manifest, result.rows = manifest, table.result.output_rows
                result.columns = list(table.result.table.column_names)
                result.risk, result.validation = table.result.risk, table.result.validation.summary()
            return SubmissionApplyResult(applied, [t.name for t in tables], notes, manifest, risk,
                                         reports[0] if reports else None)
        finally:
            for encryption in encryptions:
                encryption.wait()


def _release_memory() -> None:
    """Hand the memory a step freed back to the system before the next: Arrow's allocator keeps
    freed pages for reuse a while, and each step after the tables peaks on its own columns."""
    pa.default_memory_pool().release_unused()


def _person_columns(tables: Sequence[CuratedTable], kept: KeptCodes | None = None) -> dict[str, pa.Table]:
    """Each table as it leaves, or of a streamed one its person and quasi-identifier columns read
    back; the person columns as codes of one dictionary of pseudonyms (:func:`person_keyed`)."""
    persons = leaving_persons(tables)
    wanted: dict[str, list[str]] = {}
    for table in tables:
        names = table.result.table.column_names
        if table.name in persons:
            wanted[table.name] = names if table.result.data_path is None else quasi_output(table.recipe, names)
    keyed = person_keyed(tables, persons, wanted, kept)
    leaving: dict[str, pa.Table] = {}
    for table in tables:
        if table.name in keyed:
            leaving[table.name] = keyed[table.name]
        elif table.result.data_path is None:
            leaving[table.name] = table.result.table
        else:
            leaving[table.name] = pq.read_table(table.result.data_path, columns=[])
    return leaving


def release_persons(tables: Sequence[CuratedTable], submission: Submission, kept: KeptCodes | None = None) -> Released:
    """The suppression Reach k planned across the tables done in every table (a streamed table is
    written again), each table's risk measured again; what was done. ``kept``: the person codes
    read back (see :func:`~curator.pipeline.person_keyed`), cleared when a table changes."""
    released = release_across(_person_columns(tables, kept), submission)
    for table in tables:
        result = table.result
        if released.changes(table.name, result.table.column_names):
            if kept is not None:
                kept.clear()
            if result.data_path is None:
                before = result.table
                result.table = released.apply(table.name, result.table)
                result.generalisation["utility"] = _utility_after(table, before, result.table)
            else:
                # Streamed: written and encrypted already; written again with its share of the suppression.
                again = _released_again(released, table)
                if again is None:
                    done = released.apply(table.name, pq.read_table(result.data_path))
                    path = result.data_path.with_name(f"released-{result.data_path.name}")
                    pq.write_table(done, path, **data_file_options(table.recipe, done.schema))
                    again = path, done.num_rows
                result.data_path, result.data_encryption, result.rows_out = again[0], None, again[1]
        if table.name in released.persons:
            # Counted in this table's rows for its report; across the tables, in persons (the risk's "suppression").
            result.generalisation = {**result.generalisation, "suppression_unit": released.info["suppression_unit"],
                                     "suppressed_records": 0, "cells_suppressed": 0, "records_touched": 0,
                                     "cells_per_column": {}, **released.done.get(table.name, {})}
        if result.data_path is None and result.risk is not None:
            person = person_output(table.recipe, result.table.column_names)
            quasi = quasi_output(table.recipe, [n for n in result.table.column_names if n != person])
            if quasi:
                result.risk = release_risk(result.table, quasi, table.recipe.protection.k_target, person).to_dict()
    return released


RELEASE_ROWS = 1 << 19      # rows of a streamed table suppressed at a time (each part looks the persons up again)


def _released_again(released: Released, table: CuratedTable) -> tuple[Path, int] | None:
    """A streamed table's data file written again with its share of the suppression, part by part
    (``released.done`` summed over the parts); the new file and its rows. None when a later part
    blanked a column that is not text in the parts before (as text in the whole table): the table
    is then done whole."""
    source = table.result.data_path
    assert source is not None
    path = source.with_name(f"released-{source.name}")
    done: dict[str, Any] = {}
    rows = 0
    writer: pq.ParquetWriter | None = None
    try:
        with pq.ParquetFile(source) as data:
            for batch in data.iter_batches(batch_size=RELEASE_ROWS):
                released.done.pop(table.name, None)
                part = released.apply(table.name, pa.Table.from_batches([batch]))
                if writer is None:
                    writer = pq.ParquetWriter(path, part.schema, **data_file_options(table.recipe, part.schema))
                schema = writer.schema
                if any(field.type != schema.field(field.name).type and not pa.types.is_string(schema.field(field.name).type)
                       for field in part.schema):
                    return None
                writer.write_table(part.cast(schema))
                rows += part.num_rows
                for key, value in released.done.get(table.name, {}).items():
                    if isinstance(value, dict):
                        summed = done.setdefault(key, {})
                        for column, count in value.items():
                            summed[column] = summed.get(column, 0) + count
                    else:
                        done[key] = done.get(key, 0) + value
    finally:
        if writer is not None:
            writer.close()
    if writer is None:          # no rows: done whole, as it says what it did
        return None
    released.done[table.name] = done
    return path, rows


def _utility_after(table: CuratedTable, before: pa.Table, after: pa.Table) -> dict[str, Any] | None:
    """What each quasi-identifier keeps once the suppression across the tables is done (with every
    level at 0 the table before it is the one requested); None when a level coarsened a column, as
    the precision requested is then no longer at hand: no figure rather than a wrong one."""
    info = table.result.generalisation
    levels = {name: int(level) for name, level in (info.get("levels") or {}).items()}
    if any(levels.values()) or not info.get("utility"):
        return None
    person = person_output(table.recipe, after.column_names)
    quasi = quasi_output(table.recipe, [n for n in after.column_names if n != person])
    highest = {c["name"]: int(c.get("highest", 0)) for c in info["utility"].get("columns", [])}
    if person is not None and before.num_rows != after.num_rows:
        # The rows of persons suppressed whole are gone: measured on the rows that remain.
        before = before.filter(pc.is_in(before.column(person), value_set=pc.unique(after.column(person))))
    kept = before.select(quasi)
    return measure_utility(kept, kept, after.select(quasi), quasi, levels, highest).to_dict()


def _enforced_across(tables: Sequence[CuratedTable], submission: Submission, risk: dict[str, Any] | None,
                     released: Released) -> dict[str, Any] | None:
    """Refuse the submission below its k in persons across the tables (unless accepted); the risk
    with what the suppression across the tables did."""
    if risk is None:
        return None
    enforce_across(submission, risk, lambda: _person_columns(tables), released)
    return {**risk, "suppression": {key: value for key, value in released.info.items()
                                    if key not in ("k", "beyond_caps")}}


def _table_say(say: Callable[[str], None] | None, name: str) -> Callable[[str], None] | None:
    if say is None:
        return None
    return lambda text: say(f"[{name}] {text}")
