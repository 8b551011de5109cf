"""The Protect page's preview, its "what the hub receives" table and the report's transforms table
say what the opened package holds: on the demo and on a Synthea table, after Reach k."""

from __future__ import annotations

import copy

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from curator.hubview import hub_view
from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.package.keys import (
    load_identity,
    load_signer,
    load_signing_key,
    new_recipient_key,
    new_signing_key,
)
from curator.package.unpack import open_package
from curator.pipeline import export_package
from curator.protect.reach import reach_k
from curator.protect.search import KUnreachable
from curator.protect.secret import new_secret
from curator.protect.transforms import output_name
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe
from curator.resources import demo_csv

from .conftest import SHARED_DATA

K = 5


def reach_as_suggested(loaded, recipe: Recipe, vocabulary, k: int) -> Recipe:
    """Reach k, taking the coarser floors it proposes when k is out of reach (as the page's button does)."""
    recipe = copy.deepcopy(recipe)
    recipe.protection.k_target = k
    for _attempt in range(4):
        try:
            found = reach_k(loaded.table, recipe, vocabulary, k, recipe.protection.suppression_cap)
        except KUnreachable as unreachable:
            assert unreachable.details, "out of reach, it says what would reach k"
            if not unreachable.coarser:
                recipe.protection.cell_suppression_cap = min(1.0, recipe.protection.cell_suppression_cap * 4)
                recipe.protection.suppression_cap = min(1.0, recipe.protection.suppression_cap * 4)
                continue
            for name, level in unreachable.coarser.items():
                source = next(c.source for c in recipe.columns if output_name(c) == name)
                recipe.protection.floors[source] = f"level:{level}"
            continue
        assert all(found.levels[s] <= found.floors[s] for s in found.levels)
        recipe.protection.generalisation = found.levels
        recipe.protection.hierarchies = found.hierarchies
        return recipe
    raise AssertionError("k never reached")


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    new_recipient_key(folder / "hub", None)
    new_signing_key(folder / "producer", None)
    return folder


@pytest.mark.parametrize("source", ["demo", "synthea"])
def test_preview_hub_table_and_report_say_what_the_package_holds(source, keys, tmp_path):
    path = demo_csv() if source == "demo" else SHARED_DATA / "synthea" / "patients.csv"
    loaded = read_file(path)
    vocabulary = load_vocabulary(None)
    recipe = reach_as_suggested(loaded, recipe_from_loaded(loaded, vocabulary), vocabulary, 2 if source == "synthea" else K)
    recipe.export.producer_id, recipe.export.producer_name, recipe.export.dataset_title = "T", "Test", "Test"
    secret = new_secret()
    view = hub_view(loaded, recipe, vocabulary, secret)

    package = tmp_path / "out.tar"
    export_package(loaded, recipe, vocabulary, view.result, package,
                   [(keys / "hub.pub").read_text(encoding="utf-8").strip()],
                   load_signing_key(keys / "producer.key", None))
    opened = tmp_path / "opened"
    open_package(package, load_identity(keys / "hub.key"), load_signer(keys / "producer.pub"), opened)
    data = pq.read_table(opened / "data.parquet")

    # "what the hub receives": the package's first rows, value for value
    assert view.sample.column_names == data.column_names
    assert view.sample.to_pylist() == data.slice(0, view.sample.num_rows).to_pylist()
    # the before → after preview: each first value's row as the package holds it
    source_table = loaded.table
    for column, (before, after) in view.previews.items():
        decision = recipe.column(column)
        if decision is None or output_name(decision) not in data.column_names:
            assert after == []
            continue
        rows = [source_table.column(column).slice(0, 200).to_pylist().index(v) for v in before]
        assert after == [data.column(output_name(decision))[r].as_py() for r in rows], column
    # the report's transforms table: Reach k's level and suppressed cells, as counted in the package
    quasi = [q for q in recipe.protection.quasi_identifiers if output_name(recipe.column(q)) in data.column_names]
    assert quasi
    info = view.result.generalisation
    for q in quasi:
        name = output_name(recipe.column(q))
        column = data.column(name)
        stars = int(pc.sum(pc.equal(column.cast(pa.string()), "*")).as_py() or 0) \
            if pa.types.is_string(column.type) else 0
        said = view.transforms[q]
        assert f"{stars} cells suppressed" in said, (q, said)
        level = info["levels"].get(name, 0)
        assert (f"level {level}" in said) if level else ("as requested" in said), said
    # a generalised birth date is a year in the package, never a '*' for everyone
    birth = next(output_name(c) for c in recipe.columns if c.concept == "birth_date")
    values = data.column(birth).cast(pa.string())
    assert pc.sum(pc.not_equal(values, "*")).as_py() > 0.5 * data.num_rows
