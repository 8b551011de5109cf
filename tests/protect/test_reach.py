"""Reach k end to end: the generalisation found on the values as they leave is the one the export applies."""

from __future__ import annotations

import copy
import functools

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from curator.errors import InputError
from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.pipeline import curate, manifest_fields
from curator.protect.hierarchy import hierarchy_from_spec
from curator.protect.reach import apply_recipe_generalisation, default_hierarchy_spec, reach_k
from curator.protect.risk import risk_summary
from curator.protect.secret import new_secret
from curator.protect.transforms import output_name
from curator.recipe.init import recipe_from_loaded
from curator.report import render_curation_report
from curator.resources import demo_csv

K = 5
CAP = 0.02


@pytest.fixture(scope="module")
def demo():
    loaded = read_file(demo_csv())
    vocabulary = load_vocabulary(None)
    recipe = recipe_from_loaded(loaded, vocabulary)
    assert len(recipe.protection.quasi_identifiers) >= 3
    # These tests are about the whole-column search (ARX's global one) and every quasi-identifier
    # the demo holds; cell suppression within floors is tests/protect/test_cells.py's.
    recipe.protection.suppression_unit = "records"
    recipe.protection.quasi_identifiers = [c.source for c in recipe.columns
                                           if vocabulary.concepts.get(c.concept or "") is not None
                                           and vocabulary.concepts[c.concept or ""].identifying == "quasi"
                                           and c.transform.action != "drop"]
    return loaded, vocabulary, recipe


def quasi_outputs(recipe) -> list[str]:
    return [output_name(d) for q in recipe.protection.quasi_identifiers
            if (d := recipe.column(q)) is not None and d.transform.action != "drop"]


def small_class_records(table: pa.Table, quasi: list[str], k: int) -> int:
    """Records in classes smaller than k, suppressed rows (every QI '*') left out; by pyarrow group_by."""
    suppressed = functools.reduce(pc.and_kleene, [pc.equal(table.column(q).cast(pa.string()), "*") for q in quasi])
    kept = table.filter(pc.invert(pc.fill_null(suppressed, False))).select(quasi)
    counts = kept.group_by(quasi).aggregate([([], "count_all")])
    sizes = counts.column("count_all")
    return int(pc.sum(pc.filter(sizes, pc.less(sizes, k))).as_py() or 0)


def test_default_specs_build_on_the_values():
    assert default_hierarchy_spec(pa.array([1980, 1991, None], pa.int32())) == "intervals:5,10,20"
    assert default_hierarchy_spec(pa.array(["2020-03-01", "2021-12-31"]), "date") == "date"
    # a "date" column already cut to year and month does not fit the date rule: masked instead
    assert default_hierarchy_spec(pa.array(["2020-03", "2021-12"]), "date") == "digits"
    assert default_hierarchy_spec(pa.array(["75014", "2A004"]), "string") == "digits"
    spec = default_hierarchy_spec(pa.array([1980, 1991], pa.int32()))
    assert hierarchy_from_spec(spec, pa.array([1980, 1991], pa.int32())).height == 5


def test_reached_k_is_what_the_package_holds(demo):
    loaded, vocabulary, base = demo
    recipe = copy.deepcopy(base)
    recipe.protection.k_target = K
    recipe.protection.suppression_cap = CAP
    before = curate(loaded, recipe, vocabulary, new_secret())
    quasi = quasi_outputs(recipe)
    assert small_class_records(before.table, quasi, K) > 0      # the demo data do not reach k as they are

    found = reach_k(loaded.table, recipe, vocabulary, K, CAP)
    assert set(found.levels) == set(found.hierarchies) == {q for q in recipe.protection.quasi_identifiers
                                                           if recipe.column(q).transform.action != "drop"}
    recipe.protection.generalisation = found.levels
    recipe.protection.hierarchies = found.hierarchies
    result = curate(loaded, recipe, vocabulary, new_secret())

    assert small_class_records(result.table, quasi, K) == 0
    suppressed = result.generalisation["suppressed_records"]
    assert suppressed == found.search.suppressed_records
    assert suppressed <= int(CAP * loaded.table.num_rows)
    assert result.generalisation["smallest_class"] >= K
    # the risk figures see the suppressed records as one class of '*': nothing else is below k
    risk = risk_summary(result.table, quasi, k=K)
    assert risk.records_below_k == (suppressed if suppressed < K else 0)
    assert result.risk is not None and result.risk["records_below_k"] == risk.records_below_k
    fields = manifest_fields(loaded, recipe, vocabulary, result)
    assert fields["decisions"]["suppressed_records"] == suppressed
    assert fields["decisions"]["generalisation"] == found.levels
    page = render_curation_report(loaded, recipe, vocabulary, result)
    assert f"{suppressed} records were still in groups smaller than k = {K}" in page


def test_levels_that_no_longer_reach_k_stop_the_export(demo):
    loaded, vocabulary, base = demo
    recipe = copy.deepcopy(base)
    recipe.protection.k_target = K
    recipe.protection.suppression_cap = CAP
    found = reach_k(loaded.table, recipe, vocabulary, K, CAP)
    # next year's file: a tenth of the records, so the same levels leave many classes below k
    smaller = copy.copy(loaded)
    smaller.table = loaded.table.slice(0, loaded.table.num_rows // 10)
    recipe.protection.generalisation = found.levels
    recipe.protection.hierarchies = found.hierarchies
    with pytest.raises(InputError) as raised:
        curate(smaller, recipe, vocabulary, new_secret())
    assert f"does not reach k = {K} on this file" in str(raised.value)
    assert "Reach k again" in (raised.value.hint or "")
    # without a k target the levels are applied and nothing is suppressed or refused
    recipe.protection.k_target = None
    result = curate(smaller, recipe, vocabulary, new_secret())
    assert result.generalisation["suppressed_records"] == 0
    assert result.generalisation["levels"]


def test_nothing_to_apply_leaves_the_table_alone():
    table = pa.table({"a": [1, 2]})
    from curator.recipe.model import Recipe

    assert apply_recipe_generalisation(table, Recipe()) == (table, {})
