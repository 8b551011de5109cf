"""Settings kept between runs (QSettings): language, recent files, window geometry."""

from __future__ import annotations

import hashlib
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


# Per project: the key files and the output folder the Export step used, so that reopening a project
# (or the file it was made on) finds them again. Never a passphrase: those stay in the session's memory.
PROJECT_PATHS = ("signing_key", "secret", "output_folder")


def _project_key(project: Path | str) -> str:
    # A digest of the path: QSettings keys cannot hold every character a path may.
    return "projects/" + hashlib.sha256(str(Path(project).resolve()).encode("utf-8")).hexdigest()[:24]


def project_paths(project: Path | str | None) -> dict[str, str]:
    if project is None:
        return {}
    store = settings()
    base = _project_key(project)
    found = {name: str(store.value(f"{base}/{name}", "") or "") for name in PROJECT_PATHS}
    return {name: value for name, value in found.items() if value}


def set_project_paths(project: Path | str | None, paths: dict[str, str]) -> None:
    if project is None:
        return
    store = settings()
    base = _project_key(project)
    for name in PROJECT_PATHS:
        if paths.get(name):
            store.setValue(f"{base}/{name}", paths[name])
