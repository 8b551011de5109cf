"""warm_up pays identify's one-time costs, so the first file the user opens is checked at full speed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: in the test process these resources are loaded already.
PROBE = """
import sys
from curator.identify import warm_up
from curator.identify.lexicons import load_lexicon
assert "pandas" not in sys.modules and load_lexicon.cache_info().currsize == 0
warm_up()
loaded = [name for name in ("pandas", "phonenumbers.data.region_FR", "phonenumbers.data.region_GB")
          if name in sys.modules]
print(",".join(loaded), load_lexicon.cache_info().currsize)
"""


def test_warm_up_loads_what_the_first_call_would() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pandas,phonenumbers.data.region_FR,phonenumbers.data.region_GB", "2"]
