"""Reach k with cell suppression: floors respected, k strict with '*' as a value, and what would reach k."""

from __future__ import annotations

import copy
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.pipeline import curate
from curator.protect.reach import reach_k
from curator.protect.search import KUnreachable
from curator.protect.secret import new_secret
from curator.protect.suppression import plan_cell_suppression
from curator.protect.transforms import output_name
from curator.recipe.init import recipe_from_loaded
from curator.resources import demo_csv

from ..conftest import REPO_ROOT

K = 5


def released_classes_below(table: pa.Table, quasi: list[str], k: int) -> int:
    """Records in classes smaller than k, a '*' matching only '*' (pyarrow group_by); the
    records suppressed whole count as one class like any other."""
    counts = table.select(quasi).group_by(quasi).aggregate([([], "count_all")]).column("count_all")
    return int(pc.sum(pc.filter(counts, pc.less(counts, k))).as_py() or 0)


@pytest.mark.parametrize("seed", range(6))
def test_the_plan_reaches_k_with_a_star_as_its_own_value(seed):
    rng = np.random.default_rng(seed)
    rows = 3000
    table = np.stack([rng.integers(0, 40, rows), rng.integers(0, 2, rows), rng.zipf(1.6, rows) % 60], axis=1)
    keys, weights = np.unique(table, axis=0, return_counts=True)
    order = [2, 0, 1]                        # the third column is suppressed first
    plan = plan_cell_suppression(keys, weights, K, order)
    released = np.where((plan.masks[:, None] >> np.arange(3)) & 1 == 1, -1, keys)
    groups: dict[tuple[int, ...], int] = {}
    for key, weight in zip(map(tuple, released), weights, strict=True):
        groups[key] = groups.get(key, 0) + int(weight)
    assert all(size >= K for size in groups.values())
    assert plan.cells == sum(plan.per_column) == int(sum(w * bin(m).count("1") for w, m in zip(weights, plan.masks, strict=True))) + 3 * plan.topup[1]
    # one cell is enough for most: and then it is the least important column's
    single = [m for m in plan.masks if bin(int(m)).count("1") == 1]
    assert single and max(single) == 4 and plan.per_column[2] >= plan.per_column[0] >= plan.per_column[1]
    # already safe classes are untouched
    assert not plan.masks[weights >= K].any() or plan.topup[1]


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    import pyarrow.csv as pacsv
    from population_generator import generate_population

    path = tmp_path_factory.mktemp("population") / "registry.csv"
    # a regional registry: three départements
    pacsv.write_csv(generate_population(20_000, seed=7, departments=["69", "38", "42", "973"]), path)
    loaded = read_file(path)
    vocabulary = load_vocabulary(None)
    return loaded, vocabulary, recipe_from_loaded(loaded, vocabulary)


def test_default_quasi_identifiers_are_what_an_attacker_knows(registry):
    loaded, vocabulary, recipe = registry
    protection = recipe.protection
    # by importance: the most distinct values first, so that a sex is suppressed before a date of birth
    assert protection.quasi_identifiers == ["Date de naissance", "Code postal", "Sexe"]
    assert protection.floors == {"Sexe": "as_is", "Date de naissance": "year", "Code postal": "department",
                                 "Date de diagnostic": "year_month"}
    assert protection.suppression_unit == "cells"
    demo = recipe_from_loaded(read_file(demo_csv()), vocabulary, notes=(notes := []))
    # diagnosis and death dates and the establishment are left to the user, each with its reason
    assert "Date de diagnostic" not in demo.protection.quasi_identifiers
    assert "Établissement FINESS" not in demo.protection.quasi_identifiers
    assert any("'Établissement FINESS' is not ticked" in n and "masked FINESS serves no one" in n for n in notes)
    assert any("'Date de naissance' is a quasi-identifier: Birth date" in n for n in notes)


def test_reach_k_keeps_the_floors_and_the_package_holds_k(registry):
    loaded, vocabulary, base = registry
    recipe = copy.deepcopy(base)
    found = reach_k(loaded.table, recipe, vocabulary, K, recipe.protection.suppression_cap)
    assert all(found.levels[s] <= found.floors[s] for s in found.levels)
    assert found.floors == {"Sexe": 0, "Date de naissance": 0, "Code postal": 0}
    search = found.search
    assert 0 < search.cells_suppressed <= recipe.protection.cell_suppression_cap * 3 * loaded.table.num_rows
    recipe.protection.generalisation = found.levels
    recipe.protection.hierarchies = found.hierarchies
    recipe.protection.k_target = K
    result = curate(loaded, recipe, vocabulary, new_secret())
    quasi = [output_name(recipe.column(q)) for q in recipe.protection.quasi_identifiers]
    assert released_classes_below(result.table, quasi, K) == 0
    assert result.risk is not None and result.risk["records_below_k"] == 0
    info = result.generalisation
    assert info["cells_suppressed"] == search.cells_suppressed
    assert info["cells_per_column"] == search.cells_per_column
    stars = {q: int(pc.sum(pc.equal(result.table.column(q).cast(pa.string()), "*")).as_py() or 0) for q in quasi}
    assert stars == search.cells_per_column
    # years stay years and départements stay départements: nothing coarser than the floor, ever
    years = pc.filter(result.table.column("birth_date").cast(pa.string()),
                      pc.not_equal(result.table.column("birth_date").cast(pa.string()), "*"))
    assert pc.all(pc.match_substring_regex(years, r"^\d{4}$")).as_py()
    places = result.table.column("postal_code")
    assert pc.all(pc.is_in(places, pa.array(["69", "38", "42", "973", "*"]))).as_py()
    assert stars["postal_code"] < 0.1 * loaded.table.num_rows


def test_out_of_reach_says_what_would_reach_it(registry):
    loaded, vocabulary, base = registry
    recipe = copy.deepcopy(base)
    recipe.protection.cell_suppression_cap = 0.001
    with pytest.raises(KUnreachable) as raised:
        reach_k(loaded.table, recipe, vocabulary, K, recipe.protection.suppression_cap)
    error = raised.value
    assert "cannot be reached within the floors and the suppression cap" in str(error)
    assert {d.name for d in error.drivers} == {"sex", "birth_date", "postal_code"}
    assert error.cells_needed > error.cells_allowed
    assert any("more suppressed cells" in d for d in error.details)
    assert error.coarser, "a coarser floor is proposed"
    # and what it proposes does reach k
    for output, level in error.coarser.items():
        source = next(c.source for c in recipe.columns if output_name(c) == output)
        recipe.protection.floors[source] = f"level:{level}"
    found = reach_k(loaded.table, recipe, vocabulary, K, recipe.protection.suppression_cap)
    assert found.search.cells_suppressed <= 0.001 * 3 * loaded.table.num_rows


def test_the_demo_out_of_reach_names_the_drivers():
    loaded = read_file(demo_csv())
    vocabulary = load_vocabulary(None)
    recipe = recipe_from_loaded(loaded, vocabulary)
    with pytest.raises(KUnreachable) as raised:
        reach_k(loaded.table, recipe, vocabulary, K, recipe.protection.suppression_cap)
    text = "\n".join(raised.value.details)
    assert "birth_date:" in text and "classes with it" in text
    assert "coarser floor" in text



def test_floors_name_levels_of_each_rule():
    from curator.protect.reach import build_hierarchy, floor_level

    dates = pa.array(["1950-03-04", "1961-12-31"])
    assert floor_level("year", "date", build_hierarchy("date", dates)) == 2
    assert floor_level("year_month", "date", build_hierarchy("date", dates)) == 1
    assert floor_level("", "date", build_hierarchy("date", dates)) == 3       # never the level of '*'
    years = pa.array([1950, 1961], pa.int32())
    assert floor_level("year", "intervals:5,10,20", build_hierarchy("intervals:5,10,20", years)) == 0
    assert floor_level("decade", "intervals:5,10,20", build_hierarchy("intervals:5,10,20", years)) == 2
    assert floor_level("band:5", "intervals:5,10,20", build_hierarchy("intervals:5,10,20", years)) == 1
    departments = pa.array(["69", "2A", "971"])
    regions = build_hierarchy("region", departments)
    assert regions.generalise(departments, 1).to_pylist() == ["R84", "R94", "R01"]
    assert floor_level("department", "region", regions) == 0 and floor_level("region", "region", regions) == 1
    postcodes = pa.array(["69003", "38000"])
    assert floor_level("department", "digits", build_hierarchy("digits", postcodes)) == 3
    assert floor_level("as_is", "digits", build_hierarchy("digits", postcodes)) == 0
    assert floor_level("level:9", "digits", build_hierarchy("digits", postcodes)) == 4   # capped below '*****'


def test_reach_k_counted_in_persons_keeps_the_floors_too(registry):
    """A person key does not lift the floors: one row per person is Reach k in rows (floors, cells);
    several rows per person count persons and still never go past a floor, nor to '*'."""
    from curator.protect.persons import reach_k_recipe

    loaded, vocabulary, base = registry
    recipe = copy.deepcopy(base)
    recipe.person_key = "N° dossier"
    alone = reach_k(loaded.table, base, vocabulary, K, base.protection.suppression_cap)
    keyed = reach_k_recipe(loaded.table, recipe, vocabulary, K, recipe.protection.suppression_cap)
    assert keyed.levels == alone.levels and keyed.floors == alone.floors
    assert keyed.search.cells_suppressed == alone.search.cells_suppressed

    # every person twice (a table of visits): counted in persons, the levels stay within the floors
    visits = pa.concat_tables([loaded.table, loaded.table])
    try:
        found = reach_k_recipe(visits, recipe, vocabulary, K, 0.5)
    except KUnreachable:
        return        # out of reach within the floors is an answer too; coarsening past them is not
    assert set(found.floors) == set(found.levels)
    assert all(found.levels[s] <= found.floors[s] for s in found.levels)
    assert found.floors == alone.floors       # the same floors, as levels of the same rules
