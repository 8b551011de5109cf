"""Referential integrity of a linked submission: duplicated primary keys and orphan rows.

Both are validation findings (``RuleResult``) added to the table's report, with counts and the
first rows' numbers and no value (the keys are pseudonyms by then, and a pseudonym is still a
person's). The tables compared are the ones that leave, keys pseudonymised in one domain, so an
equal token is an equal identifier.

A one-column key of pseudonyms is compared in their 32 bytes (four 64-bit words, exact), part by
part as a streamed table's data file holds it: a primary key by its first words (their repeats only
are compared whole, in a second pass), a foreign key against the referenced keys' words. Any other
key is compared as Arrow holds it, whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curator.background import Prefetched
from curator.check.report import MAX_EXAMPLES, RULE_TEXT, Finding, RuleResult
from curator.check.tokens import TokenCodes, token_words
from curator.messages import QT_TRANSLATE_NOOP, Text

_ROW = "__curator_row"


def _numbered(table: pa.Table, columns: Sequence[str]) -> pa.Table:
    """The key columns with each row's position, the rows with an empty key left out."""
    keys = table.select(list(columns)).append_column(_ROW, pa.array(range(table.num_rows), pa.int64()))
    present = None
    for column in columns:
        valid = pc.is_valid(keys.column(column))
        present = valid if present is None else pc.and_(present, valid)
    return keys.filter(present) if present is not None else keys


@dataclass
class KeyColumns:
    """Key columns as a table leaves: in memory (``table``), or in its Parquet data file (``path``),
    read then one row group at a time."""

    columns: list[str]
    table: pa.Table | None = None
    path: Path | None = None

    @property
    def column_names(self) -> list[str]:
        return list(self.columns)

    @property
    def num_rows(self) -> int:
        if self.table is not None:
            return self.table.num_rows
        assert self.path is not None
        return int(pq.ParquetFile(self.path).metadata.num_rows)

    def parts(self) -> Iterator[pa.Table]:
        """The columns, part after part, in the order of the rows."""
        if self.table is not None:
            yield self.table.select(self.columns)
            return
        assert self.path is not None
        # The next row group is read (Arrow releases the GIL) while this one is compared.
        with Prefetched(_row_groups(self.path, self.columns)) as groups:
            yield from groups

    def whole(self) -> pa.Table:
        if self.table is not None:
            return self.table.select(self.columns)
        assert self.path is not None
        return pq.read_table(self.path, columns=self.columns)


def _row_groups(path: Path, columns: list[str]) -> Iterator[pa.Table]:
    with pq.ParquetFile(path) as data:
        for group in range(data.num_row_groups):
            yield data.read_row_group(group, columns=columns)


def _as_keys(keys: pa.Table | KeyColumns, columns: Sequence[str]) -> KeyColumns:
    return keys if isinstance(keys, KeyColumns) else KeyColumns(list(columns), table=keys)


class NotTokens(Exception):
    """A value of the key is no pseudonym: the key is compared as it is, whole."""


def token_parts(keys: KeyColumns) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Each part's valid values as words and their rows' positions in the table; :class:`NotTokens`
    as soon as a value is no pseudonym."""
    start = 0
    for part in keys.parts():
        found = token_words(part.column(0))
        if found is None:
            raise NotTokens
        words, positions = found
        yield words, start + (positions if positions is not None else np.arange(len(words), dtype=np.int64))
        start += part.num_rows


def token_set(keys: KeyColumns) -> TokenCodes:
    """The pseudonyms of a one-column key, read part by part into one array of words (each row's
    code is its position among the valid values); :class:`NotTokens` when a value is no pseudonym."""
    words = np.empty((keys.num_rows, 4), dtype=np.uint64)
    count = 0
    for part, _rows in token_parts(keys):
        words[count:count + len(part)] = part
        count += len(part)
    return TokenCodes(words[:count])


def _finding(rows: pa.Array, table: str, columns: Sequence[str], rule: str, first_row: int, detail: str) -> RuleResult:
    ordered = pc.sort_indices(rows)
    first = pc.take(rows, ordered.slice(0, MAX_EXAMPLES)).to_pylist()
    column = ", ".join(columns)
    return RuleResult(column, "", rule, len(rows), [Finding(first_row + int(i), column, None, rule) for i in first],
                      message=RULE_TEXT[rule], detail=detail)


def duplicate_keys(keys: pa.Table | KeyColumns, name: str, columns: Sequence[str], first_row: int,
                   tokens: TokenCodes | None = None) -> RuleResult | None:
    """The rows whose primary key another row also holds (``first_row``: the number of the table's
    first row). ``tokens``: the key's :func:`token_set`, made already (its first words are not read
    and sorted again)."""
    source = _as_keys(keys, columns)
    if len(columns) == 1:
        try:
            return _duplicate_tokens(source, name, columns, first_row, tokens)
        except NotTokens:
            pass
    return _duplicate_whole(source.whole(), name, columns, first_row)


def _duplicate_tokens(keys: KeyColumns, name: str, columns: Sequence[str], first_row: int,
                      tokens: TokenCodes | None = None) -> RuleResult | None:
    """:func:`duplicate_keys` of pseudonyms: none when ``tokens`` knows its values all different;
    else their first words sorted, and only the values whose first word repeats are read again and
    compared whole."""
    if tokens is not None:
        if tokens.known_distinct:
            return None
        firsts = tokens.sorted_firsts
    else:
        firsts = np.empty(keys.num_rows, dtype=np.uint64)
        count = 0
        for words, _rows in token_parts(keys):
            firsts[count:count + len(words)] = words[:, 0]
            count += len(words)
        firsts = firsts[:count]
        firsts.sort()
    repeated_firsts = np.unique(firsts[1:][firsts[1:] == firsts[:-1]])
    del firsts
    if not len(repeated_firsts):
        return None
    parts, rows = [], []
    for words, positions in token_parts(keys):
        again = np.isin(words[:, 0], repeated_firsts)
        parts.append(words[again])
        rows.append(positions[again])
    candidates, at = np.concatenate(parts), np.concatenate(rows)
    _values, inverse, counts = np.unique(candidates, axis=0, return_inverse=True, return_counts=True)
    shared = counts[inverse.reshape(-1)] > 1
    if not shared.any():
        return None
    return _finding(pa.array(at[shared], pa.int64()), name, columns, "primary_key", first_row,
                    _duplicate_detail(int((counts > 1).sum()), name))


def _duplicate_whole(table: pa.Table, name: str, columns: Sequence[str], first_row: int) -> RuleResult | None:
    if len(columns) == 1:
        values = table.column(columns[0])
        # One hashing pass answers the common case: every key differs.
        if len(pc.unique(pc.drop_null(values))) == len(values) - values.null_count:
            return None
    keys = _numbered(table, columns)
    counts = keys.group_by(list(columns)).aggregate([(_ROW, "count")])
    repeated = counts.filter(pc.greater(counts.column(f"{_ROW}_count"), 1)).select(list(columns))
    if repeated.num_rows == 0:
        return None
    rows = keys.join(repeated, list(columns), join_type="inner").column(_ROW).combine_chunks()
    return _finding(rows, name, columns, "primary_key", first_row, _duplicate_detail(repeated.num_rows, name))


def _duplicate_detail(keys: int, name: str) -> str:
    return Text(QT_TRANSLATE_NOOP("core", "{keys} key(s) of {table} are held by several rows"), keys=keys, table=name)


def orphans(table: pa.Table | KeyColumns, name: str, columns: Sequence[str], referenced: pa.Table | KeyColumns,
            ref_name: str, ref_columns: Sequence[str], first_row: int,
            targets_set: TokenCodes | None = None) -> RuleResult | None:
    """The rows of ``table`` whose (non-empty) ``columns`` match no row of ``referenced.ref_columns``
    (``targets_set``: their :func:`token_set`, made already)."""
    keys, targets = _as_keys(table, columns), _as_keys(referenced, ref_columns)
    if len(columns) == 1:
        try:
            return _orphan_tokens(keys, name, columns, targets_set if targets_set is not None else token_set(targets),
                                  ref_name, ref_columns, first_row)
        except NotTokens:
            pass
    return _orphans_whole(keys.whole(), name, columns, targets.whole(), ref_name, ref_columns, first_row)


def _orphan_tokens(keys: KeyColumns, name: str, columns: Sequence[str], targets: TokenCodes, ref_name: str,
                   ref_columns: Sequence[str], first_row: int) -> RuleResult | None:
    missing = [positions[targets.find(words) < 0] for words, positions in token_parts(keys)]
    rows = np.concatenate(missing) if missing else np.zeros(0, dtype=np.int64)
    if not len(rows):
        return None
    return _finding(pa.array(rows, pa.int64()), name, columns, "orphan", first_row,
                    _orphan_detail(name, columns, ref_name, ref_columns))


def orphan_codes(codes: np.ndarray, referenced: np.ndarray, name: str, columns: Sequence[str], ref_name: str,
                 ref_columns: Sequence[str], first_row: int) -> RuleResult | None:
    """:func:`orphans` of keys given as codes of one dictionary (-1: an empty key), each row's:
    ``codes`` the table's, ``referenced`` the referenced table's."""
    held = np.zeros(int(max(codes.max(initial=-1), referenced.max(initial=-1))) + 1, dtype=np.bool_)
    held[referenced[referenced >= 0]] = True
    rows = np.flatnonzero(codes >= 0)
    rows = rows[~np.take(held, codes[rows])]
    if not len(rows):
        return None
    return _finding(pa.array(rows, pa.int64()), name, columns, "orphan", first_row,
                    _orphan_detail(name, columns, ref_name, ref_columns))


def _orphans_whole(table: pa.Table, name: str, columns: Sequence[str], referenced: pa.Table, ref_name: str,
                   ref_columns: Sequence[str], first_row: int) -> RuleResult | None:
    if len(columns) == 1:
        # A probe of the referenced keys' hash set costs less than a join of the rows.
        values = table.column(columns[0])
        targets_set = pc.unique(referenced.column(ref_columns[0]).cast(values.type))
        found = pc.is_in(values, value_set=targets_set)
        missing_rows = pc.indices_nonzero(pc.and_(pc.is_valid(values), pc.invert(found)))
        if len(missing_rows) == 0:
            return None
        return _finding(missing_rows.cast(pa.int64()), name, columns, "orphan", first_row, _orphan_detail(
            name, columns, ref_name, ref_columns))
    keys = _numbered(table, columns)
    targets = referenced.select(list(ref_columns)).rename_columns(list(columns))
    for column in columns:
        wanted = keys.schema.field(column).type
        if targets.schema.field(column).type != wanted:
            targets = targets.set_column(targets.schema.get_field_index(column), column,
                                         targets.column(column).cast(wanted))
    missing = keys.join(targets.group_by(list(columns)).aggregate([]), list(columns), join_type="left anti")
    if missing.num_rows == 0:
        return None
    return _finding(missing.column(_ROW).combine_chunks(), name, columns, "orphan", first_row,
                    _orphan_detail(name, columns, ref_name, ref_columns))


def _orphan_detail(name: str, columns: Sequence[str], ref_name: str, ref_columns: Sequence[str]) -> str:
    return Text(QT_TRANSLATE_NOOP("core", "{table}.{columns} → {ref_table}.{ref_columns}: no such row"),
                table=name, columns=", ".join(columns), ref_table=ref_name, ref_columns=", ".join(ref_columns))
