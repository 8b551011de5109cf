"""`curator selftest`: the demo chain inside the running program, a pass/fail line per stage."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from importlib import import_module

from curator.demo import run_demo
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
    gui_ok = _gui_starts()
    print(("PASS" if gui_ok else "FAIL") + " [     gui] the main window starts offscreen and the guide opens at a step")
    return 0 if gui_ok else 1


def _gui_starts() -> bool:
    try:
        app = import_module("ui.app")
        smoke = getattr(app, "smoke_test", None)
        return bool(smoke()) if smoke else True
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return False
