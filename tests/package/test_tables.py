"""A package of several tables: each its own encrypted Parquet member beside the encrypted datapackage.json,
the clear manifest listing them (names, rows, columns, keys), verified, opened, joined and validated."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from curator.errors import InputError
from curator.mapping import Vocabulary, load_vocabulary
from curator.package import manifest as mf
from curator.package.build import write_package
from curator.package.datapackage import (
    DATAPACKAGE_NAME,
    build_datapackage,
    table_manifest_fields,
    write_datapackage,
)
from curator.package.keys import load_identity, load_signing_key
from curator.package.unpack import open_package
from curator.package.verify import verify_package

from .conftest import StockKeys
from .test_datapackage import EXPORT, synthea_tables, validate, write_tables


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(None)


def test_a_three_table_package_verifies_opens_joins_and_validates(shared_data: Path, stock_keys: StockKeys,
                                                                  tmp_path: Path, vocabulary: Vocabulary) -> None:
    """Several data members and datapackage.json, all encrypted; the clear manifest lists the tables."""
    tables = synthea_tables(shared_data)
    plain = tmp_path / "plain"
    described = write_tables(tables, plain, vocabulary)
    write_datapackage(plain / DATAPACKAGE_NAME, build_datapackage(described, EXPORT, vocabulary))
    members = [(t.member, plain / t.member) for t in described] + [(DATAPACKAGE_NAME, plain / DATAPACKAGE_NAME)]
    fields = {"producer": {"id": EXPORT.producer_id, "name": EXPORT.producer_name}, **table_manifest_fields(described)}
    package = tmp_path / "submission.tar"
    manifest = write_package(package, members, fields, [stock_keys.hub_recipient],
                             load_signing_key(stock_keys.producer_key, None))
    assert [m["name"] for m in manifest["members"]] == [
        "patients.parquet", "encounters.parquet", "conditions.parquet", DATAPACKAGE_NAME]
    assert manifest["tables"] == fields["tables"]

    result = verify_package(package, stock_keys.producer_pub)
    assert result.ok, result.problems
    assert ("each of the manifest's 3 tables is a listed member, and its links are to tables of the package"
            in result.checks)
    opened = tmp_path / "opened"
    written = open_package(package, load_identity(stock_keys.hub_key), stock_keys.producer_pub, opened)
    assert sorted(p.name for p in written) == sorted([m[0] for m in members] + [mf.MANIFEST_NAME, mf.SIGNATURE_NAME])
    report = validate(opened)
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    visits = pq.read_table(opened / "encounters.parquet").join(pq.read_table(opened / "patients.parquet"),
                                                               "PATIENT", "Id", join_type="left anti")
    assert visits.num_rows == 0


def test_tables_that_do_not_match_the_members_are_refused_at_build_and_at_verify(shared_data: Path,
                                                                                stock_keys: StockKeys,
                                                                                tmp_path: Path,
                                                                                vocabulary: Vocabulary) -> None:
    tables = synthea_tables(shared_data)
    described = write_tables(tables, tmp_path, vocabulary)
    members = [(t.member, tmp_path / t.member) for t in described[:2]]   # conditions left out
    with pytest.raises(InputError) as error:
        write_package(tmp_path / "p.tar", members, table_manifest_fields(described), [stock_keys.hub_recipient],
                      load_signing_key(stock_keys.producer_key, None))
    assert "table 'conditions' has no member 'conditions.parquet'" in str(error.value)
    assert not (tmp_path / "p.tar").exists()

    manifest = write_package(tmp_path / "p.tar", members, table_manifest_fields(described[:2]),
                             [stock_keys.hub_recipient], load_signing_key(stock_keys.producer_key, None))
    manifest["tables"][1]["name"] = "visits"
    manifest["tables"][0]["foreign_keys"] = [{"columns": ["Id"], "references": {"table": "people", "columns": ["Id"]}}]
    _, problems = mf.parse_manifest(mf.canonical_json(manifest))
    assert problems == ["manifest.json: table 'visits' has no member 'visits.parquet'",
                        "manifest.json: a foreign key of table 'patients' refers to 'people', which is not one of its "
                        "tables"]


def test_a_hostile_list_of_tables_is_checked_in_linear_time_and_reported_briefly() -> None:
    """Thousands of tables and a quarter of a million links in a signed manifest: checked in linear time,
    the problems counted, not listed."""
    import time

    links = [{"columns": ["x"], "references": {"table": f"t{i}", "columns": ["x"]}} for i in range(50)]
    tables = [{"name": f"T{i}", "rows": 0, "columns": [], "primary_key": [], "foreign_keys": links}
              for i in range(5_000)] + [{"name": "t0", "rows": 0, "columns": [], "primary_key": [], "foreign_keys": []}]
    started = time.perf_counter()
    problems = mf.check_tables(tables, ["t0.parquet"])
    assert time.perf_counter() - started < 5
    # 5,000 tables without a member, 'T0' and 't0', and 49 links to unknown tables from each
    assert len(problems) == 21 and problems[-1] == "and 249,981 more problems with its tables"
    assert problems[0] == "manifest.json: table 'T0' has no member 'T0.parquet'"
    assert mf.check_tables([{"name": "Data"}, {"name": "data"}], ["Data.parquet", "data.parquet"]) == [
        "manifest.json: the table name 'Data' and 'data' is given twice (letter case aside)"]
