"""`curator recipe init FILE... | DIR -o RECIPE [--sheet NAME] [--vocabulary ID_OR_PATH]`.

One file gives a one-table recipe; several files (or a folder) a linked submission's, with the
proposed primary keys, links and person key, each said with its reason.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, InputError, Location
from curator.recipe.init import recipe_init
from curator.recipe.linking import submission_init
from curator.recipe.model import Recipe
from curator.redact import printable
from curator.source import ReadOptions


def _print_columns(recipe: Recipe, indent: str = "  ") -> None:
    width = max((len(c.source) for c in recipe.columns), default=0)
    for c in recipe.columns:
        params = ", ".join(f"{k}={v}" for k, v in c.transform.params.items())
        codes = f"; {len(c.code_map)} code value(s) suggested" if c.code_map else ""
        print(printable(f"{indent}{c.source:<{width}}  -> {c.concept or '(unmapped)'}: {c.transform.action}"
                        f"{f' ({params})' if params else ''}{codes}"))


def run(args: argparse.Namespace) -> int:
    if args.recipe_verb != "init":
        raise InputError(f"unknown recipe action '{args.recipe_verb}'", hint="Use: curator recipe init FILE -o RECIPE")

    output = Path(args.output)
    if output.exists():
        # A recipe holds a year's worth of reviewed decisions: never replace one silently.
        raise InputError("the recipe file exists already; curator does not overwrite a recipe", Location(file=output),
                         hint="Choose another name, or move the old recipe away first.")
    notes: list[str] = []
    if len(args.files) > 1 or Path(args.files[0]).is_dir():
        return _init_submission(args, output, notes)
    recipe = recipe_init(args.files[0], ReadOptions(sheet=args.sheet), args.vocabulary, notes=notes,
                         progress=terminal_progress("recipe init "))
    recipe.save(output)
    mapped = [c for c in recipe.columns if c.concept]
    print(f"wrote {output}: {len(recipe.columns)} columns, {len(mapped)} mapped to "
          f"{recipe.vocabulary.get('id', '?')} {recipe.vocabulary.get('version', '')}")
    _print_columns(recipe)
    for note in notes:
        print(f"note: {note}")
    print("Review it (code maps are only suggested), then: curator apply FILE --recipe "
          f"{output} -o PACKAGE --recipient HUB.pub --signing-key PRODUCER.key --secret SECRET")
    return EXIT_OK


def _init_submission(args: argparse.Namespace, output: Path, notes: list[str]) -> int:
    submission, proposal = submission_init(args.files, args.vocabulary, sheet=args.sheet, notes=notes,
                                           progress=terminal_progress("recipe init "))
    submission.save(output)
    vocabulary = submission.vocabulary
    print(f"wrote {output}: a submission of {len(submission.tables)} tables and {len(submission.links)} link(s), "
          f"mapped to {vocabulary.get('id', '?')} {vocabulary.get('version', '')}")
    for recipe in submission.tables:
        mapped = sum(1 for c in recipe.columns if c.concept)
        key = ", ".join(recipe.primary_key) or "none"
        print(printable(f"table {recipe.name}: {len(recipe.columns)} columns, {mapped} mapped; primary key {key}; "
                        f"person key {recipe.person_key or 'none'}"))
        _print_columns(recipe, "    ")
    print("Proposed, and why:")
    for reason in proposal.reasons:
        print(printable(f"  - {reason}"))
    for note in notes:
        print(printable(f"note: {note}"))
    print("Review it (links, keys, code maps are only proposed), then: curator apply FILES... --recipe "
          f"{output} -o PACKAGE --recipient HUB.pub --signing-key PRODUCER.key --secret SECRET")
    return EXIT_OK
