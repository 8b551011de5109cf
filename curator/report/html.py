"""An HTML curation report: source fingerprint, mapping, transforms, validation, risk.

It holds no personal data: column names, decisions, counts and risk figures only — never a value
from the table — so it can travel inside the package and be printed.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator import __version__
from curator.recipe.model import Recipe
from curator.source import LoadedTable

if TYPE_CHECKING:
    from curator.pipeline import CurationResult

_STYLE = """
body{font-family:system-ui,'Segoe UI',sans-serif;margin:2em;color:#222;max-width:70em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f2f2f2}.num{text-align:right}.bar{background:#4a7bb7;height:.9em;display:inline-block}
.direct{color:#a00;font-weight:600}.quasi{color:#a60}.sensitive{color:#06a}
"""


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render_curation_report(loaded: LoadedTable, recipe: Recipe, vocabulary: Any, result: CurationResult) -> str:
    src = loaded.source
    classes = {i.name: i.klass for i in result.identifications}
    parts = [f"<!doctype html><html lang='en'><meta charset='utf-8'><title>Curation report</title>"
             f"<style>{_STYLE}</style><body><h1>Curation report</h1>",
             f"<p>Made by curator {escape(__version__)} for "
             f"{escape(recipe.export.producer_name or recipe.export.producer_id or 'an unnamed producer')}"
             f"{' — ' + escape(recipe.export.dataset_title) if recipe.export.dataset_title else ''}.</p>",
             "<h2>Source</h2>",
             _table(["file", "format", "size (bytes)", "SHA-256", "rows", "read with"],
                    [[Path(src.path).name, src.format, src.size, src.sha256, loaded.table.num_rows,
                      ", ".join(f"{k}={v}" for k, v in src.options.to_dict().items())]])]
    vocab = vocabulary.describe()
    parts.append(f"<h2>Mapping</h2><p>Vocabulary {escape(str(vocab.get('id')))} version "
                 f"{escape(str(vocab.get('version')))}.</p>")
    rows = []
    for c in recipe.columns:
        params = ", ".join(f"{k}={v}" for k, v in c.transform.params.items())
        rows.append([c.source, c.concept or "(unmapped)", classes.get(c.source, "?"),
                     c.transform.action + (f" ({params})" if params else ""),
                     len([v for v in c.code_map if c.code_map[v] is not None]) or ""])
    parts.append(_table(["source column", "concept", "identifying", "action", "code values mapped"], rows))
    if result.dropped_unmapped:
        parts.append("<p>Columns not in the recipe, dropped: " + escape(", ".join(result.dropped_unmapped)) + "</p>")
    if result.kept_direct:
        parts.append("<p class='direct'>Identifying columns kept by explicit choice: "
                     + escape(", ".join(result.kept_direct)) + "</p>")
    parts.append("<h2>Validation</h2>" + _validation_html(result.validation))
    parts.append("<h2>Re-identification risk</h2>" + _risk_html(result.risk))
    parts.append(f"<h2>Output</h2><p>{result.table.num_rows} rows, {result.table.num_columns} columns.</p>")
    parts.append(_table(["column", "type"], [[f.name, str(f.type)] for f in result.table.schema]))
    parts.append("</body></html>\n")
    return "".join(parts)


def _validation_html(validation: Any) -> str:
    summary = getattr(validation, "summary_rows", None)
    if callable(summary):
        rows = summary()
        if not rows:
            return "<p>No validation issue.</p>"
        return _table(["column", "rule", "offending rows"], rows)
    return f"<p>{escape(str(validation))}</p>"


def _risk_html(risk: dict[str, Any] | None) -> str:
    if not risk:
        return "<p>No quasi-identifier was chosen: the risk was not measured.</p>"
    keys = [("records", "records"), ("quasi_identifiers", "quasi-identifiers"), ("classes", "equivalence classes"),
            ("sample_uniques", "sample uniques"), ("records_below_k", "records in classes below k"),
            ("average_risk", "average prosecutor risk"), ("highest_risk", "highest prosecutor risk")]
    rows = [[label, ", ".join(risk[k]) if isinstance(risk.get(k), list) else risk.get(k)]
            for k, label in keys if k in risk]
    html = _table(["figure", "value"], rows)
    sizes = risk.get("class_sizes") or {}
    if isinstance(sizes, dict) and sizes:
        peak = max(sizes.values())
        bars = [[size, count, ""] for size, count in sorted(sizes.items(), key=lambda kv: int(kv[0]))[:30]]
        html += "<p>Class sizes (size: number of classes)</p><table>" + "".join(
            f"<tr><td class='num'>{escape(str(s))}</td><td class='num'>{c}</td>"
            f"<td><span class='bar' style='width:{max(1, int(200 * c / peak))}px'></span></td></tr>"
            for s, c, _ in bars) + "</table>"
    return html


def write_curation_report(path: Path, loaded: LoadedTable, recipe: Recipe, vocabulary: Any,
                          result: CurationResult) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(render_curation_report(loaded, recipe, vocabulary, result), encoding="utf-8")
    tmp.replace(path)
