"""Disclosure control counted in persons: a person with forty visits is one person, not a class of forty.

A submission with a person key describes each person across its tables. :func:`person_frame`
gathers, per distinct person, the quasi-identifiers an attacker could know:

- a *person-level* column (``event=False``: sex, birth year, residence in the patients table) is
  taken as it is. When one person holds several different values of it (a patient listed twice
  with two sexes), the whole column becomes set-valued like an event column: that person is then
  described by all of its values, never by one picked at random, so the risk is not understated.
  The field's metadata (``persons_with_several_values``) says how many persons that was;
- an *event* column (``event=True``: the year-month of each diagnosis) becomes the sorted set of the
  person's distinct values (an empty list for a person without any event of that table).

An empty cell is the value ``""`` (as in the search). Rows whose person key is empty belong to no
person and are left out (the referential checks report them). :func:`person_risk` gives the ARX
figures over that frame: classes, sample uniques and prosecutor risk in distinct persons.

Reach k at person level (:func:`reach_k_persons`) generalises the frame's columns: a set-valued
column generalises element by element (the set of the generalised elements), which is an ordinary
hierarchy over the frame's distinct sets, nested whenever the element hierarchy is; so the search
of :mod:`curator.protect.search` runs unchanged, and suppression takes whole persons.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.check import below_k
from curator.check.tokens import distinct_tokens, token_words
from curator.errors import InputError, Location
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.profile.keys import _value_bytes
from curator.progress import ProgressCallback, report, scaled
from curator.protect.hierarchy import Hierarchy
from curator.protect.reach import (
    ReachResult,
    apply_recipe_generalisation,
    build_hierarchy,
    default_hierarchy_spec,
    floor_level,
    hierarchy_spec,
    quasi_as_they_leave,
    reach_k,
    with_suggested_floors,
)
from curator.protect.risk import RiskSummary, class_sizes_per_record, risk_summary
from curator.protect.search import KUnreachable, SearchResult, find_minimal_generalisation
from curator.protect.suppression import allowed_suppressions, suppress_rows
from curator.protect.transforms import output_name
from curator.recipe.model import Recipe
from curator.recipe.params import DEFAULT_K

PERSON = "person"
SEVERAL_VALUES = b"persons_with_several_values"


@dataclass(frozen=True)
class PersonQuasi:
    """One quasi-identifier as it leaves, and where it lives."""

    table: str
    column: str
    event: bool = False       # True: an event table's column, gathered per person as the sorted set of its values

    @property
    def name(self) -> str:
        """``table.column``; the column alone for the one table of a single-table recipe (table ``""``)."""
        return f"{self.table}.{self.column}" if self.table else self.column


@dataclass
class _PersonIndex:
    """The distinct persons of the submission and, per table, each row's person (-1: none). From a
    dictionary (``taken``: the dictionary and the positions of its persons in order), the persons'
    text is taken only when asked for: counting classes needs their number alone."""

    given: pa.Array | None
    rows: dict[str, np.ndarray]
    taken: tuple[pa.Array, np.ndarray] | None = None

    @property
    def count(self) -> int:
        return len(self.taken[1]) if self.taken is not None else len(self.persons)

    @property
    def persons(self) -> pa.Array:
        if self.given is None:
            assert self.taken is not None
            self.given = self.taken[0].take(pa.array(self.taken[1]))
        return self.given


def _as_text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    return array if pa.types.is_string(array.type) else array.cast(pa.string())


def _table(tables: Mapping[str, pa.Table], name: str) -> pa.Table:
    if name not in tables:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no table named '{name}'"), name=name),
                         hint=Text(QT_TRANSLATE_NOOP("core", "The tables are: {tables}."), tables=", ".join(tables)))
    return tables[name]


def _column(table: pa.Table, name: str, column: str) -> pa.ChunkedArray:
    if column not in table.column_names:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "table '{table}' has no column '{column}'"), table=name,
                              column=column), Location(column=column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "The columns are: {columns}."),
                                   columns=", ".join(table.column_names)))
    return table.column(column)


DENSE_KEYS = 2**20         # a table indexed by person key is used up to this many entries, plus 16 per person row


def _fixed_width_keys(columns: Sequence[pa.Array]) -> tuple[list[np.ndarray], int] | None:
    """Per column, each row's exact integer key (-1: null), and the keys' bound, when every value of
    every column has one byte width (person ids such as P00012345) and the keys are few enough for a
    table indexed by key; else None. Each byte position is a digit in a mixed radix (its range)."""
    found = []
    width: int | None = None
    for column in columns:
        value_bytes = _value_bytes(column, width)
        if value_bytes is None:
            return None
        found.append(value_bytes[0])
        width = value_bytes[1] or width
    matrices = [matrix for matrix in found if len(matrix)]
    if not width or not matrices:
        return None
    bound = min(DENSE_KEYS + 16 * sum(len(column) for column in columns), 2**31 - 1)
    lows: list[int] = []
    highs: list[int] = []
    space = 1
    # Position by position (numpy reduces a (rows, width) byte matrix along its rows several times
    # slower), stopping as soon as the keys are too many (pseudonyms: at the sixth hex digit).
    for position in range(width):
        lows.append(min(int(m[:, position].min()) for m in matrices))
        highs.append(max(int(m[:, position].max()) for m in matrices))
        space *= highs[-1] - lows[-1] + 1
        if space > bound:
            return None
    low = np.array(lows, dtype=np.int64)
    radices = np.array(highs, dtype=np.int64) - low + 1
    weights = np.concatenate((np.cumprod(radices[::-1])[::-1][1:], [1]))
    varying = np.flatnonzero(radices > 1).tolist()
    # 32-bit sums, in place: they wrap around and come back into range once every term is in.
    offset = (-int((low * weights)[varying].sum()) + 2**31) % 2**32 - 2**31
    keys: list[np.ndarray] = []
    for column, matrix in zip(columns, found, strict=True):
        key = np.full(len(matrix), offset, dtype=np.int32)
        term = np.empty(len(matrix), dtype=np.int32)
        for position in varying:
            np.multiply(matrix[:, position], int(weights[position]), out=term, dtype=np.int32)
            np.add(key, term, out=key)
        if column.null_count:
            every = np.full(len(column), -1, dtype=np.int32)
            every[column.is_valid().to_numpy(zero_copy_only=False)] = key
            key = every
        keys.append(key)
    return keys, space


def _person_index(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str],
                  ordered: bool = True) -> _PersonIndex:
    """The persons in order of first appearance (tables in the order given) and each row's person.
    Not ``ordered`` (counting classes needs no order), persons coded already may come in their
    dictionary's order.

    Fixed-width ids become integer keys, looked up in a table indexed by key: hashing ten million
    strings costs several times more. Other ids: the first table's person column is
    dictionary-encoded, every other table's looked up among those persons (on threads)."""
    coded = _dictionary_index({name: _column(_table(tables, name), name, column)
                               for name, column in person_columns.items()}, ordered) if person_columns else None
    if coded is not None:
        return coded
    columns = {name: _as_text(_column(_table(tables, name), name, column)) for name, column in person_columns.items()}
    if not columns:
        return _PersonIndex(pa.array([], pa.string()), {})
    keyed = _fixed_width_keys(list(columns.values()))
    if keyed is not None:
        return _keyed_person_index(columns, *keyed)
    first, *others = columns
    encoded = pc.dictionary_encode(columns[first])
    persons = encoded.dictionary
    known = persons
    with ThreadPoolExecutor(max_workers=min(len(others), 2) or 1) as pool:
        found = dict(zip(others, pool.map(lambda name: pc.index_in(columns[name], value_set=known), others),
                         strict=True))
    rows = {first: pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)}
    for name in others:
        position = pc.fill_null(found[name], -1).to_numpy(zero_copy_only=False).astype(np.int64)
        unknown = (position < 0) & columns[name].is_valid().to_numpy(zero_copy_only=False)
        if unknown.any():
            values = pc.filter(columns[name], pa.array(unknown))
            new = pc.unique(pc.filter(values, pc.invert(pc.is_in(values, value_set=persons))))
            persons = pa.concat_arrays([persons, new])
            position[unknown] = pc.index_in(values, value_set=persons).to_numpy(zero_copy_only=False)
        rows[name] = position
    return _PersonIndex(persons, rows)


INDEX_PART = 1 << 20       # rows of a person column walked at a time for each person's first row


def _dictionary_index(columns: Mapping[str, pa.ChunkedArray], ordered: bool = True) -> _PersonIndex | None:
    """The index of person columns dictionary-encoded already over one dictionary of distinct texts
    or numbers (a submission's person columns read back as codes of its pseudonyms, a streamed
    table's gathered persons as their numbers), from their codes: spelling out and hashing again ten
    million 64-character pseudonyms cost more memory than the rest of the apply's end."""
    if not all(pa.types.is_dictionary(column.type) for column in columns.values()):
        return None
    arrays = {name: column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
              for name, column in columns.items()}
    dictionary: pa.Array | None = None
    for array in arrays.values():
        if not pa.types.is_dictionary(array.type) or not (pa.types.is_string(array.dictionary.type)
                                                          or pa.types.is_integer(array.dictionary.type)):
            return None
        if dictionary is None:
            dictionary = array.dictionary
        elif not array.dictionary.equals(dictionary):
            return None
    if dictionary is None or dictionary.null_count or not _all_distinct(dictionary):
        return None
    if not ordered:
        return _unordered_index(dictionary, {name: _indices(array) for name, array in arrays.items()})

    # Each code's first row over the tables in their order, a part at a time so that no row-long
    # index is built: only the codes not met before are placed, each part walked backwards (an
    # assignment keeps the last of repeated indices). A later table whose persons were all met in
    # the first (the person table) is then only looked through.
    never = sum(len(array) for array in arrays.values())
    first = np.full(len(dictionary), never, dtype=np.int64)
    met = np.zeros(len(dictionary) + 1, dtype=np.bool_)
    met[-1] = True      # a row with no person
    before = 0
    for array in arrays.values():
        each = _indices(array)
        for start in range(0, len(each), INDEX_PART):
            part = each[start:start + INDEX_PART]
            new = np.flatnonzero(~met[part])[::-1]
            if len(new):
                first[part[new]] = new + (before + start)
                met[part[new]] = True
        before += len(each)
    used = np.flatnonzero(first < never)
    order = used[np.argsort(first[used])]       # first rows all differ: no need of a stable sort
    person_of = np.full(len(dictionary) + 1, -1, dtype=np.int64)
    person_of[order] = np.arange(len(order))
    return _PersonIndex(None, {name: person_of[_indices(array)] for name, array in arrays.items()}, (dictionary, order))


def _indices(array: pa.DictionaryArray) -> np.ndarray:
    """A dictionary array's indices, -1 for null (not copied when there is none)."""
    indices = array.indices
    return (pc.fill_null(indices, -1) if indices.null_count else indices).to_numpy(zero_copy_only=False)


def _unordered_index(dictionary: pa.Array, codes: Mapping[str, np.ndarray]) -> _PersonIndex:
    """The index of person columns coded over ``dictionary``'s distinct persons, the persons in its
    order: each row's person is its code when every code is used (no walk for first rows, no lookup)."""
    used = np.zeros(len(dictionary) + 1, dtype=np.bool_)
    for each in codes.values():
        used[each] = True       # a row with no person marks the last place
    if used[:-1].all():
        return _PersonIndex(None, {name: each.astype(np.int64) for name, each in codes.items()},
                            (dictionary, np.arange(len(dictionary))))
    order = np.flatnonzero(used[:-1])
    person_of = np.full(len(dictionary) + 1, -1, dtype=np.int64)
    person_of[order] = np.arange(len(order))
    return _PersonIndex(None, {name: person_of[each] for name, each in codes.items()}, (dictionary, order))


def _all_distinct(values: pa.Array) -> bool:
    """Whether the values (none null) all differ; pseudonyms compared as their 32 bytes."""
    found = token_words(values) if pa.types.is_string(values.type) else None
    if found is not None:
        return distinct_tokens(found[0])
    return bool(pc.count_distinct(values).as_py() == len(values))


def _keyed_person_index(columns: Mapping[str, pa.Array], keys: Sequence[np.ndarray], space: int) -> _PersonIndex:
    person_of = np.full(space, -1, dtype=np.int64)
    found: list[pa.Array] = []
    count = 0
    rows: dict[str, np.ndarray] = {}
    for (name, column), key in zip(columns.items(), keys, strict=True):
        present = key >= 0
        position = np.where(present, person_of[np.where(present, key, 0)], -1)
        unknown = np.flatnonzero(present & (position < 0))
        if len(unknown):
            new, first = np.unique(key[unknown], return_index=True)
            order = np.argsort(first)
            person_of[new[order]] = np.arange(count, count + len(new))
            count += len(new)
            found.append(column.take(pa.array(unknown[np.sort(first)])))
            position[unknown] = person_of[key[unknown]]
        rows[name] = position
    return _PersonIndex(pa.concat_arrays(found) if found else pa.array([], pa.string()), rows)


MARKED_SPACE = 2**28       # keys below this, and not much sparser than the rows, are marked rather than sorted


def _distinct_sorted(keys: np.ndarray, space: int) -> np.ndarray:
    """``np.unique(keys)`` (keys in ``[0, space)``): by marking each key in a flag per possible key
    when they fit, else by a sort; numpy's hashing unique is several times slower on these keys."""
    if space <= MARKED_SPACE and space <= 16 * len(keys):
        marked = np.zeros(space, dtype=np.bool_)
        marked[keys] = True
        return np.flatnonzero(marked)
    ordered = np.sort(keys)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def _sorted_sets(owner: np.ndarray, values: pa.Array, groups: int) -> tuple[pa.ListArray, np.ndarray]:
    """The sorted set of the ``values`` of each group (``owner[i]`` is the group of ``values[i]``), and
    the size of each set."""
    encoded = pc.dictionary_encode(values)
    dictionary = encoded.dictionary
    order = pc.array_sort_indices(dictionary)
    # Codes renumbered in the order of the values: sorting the codes sorts the values.
    rank = np.empty(len(dictionary), dtype=np.int64)
    rank[order.to_numpy(zero_copy_only=False)] = np.arange(len(dictionary))
    span = max(len(dictionary), 1)
    pairs = _distinct_sorted(owner * span + rank[encoded.indices.to_numpy(zero_copy_only=False)], groups * span)
    counts = np.bincount(pairs // span, minlength=groups)
    offsets = pa.array(np.concatenate(([0], np.cumsum(counts))).astype(np.int32))
    return pa.ListArray.from_arrays(offsets, pc.take(pc.take(dictionary, order), pa.array(pairs % span))), counts


def _gathered(person: np.ndarray, values: pa.Array, persons: int) -> tuple[pa.ListArray, int]:
    """The sorted set of each person's values (``person[i]`` is the person of ``values[i]``), and how
    many persons hold more than one value."""
    present = person >= 0
    lists, counts = _sorted_sets(person[present], pc.filter(pc.fill_null(values, ""), pa.array(present)), persons)
    return lists, int((counts > 1).sum())


# Per person, one integer per quasi-identifier, equal for two persons exactly when what the person
# frame holds for them is (a value, or a set of values): counting classes then needs no list and no
# string per person.

SET_HASH_SEED = 20261207


def _value_codes(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, int, int]:
    """Dense codes of a column's values as text (an empty cell is ``""``), how many codes there
    are, and the code of ``""`` (-1: none). A column dictionary-encoded already is coded from its
    indices, not spelled out again."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if (pa.types.is_dictionary(array.type) and pa.types.is_string(array.dictionary.type)
            and not array.dictionary.null_count and _all_distinct(array.dictionary)):
        empty = pc.index(array.dictionary, "").as_py()
        empty = empty if empty >= 0 else len(array.dictionary)
        indices = array.indices
        found = (pc.fill_null(indices, empty) if indices.null_count else indices).to_numpy(zero_copy_only=False)
        used = np.zeros(len(array.dictionary) + 1, dtype=np.bool_)
        used[found] = True
        dense = np.cumsum(used) - 1
        if used[:len(array.dictionary)].all():
            # Every value used (the null place last, if at all): the codes are dense as they are.
            return found.astype(np.int64), int(used.sum()), int(dense[empty]) if used[empty] else -1
        return dense[found], int(used.sum()), int(dense[empty]) if used[empty] else -1
    encoded = pc.dictionary_encode(pc.fill_null(_as_text(array), ""))
    return (encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary),
            pc.index(encoded.dictionary, "").as_py())


def _set_ids(owner: np.ndarray, codes: np.ndarray, groups: int, weights: np.ndarray | None = None) -> np.ndarray:
    """One id per group, equal for two groups exactly when their sets of ``codes`` are (``owner``
    ascending, each group's codes ascending and distinct). Each set is hashed as the wrapping sum of
    a random 64-bit weight per code (and its size); the groups sharing a hash are then compared
    element by element with the first of them, and only if two differ are the sets spelled out."""
    if weights is None:
        weights = np.random.default_rng(SET_HASH_SEED).integers(0, 2**63, int(codes.max()) + 1 if len(codes) else 1,
                                                                dtype=np.uint64)
    sizes = np.bincount(owner, minlength=groups)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    hashes = np.zeros(groups, dtype=np.uint64)
    full = sizes > 0
    if len(codes):
        hashes[full] = np.add.reduceat(weights[codes], starts[full])
    hashes ^= sizes.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    # The groups numbered in the order of their hashes (np.unique's numbering), each compared with
    # any one group of its hash: an unstable sort does.
    by_hash = np.argsort(hashes)
    ordered = hashes[by_hash]
    starts_sorted = np.concatenate(([True], ordered[1:] != ordered[:-1])) if groups else np.zeros(0, np.bool_)
    ids = np.empty(groups, dtype=np.int64)
    ids[by_hash] = np.cumsum(starts_sorted) - 1
    representative = by_hash[np.flatnonzero(starts_sorted)][ids]
    within = np.arange(len(codes)) - starts[owner]
    if (np.array_equal(sizes[representative], sizes)
            and np.array_equal(codes[starts[representative[owner]] + within], codes)):
        return ids
    offsets = pa.array(np.concatenate(([0], np.cumsum(sizes))), pa.int64())
    keys = pc.binary_join(pa.LargeListArray.from_arrays(offsets, pa.array(codes).cast(pa.string())), ",")
    return pc.dictionary_encode(keys).indices.to_numpy(zero_copy_only=False).astype(np.int64)


@dataclass
class _QuasiCodes:
    """One quasi-identifier of the person frame as codes: each person's, how many codes there are,
    which persons have no row to hold it, and the code a person-level column's absent persons
    would share with ``""`` once the frame's nulls are filled (-1: theirs is a code of its own)."""

    each: np.ndarray
    size: int
    absent: np.ndarray
    empty: int = -1


def _person_codes(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str],
                  quasi: Sequence[PersonQuasi], ordered: bool = True) -> tuple[_PersonIndex, list[_QuasiCodes]]:
    """The persons and, per quasi-identifier, each person's code: the classes of
    :func:`person_frame`'s columns, without building them (``ordered``: see :func:`_person_index`)."""
    index = _person_index(tables, person_columns, ordered)
    count = index.count
    found: list[_QuasiCodes] = []
    for q in quasi:
        _check_person_table(q, person_columns)
        rows = index.rows[q.table]
        present = rows >= 0
        codes, size, empty = _value_codes(_column(tables[q.table], q.table, q.column))
        if not present.all():
            rows, codes = rows[present], codes[present]
        # Every person holding one value (any person-level column should; an event column of one
        # row a person): that value's code, or one more code for a person absent from the table
        # (a person-level column's null, an event column's empty set), as the sets would be told apart.
        each = _one_value_each(rows, codes, count, size)
        if each is not None:
            found.append(_QuasiCodes(each, size + 1, each == size, -1 if q.event else empty))
            continue
        del present
        pairs = _distinct_sorted(rows * max(size, 1) + codes, count * max(size, 1))
        del rows, codes
        owner, members = pairs // max(size, 1), pairs % max(size, 1)
        del pairs
        ids = _set_ids(owner, members, count)
        found.append(_QuasiCodes(ids, int(ids.max()) + 1 if count else 1,
                                 np.bincount(owner, minlength=count) == 0 if count else np.zeros(0, np.bool_)))
    return index, found


PROBE_ROWS = 1 << 16       # rows looked at first for a person with several values (usually met there)


def _one_value_each(rows: np.ndarray, codes: np.ndarray, count: int, size: int) -> np.ndarray | None:
    """Each of ``count`` persons' one code (``size``: no row), or None when a person holds several."""
    each = np.full(count, size, dtype=np.int64)
    for part in (slice(0, PROBE_ROWS), slice(None)):
        each[rows[part]] = codes[part]
        if not np.array_equal(each[rows[part]], codes[part]):
            return None
    return each


@dataclass
class PersonCodes:
    """The person frame (:func:`person_frame`) as the suppression across the tables reads it, without
    its lists: the persons in its order and, per quasi-identifier, each person's code numbered as
    ``pc.dictionary_encode`` numbers the filled keyed frame's column (in order of first appearance,
    a person absent from the person table sharing ``""``'s code), and which cells are absent
    (:func:`~curator.protect.personreach.absent_cells`)."""

    persons: pa.Array
    codes: dict[str, np.ndarray]
    absent: np.ndarray

    def keyed(self) -> pa.Table:
        """The codes as a table, one row per person: what the filled keyed frame counts."""
        return pa.table({name: pa.array(each) for name, each in self.codes.items()})


def _first_appearance(codes: np.ndarray) -> np.ndarray:
    """``codes`` (none negative) renumbered 0, 1, ... in the order each first appears."""
    bound = int(codes.max()) + 1 if len(codes) else 0
    if bound <= 4 * len(codes):
        # Each code's first place by an assignment walked backwards (the last of repeated indices stays).
        first = np.full(bound, len(codes), dtype=np.int64)
        first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
        used = np.flatnonzero(first < len(codes))
        renumbered = np.empty(bound, dtype=np.int64)
        renumbered[used[np.argsort(first[used])]] = np.arange(len(used))     # first places all differ
        return renumbered[codes]
    _unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse.reshape(-1)]


def person_codes(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str],
                 quasi: Sequence[PersonQuasi]) -> PersonCodes:
    """:class:`PersonCodes` of the tables: the person frame's classes and absent cells, at a fraction
    of the memory of its lists and set keys."""
    index, found = _person_codes(tables, person_columns, quasi)
    codes: dict[str, np.ndarray] = {}
    for q, coded in zip(quasi, found, strict=True):
        each = coded.each
        if coded.empty >= 0:
            each = np.where(coded.absent, coded.empty, each)
        codes[q.name] = _first_appearance(each)
    absent = (np.stack([coded.absent for coded in found], axis=1) if found
              else np.zeros((index.count, 0), dtype=np.bool_))
    return PersonCodes(index.persons, codes, absent)


def _check_person_table(q: PersonQuasi, person_columns: Mapping[str, str]) -> None:
    if q.table not in person_columns:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "table '{table}' has no person key"), table=q.table),
                         Location(column=q.column),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Name the column of '{table}' that identifies the "
                                                             "person, or leave its quasi-identifiers out."),
                                   table=q.table))


def person_frame(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str],
                 quasi: Sequence[PersonQuasi]) -> pa.Table:
    """One row per distinct person, in order of first appearance (column ``person`` + one column per
    quasi-identifier, named ``table.column``): a person-level column as a string (null for a person absent from its
    table), an event column as the list of the person's distinct values, sorted."""
    index = _person_index(tables, person_columns)
    count = index.count
    columns: list[pa.Array] = [_as_text(index.persons)]
    fields: list[pa.Field] = [pa.field(PERSON, pa.string())]
    for q in quasi:
        _check_person_table(q, person_columns)
        values = _as_text(_column(tables[q.table], q.table, q.column))
        lists, several = _gathered(index.rows[q.table], values, count)
        if q.event or several:
            metadata = {SEVERAL_VALUES: str(several).encode()} if not q.event else None
            columns.append(lists)
            fields.append(pa.field(q.name, lists.type, metadata=metadata))
            continue
        lengths = pc.list_value_length(lists).to_numpy(zero_copy_only=False)
        starts = lists.offsets.to_numpy(zero_copy_only=False)[:-1]
        columns.append(lists.values.take(pa.array(starts.astype(np.int64), mask=lengths == 0)))
        fields.append(pa.field(q.name, pa.string()))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def _set_keys(lists: pa.ListArray | pa.ChunkedArray) -> pa.Array:
    """One string per set, equal for two persons exactly when their sets are: the values' codes,
    in the (sorted) order of the list, joined. Codes rather than values, so that no value holding
    the separator can make two different sets look alike."""
    array = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    flat = array.values.slice(array.offsets[0].as_py(), array.offsets[-1].as_py() - array.offsets[0].as_py())
    codes = pc.dictionary_encode(flat).indices.cast(pa.string())
    offsets = pc.subtract(array.offsets, array.offsets[0])
    return pc.binary_join(pa.ListArray.from_arrays(offsets, codes), ",")


def keyed_frame(frame: pa.Table) -> pa.Table:
    """``frame`` with each set-valued column replaced by its :func:`_set_keys`, ready for counting."""
    columns = [(_set_keys(frame.column(i)) if pa.types.is_list(field_.type) else frame.column(i))
               for i, field_ in enumerate(frame.schema)]
    return pa.Table.from_arrays(columns, names=frame.column_names)


def person_risk(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str], quasi: Sequence[PersonQuasi],
                k: int | None = None) -> RiskSummary:
    """k-anonymity figures counted in distinct persons (``unit == "persons"``).

    Without a person key (``person_columns`` empty) the figures are today's, counted in records of
    the one table holding the quasi-identifiers (``unit == "records"``)."""
    names = [q.name for q in quasi]
    if not person_columns:
        tables_used = {q.table for q in quasi}
        if len(tables_used) > 1:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "quasi-identifiers from several tables need a person key")),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Name the person key of each table.")))
        table = _table(tables, tables_used.pop()) if tables_used else pa.table({})
        return risk_summary(table, [q.column for q in quasi], k=k)
    _index, codes = _person_codes(tables, person_columns, quasi, ordered=False)
    # Dense integer codes as dictionary indices: risk_summary counts them as they are.
    columns = [pa.DictionaryArray.from_arrays(pa.array(coded.each, pa.int64()), pa.array(np.arange(coded.size)))
               for coded in codes]
    summary = risk_summary(pa.Table.from_arrays(columns, names=names), names, k=k)
    summary.unit = "persons"
    return summary


# ---- reach k at person level ----------------------------------------------------------------------

@dataclass
class PersonReach:
    """What Reach k chose at person level. ``suppressed_persons`` lives in memory only: it names persons."""

    search: SearchResult
    levels: dict[str, int]                       # "table.column" -> level (0 = as is)
    hierarchies: dict[str, str]                  # "table.column" -> hierarchy spec
    suppressed_persons: set[str] = field(default_factory=set, repr=False)
    risk: RiskSummary | None = None              # in persons, after generalisation and suppression
    floors: dict[str, int] = field(default_factory=dict)   # "table.column" -> highest level allowed


def _lifted(element: Hierarchy, sets: pa.ListArray, name: str) -> Hierarchy:
    """The hierarchy of a set-valued column: each distinct set, at level L, is the set of its
    elements at level L. Values are set keys (:func:`_set_keys`) of each level's own values."""
    keys = _set_keys(sets)
    unique = pc.unique(keys)
    first = pc.index_in(unique, value_set=keys)
    distinct = pc.take(sets, first)
    owner = np.repeat(np.arange(len(distinct)), pc.list_value_length(distinct).to_numpy(zero_copy_only=False))
    flat = pc.list_flatten(distinct)
    levels = [unique]
    for level in range(1, element.height):
        generalised = element.generalise(flat, level, name)
        levels.append(_set_keys(_sorted_sets(owner, generalised, len(distinct))[0]))
    return Hierarchy(name, levels)


def frame_hierarchies(frame: pa.Table, names: Sequence[str], specs: Mapping[str, str],
                      elements: Mapping[str, Hierarchy] | None = None, filled: bool = False) -> tuple[
        dict[str, Hierarchy], dict[str, str]]:
    """The hierarchy of each of the frame's ``names`` and its spec (``specs``', else the default for
    its values): a set-valued column's lifted from its elements' (``elements``' when given, built from
    the values as they leave), a person-level column's over its values (nulls as ``""`` when
    ``filled``, as the search then reads them)."""
    hierarchies: dict[str, Hierarchy] = {}
    used: dict[str, str] = {}
    for name in names:
        column = frame.column(name).combine_chunks()
        if pa.types.is_list(column.type):
            element = (elements or {}).get(name)
            if element is None:
                flat = pc.list_flatten(column)
                used[name] = specs.get(name) or default_hierarchy_spec(flat)
                element = build_hierarchy(used[name], flat, name)
            else:
                used[name] = specs[name]
            hierarchies[name] = _lifted(element, column, name)
        else:
            values = pc.fill_null(column, "") if filled else column
            used[name] = specs.get(name) or default_hierarchy_spec(values)
            hierarchies[name] = build_hierarchy(used[name], values, name)
    return hierarchies, used


def generalised_frame(frame: pa.Table, hierarchies: Mapping[str, Hierarchy], levels: Mapping[str, int]) -> pa.Table:
    """The keyed frame (:func:`keyed_frame`) with each column at its level."""
    keyed = keyed_frame(frame)
    for name, level in levels.items():
        column = keyed.column(name)
        if column.null_count:
            column = pc.fill_null(column, "")
        keyed = keyed.set_column(keyed.column_names.index(name), name, hierarchies[name].generalise(column, level, name))
    return keyed


def reach_k_persons(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str], quasi: Sequence[PersonQuasi],
                    k: int, suppression: float = 0.0, specs: Mapping[str, str] | None = None,
                    progress: ProgressCallback | None = None,
                    floors: Mapping[str, str] | None = None) -> PersonReach:
    """The least generalisation of the person frame reaching ``k`` persons per class, with at most
    ``suppression`` of the persons suppressed (whole persons, in every table). ``specs`` gives a
    hierarchy spec per ``table.column``; the others get :func:`default_hierarchy_spec` of their values.
    With ``floors`` (a floor per quasi-identifier, "" for none), no quasi-identifier goes past its
    floor, nor to "*": a k out of reach then raises :class:`KUnreachable`."""
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "gathering each person's quasi-identifiers"))
    frame = person_frame(tables, person_columns, quasi)
    names = [q.name for q in quasi]
    hierarchies, used = frame_hierarchies(frame, names, specs or {})
    keyed = keyed_frame(frame)
    highest = ({name: floor_level(floors.get(name, ""), used[name], hierarchies[name]) for name in names}
               if floors is not None else None)
    found = find_minimal_generalisation(keyed.select(names), names, hierarchies, k, suppression,
                                        progress=scaled(progress, 0.2, 0.9), floors=highest)
    levels = {name: int(found.transformation.get(name, 0)) for name in names}
    generalised = generalised_frame(frame, hierarchies, levels)
    small = class_sizes_per_record(generalised, names) < k
    suppressed = set(pc.filter(frame.column(PERSON), pa.array(small)).to_pylist())
    kept = generalised.filter(pa.array(~small))
    risk = risk_summary(kept, names, k=k)
    risk.unit = "persons"
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "found"))
    return PersonReach(found, levels, used, suppressed, risk, dict(highest or {}))


def without_persons(tables: Mapping[str, pa.Table], person_columns: Mapping[str, str],
                    persons: Collection[str]) -> dict[str, pa.Table]:
    """Every table with the rows of ``persons`` removed (never half a person: all their rows go)."""
    if not persons:
        return dict(tables)
    gone = pa.array(sorted(persons), pa.string())
    result = dict(tables)
    for name, column in person_columns.items():
        table = _table(tables, name)
        result[name] = table.filter(pc.invert(pc.is_in(_as_text(_column(table, name, column)), value_set=gone)))
    return result


# ---- one table of a recipe, as it leaves -----------------------------------------------------------
# In one table, the person key's rows are the person's events: every quasi-identifier is gathered as
# the set of the person's values (a value that is the same on all their rows is a set of one).

def person_output(recipe: Recipe, names: Collection[str]) -> str | None:
    """The recipe's person key as named in the output, when it leaves (pseudonymised or kept)."""
    decision = recipe.column(recipe.person_key) if recipe.person_key else None
    if decision is None or decision.transform.action == "drop":
        return None
    name = output_name(decision)
    return name if name in names else None


def quasi_output(recipe: Recipe, names: Collection[str]) -> list[str]:
    """The quasi-identifiers as named in the output, those that leave."""
    found = []
    for source in recipe.protection.quasi_identifiers:
        decision = recipe.column(source)
        name = output_name(decision) if decision is not None else source
        if name in names and name not in found:
            found.append(name)
    return found


def _one_table(quasi: Sequence[str]) -> list[PersonQuasi]:
    return [PersonQuasi("", name, event=True) for name in quasi]


def release_risk(table: pa.Table, quasi: Sequence[str], k: int | None, person: str | None) -> RiskSummary:
    """The risk of one table as it leaves: in persons when ``person`` (its person column) is given,
    else in records (today's figures)."""
    if person is None:
        return risk_summary(table, list(quasi), k=k)
    return person_risk({"": table}, {"": person}, _one_table(quasi), k)


def _one_row_each(persons: pa.ChunkedArray) -> bool:
    """Whether every row is a different person: counted in rows is then counted in persons, and the
    row-level Reach k and its replay (floors kept, single cells suppressed) serve as they are."""
    return bool(pc.count_distinct(persons, mode="all").as_py() == len(persons))


def generalise_release(table: pa.Table, recipe: Recipe, person: str | None) -> tuple[pa.Table, dict[str, Any]]:
    """The recipe's Reach k levels applied to ``table`` (as it leaves), then the classes below k
    suppressed: records as :func:`~curator.protect.reach.apply_recipe_generalisation` does, or, with
    ``person``, whole persons (every row of a person in a class smaller than k has its
    quasi-identifiers blanked), at most ``suppression_cap`` of the persons."""
    protection = recipe.protection
    k = protection.k_target
    if person is None or not protection.generalisation or k is None or _one_row_each(table.column(person)):
        return apply_recipe_generalisation(table, recipe)
    table, info = apply_recipe_generalisation(table, recipe.levels_only())
    quasi = quasi_output(recipe, table.column_names)
    info.update(k=k, unit="persons", suppressed_records=0, suppressed_persons=0)
    if not quasi or table.num_rows == 0:
        return table, info
    frame = person_frame({"": table}, {"": person}, _one_table(quasi))
    sizes = class_sizes_per_record(keyed_frame(frame), quasi)
    small = sizes < k
    count = int(small.sum())
    allowed = allowed_suppressions(frame.num_rows, protection.suppression_cap)
    if count > allowed:
        raise InputError(
            Text(QT_TRANSLATE_NOOP("core", "the generalisation in the recipe does not reach k = {k} persons on this file: "
                                           "{count} persons are in groups smaller than {k}, more than the {allowed} "
                                           "({cap:.1%}) that may be suppressed"),
                 k=k, count=count, allowed=allowed, cap=protection.suppression_cap),
            hint=Text(QT_TRANSLATE_NOOP("core", "Run 'curator recipe reach-k' on this file again; or lower k, or raise "
                                                "the suppression cap.")))
    gone = pc.filter(frame.column(PERSON), pa.array(small))
    rows = pc.is_in(_as_text(table.column(person)), value_set=gone).to_numpy(zero_copy_only=False)
    table = suppress_rows(table, quasi, rows)
    kept = sizes[~small]
    info.update(suppressed_records=int(rows.sum()), suppressed_persons=count,
                classes=int((1.0 / kept).sum().round()) if len(kept) else 0,
                smallest_class=int(kept.min()) if len(kept) else 0)
    return table, info


def source_release_risk(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> tuple[RiskSummary | None, int]:
    """The risk of ``table`` (the source) once the recipe's transforms and Reach k levels are applied,
    and how many records (persons) were suppressed: what the export would measure, and what
    :func:`enforce_k` judges (the Check step shows it)."""
    with_person = recipe
    if recipe.person_key and recipe.person_key not in recipe.protection.quasi_identifiers:
        quasi = [*recipe.protection.quasi_identifiers, recipe.person_key]
        with_person = dataclasses.replace(recipe, protection=dataclasses.replace(recipe.protection,
                                                                                   quasi_identifiers=quasi))
    leaving, _names = quasi_as_they_leave(table, with_person, vocabulary)
    person = person_output(recipe, leaving.column_names)
    quasi_names = quasi_output(recipe, [n for n in leaving.column_names if n != person])
    if not quasi_names:
        return None, 0
    generalised, info = generalise_release(leaving, recipe, person)
    return release_risk(generalised, quasi_names, recipe.protection.k_target, person), suppressed_count(info)


SHOWN_CHARACTERS = 200


def shortfall(table: pa.Table, quasi: Sequence[str], k: int, person: str | None, limit: int = 10) -> list[str]:
    """The smallest classes below k, each as its quasi-identifier values and size (for the person
    at the workstation: never written to a package)."""
    if person is not None:
        frame = person_frame({"": table}, {"": person}, _one_table(quasi))
        unit = QT_TRANSLATE_NOOP("core", "persons")
    else:
        frame = table.select(list(quasi))
        unit = QT_TRANSLATE_NOOP("core", "records")
    sizes = class_sizes_per_record(keyed_frame(frame.select(list(quasi))), list(quasi))
    small = np.flatnonzero(sizes < k)
    order = small[np.argsort(sizes[small], kind="stable")]
    shown: list[str] = []
    seen: set[str] = set()
    for row in order:
        values = frame.select(list(quasi)).slice(int(row), 1).to_pylist()[0]
        text = ", ".join(f"{name}={value}" for name, value in values.items())
        text = text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"   # a person's long set
        if text not in seen:
            seen.add(text)
            shown.append(Text(QT_TRANSLATE_NOOP("core", "{values}: {size} {unit}"), values=text, size=int(sizes[row]),
                              unit=unit))
        if len(shown) >= limit:
            break
    return shown


def suppressed_count(generalisation: Mapping[str, Any]) -> int:
    """How many records (persons, when counted so) the recipe's Reach k suppressed, from what
    :func:`generalise_release` says it did."""
    key = "suppressed_persons" if generalisation.get("unit") == "persons" else "suppressed_records"
    return int(generalisation.get(key) or 0)


def enforce_k(recipe: Recipe, risk: Mapping[str, Any] | None, table: pa.Table | None = None,
              suppressed: int = 0) -> None:
    """Refuse (:class:`InputError`, exit 2) data whose quasi-identifiers as they leave are below the
    recipe's k, unless the recipe records an accepted risk with its reason (see
    :func:`curator.check.blockers.below_k`, and ``suppressed`` there). ``table``, when it holds the
    rows, names the classes."""
    blocker = below_k(recipe, risk, suppressed)
    if blocker is None:
        return
    details: list[str] = []
    if table is not None and table.num_rows and recipe.protection.k_target:
        person = person_output(recipe, table.column_names)
        quasi = quasi_output(recipe, [n for n in table.column_names if n != person])
        if quasi:
            details = shortfall(table, quasi, recipe.protection.k_target, person)
    raise InputError(Text(QT_TRANSLATE_NOOP("core", "the package would be below the recipe's k: {problem}"),
                          problem=blocker.message), hint=blocker.hint, details=details)


def reach_k_recipe(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary, k: int, suppression_cap: float,
                   inferred_types: Mapping[str, str] | None = None,
                   progress: ProgressCallback | None = None) -> ReachResult:
    """Reach k for one table of a recipe: :func:`~curator.protect.reach.reach_k`, counted in persons
    when the recipe's person key leaves (levels and hierarchy specs keyed by source column)."""
    if not recipe.person_key:
        return reach_k(table, recipe, vocabulary, k, suppression_cap, dict(inferred_types or {}), progress)
    quasi_sources = [q for q in recipe.protection.quasi_identifiers if q != recipe.person_key]
    with_person = dataclasses.replace(recipe, protection=dataclasses.replace(
        recipe.protection, quasi_identifiers=[*quasi_sources, recipe.person_key]))
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "applying the column transforms"))
    leaving, names = quasi_as_they_leave(table, with_person, vocabulary)
    person = person_output(recipe, leaving.column_names)
    if person is None:
        return reach_k(table, recipe, vocabulary, k, suppression_cap, dict(inferred_types or {}), progress)
    if _one_row_each(leaving.column(person)):
        return reach_k(table, recipe, vocabulary, k, suppression_cap, dict(inferred_types or {}), progress)
    names = {source: name for source, name in names.items() if name != person}
    if not names:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no quasi-identifier leaves in the package")))
    types = inferred_types or {}
    specs = {name: hierarchy_spec(recipe, source, leaving.column(name), types.get(source) or "")
             for source, name in names.items()}
    floors = {name: recipe.protection.floors.get(source, "") for source, name in names.items()}
    found = reach_k_persons({"": leaving}, {"": person}, _one_table(list(names.values())), k, suppression_cap,
                            specs, progress=scaled(progress, 0.1, 1.0), floors=floors)
    found.search.suppressed_records = len(found.suppressed_persons)
    return ReachResult(found.search, {source: found.levels[name] for source, name in names.items()},
                       {source: specs[name] for source, name in names.items()}, names,
                       {source: found.floors[name] for source, name in names.items() if name in found.floors})


DEFAULT_SUPPRESSION = 0.02      # as the Protect step's Reach k


def reach_recipe(recipe: Recipe, table: pa.Table, vocabulary: Vocabulary, k: int | None = None,
                 suppression: float | None = None, progress: ProgressCallback | None = None,
                 coarser_floors: bool = False) -> ReachResult:
    """Search the least generalisation reaching k on ``table`` (the source) and write it into
    ``recipe.protection`` (levels, hierarchy specs, k, suppression cap), as Reach k on the Protect step
    does. ``k`` and ``suppression`` default to the recipe's, else 5 and 2 %. Rules are chosen again
    over the values as they leave now; a hierarchy file the recipe names is the user's choice and kept.
    Raises KUnreachable when k is out of reach within the floors; with ``coarser_floors``, the
    floors it suggests are taken first (the Protect step's button) and the search made once more."""
    try:
        return _reach_recipe(recipe, table, vocabulary, k, suppression, progress)
    except KUnreachable as unreachable:
        if not (coarser_floors and unreachable.coarser):
            raise
        recipe.protection = with_suggested_floors(recipe, unreachable)
        return _reach_recipe(recipe, table, vocabulary, k, suppression, progress)


def _reach_recipe(recipe: Recipe, table: pa.Table, vocabulary: Vocabulary, k: int | None,
                  suppression: float | None, progress: ProgressCallback | None) -> ReachResult:
    protection = recipe.protection
    k = k or protection.k_target or DEFAULT_K
    cap = suppression if suppression is not None else (protection.suppression_cap or DEFAULT_SUPPRESSION)
    searched = dataclasses.replace(recipe, protection=dataclasses.replace(protection, hierarchies={
        source: spec for source, spec in protection.hierarchies.items()
        if spec not in ("date", "digits") and not spec.startswith("intervals:")}))
    types = {str(c.get("name")): str(c.get("type") or "") for c in recipe.source_columns}
    found = reach_k_recipe(table, searched, vocabulary, k, cap, types, progress)
    protection.generalisation = dict(found.levels)
    protection.hierarchies = dict(found.hierarchies)
    protection.k_target = k
    protection.suppression_cap = cap
    return found
