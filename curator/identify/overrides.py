"""The user's word on a column's class always wins over detection."""

from __future__ import annotations

from dataclasses import replace

from curator.errors import InputError, Location
from curator.identify.model import CLASSES, ColumnIdentification
from curator.messages import QT_TRANSLATE_NOOP, Text, word


def apply_overrides(identifications: list[ColumnIdentification],
                    overrides: dict[str, str]) -> list[ColumnIdentification]:
    """Return copies with each overridden column set to the user's class, evidence saying so.

    ``overrides`` maps a column name to a class (the recipe's ``ColumnDecision.identifying``).
    A class that does not exist is an error. A name that is not a column of this file is left
    aside: a recipe re-applied to a new export may name columns that have gone, and the recipe's
    drift report (curator/recipe/drift.py) is where the user is told about them.
    """
    bad = {name: klass for name, klass in overrides.items() if klass not in CLASSES}
    if bad:
        name, klass = next(iter(bad.items()))
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "'{klass}' is not an identification class"), klass=klass),
                         Location(column=name),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(CLASSES)))
    result = []
    for ident in identifications:
        if ident.name not in overrides:
            result.append(ident)
            continue
        klass = overrides[ident.name]
        if ident.klass != klass:
            said = Text(QT_TRANSLATE_NOOP("core", "set by the user to {klass} (detected as {detected})"), klass=word(klass),
                        detected=word(ident.klass))
        else:
            said = Text(QT_TRANSLATE_NOOP("core", "set by the user to {klass} (same as detected)"), klass=word(klass))
        result.append(replace(ident, klass=klass, confidence=1.0,
                              evidence=[said, *ident.evidence],
                              kinds=list(ident.kinds)))
    return result
