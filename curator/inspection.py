"""Inspect a file: read it, profile every column, flag identifying ones, suggest concepts.

One function serves `curator inspect`, `curator recipe init` and the app's first look at a file.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from curator.identify import identify_table
from curator.identify import warm_up as warm_up_identify
from curator.load import read_file
from curator.load.collection import collector_paused
from curator.mapping import load_vocabulary, suggest_columns
from curator.mapping.warmup import warm_up as warm_up_mapping
from curator.messages import QT_TRANSLATE_NOOP
from curator.profile import profile_table
from curator.progress import ProgressCallback, report, scaled
from curator.source import ReadOptions


def inspect_file(path: str | Path, sheet: str | None = None, vocabulary: str | Path | None = None,
                 options: ReadOptions | None = None, progress: ProgressCallback | None = None) -> dict[str, Any]:
    """The `inspect --json` object of cli.md (source, columns with type, class, evidence, suggestions)."""
    # Each stage builds a few objects per column, none in a cycle: on a wide file the collector's
    # passes over all of them cost as much as the stages themselves (benchmarks/README.md, bench_wide).
    with collector_paused():
        return _inspected(path, sheet, vocabulary, options, progress)


def _inspected(path: str | Path, sheet: str | None, vocabulary: str | Path | None, options: ReadOptions | None,
               progress: ProgressCallback | None) -> dict[str, Any]:
    options = options or ReadOptions()
    if sheet is not None:
        options.sheet = sheet
    # The read runs on a thread while this one pays identify's and map's first-file costs (lexicons,
    # phonenumbers' metadata, code-list indexes): a workbook's read waits for its reader process to
    # start, a CSV's releases the GIL. Both warm-ups are no-ops once done (the app does them at start).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-inspect-read") as pool:
        reading = pool.submit(read_file, path, options, progress=scaled(progress, 0.0, 0.6))
        try:
            vocab = load_vocabulary(vocabulary)
            warm_up_identify()
            if vocabulary is None:
                warm_up_mapping()
        finally:
            loaded = reading.result()
    report(progress, 0.6, QT_TRANSLATE_NOOP("core", "profiling"))
    profiles = profile_table(loaded.table)
    report(progress, 0.75, QT_TRANSLATE_NOOP("core", "looking for identifying columns"))
    identifications = identify_table(loaded.table)
    report(progress, 0.9, QT_TRANSLATE_NOOP("core", "suggesting concepts"))
    suggestions = suggest_columns(loaded.table, vocab, identifications=identifications, profiles=profiles)
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "done"))

    opts = loaded.source.options
    columns = []
    for profile, ident, sugg in zip(profiles, identifications, suggestions, strict=True):
        sugg_dict = sugg.to_dict()
        columns.append({
            "name": profile.name,
            "type": profile.inferred_type,
            "identifying": ident.klass,
            "confidence": ident.confidence,
            "evidence": list(ident.evidence),
            "suggestions": sugg_dict.get("suggestions", []),
            "assigned": sugg_dict.get("assigned"),
            "profile": profile.to_dict(),
        })
    return {
        "source": {"path": str(path), "format": loaded.source.format, "encoding": opts.encoding,
                   "encoding_runner_up": (loaded.metadata.get("code_page") or {}).get("runner_up"),
                   "delimiter": opts.delimiter, "sheet": opts.sheet, "header_row": opts.header_row,
                   "rows": loaded.table.num_rows, "size": loaded.source.size, "sha256": loaded.source.sha256,
                   "sheets": loaded.source.sheets, "hidden_sheets": loaded.source.hidden_sheets,
                   "options": opts.to_dict()},
        "vocabulary": vocab.describe(),
        "warnings": list(loaded.warnings),
        "columns": columns,
    }
