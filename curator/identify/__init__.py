"""Identify: flag every identifying column from its header and its values, with evidence.

Entry points: :func:`identify_table` (one :class:`ColumnIdentification` per column),
:func:`scrub_text` (free text with identifiers replaced by placeholders, for the "scrub" action)
and :func:`apply_overrides` (the user's classes from the recipe, which always win);
:func:`warm_up` pays the one-time costs ahead of the first file (the app calls it at start-up).

A column's class comes from header synonyms (``headers``) and value detectors (``detect_ids``,
``detect_people``, ``detect_health``, run by ``values``) on a sample of distinct values
(``sample``; blanks and "NA"/"inconnu"-style markers left out). ``table`` confirms a detection on
the whole column by a vectorised length check, and for NIRs by the check key computed on every
row in int64 arithmetic (``checksums``, also the sample's NIR and Luhn checks, held to
python-stdnum by tests). ``warm_up`` pays pyarrow's pandas bridge, phonenumbers' metadata and the
lexicons. Name lexicons live in ``resources/lexicons/``, rebuilt by ``scripts/build_lexicons.py``.
"""

from curator.identify.model import CLASSES, KIND_CLASS, ColumnIdentification
from curator.identify.overrides import apply_overrides
from curator.identify.scrub import scrub_text
from curator.identify.table import identify_table
from curator.identify.warmup import warm_up

__all__ = ["CLASSES", "KIND_CLASS", "ColumnIdentification", "apply_overrides", "identify_table", "scrub_text", "warm_up"]
