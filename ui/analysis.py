"""The first look at a freshly read table, run on a worker: identify, suggest concepts, propose a recipe."""

from __future__ import annotations

from dataclasses import dataclass, field

from curator.identify import ColumnIdentification, identify_table
from curator.mapping import ColumnSuggestions, Vocabulary, load_vocabulary, suggest_columns
from curator.messages import QT_TRANSLATE_NOOP
from curator.progress import ProgressCallback, report, scaled
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe
from curator.source import LoadedTable


@dataclass
class Analysis:
    vocabulary: Vocabulary
    identifications: list[ColumnIdentification] = field(default_factory=list)
    suggestions: list[ColumnSuggestions] = field(default_factory=list)
    proposed: Recipe | None = None
    notes: list[str] = field(default_factory=list)


def analyse(loaded: LoadedTable, vocabulary_id: str | None = None,
            progress: ProgressCallback | None = None) -> Analysis:
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "identifying columns"))
    identifications = list(identify_table(loaded.table, progress=scaled(progress, 0.0, 0.5)))
    result = Analysis(vocabulary=load_vocabulary(vocabulary_id), identifications=identifications)
    report(progress, 0.5, QT_TRANSLATE_NOOP("core", "suggesting concepts"))
    result.suggestions = list(suggest_columns(loaded.table, result.vocabulary, result.identifications,
                                              progress=scaled(progress, 0.5, 0.8)))
    result.proposed = recipe_from_loaded(loaded, result.vocabulary, result.identifications, result.suggestions,
                                         notes=result.notes, progress=scaled(progress, 0.8, 1.0))
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "analysis ready"))
    return result
