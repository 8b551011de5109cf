"""The rule "a direct identifier never leaves identifying unless the user chose it", in one place.

The export (``pipeline.check_no_silent_keep``), the blockers the Check step lists, the protection of
each column (``protect.transforms``) and the Check page all ask :func:`leaves_identifying`, so none
of them lets through what another refuses.

Which classes count: ``direct`` only. A direct identifier (a name, a NIR, a phone number) points at
one person by itself, so each such column is judged alone. A ``quasi`` column (birth date, postcode,
sex) identifies nobody alone: its risk lies in the combination, which Reach k and the risk summary
measure over the declared quasi-identifiers (``recipe.protection``); a per-column confirmation would
duplicate that check and ask for one on nearly every column of a health export. ``sensitive`` is
what the data are about, not who they are about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from curator.mapping.vocabulary import Vocabulary
from curator.recipe.model import ColumnDecision, Transform

# The actions after which a direct identifier no longer identifies: removed, replaced by a keyed
# pseudonym, or its identifying parts replaced by placeholders. Coarsening (generalise, truncate...)
# leaves a name or a NIR identifying.
PROTECTIVE_ACTIONS = frozenset({"drop", "pseudonymise", "scrub"})
# The classes judged column by column (see the module's docstring for why quasi is not one).
GUARDED_CLASSES = frozenset({"direct"})


def column_class(decision: ColumnDecision, detected: str | None = None,
                 vocabulary: Vocabulary | None = None) -> str | None:
    """The class the rule judges a column by.

    The user's class wins, whatever it says. Otherwise a column counts as ``direct`` when either
    identification found it so (``detected``) or the concept it is mapped to is direct.
    """
    if decision.identifying:
        return decision.identifying
    concept = vocabulary.concepts.get(decision.concept) if vocabulary and decision.concept else None
    known = [k for k in (detected, concept.identifying if concept else None) if k]
    guarded = [k for k in known if k in GUARDED_CLASSES]
    return (guarded or known)[0] if known else None


def leaves_identifying(klass: str | None, transform: Transform) -> bool:
    """Whether a column of class ``klass`` would leave identifying without the user having chosen it:
    a guarded class, no protective action, and not a ``keep`` the user confirmed."""
    if klass not in GUARDED_CLASSES or transform.action in PROTECTIVE_ACTIONS:
        return False
    return not kept_by_choice(klass, transform)


def kept_by_choice(klass: str | None, transform: Transform) -> bool:
    """A guarded column kept as it is because the user explicitly confirmed it (the manifest lists them)."""
    return klass in GUARDED_CLASSES and transform.action == "keep" and transform.keep_confirmed


def unprotected_columns(decisions: Iterable[ColumnDecision], detected: Mapping[str, str | None] | None = None,
                        vocabulary: Vocabulary | None = None) -> list[str]:
    """The source columns that would leave identifying without the user's choice."""
    found = detected or {}
    return [d.source for d in decisions
            if leaves_identifying(column_class(d, found.get(d.source), vocabulary), d.transform)]


def confirmed_columns(decisions: Iterable[ColumnDecision], detected: Mapping[str, str | None] | None = None,
                      vocabulary: Vocabulary | None = None) -> list[str]:
    """The source columns kept as they are by the user's confirmed choice."""
    found = detected or {}
    return [d.source for d in decisions
            if kept_by_choice(column_class(d, found.get(d.source), vocabulary), d.transform)]
