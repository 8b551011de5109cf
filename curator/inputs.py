"""Files a person hands over (data, recipes, vocabularies, hierarchies), opened and read defensively.

Every such file may be hostile or simply wrong: a FIFO or a device named ``.csv`` (reading it
would block forever), a folder the user may not enter, a name holding bytes that are not UTF-8,
a JSON file nested thousands of levels deep, a number of five thousand digits, ``NaN``. Each
becomes an :class:`~curator.errors.InputError` saying what and where, before any reader sees it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from curator.errors import InputError, Location, shown
from curator.messages import QT_TRANSLATE_NOOP, Text

JSON_MAX_BYTES = 64 * 1024 * 1024      # recipes, vocabularies, Table Schemas
JSON_MAX_DEPTH = 64                    # nesting of objects and arrays
JSON_MAX_DIGITS = 30                   # digits of one integer literal

_NOT_REGULAR = {stat.S_IFIFO: QT_TRANSLATE_NOOP("core", "a named pipe (FIFO)"),
                stat.S_IFCHR: QT_TRANSLATE_NOOP("core", "a character device"),
                stat.S_IFBLK: QT_TRANSLATE_NOOP("core", "a block device"),
                stat.S_IFSOCK: QT_TRANSLATE_NOOP("core", "a socket"),
                stat.S_IFDIR: QT_TRANSLATE_NOOP("core", "a folder")}


def reason(error: OSError) -> Text:
    """Why an operating-system call failed, in words (errno first: the message text varies by system)."""
    words = {
        errno.ENOENT: QT_TRANSLATE_NOOP("core", "it does not exist"),
        errno.EACCES: QT_TRANSLATE_NOOP("core", "permission denied"),
        errno.EPERM: QT_TRANSLATE_NOOP("core", "operation not permitted"),
        errno.ENOSPC: QT_TRANSLATE_NOOP("core", "no space left on the disk"),
        errno.EROFS: QT_TRANSLATE_NOOP("core", "the disk or folder is read-only"),
        errno.EFBIG: QT_TRANSLATE_NOOP("core", "the file would exceed the largest size allowed"),
        errno.EDQUOT: QT_TRANSLATE_NOOP("core", "the disk quota is exceeded"),
        errno.EISDIR: QT_TRANSLATE_NOOP("core", "it is a folder"),
        errno.ENOTDIR: QT_TRANSLATE_NOOP("core", "a part of the path is not a folder"),
        errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("core", "the name is too long"),
        errno.EIO: QT_TRANSLATE_NOOP("core", "input/output error (the disk or network share failed)"),
    }
    word = words.get(error.errno or -1)
    if word is not None:
        return Text(word)
    return Text(QT_TRANSLATE_NOOP("core", "{reason}"), reason=error.strerror or str(error))


def os_error(error: OSError, path: str | Path | None = None, writing: bool = False) -> InputError:
    """``error`` as an :class:`InputError` naming the file; for a full disk, how much space is free."""
    where = path if path is not None else error.filename
    shown_where = shown(where) if where is not None else None
    if writing or error.errno in (errno.ENOSPC, errno.EROFS, errno.EFBIG, errno.EDQUOT):
        message = Text(QT_TRANSLATE_NOOP("core", "cannot write ({reason})"), reason=reason(error))
    else:
        message = Text(QT_TRANSLATE_NOOP("core", "cannot read ({reason})"), reason=reason(error))
    hint = _hint(error, where)
    return InputError(message, Location(file=shown_where), hint=hint)


def _hint(error: OSError, where: str | Path | None) -> Text:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        free = _free_bytes(where)
        if free is not None:
            return Text(QT_TRANSLATE_NOOP("core", "Only {free} are free there. Free some space or write to another "
                                                  "disk, then try again."), free=_size(free))
        return Text(QT_TRANSLATE_NOOP("core", "Free some space or write to another disk, then try again."))
    if error.errno == errno.EROFS:
        return Text(QT_TRANSLATE_NOOP("core", "Choose a folder you can write to."))
    if error.errno == errno.EFBIG:
        return Text(QT_TRANSLATE_NOOP("core", "Write to a disk whose file system allows bigger files (not FAT32), or "
                                              "lift the file size limit."))
    if error.errno in (errno.EACCES, errno.EPERM):
        return Text(QT_TRANSLATE_NOOP("core", "Check that you are allowed to use this file and the folders above it."))
    return Text(QT_TRANSLATE_NOOP("core", "Check the name and folder, then try again."))


def _free_bytes(where: str | Path | None) -> int | None:
    if where is None:
        return None
    folder = Path(where)
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def _size(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{count:,} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{count:,} bytes"


def _not_regular(mode: int, path: str | Path) -> InputError | None:
    kind = _NOT_REGULAR.get(stat.S_IFMT(mode))
    if kind is None and not stat.S_ISREG(mode):
        kind = QT_TRANSLATE_NOOP("core", "not a regular file")
    if kind is None:
        return None
    return InputError(Text(QT_TRANSLATE_NOOP("core", "This is {kind}, not a file curator can read."), kind=Text(kind)),
                      Location(file=shown(path)),
                      hint=Text(QT_TRANSLATE_NOOP("core", "Choose the data file itself.")))


def file_status(path: str | Path) -> os.stat_result:
    """``os.stat`` of a file to read, or an InputError: missing, not allowed, or not a regular file."""
    try:
        status = os.stat(path)
    except OSError as error:
        if error.errno == errno.ENOENT:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "The file does not exist.")), Location(file=shown(path)),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Check the name and folder, or choose the file "
                                                                 "again."))) from None
        raise os_error(error, path) from None
    problem = _not_regular(status.st_mode, path)
    if problem is not None:
        raise problem
    return status


def open_regular(path: str | Path) -> BinaryIO:
    """``path`` opened for reading, refused unless it is a regular file.

    Checked before opening (a FIFO is never opened: that would wait for a writer), then again on
    the open descriptor, opened without blocking, in case the name was swapped in between.
    """
    file_status(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise os_error(error, path) from None
    try:
        problem = _not_regular(os.fstat(fd).st_mode, path)
        if problem is not None:
            raise problem
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, "rb")  # noqa: SIM115 - the caller closes it
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (``what`` names it in the error)."""
    with open_regular(path) as source:
        try:
            data = source.read(limit + 1)
        except OSError as error:
            raise os_error(error, path) from None
    if len(data) > limit:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the {what} is bigger than {limit}: it cannot be one"),
                              what=Text(what), limit=_size(limit)), Location(file=shown(path)),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Check that you chose the right file.")))
    return data


class _Refused:
    """Stands in the parsed data for a value refused (NaN, Infinity, a huge integer), so that the
    error can name where it is (``columns[3].transform.params.max``)."""

    def __init__(self, problem: Text) -> None:
        self.problem = problem


def _constant(name: str) -> _Refused:
    return _Refused(Text(QT_TRANSLATE_NOOP("core", "{value}, which is not a number JSON allows"), value=name))


def _integer(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    if digits > JSON_MAX_DIGITS:
        return _Refused(Text(QT_TRANSLATE_NOOP("core", "an integer of {digits:,} digits (at most {limit} are "
                                                       "allowed)"), digits=digits, limit=JSON_MAX_DIGITS))
    return int(text)


def _float(text: str) -> float | _Refused:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        return _Refused(Text(QT_TRANSLATE_NOOP("core", "the number {value}, which is too large"), value=text[:40]))
    return number


JsonPath = list[str | int]


def json_path(parts: JsonPath) -> str:
    """``columns[3].transform.action`` for ``["columns", 3, "transform", "action"]``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def _first_problem(data: Any) -> tuple[JsonPath, Text] | None:
    """The first refused value or too-deep nesting, in document order, with its path."""
    stack: list[tuple[Any, JsonPath]] = [(data, [])]
    while stack:
        item, path = stack.pop()
        if len(path) >= JSON_MAX_DEPTH:
            return path, Text(QT_TRANSLATE_NOOP("core", "nesting more than {limit} levels deep"),
                              limit=JSON_MAX_DEPTH)
        if isinstance(item, _Refused):
            return path, item.problem
        if isinstance(item, dict):
            stack.extend((value, [*path, key]) for key, value in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((value, [*path, index]) for index, value in reversed(list(enumerate(item))))
    return None


def _shortened(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


ColumnAt = Callable[[Any, JsonPath], "str | None"]


def loads_json(text: str | bytes, where: Location, what: str, column_at: ColumnAt | None = None) -> Any:
    """Parse JSON that a person or a package handed over: finite numbers only, integers of at most
    ``JSON_MAX_DIGITS`` digits, nesting at most ``JSON_MAX_DEPTH`` deep; anything else is an
    InputError at ``where`` naming the path of the value (``what`` names the kind of file, marked
    for translation; ``column_at(data, path)`` the table column that path belongs to, if any)."""
    hint = Text(QT_TRANSLATE_NOOP("core", "Check that you chose the right file, or restore it from a backup."))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the {what} is not a UTF-8 text file"), what=Text(what)),
                             where, hint=hint) from None
    try:
        data = json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_float)
    except json.JSONDecodeError as error:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the {what} is not valid JSON ({reason})"), what=Text(what),
                              reason=error.msg),
                         Location(file=where.file, line=error.lineno), hint=hint) from None
    except RecursionError:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the {what} holds {problem}"), what=Text(what),
                              problem=Text(QT_TRANSLATE_NOOP("core", "nesting more than {limit} levels deep"),
                                           limit=JSON_MAX_DEPTH)), where, hint=hint) from None
    found = _first_problem(data)
    if found is not None:
        path, problem = found
        column = column_at(data, path) if column_at is not None else None
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the {what} holds {problem} at {path}"), what=Text(what),
                              problem=problem, path=_shortened(json_path(path))),
                         Location(file=where.file, column=column), hint=hint)
    return data


def read_json(path: str | Path, what: str, limit: int = JSON_MAX_BYTES) -> Any:
    """A JSON file read through :func:`read_limited` and :func:`loads_json`."""
    return loads_json(read_limited(path, limit, what), Location(file=shown(path)), what)
