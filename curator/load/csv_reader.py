"""Delimited text through pyarrow.csv: every column as text, parsed in parallel.

The parse runs on pyarrow's threads (transcoding code pages such as Windows-1252 as it streams)
while a second thread hashes the file (SHA-256) and this one reports progress. Nothing is presented
half-loaded: a ragged row, an undecodable byte or a runaway quote stops the read with the lines to
look at.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from curator.errors import InputError, Location
from curator.load.code_page import Latin1Plan, Undefined, latin1_plan, latin1_text, put_right
from curator.load.fingerprint import BackgroundDigest, DigestingFile, arrow_file
from curator.load.names import unique_names
from curator.load.text_dialect import TextDialect, detect_dialect, detect_encoding, read_sample
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import Cancelled, ProgressCallback, report
from curator.source import ReadOptions

BLOCK_BYTES = 1024 * 1024
POLL_SECONDS = 0.1
MAX_BLOCK_BYTES = 256 * 1024 * 1024
# A cell longer than this is a missing closing quote or a file pasted into a cell, not a value.
MAX_CELL_CHARS = 1_000_000
MAX_REPORTED_LINES = 10
_CHOOSE_ENCODING = Text(QT_TRANSLATE_NOOP("core", "Choose the right encoding (for example utf-8, cp1252, latin-1)."))


def _read_with_progress(path: Path, plan: CsvPlan, handler: Any, block_size: int,
                        progress: ProgressCallback | None) -> pa.Table:
    """pyarrow's parallel read on a worker thread; this thread reports how far it got and handles Cancel.

    pyarrow reads a native file far faster than a Python one, so progress is the file position,
    polled; cancelling closes the file under the reader, which makes it stop.
    """
    source = arrow_file(path)
    size = max(path.stat().st_size, 1)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-csv") as pool:
        future = pool.submit(pacsv.read_csv, source, read_options=plan.read_options(block_size),
                             parse_options=plan.parse_options(handler), convert_options=plan.convert_options())
        try:
            while True:
                try:
                    return future.result(timeout=POLL_SECONDS)
                except FutureTimeout:
                    position = source.tell() if not source.closed else size
                    report(progress, 0.95 * position / size, QT_TRANSLATE_NOOP("core", "Reading"))
        except Cancelled:
            source.close()
            with contextlib.suppress(Exception):
                future.result()
            raise
        finally:
            if not source.closed:
                source.close()


@dataclass
class CsvPlan:
    """The pyarrow options for one text file, and what detection found on the way."""

    dialect: TextDialect
    names: list[str]
    original_names: list[str]
    warnings: list[str] = field(default_factory=list)

    def read_options(self, block_size: int = BLOCK_BYTES, use_threads: bool = True) -> pacsv.ReadOptions:
        return pacsv.ReadOptions(use_threads=use_threads, block_size=block_size,
                                 skip_rows=self.dialect.header_line, column_names=self.names,
                                 encoding=self.pyarrow_encoding)

    @property
    def latin1(self) -> Latin1Plan | None:
        """Set when the code page is read as Latin-1 and put right afterwards (curator.load.code_page)."""
        return latin1_plan(self.dialect.encoding)

    @property
    def pyarrow_encoding(self) -> str:
        encoding = self.dialect.encoding
        # pyarrow parses UTF-8 natively and skips its BOM; other encodings go through its transcoder.
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig"):
            return "utf8"
        return "latin-1" if self.latin1 is not None else encoding

    def parse_options(self, handler: Any = None) -> pacsv.ParseOptions:
        return pacsv.ParseOptions(delimiter=self.dialect.delimiter, quote_char=self.dialect.quotechar,
                                  double_quote=True, newlines_in_values=True, ignore_empty_lines=True,
                                  invalid_row_handler=handler)

    def convert_options(self, columns: Sequence[str] | None = None, raw: bool = False) -> pacsv.ConvertOptions:
        # Text pyarrow transcodes is UTF-8 by construction (Python's codec wrote it): checking it
        # again costs a pass over every value. A file
        # read as UTF-8 is checked: an invalid byte there means the encoding guess was wrong.
        # ``columns`` (names of the file): only those are built, checked and put right; ``raw``:
        # as bytes (:meth:`raw_latin1`).
        return pacsv.ConvertOptions(column_types={name: pa.binary() if raw else pa.string()
                                                  for name in columns or self.names},
                                    include_columns=columns or (),
                                    strings_can_be_null=True, quoted_strings_can_be_null=True, null_values=[""],
                                    check_utf8=self.pyarrow_encoding == "utf8" and not raw)

    def kept(self, columns: Sequence[str]) -> list[str]:
        """The file's columns among ``columns``, in the file's order; its first column when it has
        none of them (the rows are still read, so that they are still checked)."""
        wanted = set(columns)
        return [name for name in self.names if name in wanted] or self.names[:1]

    def raw_latin1(self, path: Path) -> bool:
        """Whether a read of a few columns may split the file's own bytes and transcode only those
        columns (``code_page.latin1_text``) rather than have pyarrow transcode the whole file, on
        one thread holding the GIL. The delimiter, quotes and line ends are ASCII, which Latin-1
        keeps byte for byte, so the rows split alike; but a UTF-8 read skips a leading BOM that a
        Latin-1 read keeps in the first value, so a file starting with one is transcoded."""
        if self.pyarrow_encoding != "latin-1":
            return False
        with path.open("rb") as source:
            return source.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8

    def options(self, given: ReadOptions) -> ReadOptions:
        return ReadOptions(format="csv", encoding=self.dialect.encoding, delimiter=self.dialect.delimiter,
                           quotechar=self.dialect.quotechar, header_row=self.dialect.header_line,
                           decimal=given.decimal or self.dialect.decimal,
                           thousands=given.thousands or self.dialect.thousands,
                           max_uncompressed_bytes=given.max_uncompressed_bytes)


def plan_csv(path: Path, options: ReadOptions, sample: bytes | None = None) -> CsvPlan:
    dialect = detect_dialect(path, encoding=options.encoding, delimiter=options.delimiter,
                             quotechar=options.quotechar, header_row=options.header_row, sample=sample)
    if dialect.width == 0:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file holds no data: it is blank or contains only "
                                                        "spaces and empty lines.")),
                         Location(file=str(path)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Export the data again from the source system and "
                                                             "check the export finished.")))
    names, name_warnings = unique_names(dialect.header)
    return CsvPlan(dialect=dialect, names=names, original_names=list(dialect.header),
                   warnings=dialect.warnings + name_warnings)


@dataclass
class CsvResult:
    table: pa.Table
    plan: CsvPlan
    sha256: str
    warnings: list[str]


def read_csv_file(path: Path, options: ReadOptions, progress: ProgressCallback | None = None) -> CsvResult:
    sample = read_sample(path)
    plan = plan_csv(path, options, sample)
    warnings = list(plan.warnings)
    block_size = BLOCK_BYTES
    digest = BackgroundDigest(path)
    while True:
        bad_rows: list[Any] = []

        def collect(row: Any, bad_rows: list[Any] = bad_rows) -> str:
            bad_rows.append(row)
            return "skip"

        try:
            table = _read_with_progress(path, plan, collect, block_size, progress)
        except pa.ArrowInvalid as error:
            text = str(error)
            if "straddling" in text and block_size < MAX_BLOCK_BYTES:
                block_size *= 4
                continue
            # A ragged row that is not UTF-8 never reaches the handler (pyarrow cannot decode it to
            # hand it over) and fails the read as "Expected N columns": a code page export too.
            undecodable_row = text.startswith("CSV parse error: Expected") and not bad_rows
            if ("UTF8" in text.replace("-", "").upper() or undecodable_row) and options.encoding is None and \
                    plan.dialect.encoding in ("utf-8", "utf-8-sig"):
                # The first MiB was UTF-8 (often plain ASCII) but a later line is not: a code page export.
                plan = _replan_encoding(path, options, plan)
                warnings = list(plan.warnings)
                continue
            raise _parse_error(path, plan, text) from None
        except UnicodeDecodeError as error:
            # Windows-1252's undefined bytes never get here: it is read as Latin-1 (see code_page).
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file cannot be decoded as {encoding}: {reason}."),
                                  encoding=plan.dialect.encoding, reason=error.reason),
                             Location(file=str(path)), hint=_CHOOSE_ENCODING) from None
        break
    if bad_rows:
        raise _ragged_error(path, plan, bad_rows)
    latin1 = plan.latin1
    if latin1 is not None:
        table, undefined = put_right(table, latin1)
        if undefined:
            warnings.append(_undefined_bytes(path, plan, undefined, chosen=options.encoding is not None))
    _check_cell_lengths(path, plan, table)
    if table.num_rows == 0:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file has a header but no data rows.")),
                         Location(file=str(path), line=plan.dialect.header_line or None),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Export the data again, including the rows, or check "
                                                             "the header row option.")))
    if _has_mixed_line_endings(sample):
        warnings.append(Text(QT_TRANSLATE_NOOP("core", "The file mixes Windows (CRLF) and Unix (LF) line endings; each was read as a line break.")))
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "Read"))
    return CsvResult(table=table, plan=plan, sha256=digest.result(), warnings=warnings)


def _undefined_bytes(path: Path, plan: CsvPlan, undefined: list[Undefined], chosen: bool) -> Text:
    """The warning for bytes the code page leaves undefined; an error when the user chose that code page."""
    first = undefined[0]
    if chosen or plan.dialect.encoding != "cp1252":
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file cannot be decoded as {encoding}: byte 0x{byte:02X} "
                                                        "in column '{column}' (data row {row}) has no character in "
                                                        "that encoding."),
                              encoding=plan.dialect.encoding, byte=first.byte, column=first.column, row=first.row + 1),
                         Location(file=str(path), column=first.column), hint=_CHOOSE_ENCODING)
    return Text(QT_TRANSLATE_NOOP("core", "Byte 0x{byte:02X} in column '{column}' (data row {row}) has no "
                                          "Windows-1252 character: such bytes were read as Latin-1 control "
                                          "characters."), byte=first.byte, column=first.column, row=first.row + 1)


def _replan_encoding(path: Path, options: ReadOptions, plan: CsvPlan) -> CsvPlan:
    sample = _sample_around_first_non_utf8(path)

    encoding = detect_encoding(sample, path) if sample else "cp1252"
    if encoding in ("utf-8", "utf-8-sig"):
        encoding = "cp1252"
    given = ReadOptions(**{**options.to_dict(), "encoding": encoding, "delimiter": plan.dialect.delimiter})
    return plan_csv(path, given)


def _sample_around_first_non_utf8(path: Path) -> bytes:
    decoder_chunk = 4 * 1024 * 1024
    with path.open("rb") as source:
        carry = b""
        while chunk := source.read(decoder_chunk):
            data = carry + chunk
            try:
                data.decode("utf-8")
                carry = b""
                continue
            except UnicodeDecodeError as error:
                if error.start >= len(data) - 4 and len(chunk) == decoder_chunk:
                    carry = data[error.start:]
                    continue
                start = max(0, error.start - 64 * 1024)
                return data[start:error.start + 64 * 1024]
    return b""


def _has_mixed_line_endings(sample: bytes) -> bool:
    crlf = sample.count(b"\r\n")
    return 0 < crlf < sample.count(b"\n")


def _first_line(text: str) -> str:
    return re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]


def _data_line_numbers(path: Path, plan: CsvPlan, texts: list[str]) -> dict[str, int]:
    """Physical line numbers where the given rows start (the error path only: a plain scan of the file)."""
    wanted = {_first_line(text) for text in texts}
    found: dict[str, int] = {}
    # Decoded as the reader decoded it, so that the texts of its bad rows are found as they are.
    with path.open("r", encoding=plan.pyarrow_encoding, errors="replace", newline="") as source:
        for number, line in enumerate(source, start=1):
            stripped = line.rstrip("\r\n")
            if number > plan.dialect.header_line and stripped in wanted and stripped not in found:
                found[stripped] = number
                if len(found) == len(wanted):
                    break
    return found


def _ragged_error(path: Path, plan: CsvPlan, bad_rows: list[Any]) -> InputError:
    width = len(plan.names)
    shown = bad_rows[:MAX_REPORTED_LINES]
    lines = _data_line_numbers(path, plan, [row.text for row in shown])
    quote = plan.dialect.quotechar
    details = []
    unclosed = False
    for row in shown:
        number = lines.get(_first_line(row.text))
        place = (Text(QT_TRANSLATE_NOOP("core", "line {line}"), line=number) if number
                 else Text(QT_TRANSLATE_NOOP("core", "a line")))
        first = _first_line(row.text)
        preview = first if len(first) <= 80 else first[:77] + "..."
        if first != row.text and row.text.count(quote) % 2 == 1:
            unclosed = True
            details.append(Text(QT_TRANSLATE_NOOP("core", "{place}: a quote ({quote}) opens a value and is never "
                                                          "closed, so the lines after it were read into that value: "
                                                          "{preview}"), place=place, quote=quote, preview=preview))
        else:
            details.append(Text(QT_TRANSLATE_NOOP("core", "{place}: {count} fields instead of {width}: {preview}"),
                                place=place, count=row.actual_columns, width=width, preview=preview))
    more = (Text(QT_TRANSLATE_NOOP("core", " (showing the first {count})"), count=len(shown))
            if len(bad_rows) > len(shown) else "")
    first_line = lines.get(_first_line(shown[0].text))
    delimiter = (Text(QT_TRANSLATE_NOOP("core", "tab")) if plan.dialect.delimiter == "\t"
                 else plan.dialect.delimiter)
    cause = (Text(QT_TRANSLATE_NOOP("core", "Close or remove the unmatched {quote} on that line, or choose another "
                                            "quote character."), quote=quote)
             if unclosed else
             Text(QT_TRANSLATE_NOOP("core", "A value probably contains the separator '{delimiter}' without quotes, "
                                            "or a line was cut."), delimiter=delimiter))
    error = InputError(
        Text(QT_TRANSLATE_NOOP("core", "{count} row(s) do not have the {width} fields of the header{more}; nothing "
                                       "was loaded, so that no row is silently lost or shifted."),
             count=len(bad_rows), width=width, more=more),
        Location(file=str(path), line=first_line),
        hint=Text.joined(" ", [cause, Text(QT_TRANSLATE_NOOP("core", "Fix those lines in the source system or a text "
                                                                     "editor, then load the file again."))]))
    error.details.extend(details)
    return error


def _parse_error(path: Path, plan: CsvPlan, text: str) -> InputError:
    message = re.sub(r"^CSV parse error: ", "", text).strip()
    if "UTF8" in message.replace("-", "").upper():
        return InputError(Text(QT_TRANSLATE_NOOP("core", "The file is not valid {encoding} text."),
                               encoding=plan.dialect.encoding), Location(file=str(path)),
                          hint=Text(QT_TRANSLATE_NOOP("core", "Choose the encoding the file was written in (for "
                                                              "example cp1252 for Windows exports).")))
    # pyarrow's own words stay as they are: they name the line and the problem.
    return InputError(Text(QT_TRANSLATE_NOOP("core", "The file cannot be read as delimited text: {reason}"),
                           reason=message), Location(file=str(path)),
                      hint=Text(QT_TRANSLATE_NOOP("core", "Check the delimiter and quote options, or export the data "
                                                          "again.")))


def _longest_bytes(column: pa.ChunkedArray) -> tuple[int, int]:
    """(longest value in UTF-8 bytes, its row), read from the offsets alone."""
    lengths = pc.binary_length(column)
    longest = pc.max(lengths).as_py() or 0
    return longest, (pc.index(lengths, longest).as_py() if longest else 0)


def _check_cell_lengths(path: Path, plan: CsvPlan, table: pa.Table) -> None:
    for name in table.column_names:
        # A chunk of fewer bytes than the limit holds no cell above it: with pyarrow's 1 MiB blocks,
        # that is every chunk of almost every file, and nothing is measured.
        if all(chunk.nbytes <= MAX_CELL_CHARS for chunk in table.column(name).chunks):
            continue
        longest, row = _longest_bytes(table.column(name))
        if longest <= MAX_CELL_CHARS:
            continue
        characters = len(table.column(name)[row].as_py())
        if characters > MAX_CELL_CHARS:
            raise InputError(
                Text(QT_TRANSLATE_NOOP("core", "A value in column '{column}' is {characters:,} characters long (data "
                                               "row {row}), above the {limit:,} characters curator accepts in one "
                                               "cell: such a cell is a quote opened and never closed, which swallows "
                                               "the lines after it, or a whole document pasted into a cell."),
                     column=name, characters=characters, row=row + 1, limit=MAX_CELL_CHARS),
                Location(file=str(path), column=name),
                hint=Text(QT_TRANSLATE_NOOP("core", "Look for an unmatched quote in that column near that row, or "
                                                    "remove the pasted document, then load the file again.")))


def iter_csv_batches(path: Path, options: ReadOptions, batch_rows: int, warnings: list[str] | None = None,
                     encoding_chosen: bool | None = None, sha256: Any = None,
                     columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
    """The file's rows in batches, read as :func:`read_csv_file` reads them whole. What it would warn
    about goes to ``warnings``: the plan's notes at once, a byte Windows-1252 leaves undefined
    (its first one, with its data row in the file) when it is met. Such a byte is an error instead
    when the user chose the encoding: ``encoding_chosen``, by default whether ``options`` names one
    (a caller that fills in detected options says which were the user's). ``sha256``, a hashlib
    object, is fed every byte of the file as it is read (complete once the last batch is out).

    ``columns``: only these are built (:meth:`CsvPlan.kept`). Every row is still split, so a ragged
    row is refused as in a whole read; what is found in a value (an undefined byte, invalid UTF-8)
    is found in these columns only."""
    try:
        yield from _csv_batches(path, options, batch_rows, warnings, encoding_chosen, sha256, columns, raw=True)
    except pa.ArrowInvalid:
        if columns is None:
            raise
        # Split as bytes (CsvPlan.raw_latin1), a ragged row holding a byte from 0x80 cannot be
        # handed over as text and fails the read: read again transcoded, it is refused with its line.
        for _batch in _csv_batches(path, options, batch_rows, None, encoding_chosen, None, columns, raw=False):
            pass
        raise


def _csv_batches(path: Path, options: ReadOptions, batch_rows: int, warnings: list[str] | None,
                 encoding_chosen: bool | None, sha256: Any, columns: Sequence[str] | None,
                 raw: bool) -> Iterator[pa.RecordBatch]:
    """:func:`iter_csv_batches`; ``raw``: a few columns of a Latin-1 read may be split as bytes."""
    plan = plan_csv(path, options)
    kept = plan.kept(columns) if columns is not None else None
    raw = raw and kept is not None and plan.raw_latin1(path)
    chosen = options.encoding is not None if encoding_chosen is None else encoding_chosen
    if warnings is not None:
        warnings.extend(plan.warnings)
    bad_rows: list[Any] = []
    rows_before = 0
    undefined_seen = False

    def collect(row: Any) -> str:
        bad_rows.append(row)
        return "skip"

    latin1 = plan.latin1

    def finished(table: pa.Table) -> Iterator[pa.RecordBatch]:
        nonlocal rows_before, undefined_seen
        # Put right once per outgoing batch, joined: pyarrow's own batches are a few thousand rows
        # each, and a scan per column costs less than a scan per piece of it.
        table = table.combine_chunks()
        if raw:
            table = pa.Table.from_arrays([pa.chunked_array([latin1_text(chunk) for chunk in column.chunks], pa.string())
                                          for column in table.columns], names=table.column_names)
        if latin1 is not None:
            table, undefined = put_right(table, latin1)
            if undefined and not undefined_seen:
                undefined_seen = True
                in_file = [dataclasses.replace(u, row=u.row + rows_before) for u in undefined]
                warning = _undefined_bytes(path, plan, in_file, chosen=chosen)
                if warnings is not None:
                    warnings.append(warning)
        rows_before += table.num_rows
        yield from table.to_batches(max_chunksize=batch_rows)

    opened = arrow_file(path) if sha256 is None else pa.PythonFile(DigestingFile(path, sha256), mode="r")
    with opened as source:
        read_options = plan.read_options()
        if raw:
            read_options.encoding = "utf8"
        reader = pacsv.open_csv(source, read_options=read_options, parse_options=plan.parse_options(collect),
                                convert_options=plan.convert_options(kept, raw))
        pending: list[pa.RecordBatch] = []
        pending_rows = 0
        for batch in reader:
            if bad_rows:
                raise _ragged_error(path, plan, bad_rows)
            pending.append(batch)
            pending_rows += batch.num_rows
            while pending_rows >= batch_rows:
                combined = pa.Table.from_batches(pending)
                yield from finished(combined.slice(0, batch_rows))
                rest = combined.slice(batch_rows).combine_chunks()
                pending = rest.to_batches()
                pending_rows = rest.num_rows
        if bad_rows:
            raise _ragged_error(path, plan, bad_rows)
        if pending_rows:
            yield from finished(pa.Table.from_batches(pending))
