"""Render every page of the app offscreen to PNG, in English and French, at each size, under docs/screenshots/.

    .venv/bin/python scripts/render_screenshots.py [--out docs/screenshots] [--languages en fr]
                                                   [--sizes 900x600 1920x1080]

The window opens on the bundled demo data, the way a new user first sees it. Translations are
built first (scripts/build_translations.py) so the French shots use the current .ts files.

    .venv/bin/python scripts/render_screenshots.py --submission ../shared/data/synthea/{patients,encounters,conditions}.csv

renders instead a linked submission of those files at 1280×800: the Load step (its tables and links)
and the Protect step (the risk across the tables, in persons), as 1-load-submission-<language>.png
and 3-protect-submission-<language>.png.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEPS = ("load", "map", "protect", "check", "export")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["en", "fr"])
    parser.add_argument("--sizes", nargs="+", default=["900x600", "1920x1080"],
                        help="window sizes, WIDTHxHEIGHT: the smallest the window allows and a full HD screen")
    parser.add_argument("--submission", nargs="+", type=Path,
                        help="files (or a folder) of a linked submission: render its Load and Protect steps")
    args = parser.parse_args(argv)
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py")], check=True)

    from curator.resources import demo_csv
    from ui import i18n
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.qt import QApplication, QStandardPaths
    from ui.session import Session

    QStandardPaths.setTestModeEnabled(True)     # never touch the user's settings or autosave
    app = make_application()
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    if args.submission:
        for language in args.languages:
            i18n.install(language)
            written += render_submission(app, MainWindow(Session()), language, args.submission, args.out)
            QApplication.processEvents()
        args.sizes = []
    for size in args.sizes:
        width, height = (int(v) for v in size.split("x"))
        for language in args.languages:
            i18n.install(language)
            written += render_language(app, MainWindow(Session()), language, (width, height), demo_csv(), args.out)
            QApplication.processEvents()
    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


def render_language(app, window, language: str, size: tuple[int, int], data: Path, out: Path) -> list[Path]:
    """Open ``data``, accept the suggestions as a new user would, and grab each page."""
    window.resize(*size)
    window.show()
    done: list[bool] = []
    window.loadFinished.connect(done.append)
    window.open_file(data)
    _wait(app, lambda: bool(done) and not window.runner.running())
    window.map_page.accept_all()
    _wait(app, lambda: not window.runner.running())
    written = []
    for step, name in enumerate(STEPS):
        window.go_to(step)
        if name == "map":     # show a coded column's values
            coded = next((c.source for c in window.session.recipe.columns if c.code_map or c.code_review), None)
            table = window.map_page.columns_table
            for row in range(table.rowCount()):
                if coded is not None and table.item(row, 0).text() == coded:
                    table.selectRow(row)
            # its validation issues panel fills once the checks (started on entering) have run
            _wait(app, lambda: window.session.blocker_count is not None and not window.runner.running())
        if name == "protect":     # show what Reach k found and the risk after it
            _wait(app, lambda: not window.runner.running())
            window.protect_page.reach_k()
            _wait(app, lambda: not window.runner.running())
            window.protect_page.use_suggestion()     # out of reach at the demo's floors: take the suggestion
            _wait(app, lambda: not window.runner.running() and bool(window.session.recipe.protection.generalisation))
            _settle(app, 1.0)     # the risk panel refreshes after a short delay
        _wait(app, lambda: not window.runner.running())
        target = out / f"{step + 1}-{name}-{language}-{size[0]}x{size[1]}.png"
        window.grab().save(str(target))
        written.append(target)
        if name == "protect":     # the utility panel and what the hub receives, once the package's data are in
            page = window.protect_page
            _wait(app, lambda: window.protect_page.utility is not None and not window.runner.running())
            page.histogram_combo.setCurrentIndex(max(page.histogram_combo.findText("birth_date"), 0))
            _settle(app, 0.5)
            for part, widget in (("utility", page.utility_box), ("hub", page.hub_table.parentWidget())):
                target = out / f"{step + 1}-protect-{part}-{language}.png"
                widget.grab().save(str(target))
                written.append(target)
    window.close_without_asking()
    return written


def render_submission(app, window, language: str, files: list[Path], out: Path) -> list[Path]:
    """Open ``files`` as one submission at 1280×800, accept each table's suggestions, reach k on the person
    table, and grab the Load step and the Protect step with the risk across the tables in persons."""
    window.resize(1280, 800)
    window.show()
    done: list[bool] = []
    window.loadFinished.connect(done.append)
    window.open_paths(list(files))
    _wait(app, lambda: bool(done) and not window.runner.running())
    session = window.session
    for index in range(len(session.tables)):
        session.select_table(index)
        _wait(app, lambda: not window.runner.running())
        window.map_page.accept_all()
    session.select_table(0)
    written = []
    window.go_to(0)
    _wait(app, lambda: not window.runner.running())
    _settle(app, 0.5)
    written.append(out / f"1-load-submission-{language}.png")
    window.grab().save(str(written[-1]))
    window.go_to(2)
    _wait(app, lambda: not window.runner.running())
    # Synthea's 27 persons reach k = 5 at the floors only by suppressing cells beyond the default caps.
    window.protect_page.cell_cap_spin.setValue(50)
    window.protect_page.record_cap_spin.setValue(100)
    window.protect_page._caps_changed()
    window.protect_page.reach_k()
    _wait(app, lambda: not window.runner.running() and bool(session.recipe.protection.generalisation))
    _settle(app, 1.0)     # the risk panel refreshes after a short delay
    _wait(app, lambda: not window.runner.running() and session.submission_view is not None)
    written.append(out / f"3-protect-submission-{language}.png")
    window.grab().save(str(written[-1]))
    window.close_without_asking()
    return written


def _wait(app, condition, timeout_s: float = 120.0) -> None:
    import time
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the app")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def _settle(app, seconds: float) -> None:
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    raise SystemExit(main())
