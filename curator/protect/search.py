"""The least generalisation that makes a table k-anonymous, as ARX finds it.

A *transformation* gives each quasi-identifier a level of its hierarchy; together they form a
lattice. A transformation is accepted when the records in classes smaller than k are no more
than the suppression cap allows (they are then suppressed). Acceptance is monotonic: if a
transformation fails, every less generalised one fails too.

Information loss is ARX's precomputed non-uniform entropy ("MetricMDNUEntropyPrecomputed", De
Waal & Willenborg 1999): for each column at level L, the sum over its original values v of
``count(v) × log2(count(generalised v) / count(v))``, counted over all records (suppression
does not enter it), summed over the columns. Being a sum of per-column terms, it is known for
every transformation before any is tried. The search takes transformations in order of loss and
stops at the first accepted one, which is therefore optimal. To rule out the cheaper ones
quickly, a rejected transformation is generalised one column at a time for as long as it stays
rejected: the highest rejection reached rules out everything below it at once (monotonicity).
Classes are computed on the distinct rows of the data, and while climbing, rolled up from the
classes of the transformation below. On ARX's adult data (12,960 transformations) k=5 tries 251.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.progress import ProgressCallback, report
from curator.protect.hierarchy import SUPPRESSED, Hierarchy
from curator.protect.suppression import (
    CellSuppression,
    SuppressionResult,
    allowed_suppressions,
    plan_cell_suppression,
    suppress_small_classes,
    suppression_order,
)

MAX_LATTICE = 2_000_000


@dataclass
class SearchResult:
    k: int
    suppression: float
    transformation: dict[str, int]          # quasi-identifier -> hierarchy level (0 = as is)
    loss: float
    classes: int                            # equivalence classes of the records that are kept
    smallest_class: int
    suppressed_records: int
    evaluated: int = 0                      # transformations whose classes were computed
    lattice_size: int = 0
    levels: dict[str, int] = field(default_factory=dict)   # quasi-identifier -> number of levels
    relative_loss: float = 0.0              # loss / loss of generalising everything to the top, in [0, 1]
    cells_suppressed: int = 0               # quasi-identifier cells blanked (a suppressed record counts all its cells)
    records_touched: int = 0                # records with at least one cell suppressed
    cells_per_column: dict[str, int] = field(default_factory=dict)
    total_loss: float = 0.0                 # non-uniform entropy of the released cells, suppressed ones included
    all_suppressed_loss: float = 0.0        # the same with every cell suppressed (relative_loss's scale with cells)
    cell_cap: float | None = None           # None: whole records are suppressed (ARX's global search)
    importance: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "suppression": self.suppression, "transformation": dict(self.transformation),
                "loss": self.loss, "classes": self.classes, "smallest_class": self.smallest_class,
                "suppressed_records": self.suppressed_records, "relative_loss": self.relative_loss,
                "evaluated": self.evaluated,
                "lattice_size": self.lattice_size, "cells_suppressed": self.cells_suppressed,
                "records_touched": self.records_touched, "cells_per_column": dict(self.cells_per_column),
                "total_loss": self.total_loss, "cell_cap": self.cell_cap}


def highest_level(hierarchy: Hierarchy) -> int:
    """The coarsest level a floor may allow: never one where every value is masked (``*``, ``***``)."""
    top = hierarchy.height - 1
    while top > 0 and not any(value and value.strip(SUPPRESSED) for value in hierarchy.levels[top].to_pylist()):
        top -= 1
    return top


class _Lattice:
    """Per column and level: each record's generalised value as a dense code, and the loss."""

    def __init__(self, table: pa.Table, quasi: list[str], hierarchies: dict[str, Hierarchy]) -> None:
        self.quasi = quasi
        self.hierarchies = [hierarchies[name] for name in quasi if name in hierarchies]
        self.codes: list[list[np.ndarray]] = []      # [column][level] -> code per distinct row
        self.sizes: list[list[int]] = []             # [column][level] -> number of codes
        self.loss: list[np.ndarray] = []             # [column] -> loss per level
        base_columns = []
        for name in quasi:
            if name not in hierarchies:
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "no hierarchy for the quasi-identifier '{name}'"),
                                      name=name), Location(column=name),
                                 hint=Text(QT_TRANSLATE_NOOP("core", "Give a hierarchy for every quasi-identifier.")))
            column = table.column(name)
            if column.null_count:
                column = pc.fill_null(column.cast(pa.string()), "")
            base_columns.append(hierarchies[name].positions(column, name).to_numpy(zero_copy_only=False))
        # Records with the same original values behave alike: work on distinct rows with weights.
        stacked = np.stack(base_columns, axis=1) if base_columns else np.zeros((table.num_rows, 0), np.int64)
        distinct, self.weights = np.unique(stacked, axis=0, return_counts=True)
        self.records = int(self.weights.sum())
        # Per distinct row and column, the loss of one record's cell at each level, and suppressed.
        self.row_loss: list[list[np.ndarray]] = []
        self.row_suppressed: list[np.ndarray] = []
        self.highest: list[int] = []        # per column: the coarsest level with a value left unmasked
        for i, name in enumerate(quasi):
            hierarchy = hierarchies[name]
            positions = distinct[:, i]
            counts_by_position = np.bincount(positions, weights=self.weights, minlength=len(hierarchy.originals))
            level_codes, level_sizes, level_loss = [], [], []
            level_row_loss: list[np.ndarray] = []
            for level in range(hierarchy.height):
                dense = pc.dictionary_encode(hierarchy.levels[level]).indices.to_numpy(zero_copy_only=False)
                size = int(dense.max()) + 1 if len(dense) else 1
                level_codes.append(dense[positions].astype(np.int64))
                level_sizes.append(size)
                generalised_counts = np.bincount(dense, weights=counts_by_position, minlength=size)
                present = counts_by_position > 0
                a = counts_by_position[present]
                b = generalised_counts[dense[present]]
                level_loss.append(float(np.sum(a * np.log2(b / a))))
                own = counts_by_position[positions]
                level_row_loss.append(np.log2(generalised_counts[dense[positions]] / own))
            self.row_loss.append(level_row_loss)
            self.row_suppressed.append(np.log2(self.records / counts_by_position[positions]) if self.records
                                       else np.zeros(len(positions)))
            self.highest.append(highest_level(hierarchy))
            self.codes.append(level_codes)
            self.sizes.append(level_sizes)
            self.loss.append(np.array(level_loss))

    @property
    def heights(self) -> list[int]:
        return [len(levels) for levels in self.codes]

    def classes_of(self, node: tuple[int, ...] | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The classes of ``node``: their values as codes (one row per class), the class of each
        distinct row, and the records of each class."""
        stacked = np.stack([self.codes[column][int(level)] for column, level in enumerate(node)], axis=1)
        key = np.zeros(len(stacked), dtype=np.int64)
        span = 1
        for column, level in enumerate(node):
            size = self.sizes[column][int(level)]
            if span * size >= 2**62:
                key = np.unique(key, return_inverse=True)[1].reshape(-1).astype(np.int64)
                span = int(key.max()) + 1
            key = key * size + stacked[:, column]
            span *= size
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        return stacked[first], inverse, np.bincount(inverse, weights=self.weights).astype(np.int64)

    def total_loss(self, node: tuple[int, ...] | np.ndarray, row_masks: np.ndarray) -> float:
        """Non-uniform entropy of the released cells: each cell at its level, a suppressed cell at
        the loss of ``*`` (its value's share of all records)."""
        total = 0.0
        for column, level in enumerate(node):
            suppressed = (row_masks >> column) & 1 == 1
            per_row = np.where(suppressed, self.row_suppressed[column], self.row_loss[column][int(level)])
            total += float(np.dot(per_row, self.weights))
        return total

    def all_suppressed_loss(self) -> float:
        return float(sum(np.dot(loss, self.weights) for loss in self.row_suppressed))

    def roll_up(self, node: tuple[int, ...], rows: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The classes of ``node`` from the classes of a less generalised transformation.

        ``rows`` holds one representative distinct row per class of that transformation and
        ``weights`` its size: every record of such a class lands in the same class of ``node``, so
        grouping the representatives is enough. Returns the same pair for ``node``.
        """
        key = np.zeros(len(rows), dtype=np.int64)
        span = 1
        for column, level in enumerate(node):
            size = self.sizes[column][level]
            if span * size >= 2**62:
                key = np.unique(key, return_inverse=True)[1].reshape(-1).astype(np.int64)
                span = int(key.max()) + 1
            key = key * size + self.codes[column][level][rows]
            span *= size
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return rows[first], np.bincount(inverse.reshape(-1), weights=weights).astype(np.int64)


def find_minimal_generalisation(table: pa.Table, quasi: list[str], hierarchies: dict[str, Hierarchy], k: int,
                                suppression: float = 0.0,
                                progress: ProgressCallback | None = None,
                                floors: dict[str, int] | None = None,
                                cell_cap: float | None = None,
                                importance: list[str] | None = None) -> SearchResult:
    """The transformation of least loss that reaches ``k`` with at most ``suppression`` of the
    records suppressed (a fraction, ARX's semantics).

    ``floors`` gives a quasi-identifier's highest level the search may use (its coarsest useful
    precision). With ``cell_cap`` (a fraction of the quasi-identifier cells), too-small classes
    lose single cells rather than whole records (:func:`find_with_cell_suppression`), and
    ``suppression`` caps the records that lose any cell."""
    if k < 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "k must be at least 1, not {k}"), k=k))
    if not quasi:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no quasi-identifier was chosen")),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose the columns an attacker could know.")))
    if table.num_rows < k:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the data hold {records} records, fewer than k = {k}"), records=table.num_rows, k=k),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Choose a smaller k.")))
    allowed = allowed_suppressions(table.num_rows, suppression)
    report(progress, 0.0, QT_TRANSLATE_NOOP("core", "preparing the hierarchies"))
    lattice = _Lattice(table, quasi, hierarchies)
    heights = [min(height, int(floors[name]) + 1) if floors and name in floors else height
               for name, height in zip(quasi, lattice.heights, strict=True)]
    heights = [max(height, 1) for height in heights]
    size = int(np.prod(heights, dtype=np.float64))
    if size > MAX_LATTICE:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "{size:,} combinations of hierarchy levels are too many to search"), size=size),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Use fewer quasi-identifiers, or hierarchies with fewer levels.")))
    nodes = np.array(list(itertools.product(*(range(h) for h in heights))), dtype=np.int64)
    losses = np.zeros(len(nodes))
    for column in range(len(quasi)):
        losses += lattice.loss[column][nodes[:, column]]
    order = np.argsort(losses, kind="stable")
    if cell_cap is not None:
        return _search_with_cells(lattice, quasi, nodes, losses, order, heights, k, suppression, cell_cap,
                                  importance or list(quasi), progress)
    search = _Search(lattice, k, allowed, heights)
    for rank, index in enumerate(order):
        node = nodes[index]
        if search.known_failure(node):
            continue
        if rank % 64 == 0:
            report(progress, rank / len(order), Text(QT_TRANSLATE_NOOP("core", "tried {count} generalisations"), count=search.evaluated))
        if search.known_success(node):
            break
        rows, weights = search.classes(node)
        if search.passes(weights):
            break
        search.climb(node, rows, weights)
    else:
        if floors:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "no generalisation within the floors reaches k = {k}, even "
                                                            "suppressing {cap:.1%} of the records"), k=k, cap=suppression),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Choose a coarser floor for a quasi-identifier, allow more "
                                                                 "suppression, or lower k.")))
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "no generalisation reaches k = {k}, even suppressing {cap:.1%} of the records"), k=k,
                              cap=suppression),
                         hint=Text(QT_TRANSLATE_NOOP("core", "Lower k, allow more suppression, or use hierarchies that generalise further.")))
    _keys, inverse, weights = lattice.classes_of(node)
    kept = weights[weights >= k]
    small = weights < k
    row_masks = np.where(small[inverse], (1 << len(quasi)) - 1, 0)
    suppressed_cells = int(weights[small].sum()) * len(quasi)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "found"))
    return SearchResult(k=k, suppression=suppression,
                        transformation={name: int(level) for name, level in zip(quasi, node, strict=True)},
                        loss=float(losses[index]), classes=len(kept), smallest_class=int(kept.min()) if len(kept) else 0,
                        suppressed_records=int(weights[small].sum()), evaluated=search.evaluated,
                        lattice_size=len(nodes), levels=dict(zip(quasi, lattice.heights, strict=True)),
                        relative_loss=float(losses[index] / losses.max()) if losses.max() > 0 else 0.0,
                        cells_suppressed=suppressed_cells, records_touched=int(weights[small].sum()),
                        cells_per_column={name: int(weights[small].sum()) for name in quasi},
                        total_loss=lattice.total_loss(node, row_masks),
                        all_suppressed_loss=lattice.all_suppressed_loss())


MAX_CELL_NODES = 400


def _search_with_cells(lattice: _Lattice, quasi: list[str], nodes: np.ndarray, losses: np.ndarray, order: np.ndarray,
                       heights: list[int], k: int, record_cap: float, cell_cap: float, importance: list[str],
                       progress: ProgressCallback | None) -> SearchResult:
    """The combination of levels (within the floors) and suppressed cells of least total loss.

    A node's generalisation loss is a lower bound of its total loss (suppressing a cell only adds),
    so nodes are taken in order of generalisation loss until that bound passes the best total."""
    records_allowed = allowed_suppressions(lattice.records, record_cap)
    cells_allowed = allowed_suppressions(lattice.records * len(quasi), cell_cap)
    columns = suppression_order(quasi, importance)
    best: tuple[float, int, CellSuppression, np.ndarray] | None = None
    evaluated = 0

    def consider(index: int) -> bool:
        """Evaluate ``nodes[index]``; whether it reaches k within the caps."""
        nonlocal best, evaluated
        keys, inverse, weights = lattice.classes_of(nodes[index])
        plan = plan_cell_suppression(keys, weights, k, columns)
        evaluated += 1
        if plan.cells > cells_allowed or plan.records > records_allowed:
            return False
        row_masks = plan.masks[inverse]
        total = lattice.total_loss(nodes[index], row_masks)
        if best is None or total < best[0]:
            best = (total, int(index), plan, row_masks)
        return True

    # The coarsest node the floors allow needs the fewest suppressed cells: when it is out of the
    # caps, k is out of reach; otherwise it is the fallback should the search stop at its budget.
    top = np.array([h - 1 for h in heights], dtype=np.int64)
    if not consider(int(np.flatnonzero(np.all(nodes == top, axis=1))[0])):
        raise unreachable(lattice, quasi, top, k, columns, cells_allowed, records_allowed)
    # As in the global search, a node below one that needs too many cells is taken to need too
    # many as well (coarser levels merge classes, so fewer records are left to suppress).
    failures = np.zeros((0, len(quasi)), dtype=np.int64)
    for rank, index in enumerate(order):
        if best is not None and losses[index] >= best[0]:
            break
        if evaluated >= MAX_CELL_NODES:
            break
        node = nodes[index]
        if len(failures) and np.any(np.all(node <= failures, axis=1)):
            continue
        if rank % 16 == 0:
            report(progress, rank / len(order), Text(QT_TRANSLATE_NOOP("core", "tried {count} generalisations"),
                                                     count=evaluated))
        if not consider(int(index)):
            failures = np.vstack([failures, node])
    assert best is not None
    total, index, plan, row_masks = best
    node = nodes[index]
    classes, smallest = _released_classes(lattice, node, row_masks)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "found"))
    all_suppressed = lattice.all_suppressed_loss()
    return SearchResult(k=k, suppression=record_cap,
                        transformation={name: int(level) for name, level in zip(quasi, node, strict=True)},
                        loss=float(losses[index]), classes=classes, smallest_class=smallest,
                        suppressed_records=plan.whole_records, evaluated=evaluated, lattice_size=len(nodes),
                        levels=dict(zip(quasi, lattice.heights, strict=True)),
                        relative_loss=total / all_suppressed if all_suppressed > 0 else 0.0,
                        cells_suppressed=plan.cells, records_touched=plan.records,
                        cells_per_column=dict(zip(quasi, plan.per_column, strict=True)),
                        total_loss=total, all_suppressed_loss=all_suppressed, cell_cap=cell_cap,
                        importance=list(importance))


@dataclass
class Driver:
    """How much one quasi-identifier splits the data, at the coarsest levels the floors allow."""

    name: str
    classes_with: int
    classes_without: int
    below_k_with: int           # records in classes smaller than k with every quasi-identifier
    below_k_without: int        # ... and without this one


class KUnreachable(InputError):
    """k cannot be reached within the floors and the caps; says what drives the risk and what would reach k."""

    drivers: list[Driver]
    coarser: dict[str, int]     # quasi-identifier -> the floor (level) that would reach k with the others unchanged
    cells_needed: int
    records_needed: int
    cells_allowed: int
    records_allowed: int
    cells_total: int            # quasi-identifier cells and records the caps are fractions of
    records_total: int


def _drivers(quasi: list[str], keys: np.ndarray, weights: np.ndarray, k: int) -> list[Driver]:
    """Each quasi-identifier's split of the classes ``keys`` (records ``weights``), the most driving first."""
    below = int(weights[weights < k].sum())
    drivers = []
    for column, name in enumerate(quasi):
        rest = np.delete(keys, column, axis=1)
        if rest.shape[1]:
            _, grouped = np.unique(rest, axis=0, return_inverse=True)
            without = np.bincount(grouped.reshape(-1), weights=weights)
        else:
            without = np.array([weights.sum()])
        drivers.append(Driver(name, len(keys), len(without), below, int(without[without < k].sum())))
    drivers.sort(key=lambda d: (d.below_k_without, -d.classes_with + d.classes_without))
    return drivers


def _coarser_floors(lattice: _Lattice, quasi: list[str], top: np.ndarray, k: int, columns: list[int],
                    cells_allowed: int, records_allowed: int) -> tuple[dict[str, int], dict[str, int]]:
    """The single floors, one per quasi-identifier, that would reach k from ``top`` within the caps;
    failing any, the floors raised together (greedily, the most cells saved first) that would."""
    coarser: dict[str, int] = {}

    def fits(node: np.ndarray) -> tuple[bool, int]:
        trial_keys, _, trial_weights = lattice.classes_of(node)
        trial = plan_cell_suppression(trial_keys, trial_weights, k, columns)
        return trial.cells <= cells_allowed and trial.records <= records_allowed, trial.cells

    for column, name in enumerate(quasi):
        for level in range(int(top[column]) + 1, lattice.highest[column] + 1):
            node = top.copy()
            node[column] = level
            if fits(node)[0]:
                coarser[name] = level
                break
    combined: dict[str, int] = {}
    if not coarser:
        # No single floor is enough: raise, one level at a time, the one that saves the most cells.
        node = top.copy()
        while True:
            trials = []
            for column in range(len(quasi)):
                if node[column] < lattice.highest[column]:
                    raised = node.copy()
                    raised[column] += 1
                    trials.append((*fits(raised)[::-1], column, raised))
            if not trials:
                break
            cells_left, ok, column, node = min(trials, key=lambda trial: (not trial[1], trial[0]))
            if ok:
                combined = {quasi[c]: int(node[c]) for c in range(len(quasi)) if node[c] > top[c]}
                break
    return coarser, combined


def unreachable(lattice: _Lattice, quasi: list[str], top: np.ndarray, k: int, columns: list[int],
                cells_allowed: int, records_allowed: int) -> KUnreachable:
    """The error for a k that no node within the floors reaches under the caps, measured at the
    coarsest node the floors allow."""
    keys, _inverse, weights = lattice.classes_of(top)
    plan = plan_cell_suppression(keys, weights, k, columns)
    drivers = _drivers(quasi, keys, weights, k)
    coarser, combined = _coarser_floors(lattice, quasi, top, k, columns, cells_allowed, records_allowed)
    cells = lattice.records * len(quasi)
    details: list[str] = [Text(QT_TRANSLATE_NOOP("core", "{name}: {with_it} classes with it, {without} without; "
                                                         "{below} records below k with it, {below_without} without"),
                               name=d.name, with_it=d.classes_with, without=d.classes_without, below=d.below_k_with,
                               below_without=d.below_k_without) for d in drivers]
    for column, name in enumerate(quasi):
        if name in coarser:
            level = coarser[name]
            example = _example(lattice, column, level)
            details.append(Text(QT_TRANSLATE_NOOP("core", "k is reached with a coarser floor for {name}: level {level} "
                                                          "(values such as '{example}')"),
                                name=name, level=level, example=example))
    if combined:
        details.append(Text(QT_TRANSLATE_NOOP("core", "k is reached with coarser floors together: {levels}"),
                            levels=", ".join(f"{name} → {level} ('{_example(lattice, quasi.index(name), level)}')"
                                             for name, level in combined.items())))
    more_cells = max(plan.cells - cells_allowed, 0)
    more_records = max(plan.records - records_allowed, 0)
    details.append(Text(QT_TRANSLATE_NOOP("core", "k is reached with {more_cells} more suppressed cells and {more_records} "
                                                  "more records touched (caps of {cell_share:.1%} of the cells and "
                                                  "{record_share:.1%} of the records)"),
                        more_cells=more_cells, more_records=more_records,
                        cell_share=plan.cells / cells if cells else 0.0,
                        record_share=plan.records / lattice.records if lattice.records else 0.0))
    error = KUnreachable(
        Text(QT_TRANSLATE_NOOP("core", "k = {k} cannot be reached within the floors and the suppression cap: it needs "
                                       "{cells} suppressed cells in {records} records, and the cap allows {cells_allowed} "
                                       "cells in {records_allowed} records"),
             k=k, cells=plan.cells, records=plan.records, cells_allowed=cells_allowed, records_allowed=records_allowed),
        hint=Text(QT_TRANSLATE_NOOP("core", "Choose a coarser floor for a quasi-identifier that drives the risk, raise the "
                                            "suppression cap, remove a quasi-identifier an attacker cannot know, or lower "
                                            "k.")),
        details=details)
    error.drivers = drivers
    error.coarser = coarser or combined
    error.cells_needed, error.records_needed = plan.cells, plan.records
    error.cells_allowed, error.records_allowed = cells_allowed, records_allowed
    error.cells_total, error.records_total = cells, lattice.records
    return error


def _example(lattice: _Lattice, column: int, level: int) -> str:
    """A value of ``column`` at ``level``, to show what a level means."""
    values = lattice.hierarchies[column].levels[level].to_pylist() if column < len(lattice.hierarchies) else []
    return next((str(v) for v in values if v), "")


def _released_classes(lattice: _Lattice, node: np.ndarray, row_masks: np.ndarray) -> tuple[int, int]:
    """Classes of the released values and the smallest, a suppressed cell counting as a value of
    its own; suppressed records count in none."""
    released = row_masks != (1 << len(node)) - 1
    stacked = np.stack([np.where((row_masks >> c) & 1 == 1, -1, lattice.codes[c][int(level)])
                        for c, level in enumerate(node)], axis=1)[released]
    if not len(stacked):
        return 0, 0
    _, grouped = np.unique(stacked, axis=0, return_inverse=True)
    sizes = np.bincount(grouped.reshape(-1), weights=lattice.weights[released])
    return len(sizes), int(sizes.min())


class _Search:
    """What is known of the lattice: rejected transformations (everything below them fails too)
    and accepted ones (everything above them passes too)."""

    def __init__(self, lattice: _Lattice, k: int, allowed: int, heights: list[int] | None = None) -> None:
        self.lattice = lattice
        self.k = k
        self.allowed = allowed
        self.heights = np.array(heights if heights is not None else lattice.heights)
        width = len(self.heights)
        self.failures = np.zeros((0, width), dtype=np.int64)
        self.successes = np.zeros((0, width), dtype=np.int64)
        self.evaluated = 0
        self.all_rows = np.arange(len(lattice.weights))

    def known_failure(self, node: np.ndarray) -> bool:
        return bool(len(self.failures)) and bool(np.any(np.all(node <= self.failures, axis=1)))

    def known_success(self, node: np.ndarray) -> bool:
        return bool(len(self.successes)) and bool(np.any(np.all(node >= self.successes, axis=1)))

    def classes(self, node: np.ndarray, rows: np.ndarray | None = None,
                weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        self.evaluated += 1
        if rows is None or weights is None:
            rows, weights = self.all_rows, self.lattice.weights
        return self.lattice.roll_up(tuple(int(v) for v in node), rows, weights)

    def passes(self, weights: np.ndarray) -> bool:
        return int(weights[weights < self.k].sum()) <= self.allowed

    def climb(self, node: np.ndarray, rows: np.ndarray, weights: np.ndarray) -> None:
        """From a rejected ``node`` (whose classes are given), generalise one column at a time while
        it still fails, and record the highest failure reached: it rules out everything below it."""
        current = node.copy()
        moved = True
        while moved:
            moved = False
            for column in range(len(current)):
                if current[column] + 1 >= self.heights[column]:
                    continue
                candidate = current.copy()
                candidate[column] += 1
                if self.known_success(candidate):
                    continue
                candidate_rows, candidate_weights = self.classes(candidate, rows, weights)
                if self.passes(candidate_weights):
                    self.successes = np.vstack([self.successes, candidate])
                    continue
                current, rows, weights = candidate, candidate_rows, candidate_weights
                moved = True
        self._fail(current)

    def _fail(self, node: np.ndarray) -> None:
        if self.known_failure(node):
            return
        keep = ~np.all(self.failures <= node, axis=1)
        self.failures = np.vstack([self.failures[keep], node])


def apply_generalisation(table: pa.Table, hierarchies: dict[str, Hierarchy], result: SearchResult) -> pa.Table:
    """``table`` with each quasi-identifier at the level the search chose, too-small classes suppressed."""
    return generalise_and_suppress(table, hierarchies, result.transformation, result.k, result.suppression).table


def generalise_and_suppress(table: pa.Table, hierarchies: dict[str, Hierarchy], levels: dict[str, int], k: int,
                            suppression: float) -> SuppressionResult:
    """Each column of ``levels`` generalised to its level, then the records of classes smaller than
    ``k`` suppressed (at most the ``suppression`` fraction: more is an error)."""
    for name, level in levels.items():
        if name not in hierarchies:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "no hierarchy for the quasi-identifier '{name}'"),
                                  name=name), Location(column=name))
        index = table.column_names.index(name)
        column = table.column(name)
        if column.null_count:
            column = pc.fill_null(column.cast(pa.string()), "")
        table = table.set_column(index, name, hierarchies[name].generalise(column, level, name))
    return suppress_small_classes(table, list(levels), k, suppression)
