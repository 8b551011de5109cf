"""The curation report: what was done to the data, for the producer's records and the hub.

One content (:mod:`curator.report.content`, no personal data), shown as a self-contained HTML page
(:mod:`curator.report.html`, shipped in the package and shown in the app) or an Excel workbook
(:mod:`curator.report.xlsx`), in English or French (:mod:`curator.report.strings`).

The content holds the source fingerprint, the mapping with its scores, the transforms in plain
words, validation per rule, the risk before and after, and the cost of generalisation: names,
decisions, counts and figures only, never a cell value. The HTML page
(``render_curation_report``, ``write_curation_report``) draws its charts as inline SVG
(:mod:`curator.report.svg`); the workbook has one sheet per section.
"""

from curator.report.content import ReportContent, build_report
from curator.report.html import render_curation_report, write_curation_report
from curator.report.strings import LANGUAGES
from curator.report.xlsx import write_report_xlsx

__all__ = ["LANGUAGES", "ReportContent", "build_report", "render_curation_report", "write_curation_report",
           "write_report_xlsx"]
