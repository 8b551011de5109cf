"""What the app is working on: the loaded table, the recipe (the project), its history and what the core found.

Pages read the session and change the recipe only through ``push(command)``, so every decision
can be undone and the window knows when there are unsaved changes. The session is also how pages
learn what another page found (the last check's report and blocker count): no page reads another's
widgets.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from curator.check import ValidationReport
from curator.hubview import SubmissionView
from curator.identify import ColumnIdentification
from curator.mapping.columns import ColumnSuggestions
from curator.mapping.vocabulary import Vocabulary
from curator.profile import ColumnProfile
from curator.recipe.model import Recipe
from curator.recipe.schema import TABLE_PROTECTION
from curator.recipe.submission import Link, Submission
from curator.source import LoadedTable
from curator.undo import Command, CommandStack
from ui.qt import QObject, Signal


@dataclass
class TableState:
    """One table of a linked submission: what the session holds for the table in view, kept while
    another is in view."""

    loaded: LoadedTable
    recipe: Recipe
    profiles: list[ColumnProfile] | None = None
    identifications: list[ColumnIdentification] | None = None
    suggestions: list[ColumnSuggestions] | None = None
    proposed: Recipe | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Linking:
    """A submission's links as the user confirmed them, beside those proposed and why (one undoable holder)."""

    links: list[Link] = field(default_factory=list)
    proposed: list[Link] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


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
    tableChanged = Signal()           # another table of the submission is in view (or the tables changed)
    submissionChecked = Signal()      # submission_view holds the findings across the tables

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
        # A linked submission (several files, one package): every table's state, the one in view
        # mirrored in the fields above, and the links. Empty for one file.
        self.tables: list[TableState] = []
        self.active = 0
        self.linking = Linking()
        self.submission_view: SubmissionView | None = None
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
            self._end_submission()
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
        self._end_submission()
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
        self.write(path)
        self.project_path = path
        self.stack.set_clean()
        self.projectPathChanged.emit()

    def write(self, path: Path) -> None:
        """The project file: the recipe, or the submission's (its tables and links)."""
        if self.is_submission():
            self.submission().save(path)
        else:
            self.recipe.save(path)

    def settings_key(self) -> Path | None:
        """What per-project settings are kept under: the project file, else the data file."""
        return self.project_path or self.source_path()

    def source_path(self) -> Path | None:
        if self.loaded is not None:
            return Path(self.loaded.source.path)
        path = self.recipe.source.get("path")
        return Path(path) if path else None

    # --- linked submission -----------------------------------------------------------------
    def is_submission(self) -> bool:
        return len(self.tables) > 1

    def table_names(self) -> list[str]:
        return [state.recipe.name for state in self.tables]

    def set_submission(self, tables: list[TableState], linking: Linking, path: Path | None,
                       new_project: bool = True) -> None:
        """Show a linked submission, the first table in view. ``new_project``: its decisions start a new
        history (a project reopened keeps its path and counts as saved)."""
        export = self.recipe.export
        self.tables = tables
        self.linking = linking
        self.active = 0
        self.submission_view = None
        for state in tables:
            if new_project:
                state.recipe.export = copy.deepcopy(export)
            state.recipe.reader = state.loaded.source.options
            state.recipe.source = state.loaded.source.to_dict()
        self._restore(tables[0])
        self.project_path = path
        self.stack.clear()
        self._forget_results()
        self.projectPathChanged.emit()
        self.sourceChanged.emit()
        self._changed_table()

    def select_table(self, index: int) -> None:
        """Put table ``index`` of the submission in view: every page shows its state."""
        if not self.is_submission() or index == self.active or not 0 <= index < len(self.tables):
            return
        self._store()
        self._share_from(self.recipe)
        self.active = index
        self._restore(self.tables[index])
        self.check_is_stale()
        self._changed_table()

    def submission(self) -> Submission:
        """The submission as the user decided it so far: every table's recipe and the confirmed links;
        the shared fields (vocabulary, export metadata, k...) as the table in view has them."""
        self._store()
        self._share_from(self.recipe)
        return Submission.of([state.recipe for state in self.tables], list(self.linking.links))

    def set_submission_view(self, view: SubmissionView | None) -> None:
        self.submission_view = view
        self.submissionChecked.emit()

    def _store(self) -> None:
        if not self.tables:
            return
        state = self.tables[self.active]
        state.recipe, state.profiles, state.identifications = self.recipe, self.profiles, self.identifications
        state.suggestions, state.proposed, state.notes = self.suggestions, self.proposed, self.notes
        if self.loaded is not None:
            state.loaded = self.loaded

    def _restore(self, state: TableState) -> None:
        self.loaded, self.recipe, self.profiles = state.loaded, state.recipe, state.profiles
        self.identifications, self.suggestions = state.identifications, state.suggestions
        self.proposed, self.notes = state.proposed, state.notes

    def _share_from(self, recipe: Recipe) -> None:
        """Copy the submission-wide fields of ``recipe`` into the other tables' recipes, in place (a
        command may hold the objects)."""
        for state in self.tables:
            other = state.recipe
            if other is recipe:
                continue
            other.vocabulary = copy.deepcopy(recipe.vocabulary)
            for name, value in vars(recipe.export).items():
                setattr(other.export, name, copy.deepcopy(value))
            for name, value in vars(recipe.protection).items():
                if name not in TABLE_PROTECTION:
                    setattr(other.protection, name, copy.deepcopy(value))

    def _end_submission(self) -> None:
        self.tables = []
        self.active = 0
        self.linking = Linking()
        self.submission_view = None

    def _changed_table(self) -> None:
        self.tableChanged.emit()
        self.loadedChanged.emit()
        self.recipeChanged.emit()
        self.profilesChanged.emit()
        self.identificationsChanged.emit()
