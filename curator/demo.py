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

from curator.resources import demo_csv

DEMO_PASSPHRASE_NOTE = "throwaway keys made for this demo only; never use them for real data"


@dataclass
class DemoResult:
    package: Path
    opened: Path
    stages: list[tuple[str, bool, str]] = field(default_factory=list)


def run_demo(out_dir: Path, say: Callable[[str], None] = print, source: Path | None = None) -> DemoResult:
    """Run read → identify → map → protect → package → verify → open on the demo data into ``out_dir``."""
    from curator.identify import identify_table
    from curator.load import read_file
    from curator.mapping import load_vocabulary
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
    from curator.protect.secret import new_secret
    from curator.recipe.init import recipe_from_loaded

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    keys = out_dir / "keys"
    keys.mkdir(exist_ok=True)
    result = DemoResult(out_dir / "demo-submission.tar", out_dir / "opened")

    def step(name: str, action: Callable[[], str]) -> None:
        started = time.monotonic()
        detail = action()
        result.stages.append((name, True, detail))
        say(f"[{name:>8}] {detail} ({time.monotonic() - started:.1f} s)")

    source = source or demo_csv()
    state: dict = {}

    def do_keys() -> str:
        new_recipient_key(keys / "hub", None)
        new_signing_key(keys / "producer", None)
        state["secret"] = new_secret()
        return f"hub key pair, producer signing key pair in {keys} ({DEMO_PASSPHRASE_NOTE}); secret held in memory"

    def do_read() -> str:
        state["loaded"] = loaded = read_file(source)
        opts = loaded.source.options
        return (f"{source.name}: {loaded.table.num_rows} rows × {loaded.table.num_columns} columns, "
                f"{loaded.source.format}, encoding {opts.encoding}, delimiter {opts.delimiter!r}")

    def do_identify() -> str:
        state["identifications"] = idents = identify_table(state["loaded"].table)
        direct = [i.name for i in idents if i.klass == "direct"]
        quasi = [i.name for i in idents if i.klass == "quasi"]
        return f"{len(direct)} direct identifiers ({', '.join(direct)}); {len(quasi)} quasi-identifiers"

    def do_map() -> str:
        state["vocabulary"] = vocab = load_vocabulary(None)
        state["recipe"] = recipe = recipe_from_loaded(state["loaded"], vocab,
                                                            identifications=state["identifications"])
        recipe.export.producer_id = "DEMO-REGISTRY"
        recipe.export.producer_name = "Registre des cancers (démonstration)"
        recipe.export.dataset_title = "Demo cancer registry extract"
        mapped = [c for c in recipe.columns if c.concept]
        return f"{len(mapped)} of {len(recipe.columns)} columns mapped to {vocab.id} {vocab.version}"

    def do_protect() -> str:
        state["result"] = res = curate(state["loaded"], state["recipe"], state["vocabulary"], state["secret"],
                                           detected=state["identifications"])
        actions: dict[str, list[str]] = {}
        for c in state["recipe"].columns:
            actions.setdefault(c.transform.action, []).append(c.source)
        risk = res.risk or {}
        summary = "; ".join(f"{a}: {len(cols)}" for a, cols in sorted(actions.items()))
        return (f"{summary}; {res.table.num_columns} columns out; "
                f"{risk.get('classes', '?')} classes, {risk.get('sample_uniques', '?')} uniques")

    def do_package() -> str:
        hub_pub = (keys / "hub.pub").read_text(encoding="utf-8").strip()
        signing = load_signing_key(keys / "producer.key", None)
        manifest = export_package(state["loaded"], state["recipe"], state["vocabulary"], state["result"],
                                  result.package, [hub_pub], signing)
        state["manifest"] = manifest
        return f"{result.package.name} ({result.package.stat().st_size:,} bytes), submission {manifest.get('submission_id')}"

    def do_verify() -> str:
        verdict = verify_package(result.package, load_signer(keys / "producer.pub"))
        if not verdict.ok:
            raise RuntimeError("verification failed: " + "; ".join(verdict.problems))
        return "signature, manifest and every member check out"

    def do_open() -> str:
        files = open_package(result.package, load_identity(keys / "hub.key", None),
                             load_signer(keys / "producer.pub"), result.opened)
        table = pq.read_table(result.opened / "data.parquet")
        return f"{len(files)} files in {result.opened}; data.parquet has {table.num_rows} rows × {table.num_columns} columns"

    for name, action in (("keys", do_keys), ("read", do_read), ("identify", do_identify), ("map", do_map),
                         ("protect", do_protect), ("package", do_package), ("verify", do_verify), ("open", do_open)):
        step(name, action)
    return result
