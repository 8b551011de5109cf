"""Streamed apply gives exactly what the whole-table apply gives, batch boundaries or not."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.errors import CuratorError
from curator.load.fingerprint import sha256_file
from curator.package.unpack import open_package
from curator.recipe.apply import DriftStop, apply_recipe
from curator.recipe.model import Recipe

if TYPE_CHECKING:
    from tests.recipe.conftest import OpenedKeys

LATE_ROW = 4321          # past the first batches: only a full pass sees it
BAD_DATE_ROW = 2500


@pytest.fixture(scope="module")
def late_csv(tmp_path_factory: pytest.TempPathFactory, demo_loaded) -> Path:
    """The demo export with an impossible birth date mid-file and a new vital status near the end."""
    from registry_generator import write_csv_cp1252

    table = demo_loaded.table
    births = table.column("Date de naissance").to_pylist()
    births[BAD_DATE_ROW] = "31/02/1950"
    vital = table.column("Statut vital").to_pylist()
    vital[LATE_ROW] = "DCD"
    table = table.set_column(table.column_names.index("Date de naissance"), "Date de naissance",
                             pa.array(births, pa.string()))
    table = table.set_column(table.column_names.index("Statut vital"), "Statut vital", pa.array(vital, pa.string()))
    path = tmp_path_factory.mktemp("late") / "registre_late.csv"
    write_csv_cp1252(table, path)
    return path


def _run(keys: OpenedKeys, recipe: Recipe, source: Path, package: Path, **options):
    return apply_recipe(source, recipe, package, [keys.recipient], keys.signing, keys.secret, **options)


def _opened(keys: OpenedKeys, package: Path) -> tuple[pa.Table, dict]:
    folder = package.with_suffix(".opened")
    open_package(package, keys.identity, keys.signer, folder)
    return pq.read_table(folder / "data.parquet"), json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("hash_in_helper", [False, True], ids=["one-process", "helper-process"])
def test_streamed_package_equals_the_whole_table_one(opened_keys, demo_recipe: Recipe, late_csv: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, hash_in_helper: bool) -> None:
    from curator.protect import _hmac_core, _pool
    from curator.recipe import stream

    if hash_in_helper:      # the helper hashes for the Python loop; the compiled accelerator needs none
        monkeypatch.setattr(_hmac_core, "native", None)

    assert any(c.transform.action == "pseudonymise" for c in demo_recipe.columns)
    # Batches of 700 rows: with a threshold below that, half of each batch's pseudonyms are hashed
    # by the helper process, as a big file's batches are.
    monkeypatch.setattr(stream, "PARALLEL_HASH_ABOVE", 100 if hash_in_helper else 10**9)
    whole = _run(opened_keys, demo_recipe, late_csv, tmp_path / "whole.tar", stream=False)
    streamed = _run(opened_keys, demo_recipe, late_csv, tmp_path / "streamed.tar", stream=True, batch_rows=700)
    if hash_in_helper:
        assert _pool._executor is not None, "the helper process did not start: the test proves nothing"
    assert any("streamed in batches of 700 rows" in n for n in streamed.notes)
    assert not any("streamed" in n for n in whole.notes)
    whole_data, whole_manifest = _opened(opened_keys, tmp_path / "whole.tar")
    streamed_data, streamed_manifest = _opened(opened_keys, tmp_path / "streamed.tar")
    assert streamed_data.num_rows == 5000 and streamed_data.equals(whole_data)
    assert streamed_manifest["source"] == whole_manifest["source"]
    report = (tmp_path / "streamed.opened" / "curation-report.html").read_text(encoding="utf-8")
    assert sha256_file(late_csv) in report
    assert streamed_manifest["source"]["rows"] == 5000 and streamed_manifest["rows"] == 5000
    assert streamed_manifest["risk"] == whole_manifest["risk"]
    assert streamed_manifest["schema"] == whole_manifest["schema"]
    # the new code value far down the file is found by both, and said in the manifest
    for result in (whole, streamed):
        assert [(n.column, n.values) for n in result.drift.new_codes] == [("Statut vital", [("DCD", 1)])]
    # ...the clear manifest counting it, the encrypted curation report quoting it
    assert streamed_manifest["apply"]["drift"]["new_codes"] == [{"column": "Statut vital", "values": 1, "rows": 1}]
    assert "“DCD” (1)" in report
    assert streamed.validation == whole.validation


@pytest.mark.parametrize("renamed", [False, True], ids=["as-made", "column-renamed"])
def test_first_batch_converted_during_the_comparison_is_used_only_for_the_recipe_it_was_made_with(
        opened_keys, demo_recipe: Recipe, demo_loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renamed: bool) -> None:
    """The first batch is converted with the recipe as it stands while the file is compared with it;
    a file that drifted (a renamed column) has it converted again with the adapted recipe."""
    from registry_generator import write_csv_cp1252

    from curator.recipe import stream

    table = demo_loaded.table
    if renamed:
        table = table.rename_columns(["Naissance" if n == "Date de naissance" else n for n in table.column_names])
    source = tmp_path / "registre.csv"
    write_csv_cp1252(table, source)
    used_ahead: list[bool] = []
    take = stream._ConvertedAhead.take

    def spied(self, recipe):
        result = take(self, recipe)
        used_ahead.append(result is not None)
        return result

    monkeypatch.setattr(stream._ConvertedAhead, "take", spied)
    whole = _run(opened_keys, demo_recipe, source, tmp_path / "whole.tar", stream=False)
    streamed = _run(opened_keys, demo_recipe, source, tmp_path / "streamed.tar", stream=True, batch_rows=900)
    assert used_ahead == [not renamed]
    assert [(r.old, r.new) for r in streamed.drift.renamed] == ([("Date de naissance", "Naissance")] if renamed else [])
    whole_data, _ = _opened(opened_keys, tmp_path / "whole.tar")
    streamed_data, _ = _opened(opened_keys, tmp_path / "streamed.tar")
    assert streamed_data.num_rows == 5000 and streamed_data.equals(whole_data)
    assert streamed.validation == whole.validation


def test_a_streamed_parquet_file_has_its_numbers_read_as_it_writes_them(opened_keys, demo_recipe: Recipe, demo_loaded,
                                                                        tmp_path: Path) -> None:
    """The recipe was made on a CSV with decimal commas; a Parquet export writes 69.1."""
    assert demo_recipe.reader.format == "csv" and demo_recipe.reader.decimal == ","
    table = demo_loaded.table
    index = table.column_names.index("Poids (kg)")
    weights = [v.replace(",", ".") if v else v for v in table.column("Poids (kg)").to_pylist()]
    source = tmp_path / "registre.parquet"
    pq.write_table(table.set_column(index, "Poids (kg)", pa.array(weights, pa.string())), source)
    result = _run(opened_keys, demo_recipe, source, tmp_path / "streamed.tar", stream=True, batch_rows=800)
    assert any("streamed" in n for n in result.notes)
    assert result.validation.endswith("no problem found."), result.validation
    data, _ = _opened(opened_keys, tmp_path / "streamed.tar")
    assert sorted(w for w in data.column("weight_kg").to_pylist() if w is not None) == sorted(
        float(w) for w in weights if w)


def test_streamed_validation_names_the_source_line(opened_keys, demo_recipe: Recipe, late_csv: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole.tar"
    streamed = tmp_path / "streamed.tar"
    _run(opened_keys, demo_recipe, late_csv, whole, stream=False)
    _run(opened_keys, demo_recipe, late_csv, streamed, stream=True, batch_rows=1000)
    reports = []
    for package in (whole, streamed):
        folder = package.with_suffix(".opened")
        open_package(package, opened_keys.identity, opened_keys.signer, folder)
        reports.append((folder / "validation-report.csv").read_text(encoding="utf-8"))
    assert reports[0] == reports[1]
    # header on line 1, so record index BAD_DATE_ROW (0-based) is line BAD_DATE_ROW + 2
    assert f";{BAD_DATE_ROW + 2};" in reports[1]


def test_strict_streaming_stops_on_a_code_value_first_seen_late(opened_keys, demo_recipe: Recipe, late_csv: Path,
                                                                 tmp_path: Path) -> None:
    package = tmp_path / "strict.tar"
    said: list[str] = []
    with pytest.raises(DriftStop) as caught:
        _run(opened_keys, demo_recipe, late_csv, package, stream=True, batch_rows=1000, strict=True, say=said.append)
    assert caught.value.exit_code == 1
    assert said[0].startswith("Drift: none")          # the first rows were fine...
    assert "'Statut vital' has values with no mapping after the first rows: 'DCD'" in said[1]
    assert not package.exists() and not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def bad_date_csv(tmp_path_factory: pytest.TempPathFactory, demo_loaded) -> Path:
    from registry_generator import write_csv_cp1252

    table = demo_loaded.table
    births = table.column("Date de naissance").to_pylist()
    births[BAD_DATE_ROW] = "31/02/1950"
    table = table.set_column(table.column_names.index("Date de naissance"), "Date de naissance",
                             pa.array(births, pa.string()))
    path = tmp_path_factory.mktemp("bad") / "registre_bad_date.csv"
    write_csv_cp1252(table, path)
    return path


@pytest.mark.parametrize("stream", [False, True])
def test_strict_stops_on_an_undecided_invalid_value(opened_keys, demo_recipe: Recipe, bad_date_csv: Path, tmp_path: Path,
                                                    stream: bool) -> None:
    package = tmp_path / "strict.tar"
    said: list[str] = []
    with pytest.raises(CuratorError) as caught:
        _run(opened_keys, demo_recipe, bad_date_csv, package, stream=stream, batch_rows=1000, strict=True, say=said.append)
    assert said[0].startswith("Drift: none")
    assert caught.value.exit_code == 1 and "validation rule(s) are broken with no decision" in caught.value.message
    assert any("'Date de naissance'" in d for d in caught.value.details)
    assert not package.exists() and not list(tmp_path.iterdir())
    # Deciding what to do with the value (here: empty it) lets the strict run through.
    decision = demo_recipe.column("Date de naissance")
    assert decision is not None
    decision.validation["31/02/1950"] = "empty"
    result = _run(opened_keys, demo_recipe, bad_date_csv, package, stream=stream, batch_rows=1000, strict=True)
    assert package.exists() and result.rows == 5000


def test_dates_read_alike_in_every_batch_even_after_an_empty_first_batch(opened_keys, demo_recipe: Recipe, demo_loaded,
                                                                         tmp_path: Path) -> None:
    """The date format is detected once and kept for the next batches; a batch with no date decides
    nothing, and a column empty in the first batch is not taken for a column whose type changed."""
    from registry_generator import write_csv_cp1252

    table = demo_loaded.table
    name = "Date de diagnostic"
    dates = table.column(name).to_pylist()
    dates[:900] = [None] * 900          # the whole first batch of 700 rows, and more
    table = table.set_column(table.column_names.index(name), name, pa.array(dates, pa.string()))
    path = tmp_path / "registre_blank_start.csv"
    write_csv_cp1252(table, path)
    whole = _run(opened_keys, demo_recipe, path, tmp_path / "whole.tar", stream=False)
    streamed = _run(opened_keys, demo_recipe, path, tmp_path / "streamed.tar", stream=True, batch_rows=700)
    whole_data, _ = _opened(opened_keys, tmp_path / "whole.tar")
    streamed_data, _ = _opened(opened_keys, tmp_path / "streamed.tar")
    assert streamed_data.equals(whole_data)
    assert streamed.validation == whole.validation
    assert not streamed.drift.type_changes and not streamed.skipped
    # The column is there, with its dates (past the blank start) read, not emptied.
    assert streamed_data.column("diagnosis_date").null_count < streamed_data.num_rows - 900 + 1


def test_streamed_apply_warns_of_an_undefined_byte_as_the_whole_read_does(opened_keys, demo_recipe: Recipe, late_csv: Path,
                                                                           tmp_path: Path) -> None:
    lines = late_csv.read_bytes().split(b"\r\n")
    assert b'"' not in lines[100] and b'"' not in lines[4500]
    lines[100] = lines[100].rsplit(b";", 1)[0] + b";c\x9cur"       # œ: only Windows-1252 has it
    lines[4500] = lines[4500].rsplit(b";", 1)[0] + b";x\x81y"      # a byte Windows-1252 leaves undefined
    source = tmp_path / "undefined_late.csv"
    source.write_bytes(b"\r\n".join(lines))
    whole = _run(opened_keys, demo_recipe, source, tmp_path / "whole.tar", stream=False)
    streamed = _run(opened_keys, demo_recipe, source, tmp_path / "streamed.tar", stream=True, batch_rows=1000)
    warned = [[n for n in result.notes if "0x81" in n] for result in (whole, streamed)]
    assert warned[0] == warned[1] and len(warned[1]) == 1
    assert "'Commentaire'" in warned[1][0] and "data row 4500" in warned[1][0]


def test_a_followed_file_gives_every_byte_written_and_fails_with_its_writer(tmp_path: Path) -> None:
    """The data file is encrypted as the Parquet writer appends to it: the reader must get every
    byte, in order, however the writes and reads interleave, and stop if the pass fails."""
    import random
    import threading
    import time

    from curator.recipe.stream import FollowedFile

    path = tmp_path / "data.parquet"
    pieces = [random.Random(n).randbytes(random.Random(n).randrange(1, 70_000)) for n in range(60)]
    path.write_bytes(b"")
    followed = FollowedFile(path)

    def write() -> None:
        with path.open("ab") as out:
            for piece in pieces:
                out.write(piece)
                out.flush()
                time.sleep(0.002)
        followed.finish()

    writer = threading.Thread(target=write)
    writer.start()
    read = bytearray()
    while chunk := followed.read(65_536):
        read += chunk
    writer.join()
    followed.close()
    assert bytes(read) == b"".join(pieces)

    failing = FollowedFile(path)
    assert failing.read(10) == pieces[0][:10]
    threading.Timer(0.05, failing.abandon).start()
    with pytest.raises(OSError, match="abandoned"):
        while failing.read(1 << 30):
            pass
    failing.close()


@pytest.mark.parametrize("birth_level", [3, 1], ids=["k-reached", "suppression-needed"])
def test_reach_k_levels_stream_unless_a_class_needs_suppression(opened_keys, demo_recipe: Recipe, tmp_path: Path,
                                                                birth_level: int) -> None:
    """Reach k's levels are applied batch by batch; a file with a class still below k once generalised is
    read whole after all (suppression needs every row), and either way the package is the whole-table one."""
    from .conftest import DEMO_CSV

    protection = demo_recipe.protection
    protection.hierarchies = {"Date de naissance": "intervals:20,40", "Code postal": "region"}
    protection.generalisation = {"Date de naissance": birth_level, "Code postal": 1}
    whole = _run(opened_keys, demo_recipe, DEMO_CSV, tmp_path / "whole.tar", stream=False)
    streamed = _run(opened_keys, demo_recipe, DEMO_CSV, tmp_path / "streamed.tar", stream=True, batch_rows=700)
    read_whole = [n for n in streamed.notes if "read whole" in n]
    if birth_level == 3:
        assert not read_whole and any("streamed in batches of 700 rows" in n for n in streamed.notes)
    else:
        assert read_whole and "classes below k = 5 once generalised" in read_whole[0]
    whole_data, whole_manifest = _opened(opened_keys, tmp_path / "whole.tar")
    streamed_data, streamed_manifest = _opened(opened_keys, tmp_path / "streamed.tar")
    assert streamed_data.equals(whole_data)
    assert streamed_data.column("postal_code").to_pylist()[0].startswith("R")      # a region: the level was applied
    for key in ("risk", "protection", "schema", "rows"):
        assert streamed_manifest.get(key) == whole_manifest.get(key), key
    assert streamed.risk == whole.risk
    # The report's Reach k section says the same (up to the distinct values, which a streamed apply does not count).
    sections = [_generalisation_text(tmp_path / f"{name}.opened" / "curation-report.html") for name in ("whole", "streamed")]
    assert "R11 432" in sections[0] and sections[0] == sections[1]


def _generalisation_text(report: Path) -> str:
    html = report.read_text(encoding="utf-8")
    start = html.index("id='generalisation'")
    text = " ".join(re.sub(r"<[^>]+>", " ", html[start:html.index("</section>", start)]).split())
    return text[:text.index(" column how ")]
