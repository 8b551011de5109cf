"""The export fields the hub cannot file a submission without."""

from curator.recipe.model import ExportMetadata, Recipe


def test_blank_fields_are_missing_in_order() -> None:
    export = ExportMetadata(producer_id="  ", producer_name="Registre X", dataset_title="")
    assert export.missing_required() == ["producer_id", "dataset_title"]


def test_filled_fields_survive_a_round_trip() -> None:
    recipe = Recipe()
    recipe.export = ExportMetadata(producer_id="R-1", producer_name="Registre", dataset_title="Cancers 2025")
    assert Recipe.from_json(recipe.to_json()).export.missing_required() == []
