"""The recipe: every decision the user made, as versioned JSON with no secret in it.

- ``model``: ``Recipe`` (``load``/``save``, JSON); ``schema`` and ``recipe.schema.json``: the
  published format, and migrations of older versions on load.
- ``init``: ``recipe_from_loaded(loaded, vocabulary)`` and ``recipe_init(path, options, vocabulary)``.
- ``submission``: ``Submission`` (several tables' recipes and their ``Link``s, one file in format 3);
  ``linking``: ``submission_init(paths)``, the keys, links and person key proposed with their reasons.
- ``drift``: ``compare(recipe, table, vocabulary) -> DriftReport`` and ``adapt(recipe, drift)``.
- ``apply``: ``apply_recipe(path, recipe, output, ...)``, the headless run (``docs/recipe.md``), and
  ``apply_submission(paths, submission, output, ...)``, a linked submission into one package.
- ``stream``: the out-of-core apply of big CSV and Parquet files over record batches in bounded
  memory, with the same stage functions as a whole table. A reading thread, a converting thread
  two batches ahead, protection on the calling thread and a Parquet-writing thread. The first
  batch is converted with the recipe as it stands while the file is compared with it (kept only
  if the comparison leaves the recipe unchanged); the reading waits for the secret's scrypt to
  finish and free its memory; the sample of the first rows is identified while the next batches
  are converted; the data file is encrypted on a thread
  (``package.agestream.BackgroundEncryption``) while the risk is measured and the reports written.
"""

from curator.recipe.model import (
    RECIPE_VERSION,
    ColumnDecision,
    ExportMetadata,
    ProtectionSettings,
    Recipe,
    Transform,
)

__all__ = ["RECIPE_VERSION", "ColumnDecision", "ExportMetadata", "ProtectionSettings", "Recipe", "Transform"]
