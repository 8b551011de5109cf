"""What the profile says about one column, ready to show on screen, print or write as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from curator.messages import QT_TRANSLATE_NOOP

# As WhiteRabbit does: a count below this is shown as "<5", since the profile is shown and printed.
SMALL_COUNT = 5
# The inferred types (marked for the app's translation, which shows them in words).
TYPES = (
    QT_TRANSLATE_NOOP("core", "integer"),
    QT_TRANSLATE_NOOP("core", "decimal"),
    QT_TRANSLATE_NOOP("core", "date"),
    QT_TRANSLATE_NOOP("core", "datetime"),
    QT_TRANSLATE_NOOP("core", "boolean"),
    QT_TRANSLATE_NOOP("core", "code"),
    QT_TRANSLATE_NOOP("core", "text"),
    QT_TRANSLATE_NOOP("core", "empty"),
)


def shown_count(count: int) -> int | str:
    return count if count >= SMALL_COUNT else f"<{SMALL_COUNT}"


@dataclass
class ColumnProfile:
    name: str
    inferred_type: str
    row_count: int
    empty_count: int
    distinct_count: int
    date_formats: list[str] = field(default_factory=list)
    min: str | None = None
    max: str | None = None
    # (value, count) with counts under 5 given as "<5"
    top_values: list[tuple[str, int | str]] = field(default_factory=list)
    length_min: int | None = None
    length_max: int | None = None
    # value shapes ("99999", "9A", "Aaaa") with their counts, most frequent first
    shapes: list[tuple[str, int | str]] = field(default_factory=list)
    # non-empty values that do not fit the inferred type (a few "NA" in a date column)
    type_exceptions: int = 0
    exception_examples: list[str] = field(default_factory=list)
    decimal_mark: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "inferred_type": self.inferred_type,
            "date_formats": list(self.date_formats),
            "row_count": self.row_count,
            "empty_count": self.empty_count,
            "distinct_count": self.distinct_count,
            "min": self.min,
            "max": self.max,
            "top_values": [{"value": value, "count": count} for value, count in self.top_values],
            "length_min": self.length_min,
            "length_max": self.length_max,
            "shapes": [{"shape": shape, "count": count} for shape, count in self.shapes],
            "type_exceptions": shown_count(self.type_exceptions) if self.type_exceptions else 0,
            "exception_examples": list(self.exception_examples),
            "decimal_mark": self.decimal_mark,
        }
