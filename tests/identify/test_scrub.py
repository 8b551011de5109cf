"""scrub_text: identifiers inside free text replaced by placeholders, the rest kept."""

from __future__ import annotations

import pyarrow as pa

from curator.identify import scrub_text


def test_scrub_replaces_what_the_detectors_find() -> None:
    notes = pa.array([
        "Patient revu par Dr Martin le 12/03/2021. Rappeler au 06 12 34 56 78 ou +33 6 12 34 56 78.",
        "Courrier à jean.dupont@free.fr ; NIR 2 53 07 2A 073 004 43 et 295109912611193.",
        "Mme Le Goff, IBAN FR76 3000 6000 0112 3456 7890 189, vue avec sa fille Élodie.",
        "Seen by Dr. Smith on 03/14/2022, call (555) 123-4567, SSN 123-45-6789, https://x.org/p?id=3",
        None,
        "",
        "Bonne tolérance du traitement, pas d'évènement notable.",
    ])
    out = scrub_text(notes).to_pylist()
    assert out[0] == "Patient revu par Dr [NAME] le [DATE]. Rappeler au [PHONE] ou [PHONE]."
    assert out[1] == "Courrier à [EMAIL] ; NIR [NIR] et [NIR]."
    assert out[2] == "Mme [NAME], IBAN [IBAN], vue avec sa fille [NAME]."
    assert out[3] == "Seen by Dr. [NAME] on [DATE], call [PHONE], SSN [SSN], [URL]"
    assert out[4] is None and out[5] == ""
    assert out[6] == "Bonne tolérance du traitement, pas d'évènement notable."


def test_scrub_labelled_record_numbers_and_street_addresses() -> None:
    out = scrub_text(pa.array(["IPP : 00123456, domicile 12 bis rue de la Paix, 75002", "n° dossier 2023-0042 clos",
                               "ipp 5566778 revu", "Lives at 784 Stamm Lock Road, Springfield"])).to_pylist()
    assert out == ["IPP : [ID], domicile [ADDRESS], 75002", "n° dossier [ID] clos", "ipp [ID] revu",
                   "Lives at [ADDRESS], Springfield"]


def test_scrub_keeps_length_and_accepts_chunked_input() -> None:
    chunked = pa.chunked_array([["tel 0612345678"], ["rien à signaler", "mail a@b.fr"]])
    out = scrub_text(chunked)
    assert len(out) == 3
    assert out.to_pylist() == ["tel [PHONE]", "rien à signaler", "mail [EMAIL]"]
