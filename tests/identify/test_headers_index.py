"""The indexed header matcher gives exactly what comparing every synonym gives.

``match_header`` scores only the synonyms its index says can score (see ``headers._candidates``);
here the same headers go through the straightforward scan of every synonym, and every match,
synonym and score must be the same. Headers come from every file of the project's test data and
the shared data (CSV header lines, table-schema field names and descriptions), the synonyms
themselves, their misspellings, and the numbered headers of a wide file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from curator.identify import headers
from curator.identify.headers import SYNONYMS, HeaderMatch

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [ROOT / "tests" / "data", ROOT / "resources" / "demo", Path("/work/shared/data")]


def _strings(node: object, keys: tuple[str, ...]) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                yield value
            else:
                yield from _strings(value, keys)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, keys)


def _file_headers() -> set[str]:
    found: set[str] = set()
    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in (".csv", ".txt", ".tsv") and path.is_file():
                with path.open("rb") as handle:
                    lines = [handle.readline().decode("utf-8", "replace") for _ in range(3)]
                for line in lines:
                    for separator in ";,\t|":
                        found.update(cell.strip().strip('"') for cell in line.split(separator))
            elif path.suffix.lower() == ".json" and path.stat().st_size < 5_000_000:
                try:
                    document = json.loads(path.read_text(encoding="utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    continue
                found.update(_strings(document, ("name", "description", "header", "column", "label")))
    return {header for header in found if len(header) <= 80}


def _misspelt(synonym: str) -> Iterator[str]:
    yield synonym
    yield synonym.upper().replace(" ", "_")
    for at in range(len(synonym)):
        yield synonym[:at] + synonym[at + 1:]                      # a letter dropped
        yield synonym[:at] + synonym[at:at + 2][::-1] + synonym[at + 2:]   # two letters swapped


def _headers() -> list[str]:
    found = _file_headers()
    for synonyms in SYNONYMS.values():
        for synonym in synonyms:
            found.update(_misspelt(synonym))
            found.update((f"{synonym} patient", f"date {synonym}", f"{synonym}_{synonym}", f"{synonym}2"))
    found.update(f"{stem}_{i}" for stem in ("Q", "date_visite", "poids_j30", "ENSG0000", "cg", "col", "item")
                 for i in range(1, 40))
    return sorted(found)


def _plain_reachable(tokens: tuple[str, ...]) -> set[str]:
    """The reachable words by the first version: every synonym word tested."""
    reachable = set(tokens)
    words = headers._synonym_words()
    for token in tokens:
        if len(token) < 5:
            continue
        reachable.update(w for w in words if len(w) >= 5 and token.startswith(w))
        for word, _, _ in process.extract(token, words, scorer=Levenshtein.distance, score_cutoff=2, limit=None):
            if len(word) >= 6 and word[0] == token[0]:
                reachable.add(word)
    return reachable


def _plain_match_tokens(tokens: tuple[str, ...]) -> HeaderMatch | None:
    compact = "".join(tokens)
    if not compact:
        return None
    return headers._best_match(tokens, compact, _plain_reachable(tokens), range(len(headers._index())))


def _all_positions(words: set[str]) -> range:
    return range(len(headers._index()))


@pytest.fixture(scope="module")
def header_list() -> list[str]:
    found = _headers()
    assert len(found) > 20_000, "the test data were not found"
    return found


def test_indexed_matcher_equals_the_full_scan(header_list: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    indexed = [headers.match_header.__wrapped__(header) for header in header_list]
    # The same function with the index replaced by every synonym, in index order.
    monkeypatch.setattr(headers, "_match_tokens", _plain_match_tokens)
    monkeypatch.setattr(headers, "_with_words", _all_positions)
    headers._match_words.cache_clear()
    try:
        plain = [headers.match_header.__wrapped__(header) for header in header_list]
    finally:
        headers._match_words.cache_clear()
    differing = [(header, a, b) for header, a, b in zip(header_list, indexed, plain, strict=True) if a != b]
    assert not differing, differing[:20]
    matched = sum(match is not None for match in indexed)
    assert matched > len(header_list) // 4, matched   # the headers are not all ones that say nothing


def test_reachable_words_equal_the_full_scan(header_list: list[str]) -> None:
    for header in header_list:
        tokens = tuple(headers.normalise_header(header).split())
        assert headers._reachable_words(tokens) == _plain_reachable(tokens), header
