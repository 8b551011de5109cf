"""Map's one-time costs paid ahead: the shipped vocabulary, its code lists and their indexes.

Loading a code list (tens of thousands of codes) and indexing it are Python loops that hold the
GIL: met for the first time while a large file is analysed, they froze the app's window. The
app runs this on a thread as its window shows (see ``ui.app``).
"""

from __future__ import annotations

import pyarrow as pa

from curator.mapping.codes import code_index
from curator.mapping.columns import suggest_columns
from curator.mapping.loader import load_vocabulary


def warm_up() -> None:
    """Load and index the shipped vocabulary now; safe from any thread, any number of times."""
    vocabulary = load_vocabulary()
    for code_list in vocabulary.code_lists.values():
        if code_list.available:
            code_index(code_list)
    suggest_columns(pa.table({"date de naissance": pa.array(["03/04/1950", "1962-11-30"], pa.string()),
                              "code postal": pa.array(["75015", "2A004"], pa.string())}), vocabulary)
