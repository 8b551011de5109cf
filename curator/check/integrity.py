"""Referential integrity of a linked submission: duplicated primary keys and orphan rows.

Both are validation findings (``RuleResult``) added to the table's report, with counts and the
first rows' numbers and no value (the keys are pseudonyms by then, and a pseudonym is still a
person's). The tables compared are the ones that leave, keys pseudonymised in one domain, so an
equal token is an equal identifier.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from curator.check.report import MAX_EXAMPLES, RULE_TEXT, Finding, RuleResult
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


def _finding(rows: pa.Array, table: str, columns: Sequence[str], rule: str, first_row: int, detail: str) -> RuleResult:
    ordered = pc.sort_indices(rows)
    first = pc.take(rows, ordered.slice(0, MAX_EXAMPLES)).to_pylist()
    column = ", ".join(columns)
    return RuleResult(column, "", rule, len(rows), [Finding(first_row + int(i), column, None, rule) for i in first],
                      message=RULE_TEXT[rule], detail=detail)


def duplicate_keys(table: pa.Table, name: str, columns: Sequence[str], first_row: int) -> RuleResult | None:
    """The rows whose primary key another row also holds (``first_row``: the number of the table's first row)."""
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
    return _finding(rows, name, columns, "primary_key", first_row,
                    Text(QT_TRANSLATE_NOOP("core", "{keys} key(s) of {table} are held by several rows"),
                         keys=repeated.num_rows, table=name))


def orphans(table: pa.Table, name: str, columns: Sequence[str], referenced: pa.Table, ref_name: str,
            ref_columns: Sequence[str], first_row: int) -> RuleResult | None:
    """The rows of ``table`` whose (non-empty) ``columns`` match no row of ``referenced.ref_columns``."""
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
