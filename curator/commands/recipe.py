"""`curator recipe init FILE -o RECIPE [--sheet NAME] [--vocabulary ID_OR_PATH]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, InputError, Location
from curator.recipe.init import recipe_init
from curator.source import ReadOptions


def run(args: argparse.Namespace) -> int:
    if args.recipe_verb != "init":
        raise InputError(f"unknown recipe action '{args.recipe_verb}'", hint="Use: curator recipe init FILE -o RECIPE")

    output = Path(args.output)
    if output.exists():
        # A recipe holds a year's worth of reviewed decisions: never replace one silently.
        raise InputError("the recipe file exists already; curator does not overwrite a recipe", Location(file=output),
                         hint="Choose another name, or move the old recipe away first.")
    notes: list[str] = []
    recipe = recipe_init(args.file, ReadOptions(sheet=args.sheet), args.vocabulary, notes=notes,
                         progress=terminal_progress("recipe init "))
    recipe.save(output)
    mapped = [c for c in recipe.columns if c.concept]
    print(f"wrote {output}: {len(recipe.columns)} columns, {len(mapped)} mapped to "
          f"{recipe.vocabulary.get('id', '?')} {recipe.vocabulary.get('version', '')}")
    width = max((len(c.source) for c in recipe.columns), default=0)
    for c in recipe.columns:
        params = ", ".join(f"{k}={v}" for k, v in c.transform.params.items())
        codes = f"; {len(c.code_map)} code value(s) suggested" if c.code_map else ""
        print(f"  {c.source:<{width}}  -> {c.concept or '(unmapped)'}: {c.transform.action}"
              f"{f' ({params})' if params else ''}{codes}")
    for note in notes:
        print(f"note: {note}")
    print("Review it (code maps are only suggested), then: curator apply FILE --recipe "
          f"{output} -o PACKAGE --recipient HUB.pub --signing-key PRODUCER.key --secret SECRET")
    return EXIT_OK
