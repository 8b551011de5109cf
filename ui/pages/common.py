"""Pieces every page uses: a title with a one-line explanation, and a "not available" notice."""

from __future__ import annotations

from ui.qt import QLabel, QVBoxLayout, QWidget


def page_header(parent: QWidget, layout: QVBoxLayout, title: str, explanation: str) -> QLabel:
    heading = QLabel(f"<h2 style='margin:0'>{title}</h2>", parent)
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    text = QLabel(explanation, parent)
    text.setWordWrap(True)
    layout.addWidget(text)
    return text


def notice(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { background: palette(alternate-base); border: 1px solid palette(mid);"
                        " border-radius: 4px; padding: 8px; }")
    return label
