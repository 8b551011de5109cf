"""The first look at a freshly read table, run on a worker: identify, suggest concepts, propose a recipe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from curator.identify import ColumnIdentification, identify_table
from curator.load import read_file
from curator.mapping import ColumnSuggestions, Vocabulary, load_vocabulary, suggest_columns
from curator.messages import QT_TRANSLATE_NOOP
from curator.progress import ProgressCallback, report, scaled
from curator.recipe.init import recipe_from_loaded
from curator.recipe.linking import TableFacts, keep_keys, link_tables, submission_files, table_names
from curator.recipe.model import Recipe
from curator.recipe.submission import Submission
from curator.source import LoadedTable


@dataclass
class Analysis:
    vocabulary: Vocabulary
    identifications: list[ColumnIdentification] = field(default_factory=list)
    suggestions: list[ColumnSuggestions] = field(default_factory=list)
    proposed: Recipe | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class SubmissionAnalysis:
    """Several files read and analysed as one submission, with the keys, links and person key proposed."""

    loaded: list[LoadedTable]
    analyses: list[Analysis]
    submission: Submission          # each table's proposed recipe (keys pseudonymised) and the links
    reasons: list[str]              # what was proposed and why
    notes: list[str]


def analyse(loaded: LoadedTable, vocabulary_id: str | Vocabulary | None = None,
            progress: ProgressCallback | None = None) -> Analysis:
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "identifying columns"))
    identifications = list(identify_table(loaded.table, progress=scaled(progress, 0.0, 0.5)))
    vocabulary = vocabulary_id if isinstance(vocabulary_id, Vocabulary) else load_vocabulary(vocabulary_id)
    result = Analysis(vocabulary=vocabulary, identifications=identifications)
    report(progress, 0.5, QT_TRANSLATE_NOOP("core", "suggesting concepts"))
    result.suggestions = list(suggest_columns(loaded.table, result.vocabulary, result.identifications,
                                              progress=scaled(progress, 0.5, 0.8)))
    result.proposed = recipe_from_loaded(loaded, result.vocabulary, result.identifications, result.suggestions,
                                         notes=result.notes, progress=scaled(progress, 0.8, 1.0))
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "analysis ready"))
    return result


def analyse_submission(paths: Sequence[Path], vocabulary_id: str | None = None,
                       progress: ProgressCallback | None = None) -> SubmissionAnalysis:
    """Read and analyse every file of ``paths`` (files, or a folder) as :func:`analyse` does one, then
    propose the submission's keys, links and person key (``curator recipe init A B C``'s proposal)."""
    files = submission_files(paths)
    vocabulary = load_vocabulary(vocabulary_id)
    loaded_tables: list[LoadedTable] = []
    analyses: list[Analysis] = []
    facts: list[TableFacts] = []
    for number, (path, name) in enumerate(zip(files, table_names(files), strict=True)):
        step = scaled(progress, number / len(files), (number + 1) / len(files))
        loaded = read_file(path, None, scaled(step, 0.0, 0.4))
        analysis = analyse(loaded, vocabulary, scaled(step, 0.4, 1.0))
        proposed = analysis.proposed or Recipe()
        proposed.name = name
        loaded_tables.append(loaded)
        analyses.append(analysis)
        facts.append(TableFacts(name, loaded.table, proposed, analysis.identifications))
    notes: list[str] = []
    submission, proposal = link_tables(facts, notes)
    return SubmissionAnalysis(loaded_tables, analyses, submission, proposal.reasons, notes)


def analyse_reopened(submission: Submission, progress: ProgressCallback | None = None) -> SubmissionAnalysis:
    """A saved submission's files read again as its recipes say, and analysed (the decisions are the recipes')."""
    vocabulary = load_vocabulary(submission.vocabulary.get("path") or submission.vocabulary.get("id") or None)
    loaded_tables: list[LoadedTable] = []
    analyses: list[Analysis] = []
    notes: list[str] = []
    for number, recipe in enumerate(submission.tables):
        step = scaled(progress, number / len(submission.tables), (number + 1) / len(submission.tables))
        loaded = read_file(Path(str(recipe.source.get("path", ""))), recipe.reader, scaled(step, 0.0, 0.4))
        analysis = analyse(loaded, vocabulary, scaled(step, 0.4, 1.0))
        if analysis.proposed is not None:
            analysis.proposed.name = recipe.name
            keys = [*recipe.primary_key, *(c for link in submission.links if link.table == recipe.name
                                           for c in link.columns)]
            keep_keys(analysis.proposed, list(dict.fromkeys(keys)), notes)
        loaded_tables.append(loaded)
        analyses.append(analysis)
    return SubmissionAnalysis(loaded_tables, analyses, submission, [], notes)
