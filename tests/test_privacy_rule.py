"""One rule, four places: the export, the blockers, the protection of a column and the Check page
agree on which column would leave identifying without the user's choice (curator.recipe.privacy)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from curator.check import blockers
from curator.errors import InputError
from curator.identify import identify_table
from curator.mapping import Vocabulary, load_vocabulary
from curator.pipeline import check_no_silent_keep
from curator.protect.transforms import protect_table
from curator.recipe.model import ColumnDecision, Recipe, Transform
from curator.recipe.privacy import leaves_identifying
from ui.pages.check import check_recipe

SECRET = b"s" * 32
NAMES = ["Martin", "Bernard", "Martin", "Dubois", "Thomas", "Martin"]
# A NIR column identification finds `direct` (valid check keys), and a column it finds nothing in.
NIRS = ["295109912611193", "180057512345678", "269054958815780", "157087512345699", "281116412345645",
        "194029912345620"]
PARAMS = {"rare_to_other": {"threshold": 2}}

# class the user gave × action × keep confirmed → leaves identifying (blocks the export)
CASES = [
    ("direct", "keep", False, True),
    ("direct", "keep", True, False),           # the user's explicit, confirmed choice
    ("direct", "drop", False, False),
    ("direct", "pseudonymise", False, False),
    ("direct", "scrub", False, False),
    ("direct", "rare_to_other", False, True),  # coarsening leaves the common names as they are
    ("direct", "rare_to_other", True, True),   # a confirmation is for 'keep' only
    ("quasi", "keep", False, False),           # judged together by Reach k and the risk, not one by one
    ("quasi", "rare_to_other", False, False),
    ("sensitive", "keep", False, False),
    ("none", "keep", False, False),
]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


def _recipe(column: str, klass: str | None, action: str, confirmed: bool, concept: str | None = None) -> Recipe:
    transform = Transform(action, dict(PARAMS.get(action, {})), keep_confirmed=confirmed)
    return Recipe(columns=[ColumnDecision(source=column, concept=concept, identifying=klass, transform=transform)])


def _export_refuses(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> bool:
    try:
        check_no_silent_keep(recipe, identify_table(table), vocabulary)
    except InputError as exc:
        assert "identifying columns would leave as they are" in str(exc)
        return True
    return False


def _blocked(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary, detected: dict[str, str | None]) -> bool:
    found = [b for b in blockers(recipe, vocabulary, None, detected) if "identifies a person directly" in b.message]
    return bool(found)


def _protection_refuses(table: pa.Table, recipe: Recipe) -> bool:
    try:
        protect_table(table, recipe.columns, SECRET)
    except InputError as exc:
        assert "identifies people directly" in str(exc)
        return True
    return False


def _check_page_unprotected(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary,
                            detected: dict[str, str]) -> bool:
    return recipe.columns[0].source in check_recipe(table, recipe, vocabulary, detected).unprotected


@pytest.mark.parametrize(("klass", "action", "confirmed", "blocks"), CASES)
def test_the_four_places_agree_on_the_users_class(vocabulary: Vocabulary, klass: str, action: str,
                                                  confirmed: bool, blocks: bool) -> None:
    table = pa.table({"name": NAMES})
    recipe = _recipe("name", klass, action, confirmed)
    assert leaves_identifying(klass, recipe.columns[0].transform) is blocks
    assert _export_refuses(table, recipe, vocabulary) is blocks
    assert _blocked(table, recipe, vocabulary, {}) is blocks
    assert _protection_refuses(table, recipe) is blocks
    assert _check_page_unprotected(table, recipe, vocabulary, {}) is blocks


@pytest.mark.parametrize(("klass", "concept", "blocks"), [
    (None, None, True),           # identification found the NIRs: direct
    ("none", None, False),        # the user's class wins over what was detected
    ("quasi", "nir", False),      # ... and over the concept's
    (None, "nir", True),          # detected and mapped to a direct concept
])
def test_the_class_found_or_mapped_counts_when_the_user_gave_none(vocabulary: Vocabulary, klass: str | None,
                                                                  concept: str | None, blocks: bool) -> None:
    """Where identification ran (the export, the Check page) its class counts; the protection of one
    column only sees the user's class, and runs after the export's check."""
    table = pa.table({"nir": NIRS})
    detected = {i.name: i.klass for i in identify_table(table)}
    assert detected["nir"] == "direct"
    recipe = _recipe("nir", klass, "keep", False, concept)
    assert _export_refuses(table, recipe, vocabulary) is blocks
    assert _blocked(table, recipe, vocabulary, detected) is blocks
    assert _check_page_unprotected(table, recipe, vocabulary, detected) is blocks


def test_a_direct_concept_counts_where_nothing_was_detected(vocabulary: Vocabulary) -> None:
    """A column mapped to a direct concept blocks even when its values look like nothing (here names
    too few to be recognised): the concept says what the column holds."""
    table = pa.table({"who": ["x1", "x2", "x3"]})
    detected = {i.name: i.klass for i in identify_table(table)}
    assert detected["who"] != "direct"
    recipe = _recipe("who", None, "keep", False, "last_name")
    assert _export_refuses(table, recipe, vocabulary)
    assert _blocked(table, recipe, vocabulary, detected)
    assert _check_page_unprotected(table, recipe, vocabulary, detected)
    recipe.columns[0].transform.keep_confirmed = True
    assert not _export_refuses(table, recipe, vocabulary)
    assert check_no_silent_keep(recipe, identify_table(table), vocabulary) == ["who"]
