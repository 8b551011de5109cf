"""The first-name and surname lexicons (resources/lexicons/, built by scripts/build_lexicons.py)."""

from __future__ import annotations

from functools import cache

from curator.resources import resource_path


@cache
def load_lexicon(name: str) -> frozenset[str]:
    """Names stored folded (lower case, no accents), one a line."""
    path = resource_path("lexicons", f"{name}.txt")
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def first_names() -> frozenset[str]:
    return load_lexicon("first_names")


def last_names() -> frozenset[str]:
    return load_lexicon("last_names")
