"""Settings kept between runs (QSettings): language, recent files, window geometry."""

from __future__ import annotations

from pathlib import Path

from ui.qt import QSettings

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings("curator", "curator")


def language_choice() -> str:
    return str(settings().value("ui/language", "system"))


def set_language_choice(choice: str) -> None:
    settings().setValue("ui/language", choice)


def recent_files() -> list[str]:
    value = settings().value("recent/files", [])
    if isinstance(value, str):       # QSettings gives a lone string for a one-item list on some backends
        return [value]
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def add_recent_file(path: Path | str) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:MAX_RECENT]
    settings().setValue("recent/files", files)
    return files


def clear_recent_files() -> None:
    settings().setValue("recent/files", [])
