"""Where bundled resources live, the same way from source and frozen (PyInstaller).

The build copies ``resources/`` next to the executable under the same relative path, so one
lookup serves both.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def demo_csv() -> Path:
    return resource_path("demo", "registre_cancer_demo.csv")


def demo_xlsx() -> Path:
    return resource_path("demo", "registre_cancer_demo.xlsx")


def guide_path(language: str) -> Path:
    """The user guide in ``language`` (English when there is none): docs/guide/ from source, the same
    folder at the bundle's root when frozen (build_spec/curator.spec copies it)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root is not None else Path(__file__).resolve().parent.parent
    folder = root / "docs" / "guide"
    wanted = folder / f"guide-{language}.html"
    return wanted if wanted.is_file() else folder / "guide-en.html"
