"""Concept accuracy of column suggestions over a labelled corpus (labels.json beside the files).

    .venv/bin/python tests/mapping/accuracy.py [--identify] [CORPUS_DIR ...]   # figures and every miss

labels.json: {"file.csv": {"column": {"class": ..., "concept": id | null}}}. Top-1 is the concept
the one-to-one assignment gives the column (what the user sees pre-selected); top-3 counts a hit when
the labelled concept is among the first three suggestions. Only columns that have a concept count
for accuracy; columns without one count for the false-mapping rate.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from curator.identify import identify_table
from curator.load import read_file
from curator.mapping import load_vocabulary, suggest_columns

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPORA = [REPO_ROOT / "tests" / "data" / "mapping_corpus", REPO_ROOT / "tests" / "data" / "corpus"]


@dataclass
class Figures:
    columns: int = 0
    top1: int = 0
    top3: int = 0
    unlabelled: int = 0
    false_mapped: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.columns if self.columns else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.columns if self.columns else 0.0

    def add(self, other: Figures) -> None:
        self.columns += other.columns
        self.top1 += other.top1
        self.top3 += other.top3
        self.unlabelled += other.unlabelled
        self.false_mapped += other.false_mapped
        self.misses += other.misses

    def line(self, name: str) -> str:
        return (f"{name}: top-1 {self.top1}/{self.columns} = {self.top1_rate:.1%}, "
                f"top-3 {self.top3}/{self.columns} = {self.top3_rate:.1%}, "
                f"columns without a concept mapped anyway {self.false_mapped}/{self.unlabelled}")


EXTERNAL_LABELS = Path(__file__).resolve().parent / "external_labels.json"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def evaluate_external(shared_data: Path = SHARED_DATA, identify: bool = False) -> Figures:
    """Real files of ../shared/data (Synthea, ARX adult), labelled in external_labels.json."""
    return evaluate(shared_data, EXTERNAL_LABELS, identify)


def evaluate(corpus: Path, labels_path: Path | None = None, identify: bool = False) -> Figures:
    """Figures over one labelled set; ``identify`` passes identify_table's findings, as `inspect` does."""
    labels = json.loads((labels_path or corpus / "labels.json").read_text(encoding="utf-8"))
    labels = {k: v for k, v in labels.items() if not k.startswith("_")}
    vocabulary = load_vocabulary()
    figures = Figures()
    for file_name, columns in sorted(labels.items()):
        loaded = read_file(corpus / file_name)
        identifications = identify_table(loaded.table) if identify else None
        by_name = {s.name: s for s in suggest_columns(loaded.table, vocabulary, identifications)}
        for column, label in columns.items():
            got = by_name.get(column) or by_name.get(column.strip())
            if got is None:
                raise AssertionError(f"{file_name}: column '{column}' of the labels is not in the file")
            expected = label.get("concept") if isinstance(label, dict) else label
            if expected is None:
                figures.unlabelled += 1
                if got.assigned is not None:
                    figures.false_mapped += 1
                    figures.misses.append(f"{file_name}: '{column}' has no concept, got {got.assigned} "
                                          f"({got.suggestions[0].score:.2f}: {got.suggestions[0].reason})")
                continue
            figures.columns += 1
            first3 = [s.concept for s in got.suggestions[:3]]
            figures.top1 += got.assigned == expected
            figures.top3 += expected in first3
            if got.assigned != expected:
                figures.misses.append(f"{file_name}: '{column}' expected {expected}, got {got.assigned} "
                                      f"(top-3 {first3})")
    return figures


def main(paths: list[str]) -> int:
    identify = "--identify" in paths
    paths = [p for p in paths if p != "--identify"]
    total = Figures()
    for corpus in [Path(p) for p in paths] or [c for c in CORPORA if (c / "labels.json").is_file()]:
        figures = evaluate(corpus, identify=identify)
        print(figures.line(corpus.name))
        for miss in figures.misses:
            print("   ", miss)
        total.add(figures)
    if not paths and SHARED_DATA.is_dir():
        figures = evaluate_external(identify=identify)
        print(figures.line("shared data (Synthea, ARX adult)"))
        for miss in figures.misses:
            print("   ", miss)
        total.add(figures)
    print(total.line("all"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
