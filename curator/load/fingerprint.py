"""The source fingerprint: SHA-256 streamed from the file, computed beside the read."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

CHUNK_BYTES = 4 * 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


class BackgroundDigest:
    """Hash a file on a thread while the reader parses it (hashlib releases the GIL on big updates)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._result: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="curator-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = sha256_file(self._path)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread by result()
            self._error = error

    def result(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result
