"""What the app is working on: the loaded table, the recipe (the project), its history and what the core found.

Pages read the session and change the recipe only through ``push(command)``, so every decision
can be undone and the window knows when there are unsaved changes. The session is also how pages
learn what another page found (the last check's report and blocker count): no page reads another's
widgets.
"""

from __future__ import annotations

from pathlib import Path

from curator.check import ValidationReport
from curator.identify import ColumnIdentification
from curator.mapping.columns import ColumnSuggestions
from curator.mapping.vocabulary import Vocabulary
from curator.profile import ColumnProfile
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
    checked = Signal()                # the checks ran: validation and blocker_count hold their result
    # Another file or project was opened: every page forgets the results, paths and reports it held
    # for the previous one (one file, one state). Re-reading the same file with other options is not one.
    sourceChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loaded: LoadedTable | None = None
        self.recipe = Recipe()
        self.stack = CommandStack()
        self.stack.subscribe(self._stack_changed)
        self.project_path: Path | None = None
        self.profiles: list[ColumnProfile] | None = None
        self.identifications: list[ColumnIdentification] | None = None
        self.suggestions: list[ColumnSuggestions] | None = None
        self.proposed: Recipe | None = None              # the recipe the suggestions make (recipe init)
        self.notes: list[str] = []                       # what the proposal decided on the user's behalf
        self.vocabulary: Vocabulary | None = None
        self.validation: ValidationReport | None = None  # the last check's report (kept while a new one runs)
        self.blocker_count: int | None = None            # None: not checked for the current decisions
        # The Export step's file paths and passphrases, kept here so that a rebuilt window (a language
        # change) finds them; passphrases live only in this memory, for this session.
        self.export_paths: dict[str, str] = {}
        self.passphrases: dict[str, str] = {}
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
            self._forget_results()
            self.projectPathChanged.emit()
        self.recipe.reader = loaded.source.options
        self.recipe.source = loaded.source.to_dict()
        if new_source:
            self.sourceChanged.emit()
        self.loadedChanged.emit()
        self.recipeChanged.emit()
        self.profilesChanged.emit()
        self.identificationsChanged.emit()

    def set_profiles(self, profiles: list[ColumnProfile] | None) -> None:
        self.profiles = profiles
        self.profilesChanged.emit()

    def set_analysis(self, vocabulary: Vocabulary | None, identifications: list[ColumnIdentification],
                     suggestions: list[ColumnSuggestions], proposed: Recipe | None, notes: list[str]) -> None:
        self.vocabulary = vocabulary
        self.identifications = identifications
        self.suggestions = suggestions
        self.proposed = proposed
        self.notes = notes
        self.identificationsChanged.emit()

    def set_checked(self, validation: ValidationReport, blocker_count: int | None) -> None:
        """The last check's report; ``blocker_count`` None when it was for decisions since changed."""
        self.validation = validation
        self.blocker_count = blocker_count
        self.checked.emit()

    def check_is_stale(self) -> None:
        """The decisions or the data changed since the last check: its blockers no longer count."""
        self.blocker_count = None

    def detected_class(self, column: str) -> str | None:
        found = next((i for i in self.identifications or [] if i.name == column), None)
        return found.klass if found is not None else None

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
        self._forget_results()
        self.projectPathChanged.emit()
        self.sourceChanged.emit()
        self.recipeChanged.emit()

    def _forget_results(self) -> None:
        self.validation = None
        self.blocker_count = None

    def save(self, path: Path) -> None:
        self.recipe.save(path)
        self.project_path = path
        self.stack.set_clean()
        self.projectPathChanged.emit()

    def settings_key(self) -> Path | None:
        """What per-project settings are kept under: the project file, else the data file."""
        return self.project_path or self.source_path()

    def source_path(self) -> Path | None:
        if self.loaded is not None:
            return Path(self.loaded.source.path)
        path = self.recipe.source.get("path")
        return Path(path) if path else None
