"""Pieces every page uses: a title with a one-line explanation, and a "not available" notice."""

from __future__ import annotations

from typing import Any

from ui.qt import QLabel, QSplitter, Qt, QVBoxLayout, QWidget


def page_header(parent: QWidget, layout: QVBoxLayout, title: str, explanation: str) -> QLabel:
    heading = QLabel(f"<h2 style='margin:0'>{title}</h2>", parent)
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    text = QLabel(explanation, parent)
    text.setWordWrap(True)
    layout.addWidget(text)
    return text


def split(parent: QWidget, orientation: Qt.Orientation, first: QWidget, second: QWidget,
          stretch: tuple[int, int] = (3, 1), sizes: list[int] | None = None) -> QSplitter:
    """Two panes the user can resize, sharing extra room as ``stretch`` says, starting at ``sizes``."""
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    if sizes is not None:
        splitter.setSizes(sizes)
    return splitter


def notice(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { background: palette(alternate-base); border: 1px solid palette(mid);"
                        " border-radius: 4px; padding: 8px; }")
    return label


class RebuiltWhenShown:
    """For a page whose table is costly GUI-thread work: rebuilt only while the page is in view, else
    when it is entered; between rebuilds a recipe change only refreshes the decisions it shows.

    The page calls ``watch_session(session)`` once and ``enter_rebuilt()`` from ``entered``, and
    provides ``refresh()`` (which clears ``_dirty``) and ``decisions_changed()``.
    """

    _dirty = True

    def watch_session(self, session: Any) -> None:
        self._dirty = True
        session.loadedChanged.connect(self._invalidate)
        session.identificationsChanged.connect(self._invalidate)
        session.recipeChanged.connect(lambda: self.decisions_changed() if self.isVisible() else None)

    def _invalidate(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def enter_rebuilt(self) -> None:
        if self._dirty:
            self.refresh()
        else:
            self.decisions_changed()

