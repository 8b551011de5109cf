"""Check: typed conversion of mapped columns and the validation report.

Entry points: :func:`convert_and_validate` and :func:`blockers`. Per-row work is pyarrow compute.
"""

from curator.check.blockers import Blocker, below_k, blockers
from curator.check.report import Finding, RuleResult, ValidationReport
from curator.check.validate import convert_and_validate

__all__ = ["Blocker", "Finding", "RuleResult", "ValidationReport", "below_k", "blockers", "convert_and_validate"]
