"""Write the fuzzing seed corpus: one or two small valid files per target, under tests/fuzz/seeds/.

  python tests/fuzz/make_seeds.py

The seeds are committed (a few KB each, well under 2 MB in all); this script says how they were
made and makes them again. The SAS7BDAT seed needs ReadStat's `readstat` tool (as its reader's test).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pyreadstat
import xlwt
from pyxlsbwriter import XlsbWriter

SEEDS = Path(__file__).resolve().parent / "seeds"
REPO = SEEDS.parent.parent.parent
ROWS = [["id", "nom", "naissance", "cp", "poids"],
        ["1", "Hélène", "1950-03-02", "01000", "61.5"],
        ["2", "Zoë", "1987-11-30", "2A004", "72"],
        ["3", "", "2001-01-01", "75015", ""]]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"id": [1, 2, 3], "nom": ["Hélène", "Zoë", ""], "cp": ["01000", "2A004", "75015"],
                         "poids": [61.5, 72.0, float("nan")]})


def _write(target: str, name: str, data: bytes) -> None:
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def csv_seeds() -> None:
    _write("csv", "semicolon_cp1252.csv", "\r\n".join(";".join(r) for r in ROWS).encode("cp1252"))
    _write("csv", "quoted_utf8.csv", ('"id","nom ""dit""","note"\n1,"a,b","x\ny"\n2,,"é"\n').encode())
    _write("csv", "tab_bom.csv", "\ufeff" .encode() + "\n".join("\t".join(r) for r in ROWS).encode())


def workbook_seeds(tmp: Path) -> None:
    frame = pd.DataFrame(ROWS[1:], columns=ROWS[0])
    path = tmp / "seed.xlsx"
    frame.to_excel(path, index=False, sheet_name="Données")
    _write("xlsx", "seed.xlsx", path.read_bytes())
    path = tmp / "seed.ods"
    frame.to_excel(path, engine="odf", index=False, sheet_name="Registre")
    _write("ods", "seed.ods", path.read_bytes())
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Données")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, float(value) if r and c == 4 and value else value)
    buffer = io.BytesIO()
    book.save(buffer)
    _write("xls", "seed.xls", buffer.getvalue())
    path = tmp / "seed.xlsb"
    with XlsbWriter(str(path)) as writer:
        writer.add_sheet("Données")
        writer.write_sheet(ROWS)
    _write("xlsb", "seed.xlsb", path.read_bytes())


def columnar_seeds() -> None:
    table = pa.table({"id": pa.array([1, 2, 3], pa.int32()), "nom": ["Hélène", "Zoë", None],
                      "naissance": pa.array([0, 10_000, 20_000], pa.date32()), "poids": [61.5, 72.0, None]})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="none")
    _write("parquet", "seed.parquet", sink.getvalue().to_pybytes())
    sink = pa.BufferOutputStream()
    feather.write_feather(table, sink, compression="uncompressed")
    _write("feather", "seed.feather", sink.getvalue().to_pybytes())
    sink = pa.BufferOutputStream()
    feather.write_feather(table, sink, compression="lz4")
    _write("feather", "seed_lz4.feather", sink.getvalue().to_pybytes())


def statistical_seeds(tmp: Path) -> None:
    for target, writer, suffix in (("dta", pyreadstat.write_dta, ".dta"), ("sav", pyreadstat.write_sav, ".sav"),
                                   ("xpt", pyreadstat.write_xport, ".xpt")):
        path = tmp / f"seed{suffix}"
        writer(_frame(), str(path))
        _write(target, f"seed{suffix}", path.read_bytes())
    tool = shutil.which("readstat")
    if tool is None:
        print("readstat not installed: no SAS7BDAT seed", file=sys.stderr)
        return
    spss = tmp / "for_sas.sav"
    pyreadstat.write_sav(_frame(), str(spss))
    path = tmp / "seed.sas7bdat"
    subprocess.run([tool, str(spss), str(path)], check=True, capture_output=True)
    _write("sas7bdat", "seed.sas7bdat", path.read_bytes())


def package_seeds(tmp: Path) -> None:
    """A tar laid out as a package: the demo's real manifest and signature, then its members cut to a
    few bytes; the demo's producer key checks the signature (kept beside the seeds, not fuzzed)."""
    from curator.package.tarstream import TarWriter

    curator = Path(sys.executable).with_name("curator")
    demo = tmp / "demo"
    subprocess.run([str(curator), "demo", "-o", str(demo)], check=True, capture_output=True)
    opened = demo / "opened"
    manifest_bytes = (opened / "manifest.json").read_bytes()
    buffer = io.BytesIO()
    writer = TarWriter(buffer, mtime=0)
    writer.add_bytes("manifest.json", manifest_bytes)
    writer.add_bytes("manifest.json.minisig", (opened / "manifest.json.minisig").read_bytes())
    for member in json.loads(manifest_bytes).get("members", [])[:3]:
        writer.add_bytes(str(member.get("name", "member")), b"age-encryption.org/v1\n")
    writer.close()
    _write("tar", "seed.tar", buffer.getvalue())
    _write("manifest", "manifest.json", manifest_bytes)
    shutil.copy(demo / "keys" / "producer.pub", SEEDS / "tar.pub")


def recipe_seeds(tmp: Path) -> None:
    source = tmp / "registre.csv"
    source.write_bytes("\n".join(";".join(r) for r in ROWS).encode())
    curator = Path(sys.executable).with_name("curator")
    out = tmp / "recipe.json"
    subprocess.run([str(curator), "recipe", "init", str(source), "-o", str(out), "--coarser-floors"], check=True, capture_output=True)
    _write("recipe", "recipe.json", out.read_bytes())


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        csv_seeds()
        workbook_seeds(tmp)
        columnar_seeds()
        statistical_seeds(tmp)
        package_seeds(tmp)
        recipe_seeds(tmp)
    total = sum(p.stat().st_size for p in SEEDS.rglob("*") if p.is_file())
    print(f"{total:,} bytes of seeds in {SEEDS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
