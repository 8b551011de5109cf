"""Pay identify's one-time costs ahead of the first file, e.g. in a background thread at start-up.

The first :func:`identify_table` call of a process pays for things later calls find ready:
pyarrow imports pandas the first time it converts between Python or numpy and Arrow (two thirds of
the first call's extra time on the demo file), phonenumbers reads each country's metadata on first
use, and the name lexicons and header index are built once. :func:`warm_up` does all of it on a
few rows, so the app can call it while the user is still choosing a file.
"""

from __future__ import annotations

import pyarrow as pa

from curator.identify.lexicons import first_names, last_names
from curator.identify.table import identify_table

# One value of each kind the detectors parse in Python, so their lazy resources are loaded.
_WARM_ROWS = {
    "nir": ["295109912611193", "253072A07300443", "253072B07300470", "185057800608436", "279026215700125"],
    "tel": ["01 45 67 89 10", "+33 6 12 34 56 78", "(555) 123-4567", "+44 20 7946 0958", "06.12.34.56.78"],
    "nom": ["Martin", "Dubois", "Bernard", "Smith", "Nguyen"],
    "ddn": ["03/04/1950", "1962-11-30", "12/12/1971", "01/02/1988", "30/06/1944"],
    "finess": ["750712184", "130783293", "690781810", "330781196", "590780193"],
}


def warm_up() -> None:
    """Load identify's lazy resources now; safe to call from any thread, any number of times."""
    first_names()
    last_names()
    identify_table(pa.table({name: pa.array(values, type=pa.string()) for name, values in _WARM_ROWS.items()}))
