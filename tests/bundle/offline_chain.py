"""Run the demo chain and the app's start-up with every way of reaching the network made to fail loudly.

Run as a script in a fresh interpreter (tests/bundle/test_offline.py does), so the guard is in
place before curator, pyarrow or Qt is imported:

    python tests/bundle/offline_chain.py OUT_DIR

Prints one JSON object: the stages that ran, whether the app started, every network attempt seen
(an attempt the code caught and swallowed is still recorded), and whether the guard, probed at the
end, still refuses a connection.
"""

from __future__ import annotations

import json
import socket
import sys
import traceback
from pathlib import Path

attempts: list[str] = []


class NetworkAttempt(RuntimeError):
    """Raised by the guard: the program tried to open a network connection."""


def _refuse(what: str):
    def refuse(*args, **kwargs):
        attempts.append(f"{what}{args[1:] if what == 'socket.socket()' else args}")
        raise NetworkAttempt(f"curator must not use the network: {what} was called")
    return refuse


def _audit(event: str, args: tuple) -> None:
    # Audit events see what the patches below cannot: sockets made by C extensions through
    # Python's socket module, and DNS or URL opening by any path.
    if event in {"socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo", "socket.gethostbyname",
                 "socket.gethostbyaddr", "urllib.Request", "http.client.connect", "ftplib.connect",
                 "smtplib.connect", "webbrowser.open"}:
        attempts.append(f"{event}{args!r}")
        raise NetworkAttempt(f"curator must not use the network: audit event {event}")


def install_guard() -> None:
    socket.socket.__init__ = _refuse("socket.socket()")  # type: ignore[method-assign]
    socket.create_connection = _refuse("socket.create_connection")
    socket.getaddrinfo = _refuse("socket.getaddrinfo")
    socket.gethostbyname = _refuse("socket.gethostbyname")
    socket.socketpair = _refuse("socket.socketpair")
    sys.addaudithook(_audit)


def guard_still_refuses() -> bool:
    """The control: a connection attempt must be refused, else the guard proves nothing."""
    import urllib.request

    refused = 0
    for attempt in (lambda: socket.create_connection(("192.0.2.1", 9)),
                    lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
                    lambda: urllib.request.urlopen("http://192.0.2.1/", timeout=1)):
        try:
            attempt()
        except NetworkAttempt:
            refused += 1
        except OSError:
            pass
    return refused == 3


def main(out_dir: Path) -> dict:
    install_guard()
    report: dict = {"stages": [], "gui": None, "error": None}
    try:
        from curator.demo import run_demo

        result = run_demo(out_dir, say=lambda line: None)
        report["stages"] = [name for name, ok, _ in result.stages if ok]
        report["opened_files"] = sorted(p.name for p in result.opened.iterdir())

        import ui.app

        report["gui"] = bool(ui.app.smoke_test())
    except Exception as exc:
        report["error"] = f"{type(exc).__name__}: {exc}"
        report["traceback"] = traceback.format_exc()
    report["attempts"] = list(attempts)
    attempts.clear()
    report["guard_refuses"] = guard_still_refuses()
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
