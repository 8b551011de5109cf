"""Errors that reach a person: what is wrong, where, and what to do.

Every stage raises :class:`CuratorError` (or a subclass) for bad input. The command line
prints ``str(error)`` and exits with ``error.exit_code``; the app shows the same text in a
dialog. A traceback is never what the user sees.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from curator.messages import QT_TRANSLATE_NOOP, Text

EXIT_OK = 0
EXIT_VERIFY_FAILED = 1
EXIT_BAD_INPUT = 2


def shown(path: str | Path) -> str:
    """A path as a person can read it: bytes of its name that are not UTF-8 written as ``\\xe9``
    (Python keeps them as lone surrogates, which no terminal, log or dialog can show)."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


@dataclass(frozen=True)
class Location:
    """Where in a source the problem is. Every part is optional; line and column are 1-based."""

    file: str | Path | None = None
    sheet: str | None = None
    line: int | None = None
    column: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(shown(self.file))
        if self.sheet is not None:
            parts.append(Text(QT_TRANSLATE_NOOP("core", "sheet '{sheet}'"), sheet=self.sheet))
        if self.cell is not None:
            parts.append(Text(QT_TRANSLATE_NOOP("core", "cell {cell}"), cell=self.cell))
        if self.line is not None:
            parts.append(Text(QT_TRANSLATE_NOOP("core", "line {line}"), line=self.line))
        if self.column is not None:
            parts.append(Text(QT_TRANSLATE_NOOP("core", "column '{column}'"), column=self.column))
        return Text.joined(", ", parts)


@dataclass
class CuratorError(Exception):
    """Bad input or a failed operation, explained for a person.

    ``message`` says what is wrong, ``where`` where it is, ``hint`` what to do about it.
    """

    message: str
    where: Location | None = None
    hint: str | None = None
    exit_code: int = EXIT_BAD_INPUT
    details: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where and str(self.where) else self.message
        if self.details:
            text += "\n" + "\n".join(f"  - {d}" for d in self.details)
        if self.hint:
            text += f"\n{self.hint}"
        return text


class InputError(CuratorError):
    """A source file, key or option the user gave cannot be used."""


class VerificationError(CuratorError):
    """A package is not authentic, complete and intact."""

    def __init__(self, message: str, where: Location | None = None, hint: str | None = None,
                 details: list[str] | None = None) -> None:
        super().__init__(message, where, hint, EXIT_VERIFY_FAILED, details or [])


class NotYetImplemented(CuratorError):
    """A command-line verb whose stage is not built yet: exit 2, saying so."""

    def __init__(self, what: str) -> None:
        super().__init__(f"'{what}' is not available yet in this version of curator.",
                         hint="See the README for the verbs that work today.")
