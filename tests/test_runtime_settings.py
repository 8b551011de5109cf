"""Process-wide settings made on importing curator: Arrow's allocator and numpy's huge pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import numpy, pyarrow
{first}
import curator
from numpy._core import multiarray
print(pyarrow.default_memory_pool().backend_name, multiarray._set_madvise_hugepage(False))
"""


def _probe(first: str = "", **env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("ARROW_DEFAULT_MEMORY_POOL", "NUMPY_MADVISE_HUGEPAGE")}
    output = subprocess.run([sys.executable, "-c", PROBE.format(first=first)], env={**clean, **env},
                            capture_output=True, text=True, check=True)
    assert output.stderr == ""      # no warning from Arrow about its allocator
    return output.stdout.split()


@pytest.mark.skipif(sys.platform != "linux", reason="jemalloc ships in pyarrow's Linux wheels only")
def test_curator_allocates_arrow_memory_with_jemalloc_and_numpy_without_huge_pages():
    # pyarrow and numpy imported before curator, with a buffer already allocated: still switched.
    assert _probe("pyarrow.array([1, 2])") == ["jemalloc", "False"]


def test_the_users_own_settings_win():
    assert _probe(ARROW_DEFAULT_MEMORY_POOL="system", NUMPY_MADVISE_HUGEPAGE="1") == ["system", "True"]


def test_the_program_spares_its_shutdown_the_collector_but_a_caller_in_process_keeps_it(tmp_path):
    """`curator ...` freezes what is left once its command is done (its shutdown then skips the
    collector's passes over every object); main(argv) called from Python leaves the collector alone."""
    from curator.cli import main

    probe = ("import gc, sys; from curator.cli import main; code = main(); "
             "sys.stdout.write(f'{code} {gc.get_freeze_count() > 0}')")
    table = tmp_path / "t.csv"
    table.write_text("a;b\n1;2\n", encoding="utf-8")
    output = subprocess.run([sys.executable, "-c", probe, "inspect", str(table), "--json"],
                            capture_output=True, text=True, check=True)
    assert output.stdout.endswith("0 True")
    import gc

    frozen_before = gc.get_freeze_count()
    assert main(["inspect", str(table), "--json"]) == 0
    assert gc.get_freeze_count() == frozen_before
