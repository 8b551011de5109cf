"""Map: the hub vocabulary, column suggestions and code-value mapping.

Entry points: :func:`load_vocabulary`, :func:`suggest_columns`, :func:`suggest_codes`.
The vocabulary format is described in ``docs/vocabulary.md``.
"""

from curator.mapping.codes import CodeSuggestion, suggest_codes
from curator.mapping.columns import ColumnSuggestions, Suggestion, suggest_columns
from curator.mapping.loader import load_vocabulary
from curator.mapping.vocabulary import Code, CodeList, Concept, Vocabulary

__all__ = [
    "Code", "CodeList", "CodeSuggestion", "ColumnSuggestions", "Concept", "Suggestion", "Vocabulary",
    "load_vocabulary", "suggest_codes", "suggest_columns",
]
