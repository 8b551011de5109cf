"""The first look at a freshly read table, run on a worker: identify, suggest concepts, propose a recipe."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from curator.messages import QT_TRANSLATE_NOOP
from curator.progress import ProgressCallback, report, scaled
from curator.recipe.model import Recipe
from curator.source import LoadedTable
from ui.core import core_function


@dataclass
class Analysis:
    vocabulary: Any
    identifications: list[Any] = field(default_factory=list)
    suggestions: list[Any] = field(default_factory=list)
    proposed: Recipe | None = None
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)    # stages not available in this build


def analyse(loaded: LoadedTable, vocabulary_id: str | None = None,
            progress: ProgressCallback | None = None) -> Analysis:
    identify_table = core_function("curator.identify", "identify_table")
    load_vocabulary = core_function("curator.mapping", "load_vocabulary")
    suggest_columns = core_function("curator.mapping", "suggest_columns")
    recipe_from_loaded = core_function("curator.recipe.init", "recipe_from_loaded")
    result = Analysis(vocabulary=None)
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "identifying columns"))
    if identify_table is not None:
        result.identifications = list(identify_table(loaded.table, progress=scaled(progress, 0.0, 0.5)))
    else:
        result.missing.append("identification")
    if load_vocabulary is None or suggest_columns is None:
        result.missing.append("mapping")
        return result
    result.vocabulary = load_vocabulary(vocabulary_id)
    report(progress, 0.5, QT_TRANSLATE_NOOP("core", "suggesting concepts"))
    result.suggestions = list(suggest_columns(loaded.table, result.vocabulary, result.identifications,
                                              progress=scaled(progress, 0.5, 0.8)))
    if recipe_from_loaded is not None:
        result.proposed = recipe_from_loaded(loaded, result.vocabulary, result.identifications, result.suggestions,
                                             notes=result.notes, progress=scaled(progress, 0.8, 1.0))
    else:
        result.missing.append("recipe proposal")
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "analysis ready"))
    return result
