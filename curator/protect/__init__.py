"""Protect: pseudonymise under a secret, generalise, measure re-identification risk, reach k.

Modules: ``secret`` (the secret, encrypted at rest), ``pseudonym`` (HMAC-SHA-256 tokens),
``transforms`` (each column's action), ``hierarchy`` (generalisation hierarchies), ``risk``
(k-anonymity figures), ``suppression`` and ``search`` (the least generalisation reaching k).

- ``secret``: ``new_secret``, ``write_secret_file``/``read_secret_file`` (age passphrase files),
  ``read_linkage_secret``, ``import_secret``. ``PendingSecret`` opens the file in the hashing
  helper process while ``apply`` reads the data (scrypt holds the GIL), and ``resolve_secret``
  waits for it where the secret is first used.
- ``pseudonym``: ``pseudonymise``, HMAC-SHA-256 tokens (normalisation in
  ``docs/pseudonymisation.md``), once per distinct value, or row by row for a column whose values
  mostly differ. The hashing is the C module ``_hmac_native`` (OpenSSL, from Arrow's buffers)
  when it was built and passes RFC 4231, else the loop of ``_hmac_core``, for many distinct values
  half of it in one spawned helper process (``_pool``, with a serial fallback). Frozen entry points
  call ``curator.runtime.freeze_support()`` first.
- ``transforms``: ``protect_table(table, decisions, secret, progress, notes, value_counts)``, the
  per-column actions (helpers ``dates``, ``geo``, ``numeric``); ``global_counts(batches,
  decisions)`` gives ``value_counts`` so that a table protected batch by batch judges
  ``rare_to_other`` over the whole file.
- ``hierarchy``: ARX CSV and rule-built hierarchies. ``risk``: ``risk_summary``, k-anonymity
  figures and l-diversity (dictionary columns with unique dictionaries, as a streamed apply hands
  them over, are counted on their codes). ``suppression``: local suppression under a cap.
- ``search``: ``find_minimal_generalisation``, the least ARX non-uniform-entropy loss reaching k,
  and ``apply_generalisation``. With ``floors`` and ``cell_cap`` it combines whole-column levels
  (never past a floor) with cells suppressed as ``suppression.plan_cell_suppression`` chooses them
  (sdcMicro's order of importance, ARX's strict count: ``*`` is a value of its own), least total
  loss first; out of reach, ``KUnreachable`` names the quasi-identifiers that drive the risk and
  the coarser floor or the cells that would reach k.
- ``reach``: Reach k on the quasi-identifiers as they leave. ``reach_k`` finds the levels and the
  hierarchy specs (``default_hierarchy_spec``: date, digits, intervals:5,10,20) stored in
  ``recipe.protection``; ``apply_recipe_generalisation``, called by ``pipeline.curate`` after
  ``protect_table``, applies them, suppresses classes below k up to the cap (whole records, or
  single cells with ``suppression_unit == "cells"``, by the same plan as the search), and refuses
  with ``InputError`` levels that no longer reach k. ``floor_level`` turns a recipe floor
  (``year``, ``department``...) into the highest level of a column's hierarchy.
- ``utility``: ``measure_utility``, what the protection cost per quasi-identifier (released at the
  requested precision, coarser, suppressed), ARX's loss measures before and after Reach k, and
  histograms of the released values; ``apply_recipe_generalisation`` puts it in its ``info``.
- ``persons``: disclosure control counted in distinct persons. ``person_frame`` (one row per person:
  person-level quasi-identifiers as they are, event ones as the sorted set of the person's values),
  ``person_risk`` (``RiskSummary.unit == "persons"``), ``reach_k_persons`` (set-valued columns
  generalised element by element, whole persons suppressed) and ``without_persons``.
"""
