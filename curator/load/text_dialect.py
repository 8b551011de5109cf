"""How a delimited text file is written: encoding, delimiter, header line, decimal and thousands marks.

Everything here works on a sample (the first MiB): cheap, and good enough that the full read
confirms it or fails with a message that says which option to change.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from curator.errors import InputError, Location
from curator.load.code_page import latin1_plan
from curator.messages import QT_TRANSLATE_NOOP, Text

SAMPLE_BYTES = 1024 * 1024
# Lines parsed to find the delimiter, the header and the decimal mark.
SNIFF_LINES = 400
DELIMITERS = (";", ",", "\t", "|")

NUMBER_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")
NUMBER_DECIMAL_POINT = re.compile(r"^[-+]?\d+\.\d+$")
THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?P<sep>[ \u00a0\u202f.,'])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?$")


@dataclass
class TextDialect:
    encoding: str
    delimiter: str
    quotechar: str
    header_line: int                 # 1-based physical line of the header; 0 = no header
    width: int                       # fields per data row
    header: list[str]
    decimal: str | None = None
    thousands: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Set when the code page was detected and another one also decodes the file, differently.
    code_page: CodePageChoice | None = None


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    with path.open("rb") as source:
        return source.read(size)


def detect_encoding(sample: bytes, path: Path) -> str:
    """The encoding of a text sample: BOMs first, then strict UTF-8, then the code page French text reads best in."""
    return encoding_choice(sample, path).encoding


def encoding_choice(sample: bytes, path: Path) -> CodePageChoice:
    """``detect_encoding`` with, for a single-byte code page, the runner-up (``choose_code_page``)."""
    if sample.startswith(codecs.BOM_UTF8):
        return CodePageChoice("utf-8-sig")
    if sample.startswith(codecs.BOM_UTF32_LE) or sample.startswith(codecs.BOM_UTF32_BE):
        return CodePageChoice("utf-32")
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        return CodePageChoice("utf-16")
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return CodePageChoice(utf16)
        offset = sample.index(b"\x00")
        line = sample.count(b"\n", 0, offset) + 1
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file contains NUL bytes, so it is not plain text (binary data, a damaged export, "
                              "or a text encoding curator cannot recognise).")), Location(file=str(path), line=line),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Open it in a text editor to check it is the right file; export the data again "
                                   "as CSV (UTF-8 or Windows-1252) from the source system.")))
    if _is_utf8(sample, whole_file=len(sample) < SAMPLE_BYTES):
        return CodePageChoice("utf-8")
    return choose_code_page(sample)


@dataclass(frozen=True)
class CodePageChoice:
    """The single-byte code page a sample reads best in and, when another also decodes it differently,
    that runner-up with the first line where the two differ (1-based in the sample), read in each."""

    encoding: str
    runner_up: str | None = None
    line: int = 0
    chosen_text: str = ""
    runner_up_text: str = ""


# The single-byte code pages weighed, in order of preference on a tie: Latin-1 is Windows-1252 but for
# 0x80-0x9F, where it has only control characters, so it is never the better reading.
CODE_PAGES = ("cp1252", "iso8859-15", "cp850", "mac-roman")
# The letters French writes above ASCII, and the punctuation its exports hold.
_FRENCH_LETTERS = frozenset("éèàçêôâîûùëïüœÿæÉÈÀÇÊÔÂÎÛÙËÏÜŒŸÆ")
_FOREIGN_LETTERS = frozenset("áíóúñäöãõåøßÁÍÓÚÑÄÖÅØ")
_PUNCTUATION = frozenset("€’‘“”«»°–—…\u00a0\u202f·")
# Weighing stops after this many characters above ASCII: enough to tell, and a MiB of accents stays quick.
_WEIGHED = 20_000
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _letter_score(text: str, at: int, character: str) -> float:
    """How much one letter above ASCII looks like French: a letter of the case of its word scores,
    an upper-case letter inside a lower-case word (\"EugËne\", \"StÚphane\") or a lower-case one
    inside an upper-case word (\"GAëLLE\") costs."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    upper = character.isupper()
    if upper and before.isalpha() and before.islower():
        return -3.0
    if not upper and before.isalpha() and before.isupper() and after.isalpha() and after.isupper():
        return -3.0
    if character in _FRENCH_LETTERS:
        return 2.0 if before.isalpha() or after.isalpha() else 1.0
    return 0.0 if character in _FOREIGN_LETTERS else -1.0


def french_score(text: str) -> float:
    """How much ``text`` reads as French written in a Western code page; higher is likelier."""
    score = 0.0
    for count, match in enumerate(_NON_ASCII.finditer(text)):
        if count >= _WEIGHED:
            break
        character = match.group()
        if character.isalpha():
            score += _letter_score(text, match.start(), character)
        elif character in _PUNCTUATION:
            score += 0.5
        else:
            # Box drawing, fractions, lone accents (\"Ana´s\", \"╔mile\", \"C½ur\"), control characters.
            score -= 3.0
    return score


def _readings(sample: bytes) -> list[tuple[float, int, str, str]]:
    """(score, preference, code page, text) for each code page that decodes ``sample``."""
    readings = []
    for rank, name in enumerate(CODE_PAGES):
        data = sample
        if name == "cp1252":
            # A stray byte Windows-1252 leaves undefined (a damaged character, a control code) does
            # not rule it out: the reader reads it as Latin-1 does and names it in a warning.
            data = sample.translate(None, b"".join(_CP1252_UNDEFINED))
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        readings.append((french_score(text), -rank, name, text))
    return sorted(readings, reverse=True)


def choose_code_page(sample: bytes) -> CodePageChoice:
    """The code page whose reading of ``sample`` looks most like French text, and the runner-up."""
    readings = _readings(sample)
    if not readings:
        return CodePageChoice("cp1252")
    _score, _rank, chosen, chosen_text = readings[0]
    for _score, _rank, other, other_text in readings[1:]:
        if other_text == chosen_text:
            continue
        for number, (mine, theirs) in enumerate(zip(chosen_text.splitlines(), other_text.splitlines(),
                                                    strict=False), start=1):
            if mine != theirs:
                return CodePageChoice(chosen, other, number, _excerpt(mine, theirs), _excerpt(theirs, mine))
        break
    return CodePageChoice(chosen)


def _excerpt(line: str, other: str, width: int = 80) -> str:
    """``line`` cut to ``width`` characters around where it first differs from ``other``."""
    first = next((at for at, (a, b) in enumerate(zip(line, other, strict=False)) if a != b), 0)
    start = max(0, min(first - width // 2, len(line) - width))
    return ("…" if start else "") + line[start:start + width] + ("…" if start + width < len(line) else "")


# The bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), as the reader knows them (code_page).
_CP1252_PLAN = latin1_plan("cp1252")
assert _CP1252_PLAN is not None
_CP1252_UNDEFINED = [bytes([b]) for b, character in _CP1252_PLAN.differences.items() if character is None]


def _utf16_without_bom(sample: bytes) -> str | None:
    even = sample[0::2]
    odd = sample[1::2]
    if len(sample) >= 4 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _is_utf8(sample: bytes, whole_file: bool) -> bool:
    # A sample cut from a longer file may end inside a multi-byte character: allow up to 3 bytes to be
    # cut there. A whole file has no such excuse ("Ana\xefs" at its end is Windows-1252, not UTF-8).
    for cut in range(1 if whole_file else 4):
        try:
            sample[: len(sample) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:
                return False
    return False


def decode_sample(sample: bytes, encoding: str, whole_file: bool) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=whole_file)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not whole_file:
        # Drop the last, probably incomplete, line.
        cut = max(text.rfind("\n"), text.rfind("\r"))
        text = text[:cut + 1] if cut > 0 else text
    return text


def _parse(text: str, delimiter: str, quotechar: str) -> list[tuple[int, list[str]]]:
    """Rows of the sample with the 1-based physical line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar, strict=False)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error:
        pass
    return rows


def sniff_delimiter(text: str, quotechar: str) -> str:
    best: tuple[float, int, int] | None = None
    chosen = ""
    for rank, delimiter in enumerate(DELIMITERS):
        counts = [len(row) for _line, row in _parse(text, delimiter, quotechar) if any(c.strip() for c in row)]
        if not counts:
            continue
        width, frequency = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (frequency / len(counts), width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    if chosen:
        return chosen
    # One column: any delimiter absent from the sample reads it whole.
    return next((d for d in DELIMITERS if d not in text), "\x1f")


def find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, int, list[str], list[str]]:
    """(header line, data width, header cells, warnings) from the parsed sample rows."""
    filled = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not filled:
        return 0, 0, [], []
    tail = filled[len(filled) // 5:] if len(filled) > 5 else filled
    width = Counter(len(row) for _line, row in tail).most_common(1)[0][0]
    warnings: list[str] = []
    for index, (line, row) in enumerate(filled):
        non_empty = sum(1 for cell in row if cell.strip())
        if len(row) >= width and non_empty * 2 >= min(len(row), width) and non_empty >= min(2, width):
            skipped = index
            if skipped:
                warnings.append(Text(QT_TRANSLATE_NOOP("core", "The header was found on line {line}; the {skipped} line(s) above it "
                                     "(titles or notes) were skipped."), line=line, skipped=skipped))
            header = list(row)
            # Excel pads rows with empty trailing cells: those beyond the data width hold no column.
            while len(header) > width and not header[-1].strip():
                header.pop()
            if len(header) < width:
                header += [""] * (width - len(header))
            if _looks_like_data(header) and index + 1 < len(filled) and _looks_like_data(filled[index + 1][1]):
                warnings.append(Text(QT_TRANSLATE_NOOP("core", "The first line looks like data, not column names: columns were named "
                                     "column_1, column_2...; set the header row if this is wrong.")))
                return line - 1 if line > 1 else 0, width, [""] * width, warnings
            return line, width, header, warnings
    line, row = filled[0]
    return line, width, row, warnings


_DATA_CELL = re.compile(r"^[-+]?[\d.,/: ]+$")


def _looks_like_data(cells: list[str]) -> bool:
    values = [c.strip() for c in cells if c.strip()]
    return bool(values) and sum(1 for v in values if _DATA_CELL.match(v)) * 2 > len(values)


def decimal_marks(rows: list[tuple[int, list[str]]]) -> tuple[str | None, str | None]:
    comma = point = 0
    thousands: Counter[str] = Counter()
    for _line, row in rows[:SNIFF_LINES]:
        for cell in row:
            value = cell.strip()
            if not value or not value[-1].isdigit():
                continue
            if NUMBER_DECIMAL_COMMA.match(value):
                comma += 1
            elif NUMBER_DECIMAL_POINT.match(value):
                point += 1
            else:
                match = THOUSANDS.match(value)
                if match:
                    thousands[match.group("sep")] += 1
    decimal = "," if comma > point else "." if point else None
    separator = None
    if thousands:
        candidate = thousands.most_common(1)[0][0]
        if candidate != decimal:
            separator = candidate
            if decimal is None:
                decimal = "." if candidate == "," else ","
    return decimal, separator


def detect_dialect(path: Path, encoding: str | None = None, delimiter: str | None = None,
                   quotechar: str | None = None, header_row: int | None = None,
                   sample: bytes | None = None) -> TextDialect:
    """Detect what is not given; what is given is used as is."""
    if sample is None:
        sample = read_sample(path)
    whole_file = len(sample) < SAMPLE_BYTES
    choice = None
    if not encoding:
        choice = encoding_choice(sample, path)
        encoding = choice.encoding
    text = decode_sample(sample, encoding, whole_file)
    head_lines = text.splitlines(keepends=True)
    if len(head_lines) > SNIFF_LINES:
        text = "".join(head_lines[:SNIFF_LINES])
    quote = quotechar or '"'
    if not text.strip(" \t\r\n;,|\"'\x0c"):
        # Blank lines and separators only: nothing to read, whatever the dialect.
        return TextDialect(encoding=encoding, delimiter=delimiter or ";", quotechar=quote, header_line=0, width=0,
                           header=[])
    delim = delimiter or sniff_delimiter(text, quote)
    rows = _parse(text, delim, quote)
    warnings: list[str] = []
    if header_row is None:
        line, width, header, warnings = find_header(rows)
    else:
        filled = [r for r in rows if any(c.strip() for c in r[1])]
        width = Counter(len(r) for _l, r in filled).most_common(1)[0][0] if filled else 0
        line = header_row
        header = next((row for start, row in rows if start == header_row), []) if header_row else [""] * width
        if header_row and not header:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "Line {line}, chosen as the header, is empty or beyond the first part of the file."),
                                  line=header_row),
                             Location(file=str(path), line=header_row), hint=Text(QT_TRANSLATE_NOOP("core", "Choose another header row.")))
        width = max(width, len(header))
        header = header + [""] * (width - len(header))
    data_rows = [r for r in rows if r[0] > line]
    decimal, thousands = decimal_marks(data_rows)
    return TextDialect(encoding=encoding, delimiter=delim, quotechar=quote, header_line=line, width=width,
                       header=header, decimal=decimal, thousands=thousands, warnings=warnings,
                       code_page=choice if choice is not None and choice.runner_up else None)
