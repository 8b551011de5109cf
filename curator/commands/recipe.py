"""`curator recipe init FILE... | DIR -o RECIPE [--sheet NAME] [--vocabulary ID_OR_PATH] [--k K] [--no-reach-k]`
and `curator recipe reach-k RECIPE FILE... [--k K] [--suppression FRACTION] [--coarser-floors]` (several files:
Reach k in persons across the tables of a linked submission).

One file gives a one-table recipe; several files (or a folder) a linked submission's, with the
proposed primary keys, links and person key, each said with its reason.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from curator.commands._terminal import terminal_progress
from curator.errors import EXIT_OK, InputError, Location
from curator.load import read_file
from curator.mapping import Vocabulary
from curator.progress import scaled
from curator.protect.personreach import counts_persons_across, submission_reach
from curator.protect.persons import reach_recipe
from curator.recipe.apply import load_recipe_vocabulary, read_for_recipe, submission_paths
from curator.recipe.init import recipe_from_loaded
from curator.recipe.linking import submission_init
from curator.recipe.model import Recipe
from curator.recipe.submission import Submission
from curator.redact import printable
from curator.source import ReadOptions


def run(args: argparse.Namespace) -> int:
    if args.recipe_verb == "reach-k":
        return _reach_k(args)
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
    progress = terminal_progress("recipe init ")
    loaded = read_file(args.files[0], ReadOptions(sheet=args.sheet), progress=scaled(progress, 0.0, 0.3))
    notes.extend(loaded.warnings)
    recipe = recipe_from_loaded(loaded, args.vocabulary, notes=notes, progress=scaled(progress, 0.3, 1.0))
    if args.k is not None:
        recipe.protection.k_target = args.k
    _cell_cap(recipe, args)
    if recipe.protection.quasi_identifiers and recipe.protection.k_target and args.reach_k:
        notes.append(_reach(recipe, loaded.table, load_recipe_vocabulary(recipe), args.k, args.suppression,
                            output, str(args.files[0]), must=False, coarser_floors=args.coarser_floors))
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


def _cell_cap(recipe: Recipe | Submission, args: argparse.Namespace) -> None:
    """The cap on suppressed cells given on the command line, into the recipe (or every table's)."""
    if args.cell_suppression is None:
        return
    if not 0.0 <= args.cell_suppression <= 1.0:
        raise InputError(f"--cell-suppression must be a fraction between 0 and 1, not {args.cell_suppression}",
                         hint="For 10 %, give 0.1.")
    recipe.protection.cell_suppression_cap = args.cell_suppression
    for table in recipe.tables if isinstance(recipe, Submission) else []:
        table.protection.cell_suppression_cap = args.cell_suppression


def _print_columns(recipe: Recipe, indent: str = "  ") -> None:
    width = max((len(c.source) for c in recipe.columns), default=0)
    for c in recipe.columns:
        params = ", ".join(f"{k}={v}" for k, v in c.transform.params.items())
        codes = f"; {len(c.code_map)} code value(s) suggested" if c.code_map else ""
        print(printable(f"{indent}{c.source:<{width}}  -> {c.concept or '(unmapped)'}: {c.transform.action}"
                        f"{f' ({params})' if params else ''}{codes}"))


def _init_submission(args: argparse.Namespace, output: Path, notes: list[str]) -> int:
    submission, proposal = submission_init(args.files, args.vocabulary, sheet=args.sheet, notes=notes,
                                           progress=terminal_progress("recipe init "))
    vocabulary = load_recipe_vocabulary(submission.tables[0])
    for recipe in submission.tables:
        if args.k is not None:
            recipe.protection.k_target = args.k
        _cell_cap(recipe, args)
    _cell_cap(submission, args)
    # The submission's k: the one given, else the tables' (a table with no quasi-identifier has none).
    submission.protection.k_target = next((t.protection.k_target for t in submission.tables
                                           if t.protection.k_target), None)
    if counts_persons_across(submission):
        # k is reached in persons across the tables: a person's quasi-identifiers gathered from all of them.
        if args.reach_k and submission.protection.k_target and any(t.protection.quasi_identifiers
                                                                   for t in submission.tables):
            notes.append(_reach_across(submission, proposal.tables, vocabulary, args, output,
                                       [str(f) for f in args.files], must=False))
    else:
        for recipe in submission.tables:
            # Without a person key, each table reaches k on its own quasi-identifiers, in records.
            if recipe.protection.quasi_identifiers and recipe.protection.k_target and args.reach_k:
                notes.append(f"{recipe.name}: " + _reach(recipe, proposal.tables[recipe.name], vocabulary, args.k,
                                                         args.suppression, output, recipe.name, must=False,
                                                         coarser_floors=args.coarser_floors))
    submission.save(output)
    print(f"wrote {output}: a submission of {len(submission.tables)} tables and {len(submission.links)} link(s), "
          f"mapped to {submission.vocabulary.get('id', '?')} {submission.vocabulary.get('version', '')}")
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


def _reach(recipe: Recipe, table: pa.Table, vocabulary: Vocabulary, k: int | None, suppression: float | None,
           recipe_path: Path, file: str, must: bool, coarser_floors: bool = False) -> str:
    """Reach k on ``table`` written into ``recipe``; what was found, in one sentence. A search that
    finds nothing is an error when ``must``, else said (the recipe stays below k, and apply refuses it)."""
    try:
        found = reach_recipe(recipe, table, vocabulary, k, suppression, progress=terminal_progress("reach k "),
                             coarser_floors=coarser_floors)
    except InputError as exc:
        if must:
            raise
        said = "; ".join([exc.message, *map(str, exc.details)])
        return (f"k = {recipe.protection.k_target} is not reached ({said}); 'curator apply' refuses such a "
                f"recipe: run 'curator recipe reach-k {recipe_path} {file} --coarser-floors' to take the floors "
                "suggested, or give a larger --suppression FRACTION or a lower --k")
    unit = "persons" if recipe.person_key else "records"
    levels = ", ".join(f"{source} → level {level} ({found.hierarchies[source]})"
                       for source, level in found.levels.items())
    return (f"generalised to reach k = {recipe.protection.k_target}: {levels}; information lost "
            f"{found.search.relative_loss:.0%}, {found.search.suppressed_records:,} {unit} suppressed "
            f"(at most {recipe.protection.suppression_cap:.1%})")


def _reach_across(submission: Submission, tables: Mapping[str, pa.Table], vocabulary: Vocabulary,
                  args: argparse.Namespace, recipe_path: Path, files: Sequence[str], must: bool) -> str:
    """Reach k in persons across the tables, written into ``submission``; what was found, in one
    sentence, or (unless ``must``) why k is not reached and what would reach it."""
    try:
        _done, found = submission_reach(submission, tables, vocabulary, args.k, args.suppression,
                                        progress=terminal_progress("reach k "), coarser_floors=args.coarser_floors)
    except InputError as exc:
        if must:
            raise
        said = "; ".join([exc.message, *map(str, exc.details)])
        return (f"k = {submission.protection.k_target} persons across the tables is not reached ({said}); "
                "'curator apply' refuses such a recipe: run 'curator recipe reach-k "
                f"{recipe_path} {' '.join(files)} --coarser-floors' to take the floors suggested, or give a larger "
                "--suppression or --cell-suppression FRACTION, or a lower --k")
    return "; ".join([found.describe(), *found.notes])


def _reach_k_across(args: argparse.Namespace, path: Path, submission: Submission) -> int:
    """Reach k in persons across the submission's tables, written into its recipe."""
    notes: list[str] = []
    _cell_cap(submission, args)
    vocabulary = load_recipe_vocabulary(submission.tables[0], notes)
    files = submission_paths(args.files, submission)
    tables = {recipe.name: read_for_recipe(files[recipe.name], recipe, notes,
                                           progress=terminal_progress(f"reading {recipe.name} ")).table
              for recipe in submission.tables}
    if not any(t.protection.quasi_identifiers for t in submission.tables):
        raise InputError("the recipe names no quasi-identifier: there is nothing to generalise", Location(file=path),
                         hint="List the columns an attacker could know in each table's protection.quasi_identifiers.")
    said = _reach_across(submission, tables, vocabulary, args, path, [str(f) for f in args.files], must=True)
    submission.save(path)
    for note in notes:
        print(f"note: {printable(note)}")
    print(printable(f"wrote {path}: {said}"))
    return EXIT_OK


def _reach_k(args: argparse.Namespace) -> int:
    """Search the least generalisation reaching k on the file and write it into the recipe."""
    path = Path(args.recipe)
    submission = Submission.load(path)
    if counts_persons_across(submission):
        return _reach_k_across(args, path, submission)
    if len(submission.tables) > 1:
        raise InputError("this submission names no person key: reach-k counts k in persons across its tables",
                         Location(file=path),
                         hint="Name each table's person_key in the recipe (the column identifying the person), "
                              "or run 'curator recipe init' on the files again to reach k table by table.")
    if len(args.files) != 1:
        raise InputError(f"this recipe describes one table; give one file, not {len(args.files)}",
                         Location(file=path), hint=f"curator recipe reach-k {path} FILE")
    recipe = Recipe.load(path)
    _cell_cap(recipe, args)
    notes: list[str] = []
    vocabulary = load_recipe_vocabulary(recipe, notes)
    loaded = read_for_recipe(args.files[0], recipe, notes, progress=terminal_progress("reach k "))
    if not recipe.protection.quasi_identifiers:
        raise InputError("the recipe names no quasi-identifier: there is nothing to generalise", Location(file=path),
                         hint="List the columns an attacker could know in protection.quasi_identifiers.")
    said = _reach(recipe, loaded.table, vocabulary, args.k, args.suppression, path, args.files[0], must=True,
                  coarser_floors=args.coarser_floors)
    recipe.save(path)
    for note in notes:
        print(f"note: {printable(note)}")
    print(f"wrote {path}: {said}")
    return EXIT_OK
