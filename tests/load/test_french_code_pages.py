"""French names written in each Western code page are read in that code page, and the runner-up is named.

The corpus is generated here: small registry-like files of French names (accents, upper-case accented
initials such as "Émile", "œ") in Windows-1252, ISO-8859-15, Latin-1, DOS cp850 and Mac Roman,
from a handful of rows to a few hundred, in mixed and upper case.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from curator.load import read_file
from curator.load.text_dialect import choose_code_page, detect_encoding, french_score

REPO = Path(__file__).resolve().parents[2]

FIRST = ["Émile", "Éloïse", "Eugène", "Stéphane", "Anaïs", "Françoise", "Jérôme", "Hélène", "Zoé", "Noël",
         "Gaëlle", "Agnès", "Cécile", "Loïc", "Benoît", "Clément", "Chloé", "Inès", "Maëlys", "Raphaël",
         "Ève", "Édouard", "Étienne", "Jean", "Marie", "Paul", "Sophie", "Thomas"]
LAST = ["Lefèvre", "Bœuf", "Cœurderoy", "Gérard", "Lemaître", "Duchêne", "Côté", "Dupré", "Mérieux",
        "Garçon", "Martin", "Bernard", "Petit", "Durand", "Moreau", "Lambert"]
CITIES = ["Besançon", "Orléans", "Évry", "Saint-Étienne", "Nîmes", "Angoulême", "Créteil", "Béziers",
          "Paris", "Lyon", "Nantes", "Dijon"]
# What each code page is detected as (Latin-1 is read as Windows-1252, its superset for text).
DETECTED = {"cp1252": "cp1252", "iso8859_15": "iso8859-15", "latin_1": "cp1252", "cp850": "cp850",
            "mac_roman": "mac-roman"}


def _corpus_text(seed: int, rows: int, upper: bool, encoding: str) -> str:
    rng = random.Random(seed)
    lines = ["id;nom;prenom;ville;date_naissance"]
    for number in range(rows):
        cells = [rng.choice(LAST), rng.choice(FIRST), rng.choice(CITIES)]
        if upper:
            cells = [cell.upper() for cell in cells]
        lines.append(";".join([str(number + 1), *cells, f"{rng.randrange(1, 29):02d}/02/1985"]))
    text = "\r\n".join(lines) + "\r\n"
    if encoding in ("latin_1", "cp850"):       # no œ in those: written as the producer would, "oe"
        text = text.replace("œ", "oe").replace("Œ", "OE")
    return text


CASES = [(encoding, seed, rows, upper) for encoding in DETECTED for seed, rows, upper in
         [(1, 1, False), (2, 3, False), (3, 8, True), (4, 40, False), (5, 300, True), (6, 300, False)]]


@pytest.mark.parametrize(("encoding", "seed", "rows", "upper"), CASES)
def test_french_names_are_read_in_their_code_page(tmp_path: Path, encoding: str, seed: int, rows: int,
                                                  upper: bool) -> None:
    text = _corpus_text(seed, rows, upper, encoding)
    path = tmp_path / f"registre_{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    loaded = read_file(path)
    data = text.encode(encoding)
    # Without a byte where the two differ (no œ, no €), ISO-8859-15 and Windows-1252 read alike.
    assert loaded.source.options.encoding == DETECTED[encoding] or data.decode(loaded.source.options.encoding) == text
    expected = [line.split(";") for line in text.splitlines()[1:]]
    got = [list(row.values()) for row in loaded.table.to_pylist()]
    assert got == expected


def test_the_names_of_the_issue_are_not_taken_for_cp850() -> None:
    # "EugÞne", "StÚphane", "╔mile", "Ana´s": Windows-1252 bytes read as cp850.
    sample = "nom;prenom\r\nMartin;Eugène\r\nDupont;Stéphane\r\nLeroy;Émile\r\nPetit;Anaïs\r\n".encode("cp1252")
    assert detect_encoding(sample, Path("x.csv")) == "cp1252"
    assert french_score(sample.decode("cp1252")) > french_score(sample.decode("cp850"))


def test_a_lone_accented_letter_at_the_end_of_a_small_file_is_not_utf8() -> None:
    # The UTF-8 check forgave a cut at the end of the sample, also when the sample was the whole file.
    assert detect_encoding("prenom\nAnaïs\n".encode("cp1252"), Path("x.csv")) == "cp1252"


def test_the_runner_up_is_named_with_a_line_read_in_each(tmp_path: Path) -> None:
    path = tmp_path / "oe.csv"
    path.write_bytes("nom;prenom\r\nMartin;Paul\r\nCœurderoy;Hélène\r\n".encode("iso8859_15"))
    loaded = read_file(path)
    assert loaded.source.options.encoding == "iso8859-15"
    choice = loaded.metadata["code_page"]
    assert choice["runner_up"] == "cp1252" and choice["line"] == 3
    assert choice["chosen_text"] == "Cœurderoy;Hélène" and choice["runner_up_text"] == "C½urderoy;Hélène"
    # Plain ASCII, or UTF-8: no second reading to show.
    assert choose_code_page(b"nom\r\nMartin\r\n").runner_up is None
    assert "code_page" not in read_file(_write(tmp_path / "u.csv", "nom\nHélène\n", "utf-8")).metadata


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "iso8859_15", "mac_roman"])
def test_inspect_reports_the_code_page(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path / "registre.csv", _corpus_text(7, 20, False, encoding), encoding)
    result = subprocess.run([sys.executable, "-m", "curator", "inspect", "--json", str(path)], capture_output=True,
                            text=True, timeout=300, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    source = json.loads(result.stdout)["source"]
    assert source["encoding"] == DETECTED[encoding]
    assert source["encoding_runner_up"] and source["encoding_runner_up"] != source["encoding"]
