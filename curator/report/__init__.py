"""The curation report: what was done to the data, for the producer's records and the hub."""

from curator.report.html import render_curation_report, write_curation_report

__all__ = ["render_curation_report", "write_curation_report"]
