"""Fixtures for the Protect tests: ARX's adult data set read as text, with its hierarchies."""

from __future__ import annotations

import pytest

from curator.protect.hierarchy import load_hierarchies

from ._data import read_text_csv

ADULT_COLUMNS = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass",
                 "occupation", "salary-class"]


@pytest.fixture(scope="session")
def adult_dir(shared_data):
    return shared_data / "arx-adult"


@pytest.fixture(scope="session")
def adult(adult_dir):
    table = read_text_csv(adult_dir / "adult.csv", ";")
    assert table.column_names == ADULT_COLUMNS
    return table


@pytest.fixture(scope="session")
def adult_hierarchies(adult_dir):
    return load_hierarchies(adult_dir, ADULT_COLUMNS)
