"""The whole chain on the bundled demo data with throwaway keys: `curator demo` and `curator selftest`.

Each step prints one line, so a person can follow what the tool does and the self-test can say
which stage failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from curator.identify import ColumnIdentification, identify_table
from curator.load import read_file
from curator.mapping import Vocabulary, load_vocabulary
from curator.package.keys import (
    load_identity,
    load_signer,
    load_signing_key,
    new_recipient_key,
    new_signing_key,
)
from curator.package.unpack import open_package
from curator.package.verify import verify_package
from curator.pipeline import curate, export_package
from curator.protect.persons import reach_recipe
from curator.protect.secret import new_secret
from curator.recipe.init import recipe_from_loaded
from curator.recipe.model import Recipe
from curator.resources import demo_csv
from curator.result import CurationResult
from curator.source import LoadedTable

DEMO_PASSPHRASE_NOTE = "throwaway keys made for this demo only; never use them for real data"


@dataclass
class DemoResult:
    package: Path
    opened: Path
    stages: list[tuple[str, bool, str]] = field(default_factory=list)


def run_demo(out_dir: Path, say: Callable[[str], None] = print, source: Path | None = None) -> DemoResult:
    """Run read → identify → map → protect → package → verify → open on the demo data into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "keys").mkdir(exist_ok=True)
    result = DemoResult(out_dir / "demo-submission.tar", out_dir / "opened")
    run = _DemoRun(source or demo_csv(), out_dir / "keys", result)
    for name, action in (("keys", run.keys), ("read", run.read), ("identify", run.identify), ("map", run.map),
                         ("protect", run.protect), ("package", run.package), ("verify", run.verify),
                         ("open", run.open)):
        started = time.monotonic()
        detail = action()
        result.stages.append((name, True, detail))
        say(f"[{name:>8}] {detail} ({time.monotonic() - started:.1f} s)")
    return result


class _DemoRun:
    """The demo's stages in order, each returning its one line; what a stage makes, the next ones use."""

    def __init__(self, source: Path, keys: Path, result: DemoResult) -> None:
        self.source = source
        self.keys_dir = keys
        self.result = result
        self.secret = b""
        self.loaded: LoadedTable
        self.identifications: list[ColumnIdentification]
        self.vocabulary: Vocabulary
        self.recipe: Recipe
        self.curated: CurationResult

    def keys(self) -> str:
        new_recipient_key(self.keys_dir / "hub", None)
        new_signing_key(self.keys_dir / "producer", None)
        self.secret = new_secret()
        return f"hub key pair, producer signing key pair in {self.keys_dir} ({DEMO_PASSPHRASE_NOTE}); secret held in memory"

    def read(self) -> str:
        self.loaded = loaded = read_file(self.source)
        opts = loaded.source.options
        return (f"{self.source.name}: {loaded.table.num_rows} rows × {loaded.table.num_columns} columns, "
                f"{loaded.source.format}, encoding {opts.encoding}, delimiter {opts.delimiter!r}")

    def identify(self) -> str:
        self.identifications = idents = identify_table(self.loaded.table)
        direct = [i.name for i in idents if i.klass == "direct"]
        quasi = [i.name for i in idents if i.klass == "quasi"]
        return f"{len(direct)} direct identifiers ({', '.join(direct)}); {len(quasi)} quasi-identifiers"

    def map(self) -> str:
        self.vocabulary = vocab = load_vocabulary(None)
        self.recipe = recipe = recipe_from_loaded(self.loaded, vocab, identifications=self.identifications)
        recipe.export.producer_id = "DEMO-REGISTRY"
        recipe.export.producer_name = "Registre des cancers (démonstration)"
        recipe.export.dataset_title = "Demo cancer registry extract"
        mapped = [c for c in recipe.columns if c.concept]
        # As 'curator recipe init' does: a fresh recipe reaches its k (the export refuses less). The
        # demo's people are spread evenly over every département, so k needs coarser floors than the
        # vocabulary's: the demo takes the ones Reach k suggests, as the Protect step's button does.
        reach_recipe(recipe, self.loaded.table, vocab, coarser_floors=True)
        return f"{len(mapped)} of {len(recipe.columns)} columns mapped to {vocab.id} {vocab.version}"

    def protect(self) -> str:
        self.curated = res = curate(self.loaded, self.recipe, self.vocabulary, self.secret,
                                    detected=self.identifications)
        actions: dict[str, list[str]] = {}
        for c in self.recipe.columns:
            actions.setdefault(c.transform.action, []).append(c.source)
        risk = res.risk or {}
        summary = "; ".join(f"{a}: {len(cols)}" for a, cols in sorted(actions.items()))
        return (f"{summary}; {res.table.num_columns} columns out; "
                f"{risk.get('classes', '?')} classes, {risk.get('sample_uniques', '?')} uniques")

    def package(self) -> str:
        package = self.result.package
        hub_pub = (self.keys_dir / "hub.pub").read_text(encoding="utf-8").strip()
        signing = load_signing_key(self.keys_dir / "producer.key", None)
        manifest = export_package(self.loaded, self.recipe, self.vocabulary, self.curated, package, [hub_pub], signing)
        return f"{package.name} ({package.stat().st_size:,} bytes), submission {manifest.get('submission_id')}"

    def verify(self) -> str:
        verdict = verify_package(self.result.package, load_signer(self.keys_dir / "producer.pub"))
        if not verdict.ok:
            raise RuntimeError("verification failed: " + "; ".join(verdict.problems))
        return "signature, manifest and every member check out"

    def open(self) -> str:
        opened = self.result.opened
        files = open_package(self.result.package, load_identity(self.keys_dir / "hub.key", None),
                             load_signer(self.keys_dir / "producer.pub"), opened)
        table = pq.read_table(opened / "data.parquet")
        return f"{len(files)} files in {opened}; data.parquet has {table.num_rows} rows × {table.num_columns} columns"
