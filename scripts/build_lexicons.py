"""Build the name lexicons in resources/lexicons/ from faker's locale providers.

Run from the repository root (faker is a dev dependency; the program itself only reads the
text files this writes):

    .venv/bin/python scripts/build_lexicons.py

Names are stored normalised the way the identify stage compares them (case-folded, accents
removed, one name per line, sorted) so the files stay small and diffable. Only locales written
in Latin script are used: the producers' files are French and English exports, and their
foreign names arrive transliterated.
"""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

# Latin-script locales whose names appear in French and English health exports.
LOCALES = [
    "fr_FR", "fr_BE", "fr_CH", "fr_CA", "fr_QC", "en_US", "en_GB", "en_IE", "en", "de_DE", "de_AT",
    "it_IT", "es_ES", "es_MX", "pt_PT", "pt_BR", "nl_NL", "nl_BE", "pl_PL", "ro_RO", "tr_TR",
    "cs_CZ", "hu_HU", "sv_SE", "da_DK", "no_NO", "fi_FI", "hr_HR", "sk_SK", "sl_SI", "lt_LT",
    "lv_LV", "et_EE", "fr_DZ", "vi_VN", "id_ID", "en_NG", "yo_NG", "ga_IE", "sw",
]

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "lexicons"


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def _names(values: object) -> list[str]:
    # faker stores names either as tuples or as {name: weight} dicts.
    if isinstance(values, dict):
        return [str(k) for k in values]
    if isinstance(values, list | tuple):
        return [str(v) for v in values]
    return []


def _is_latin(name: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())


def collect(attributes: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for locale in LOCALES:
        module = importlib.import_module(f"faker.providers.person.{locale}")
        provider = module.Provider
        for attribute in attributes:
            for name in _names(getattr(provider, attribute, ())):
                if not _is_latin(name):
                    continue
                # Compound names ("Jean-Pierre", "de la Fontaine") are matched part by part.
                for part in name.replace("-", " ").split():
                    key = normalise(part).strip(".'")
                    if len(key) >= 2 and key.isalpha():
                        found.add(key)
    return found


def write(name: str, values: set[str]) -> None:
    path = OUT_DIR / name
    path.write_text("\n".join(sorted(values)) + "\n", encoding="utf-8")
    print(f"{path}: {len(values)} names, {path.stat().st_size // 1024} KiB")


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    first = collect(("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"))
    last = collect(("last_names", "last_names_male", "last_names_female"))
    write("first_names.txt", first)
    write("last_names.txt", last)


if __name__ == "__main__":
    main()
