"""Mutated recipes, as a tester or a careless edit makes them: exit 2 naming the column and the
parameter, never a traceback (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.cli import main
from curator.errors import CuratorError, InputError
from curator.protect.transforms import protect_table
from curator.recipe.model import Recipe

COLUMN = "Taille (cm)"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, keys: dict[str, Path], demo_recipe_notes) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("robust")
    return {**keys, "dir": folder, "base": json.loads(demo_recipe_notes[0].to_json())}


def _mutated(base: dict[str, Any], action: str, raw_params: str, column: str = COLUMN) -> str:
    """The demo recipe with ``column``'s action replaced, its parameters written as raw JSON text
    (so that NaN, Infinity, huge integers and deep nesting reach the file as a person could write them)."""
    data = json.loads(json.dumps(base))
    for decision in data["columns"]:
        if decision["source"] == column:
            decision["transform"] = {"action": action, "params": "@PARAMS@"}
    return json.dumps(data, ensure_ascii=False, indent=1).replace('"@PARAMS@"', raw_params)


def _apply(setup: dict[str, Any], recipe_text: str, name: str, demo_csv: Path) -> tuple[int, Path]:
    recipe = setup["dir"] / f"{name}.json"
    recipe.write_text(recipe_text, encoding="utf-8")
    package = setup["dir"] / f"{name}.tar"
    code = main(["apply", str(demo_csv), "--recipe", str(recipe), "-o", str(package),
                 "--recipient", str(setup["hub"]), "--signing-key", str(setup["signing"]),
                 "--secret", str(setup["secret"]), "--passphrase-file", str(setup["passphrases"])])
    return code, package


# (id, action, raw params, words the message must hold besides the column)
CASES = [
    ("hierarchy-not-text", "hierarchy", '{"hierarchy": 2, "level": 1}', ["'hierarchy'", "not 2"]),
    ("level-null", "hierarchy", '{"hierarchy": "digits", "level": null}', ["'level'", "not null"]),
    ("level-text", "hierarchy", '{"hierarchy": "digits", "level": "2"}', ["'level'"]),
    ("level-float", "hierarchy", '{"hierarchy": "digits", "level": 1.5}', ["'level'"]),
    ("level-negative", "hierarchy", '{"hierarchy": "digits", "level": -1}', ["'level'"]),
    ("level-huge", "hierarchy", '{"hierarchy": "digits", "level": 123456789012345678901234567890}', ["'level'"]),
    ("level-too-high-for-hierarchy", "hierarchy", '{"hierarchy": "digits", "level": 99}', ["level 99"]),
    ("level-missing", "hierarchy", '{"hierarchy": "digits"}', ["'level'"]),
    ("hierarchy-infinite-width", "hierarchy", '{"hierarchy": "intervals:inf", "level": 1}', ["intervals:inf"]),
    ("hierarchy-nan-width", "hierarchy", '{"hierarchy": "intervals:nan,5", "level": 1}', ["intervals:nan"]),
    ("hierarchy-not-a-file", "hierarchy", '{"hierarchy": "/nonexistent/h.csv", "level": 1}', ["neither a file"]),
    ("edges-text", "band", '{"edges": "abc"}', ["'edges'", "'abc'"]),
    ("edges-unsorted", "band", '{"edges": [180, 150, 170]}', ["'edges'", "increasing"]),
    ("edges-repeated", "band", '{"edges": [150, 150]}', ["'edges'"]),
    ("edges-empty", "band", '{"edges": []}', ["'edges'"]),
    ("edges-with-text", "band", '{"edges": [150, "x"]}', ["'edges'"]),
    ("edges-nested", "band", '{"edges": [[150]]}', ["'edges'"]),
    ("edges-nan", "band", '{"edges": [NaN]}', ["NaN", "params.edges[0]"]),
    ("edges-bool", "band", '{"edges": [true, 2]}', ["'edges'"]),
    ("width-infinity", "band", '{"width": Infinity}', ["Infinity", "params.width"]),
    ("width-minus-infinity", "band", '{"width": -Infinity}', ["Infinity", "params.width"]),
    ("width-overflowing", "band", '{"width": 1e400}', ["1e400", "params.width"]),
    ("width-zero", "band", '{"width": 0}', ["'width'"]),
    ("width-huge", "band", '{"width": 1e300}', ["'width'"]),
    ("width-bool", "band", '{"width": true}', ["'width'"]),
    ("width-and-edges", "band", '{"width": 10, "edges": [1, 2]}', ["'width'", "'edges'"]),
    ("band-nothing", "band", "{}", ["'width'"]),
    ("max-text", "top_code", '{"max": "year"}', ["'max'", "'year'"]),
    ("max-5000-digits", "top_code", '{"max": 1' + "0" * 5000 + "}", ["5,001 digits", "params.max"]),
    ("max-and-top", "top_code", '{"max": 180, "top": 190}', ["'max'", "'top'"]),
    ("max-list", "top_code", '{"max": [180]}', ["'max'"]),
    ("top-code-nulls", "top_code", '{"max": null, "bottom": null}', ["'max'"]),
    ("min-object", "bottom_code", '{"min": {"a": 1}}', ["'min'"]),
    ("unknown-setting", "band", '{"widht": 10}', ["'widht'"]),
    ("params-not-object", "band", "[10]", ["params"]),
    ("params-deep", "band", '{"edges": ' + "[" * 100 + "]" * 100 + "}", ["64 levels"]),
    ("max-days-float", "date_shift", '{"max_days": 1.5, "person_column": "NIR"}', ["'max_days'"]),
    ("max-days-huge", "date_shift", '{"max_days": 100000000000000, "person_column": "NIR"}', ["'max_days'"]),
    ("person-column-number", "date_shift", '{"max_days": 30, "person_column": 3}', ["'person_column'"]),
    ("generalise-unknown-level", "generalise", '{"to": "decade"}', ["'to'", "'decade'"]),
    ("generalise-null", "generalise", '{"to": null}', ["'to'"]),
    ("threshold-text", "rare_to_other", '{"threshold": "5"}', ["'threshold'"]),
    ("threshold-zero", "rare_to_other", '{"threshold": 0}', ["'threshold'"]),
    ("other-number", "rare_to_other", '{"threshold": 5, "other": 7}', ["'other'"]),
    ("kind-unknown", "pseudonymise", '{"kind": "iban"}', ["'kind'", "'iban'"]),
    ("reference-number", "age_at", '{"reference": 1990}', ["'reference'"]),
]


@pytest.mark.parametrize(("action", "raw", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_mutated_recipe_is_refused_naming_the_column_and_parameter(
        setup: dict[str, Any], demo_csv: Path, capsys: pytest.CaptureFixture[str],
        action: str, raw: str, words: list[str], request: pytest.FixtureRequest) -> None:
    code, package = _apply(setup, _mutated(setup["base"], action, raw), request.node.callspec.id, demo_csv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and err.startswith("curator: ")
    assert f"column '{COLUMN}'" in err, err
    for word in words:
        assert word in err, err
    assert not package.exists()
    assert not list(setup["dir"].glob(f"{package.name}*.part")) and not list(setup["dir"].glob(f".{package.name}.*"))


DOCUMENT_CASES = [
    ("deep-nesting", '{"format": "curator-recipe", "version": 2, "x": ' + "[" * 5000 + "]" * 5000 + "}",
     "64 levels"),
    ("huge-integer", '{"format": "curator-recipe", "version": 2' + "0" * 5000 + "}", "digits"),
    ("nan-k", '{"format": "curator-recipe", "version": 2, "protection": {"k_target": NaN}}', "NaN"),
    ("k-too-big", '{"format": "curator-recipe", "version": 2, "protection": {"k_target": 10000000000000}}',
     "k_target"),
    ("header-row-huge", '{"format": "curator-recipe", "version": 2, "reader": {"header_row": 1000000000000}}',
     "header_row"),
    ("not-utf8", b'{"format": "curator-recipe", "version": 2, "export": {"producer_name": "\xe9"}}', "UTF-8"),
    ("level-huge", '{"format": "curator-recipe", "version": 2, "protection": {"generalisation": {"a": 1e4}}}',
     "generalisation"),
]


@pytest.mark.parametrize(("text", "words"), [c[1:] for c in DOCUMENT_CASES], ids=[c[0] for c in DOCUMENT_CASES])
def test_a_malformed_recipe_file_is_refused_without_a_traceback(tmp_path: Path, text: str | bytes, words: str) -> None:
    path = tmp_path / "recipe.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Recipe.load(path)
    assert words in str(caught.value)
    assert caught.value.exit_code == 2


def test_a_recipe_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "recipe.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        Recipe.load(fifo)          # would block forever on open if it were opened


def test_a_project_saved_halfway_opens_but_is_not_protected_until_complete(demo_recipe_notes, small_demo) -> None:
    data = json.loads(demo_recipe_notes[0].to_json())
    decision = next(c for c in data["columns"] if c["source"] == "Date de diagnostic")
    decision["transform"] = {"action": "date_shift", "params": {"max_days": 30}}   # as the app starts it
    recipe = Recipe.from_json(json.dumps(data), "project.curator.json")
    with pytest.raises(InputError) as caught:
        protect_table(small_demo, recipe.columns, b"k" * 32)
    assert "'person_column'" in str(caught.value) and "Date de diagnostic" in str(caught.value)


def test_the_documentation_shows_the_table_the_recipe_is_checked_against() -> None:
    from curator.recipe.params import parameters_markdown

    assert parameters_markdown() in (REPO / "docs" / "recipe.md").read_text(encoding="utf-8")


# ---- a property: any mutation of the demo recipe is either accepted or refused with a message -----

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                     st.text(max_size=12), st.sampled_from(["year", "digits", "date", "intervals:5,10", "NIR",
                                                            "1990-01-01", "nir", "Taille (cm)"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                       max_leaves=8)
_RAW = st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "1" + "0" * 4400, "[" * 3000 + "]" * 3000])
_ACTIONS = st.sampled_from(["keep", "drop", "pseudonymise", "generalise", "date_shift", "age_at", "band", "top_code",
                            "bottom_code", "hierarchy", "rare_to_other", "scrub", "blur"])
_PARAM_NAMES = st.sampled_from(["to", "max_days", "person_column", "reference", "width", "edges", "max", "top",
                                "bottom", "min", "hierarchy", "level", "threshold", "other", "kind", "x"])


@pytest.fixture(scope="module")
def small_demo(demo_loaded) -> pa.Table:
    return demo_loaded.table.slice(0, 60)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.integers(min_value=0, max_value=24), action=_ACTIONS,
       params=st.dictionaries(_PARAM_NAMES, _VALUES, max_size=3), raw=st.one_of(st.none(), _RAW),
       raw_at=_PARAM_NAMES)
def test_any_mutated_recipe_is_applied_or_refused_with_a_message(
        demo_recipe_notes, small_demo: pa.Table, column: int, action: str, params: dict[str, Any],
        raw: str | None, raw_at: str) -> None:
    data = json.loads(demo_recipe_notes[0].to_json())
    data["columns"][column]["transform"] = {"action": action, "params": params}
    if raw is not None:
        params[raw_at] = "@RAW@"
    text = json.dumps(data, ensure_ascii=False).replace('"@RAW@"', raw or "")
    try:
        recipe = Recipe.from_json(text, "mutated.json")
        protect_table(small_demo, recipe.columns, b"k" * 32)
    except CuratorError as error:
        assert str(error)
        assert error.exit_code == 2
