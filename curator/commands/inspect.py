"""`curator inspect FILE [--sheet NAME] [--vocabulary ID_OR_PATH] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from curator.commands._terminal import terminal_progress
from curator.inspection import inspect_file


def run(args: argparse.Namespace) -> int:
    result = inspect_file(args.file, sheet=args.sheet, vocabulary=args.vocabulary,
                          progress=None if args.json else terminal_progress())
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(_as_text(result))
    return 0


def _as_text(result: dict[str, Any]) -> str:
    src = result["source"]
    lines = [f"{src['path']}: {src['format']}, {src['rows']} rows, {len(result['columns'])} columns"]
    details = ", ".join(f"{k} {src[k]!r}" for k in ("encoding", "delimiter", "sheet", "header_row") if src.get(k))
    if details:
        also = f" (also decodes as {src['encoding_runner_up']!r})" if src.get("encoding_runner_up") else ""
        lines.append(f"  read with {details}{also}")
    for warning in result.get("warnings", []):
        lines.append(f"  warning: {warning}")
    for col in result["columns"]:
        best = col["suggestions"][0] if col["suggestions"] else None
        assigned = col.get("assigned")
        chosen = next((s for s in col["suggestions"] if s["concept"] == assigned), None) if assigned else None
        if chosen:
            mapped = f"-> {assigned} ({chosen['score']:.2f})"
        elif best:
            mapped = f"-> no concept (best guess {best['concept']}, {best['score']:.2f})"
        else:
            mapped = "-> no concept"
        lines.append(f"- {col['name']}: {col['type']}, {col['identifying']} {mapped}")
        reason = (chosen or {}).get("reason")
        if reason:
            lines.append(f"    mapping: {reason}")
        for ev in col.get("evidence", [])[:3]:
            lines.append(f"    identifying: {ev}")
    return "\n".join(lines)
