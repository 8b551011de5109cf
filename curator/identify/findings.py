"""What a value detector reports, and the helpers detectors share.

A *strong* finding is one whose shape or checksum cannot happen by chance (a NIR key, an e-mail,
an ICD-10 code): it counts even against the header. A *weak* one (a list of names, 5-digit numbers
that could be postcodes, 1/2 that could be sex) decides only when the header says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curator.identify.sample import Sample
from curator.messages import QT_TRANSLATE_NOOP, Text

# A detector needs at least this many sampled values before it says anything.
MIN_VALUES = 5


@dataclass
class Finding:
    kind: str
    matched: int
    total: int
    strong: bool
    evidence: str

    @property
    def share(self) -> float:
        return self.matched / self.total if self.total else 0.0


def count_text(count: int) -> str:
    return f"{count:,}"


def of_sampled(matched: int, total: int) -> Text:
    """"1,982 of 2,000 sampled values": the phrase every count in the evidence uses."""
    return Text(QT_TRANSLATE_NOOP("core", "{matched:,} of {total:,} sampled values"), matched=matched, total=total)


def integers(s: Sample) -> np.ndarray | None:
    mask = s.matches(r"-?\d{1,9}")
    if s.share(mask) < 0.98 or not mask.any():
        return None
    return pc.cast(s.distinct.filter(pa.array(mask)), pa.int64()).to_numpy(zero_copy_only=False)
