"""Regenerate the bundled demo data in resources/demo/ (synthetic; fixed seed, so the output is identical).

    .venv/bin/python scripts/make_demo_data.py

The files are committed: the app and `curator demo` never need this script or Faker.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from registry_generator import DEFAULT_SEED, generate_registry, write_csv_cp1252, write_xlsx  # noqa: E402

DEMO_ROWS = 5000
DEMO_DIR = Path(__file__).resolve().parents[1] / "resources" / "demo"


def main() -> int:
    table = generate_registry(DEMO_ROWS, DEFAULT_SEED)
    csv_path = DEMO_DIR / "registre_cancer_demo.csv"
    xlsx_path = DEMO_DIR / "registre_cancer_demo.xlsx"
    write_csv_cp1252(table, csv_path)
    write_xlsx(table, xlsx_path)
    print(f"{csv_path} and {xlsx_path}: {table.num_rows} rows x {table.num_columns} columns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
