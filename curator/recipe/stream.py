"""Out-of-core apply for CSV and Parquet: one pass over record batches, memory bounded by a batch.

The first batch stands for the file in the drift report (printed before the long work) and in
identification; every batch is then converted, validated and protected exactly as a whole table
would be (the same stage functions), written to the Parquet file as it comes, and forgotten. What
needs the whole file is gathered on the way, small: the quasi-identifier columns as they leave
(dictionary-encoded, for k-anonymity at the end), the value counts of coded columns (new code
values anywhere in the file), the validation findings, and the SHA-256 of the source.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import itertools
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.background import Background, BackgroundSink, FollowedFile, Prefetched
from curator.check import ValidationReport, convert_and_validate
from curator.check.coherence import KeysSeen
from curator.check.tokens import TokenCodes, token_words
from curator.identify import ColumnIdentification
from curator.load import detect_options, iter_batches
from curator.load.fingerprint import BackgroundDigest
from curator.mapping import Vocabulary
from curator.mapping.rules import EXACT_DUPLICATES
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.pipeline import check_no_silent_keep, data_file_options, effective_classes, unmapped_columns
from curator.progress import ProgressCallback, report
from curator.protect import _pool
from curator.protect.persons import release_risk
from curator.protect.pseudonym import TokenCache
from curator.protect.reach import apply_recipe_generalisation, build_hierarchy
from curator.protect.search import highest_level
from curator.protect.secret import PendingSecret, resolve_secret
from curator.protect.transforms import output_name, protect_table, pseudonym_kind
from curator.protect.utility import measure_utility
from curator.recipe.drift import (
    DriftReport,
    DriftStop,
    NewCodes,
    adapt,
    as_read,
    compare,
    is_coded,
    new_codes_from_counts,
)
from curator.recipe.model import ColumnDecision, Recipe
from curator.result import CurationResult
from curator.source import LoadedTable, ReadOptions, SourceInfo

STREAM_FORMATS = ("csv", "parquet")
STREAM_ABOVE_BYTES = 64 * 1024 * 1024     # smaller files are read whole: simpler, and as fast
BATCH_ROWS = 131_072                    # rows per batch: memory is a few batches, whatever the file
MAX_COUNTED_VALUES = 100_000               # a "coded" column with more distinct values is not counted
MAX_EXAMPLES = 5
IDENTIFY_ROWS = 50_000
# Distinct values in one batch's column from which a helper process hashes half of them: the
# helper starts once for the whole file, so it pays off far below a whole table's threshold.
PARALLEL_HASH_ABOVE = 32_768
READ_AHEAD = 1                          # batches read ahead of the converting thread
CONVERTED_AHEAD = 2                     # batches converted ahead of the protecting one: two smooth out
# the batches that take longer to protect, at the same peak memory (benchmarks/README.md)


class SchemaChanged(Exception):
    """A batch came out with other column types than the first (e.g. a date column kept as text
    because of invalid values): the file must be processed whole."""


def streamable(path: str | Path, recipe: Recipe, fmt: str | None, stream: bool | None = None) -> bool:
    """Whether apply streams this file: CSV or Parquet, big (or ``stream`` forces it), and no
    decision that needs the whole column at once (rare values are rare over the whole file)."""
    if fmt not in STREAM_FORMATS:
        return False
    if any(c.transform.action == "rare_to_other" for c in recipe.columns):
        return False
    # Reach k's levels are applied batch by batch (_StreamedLevels); suppressing the classes still
    # below k needs the whole file, which is then read whole after all.
    if stream is not None:
        return stream
    return Path(path).stat().st_size > STREAM_ABOVE_BYTES


@dataclass
class StreamedCuration:
    loaded: LoadedTable          # the first batch only; ``source`` describes the whole file
    recipe: Recipe               # adapted to the file
    result: CurationResult       # with data_path and rows_out
    drift: DriftReport
    skipped: list[str] = field(default_factory=list)


def _merge_validation(total: ValidationReport, part: ValidationReport) -> None:
    total.rows += part.rows
    total.rows_out += part.rows_out
    total.excluded_rows += part.excluded_rows
    total.notes.extend(n for n in part.notes if n not in total.notes)
    total.untyped_columns.extend(c for c in part.untyped_columns if c not in total.untyped_columns)
    total.rules_off.update(part.rules_off)
    for name, kind in part.column_types.items():
        total.column_types.setdefault(name, kind)
    known = {(r.column, r.rule): r for r in total.results}
    for result in part.results:
        same = known.get((result.column, result.rule))
        if same is None:
            total.results.append(result)
            known[(result.column, result.rule)] = result
            continue
        same.count += result.count
        same.decided_rows += result.decided_rows
        # A unique rule counts its repeated keys over the batches so far; exact duplicates, per batch.
        same.keys = same.keys + result.keys if result.rule == EXACT_DUPLICATES else max(same.keys, result.keys)
        same.examples.extend(result.examples[:max(MAX_EXAMPLES - len(same.examples), 0)])


def _count_values(counts: dict[str, dict[str, int]], table: pa.Table) -> None:
    present = set(table.column_names)
    for name in list(counts):
        if name not in present:
            continue
        column = table.column(name)
        tally = pc.value_counts(pc.drop_null(column))
        seen = counts[name]
        for value, count in zip(tally.field("values").to_pylist(), tally.field("counts").to_pylist(), strict=True):
            seen[value] = seen.get(value, 0) + count
        if len(seen) > MAX_COUNTED_VALUES:
            del counts[name]


def _text_bytes(table: pa.Table) -> int:
    """Roughly what the rows take in the source file: for a progress estimate only."""
    total = 0
    for column in table.columns:
        lengths = pc.sum(pc.binary_length(column)).as_py()
        total += (lengths or 0) + table.num_rows
    return max(total, 1)


def _batches(path: Path, options: ReadOptions, batch_rows: int, encoding_chosen: bool,
             warnings: list[str] | None = None, sha256: Any = None) -> Generator[pa.Table, None, None]:
    for batch in iter_batches(path, options, batch_rows, warnings, encoding_chosen, sha256):
        yield pa.Table.from_batches([batch])


def _once_open(secret: bytes | PendingSecret | None, items: Iterator[Any]) -> Iterator[Any]:
    """``items``, once ``secret`` is open (a wrong passphrase is raised to the consumer)."""
    resolve_secret(secret)
    yield from items


def _used_options(path: Path, given: ReadOptions) -> ReadOptions:
    used = detect_options(path)
    for key, value in given.to_dict().items():
        setattr(used, key, value)
    return used


@dataclass
class _PassSettings:
    """What every pass over the batches shares (a second pass differs only in its columns kept as written)."""

    recipe: Recipe                  # adapted to the file
    vocabulary: Vocabulary
    secret: bytes | PendingSecret | None
    dropped_unmapped: list[str]
    quasi: list[str]                # the quasi-identifiers' output names
    header_row: int
    estimated_rows: int
    progress: ProgressCallback | None
    on_data_started: Callable[[Path, FollowedFile], Any] | None
    data_path: Path
    counts: dict[str, dict[str, int]]   # the coded columns' values, counted by the first pass
    tokens: TokenCache | None = None    # digests of keys met before (a linked submission's)


@dataclass
class _PassResult:
    validation: ValidationReport
    data_path: Path
    schema: pa.Schema = field(default_factory=lambda: pa.schema([]))
    rows: int = 0
    batches: int = 0
    typed_batches: dict[str, int] = field(default_factory=dict)   # column -> batches where it was converted
    quasi_parts: list[pa.Table] = field(default_factory=list)
    persons: TokenCodes = field(default_factory=TokenCodes)    # coded, the pseudonyms of quasi_parts' person column
    follower: Any = None    # what ``on_data_started`` returned for this pass's data file
    levels: _StreamedLevels | None = None       # with Reach k's levels in the recipe


class _StreamedLevels:
    """Reach k's levels applied batch by batch: a value's generalisation is its own, whatever the
    other rows. The classes are counted over the whole file at the end (the streamed risk); a file
    with any class below k is read whole after all, where the too-small classes are suppressed."""

    def __init__(self, recipe: Recipe, quasi: list[str]) -> None:
        self._loose = recipe.levels_only()
        self._quasi = quasi
        self.requested: list[pa.Table] = []     # the quasi-identifiers before the levels, dictionary-encoded
        self.info: dict[str, Any] = {}

    def __call__(self, protected: pa.Table) -> pa.Table:
        present = [q for q in self._quasi if q in protected.column_names]
        self.requested.append(pa.table([pc.dictionary_encode(protected.column(q)) for q in present], names=present))
        generalised, info = apply_recipe_generalisation(protected, self._loose, measured=False)
        if not self.info:
            self.info = {key: info[key] for key in ("levels", "hierarchies", "suppression_cap") if key in info}
        return generalised

    def finish(self, recipe: Recipe, risk: dict[str, Any] | None, generalised: list[pa.Table],
               person: str | None) -> dict[str, Any]:
        """What the whole-table apply says it did (:func:`~curator.protect.persons.generalise_release`),
        or :class:`SchemaChanged` when suppression is needed. ``generalised`` (the quasi-identifiers as
        written, batch by batch) is emptied once measured, and so are the ones kept here."""
        k = recipe.protection.k_target
        smallest = int((risk or {}).get("smallest_class") or 0)
        if k is not None and risk is not None and smallest < k:
            raise SchemaChanged(f"classes below k = {k} once generalised, suppressed over the whole file")
        info = {**self.info, "k": k, "suppressed_records": 0, "classes": int((risk or {}).get("classes") or 0),
                "smallest_class": smallest}
        if person is not None:
            info.update(unit="persons", suppressed_persons=0)
        elif k is not None and recipe.protection.suppression_unit == "cells":
            info.update(cells_suppressed=0, records_touched=0, suppression_unit="cells",
                        cells_per_column={q: 0 for q in self._quasi}, cell_suppression_cap=recipe.protection.cell_suppression_cap)
        if self.requested and sum(part.num_rows for part in self.requested):
            quasi = [q for q in self.requested[0].column_names if q != person]
            # Measured on the dictionary indices: no column as long as the file is spelled out.
            before = _unified(self.requested, quasi)
            self.requested = []
            after = _unified(generalised, quasi)
            generalised.clear()
            highest = {name: highest_level(build_hierarchy(spec, _distinct(before.column(name)), name))
                       for name, spec in info.get("hierarchies", {}).items() if name in quasi}
            info["utility"] = measure_utility(before, after, after, quasi, info.get("levels", {}), highest).to_dict()
        return info


def _unified(parts: list[pa.Table], names: list[str]) -> pa.Table:
    """The ``names`` columns of dictionary-encoded ``parts`` as one table, one dictionary per column."""
    return pa.concat_tables([part.select(names) for part in parts]).unify_dictionaries().combine_chunks()


def _distinct(column: pa.ChunkedArray) -> pa.Array:
    """A column's distinct values (what a hierarchy is built over), from its dictionary if it has one."""
    if pa.types.is_dictionary(column.type):
        return pa.concat_arrays([chunk.dictionary for chunk in column.chunks]) if column.num_chunks \
            else pa.array([], column.type.value_type)
    return column.combine_chunks()


def _as_written(decision: ColumnDecision) -> ColumnDecision:
    """The decision for a column kept as the producer wrote it: not converted, same name and pseudonyms."""

    kept = copy.deepcopy(decision)
    if kept.transform.action == "pseudonymise":
        kept.transform.params.setdefault("kind", pseudonym_kind(decision))
    kept.output_name = output_name(decision)
    kept.concept = None
    return kept


@dataclass
class _ConvertedBatch:
    rows: int
    columns: list[str]      # the source columns converted (the unmapped ones are left out)
    typed: pa.Table
    validation: ValidationReport


def _convert_batch(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary, dropped_unmapped: list[str], first_row: int,
                   date_formats: dict[str, list[str | None]], keys_seen: KeysSeen) -> _ConvertedBatch:
    """One batch converted and validated, its rows numbered from ``first_row`` (the source's header row
    for the first batch)."""

    batch_recipe = dataclasses.replace(recipe, reader=dataclasses.replace(recipe.reader, header_row=first_row))
    present = set(table.column_names)
    kept = table.drop_columns([n for n in dropped_unmapped if n in present])
    typed, part = convert_and_validate(kept, batch_recipe, vocabulary, date_formats=date_formats, keys_seen=keys_seen)
    return _ConvertedBatch(table.num_rows, kept.column_names, typed, part)


class _ConvertedAhead:
    """The first batch converted on a thread with the recipe as it stands, while the file is compared
    with it: a file that matches its recipe (the usual case) then has its first batch ready when the
    comparison ends. ``take`` hands it over for the recipe the comparison settled on, or None."""

    def __init__(self, head: pa.Table, recipe: Recipe, vocabulary: Vocabulary, header_row: int) -> None:
        self._recipe = recipe
        self.date_formats: dict[str, list[str | None]] = {}
        self.keys_seen = KeysSeen()
        self._work: Background[_ConvertedBatch | None] | None = Background(
            lambda: self._run(head, vocabulary, header_row), "curator-convert-first")

    def _run(self, head: pa.Table, vocabulary: Vocabulary, header_row: int) -> _ConvertedBatch | None:
        try:
            unmapped = unmapped_columns(head.column_names, self._recipe)
            return _convert_batch(head, self._recipe, vocabulary, unmapped, header_row, self.date_formats,
                                  self.keys_seen)
        except Exception:  # noqa: BLE001 - the batch is converted again, where an error is reported
            return None

    def take(self, recipe: Recipe) -> _ConvertedBatch | None:
        if self._work is None:
            return None
        # Taken once, and not kept here: the pass would hold the first batch to its end.
        result, self._work = self._work.result(), None
        # The same decisions leave out the same unmapped columns; the reader sets the decimal mark.
        same = recipe.columns == self._recipe.columns and recipe.reader == self._recipe.reader
        return result if same else None

    def close(self) -> None:
        """Wait for the conversion (an apply that stops early leaves no work behind it)."""
        if self._work is not None:
            self._work.wait()


def _converted(tables: Iterator[pa.Table], recipe: Recipe, vocabulary: Vocabulary, dropped_unmapped: list[str],
               header_row: int, counts: dict[str, dict[str, int]],
               ahead: _ConvertedAhead | None = None) -> Iterator[_ConvertedBatch]:
    """Each batch counted (coded columns), converted and validated, with its rows numbered as in the
    source; the first one from ``ahead`` when it was converted with this very recipe."""
    rows_before = 0
    first = ahead.take(recipe) if ahead is not None else None
    # Date formats are detected on the first batch and used for all.
    date_formats = ahead.date_formats if first is not None and ahead is not None else {}
    # Keys repeated across batches are found by carrying those seen (the first batch's too).
    keys_seen = ahead.keys_seen if first is not None and ahead is not None else KeysSeen()
    for table in tables:
        _count_values(counts, table)
        if first is not None:
            converted, first = first, None
        else:
            converted = _convert_batch(table, recipe, vocabulary, dropped_unmapped, header_row + rows_before,
                                       date_formats, keys_seen)
        rows_before += table.num_rows
        yield converted
        del table, converted


class _DataFile:
    """A pass's Parquet file: opened on the first protected batch with its schema, appended to on a
    thread (compression releases the GIL) one table behind, and offered to ``on_data_started`` with a
    reader that follows it as it is written."""

    def __init__(self, path: Path, recipe: Recipe, on_data_started: Callable[[Path, FollowedFile], Any] | None) -> None:
        self.path = path
        self.schema: pa.Schema | None = None
        self.follower: Any = None
        self._recipe = recipe
        self._on_data_started = on_data_started
        self._writer: pq.ParquetWriter | None = None
        self._sink: BackgroundSink[pa.Table] | None = None
        self._followed: FollowedFile | None = None

    def append(self, protected: pa.Table) -> pa.Table:
        """``protected`` queued for writing, cast to the file's schema: the table as written."""
        if self._sink is None or self.schema is None:
            self._open(protected.schema)
        elif not protected.schema.equals(self.schema):
            try:
                protected = protected.cast(self.schema)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError) as exc:
                raise SchemaChanged(str(exc)) from exc
        assert self._sink is not None
        self._sink.put(protected)
        return protected

    def _open(self, schema: pa.Schema) -> None:
        self.schema = schema
        self._writer = pq.ParquetWriter(self.path, schema, **data_file_options(self._recipe, schema))
        self._sink = BackgroundSink(self._write, "curator-parquet-writer")
        if self._on_data_started is not None:
            self._followed = FollowedFile(self.path)
            self.follower = self._on_data_started(self.path, self._followed)

    def _write(self, table: pa.Table) -> None:
        """On the writer's thread: a row group appended, and the reader following the file told."""
        assert self._writer is not None
        self._writer.write_table(table)
        if self._followed is not None:
            self._followed.grew()

    def close(self, completed: bool) -> None:
        """Wait for the writes; the follower reads to the end, or fails if the pass did not complete."""
        try:
            if self._sink is not None:
                try:
                    self._sink.close()
                finally:
                    if self._writer is not None:
                        self._writer.close()
        except BaseException:
            completed = False
            raise
        finally:
            if self._followed is not None:
                self._followed.finish() if completed else self._followed.abandon()


def _tally(done: _PassResult, batch: _ConvertedBatch, written: pa.Table, recipe: Recipe, quasi: list[str]) -> None:
    """What the whole file needs from one batch: its quasi-identifiers, which columns it converted, its findings."""
    names = set(written.column_names)
    present = [q for q in quasi if q in names]
    if present:
        person = _person_name(recipe)
        done.quasi_parts.append(pa.table([_person_part(done.persons, written.column(q)) if q == person
                                          else pc.dictionary_encode(written.column(q)) for q in present], names=present))
    for decision in recipe.columns:
        if decision.concept and decision.source in batch.columns \
                and decision.source not in batch.validation.untyped_columns:
            done.typed_batches[decision.source] = done.typed_batches.get(decision.source, 0) + 1
    _merge_validation(done.validation, batch.validation)
    done.rows += batch.rows
    done.batches += 1


def _person_part(persons: TokenCodes, column: pa.ChunkedArray) -> pa.Array:
    """A batch's person column as gathered for the risk: pseudonyms as their codes in ``persons``
    (four bytes a row, where each batch's own dictionary of them would take about sixty), else
    dictionary-encoded."""
    found = token_words(column)
    if found is None:
        return pc.dictionary_encode(column)
    words, positions = found
    codes = np.full(len(column), -1, dtype=np.int32)
    codes[positions if positions is not None else slice(None)] = persons.add(words)
    return pa.array(codes, mask=codes < 0)


def _pass_recipe(adapted: Recipe, forced_text: set[str]) -> Recipe:
    """The recipe of a pass that keeps ``forced_text`` columns as written."""
    if not forced_text:
        return adapted
    recipe = copy.deepcopy(adapted)
    recipe.columns = [_as_written(c) if c.source in forced_text else c for c in recipe.columns]
    return recipe


def _write_pass(settings: _PassSettings, first: pa.Table | None, rest: Iterator[pa.Table], forced_text: set[str],
                span: tuple[float, float], meanwhile: Callable[[], None] | None = None, ahead: _ConvertedAhead | None = None) -> _PassResult:
    """One pass over the batches: convert, validate, protect, append to ``data_path``.

    ``meanwhile`` runs here once the converting thread has started, before anything is protected
    (an error in it stops the pass). ``ahead``: the first batch, perhaps converted already (see
    :class:`_ConvertedAhead`). ``rest`` is closed when the pass ends (its read-ahead stops).

    Three stages run side by side, a batch apart: reading (a thread), converting and validating
    (another thread; both mostly in Arrow, which releases the GIL) and protecting here, whose
    pseudonyms are half hashed by a helper process.
    """
    recipe = _pass_recipe(settings.recipe, forced_text)
    # A second pass writes a file of its own (the first may still be read by its follower) and
    # counts no values again.
    data_path = settings.data_path if not forced_text else settings.data_path.with_name("data-rewritten.parquet")
    counts = settings.counts if not forced_text else {}
    done = _PassResult(ValidationReport(), data_path)
    output = _DataFile(data_path, recipe, settings.on_data_started)
    started = time.monotonic()
    tables = itertools.chain([first], rest) if first is not None else rest
    batches = Prefetched(_converted(tables, recipe, settings.vocabulary, settings.dropped_unmapped,
                                    settings.header_row, counts, ahead), CONVERTED_AHEAD)
    completed = False
    try:
        if meanwhile is not None:
            meanwhile()
        key = resolve_secret(settings.secret)    # a pending one is waited for while the first batch is converted
        if recipe.protection.generalisation:
            done.levels = _StreamedLevels(recipe, [q for q in settings.quasi if q != _person_name(recipe)])
        for batch in batches:
            protected = protect_table(batch.typed, recipe.columns, key, parallel_above=PARALLEL_HASH_ABOVE,
                                      tokens=settings.tokens)
            written = output.append(done.levels(protected) if done.levels is not None else protected)
            del protected
            _tally(done, batch, written, recipe, settings.quasi)
            rate = done.rows / max(time.monotonic() - started, 1e-6)
            report(settings.progress, span[0] + (span[1] - span[0]) * min(done.rows / settings.estimated_rows, 1.0),
                   Text(QT_TRANSLATE_NOOP("core", "{rows:,} rows, {rate:,.0f} rows/s"), rows=done.rows, rate=rate))
            del batch, written
        completed = True
    finally:
        batches.close()                 # the converting thread first, then the reading one
        close_reading = getattr(rest, "close", None)
        if close_reading is not None:
            close_reading()
        output.close(completed)
    if output.schema is None:
        raise SchemaChanged("no rows")
    done.schema, done.follower = output.schema, output.follower
    return done


@dataclass
class _Run:
    """A streamed apply's inputs that the stages below read."""

    recipe: Recipe
    vocabulary: Vocabulary
    secret: bytes | PendingSecret | None
    strict: bool
    say: Callable[[str], None] | None
    check_secret: Callable[[Recipe], None] | None
    progress: ProgressCallback | None


@dataclass
class _StreamSource:
    """The file as the streamed apply reads it, once or twice, and fingerprints it."""

    shown: str                      # the path as given, for messages
    path: Path
    used: ReadOptions
    encoding_chosen: bool
    batch_rows: int
    size: int
    hashed: Any                     # a SHA-256 fed by the first pass (CSV), or None
    digest: BackgroundDigest | None  # else the file hashed on a thread beside the pass
    warnings: list[str] = field(default_factory=list)  # what reading the whole file would have warned about

    @classmethod
    def open(cls, path: str | Path, options: ReadOptions | None, batch_rows: int) -> _StreamSource:
        source = Path(path)
        used = _used_options(source, options or ReadOptions())
        # A CSV file is fingerprinted as the first pass reads it; other files on a thread beside it.
        hashed = hashlib.sha256() if used.format == "csv" else None
        digest = BackgroundDigest(source) if hashed is None else None
        return cls(str(path), source, used, options is not None and options.encoding is not None, batch_rows,
                   source.stat().st_size, hashed, digest)

    @property
    def header_row(self) -> int:
        return self.used.header_row or 1

    def first_pass(self) -> Iterator[pa.Table]:
        return _batches(self.path, self.used, self.batch_rows, self.encoding_chosen, self.warnings, self.hashed)

    def again(self) -> Iterator[pa.Table]:
        return _batches(self.path, self.used, self.batch_rows, self.encoding_chosen)

    def fingerprint(self) -> str:
        if self.hashed is not None:
            return str(self.hashed.hexdigest())
        assert self.digest is not None
        return self.digest.result()

    def info(self, fingerprint: str, rows: int) -> SourceInfo:
        return SourceInfo(str(self.path.resolve()), self.used.format or "", self.size, fingerprint, self.used, rows)


def _estimated_rows(source: _StreamSource, head: pa.Table) -> int:
    """The file's rows, from its metadata (Parquet) or from its size and the first batch's (CSV)."""
    if source.used.format == "parquet":
        return int(pq.ParquetFile(source.path).metadata.num_rows)
    return max(int(source.size / (_text_bytes(head) / max(head.num_rows, 1))), head.num_rows)


def _settle(run: _Run, source: _StreamSource, head: pa.Table) -> tuple[DriftReport, Recipe, list[str]]:
    """The first batch compared with the recipe: the drift, the recipe adapted to the file, what was skipped."""
    report(run.progress, 0.02, QT_TRANSLATE_NOOP("core", "comparing with the recipe"))
    drift = compare(run.recipe, head, run.vocabulary, file=source.shown)
    if run.say is not None:
        run.say(drift.to_text())
    if run.strict and drift.has_drift:
        raise DriftStop(drift)
    adapted, skipped = adapt(run.recipe, drift)
    as_read(adapted, source.used)
    if run.check_secret is not None:
        run.check_secret(adapted)
    if run.secret and any(c.transform.action in ("pseudonymise", "date_shift") for c in adapted.columns):
        _pool.warm_up()     # the hashing helper starts while the first rows are identified, not on them
    return drift, adapted, skipped


def _profiles(recipe: Recipe, drift: DriftReport) -> Callable[[ColumnDecision], dict[str, Any]]:
    """The profile the recipe holds of a decision's source column, under its former name if renamed."""
    profiles = {str(p.get("name")): p for p in recipe.source_columns}
    renamed = {r.new: r.old for r in (*drift.renamed, *drift.known_renames)}
    return lambda decision: profiles.get(renamed.get(decision.source, decision.source), {})


def _coded_counts(adapted: Recipe, profile_of: Callable[[ColumnDecision], dict[str, Any]],
                  vocabulary: Vocabulary) -> dict[str, dict[str, int]]:
    """An empty tally for each coded column: every value of the file is counted, to find new code values anywhere."""
    counts: dict[str, dict[str, int]] = {}
    for decision in adapted.columns:
        if decision.transform.action != "drop" and is_coded(decision, profile_of(decision), vocabulary):
            counts[decision.source] = {}
    return counts


def _quasi_names(adapted: Recipe) -> list[str]:
    """The quasi-identifiers as named in the output, and the person key when it leaves (gathered with them)."""
    quasi = []
    for name in adapted.protection.quasi_identifiers:
        decision = adapted.column(name)
        quasi.append(output_name(decision) if decision is not None else name)
    person = _person_name(adapted)
    return [*quasi, person] if person is not None and person not in quasi else quasi


def _person_name(adapted: Recipe) -> str | None:
    decision = adapted.column(adapted.person_key) if adapted.person_key else None
    return output_name(decision) if decision is not None and decision.transform.action != "drop" else None


class _Identification:
    """The columns identified on the first rows, while the first batches are converted (mostly in
    Arrow, without the GIL): called once, as the first pass's ``meanwhile``."""

    def __init__(self, head: pa.Table, source: _StreamSource, adapted: Recipe, vocabulary: Vocabulary) -> None:
        # Identification looks at a sample of values anyway: the first rows stand for the file.
        self._sample: pa.Table | None = head.slice(0, IDENTIFY_ROWS)
        self._source = source
        self._adapted = adapted
        self._vocabulary = vocabulary
        self.identifications: list[ColumnIdentification] = []
        self.kept_direct: list[str] = []

    def __call__(self) -> None:
        sample, self._sample = self._sample, None
        assert sample is not None
        loaded = LoadedTable(sample, self._source.info("", sample.num_rows))
        self.identifications = effective_classes(loaded, self._adapted)
        self.kept_direct = check_no_silent_keep(self._adapted, self.identifications, self._vocabulary)


def _later_new_codes(drift: DriftReport, adapted: Recipe, counts: dict[str, dict[str, int]],
                     profile_of: Callable[[ColumnDecision], dict[str, Any]], vocabulary: Vocabulary) -> list[NewCodes]:
    """Code values with no mapping found after the first batch; ``drift`` updated with all of them."""
    later: list[NewCodes] = []
    already = {n.column: {v for v, _ in n.values} for n in drift.new_codes}
    for decision in adapted.columns:
        tally = counts.get(decision.source)
        if tally is None:
            continue
        found = new_codes_from_counts(decision, profile_of(decision), tally, vocabulary)
        if found is None:
            continue
        previous = [n for n in drift.new_codes if n.column == decision.source]
        if previous:
            previous[0].values = found.values
            previous[0].suggestions.update(found.suggestions)
        extra = [(v, c) for v, c in found.values if v not in already.get(decision.source, set())]
        if extra:
            later.append(NewCodes(decision.source, extra, found.suggestions))
            if not previous:
                drift.new_codes.append(found)
    return later


def _drift_further_on(run: _Run, drift: DriftReport, adapted: Recipe, counts: dict[str, dict[str, int]],
                      profile_of: Callable[[ColumnDecision], dict[str, Any]], skipped: list[str]) -> None:
    """New code values after the first batch are drift too: said, and fatal under ``strict``."""
    later = _later_new_codes(drift, adapted, counts, profile_of, run.vocabulary)
    if not later:
        return
    text = "\n".join(f"  codes:     '{n.column}' has values with no mapping after the first rows: "
                     + ", ".join(f"'{v}' ({c:,})" for v, c in n.values[:20]) for n in later)
    if run.say is not None:
        run.say("Drift found further on in the file:\n" + text)
    if run.strict:
        raise DriftStop(drift)
    skipped.extend(f"'{n.column}': {sum(c for _, c in n.values):,} later row(s) hold {len(n.values)} value(s) "
                   "with no mapping, left to validation" for n in later)


def _rewrite_mixed(settings: _PassSettings, source: _StreamSource, done: _PassResult) -> _PassResult:
    """The data written again when some batches converted a column and others kept it as written.

    A column must be one or the other, as in the whole-table apply: those columns are kept as
    written in a second pass. The validation findings of the first pass stand.
    """
    mixed = {name for name, typed in done.typed_batches.items() if 0 < typed < done.batches}
    if not mixed:
        return done
    report(settings.progress, 0.5, Text(QT_TRANSLATE_NOOP("core", "writing again: {columns} keep their values as written"),
           columns=", ".join(sorted(mixed))))
    again = _write_pass(settings, None, Prefetched(source.again(), READ_AHEAD), mixed, (0.5, 0.85))
    done.validation.untyped_columns.extend(c for c in sorted(mixed) if c not in done.validation.untyped_columns)
    return again


def _risk(quasi_parts: list[pa.Table], k: int | None, person: str | None,
          persons: TokenCodes | None = None) -> dict[str, Any] | None:
    """The re-identification risk measured on the quasi-identifiers gathered from every batch (with
    the person key, when it leaves: then counted in persons, ``persons`` coding its pseudonyms)."""
    if not quasi_parts or not [name for name in quasi_parts[0].column_names if name != person]:
        return None
    quasi_table = _gathered(quasi_parts, person, persons or TokenCodes())
    quasi = [name for name in quasi_table.column_names if name != person]
    return release_risk(quasi_table, quasi, k, person if person in quasi_table.column_names else None).to_dict()


def _gathered(parts: list[pa.Table], person: str | None, persons: TokenCodes) -> pa.Table:
    """The batches' quasi-identifiers as one table, the person column's codes (:func:`_person_part`)
    as a dictionary of the persons' numbers: one dictionary, none to unify, and no pseudonym spelled
    out, since counting persons needs only which rows share one."""
    names = parts[0].column_names
    if person is None or person not in names:
        return _unified(parts, names)
    columns = [part.column(person).combine_chunks() for part in parts]
    if all(pa.types.is_integer(column.type) for column in columns):
        others = _unified(parts, [name for name in names if name != person])
        coded = pa.DictionaryArray.from_arrays(pa.concat_arrays(columns), pa.array(np.arange(persons.count)))
        return others.add_column(names.index(person), person, coded)
    # Some batches held other values than pseudonyms: every batch's values spelled out, then unified.
    pseudonyms = persons.text()
    index = names.index(person)
    parts = [part.set_column(index, person, pa.DictionaryArray.from_arrays(column, pseudonyms)
                             if pa.types.is_integer(column.type) else column) for part, column in zip(parts, columns, strict=True)]
    return pa.concat_tables(parts).unify_dictionaries().combine_chunks()


def curate_streaming(path: str | Path, recipe: Recipe, vocabulary: Vocabulary, secret: bytes | PendingSecret | None,
                     options: ReadOptions | None, workdir: Path, strict: bool = False,
                     say: Callable[[str], None] | None = None, check_secret: Callable[[Recipe], None] | None = None,
                     progress: ProgressCallback | None = None, batch_rows: int = BATCH_ROWS,
                     on_data_started: Callable[[Path, FollowedFile], Any] | None = None,
                     tokens: TokenCache | None = None) -> StreamedCuration:
    """Convert, validate and protect ``path`` batch by batch into ``workdir/data.parquet``.

    Raises ``DriftStop`` (see :mod:`curator.recipe.apply`) under ``strict`` when the first batch
    drifts, or when later rows hold new code values; :class:`SchemaChanged` when batches cannot
    share one output schema. ``on_data_started`` is called with the data file as soon as it is
    created and a reader that follows it as it is written (see :func:`_write_pass`); what it
    returns for the file finally kept is the result's ``data_encryption``. ``tokens``: the
    pseudonyms of keys met in earlier tables (:class:`~curator.protect.pseudonym.TokenCache`).
    """
    run = _Run(recipe, vocabulary, secret, strict, say, check_secret, progress)
    source = _StreamSource.open(path, options, batch_rows)
    batches = source.first_pass()
    head = next(batches, None)
    if head is None:
        raise SchemaChanged("no rows")
    # The next batches are read while the first is compared with the recipe and identified, once
    # the secret is open: its scrypt holds 256 MiB or more in the helper process, and the batches
    # read ahead would add theirs to it. A secret still opening is waited for on the reading thread.
    rest = Prefetched(_once_open(secret, batches), READ_AHEAD)
    ahead = _ConvertedAhead(head, recipe, vocabulary, source.header_row)
    try:
        estimated_rows = _estimated_rows(source, head)
        drift, adapted, skipped = _settle(run, source, head)
        profile_of = _profiles(recipe, drift)
        settings = _PassSettings(adapted, vocabulary, secret, unmapped_columns(head.column_names, adapted),
                                 _quasi_names(adapted), source.header_row, estimated_rows, progress, on_data_started,
                                 workdir / "data.parquet", _coded_counts(adapted, profile_of, vocabulary), tokens)
        identify = _Identification(head, source, adapted, vocabulary)
        head_schema = head.schema
        done = _write_pass(settings, head, rest, set(), (0.05, 0.85), identify, ahead)
    finally:
        rest.close()
        ahead.close()
    del head, ahead
    validation = done.validation        # the first pass's findings stand, whatever is written again
    _drift_further_on(run, drift, adapted, settings.counts, profile_of, skipped)
    done = _rewrite_mixed(settings, source, done)
    report(progress, 0.88, QT_TRANSLATE_NOOP("core", "measuring re-identification risk"))
    risk = _risk(done.quasi_parts, adapted.protection.k_target, _person_name(adapted), done.persons)
    # The risk's and the utility's columns, each as long as the file, in turn: the pages the first
    # freed go back to the system before the second.
    done.persons = TokenCodes()
    pa.default_memory_pool().release_unused()
    generalisation = (done.levels.finish(adapted, risk, done.quasi_parts, _person_name(adapted))
                      if done.levels is not None else {})
    validation.column_types = {f.name: str(f.type) for f in done.schema}
    loaded = LoadedTable(head_schema.empty_table(), source.info(source.fingerprint(), done.rows), source.warnings)
    result = CurationResult(done.schema.empty_table(), identify.identifications, validation, risk,
                            settings.dropped_unmapped, identify.kept_direct, data_path=done.data_path,
                            rows_out=validation.rows_out, data_encryption=done.follower,
                            generalisation=generalisation)
    return StreamedCuration(loaded, copy.deepcopy(adapted), result, drift, skipped)
