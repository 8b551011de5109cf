"""The `curator` command line, per the contract in shared/spec/cli.md.

Parsing lives here; each verb's work lives in ``curator/commands/<verb>.py`` as ``run(args) -> int``,
imported only when that verb runs so that start-up stays fast and the core never imports the UI.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from curator import __version__, workspace
from curator.errors import EXIT_BAD_INPUT, CuratorError
from curator.progress import Cancelled
from curator.redact import printable, redacted, secret_kind
from curator.runtime import configure


class _Parser(argparse.ArgumentParser):
    """argparse, except that its usage errors never echo an argument that is a secret."""

    def error(self, message: str) -> NoReturn:
        super().error(_shown(message, _secret_arguments(sys.argv[1:] if _ARGV is None else _ARGV)))


_ARGV: list[str] | None = None
VERBS = ("gui", "demo", "inspect", "recipe", "apply", "verify", "open", "risk", "selftest", "keys")


def _add_recipe_verbs(p: argparse.ArgumentParser) -> None:
    """`recipe init` and `recipe reach-k`."""
    recipe_verbs = p.add_subparsers(dest="recipe_verb", metavar="ACTION", required=True)
    r = recipe_verbs.add_parser("init", help="a recipe from the suggestions and each concept's default action")
    r.add_argument("files", nargs="+", metavar="FILE", help="a file, or a linked submission's files or their folder")
    r.add_argument("-o", "--output", required=True)
    r.add_argument("--sheet")
    r.add_argument("--vocabulary")
    r.add_argument("--k", type=int, help="the k the recipe must reach (default 5)")
    r.add_argument("--suppression", type=float, metavar="FRACTION",
                   help="fraction of the records (persons) Reach k may suppress (default 0.02)")
    r.add_argument("--no-reach-k", dest="reach_k", action="store_false",
                   help="do not search a generalisation reaching k (apply then refuses a result below k)")
    r.add_argument("--coarser-floors", action="store_true",
                   help="when k cannot be reached within the floors, take the coarser floors Reach k suggests and search again")
    r.add_argument("--cell-suppression", type=float, metavar="FRACTION",
                   help="fraction of the quasi-identifier cells (person cells, across a submission's tables) Reach k "
                        "may suppress (default: the recipe's, else 0.05)")
    r = recipe_verbs.add_parser("reach-k", help="search the least generalisation reaching k and write it into the recipe")
    r.add_argument("recipe")
    r.add_argument("files", nargs="+", metavar="FILE")
    r.add_argument("--k", type=int, help="the k to reach (default: the recipe's, else 5)")
    r.add_argument("--suppression", type=float, metavar="FRACTION",
                   help="fraction of the records (persons) that may be suppressed (default: the recipe's, else 0.02)")
    r.add_argument("--coarser-floors", action="store_true",
                   help="when k cannot be reached within the floors, take the coarser floors Reach k suggests and search again")
    r.add_argument("--cell-suppression", type=float, metavar="FRACTION",
                   help="fraction of the quasi-identifier cells (person cells, across a submission's tables) Reach k "
                        "may suppress (default: the recipe's, else 0.05)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="curator",
        description="Curate a health-data export for the hub: Load, Map, Protect, Check, Export.")
    parser.add_argument("--version", action="version", version=f"curator {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    p = verbs.add_parser("gui", help="open the desktop app (default verb), optionally on a file or a saved project")
    p.add_argument("path", nargs="?", help="a data file or a saved project (.curator.json)")

    p = verbs.add_parser("demo", help="run the whole chain on the bundled demo data with throwaway keys")
    p.add_argument("-o", "--output", required=True, help="folder to write the demo keys and package into")

    p = verbs.add_parser("inspect", help="read, profile, flag identifying columns, suggest concepts")
    p.add_argument("file")
    p.add_argument("--sheet")
    p.add_argument("--vocabulary", help="vocabulary id (hub-core) or a Table Schema file or folder")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    _add_recipe_verbs(verbs.add_parser("recipe", help="make a recipe"))

    p = verbs.add_parser("apply", help="headless curation: read, map, validate, protect, package")
    p.add_argument("files", nargs="+", metavar="FILE", help="a file, or a linked submission's files or their folder")
    p.add_argument("--recipe", required=True)
    p.add_argument("-o", "--output", required=True, help="the package to write")
    p.add_argument("--recipient", action="append", required=True, help="age1... public key, or a file holding it")
    p.add_argument("--signing-key", required=True, help="producer's minisign secret key")
    p.add_argument("--secret", help="pseudonymisation secret file (curator keys new-secret)")
    p.add_argument("--passphrase-file", help="file whose first line is the passphrase (else asked on a terminal)")
    p.add_argument("--strict", action="store_true", help="stop on any drift or validation error")
    p.add_argument("--cms", metavar="P12FILE",
                   help="also sign the manifest with this X.509 certificate and key (PKCS#12, .p12/.pfx)")
    p.add_argument("--cms-passphrase-file", metavar="FILE", help="file whose first line is the PKCS#12 password")
    # curator.report's LANGUAGES, written out: the report's modules are imported only when a verb runs.
    p.add_argument("--report-language", action="append", choices=("en", "fr"), metavar="LANG",
                   help="the curation report's language, en (default) or fr; given twice, the second is an extra "
                        "report curation-report-LANG.html in the package")

    p = verbs.add_parser("verify", help="check signature, manifest and every member without decrypting")
    p.add_argument("package")
    p.add_argument("--signer", required=True, help="producer's minisign public key")
    p.add_argument("--json", action="store_true")

    p = verbs.add_parser("open", help="hub side: verify, then decrypt into DIR")
    p.add_argument("package")
    p.add_argument("--identity", required=True, help="hub's age identity (secret key) file")
    p.add_argument("--signer", required=True, help="producer's minisign public key")
    p.add_argument("-o", "--output", required=True, help="folder that receives the opened members")
    p.add_argument("--passphrase-file")
    p.add_argument("--ledger", metavar="FILE",
                   help="the hub's record of opened submissions: refuse one already there, add this one")

    p = verbs.add_parser("risk", help="re-identification risk; with --k and --hierarchies, the least generalisation reaching k")
    p.add_argument("file")
    p.add_argument("--quasi", required=True, help="quasi-identifier columns, comma-separated")
    p.add_argument("--sheet")
    p.add_argument("--k", type=int)
    p.add_argument("--hierarchies", help="folder of ARX-format hierarchy CSVs")
    p.add_argument("--suppression", type=float, default=0.0, help="fraction of records that may be suppressed")
    p.add_argument("--json", action="store_true")

    verbs.add_parser("selftest", help="run the demo chain inside the program; a line per stage")

    p = verbs.add_parser("keys", help="make keys and secrets")
    key_verbs = p.add_subparsers(dest="keys_verb", metavar="KIND", required=True)
    for name, what in (("new-signing", "producer signing key pair (minisign): BASENAME.key, BASENAME.pub"),
                       ("new-recipient", "hub key pair (age X25519): BASENAME.key, BASENAME.pub")):
        k = key_verbs.add_parser(name, help=what)
        k.add_argument("-o", "--output", required=True, help="BASENAME")
        k.add_argument("--passphrase-file")
        k.add_argument("--no-passphrase", action="store_true", help="leave the secret key unprotected")
    k = key_verbs.add_parser("new-secret", help="pseudonymisation secret, encrypted at rest")
    k.add_argument("-o", "--output", required=True)
    k.add_argument("--passphrase-file")
    k.add_argument("--import", dest="import_from", help="import a linkage secret handed out by the hub")
    k.add_argument("--import-passphrase-file", help="passphrase of the hub's file, if encrypted (else asked)")
    return parser


def _normalise_argv(argv: Sequence[str]) -> list[str]:
    """`curator` alone or `curator FILE` opens the app: gui is the default verb."""
    args = list(argv)
    if not args:
        return ["gui"]
    first = args[0]
    if first in VERBS or first.startswith("-"):
        return args
    return ["gui", *args]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; ``argv`` None means this is the program itself (arguments from sys.argv)."""
    if argv is None:
        configure()
        try:
            return _run(sys.argv[1:])
        finally:
            # The process ends next: spare its shutdown the collector's passes over every object
            # the run left (the Arrow, pandas and vocabulary objects), a noticeable part of a
            # short command. Everything curator writes is closed before this point.
            gc.freeze()
    return _run(argv)


# Options whose value is a file holding a secret: a value naming no file may be the secret itself
# (a passphrase typed where its file goes), so it is not repeated in an error.
_SECRET_FILE_OPTIONS = ("--passphrase-file", "--cms-passphrase-file", "--import-passphrase-file", "--import",
                        "--secret", "--identity", "--signing-key")
_SHORTEST_HIDDEN = 8      # a shorter value is left as it is: hiding it would garble the message around it


def _secret_arguments(argv: Sequence[str]) -> dict[str, str]:
    """The arguments that may be secrets themselves (a private key pasted where a file or public key
    goes, a passphrase where its file goes), each with what to call it instead."""
    found: dict[str, str] = {}
    previous = ""
    for argument in argv:
        option, value = previous, argument
        if argument.startswith("--") and "=" in argument:
            option, value = argument.split("=", 1)
        kind = secret_kind(value)
        if kind:
            found[value] = kind
        elif (option in _SECRET_FILE_OPTIONS and len(value) >= _SHORTEST_HIDDEN and not value.startswith("-")
              and not Path(value).exists()):
            found[value] = f"the {option} argument"
        previous = argument
    # A secret that was taken for a file name comes back in a message as that path, which
    # collapses a '//' of base64 into '/': that spelling is hidden too.
    for value, kind in list(found.items()):
        for spelling in (str(Path(value)), os.path.normpath(value)):
            found.setdefault(spelling, kind)
    return found


def _shown(text: str, secrets: dict[str, str]) -> str:
    """An error's text as printed: secrets named by their kind, control characters escaped."""
    return printable(redacted(text, secrets), keep_newlines=True)


def _run(argv: Sequence[str]) -> int:
    global _ARGV
    _ARGV = list(argv)
    parser = build_parser()
    args = parser.parse_args(_normalise_argv(argv))
    # What a killed run left (plaintext work files, .part files, open's staging folder) goes first.
    workspace.clear_stale(_output_folders(args))
    # Not for the app: a signal turned into an exception inside a Qt slot would be printed and
    # ignored; the app's leftovers are cleared by the next run instead.
    restore_signals = workspace.install_signal_cleanup() if args.verb != "gui" else (lambda: None)
    try:
        module = importlib.import_module(f"curator.commands.{args.verb}")
        return int(module.run(args))
    except CuratorError as error:
        print(f"curator: {_shown(str(error), _secret_arguments(argv))}", file=sys.stderr)
        return error.exit_code
    except Cancelled:
        print("curator: cancelled", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `curator verify --json | head`: the reader went away; not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as error:
        # A disk that fills up, a read-only or forbidden folder, a quota, a file size limit: said
        # with the file and, for space, what is free there, as bad input rather than a traceback.
        from curator.inputs import os_error

        output = getattr(args, "output", None)
        refused = os_error(error, error.filename if error.filename is not None else output)
        print(f"curator: {refused}", file=sys.stderr)
        return refused.exit_code
    except KeyboardInterrupt:
        workspace.cleanup()
        print("curator: interrupted", file=sys.stderr)
        return 130
    except workspace.Terminated as stop:
        print("curator: stopped by a signal; nothing was left behind", file=sys.stderr)
        workspace.die_of(stop.signum)
        raise
    finally:
        restore_signals()


def _output_folders(args: argparse.Namespace) -> list[Path]:
    """Where ``open`` stages its members (beside its output folder), to clear a killed run's staging there."""
    output = getattr(args, "output", None)
    if args.verb != "open" or not output:
        return []
    folder = Path(output)
    return [folder, folder.parent]


if __name__ == "__main__":
    raise SystemExit(main())
