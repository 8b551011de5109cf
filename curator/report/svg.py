"""Charts as inline SVG: no script, no external file, readable when printed and in the app's viewer."""

from __future__ import annotations

from html import escape

from curator.report.content import BarChart, SplitChart
from curator.report.strings import number, percent

WIDTH = 640
LABEL_WIDTH = 110
VALUE_ROOM = 70          # room right of the longest bar for its figure
BAR = 14
GAP = 4
GROUP_GAP = 10
SERIES_COLOURS = ("#9aa5b1", "#2f6db5")      # source (grey), exported (blue)
ALERT_BAND = "#fbe3e0"                       # behind the groups of classes smaller than k
ALERT_TEXT = "#b03a2e"
SPLIT_COLOURS = ("#c0392b", "#3c8d40")       # at risk, safe
ROW = 50                 # a split bar and its caption
FONT = "font-family=\"system-ui,'Segoe UI',sans-serif\" font-size=\"12\""


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" {extra}>{escape(text)}</text>'


def bar_chart(chart: BarChart, language: str = "en") -> str:
    """Grouped horizontal bars: one group per label, one bar per series, the figure at the end of each bar.

    Groups flagged in ``chart.alert`` sit on a tinted band and have their label in red, so the
    series keep their colours and the legend stays true.
    """
    peak = max((v for _, values in chart.series for v in values), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    group = len(chart.series) * (BAR + GAP) - GAP
    legend = 26
    height = legend + len(chart.labels) * (group + GROUP_GAP) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" {FONT}><title>{escape(chart.title)}</title>'
             f'<desc>{escape(chart.description)}</desc>']
    colours = SERIES_COLOURS[-len(chart.series):]
    entries = [(colour, name) for colour, (name, _) in zip(colours, chart.series, strict=True)]
    if chart.alert_label and any(chart.alert):
        entries.append((ALERT_BAND, chart.alert_label))
    x = LABEL_WIDTH
    for colour, name in entries:
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}" stroke="#bbb" stroke-width=".5"/>')
        parts.append(_text(x + 16, 16, name))
        x += 16 + 7 * len(name) + 18
    y = legend
    for row, label in enumerate(chart.labels):
        alert = bool(chart.alert and chart.alert[row])
        if alert:
            parts.append(f'<rect x="0" y="{y - GROUP_GAP / 2:.0f}" width="{WIDTH}" height="{group + GROUP_GAP}" '
                         f'fill="{ALERT_BAND}"/>')
        parts.append(_text(LABEL_WIDTH - 8, y + group / 2 + 4, label, "end",
                           f'font-weight="600" fill="{ALERT_TEXT}"' if alert else 'fill="#333"'))
        for index, (colour, (_, values)) in enumerate(zip(colours, chart.series, strict=True)):
            value = values[row]
            width = 0 if value == 0 else max(2, round(span * value / peak))
            top = y + index * (BAR + GAP)
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{top}" width="{width}" height="{BAR}" fill="{colour}"/>')
            parts.append(_text(LABEL_WIDTH + width + 4, top + BAR - 3, number(value, language), extra='fill="#333"'))
        y += group + GROUP_GAP
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{legend - 4}" x2="{LABEL_WIDTH}" y2="{y - GROUP_GAP + 4}" '
                 'stroke="#666"/></svg>')
    return "".join(parts)


def split_chart(chart: SplitChart, language: str = "en") -> str:
    """One 100% bar per row, the part at risk first, with counts and shares written on or beside it."""
    span = WIDTH - LABEL_WIDTH - 10
    height = 24 + len(chart.rows) * ROW
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" {FONT}><title>{escape(chart.title)}</title>'
             f'<desc>{escape(chart.description)}</desc>']
    x = LABEL_WIDTH
    for colour, name in zip(SPLIT_COLOURS, chart.parts, strict=True):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, 14, name))
        x += 16 + 7 * len(name) + 18
    y = 24
    for label, at_risk, safe in chart.rows:
        total = at_risk + safe
        parts.append(_text(LABEL_WIDTH - 8, y + 15, label, "end", 'fill="#333"'))
        risky_width = round(span * at_risk / total) if total else 0
        if at_risk and risky_width < 2:
            risky_width = 2          # a handful of records at risk must still show
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{risky_width}" height="20" fill="{SPLIT_COLOURS[0]}"/>')
        parts.append(f'<rect x="{LABEL_WIDTH + risky_width}" y="{y}" width="{span - risky_width}" height="20" '
                     f'fill="{SPLIT_COLOURS[1]}"/>')
        share = at_risk / total if total else 0.0
        caption = (f"{chart.parts[0]}: {number(at_risk, language)} ({percent(share, language)})   ·   "
                   f"{chart.parts[1]}: {number(safe, language)} ({percent(1 - share if total else 0.0, language)})")
        parts.append(_text(LABEL_WIDTH, y + 36, caption, extra='fill="#333"'))
        y += ROW
    parts.append("</svg>")
    return "".join(parts)
