"""The interface language: follows the system unless chosen in Settings; Qt's own dialogs follow too."""

from __future__ import annotations

from pathlib import Path

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
