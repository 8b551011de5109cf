"""Column names from a header row: never dropped, blank ones named, duplicates made unique."""

from __future__ import annotations

from collections.abc import Sequence

from curator.messages import QT_TRANSLATE_NOOP, Text


def unique_names(header: Sequence[object]) -> tuple[list[str], list[str]]:
    """Return (names, warnings): blank names become ``column_N``, repeats get ``_2``, ``_3``...

    N is the 1-based position, so the user can find the column in the source.
    """
    raw = ["" if value is None else str(value).strip() for value in header]
    names: list[str] = []
    warnings: list[str] = []
    taken: set[str] = set()
    blank_positions = [i + 1 for i, name in enumerate(raw) if not name]
    wanted = [name or f"column_{i + 1}" for i, name in enumerate(raw)]
    duplicated: dict[str, list[str]] = {}
    # Names given in the header take precedence over generated ones when they collide.
    reserved = set(wanted)
    for name in wanted:
        candidate = name
        if candidate in taken:
            suffix = 2
            while f"{name}_{suffix}" in taken or f"{name}_{suffix}" in reserved:
                suffix += 1
            candidate = f"{name}_{suffix}"
            duplicated.setdefault(name, []).append(candidate)
        taken.add(candidate)
        names.append(candidate)
    if blank_positions:
        shown = ", ".join(str(p) for p in blank_positions[:10])
        if len(blank_positions) <= 10:
            warnings.append(Text(QT_TRANSLATE_NOOP("core", "{count} column(s) have no name in the header (position {shown}); they were "
                                 "named column_N after their position."), count=len(blank_positions), shown=shown))
        else:
            warnings.append(Text(QT_TRANSLATE_NOOP("core", "{count} column(s) have no name in the header (position {shown} and {more} more); "
                                 "they were named column_N after their position."), count=len(blank_positions),
                                 shown=shown, more=len(blank_positions) - 10))
    for name, renamed in duplicated.items():
        warnings.append(Text(QT_TRANSLATE_NOOP("core", "The header name '{name}' appears {count} times; the repeats were renamed {renamed}."),
                             name=name, count=len(renamed) + 1, renamed=", ".join(f"'{r}'" for r in renamed)))
    return names, warnings
