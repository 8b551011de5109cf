"""`curator selftest`: the demo chain inside the running program, a pass/fail line per stage."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from importlib import import_module
from pathlib import Path

from curator.demo import run_demo
from curator.errors import InputError
from curator.load import guarded, read_file
from curator.resources import demo_xlsx
from curator.workspace import private_folder

STAGES = ("keys", "read", "identify", "map", "protect", "package", "verify", "open")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    done: list[str] = []

    def say(line: str) -> None:
        done.append(line)
        print("PASS " + line)

    # The demo writes plaintext (the opened package): in this run's private work folder, cleared even after a kill.
    with private_folder("selftest") as tmp:
        try:
            run_demo(tmp, say=say)
        except Exception as exc:  # the self-test reports any failure as a failed stage, never a traceback
            failed = STAGES[len(done)] if len(done) < len(STAGES) else "?"
            print(f"FAIL [{failed:>8}] {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
            return 1
        try:
            print(f"PASS [workbook] {_guarded_workbook(tmp)}")
        except Exception as exc:  # a failed stage, never a traceback
            print(f"FAIL [workbook] {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
            return 1
    gui_ok = _gui_starts()
    print(("PASS" if gui_ok else "FAIL") + " [     gui] the main window starts offscreen and the guide opens at a step")
    return 0 if gui_ok else 1


def _guarded_workbook(tmp: Path) -> str:
    """The demo workbook read in a guarded reader process (a frozen program starts one as its entry
    point allows, else reads unguarded), and a damaged copy refused with a clean error from there."""
    source = demo_xlsx()
    loaded = read_file(source)
    readers = guarded.kept_readers()
    if not readers:
        raise RuntimeError("the workbook was read in this process: no guarded reader process could start")
    damaged = tmp / "damaged.xlsx"
    data = source.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    try:
        read_file(damaged)
    except InputError as error:
        refused = str(error).splitlines()[0].removeprefix(f"{damaged}: ")
    else:
        raise RuntimeError("a workbook cut in half was read without an error")
    return (f"{source.name}: {loaded.table.num_rows} rows × {loaded.table.num_columns} columns read in reader "
            f"process {readers[0]}; a copy cut in half refused: {refused}")


def _gui_starts() -> bool:
    try:
        app = import_module("ui.app")
        smoke = getattr(app, "smoke_test", None)
        return bool(smoke()) if smoke else True
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return False
