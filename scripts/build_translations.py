"""Build the app's translations: resources/translations/curator_*.ts -> .qm (Qt Linguist's lrelease).

    .venv/bin/python scripts/build_translations.py            # compile every .ts to .qm
    .venv/bin/python scripts/build_translations.py --update   # first refresh the .ts from ui/ and curator/ (lupdate)

The .ts files are the sources translators edit (Qt Linguist); the .qm files are build outputs. lupdate
reads ui/ (self.tr, QCoreApplication.translate) and curator/, whose user-visible text is built from
templates marked QT_TRANSLATE_NOOP("core", ...) (curator/messages.py; shown by ui.i18n.core_text).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "resources" / "translations"
LANGUAGES = ("fr",)
SOURCES = ("ui", "curator")     # curator/: the core's QT_TRANSLATE_NOOP("core", ...) templates


def qt_tool(name: str) -> Path:
    """pyside6-<name> from the venv, else the binary shipped inside the PySide6 package."""
    script = Path(sys.executable).parent / f"pyside6-{name}"
    if script.exists():
        return script
    import PySide6
    for candidate in (Path(PySide6.__file__).parent / name, Path(PySide6.__file__).parent / f"{name}.exe"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"Qt's {name} was not found: install PySide6 in this environment (pip install PySide6-Essentials).")


def lupdate(target: Path, quiet: bool = False) -> None:
    """Refresh the catalogue ``target`` from every text of ui/ and curator/ (texts gone are dropped)."""
    sources = sorted(str(p.relative_to(REPO)) for folder in SOURCES for p in (REPO / folder).rglob("*.py"))
    subprocess.run([str(qt_tool("lupdate")), "-no-obsolete", "-locations", "none", *sources, "-ts", str(target)],
                   check=True, cwd=REPO, capture_output=quiet)


def update_sources() -> None:
    for language in LANGUAGES:
        target = TRANSLATIONS / f"curator_{language}.ts"
        lupdate(target)
        waiting = target.read_text(encoding="utf-8").count('type="unfinished"')
        if waiting:   # new or changed texts: translate them in Qt Linguist (tests/ui/test_translation.py fails until then)
            print(f"{target.relative_to(REPO)}: {waiting} text(s) to translate")


def release() -> list[Path]:
    built = []
    for source in sorted(TRANSLATIONS.glob("curator_*.ts")):
        target = source.with_suffix(".qm")
        subprocess.run([str(qt_tool("lrelease")), "-silent", str(source), "-qm", str(target)], check=True)
        built.append(target)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the app's translations (.ts -> .qm).")
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from the ui/ and curator/ sources first")
    args = parser.parse_args(argv)
    if args.update:
        update_sources()
    for path in release():
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
