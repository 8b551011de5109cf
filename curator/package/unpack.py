"""Open a package on the hub's side: verify, decrypt every member aside, check it, then move it in.

age (pyrage as well as the stock tool) writes plaintext before it notices a truncated or altered
ciphertext, so each member is decrypted into a private staging folder (0700, beside the output for
the rename, locked by this run and cleared by the next if this one is killed) and its size and SHA-256
are compared with the signed manifest and the encrypted digest list. Only when every member has
passed does anything move into the output folder; on any failure the folder receives nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import minisign
import pyrage

from curator.errors import InputError, Location, VerificationError
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package import manifest as mf
from curator.package.agestream import AgeError, decrypt_stream
from curator.package.ledger import open_ledger
from curator.package.tarstream import Entry
from curator.package.verify import verify_file
from curator.progress import ProgressCallback, report, scaled
from curator.workspace import create_private, private_folder, publish, publish_folder

_EMPTY_FOLDER = Text(QT_TRANSLATE_NOOP("core", "Choose an empty folder."))
_NOT_OPENED = Text(QT_TRANSLATE_NOOP("core", "Nothing was written to the output folder. Ask the producer to send the "
                                             "package again."))


def _identities(identity: pyrage.x25519.Identity | Sequence[pyrage.x25519.Identity]) -> list[pyrage.x25519.Identity]:
    if isinstance(identity, pyrage.x25519.Identity):
        return [identity]
    return list(identity)


def open_package(path: Path | str, identity: pyrage.x25519.Identity | Sequence[pyrage.x25519.Identity],
                 signer: minisign.PublicKey | Path | str, out_dir: Path | str,
                 progress: ProgressCallback | None = None, ledger: Path | str | None = None) -> list[Path]:
    """Verify ``path``, decrypt its members with ``identity`` into ``out_dir``; return the files written.

    ``out_dir`` receives the payload members, manifest.json and its signature(s), each 0600 (the
    folder is made 0700 when it does not exist). The package is opened once: what is verified is
    what is written — manifest.json and its signatures as they were checked, each member from the
    same descriptor with its ciphertext digest taken on the very bytes decrypted — so a file
    rewritten or replaced meanwhile is refused or opened as verified, never otherwise. With
    ``ledger``, a submission already recorded there is refused and a new one is recorded (see
    :mod:`curator.package.ledger`). Raises VerificationError when the package is not authentic,
    complete and intact, was not addressed to ``identity``, or was opened before; InputError when
    ``out_dir`` already holds files of the same names.
    """
    path, out_dir = Path(path), Path(out_dir)
    identities = _identities(identity)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, once every member is out
    except OSError as exc:
        raise VerificationError(Text(QT_TRANSLATE_NOOP("core", "cannot read the package ({reason})"),
                                     reason=exc.strerror), Location(file=path), hint=_NOT_OPENED) from exc
    with handle, ExitStack() as stack:
        result = verify_file(handle, signer, scaled(progress, 0.0, 0.3))
        if not result.ok or result.manifest is None:
            raise VerificationError(Text(QT_TRANSLATE_NOOP("core", "the package failed verification; it was not "
                                                                   "opened")),
                                    Location(file=path), hint=_NOT_OPENED, details=result.problems)
        manifest = result.manifest
        _check_addressed(manifest, identities, path)
        if out_dir.exists() and not out_dir.is_dir():
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the output should be a folder, and this is a file")),
                             Location(file=out_dir),
                             hint=Text(QT_TRANSLATE_NOOP("core", "Give a new or empty folder with -o.")))
        kept = [mf.MANIFEST_NAME, mf.SIGNATURE_NAME] + ([mf.CMS_NAME] if manifest.get("cms") else [])
        outputs = [member["name"] for member in manifest["members"]] + kept
        clashes = [name for name in outputs if os.path.lexists(out_dir / name)]
        if clashes:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the output folder already holds {names}; curator never "
                                                            "overwrites"), names=", ".join(clashes)),
                             Location(file=out_dir), hint=_EMPTY_FOLDER)
        book = stack.enter_context(open_ledger(ledger)) if ledger is not None else None
        if book is not None:
            book.refuse_if_opened(manifest, path)

        staging_parent = out_dir if out_dir.is_dir() else out_dir.parent
        staging_parent.mkdir(parents=True, exist_ok=True)
        with private_folder("open", beside=staging_parent) as staging:
            _decrypt_all(handle, result.entries, manifest, identities, staging, scaled(progress, 0.3, 1.0))
            for name in kept:
                with create_private(staging / name) as out:
                    out.write(result.verified[name])
            written = _move_all(staging, out_dir, outputs)
        if book is not None:
            book.record(manifest, path, manifest["signer"]["minisign_key_id"])
    report(progress, 1.0, QT_TRANSLATE_NOOP("core", "opened"))
    return written


def _check_addressed(manifest: dict[str, Any], identities: list[pyrage.x25519.Identity], path: Path) -> None:
    named = {r["key"] for r in manifest["recipients"]}
    mine = [str(i.to_public()) for i in identities]
    if not named & set(mine):
        raise VerificationError(
            Text(QT_TRANSLATE_NOOP("core", "this package is not addressed to your key ({key}); the producer "
                                           "addressed it to {recipients}"),
                 key=mine[0], recipients=", ".join(r["fingerprint"] for r in manifest["recipients"])),
            Location(file=path),
            hint=Text(QT_TRANSLATE_NOOP("core", "Open it with the identity whose public key the producer used, or ask "
                                                "for a package made for your key.")))


def _fail(path_name: str, message: str) -> VerificationError:
    return VerificationError(Text(QT_TRANSLATE_NOOP("core", "{name}: {problem}"), name=path_name, problem=message),
                             hint=_NOT_OPENED)


def _decrypt_member(handle: Any, entry: Entry, expected_sha256: str, identities: list[pyrage.x25519.Identity],
                    target: Path, on_bytes: Any = None) -> tuple[int, str]:
    handle.seek(entry.data_offset)
    try:
        with create_private(target) as out:
            cipher_sha256, size, sha256 = decrypt_stream(handle, entry.size, out, identities, on_bytes)
    except AgeError as exc:
        raise _fail(entry.name, Text(QT_TRANSLATE_NOOP("core", "cannot be decrypted ({reason}): it is damaged, or not "
                                                              "encrypted to your key"), reason=str(exc))) from exc
    # The file may have changed since it was verified: the ciphertext read now must be the signed one.
    if cipher_sha256 != expected_sha256:
        raise _fail(entry.name, Text(QT_TRANSLATE_NOOP("core", "changed while it was being opened (SHA-256 differs "
                                                              "from the signed manifest)")))
    return size, sha256


def _decrypt_all(handle: Any, entries: dict[str, Entry], manifest: dict[str, Any],
                 identities: list[pyrage.x25519.Identity], staging: Path,
                 progress: ProgressCallback | None) -> None:
    digests_name = manifest["digests"]["file"]
    _decrypt_member(handle, entries[digests_name], manifest["digests"]["encrypted"]["sha256"], identities,
                    staging / digests_name)
    digests = _read_digests(staging / digests_name, manifest)
    (staging / digests_name).unlink()

    total = sum(member["encrypted"]["size"] for member in manifest["members"]) or 1
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        report(progress, done / total, QT_TRANSLATE_NOOP("core", "decrypting"))

    for member in manifest["members"]:
        name = member["name"]
        size, sha256 = _decrypt_member(handle, entries[member["file"]], member["encrypted"]["sha256"], identities,
                                       staging / name, advance)
        expected = digests[name]
        if size != member["size"] or size != expected.get("size"):
            raise _fail(member["file"], Text(QT_TRANSLATE_NOOP("core", "decrypts to {size} bytes where the manifest "
                                                                      "says {expected}"),
                                             size=size, expected=member["size"]))
        if sha256 != expected.get("sha256"):
            raise _fail(member["file"], Text(QT_TRANSLATE_NOOP("core", "decrypts to content whose SHA-256 differs "
                                                                      "from the producer's digest list")))


def _read_digests(path: Path, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    where = manifest["digests"]["file"]
    with open(path, "rb") as handle:
        data = handle.read(mf.DIGESTS_MAX_BYTES + 1)
    try:
        digests = mf.load_json(data, mf.DIGESTS_NAME, mf.DIGESTS_MAX_BYTES)
    except ValueError as exc:
        raise _fail(where, Text(QT_TRANSLATE_NOOP("core", "does not hold the producer's digest list ({reason})"),
                                reason=str(exc))) from exc
    if (not isinstance(digests, dict) or digests.get("format") != mf.DIGESTS_FORMAT
            or mf.canonical_json(digests) != data):
        raise _fail(where, Text(QT_TRANSLATE_NOOP("core", "does not hold the producer's digest list in the form "
                                                         "curator writes")))
    if digests.get("submission_id") != manifest["submission_id"]:
        raise _fail(where, Text(QT_TRANSLATE_NOOP("core", "belongs to submission {found}, not to {expected}"),
                                found=digests.get("submission_id"), expected=manifest["submission_id"]))
    listed = {str(d.get("name")): d for d in digests.get("members", []) if isinstance(d, dict)}
    names = [member["name"] for member in manifest["members"]]
    if sorted(listed) != sorted(names):
        raise _fail(where, Text(QT_TRANSLATE_NOOP("core", "lists other members than the manifest")))
    return listed


def _move_all(staging: Path, out_dir: Path, names: list[str]) -> list[Path]:
    """Move every checked file into ``out_dir``: a new ``out_dir`` is the staging folder renamed (all at once,
    0700); into an existing one, file by file, never over a file that appeared meanwhile, and if one
    move fails, those already moved are taken back."""
    if staging.parent == out_dir.parent and publish_folder(staging, out_dir):
        return [out_dir / name for name in names]
    created_dir = not out_dir.exists()
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    moved: list[Path] = []
    try:
        for name in names:
            target = out_dir / name
            try:
                publish(staging / name, target)
            except InputError as exc:
                raise InputError(Text(QT_TRANSLATE_NOOP("core", "a file of this name appeared in the output folder "
                                                                "while opening")),
                                 Location(file=target), hint=_EMPTY_FOLDER) from exc
            moved.append(target)
    except BaseException:
        for target in moved:
            target.unlink(missing_ok=True)
        if created_dir:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
    return moved
