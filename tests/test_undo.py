"""The core's undo stack: every decision can be undone and redone exactly, and "unsaved" is tracked."""

from __future__ import annotations

from curator.recipe.model import ColumnDecision, ProtectionSettings, Recipe, Transform
from curator.undo import (
    CommandStack,
    ReplaceColumnDecision,
    ReplaceProtection,
    ReplaceProtections,
    SetAttributes,
)


def test_undo_redo_restores_each_state_exactly():
    recipe = Recipe(columns=[ColumnDecision("Nom", transform=Transform("drop"))])
    stack = CommandStack()
    states = [recipe.to_json()]
    stack.push(ReplaceColumnDecision(recipe, ColumnDecision("Sexe", concept="sex"), "map Sexe"))
    states.append(recipe.to_json())
    stack.push(ReplaceColumnDecision(recipe, ColumnDecision("Nom", transform=Transform("pseudonymise")), "Nom"))
    states.append(recipe.to_json())
    stack.push(ReplaceProtection(recipe, ProtectionSettings(quasi_identifiers=["Sexe"], k_target=5), "k"))
    states.append(recipe.to_json())
    stack.push(SetAttributes(recipe.export, {"producer_id": "REG-01", "dataset_title": "Registre"}, "meta"))
    states.append(recipe.to_json())

    for expected in reversed(states[:-1]):
        stack.undo()
        assert recipe.to_json() == expected
    assert not stack.can_undo() and stack.can_redo()
    for expected in states[1:]:
        stack.redo()
        assert recipe.to_json() == expected
    assert stack.undo_label() == "meta" and not stack.can_redo()


def test_several_tables_protection_is_one_step():
    patients, visits = Recipe(name="patients"), Recipe(name="visits")
    patients.protection.generalisation = {"BIRTHDATE": 1}
    before = [patients.to_json(), visits.to_json()]
    stack = CommandStack()
    stack.push(ReplaceProtections([(patients, ProtectionSettings(k_target=5, generalisation={"BIRTHDATE": 2})),
                                   (visits, ProtectionSettings(k_target=5, generalisation={"START": 3}))], "reach k"))
    after = [patients.to_json(), visits.to_json()]
    assert visits.protection.generalisation == {"START": 3} and stack.undo_label() == "reach k"
    stack.undo()
    assert [patients.to_json(), visits.to_json()] == before and not stack.can_undo()
    stack.redo()
    assert [patients.to_json(), visits.to_json()] == after


def test_clean_state_follows_save_undo_and_new_branches():
    recipe = Recipe()
    stack = CommandStack()
    assert stack.is_clean()
    stack.push(ReplaceColumnDecision(recipe, ColumnDecision("a", concept="x"), "a"))
    assert not stack.is_clean()
    stack.set_clean()
    stack.push(ReplaceColumnDecision(recipe, ColumnDecision("b", concept="y"), "b"))
    assert not stack.is_clean()
    stack.undo()
    assert stack.is_clean()                     # back to what was saved
    stack.undo()
    assert not stack.is_clean()
    stack.push(ReplaceColumnDecision(recipe, ColumnDecision("c"), "c"))
    stack.undo()
    assert not stack.is_clean()                 # the saved state was on the branch just discarded
    assert recipe.columns == []


def test_listeners_hear_every_change():
    heard = []
    stack = CommandStack()
    stack.subscribe(lambda: heard.append(stack.can_undo()))
    recipe = Recipe()
    stack.push(ReplaceColumnDecision(recipe, ColumnDecision("a"), "a"))
    stack.undo()
    stack.redo()
    assert heard == [True, False, True]
