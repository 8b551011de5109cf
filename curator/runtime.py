"""Process-wide settings the program makes for itself, at its entry points only.

``configure()`` is called first thing by the command line (``curator.cli.main`` run as the
program), the desktop app (``ui.app.main``) and the frozen executables (``build_spec/entry_*.py``).
Importing ``curator`` changes nothing in the process: a caller that uses curator as a library
keeps its own allocator, numpy settings and garbage collector.

Each setting is numpy's, Arrow's or glibc's own environment variable, so a value the user set wins, and
helper processes started afterwards (``curator.protect._pool``) inherit it. Each is read when
their library first needs them, so ``configure()`` runs before anything imports pyarrow or numpy;
a library imported earlier is switched through its own call instead.
Figures: benchmarks/README.md.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import platform
import sys
import traceback
from typing import Any

__all__ = ["configure", "freeze_support", "helpers_allowed"]

_frozen_ready = False


def freeze_support() -> None:
    """For a frozen executable's entry point, first thing: lets helper processes start (and allows them)."""
    global _frozen_ready
    import multiprocessing  # only the frozen entry points call this

    multiprocessing.freeze_support()
    _frozen_ready = True


def helpers_allowed() -> bool:
    """Whether helper processes may be started: always from source; frozen, once the entry point
    called :func:`freeze_support` (a frozen child would otherwise run the whole program again)."""
    return not getattr(sys, "frozen", False) or _frozen_ready


def configure() -> None:
    """Make the program's allocation choices (idempotent; the user's environment wins)."""
    _numpy_without_huge_pages()
    _arrow_jemalloc_on_linux()
    _glibc_large_blocks_returned()
    _quiet_undecodable_csv_rows()


def _quiet_undecodable_csv_rows() -> None:
    """Keep pyarrow's "Exception ignored" report of a ragged CSV row that is not UTF-8 off stderr.

    pyarrow decodes such a row as UTF-8 before handing it to the reader's handler; when that fails it
    prints the UnicodeDecodeError as unraisable and then fails the read with "Expected N columns",
    which the reader turns into a message of its own (re-read in the file's code page, or the ragged
    line named). The printed traceback would only alarm the user. Every other unraisable exception
    still reaches the hook that was there.
    """
    previous = sys.unraisablehook
    if getattr(previous, "curator_csv_rows", False):
        return

    def hook(unraisable: Any) -> None:
        frames = traceback.extract_tb(unraisable.exc_traceback) if unraisable.exc_traceback else []
        if isinstance(unraisable.exc_value, UnicodeDecodeError) and any(
                frame.name == "pyarrow._csv._handle_invalid_row" or frame.name == "_handle_invalid_row"
                for frame in frames):
            return
        previous(unraisable)

    hook.curator_csv_rows = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook


def _numpy_without_huge_pages() -> None:
    """Keep numpy from asking Linux for transparent huge pages on its large arrays.

    With the common "madvise" setting, each huge page numpy asks for is faulted in by direct
    compaction and zeroing, which costs more system time than profiling a large file does.
    curator's large arrays live for milliseconds, where huge pages only cost.
    NUMPY_MADVISE_HUGEPAGE, numpy's own switch, is read when numpy is imported.
    """
    if "NUMPY_MADVISE_HUGEPAGE" in os.environ:
        return
    os.environ["NUMPY_MADVISE_HUGEPAGE"] = "0"   # for numpy imported from here on, helpers included
    if sys.modules.get("numpy") is None:
        return
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        setter = getattr(sys.modules.get(module), "_set_madvise_hugepage", None)
        if setter is not None:
            setter(False)
            return


def _arrow_jemalloc_on_linux() -> None:
    """Have pyarrow allocate through jemalloc on Linux, where its wheels carry it.

    Its default there, mimalloc, hands freed memory back to the system at once, so the next
    column's buffers are faulted in afresh: reading a large file spends much more system time,
    and a headless apply peaks higher. ARROW_DEFAULT_MEMORY_POOL, pyarrow's own switch, is read
    when its first buffer is allocated.
    """
    if sys.platform != "linux" or "ARROW_DEFAULT_MEMORY_POOL" in os.environ:
        return
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "jemalloc"
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None:
        with contextlib.suppress(NotImplementedError):   # a pyarrow built without it keeps its default
            pyarrow.set_memory_pool(pyarrow.jemalloc_memory_pool())


MMAP_THRESHOLD = 16 << 20    # bytes: glibc maps blocks from this size apart, and unmaps them when freed
TRIM_THRESHOLD = 64 << 20    # bytes: the free memory at the top of a glibc heap kept for the next blocks
ARENA_MAX = 2                # glibc heaps shared by the threads (its default: eight per core)
M_TRIM_THRESHOLD = -1        # mallopt's parameter numbers, from glibc's malloc.h
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8


def _glibc_large_blocks_returned() -> None:
    """Have glibc's malloc (numpy's arrays) give large freed blocks back to the system, and keep the
    batch-sized ones for the next batch.

    By default glibc raises the size from which it maps a block apart each time such a block is
    freed, up to 32 MiB: after the first few, arrays of millions of rows come from its heaps, whose
    freed pages it keeps, so that the process holds the high-water mark of every step before. A
    fixed threshold (M_MMAP_THRESHOLD, or MALLOC_MMAP_THRESHOLD_ for helper processes) stops that.
    It is set above a streamed batch's arrays (131,072 pseudonyms are 8 MiB of text), which would
    otherwise be mapped, faulted in page by page and unmapped again for every batch; the free top of
    a heap is kept up to M_TRIM_THRESHOLD for the same reason (glibc's fixed default is 128 KiB).
    Each thread's heap keeps that much: M_ARENA_MAX has the threads share two heaps (the apply's
    threads allocate a few large blocks per batch, so they seldom wait for each other's).
    """
    if sys.platform != "linux" or platform.libc_ver()[0] != "glibc":
        return
    mallopt = ctypes.CDLL(None).mallopt
    for variable, parameter, value in (("MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD, MMAP_THRESHOLD),
                                       ("MALLOC_TRIM_THRESHOLD_", M_TRIM_THRESHOLD, TRIM_THRESHOLD),
                                       ("MALLOC_ARENA_MAX", M_ARENA_MAX, ARENA_MAX)):
        if variable in os.environ:
            continue
        os.environ[variable] = str(value)   # for the processes started from here on
        mallopt(parameter, value)
