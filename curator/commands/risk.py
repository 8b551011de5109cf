"""`curator risk FILE --quasi COL[,COL...] [--sheet NAME] [--k K] [--hierarchies DIR] [--suppression F] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from curator.commands._terminal import terminal_progress
from curator.errors import InputError, Location
from curator.load import read_file
from curator.protect.hierarchy import load_hierarchies
from curator.protect.risk import risk_summary
from curator.protect.search import find_minimal_generalisation
from curator.source import ReadOptions


def run(args: argparse.Namespace) -> int:
    quasi = [name.strip() for name in str(args.quasi).split(",") if name.strip()]
    if not quasi:
        raise InputError("--quasi names no column", hint="Give the quasi-identifier columns, comma-separated.")
    suppression = _fraction(getattr(args, "suppression", 0.0))
    loaded = read_file(args.file, ReadOptions(sheet=args.sheet) if args.sheet else None,
                       progress=None if args.json else terminal_progress("reading "))
    table = loaded.table
    missing = [q for q in quasi if q not in table.column_names]
    if missing:
        raise InputError(f"no column named {', '.join(repr(m) for m in missing)}", Location(file=args.file),
                         hint=f"The columns are: {', '.join(table.column_names)}.")
    result = risk_summary(table, quasi, k=args.k).to_dict()
    if args.k is not None and args.hierarchies:
        hierarchies = load_hierarchies(args.hierarchies, quasi)
        search = find_minimal_generalisation(table, quasi, hierarchies, args.k, suppression,
                                             progress=None if args.json else terminal_progress("searching "))
        result["search"] = search.to_dict()
    elif args.hierarchies:
        raise InputError("--hierarchies needs --k: the search looks for the least generalisation reaching k",
                         hint="Add --k K (for example --k 5).")
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(_as_text(result, str(args.file)))
    return 0


def _fraction(value: Any) -> float:
    if value is None:
        return 0.0
    text = str(value).strip()
    try:
        number = float(text.rstrip("%").replace(",", ".")) / (100.0 if text.endswith("%") else 1.0)
    except ValueError as exc:
        raise InputError(f"--suppression must be a fraction such as 0.04, not {value!r}") from exc
    if not 0.0 <= number <= 1.0:
        raise InputError(f"--suppression must be between 0 and 1 (0.04 = 4 %), not {value!r}")
    return number


def _as_text(result: dict[str, Any], path: str) -> str:
    lines = [
        f"{path}: {result['records']:,} records, quasi-identifiers {', '.join(result['quasi_identifiers'])}",
        f"  equivalence classes: {result['classes']:,} (smallest {result['smallest_class']:,})",
        f"  sample uniques: {result['sample_uniques']:,} ({result['sample_unique_fraction']:.1%} of the records)",
        f"  average prosecutor risk: {result['average_risk']:.4f}   highest: {result['highest_risk']:.4f}",
    ]
    if "k" in result:
        lines.append(f"  records in classes smaller than k={result['k']}: {result['records_below_k']:,} "
                     f"in {result['classes_below_k']:,} classes")
    search = result.get("search")
    if search:
        levels = ", ".join(f"{name} {level}" for name, level in search["transformation"].items())
        lines += [f"  least generalisation reaching k={search['k']} "
                  f"(suppressing at most {search['suppression']:.1%}): {levels}",
                  f"    loss (non-uniform entropy) {search['loss']:.2f}, {search['classes']:,} classes, "
                  f"smallest {search['smallest_class']:,}, {search['suppressed_records']:,} records suppressed"]
    return "\n".join(lines)
