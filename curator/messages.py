"""Text the core builds for people (reasons, evidence, notes, validation messages), translatable by the app.

A ``Text`` *is* the English string — the CLI, JSON, reports and comparisons see plain English — and
also remembers the template it was made from and its parameters, so that the app can look the
template up in its Qt translation and fill it again::

    Text(QT_TRANSLATE_NOOP("core", "{count:,} value(s) recoded"), count=12)     # "12 value(s) recoded"

``QT_TRANSLATE_NOOP`` only marks the template for Qt's lupdate (run over ``curator/`` by
``scripts/build_translations.py``); the core never imports Qt. Parameters that are ``Text``
themselves (an enumerated word such as a type or class name) are translated too, a ``Label`` (a
name the data gives in several languages) is shown in the interface language; other parameters
(column names, values, numbers) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's lupdate looks for
    """Mark ``text`` for extraction into the translation files under ``context``; returns it unchanged."""
    return text


class Text(str):
    """English text with the template and parameters it was made from (see the module's docstring)."""

    template: str
    params: Mapping[str, Any]
    parts: tuple[str, ...] | None     # for texts joined from pieces: the pieces, ``template`` the separator

    def __new__(cls, template: str, /, **params: Any) -> Text:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        self.parts = None
        return self

    @classmethod
    def joined(cls, separator: str, parts: Iterable[str]) -> Text:
        """``separator.join(parts)``, each part translated on its own (the separator is punctuation)."""
        pieces = tuple(parts)
        self = super().__new__(cls, separator.join(pieces))
        self.template = separator
        self.params = {}
        self.parts = pieces
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (str(self), self.template, dict(self.params), self.parts)


def _restore(english: str, template: str, params: dict[str, Any], parts: tuple[str, ...] | None) -> Text:
    self = str.__new__(Text, english)
    self.template, self.params, self.parts = template, params, parts
    return self


class Label(str):
    """A name the data gives in several languages (a concept's label): the English as the string, the
    others by language code, so that the app shows the one of its interface language."""

    translations: Mapping[str, str]

    def __new__(cls, english: str, /, **translations: str | None) -> Label:
        self = super().__new__(cls, english)
        self.translations = {code: text for code, text in translations.items() if text}
        return self

    def in_language(self, language: str) -> str:
        return self.translations.get(language, str(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore_label, (str(self), dict(self.translations))


def _restore_label(english: str, translations: dict[str, str]) -> Label:
    return Label(english, **translations)


def word(text: str) -> Text:
    """An enumerated word (a type, class or action name) as a parameter that the app translates.

    The word itself must be marked with ``QT_TRANSLATE_NOOP("core", ...)`` where it is defined."""
    return text if isinstance(text, Text) else Text(text)
