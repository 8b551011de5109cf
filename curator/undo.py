"""Undo and redo of the user's decisions, without Qt.

Every change to the recipe the app makes goes through a :class:`Command` pushed on a
:class:`CommandStack`; the app only relabels its Undo/Redo actions from the stack. The stack
also knows whether the recipe differs from what was last saved ("unsaved changes").
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from curator.recipe.model import ColumnDecision, ProtectionSettings, Recipe


class Command:
    """One reversible change. ``do`` applies it (also on redo), ``undo`` reverts it exactly."""

    label: str = ""

    def do(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError


@dataclass
class CommandStack:
    """A linear history: pushing after an undo discards what could have been redone."""

    limit: int = 500
    _done: list[Command] = field(default_factory=list)
    _undone: list[Command] = field(default_factory=list)
    # Position (len(_done)) at which the project was last saved; None once that state cannot come back.
    _clean_at: int | None = 0
    _listeners: list[Callable[[], None]] = field(default_factory=list)

    def push(self, command: Command) -> None:
        command.do()
        self._done.append(command)
        if self._clean_at is not None and self._clean_at > len(self._done) - 1:
            self._clean_at = None   # the saved state was in the redo branch we just dropped
        self._undone.clear()
        if len(self._done) > self.limit:
            del self._done[0]
            self._clean_at = None if self._clean_at in (None, 0) else self._clean_at - 1
        self._changed()

    def undo(self) -> None:
        if not self._done:
            return
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        self._changed()

    def redo(self) -> None:
        if not self._undone:
            return
        command = self._undone.pop()
        command.do()
        self._done.append(command)
        self._changed()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def is_clean(self) -> bool:
        return self._clean_at == len(self._done)

    def set_clean(self) -> None:
        self._clean_at = len(self._done)
        self._changed()

    def mark_unsaved(self) -> None:
        """The current state was never saved (e.g. restored from an autosave)."""
        self._clean_at = None
        self._changed()

    def clear(self) -> None:
        """Forget the history (a new project); the new state counts as saved."""
        self._done.clear()
        self._undone.clear()
        self._clean_at = 0
        self._changed()

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()


class ReplaceColumnDecision(Command):
    """Set what happens to one column (concept, class override, action...) as a whole."""

    def __init__(self, recipe: Recipe, decision: ColumnDecision, label: str) -> None:
        self._recipe = recipe
        self._new = copy.deepcopy(decision)
        self._old: ColumnDecision | None = None
        self._old_index: int | None = None
        self.label = label

    def do(self) -> None:
        index = next((i for i, c in enumerate(self._recipe.columns) if c.source == self._new.source), None)
        self._old_index = index
        if index is None:
            self._old = None
            self._recipe.columns.append(copy.deepcopy(self._new))
        else:
            self._old = self._recipe.columns[index]
            self._recipe.columns[index] = copy.deepcopy(self._new)

    def undo(self) -> None:
        if self._old_index is None:
            self._recipe.columns = [c for c in self._recipe.columns if c.source != self._new.source]
        else:
            assert self._old is not None
            self._recipe.columns[self._old_index] = self._old


class Steps(Command):
    """Several commands as one step (e.g. a link unticked and the person keys it changes)."""

    def __init__(self, parts: list[Command], label: str) -> None:
        self._parts = list(parts)
        self.label = label

    def do(self) -> None:
        for part in self._parts:
            part.do()

    def undo(self) -> None:
        for part in reversed(self._parts):
            part.undo()


class ReplaceColumnDecisions(Steps):
    """Several column decisions as one step (e.g. "accept all suggestions")."""

    def __init__(self, recipe: Recipe, decisions: list[ColumnDecision], label: str) -> None:
        super().__init__([ReplaceColumnDecision(recipe, d, label) for d in decisions], label)


class ReplaceProtection(Command):
    """Set the quasi-identifiers, k target, generalisation... as a whole."""

    def __init__(self, recipe: Recipe, settings: ProtectionSettings, label: str) -> None:
        self._recipe = recipe
        self._new = copy.deepcopy(settings)
        self._old = copy.deepcopy(recipe.protection)
        self.label = label

    def do(self) -> None:
        self._recipe.protection = copy.deepcopy(self._new)

    def undo(self) -> None:
        self._recipe.protection = copy.deepcopy(self._old)


class ReplaceProtections(Steps):
    """Several recipes' protection as one step (e.g. Reach k across the tables of a submission)."""

    def __init__(self, changes: list[tuple[Recipe, ProtectionSettings]], label: str) -> None:
        super().__init__([ReplaceProtection(recipe, settings, label) for recipe, settings in changes], label)


class SetAttributes(Command):
    """Set attributes of a recipe part as one step (export metadata, the recipe's columns and protection...)."""

    def __init__(self, target: Any, values: dict[str, Any], label: str) -> None:
        self._target = target
        self._new = copy.deepcopy(values)
        self._old = {name: copy.deepcopy(getattr(target, name)) for name in values}
        self.label = label

    def do(self) -> None:
        for name, value in self._new.items():
            setattr(self._target, name, copy.deepcopy(value))

    def undo(self) -> None:
        for name, value in self._old.items():
            setattr(self._target, name, copy.deepcopy(value))

