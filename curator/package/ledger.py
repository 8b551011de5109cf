"""The hub's ledger of opened submissions: a package opened once is never opened again unnoticed.

A signed package stays valid for ever, so a copy sent again (by mistake, or by someone replaying
an old submission) verifies as well as the first. ``curator open --ledger FILE`` looks the
submission id up in FILE before decrypting anything and refuses one already there; once the
package is opened it adds a line. The file is JSON Lines, one object per opened submission
(``submission_id``, ``created``, ``opened``, ``signer``, ``package``); it is rewritten whole
through :func:`curator.workspace.write_atomic`, under a lock on ``FILE.lock`` held from the check
to the record, so two opens of the same submission at once cannot both pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location, VerificationError
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.workspace import locked, write_atomic


class Ledger:
    """The ledger file, read and locked; see :func:`open_ledger`."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._text = text
        self.entries: dict[str, dict[str, Any]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                submission = str(entry["submission_id"])
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "this is not a ledger of opened submissions")),
                                 Location(file=path, line=number),
                                 hint=Text(QT_TRANSLATE_NOOP("core", "Give the ledger file curator keeps (one JSON "
                                                                     "object per line), or a new file name."))) from exc
            self.entries[submission] = entry

    def refuse_if_opened(self, manifest: dict[str, Any], package: Path) -> None:
        """Raise VerificationError when this submission was opened before."""
        before = self.entries.get(str(manifest["submission_id"]))
        if before is None:
            return
        raise VerificationError(
            Text(QT_TRANSLATE_NOOP("core", "submission {submission} (created {created}) was already opened on "
                                           "{opened}: this package is a copy sent again, or a replay; it was not "
                                           "opened"),
                 submission=manifest["submission_id"], created=manifest.get("created"), opened=before.get("opened")),
            Location(file=package),
            hint=Text(QT_TRANSLATE_NOOP("core", "Use the data opened the first time (ledger {ledger}); ask the "
                                                "producer for a new submission if the data changed."),
                      ledger=str(self.path)))

    def record(self, manifest: dict[str, Any], package: Path, signer_key_id: str) -> None:
        """Add this submission, the file rewritten atomically."""
        entry = {"submission_id": manifest["submission_id"], "created": manifest.get("created"),
                 "opened": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                 "signer": signer_key_id, "package": Path(package).name}
        text = self._text
        if text and not text.endswith("\n"):
            text += "\n"
        text += json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        write_atomic(self.path, text, overwrite=True)
        self._text = text
        self.entries[entry["submission_id"]] = entry


@contextmanager
def open_ledger(path: Path | str) -> Iterator[Ledger]:
    """The ledger at ``path`` (empty if the file does not exist yet), locked until the block ends."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path.with_name(path.name + ".lock")):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "cannot read the ledger ({reason})"),
                                  reason=getattr(exc, "strerror", None) or str(exc)), Location(file=path)) from exc
        yield Ledger(path, text)
