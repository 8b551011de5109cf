"""The curator desktop app (PySide6). It only calls ``curator``; Qt is imported through ``ui.qt``."""
