"""Edit ▸ Undo / Redo mirroring the core's CommandStack: the UI only relabels and enables the actions."""

from __future__ import annotations

from curator.undo import CommandStack
from ui.qt import QAction, QKeySequence, QObject


class UndoActions(QObject):
    def __init__(self, stack: CommandStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda _checked=False: stack.undo())
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(lambda _checked=False: stack.redo())
        stack.subscribe(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            self._refresh()
        except RuntimeError:        # the window was closed (e.g. rebuilt for a new language)
            self._stack.unsubscribe(self.refresh)

    def _refresh(self) -> None:
        undo_label, redo_label = self._stack.undo_label(), self._stack.redo_label()
        self.undo_action.setEnabled(self._stack.can_undo())
        self.redo_action.setEnabled(self._stack.can_redo())
        self.undo_action.setText(self.tr("&Undo {what}").format(what=undo_label).strip() if undo_label
                                 else self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo {what}").format(what=redo_label).strip() if redo_label
                                 else self.tr("&Redo"))
        self.undo_action.setToolTip(self.tr("Undo the last decision (Ctrl+Z)"))
        self.redo_action.setToolTip(self.tr("Redo the decision just undone (Ctrl+Shift+Z)"))
