"""What the hub receives: the package's data as the export computes it, for the Protect page.

The Protect page's before → after preview, its "what the hub receives" table and the report's
transforms table must never describe a column otherwise than the package holds it. All three come
from one run of :func:`curator.pipeline.curate` — the function the export writes the package with,
Reach k's levels and suppressed cells included — over the whole table (a class, and so a
suppressed cell, depends on every row), of which a sample of rows is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from curator.mapping import Vocabulary
from curator.pipeline import curate
from curator.progress import ProgressCallback
from curator.protect.transforms import output_name
from curator.recipe.model import Recipe
from curator.report import build_report
from curator.report.content import Table
from curator.result import CurationResult
from curator.source import LoadedTable

SAMPLE_ROWS = 50
PREVIEW_VALUES = 3


@dataclass
class HubView:
    result: CurationResult
    sample: pa.Table                                     # the first rows of the data as the package holds them
    # source column -> (its first distinct values, the same rows' values in the package); the second
    # list is empty when rows were excluded (the rows no longer line up) or the column is not exported
    previews: dict[str, tuple[list[str], list[object]]] = field(default_factory=dict)
    transforms: dict[str, str] = field(default_factory=dict)   # source column -> what it became, as the report says


def hub_view(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, secret: bytes, rows: int = SAMPLE_ROWS,
             language: str = "en", progress: ProgressCallback | None = None) -> HubView:
    """The package's data for ``recipe`` (with ``secret``'s pseudonyms), a sample of its rows, each
    column's first values before and after, and the report's words for each column."""
    result = curate(loaded, recipe, vocabulary, secret, progress=progress)
    table = result.table
    aligned = table.num_rows == loaded.table.num_rows
    previews: dict[str, tuple[list[str], list[object]]] = {}
    for decision in recipe.columns:
        if decision.source not in loaded.table.column_names:
            continue
        source = loaded.table.column(decision.source).slice(0, 200).to_pylist()
        before = [v for v in dict.fromkeys(source) if v is not None][:PREVIEW_VALUES]
        name = output_name(decision)
        after: list[object] = []
        if aligned and decision.transform.action != "drop" and name in table.column_names:
            column = table.column(name)
            after = [column[source.index(value)].as_py() for value in before]
        previews[decision.source] = (before, after)
    content = build_report(loaded, recipe, vocabulary, result, language=language)
    transforms: dict[str, str] = {}
    for section in content.sections:
        for block in section.blocks:
            if isinstance(block, Table) and block.key == "transforms":
                transforms = {str(row[0]): str(row[2]) for row in block.rows}
    return HubView(result, table.slice(0, rows), previews, transforms)
