"""The curation report as an Excel workbook: the same content as the HTML page, one sheet per section.

Counts are numbers and shares are percentages (so the producer can sort and sum them), every text
cell is written as text (a column named "=SUM(...)" stays a name, never a formula), and the class
sizes get a native Excel bar chart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator.mapping import ColumnSuggestions, Vocabulary
from curator.recipe.model import Recipe
from curator.report.content import BarChart, ReportContent, Share, SplitChart, Table, Text, build_report
from curator.result import CurationResult
from curator.source import LoadedTable
from curator.workspace import atomic_output

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


_FLAG_FILLS = {"kept-direct": "FDE2DF", "risk": "FFF4E5", "direct": "", "dropped": ""}
_FLAG_FONTS = {"kept-direct": ("8A1C1C", True), "direct": ("8A1C1C", True), "dropped": ("6A737D", False)}
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def write_report_xlsx(path: str | Path, loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, result: CurationResult,
                      *, language: str = "en", suggestions: Sequence[ColumnSuggestions] | None = None) -> None:
    """Write the curation report to ``path`` (.xlsx), through ``path.part`` renamed when complete."""
    content = build_report(loaded, recipe, vocabulary, result, suggestions=suggestions, language=language)
    write_content_xlsx(path, content)


def write_content_xlsx(path: str | Path, content: ReportContent) -> None:
    from openpyxl import Workbook  # openpyxl is slow to import: only when an XLSX file is written

    workbook = Workbook()
    summary = workbook.active
    summary.title = _sheet_title(content.title, set())
    _summary_sheet(summary, content)
    used = {summary.title}
    for section in content.sections:
        sheet = workbook.create_sheet(_sheet_title(section.title, used))
        used.add(sheet.title)
        _section_sheet(sheet, section.title, section.blocks)
    with atomic_output(path, overwrite=True) as out:
        workbook.save(out)


def _sheet_title(title: str, used: set[str]) -> str:
    base = " ".join(_SHEET_NAME.sub(" ", title).split())[:31].rstrip() or "Sheet"
    name, number = base, 2
    while name in used:
        suffix = f" ({number})"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    return name


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Share):
        cell.value = value.value
        cell.number_format = "0%" if value.digits == 0 else "0." + "0" * value.digits + "%"
    elif isinstance(value, bool):
        cell.value = str(value)
    elif isinstance(value, int | float):
        cell.value = value
        cell.number_format = "#,##0" if isinstance(value, int) else "#,##0.####"
    else:
        cell.value = str(value)
        cell.data_type = "s"          # text, never a formula
    return cell


def _summary_sheet(sheet: Worksheet, content: ReportContent) -> None:
    from openpyxl.styles import Font  # openpyxl is slow to import: only when an XLSX file is written

    _put(sheet, 1, 1, content.title).font = Font(bold=True, size=14)
    row = 2
    for line in content.lead:
        _put(sheet, row, 1, line)
        row += 1
    row += 1
    for label, figure, attention in content.glance:
        _put(sheet, row, 1, label)
        cell = _put(sheet, row, 2, _as_number(figure))
        if attention:
            cell.font = Font(bold=True, color="C0392B")
        row += 1
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 14


def _as_number(figure: str) -> int | str:
    digits = figure.replace(",", "").replace("\u202f", "").replace("\u00a0", "")
    return int(digits) if digits.isdigit() else figure


def _section_sheet(sheet: Worksheet, title: str, blocks: list[Any]) -> None:
    from openpyxl.styles import Font  # openpyxl is slow to import: only when an XLSX file is written

    _put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    row = 3
    widths: dict[int, int] = {}
    pending_chart: BarChart | None = None
    for block in blocks:
        if isinstance(block, Text):
            text = f"{block.lead} {block.text}" if block.lead else block.text
            cell = _put(sheet, row, 1, text)
            if block.style in ("h3", "warning"):
                cell.font = Font(bold=True, color="C0392B" if block.style == "warning" else None)
            elif block.style == "note":
                cell.font = Font(italic=True, color="555555")
            row += 2 if block.style != "h3" else 1
        elif isinstance(block, Table):
            first = row
            row = _table(sheet, block, row, widths)
            if pending_chart is not None:
                _bar_chart(sheet, pending_chart, first, row - 1, len(block.headers))
                row += 18          # the chart sits below its table
                pending_chart = None
            row += 1
        elif isinstance(block, BarChart):
            pending_chart = block   # drawn from the table of figures that follows it
        elif isinstance(block, SplitChart):
            _put(sheet, row, 1, block.title).font = Font(bold=True)
            row += 1
            row = _table(sheet, Table(["", block.parts[0], block.parts[1]],
                                      [[label, at_risk, safe] for label, at_risk, safe in block.rows],
                                      numeric=(1, 2)), row, widths) + 1
    for column, width in widths.items():
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(max(width + 2, 10), 70)


def _table(sheet: Worksheet, table: Table, row: int, widths: dict[int, int]) -> int:
    from openpyxl.styles import (  # openpyxl is slow to import: only when an XLSX file is written
        Alignment,
        Font,
        PatternFill,
    )

    if any(table.headers):
        for column, header in enumerate(table.headers, start=1):
            cell = _put(sheet, row, column, header)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF2F6")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[column] = max(widths.get(column, 0), min(len(header), 30))
        row += 1
    for index, values in enumerate(table.rows):
        flag = table.flagged[index] if index < len(table.flagged) else ""
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, row, column, value)
            if _FLAG_FILLS.get(flag):
                cell.fill = PatternFill("solid", fgColor=_FLAG_FILLS[flag])
            if flag in _FLAG_FONTS:
                colour, bold = _FLAG_FONTS[flag]
                cell.font = Font(color=colour, bold=bold and column == 1 or flag == "kept-direct")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[column] = max(widths.get(column, 0), min(len(str(cell.value)), 60))
        row += 1
    return row


def _bar_chart(sheet: Worksheet, chart: BarChart, header_row: int, last_row: int, columns: int) -> None:
    # openpyxl is slow to import: only when an XLSX file is written.
    from openpyxl.chart import BarChart as ExcelBarChart
    from openpyxl.chart import Reference

    excel = ExcelBarChart()
    excel.type = "bar"
    excel.title = chart.title
    excel.y_axis.title = chart.description
    excel.height, excel.width = 8, 18
    data = Reference(sheet, min_col=2, max_col=columns, min_row=header_row, max_row=last_row)
    categories = Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row)
    excel.add_data(data, titles_from_data=True)
    excel.set_categories(categories)
    excel.x_axis.scaling.orientation = "maxMin"      # the smallest classes on top, as in the HTML
    sheet.add_chart(excel, f"A{last_row + 2}")
