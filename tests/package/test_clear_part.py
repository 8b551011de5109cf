"""Every byte of a package outside its encrypted members is public: it holds no cell value, no path
and no file name of the source, even when a coded column holds names and NIRs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pytest

from curator.load import read_file
from curator.mapping import load_vocabulary
from curator.package import manifest as mf
from curator.package.build import write_package
from curator.package.keys import load_identity, load_signing_key, new_recipient_key, new_signing_key
from curator.package.tarstream import read_entries
from curator.package.unpack import open_package
from curator.protect.persons import reach_recipe
from curator.protect.secret import new_secret, read_secret_file, write_secret_file
from curator.recipe.apply import apply_recipe
from curator.recipe.init import recipe_from_loaded
from tests.conftest import fill_export

from .conftest import Payload, StockKeys
from .test_attacks import entries_of

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_CSV = REPO_ROOT / "resources" / "demo" / "registre_cancer_demo.csv"
PATIENT_FILE = "MARTIN_Sylvie_2840575123456.csv"


def clear_bytes(package: Path) -> bytes:
    """The package with the data of its .age entries cut out: tar headers, padding, manifest, signature."""
    data = package.read_bytes()
    kept = bytearray()
    position = 0
    with open(package, "rb") as handle:
        for entry in read_entries(handle, len(data)):
            if entry.name.endswith(mf.ENCRYPTED_SUFFIX):
                kept += data[position:entry.data_offset]
                position = entry.data_offset + entry.size
    kept += data[position:]
    return bytes(kept)


def test_a_shifted_column_leaves_no_name_nir_or_path_in_the_clear(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    from registry_generator import write_csv_cp1252

    vocabulary = load_vocabulary(None)
    loaded = read_file(DEMO_CSV)
    recipe = fill_export(recipe_from_loaded(loaded, vocabulary))
    # as `recipe init --coarser-floors` does: the export refuses less than k
    reach_recipe(recipe, loaded.table, vocabulary, coarser_floors=True)
    table = loaded.table
    names, nirs = table.column("Nom").to_pylist(), table.column("NIR").to_pylist()
    # The export shifted the columns: the coded vital status holds surnames, and on some rows NIRs.
    shifted_values = [nir if i % 50 == 0 else name for i, (name, nir) in enumerate(zip(names, nirs, strict=True))]
    shifted = table.set_column(table.column_names.index("Statut vital"), "Statut vital",
                               pa.array(shifted_values, pa.string()))
    names = [v for i, v in enumerate(names) if i % 50]
    nirs = [v for i, v in enumerate(nirs) if i % 50 == 0]
    source = tmp_path / "Patients" / PATIENT_FILE
    source.parent.mkdir()
    write_csv_cp1252(shifted, source)

    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    write_secret_file(tmp_path / "secret.age", new_secret(), "phrase de test")
    package = tmp_path / "out" / "submission.tar"
    result = apply_recipe(source, recipe, package, [(tmp_path / "hub.pub").read_text().strip()],
                          load_signing_key(tmp_path / "producer.key", None),
                          read_secret_file(tmp_path / "secret.age", "phrase de test"), stream=False)
    assert {n.column for n in result.drift.new_codes} == {"Statut vital"}, result.drift.to_text()

    public = clear_bytes(package)
    text = public.decode("utf-8", "replace")
    needles = {str(v) for v in names + nirs if v and len(str(v)) >= 4}
    needles |= {PATIENT_FILE, "MARTIN_Sylvie", "2840575123456", str(source.parent), "Patients"}
    # Surnames that are also words of the clear part's own vocabulary cannot prove anything.
    manifest = json.loads(next(data for name, data in entries_of(package) if name == mf.MANIFEST_NAME))
    own_words = set(re.findall(r"[\w-]+", json.dumps(_without_names(manifest), ensure_ascii=False)))
    found = sorted(n for n in needles - own_words if n.encode("utf-8") in public or n in text)
    assert not found, f"personal values in the clear part of the package: {found[:10]}"
    summary = manifest["apply"]["drift"]
    vital = next(n for n in summary["new_codes"] if n["column"] == "Statut vital")
    assert vital["values"] > 100 and vital["rows"] > 0.99 * table.num_rows
    assert not mf.check_clear_fields(manifest)

    # What the drift report says of values and files is in the encrypted curation report.
    opened = tmp_path / "opened"
    open_package(package, load_identity(tmp_path / "hub.key"), tmp_path / "producer.pub", opened)
    report = (opened / "curation-report.html").read_text(encoding="utf-8")
    assert PATIENT_FILE in report and "values with no mapping" in report
    assert names[0] in report or names[0].upper() in report.upper()


def _without_names(manifest: dict) -> dict:
    """The manifest's field names and fixed words (column names are allowed; values are what is sought)."""
    return {k: v for k, v in manifest.items() if k in ("decisions", "schema", "vocabulary", "risk")}


@pytest.mark.parametrize("fields, where", [
    ({"source": {"format": "csv", "rows": 3, "path": "/home/x/Patients/MARTIN.csv"}}, "manifest.source"),
    ({"apply": {"drift": {"new_codes": [{"column": "Sexe", "values": [{"value": "MARTIN", "rows": 1}]}]}}},
     "manifest.apply.drift.new_codes[0].values"),
    ({"decisions": {"columns": [{"source": "Sexe", "action": "keep", "params": {"map": {"MARTIN": "1"}}}]}},
     "manifest.decisions.columns[0].params"),
    ({"top_values": ["MARTIN"]}, "manifest holds a field outside the allow-list"),
    ({"rows": "MARTIN"}, "manifest.rows should be"),
])
def test_fields_outside_the_allow_list_are_refused_when_the_package_is_built(
        fields: dict, where: str, stock_keys: StockKeys, payload: Payload, tmp_path: Path) -> None:
    from curator.errors import InputError

    with pytest.raises(InputError) as error:
        write_package(tmp_path / "p.tar", payload.members[1:], fields, [stock_keys.hub_recipient],
                      load_signing_key(stock_keys.producer_key, None))
    assert where in str(error.value) and "MARTIN" not in str(error.value)
    assert not (tmp_path / "p.tar").exists()


def test_every_allowed_field_is_documented() -> None:
    doc = (REPO_ROOT / "docs" / "package-format.md").read_text(encoding="utf-8")

    def paths(shape: object, prefix: str) -> list[str]:
        if isinstance(shape, list):
            return paths(shape[0], prefix + "[]")
        if isinstance(shape, dict):
            found = []
            for key, inner in shape.items():
                name = f"{prefix}.{key}" if prefix else key
                found += [name] + paths(inner, name)
            return found
        return []

    missing = [p for p in paths(mf.CLEAR_FIELDS, "") if f"`{p}`" not in doc]
    assert not missing, f"fields of the allow-list missing from docs/package-format.md: {missing}"
