"""Derive hub-core's compact code lists from the SNDS nomenclatures (MPL-2.0, indsante/schema-snds).

Run from the repository root, with the shared data beside it:

    python scripts/build_vocabulary.py [--snds ../shared/data/snds/nomenclatures]

It writes, under ``resources/vocabularies/hub-core/``:

- ``departments.csv`` from ``IR_DPT_V``: the hub's codes (01-95, 2A, 2B, 971-976), with the SNDS
  three-character form, the unpadded number and the name as synonyms;
- ``icd10.csv`` from ``MS_CIM_V``: French ICD-10 codes with their long label (not the SNDS
  placeholders IIIIII and XXXXXX);
- ``ccam.csv`` from ``IR_CCAM_V63``: CCAM procedure codes with their label;

and records in ``hub-core.json``, for each of these lists, its size and the outlines of its codes
(``count``, ``key_shapes``), so that the app reads a big list only for a column whose values could
be its codes.

The output is deterministic (sorted, UTF-8, ';'-separated, '|' between synonyms) so a re-run on the
same nomenclatures changes nothing. Credit: resources/vocabularies/NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from curator.mapping.codes import code_summary  # noqa: E402

OUT_DIR = REPO_ROOT / "resources" / "vocabularies" / "hub-core"
VOCABULARY = REPO_ROOT / "resources" / "vocabularies" / "hub-core.json"
HEADER = ["code", "label_fr", "label_en", "synonyms"]

# The SNDS list also carries pseudo-départements (unknown, abroad, military, sans objet): the hub
# only accepts real ones. 975 (Saint-Pierre-et-Miquelon) is kept because the hub's range is 971-976.
OVERSEAS = {"971", "972", "973", "974", "975", "976"}


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _title(label: str) -> str:
    """'HAUTE-GARONNE' -> 'Haute-Garonne', keeping the SNDS spelling otherwise."""
    small = {"de", "du", "des", "et", "la", "le", "les", "sur", "d'", "l'"}
    words = []
    for index, word in enumerate(label.strip().replace("D.O.M. ", "").split(" ")):
        parts = []
        for position, part in enumerate(word.split("-")):
            lower = part.lower()
            keep_small = lower in small and (index, position) != (0, 0)
            parts.append(lower if keep_small else lower[:1].upper() + lower[1:])
        words.append("-".join(parts))
    return " ".join(words)


def _hub_department(snds_code: str) -> str | None:
    if snds_code in OVERSEAS:
        return snds_code
    if len(snds_code) == 3 and snds_code.startswith("0"):
        short = snds_code[1:]
        if short in ("2A", "2B") or (short.isdigit() and 1 <= int(short) <= 95 and short != "20"):
            return short
    return None


def departments(nomenclatures: Path) -> list[list[str]]:
    rows = []
    corsica_legacy = {"2A": "201", "2B": "202"}
    for row in _read_rows(nomenclatures / "ORAVAL" / "IR_DPT_V.csv"):
        snds_code = row["GEO_DPT_COD"].strip()
        code = _hub_department(snds_code)
        if code is None:
            continue
        label = _title(row["GEO_DPT_LIB"])
        synonyms = [snds_code, label, row["GEO_DPT_LIB"].strip()]
        if code.isdigit() and code.startswith("0"):
            synonyms.append(code.lstrip("0"))
        if code in corsica_legacy:
            synonyms.append(corsica_legacy[code])
        rows.append([code, label, label, "|".join(dict.fromkeys(s for s in synonyms if s and s != code))])
    return sorted(rows)


def icd10(nomenclatures: Path) -> list[list[str]]:
    seen: dict[str, list[str]] = {}
    for row in _read_rows(nomenclatures / "ORAVAL" / "MS_CIM_V.csv"):
        code = row["CIM_COD"].strip()
        if not code or len(set(code)) == 1:
            continue        # SNDS placeholders IIIIII (unknown) and XXXXXX (not applicable) are no diagnosis
        label = (row.get("CIM_LIL") or row.get("CIM_LIC") or "").strip()
        seen.setdefault(code, [code, label, "", ""])
    return sorted(seen.values())


def ccam(nomenclatures: Path) -> list[list[str]]:
    seen: dict[str, list[str]] = {}
    for row in _read_rows(nomenclatures / "ATIH" / "IR_CCAM_V63.csv"):
        code = row["CAM_PRS_IDE_COD"].strip()
        if len(code) == 7:
            seen.setdefault(code, [code, row["CAM_PRS_IDE_LIB"].strip(), "", ""])
    return sorted(seen.values())


def _write(path: Path, rows: Iterable[list[str]]) -> list[str]:
    """Write the list; return its codes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    codes = []
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row)
            codes.append(row[0])
    tmp.replace(path)
    return codes


def record_summaries(vocabulary: Path, out: Path, summaries: dict[str, dict[str, object]]) -> None:
    """Put each list's size and code outlines into its entry of the vocabulary JSON (matched by file name)."""
    data = json.loads(vocabulary.read_text(encoding="utf-8"))
    for entry in data.get("code_lists", []):
        summary = summaries.get(Path(entry.get("codes_file", "")).name)
        if summary is not None:
            entry.update(summary)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snds", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "snds" / "nomenclatures",
                        help="folder of the SNDS nomenclatures (ORAVAL/, ATIH/)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the lists (default: the shipped ones)")
    parser.add_argument("--vocabulary-out", type=Path, default=VOCABULARY,
                        help="where to write hub-core.json with the lists' summaries (default: the shipped one)")
    args = parser.parse_args(argv)
    if not args.snds.is_dir():
        print(f"SNDS nomenclatures not found at {args.snds}", file=sys.stderr)
        return 2
    summaries = {}
    for name, builder in (("departments.csv", departments), ("icd10.csv", icd10), ("ccam.csv", ccam)):
        codes = _write(args.out / name, builder(args.snds))
        summaries[name] = code_summary(codes)
        print(f"{name}: {len(codes)} codes, {len(summaries[name]['key_shapes'])} outlines")
    record_summaries(VOCABULARY, args.vocabulary_out, summaries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
