"""Identify: flag every identifying column from its header and its values, with evidence.

Entry points: :func:`identify_table` (one :class:`ColumnIdentification` per column),
:func:`scrub_text` (free text with identifiers replaced by placeholders, for the "scrub" action)
and :func:`apply_overrides` (the user's classes from the recipe, which always win);
:func:`warm_up` pays the one-time costs ahead of the first file (the app calls it at start-up).
"""

from curator.identify.model import CLASSES, KIND_CLASS, ColumnIdentification
from curator.identify.overrides import apply_overrides
from curator.identify.scrub import scrub_text
from curator.identify.table import identify_table
from curator.identify.warmup import warm_up

__all__ = ["CLASSES", "KIND_CLASS", "ColumnIdentification", "apply_overrides", "identify_table", "scrub_text", "warm_up"]
