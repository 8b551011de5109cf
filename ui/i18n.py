"""The interface language: follows the system unless chosen in Settings; Qt's own dialogs follow too."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from curator.messages import CONTEXT, Label, Text
from curator.resources import resource_path
from ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = {"en": "English", "fr": "Français"}
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def system_language() -> str:
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else "en"


def resolve(choice: str | None) -> str:
    """'system' (or nothing) -> the system's language if we have it, else English."""
    return choice if choice in LANGUAGES else system_language()


def install(language: str) -> bool:
    """Replace the installed translators; returns False when the app's translation file is missing."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    ours = QTranslator(app)
    found = ours.load(f"curator_{language}", str(translations_dir()))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return found


def core_text(text: object) -> str:
    """Text the core built (``curator.messages.Text``), in the interface language.

    The template is looked up in the "core" context of the translation and filled again with its
    parameters; parameters that are ``Text`` themselves (type, class, action names) are translated too,
    numbers follow the language's marks (1 982, 12,5, 45 %). A plain string is looked up whole (the
    enumerated words the core marks), else shown as it is."""
    if isinstance(text, Text):
        if text.parts is not None:
            # The separator is punctuation ("; ") or a marked word (" and ").
            return QCoreApplication.translate(CONTEXT, text.template).join(core_text(part) for part in text.parts)
        translated = QCoreApplication.translate(CONTEXT, text.template)
        if not text.params:
            return translated
        params = {name: _shown(value) for name, value in text.params.items()}
        try:
            return format_local(translated, **params)
        except (KeyError, IndexError, ValueError):   # a translation with a broken placeholder: say it in English
            return str(text)
    if isinstance(text, Label):
        return text.in_language(QLocale().name().split("_")[0])
    if isinstance(text, str):
        return QCoreApplication.translate(CONTEXT, text) if text else text
    return "" if text is None else str(text)


def progress_detail(message: object) -> str:
    """A progress detail from the core in the interface language, or "" when it has no translation
    (the task's label then says enough; English is never mixed into a translated status bar).

    Called on worker threads: QCoreApplication.translate and QLocale's default are thread-safe."""
    if not message:
        return ""
    if QLocale().language() == QLocale.Language.English:
        return str(message)
    template = message.template if isinstance(message, Text) and message.parts is None else str(message)
    if QCoreApplication.translate(CONTEXT, template) == template:
        return ""
    return core_text(message)


def _shown(value: Any) -> Any:
    if isinstance(value, Text):
        return core_text(value)
    if isinstance(value, Label):
        return value.in_language(QLocale().name().split("_")[0])
    return value


def format_local(template: str, /, **params: Any) -> str:
    """``template.format(**params)`` with the interface language's number marks (1 982, 12,5, 45 %)."""
    return _LocalFormatter(QLocale()).format(template, **params)


class _LocalFormatter(string.Formatter):
    """Numbers with the language's decimal and group marks (the templates use Python's English specs)."""

    def __init__(self, locale: QLocale) -> None:
        super().__init__()
        self.decimal = locale.decimalPoint()
        self.group = locale.groupSeparator()
        self.percent_space = locale.language() == QLocale.Language.French

    def format_field(self, value: Any, format_spec: str) -> str:
        shown = super().format_field(value, format_spec)
        if isinstance(value, bool) or not isinstance(value, int | float) or (self.decimal == "." and self.group == ","):
            return shown
        shown = shown.translate({ord("."): "\0", ord(","): self.group}).replace("\0", self.decimal)
        if self.percent_space and shown.endswith("%"):
            shown = shown[:-1] + "\u202f%"
        return shown
