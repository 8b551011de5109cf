"""The streamed and the whole-table apply refuse alike a column that would leave identifying."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.errors import InputError
from curator.package.keys import load_signing_key
from curator.protect.secret import read_secret_file
from curator.recipe.apply import apply_recipe
from curator.recipe.model import Recipe


@pytest.mark.parametrize("stream", [False, True], ids=["whole-table", "streamed"])
def test_a_column_mapped_to_a_direct_concept_is_refused_when_kept_silently(keys: dict[str, Path], demo_recipe: Recipe,
                                                                           demo_csv: Path, tmp_path: Path,
                                                                           stream: bool) -> None:
    """'Statut vital' looks sensitive, not identifying; mapped to free text (a direct concept) and kept
    without confirmation, it must stop the export on either path (curator.recipe.privacy)."""
    decision = demo_recipe.column("Statut vital")
    assert decision is not None and decision.identifying is None
    decision.concept, decision.code_map, decision.code_review = "free_text", {}, {}
    decision.transform.action = "keep"
    secret = read_secret_file(keys["secret"], str(keys["secret_passphrase"]))
    signing = load_signing_key(keys["signing"], str(keys["signing_passphrase"]))
    hub = keys["hub"].read_text(encoding="utf-8").strip()
    package = tmp_path / "refused.tar"
    with pytest.raises(InputError, match="identifying columns would leave as they are: Statut vital"):
        apply_recipe(demo_csv, demo_recipe, package, [hub], signing, secret, stream=stream, batch_rows=700)
    assert not package.exists()
    decision.transform.keep_confirmed = True
    result = apply_recipe(demo_csv, demo_recipe, package, [hub], signing, secret, stream=stream, batch_rows=700)
    assert "Statut vital" in result.manifest["decisions"]["kept_direct"]
