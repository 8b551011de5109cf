"""curator: offline curation of health-data exports (Load → Map → Protect → Check → Export).

The core is plain Python over pyarrow tables. It never imports Qt: the desktop app in ``ui/``
and the command line in :mod:`curator.cli` are two faces of it.
"""

import contextlib
import os
import sys

__version__ = "0.1.0"


def _numpy_without_huge_pages() -> None:
    """Keep numpy from asking Linux for transparent huge pages on its large arrays.

    With the common "madvise" setting, each huge page numpy asks for is faulted in by direct
    compaction and zeroing of 2 MiB: on a 1.5M-row file, reading and profiling spent 2.5 s of
    system time in it (0.7 s without), more than the profile's own work. curator's large arrays
    live for milliseconds, where huge pages only cost. NUMPY_MADVISE_HUGEPAGE, numpy's own switch,
    is read when numpy is imported; set by the user, it wins.
    """
    if "NUMPY_MADVISE_HUGEPAGE" in os.environ:
        return
    os.environ["NUMPY_MADVISE_HUGEPAGE"] = "0"   # for numpy imported from here on, helpers included
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        setter = getattr(sys.modules.get(module), "_set_madvise_hugepage", None)
        if setter is not None:
            setter(False)
            return


def _arrow_jemalloc_on_linux() -> None:
    """Have pyarrow allocate through jemalloc on Linux, where its wheels carry it.

    Its default there, mimalloc, hands freed memory back to the system at once, so the next
    column's buffers are faulted in afresh: reading the 1.5M-row benchmark file took 1.4 s of
    system time with it and 0.5 s with jemalloc (2.25 s and 1.7 s of wall time), and a headless
    apply peaked 80 MB lower. ARROW_DEFAULT_MEMORY_POOL, pyarrow's own switch, is read when its
    first buffer is allocated; set by the user, it wins.
    """
    if sys.platform != "linux" or "ARROW_DEFAULT_MEMORY_POOL" in os.environ:
        return
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "jemalloc"
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None:
        with contextlib.suppress(NotImplementedError):   # a pyarrow built without it keeps its default
            pyarrow.set_memory_pool(pyarrow.jemalloc_memory_pool())


_numpy_without_huge_pages()
_arrow_jemalloc_on_linux()
