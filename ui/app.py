"""Start the desktop app: ``main(argv)`` opens the main window, optionally on a data file or a saved project."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from curator.resources import demo_csv, resource_path
from curator.runtime import configure
from ui import i18n
from ui import settings as app_settings
from ui.dialogs import show_error
from ui.main_window import MainWindow, autosave_path
from ui.qt import QApplication, QCoreApplication, QIcon, QMessageBox, QObject
from ui.session import Session

log = logging.getLogger(__name__)


class AppController(QObject):
    """Owns the session across window rebuilds (a language change rebuilds the window, keeping the work)."""

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.session = session or Session()
        self.window: MainWindow | None = None

    def build_window(self) -> MainWindow:
        window = MainWindow(self.session)
        window.languageChangeRequested.connect(self.change_language)
        icon = resource_path("icons", "curator.svg")
        if icon.exists():
            window.setWindowIcon(QIcon(str(icon)))
        self.window = window
        return window

    def change_language(self, choice: str) -> MainWindow:
        old = self.window
        i18n.install(i18n.resolve(choice))
        window = self.build_window()
        if old is not None:
            window.setGeometry(old.geometry())
            window.go_to(old.current_step())
            old.close_without_asking()
            old.deleteLater()
        window.show()
        return window


def _excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """An error escaping a slot is shown, not swallowed; the work in the session is still there."""
    log.error("unexpected error", exc_info=(kind, error, trace))
    if QApplication.instance() is not None:
        show_error(QApplication.activeWindow(), QCoreApplication.translate("Dialogs", "Unexpected error"), error)


def make_application(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName("curator")
    app.setOrganizationName("curator")
    app.setApplicationDisplayName("curator")
    # Hand the GIL back to the GUI thread more often than every 5 ms while workers run Python code.
    sys.setswitchinterval(0.001)
    i18n.install(i18n.resolve(app_settings.language_choice()))
    return app


def offer_restore(window: MainWindow) -> bool:
    """After a crash an autosave is left behind: offer to bring those decisions back."""
    path = autosave_path()
    if not path.exists():
        return False
    answer = QMessageBox.question(
        window, QCoreApplication.translate("MainWindow", "Restore unsaved work?"),
        QCoreApplication.translate("MainWindow",
                                   "curator was not closed normally. Restore the decisions it saved automatically?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer == QMessageBox.StandardButton.Yes:
        window.restore_autosave()
        return True
    path.unlink(missing_ok=True)
    return False


def import_core_stages() -> None:
    """Import the analysis stages now, before the window shows: a first import on a worker thread
    holds the interpreter lock for up to a few hundred milliseconds and would freeze the window.
    The pages import the core at module level, so importing ``ui.main_window`` has done this
    already; the call states the guarantee where the window is built."""
    import curator.identify  # noqa: F401
    import curator.mapping  # noqa: F401
    import curator.profile  # noqa: F401
    import curator.recipe.init  # noqa: F401


def start_warm_up() -> None:
    """Pay the core's one-time costs (pandas bridge, detector metadata, vocabulary code lists) while the user looks at the
    window, so the first file opened is analysed at full speed. Qt-free work: a plain daemon thread."""
    from curator.identify import warm_up as warm_up_identify
    from curator.load.guarded import warm_up as warm_up_readers
    from curator.mapping.warmup import warm_up as warm_up_mapping

    def warm_up() -> None:
        warm_up_readers()   # the reader process for workbooks and binary formats (about a second, in the background)
        warm_up_identify()
        warm_up_mapping()

    threading.Thread(target=warm_up, name="curator-warm-up", daemon=True).start()


def smoke_test() -> bool:
    """`curator selftest`'s GUI stage: the main window builds, shows and closes (offscreen if no display)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    controller = AppController()
    window = controller.build_window()
    window.show()
    app.processEvents()
    ok = window.isVisible() and window.windowTitle() != ""
    # The guide is shipped and opens at a step's section, as F1 opens it.
    guide = window.show_guide("protect")
    app.processEvents()
    ok = ok and "k-anonym" in window.guide_browser.toPlainText()
    guide.close()
    window.close_without_asking()
    window.deleteLater()
    app.processEvents()
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """``curator gui [FILE | PROJECT]``. With nothing to open on a first run, shows the demo data."""
    configure()
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_application()
    sys.excepthook = _excepthook
    import_core_stages()
    controller = AppController()
    window = controller.build_window()
    window.show()
    start_warm_up()
    restored = offer_restore(window)
    if args:
        window.open_path(Path(args[0]))
    elif not restored and not app_settings.recent_files() and demo_csv().exists():
        window.open_file(demo_csv())
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
