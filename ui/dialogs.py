"""Messages to the user: what happened and what to do, never a traceback."""

from __future__ import annotations

import logging
import traceback

from curator.errors import CuratorError
from ui.i18n import core_text
from ui.qt import QCoreApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def error_texts(error: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for an error raised by the core or by the app."""
    if isinstance(error, CuratorError):
        message = core_text(error.message)     # the core's English, translated when it is a marked Text
        what = (QCoreApplication.translate("Dialogs", "{where}: {message}").format(
            where=core_text(str(error.where)), message=message) if error.where and str(error.where) else message)
        if error.details:
            what += "\n" + "\n".join(f"  - {core_text(d)}" for d in error.details)
        todo = core_text(error.hint) if error.hint else QCoreApplication.translate("Dialogs", "Check the file and the options, then try again.")
        return what, todo
    if isinstance(error, MemoryError):
        return (QCoreApplication.translate("Dialogs", "There is not enough memory for this operation."),
                QCoreApplication.translate("Dialogs", "Close other programs, or split the file into smaller parts, then try again."))
    if isinstance(error, OSError):
        return (QCoreApplication.translate("Dialogs", "The file could not be read or written: {reason}").format(reason=error.strerror or str(error)),
                QCoreApplication.translate("Dialogs", "Check that the file exists, that you may open it, and that the disk is not full."))
    return (QCoreApplication.translate("Dialogs", "Something went wrong inside curator: {error}").format(error=f"{type(error).__name__}: {error}"),
            QCoreApplication.translate("Dialogs", "Your decisions are kept. Save the project, then report this problem with the details below."))


def show_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    what, todo = error_texts(error)
    log.error("%s: %s", title, what)
    box = QMessageBox(QMessageBox.Icon.Critical, title, what, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(todo)
    if not isinstance(error, CuratorError | OSError | MemoryError):
        box.setDetailedText("".join(traceback.format_exception(error)))
    box.setAccessibleName(title)
    box.open()   # window-modal, does not block the event loop (tests and workers keep running)
    return box
