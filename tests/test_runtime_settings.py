"""Process-wide settings: made by the program at its entry points (Arrow's allocator, numpy's huge
pages, the collector at exit), never by importing curator."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

PROBE = """
import numpy, pyarrow
{first}
from curator.runtime import configure
configure()
from numpy._core import multiarray
print(pyarrow.default_memory_pool().backend_name, multiarray._set_madvise_hugepage(False))
"""

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="jemalloc ships in pyarrow's Linux wheels only")


SETTINGS = ("ARROW_DEFAULT_MEMORY_POOL", "NUMPY_MADVISE_HUGEPAGE", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
            "MALLOC_ARENA_MAX")


def _clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in SETTINGS}


def _probe(first: str = "", **env: str) -> list[str]:
    output = subprocess.run([sys.executable, "-c", PROBE.format(first=first)], env={**_clean_environment(), **env},
                            capture_output=True, text=True, check=True)
    assert output.stderr == ""      # no warning from Arrow about its allocator
    return output.stdout.split()


def test_importing_curator_changes_nothing_in_the_process():
    probe = ("import gc, os; environ = dict(os.environ); "
             "import curator, curator.load, curator.pipeline, curator.cli; "
             "import pyarrow; from numpy._core import multiarray; "
             "assert os.environ == environ, set(os.environ.items()) ^ set(environ.items()); "
             "assert gc.isenabled(); "
             "print(pyarrow.default_memory_pool().backend_name, multiarray._set_madvise_hugepage(True))")
    clean = _clean_environment()
    output = subprocess.run([sys.executable, "-c", probe], env=clean, capture_output=True, text=True, check=True)
    default_pool = subprocess.run([sys.executable, "-c", "import pyarrow; print(pyarrow.default_memory_pool().backend_name)"],
                                  env=clean, capture_output=True, text=True, check=True).stdout.split()
    # numpy's switch still at its own default (huge pages asked for), Arrow on its own default pool.
    assert output.stdout.split() == [*default_pool, "True"]


@linux_only
def test_configure_allocates_arrow_memory_with_jemalloc_and_numpy_without_huge_pages():
    # pyarrow and numpy imported before configure(), with a buffer already allocated: still switched.
    assert _probe("pyarrow.array([1, 2])") == ["jemalloc", "False"]


def test_the_users_own_settings_win():
    assert _probe(ARROW_DEFAULT_MEMORY_POOL="system", NUMPY_MADVISE_HUGEPAGE="1") == ["system", "True"]


@linux_only
def test_the_program_configures_itself_and_spares_its_shutdown_the_collector_but_a_caller_keeps_both(tmp_path):
    """`curator ...` (cli.main run as the program) makes its settings before any verb imports pyarrow,
    and freezes what is left once its command is done (its shutdown then skips the collector's passes
    over every object); main(argv) called from Python leaves the process as it was."""
    from curator.cli import main

    probe = ("import gc, os, sys; from curator.cli import main; assert 'pyarrow' not in sys.modules; code = main(); "
             "import pyarrow; sys.stdout.write(f'{code} {gc.get_freeze_count() > 0} '"
             "f'{os.environ.get(\"NUMPY_MADVISE_HUGEPAGE\")} {pyarrow.default_memory_pool().backend_name}')")
    table = tmp_path / "t.csv"
    table.write_text("a;b\n1;2\n", encoding="utf-8")
    output = subprocess.run([sys.executable, "-c", probe, "inspect", str(table), "--json"],
                            env=_clean_environment(), capture_output=True, text=True, check=True)
    assert output.stdout.split()[-4:] == ["0", "True", "0", "jemalloc"]
    import gc

    frozen_before, environ = gc.get_freeze_count(), dict(os.environ)
    assert main(["inspect", str(table), "--json"]) == 0
    assert gc.get_freeze_count() == frozen_before
    assert dict(os.environ) == environ


FREED = """
import sys
import numpy
if sys.argv[1] == "configure":
    from curator.runtime import configure
    configure()
def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096
first = numpy.ones(30 << 17)        # 30 MiB, freed: glibc's own threshold would rise to it
del first
before = resident()
arrays = [numpy.ones(3 << 20) for _ in range(4)]       # 4 blocks of 24 MiB
after = [numpy.ones(10) for _ in range(1000)]          # small blocks above them, still in use
del arrays
print((resident() - before) >> 20)
"""

BATCHES = """
import resource, sys
import numpy
if sys.argv[1] == "configure":
    from curator.runtime import configure
    configure()
elif sys.argv[1] == "4 MiB":
    import ctypes
    ctypes.CDLL(None).mallopt(-3, 4 << 20)          # M_MMAP_THRESHOLD: curator's setting before
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(50):
    batch = numpy.ones(1 << 20)                        # 8 MiB: a streamed batch's pseudonyms' text
    del batch
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)
"""


def _run(script: str, *argv: str, **env: str) -> int:
    return int(subprocess.run([sys.executable, "-c", script, *argv], env={**_clean_environment(), **env},
                              capture_output=True, text=True, check=True).stdout)


glibc_only = pytest.mark.skipif(sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc")


@glibc_only
def test_configure_has_large_freed_arrays_given_back_to_the_system():
    """Without it, glibc serves numpy's 24 MiB arrays from its heap once a larger one was freed, and
    keeps their 96 MiB after they are freed; with it, they are mapped apart and unmapped. Helper
    processes inherit the setting, and the user's own wins."""
    assert _run(FREED, "as is") >= 90
    assert _run(FREED, "configure") < 16
    probe = ("import os; from curator.runtime import configure; configure(); "
             "print(*(os.environ[v] for v in ('MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_', 'MALLOC_ARENA_MAX')))")

    def setting(**env: str) -> str:
        return subprocess.run([sys.executable, "-c", probe], env={**_clean_environment(), **env}, capture_output=True,
                              text=True, check=True).stdout.strip()

    assert setting() == f"{16 << 20} {64 << 20} 2"
    assert setting(MALLOC_MMAP_THRESHOLD_="131072") == f"131072 {64 << 20} 2"


@glibc_only
def test_configure_keeps_a_batchs_freed_arrays_for_the_next_batch():
    """A streamed batch's 8 MiB arrays, allocated and freed batch after batch: mapped apart, each is
    faulted in afresh (2,048 faults of 4 KiB); kept in the heap, only the first."""
    mapped_apart = _run(BATCHES, "4 MiB", NUMPY_MADVISE_HUGEPAGE="0")    # as configure() sets it
    kept = _run(BATCHES, "configure")
    assert mapped_apart > 50 * 2000
    assert kept < mapped_apart / 10
