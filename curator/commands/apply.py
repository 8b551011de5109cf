"""`curator apply FILE --recipe RECIPE -o PACKAGE --recipient PUBKEY ... --signing-key SECKEY [--secret F]
[--passphrase-file F] [--strict] [--report-language LANG]...`: headless curation to a signed, encrypted package.

The drift report goes to stdout before the long work starts; progress goes to stderr on a terminal.
Exit 1 when ``--strict`` stops on drift (nothing is written), 2 on bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from curator.commands._passphrase import read_passphrase
from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, InputError, Location
from curator.redact import printable

if TYPE_CHECKING:
    from curator.protect.secret import PendingSecret
    from curator.recipe.apply import ApplyResult
    from curator.recipe.submission import Submission


def _passphrases(passphrase_file: str | None) -> list[str]:
    """Lines of --passphrase-file: the first opens the secret, the second (if any) the signing key."""
    if not passphrase_file:
        return []
    first = read_passphrase(passphrase_file, "the pseudonymisation secret")
    try:
        lines = Path(passphrase_file).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the passphrase file ({exc.strerror})", Location(file=passphrase_file)) from exc
    return [first, *[line for line in lines[1:2] if line]]


def _signing_key(path: str, passphrases: list[str], passphrase_file: str | None) -> object:
    import minisign  # imported once the secret's scrypt has started (see run)

    from curator.package.keys import load_signing_key  # idem

    try:
        encrypted = minisign.SecretKey.from_bytes(Path(path).read_bytes()).is_encrypted()
    except (OSError, minisign.Error, ValueError):
        encrypted = False        # load_signing_key says precisely what is wrong with the file
    passphrase = None
    if encrypted:
        passphrase = passphrases[-1] if passphrases else read_passphrase(passphrase_file, f"the signing key {path}")
    return load_signing_key(path, passphrase)


def _cms(args: argparse.Namespace) -> tuple[Path, str | None] | None:
    """--cms P12FILE [--cms-passphrase-file F]: opened here, so that a wrong password stops before the long work."""
    if not args.cms:
        return None
    from curator.package.cms import CmsSigner  # the X.509 signature is optional

    path = Path(args.cms)
    password = (read_passphrase(args.cms_passphrase_file, f"the certificate file {path}", "--cms-passphrase-file")
                if args.cms_passphrase_file else None)
    try:
        CmsSigner.from_pkcs12(path, password)
    except InputError:
        if password is not None:
            raise
        password = read_passphrase(None, f"the certificate file {path}", "--cms-passphrase-file")
        CmsSigner.from_pkcs12(path, password)
    return path, password


def _say(text: str) -> None:
    """Print a report on stdout, clearing the progress line first when both go to the terminal."""
    if sys.stderr.isatty() and sys.stdout.isatty():
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
    # Column names and values come from the file: their control characters are shown, not obeyed.
    print(printable(text, keep_newlines=True), flush=True)


def run(args: argparse.Namespace) -> int:
    # Opened first, so that the secret's scrypt runs while the rest is imported.
    from curator.protect.secret import PendingSecret

    output = Path(args.output)
    if os.path.lexists(output):
        raise InputError("the package file exists already; curator does not overwrite a package", Location(file=output),
                         hint="Choose another name, or move the old package away first.")
    passphrases = _passphrases(args.passphrase_file)
    secret = None
    if args.secret:
        phrase = passphrases[0] if passphrases else read_passphrase(None, "the pseudonymisation secret")
        # Opened in the hashing helper while the rest is imported and the recipe, the keys and the
        # file's first rows are read; wrong passphrases are reported then. Its scrypt (a second or
        # two) starts first of all.
        secret = PendingSecret(args.secret, phrase)

    from curator.package.keys import load_recipients  # once the secret's scrypt has started
    from curator.recipe.apply import apply_recipe  # idem
    from curator.recipe.submission import Submission  # idem

    submission = Submission.load(args.recipe)
    if submission.migrated_from is not None:
        print(f"note: the recipe is in format version {submission.migrated_from}; it was upgraded in memory "
              "(save it from the app, or re-create it, to keep the new format)", file=sys.stderr)
    recipe = submission.tables[0]
    recipients = load_recipients([*args.recipient, *recipe.export.recipients])
    signing_key = _signing_key(args.signing_key, passphrases, args.passphrase_file)
    cms = _cms(args)
    if len(submission.tables) > 1 or len(args.files) > 1 or Path(args.files[0]).is_dir():
        return _apply_submission(args, submission, output, recipients, signing_key, secret, cms)

    source = Path(args.files[0])
    rows = [0]
    result = apply_recipe(source, recipe, output, recipients, signing_key, secret, strict=args.strict,
                          progress=terminal_progress("apply ", rows=lambda: rows[0]),
                          say=_say, on_rows=lambda count: rows.__setitem__(0, count),
                          cms=cms, report_languages=_report_languages(args))
    for note in result.notes:
        print(f"note: {printable(note)}")
    _print_table(result, "")
    print(f"wrote {output}: {result.rows:,} rows × {len(result.columns)} columns{_risk_text(result)}; "
          f"encrypted to {len(recipients)} recipient(s), submission {result.manifest.get('submission_id', '?')}")
    return EXIT_OK


def _report_languages(args: argparse.Namespace) -> list[str]:
    """--report-language, each language once, the first the package's main report (English by default)."""
    return list(dict.fromkeys(args.report_language or ["en"]))


def _risk_text(result: ApplyResult) -> str:
    risk = result.risk or {}
    return (f"; {risk.get('classes')} classes, {risk.get('sample_uniques')} unique {risk.get('unit', 'records')}"
            if risk else "")


def _print_table(result: ApplyResult, indent: str) -> None:
    if result.skipped:
        print(f"{indent}Skipped:")
        for line in result.skipped:
            print(f"{indent}  - {printable(line)}")
    print(f"{indent}Validation: {printable(result.validation)}")


def _apply_submission(args: argparse.Namespace, submission: Submission, output: Path, recipients: list[str],
                      signing_key: object, secret: PendingSecret | None, cms: tuple[Path, str | None] | None) -> int:
    from curator.recipe.apply import apply_submission  # idem

    done = apply_submission(args.files, submission, output, recipients, signing_key, secret,
                            strict=args.strict, progress=terminal_progress("apply "), say=_say, cms=cms,
                            report_languages=_report_languages(args))
    for note in done.notes:
        print(f"note: {printable(note)}")
    for name, result in zip(done.names, done.tables, strict=True):
        print(printable(f"table {name}: {result.rows:,} rows × {len(result.columns)} columns{_risk_text(result)}"))
        _print_table(result, "  ")
    if done.risk:
        print(f"across the tables, in {done.risk.get('unit')}: {done.risk.get('records')} {done.risk.get('unit')}, "
              f"{done.risk.get('classes')} classes, {done.risk.get('sample_uniques')} unique, smallest class "
              f"{done.risk.get('smallest_class')} (k target {done.risk.get('k')})")
        suppressed = done.risk.get("suppression")
        if suppressed:
            print(f"  suppressed across the tables: cells on every row holding them "
                  f"{suppressed.get('cells_suppressed', 0):,} (of {suppressed.get('persons_touched', 0):,} persons); "
                  f"persons whole, their rows leaving every table: {suppressed.get('persons_suppressed', 0):,}")
    rows = sum(result.rows for result in done.tables)
    print(f"wrote {output}: {len(done.tables)} tables, {rows:,} rows, {len(submission.links)} link(s); encrypted to "
          f"{len(recipients)} recipient(s), submission {done.manifest.get('submission_id', '?')}")
    return EXIT_OK
