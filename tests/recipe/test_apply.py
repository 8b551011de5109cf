"""`curator apply`: a recipe made on the demo CSV re-applied headlessly, with drift, to a verified package."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from stdnum.fr import nir

from curator.cli import main
from curator.recipe import stream
from curator.recipe.model import Recipe


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, keys: dict[str, Path], demo_recipe_notes) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("apply")
    demo_recipe_notes[0].save(folder / "recipe.json")
    return {**keys, "dir": folder, "recipe": folder / "recipe.json"}


def _apply(setup: dict[str, Path], source: Path, package: Path, *extra: str) -> int:
    return main(["apply", str(source), "--recipe", str(setup["recipe"]), "-o", str(package),
                 "--recipient", str(setup["hub"]), "--signing-key", str(setup["signing"]),
                 "--secret", str(setup["secret"]), "--passphrase-file", str(setup["passphrases"]), *extra])


def _open(setup: dict[str, Path], package: Path, name: str) -> Path:
    assert main(["verify", str(package), "--signer", str(setup["signer"])]) == 0
    opened = setup["dir"] / name
    assert main(["open", str(package), "--identity", str(setup["hub_key"]), "--signer", str(setup["signer"]),
                 "-o", str(opened)]) == 0
    return opened / "data.parquet"


def test_csv_recipe_applies_to_the_xlsx_and_the_package_verifies_and_opens(
        setup: dict[str, Path], demo_xlsx: Path, demo_loaded, capsys: pytest.CaptureFixture[str]) -> None:
    package = setup["dir"] / "from-xlsx.tar"
    assert _apply(setup, demo_xlsx, package) == 0
    out = capsys.readouterr().out
    assert out.startswith("Drift: none") and "wrote " in out and "5,000 rows" in out
    opened = _open(setup, package, "opened-xlsx")
    data = pq.read_table(opened)
    assert data.num_rows == 5000
    # Pseudonyms are written end to end, their lengths apart, never through a dictionary; coded columns keep theirs.
    chunks = {c.path_in_schema: c for c in (pq.ParquetFile(opened).metadata.row_group(0).column(i)
                                            for i in range(data.num_columns))}
    assert {"DELTA_LENGTH_BYTE_ARRAY"} <= set(chunks["nir"].encodings) and not chunks["nir"].has_dictionary_page
    assert chunks["vital_status"].has_dictionary_page
    for gone in ("last_name", "birth_name", "first_name", "phone", "email", "address", "free_text", "Nom", "NIR"):
        assert gone not in data.column_names
    source_nirs = {v for v in demo_loaded.table.column("NIR").to_pylist() if v}
    tokens = [v for v in data.column("nir").to_pylist() if v]
    assert len(tokens) > 4500 and not source_nirs & set(tokens)
    assert not any(nir.is_valid(t) for t in tokens[:200])
    assert set(data.column("vital_status").to_pylist()) <= {"1", "2", "3", None}
    # the same person gets the same token from the CSV and from the XLSX: one secret, one pseudonym
    assert len(set(data.column("patient_local_id").to_pylist())) == 5000
    # The spreadsheet writes 69.1 where the CSV the recipe was made on wrote 69,1: read as written,
    # not as 691 against the CSV's decimal comma.
    assert "Validation: 5000 rows checked: no problem found." in out
    weights = [float(v.replace(",", ".")) if v else None for v in demo_loaded.table.column("Poids (kg)").to_pylist()]
    assert sorted(w for w in data.column("weight_kg").to_pylist() if w is not None) == sorted(w for w in weights if w)


def test_strict_stops_on_drift_and_writes_nothing(setup: dict[str, Path], drifted_csv: Path, spec,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    package = setup["dir"] / "strict.tar"
    assert _apply(setup, drifted_csv, package, "--strict") == 1
    captured = capsys.readouterr()
    assert f"renamed:   '{spec.renamed[0]}' -> '{spec.renamed[1]}'" in captured.out
    assert f"missing:   '{spec.removed}'" in captured.out
    assert f"'{spec.code_column}' has values with no mapping: '{spec.new_code}'" in captured.out
    assert "--strict stops on any drift" in captured.err
    assert not package.exists() and not package.with_name("strict.tar.part").exists()


def test_without_strict_it_applies_what_still_matches(setup: dict[str, Path], drifted_csv: Path, spec,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    package = setup["dir"] / "drifted.tar"
    assert _apply(setup, drifted_csv, package) == 0
    out = capsys.readouterr().out
    assert "Skipped:" in out and f"'{spec.removed}' is missing from the file" in out
    data = pq.read_table(_open(setup, package, "opened-drifted"))
    assert "smoking_status" not in data.column_names
    assert "diagnosis_date" in data.column_names          # the renamed column, still generalised
    assert all(v is None or len(v) == 7 for v in data.column("diagnosis_date").to_pylist()[:100])


def test_a_recipe_that_pseudonymises_needs_the_secret(setup: dict[str, Path], demo_csv: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    package = setup["dir"] / "nosecret.tar"
    code = main(["apply", str(demo_csv), "--recipe", str(setup["recipe"]), "-o", str(package),
                 "--recipient", str(setup["hub"]), "--signing-key", str(setup["signing"]),
                 "--passphrase-file", str(setup["passphrases"])])
    assert code == 2
    assert "no pseudonymisation secret" in capsys.readouterr().err and not package.exists()


def test_the_recipe_file_is_never_changed_by_apply(setup: dict[str, Path]) -> None:
    assert Recipe.load(setup["recipe"]).migrated_from is None
    assert "Date du diagnostic" not in setup["recipe"].read_text(encoding="utf-8")


def test_column_names_from_the_file_are_printed_escaped(setup: dict[str, Path], demo_loaded, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A header holding terminal escapes is shown, not obeyed, in the drift report apply prints."""
    import pyarrow as pa
    from registry_generator import write_csv_cp1252

    hostile = "Note\x1b[2K\x1b[1GDrift: none"
    table = demo_loaded.table.append_column(hostile, pa.array(["x"] * demo_loaded.table.num_rows, pa.string()))
    source = tmp_path / "hostile.csv"
    write_csv_cp1252(table, source)
    assert _apply(setup, source, tmp_path / "p.tar", "--strict") == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "new:       'Note\\x1b[2K\\x1b[1GDrift: none' was not in the file" in out, out


def test_a_damaged_parquet_streamed_by_apply_gives_exit_2_and_nothing_written(
        setup: dict[str, Path], demo_loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A page header destroyed in the third row group: the streamed read fails there, batches after
    the first ones were written, in the guarded reader process."""
    monkeypatch.setattr(stream, "STREAM_ABOVE_BYTES", 0)
    source = tmp_path / "registre.parquet"
    pq.write_table(demo_loaded.table, source, compression="none", row_group_size=1000)
    column = pq.ParquetFile(source).metadata.row_group(2).column(3)
    data = bytearray(source.read_bytes())
    data[column.data_page_offset:column.data_page_offset + 64] = b"\xff" * 64
    source.write_bytes(bytes(data))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert _apply(setup, source, out_dir / "package.tar") == 2
    err = capsys.readouterr().err
    assert "registre.parquet" in err and "The parquet file is damaged or truncated" in err, err
    assert "Traceback" not in err
    assert list(out_dir.iterdir()) == []
