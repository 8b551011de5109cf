"""Static check: the program's code holds no network client, updater or telemetry.

Reads every module of curator/, ui/ and the bundle's entry scripts with `ast`, so an import hidden in
a function or made through importlib is found too, and scans the text for Qt's network classes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

NETWORK_MODULES = {
    "socket", "ssl", "socketserver", "http.client", "http.server", "urllib.request", "urllib3", "requests",
    "httpx", "aiohttp", "websocket", "websockets", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib",
    "xmlrpc", "webbrowser", "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets", "PySide6.QtNetworkAuth",
    # updaters and telemetry
    "sentry_sdk", "posthog", "mixpanel", "analytics", "segment", "bugsnag", "rollbar", "opentelemetry",
    "pyupdater", "tufup", "esky",
}
# Qt's network classes, and calls that open a connection or a URL, however they were imported.
NETWORK_TEXT = re.compile(
    r"\bQ(NetworkAccessManager|NetworkRequest|TcpSocket|UdpSocket|SslSocket|WebSocket|LocalServer|HttpServer)\b"
    r"|\.urlopen\(|\bcreate_connection\(|\bsocket\.(socket|connect)\b|\.connect_ex\("
    r"|openUrl\(\s*QUrl\(\s*[\"']https?:"
)


def _source_files(repo_root: Path) -> list[Path]:
    files = [*sorted((repo_root / "curator").rglob("*.py")), *sorted((repo_root / "ui").rglob("*.py")),
             *sorted((repo_root / "build_spec").glob("*.py"))]
    return [f for f in files if "__pycache__" not in f.parts]


def _imported_modules(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"import_module", "__import__"}):
            found.append((node.args[0].value, node.lineno))
    return found


def _is_network_module(name: str) -> bool:
    return any(name == banned or name.startswith(banned + ".") for banned in NETWORK_MODULES)


def find_network_use(files: list[Path], root: Path) -> list[str]:
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(root)
        for name, line in _imported_modules(ast.parse(text, filename=str(path))):
            if _is_network_module(name):
                problems.append(f"{where}:{line}: imports {name}")
        for number, line_text in enumerate(text.splitlines(), start=1):
            match = NETWORK_TEXT.search(line_text)
            if match:
                problems.append(f"{where}:{number}: {match.group(0)}")
    return problems


def test_program_code_has_no_network_client_updater_or_telemetry(repo_root: Path) -> None:
    files = _source_files(repo_root)
    assert len(files) > 10, "the scan found almost no code: wrong folder?"
    assert find_network_use(files, repo_root) == []


@pytest.mark.parametrize("snippet", [
    "import urllib.request\n",
    "from http.client import HTTPSConnection\n",
    "import requests\n",
    "def f():\n    import socket\n",
    "from importlib import import_module\nm = import_module('PySide6.QtNetwork')\n",
    "from ui.qt import QNetworkAccessManager\n",
    "import sentry_sdk\n",
    "x = urllib.request.urlopen('http://example.org')\n",
])
def test_the_scan_catches_each_kind_of_network_use(tmp_path: Path, snippet: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(snippet, encoding="utf-8")
    assert find_network_use([module], tmp_path) != []


def test_the_scan_leaves_local_file_code_alone(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("import urllib.parse\nfrom pathlib import Path\nQDesktopServices.openUrl(QUrl.fromLocalFile('x'))\n",
                      encoding="utf-8")
    assert find_network_use([module], tmp_path) == []
