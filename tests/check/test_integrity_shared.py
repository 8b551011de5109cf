"""A linked submission's integrity checked on keys read back once: the person columns coded once for
the integrity, the suppression and the risk across the tables, and a referenced key's pseudonyms
read once for its own duplicates and its links. The findings are the straightforward check's."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curator.check import ValidationReport
from curator.pipeline import CuratedTable, KeptCodes, check_integrity, person_keyed
from curator.recipe.model import ColumnDecision, Recipe
from curator.recipe.submission import Link
from curator.result import CurationResult
from curator.source import LoadedTable, ReadOptions, SourceInfo


def _token(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _shared_first_word(n: int) -> str:
    """Pseudonym-shaped values whose first 16 digits (the first word) are all the same."""
    return f"{7:016x}{n:046x}ab"


def _table(tmp_path: Path, name: str, data: dict[str, list[str | None]], primary: list[str], person: str | None,
           streamed: bool, row_group: int = 3) -> CuratedTable:
    table = pa.table({column: pa.array(values, pa.string()) for column, values in data.items()})
    recipe = Recipe(columns=[ColumnDecision(column) for column in data], name=name, primary_key=primary,
                    person_key=person)
    info = SourceInfo(f"{name}.csv", "csv", 0, "", ReadOptions(header_row=1), table.num_rows)
    result = CurationResult(table, [], ValidationReport(), None)
    if streamed:
        result.data_path = tmp_path / f"{name}.parquet"
        pq.write_table(table, result.data_path, row_group_size=row_group)
        result.table, result.rows_out = table.schema.empty_table(), table.num_rows
    return CuratedTable(name, LoadedTable(table.schema.empty_table(), info), recipe, result)


LINKS = [Link("stays", ["person"], "persons", ["person"]), Link("acts", ["stay"], "stays", ["stay"]),
         Link("acts", ["person"], "persons", ["person"])]


def _submission(tmp_path: Path, persons: list[str | None], stays: list[str | None], stay_persons: list[str | None],
                acts: list[str | None], act_persons: list[str | None], streamed: bool) -> list[CuratedTable]:
    return [_table(tmp_path, "persons", {"person": persons}, ["person"], "person", False),
            _table(tmp_path, "stays", {"stay": stays, "person": stay_persons}, ["stay"], "person", streamed),
            _table(tmp_path, "acts", {"act": [_token(f"a{i}") for i in range(len(acts))], "stay": acts,
                                      "person": act_persons}, ["act"], "person", streamed, row_group=2)]


def _findings(tables: list[CuratedTable]) -> dict[str, list[tuple[str, str, int, list[int | None], str]]]:
    return {t.name: [(r.column, r.rule, r.count, [f.row for f in r.examples], r.detail)
                     for r in t.result.validation.results] for t in tables}


def _awkward(shared: bool) -> dict[str, list[str | None]]:
    """Nulls, persons absent from the person table, duplicated keys, several row groups; ``shared``:
    every value sharing one first word."""
    spell = _shared_first_word if shared else (lambda n: _token(str(n)))
    persons = [spell(1), spell(2), spell(3), None, spell(2), spell(4)]
    stays = [spell(10), spell(11), spell(12), spell(11), None, spell(13), spell(14)]
    stay_persons = [spell(1), spell(9), None, spell(2), spell(3), spell(9), spell(4)]
    acts = [spell(10), spell(15), None, spell(12), spell(13), spell(16), spell(10), spell(14)]
    act_persons = [spell(1), spell(2), spell(8), None, spell(8), spell(3), spell(4), spell(1)]
    return {"persons": persons, "stays": stays, "stay_persons": stay_persons, "acts": acts, "act_persons": act_persons}


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("shared", [False, True])
def test_codes_read_back_once_give_the_straightforward_findings(tmp_path: Path, streamed: bool, shared: bool) -> None:
    values = _awkward(shared)
    (tmp_path / "plain").mkdir()
    (tmp_path / "coded").mkdir()
    plain = _submission(tmp_path / "plain", **values, streamed=streamed)
    coded = _submission(tmp_path / "coded", **values, streamed=streamed)
    assert check_integrity(plain, LINKS) == []
    kept = KeptCodes()
    assert check_integrity(coded, LINKS, kept) == []
    assert kept.coded is not None                        # coded once, for the suppression and the risk next
    expected = _findings(plain)
    assert _findings(coded) == expected
    assert [r[:3] for r in expected["stays"]] == [("stay", "primary_key", 2), ("person", "orphan", 2)]
    assert [r[:3] for r in expected["acts"]] == [("stay", "orphan", 2), ("person", "orphan", 2)]
    assert [r[:3] for r in expected["persons"]] == [("person", "primary_key", 2)]
    # The codes kept are those person_keyed reads back for itself.
    persons = {t.name: "person" for t in coded}
    again = person_keyed(coded, persons, {})
    for name, table in person_keyed(coded, persons, {}, kept).items():
        assert table.column("person").combine_chunks().dictionary_decode().equals(
            again[name].column("person").combine_chunks().dictionary_decode())


def test_keys_that_are_no_pseudonyms_are_compared_as_text(tmp_path: Path) -> None:
    values = {"persons": ["p1", "p2", None], "stays": [_token("s1"), _token("s2")], "stay_persons": ["p1", "p3"],
              "acts": [_token("s1"), _token("s9")], "act_persons": ["p2", "p2"]}
    plain = _submission(tmp_path, **values, streamed=False)
    kept = KeptCodes()
    coded = _submission(tmp_path, **values, streamed=True)
    check_integrity(plain, LINKS)
    check_integrity(coded, LINKS, kept)
    assert _findings(coded) == _findings(plain) and kept.coded is None
    assert [r[:3] for r in _findings(coded)["stays"]] == [("person", "orphan", 1)]


def test_the_keys_checked_are_those_written(tmp_path: Path) -> None:
    # The data file of the stays holds another person than the table in memory said: the check
    # reads the file, so it finds the orphan (and codes the person written).
    values = _awkward(False)
    tables = _submission(tmp_path, **values, streamed=True)
    stays = tables[1]
    assert stays.result.data_path is not None
    written = pq.read_table(stays.result.data_path)
    person = written.column("person").to_pylist()
    person[0] = _token("nobody")
    pq.write_table(written.set_column(1, "person", pa.array(person, pa.string())), stays.result.data_path)
    kept = KeptCodes()
    check_integrity(tables, LINKS, kept)
    orphan = next(r for r in stays.result.validation.results if r.rule == "orphan")
    assert orphan.count == 3 and [f.row for f in orphan.examples] == [2, 3, 7]
    assert kept.coded is not None
    spelled = kept.coded["stays"].dictionary_decode().to_pylist()
    assert spelled[0] == _token("nobody")
