"""Keys of a linked submission: one pseudonym domain per link group, so the tables still join."""

from __future__ import annotations

import pyarrow as pa
import pytest

from curator.errors import InputError
from curator.protect.keys import align_key_domains, key_groups
from curator.protect.transforms import protect_table
from curator.recipe.model import ColumnDecision, Recipe, Transform
from curator.recipe.submission import Link, Submission

SECRET = b"s" * 32


def _submission(visit_patient: Transform) -> Submission:
    patients = Recipe(name="patients", columns=[ColumnDecision("nir", transform=Transform("pseudonymise"))],
                      primary_key=["nir"])
    visits = Recipe(name="visits", columns=[ColumnDecision("id", transform=Transform("pseudonymise")),
                                            ColumnDecision("patient", transform=visit_patient)], primary_key=["id"])
    acts = Recipe(name="acts", columns=[ColumnDecision("visit", transform=Transform("pseudonymise")),
                                        ColumnDecision("patient_ref", transform=Transform("pseudonymise"))])
    return Submission.of([patients, visits, acts], [
        Link("visits", ["patient"], "patients", ["nir"]), Link("acts", ["visit"], "visits", ["id"]),
        Link("acts", ["patient_ref"], "visits", ["patient"])])


def test_a_key_and_everything_linked_to_it_share_its_domain() -> None:
    submission = _submission(Transform("pseudonymise"))
    groups = key_groups(submission)
    assert groups == {("patients", "nir"): [("patients", "nir"), ("visits", "patient"), ("acts", "patient_ref")],
                      ("visits", "id"): [("visits", "id"), ("acts", "visit")]}
    said = align_key_domains(submission)
    # The NIR's normalisation (guessed from its name) is the domain of the whole group.
    assert len(said) == 2 and "visits.patient is pseudonymised as a 'nir'" in said[0]
    patients, visits, acts = submission.tables
    nir = "1 85 05 78 006 084"
    tokens = [protect_table(pa.table({name: [value]}), recipe.columns[index:index + 1], SECRET).column(0)[0].as_py()
              for recipe, index, name, value in ((patients, 0, "nir", nir), (visits, 1, "patient", "1850578006084"),
                                                 (acts, 1, "patient_ref", "185057800608436"))]
    assert len(set(tokens)) == 1       # one person, however each table wrote the NIR, one token
    # Next year, under the same secret, the same token.
    again = _submission(Transform("pseudonymise"))
    align_key_domains(again)
    assert protect_table(pa.table({"patient": [nir]}), again.tables[1].columns[1:2], SECRET).column(0)[0].as_py() \
        == tokens[0]


@pytest.mark.parametrize("action", ["drop", "keep"])
def test_a_link_whose_ends_leave_differently_is_refused(action: str) -> None:
    with pytest.raises(InputError, match="could not be joined"):
        align_key_domains(_submission(Transform(action)))
