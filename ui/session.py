"""What the app is working on: the loaded table, the recipe (the project), its history and what the core found.

Pages read the session and change the recipe only through ``push(command)``, so every decision
can be undone and the window knows when there are unsaved changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.recipe.model import Recipe
from curator.source import LoadedTable
from curator.undo import Command, CommandStack
from ui.qt import QObject, Signal


class Session(QObject):
    loadedChanged = Signal()          # a new table (or new reading options) replaced the previous one
    recipeChanged = Signal()          # a decision was made, undone or redone, or a project was opened
    cleanChanged = Signal(bool)       # True when everything is saved
    profilesChanged = Signal()
    identificationsChanged = Signal()
    projectPathChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loaded: LoadedTable | None = None
        self.recipe = Recipe()
        self.stack = CommandStack()
        self.stack.subscribe(self._stack_changed)
        self.project_path: Path | None = None
        self.profiles: list[Any] | None = None
        self.identifications: list[Any] | None = None
        self.suggestions: list[Any] | None = None      # ColumnSuggestions per column
        self.proposed: Recipe | None = None              # the recipe the suggestions make (recipe init)
        self.notes: list[str] = []                       # what the proposal decided on the user's behalf
        self.vocabulary: Any = None
        self._was_clean = True

    # --- decisions -------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        self.stack.push(command)

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def is_clean(self) -> bool:
        return self.stack.is_clean()

    def _stack_changed(self) -> None:
        self.recipeChanged.emit()
        clean = self.stack.is_clean()
        if clean != self._was_clean:
            self._was_clean = clean
            self.cleanChanged.emit(clean)

    # --- data ------------------------------------------------------------------------------
    def set_loaded(self, loaded: LoadedTable, new_source: bool) -> None:
        """Show a freshly read table. A new source file starts a new recipe; re-reading keeps it."""
        self.loaded = loaded
        self.profiles = None
        self.identifications = None
        self.suggestions = None
        self.proposed = None
        self.notes = []
        if new_source:
            export = self.recipe.export
            self.recipe = Recipe(export=export)
            self.project_path = None
            self.stack.clear()
            self.projectPathChanged.emit()
        self.recipe.reader = loaded.source.options
        self.recipe.source = loaded.source.to_dict()
        self.loadedChanged.emit()
        self.recipeChanged.emit()
        self.profilesChanged.emit()
        self.identificationsChanged.emit()

    def set_profiles(self, profiles: list[Any] | None) -> None:
        self.profiles = profiles
        self.profilesChanged.emit()

    def set_analysis(self, vocabulary: Any, identifications: list[Any], suggestions: list[Any],
                     proposed: Recipe | None, notes: list[str]) -> None:
        self.vocabulary = vocabulary
        self.identifications = identifications
        self.suggestions = suggestions
        self.proposed = proposed
        self.notes = notes
        self.identificationsChanged.emit()

    def detected_class(self, column: str) -> str | None:
        found = next((i for i in self.identifications or [] if i.name == column), None)
        return getattr(found, "klass", None)

    def effective_class(self, column: str) -> str | None:
        """The user's override if any, else what identification detected."""
        decision = self.recipe.column(column)
        if decision is not None and decision.identifying:
            return decision.identifying
        return self.detected_class(column)

    # --- project ---------------------------------------------------------------------------
    def open_recipe(self, recipe: Recipe, path: Path | None) -> None:
        self.recipe = recipe
        self.project_path = path
        self.stack.clear()
        self.projectPathChanged.emit()
        self.recipeChanged.emit()

    def save(self, path: Path) -> None:
        self.recipe.save(path)
        self.project_path = path
        self.stack.set_clean()
        self.projectPathChanged.emit()

    def source_path(self) -> Path | None:
        if self.loaded is not None:
            return Path(self.loaded.source.path)
        path = self.recipe.source.get("path")
        return Path(path) if path else None
