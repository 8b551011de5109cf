"""What stops an export: each blocker says which column, what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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



# What a risk summary counts (``RiskSummary.unit``), marked for the app's translation.
UNITS = (QT_TRANSLATE_NOOP("core", "records"), QT_TRANSLATE_NOOP("core", "persons"))


def below_k(recipe: Recipe, risk: Mapping[str, Any] | None, suppressed: int = 0) -> Blocker | None:
    """The blocker of a package whose quasi-identifiers, as they leave, are below the recipe's k
    (``risk``: ``RiskSummary.to_dict()`` of the data as they would leave), unless the recipe records
    an accepted risk with its reason. None when k is reached, not set, or accepted.

    ``suppressed``: the records (persons) Reach k suppressed. Their quasi-identifiers are all ``*``,
    one class that is not judged, as in ARX and the search: k is what holds for the others."""
    k = recipe.protection.k_target
    if k is None or not risk or recipe.protection.accept_below_k:
        return None
    short = int(risk.get("records_below_k") or 0)
    classes = int(risk.get("classes_below_k") or 0)
    if 0 < suppressed < k and short >= suppressed and classes:
        short, classes = short - suppressed, classes - 1
    if short == 0:
        return None
    unit = word(str(risk.get("unit") or "records"))
    total = int(risk.get("records") or 0)
    message = Text(QT_TRANSLATE_NOOP("core", "{classes} class(es) hold fewer than k = {k} {unit}: {count} of {total} "
                                             "{unit} fall short"),
                   classes=classes, k=k, unit=unit, count=short, total=total)
    hint = Text(QT_TRANSLATE_NOOP("core", "Run Reach k ('curator recipe reach-k RECIPE FILE', or Reach k on the Protect "
                                          "step) to write a generalisation that reaches k into the recipe; or record "
                                          "in the recipe why this risk is accepted: protection.accept_below_k = "
                                          "{example}."), example='{"reason": "..."}')
    return Blocker(None, message, hint)


def blockers(recipe: Recipe, vocabulary: Vocabulary, validation: ValidationReport | None = None,
             detected: Mapping[str, str | None] | None = None, risk: Mapping[str, Any] | None = None,
             suppressed: int = 0) -> list[Blocker]:
    """Everything that must be settled before a package may be written (empty list = ready).

    ``detected``: the class identification found for each column, when it ran (see :mod:`curator.recipe.privacy`);
    ``risk``, ``suppressed``: the risk of the data as they would leave (see :func:`below_k`)."""
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
    short = below_k(recipe, risk, suppressed)
    if short is not None:
        found.append(short)
    return found


def _coherence_blocker(result: RuleResult) -> Blocker:
    """A coherence rule broken by rows nothing decides yet."""
    message = Text(QT_TRANSLATE_NOOP("core", "{count} row(s): {problem} (rule '{rule}'), first at row {row}"),
                   count=result.count, problem=result.message, rule=result.rule,
                   row=result.examples[0].row if result.examples else "?")
    return Blocker(result.columns[0] if result.columns else None, message,
                   Text(QT_TRANSLATE_NOOP("core", "Correct the source, or decide: exclude the rows, keep them with a "
                                                  "reason, or switch the rule off with a reason.")))
