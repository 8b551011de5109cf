"""Fixtures for the identify tests: the labelled corpus in tests/data/corpus/, read by the Load stage."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from curator.load import read_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _labels() -> dict[str, dict[str, dict[str, str | None]]]:
    return json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))


def read_corpus_file(name: str) -> pa.Table:
    """The table the app hands identify: read by the Load stage (encoding, delimiter, title lines
    above the header and blank header cells handled there), every column as text."""
    return read_file(CORPUS / name).table


@pytest.fixture(scope="session")
def corpus_labels() -> dict[str, dict[str, dict[str, str | None]]]:
    return _labels()


@pytest.fixture(scope="session")
def read_corpus() -> Callable[[str], pa.Table]:
    return read_corpus_file
