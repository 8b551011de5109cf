"""What stops an export: each blocker says which column, what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from curator.check.report import RuleResult, ValidationReport
from curator.mapping.vocabulary import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text, word
from curator.recipe.model import Recipe
from curator.recipe.privacy import column_class, leaves_identifying


@dataclass
class Blocker:
    column: str | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        if self.column and self.hint:
            return Text(QT_TRANSLATE_NOOP("core", "column '{column}': {message} — {hint}"), column=self.column, message=self.message,
                        hint=self.hint)
        if self.column:
            return Text(QT_TRANSLATE_NOOP("core", "column '{column}': {message}"), column=self.column, message=self.message)
        if self.hint:
            return Text(QT_TRANSLATE_NOOP("core", "{message} — {hint}"), message=self.message, hint=self.hint)
        return self.message



def blockers(recipe: Recipe, vocabulary: Vocabulary, validation: ValidationReport | None = None,
             detected: Mapping[str, str | None] | None = None) -> list[Blocker]:
    """Everything that must be settled before a package may be written (empty list = ready).

    ``detected``: the class identification found for each column, when it ran (see :mod:`curator.recipe.privacy`)."""
    found_classes = detected or {}
    found: list[Blocker] = []
    recorded = recipe.vocabulary.get("id")
    if recorded and recorded != vocabulary.id:
        found.append(Blocker(None, Text(QT_TRANSLATE_NOOP("core", "the recipe was mapped against vocabulary '{recorded}', not '{vocabulary}'"),
                                           recorded=recorded, vocabulary=vocabulary.id),
                             Text(QT_TRANSLATE_NOOP("core", "Load the vocabulary the recipe names, or map the columns again."))))
    for decision in recipe.columns:
        concept = vocabulary.concepts.get(decision.concept) if decision.concept else None
        if decision.concept and concept is None:
            found.append(Blocker(decision.source, Text(QT_TRANSLATE_NOOP("core", "concept '{concept}' is not in vocabulary '{vocabulary}'"),
                                                         concept=decision.concept, vocabulary=vocabulary.id),
                                 Text(QT_TRANSLATE_NOOP("core", "Map the column to a concept of this vocabulary, or leave it unmapped."))))
        if leaves_identifying(column_class(decision, found_classes.get(decision.source), vocabulary), decision.transform):
            found.append(Blocker(decision.source, Text(QT_TRANSLATE_NOOP("core", "identifies a person directly and would be exported as is")),
                                 Text(QT_TRANSLATE_NOOP("core", "Pseudonymise or drop it, or confirm explicitly that it must be kept."))))
        pending = [v for v, state in decision.code_review.items() if state in ("unmapped", "rejected")
                   and v not in decision.code_map]
        if pending and concept is not None and concept.code_list and not validation:
            found.append(Blocker(decision.source, Text(QT_TRANSLATE_NOOP("core", "{count} value(s) have no code yet"), count=len(pending)),
                                 Text(QT_TRANSLATE_NOOP("core", "Map them, empty them, or exclude their rows."))))
    if validation is not None:
        for result in validation.unresolved:
            if result.kind == "coherence":
                found.append(_coherence_blocker(result))
                continue
            message = Text(QT_TRANSLATE_NOOP("core", "{count} value(s) {problem} (rule '{rule}'), first at row {row}"),
                           count=result.count - result.decided_rows, problem=word(result.message), rule=result.rule,
                           row=result.examples[0].row if result.examples else "?")
            found.append(Blocker(result.column, message, Text(QT_TRANSLATE_NOOP("core", "Correct the source, map the values, or decide: empty "
                                                              "them, exclude the rows, or keep them."))))
    return found


def _coherence_blocker(result: RuleResult) -> Blocker:
    """A coherence rule broken by rows nothing decides yet."""
    message = Text(QT_TRANSLATE_NOOP("core", "{count} row(s): {problem} (rule '{rule}'), first at row {row}"),
                   count=result.count, problem=result.message, rule=result.rule,
                   row=result.examples[0].row if result.examples else "?")
    return Blocker(result.columns[0] if result.columns else None, message,
                   Text(QT_TRANSLATE_NOOP("core", "Correct the source, or decide: exclude the rows, keep them with a "
                                                  "reason, or switch the rule off with a reason.")))
