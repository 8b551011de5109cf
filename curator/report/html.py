"""The curation report as one self-contained HTML page (inline CSS and SVG, no script, no link out).

It holds no personal data — column names, decisions, counts and risk figures only, never a value
from the table — so it can travel inside the package, be shown in the app and be printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from curator.mapping import ColumnSuggestions, Vocabulary
from curator.recipe.model import Recipe
from curator.report.content import (
    BarChart,
    Block,
    Cell,
    ReportContent,
    Share,
    SplitChart,
    Table,
    Text,
    build_report,
)
from curator.report.strings import number, percent
from curator.report.svg import bar_chart, split_chart
from curator.result import CurationResult
from curator.source import LoadedTable
from curator.workspace import write_atomic

_STYLE = """
body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;margin:0;color:#1f2328;background:#fff;line-height:1.45}
main{max-width:66em;margin:0 auto;padding:1.5em 2em 3em}
h1{font-size:1.6em;margin:.2em 0 .3em}
h2{font-size:1.2em;margin-top:2em;padding-bottom:.2em;border-bottom:2px solid #2f6db5;color:#1d4f8f}
h3{font-size:1em;margin:1.2em 0 .3em}
p{margin:.5em 0}
.lead{color:#444}
.privacy{font-size:.9em;color:#2d5a2e;background:#eef6ee;border-left:4px solid #3c8d40;padding:.4em .8em}
nav{font-size:.9em;margin:.8em 0}nav a{margin-right:1em;color:#2f6db5;text-decoration:none}
.glance{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0}
.glance div{border:1px solid #d0d7de;border-radius:6px;padding:.5em .8em;min-width:9em;background:#f6f8fa}
.glance b{display:block;font-size:1.4em}.glance span{font-size:.85em;color:#555}
.glance .attention{border-color:#c0392b;background:#fdf0ee}.glance .attention b{color:#c0392b}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
td,th{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.direct td:first-child{color:#8a1c1c;font-weight:600}
tr.kept-direct td{background:#fde2df;font-weight:600}
tr.kept-direct td:first-child::before{content:"\\26A0\\FE0E  ";color:#c0392b}
tr.risk td{background:#fff4e5}
tr.dropped td{color:#6a737d}
table.source td:first-child{font-weight:600;width:9em}
table.source td{word-break:break-all}
.note{font-size:.88em;color:#555}
.warning{background:#fdf0ee;border-left:4px solid #c0392b;padding:.4em .8em}
.ok{background:#eef6ee;border-left:4px solid #3c8d40;padding:.4em .8em}
figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}
figcaption span{font-weight:normal;color:#555;font-size:.9em;margin-left:.5em}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}table,figure{break-inside:avoid}nav{display:none}}
"""


def render_curation_report(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, result: CurationResult,
                           *, language: str = "en", suggestions: Sequence[ColumnSuggestions] | None = None) -> str:
    """The report as an HTML page. ``suggestions`` (the Map stage's, if at hand) give the match scores."""
    return render_html(build_report(loaded, recipe, vocabulary, result, suggestions=suggestions, language=language))


def render_html(content: ReportContent) -> str:
    language = content.language
    parts = [f"<!doctype html><html lang='{escape(language)}'><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
             f"<title>{escape(content.title)}</title><style>{_STYLE}</style></head><body><main>",
             f"<h1>{escape(content.title)}</h1>",
             f"<p class='lead'>{escape(content.lead[0])}</p>",
             *[f"<p class='privacy'>{escape(line)}</p>" for line in content.lead[1:]],
             "<nav>" + "".join(f"<a href='#{s.key}'>{escape(s.title)}</a>" for s in content.sections) + "</nav>",
             "<div class='glance'>" + "".join(
                 f"<div{' class=attention' if attention else ''}><b>{escape(figure)}</b><span>{escape(label)}</span></div>"
                 for label, figure, attention in content.glance) + "</div>"]
    for section in content.sections:
        parts.append(f"<section id='{section.key}'><h2>{escape(section.title)}</h2>")
        parts.extend(_block(block, language) for block in section.blocks)
        parts.append("</section>")
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _block(block: Block, language: str) -> str:
    if isinstance(block, Text):
        if block.style == "h3":
            return f"<h3>{escape(block.text)}</h3>"
        css = "" if block.style == "p" else f" class='{block.style}'"
        lead = f"<strong>{escape(block.lead)}</strong> " if block.lead else ""
        return f"<p{css}>{lead}{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block, language)
    if isinstance(block, BarChart):
        return (f"<figure><figcaption>{escape(block.title)}<span>{escape(block.description)}</span></figcaption>"
                f"{bar_chart(block, language)}</figure>")
    if isinstance(block, SplitChart):
        return (f"<figure><figcaption>{escape(block.title)}<span>{escape(block.description)}</span></figcaption>"
                f"{split_chart(block, language)}</figure>")
    raise TypeError(f"unknown report block {type(block).__name__}")


def cell_text(value: Cell, language: str) -> str:
    if isinstance(value, Share):
        return percent(value.value, language, value.digits)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number(value, language)
    return str(value)


def _table(table: Table, language: str) -> str:
    css = f" class='{table.key}'" if table.key == "source" else ""
    head = "" if not any(table.headers) else "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr>"
    body = []
    for index, row in enumerate(table.rows):
        flag = table.flagged[index] if index < len(table.flagged) else ""
        cells = "".join(f"<td{' class=num' if i in table.numeric else ''}>{escape(cell_text(v, language))}</td>"
                        for i, v in enumerate(row))
        body.append(f"<tr{f' class={flag}' if flag else ''}>{cells}</tr>")
    return f"<table{css}>{head}{''.join(body)}</table>"


def write_curation_report(path: Path, loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary,
                          result: CurationResult, *, language: str = "en", suggestions: Sequence[ColumnSuggestions] | None = None) -> None:
    text = render_curation_report(loaded, recipe, vocabulary, result, language=language, suggestions=suggestions)
    write_atomic(path, text, overwrite=True)
