"""Regular expressions shared by the value detectors and the free-text scrubber (RE2 syntax,
so pyarrow compute can run them vectorised)."""

from __future__ import annotations

EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
URL = r"(?:https?://|www\.)[^\s<>\"]+"
# NIR: sex, year, month, département (2A/2B for Corsica), commune, order, optional key;
# written with or without spaces between the groups.
NIR = (r"[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-4]\d|[5-9]\d) ?(?:\d{2}|2[AaBb]) ?\d{3} ?\d{3}(?: ?\d{2})?")
# French phones (0X XX XX XX XX, +33 X XX..., separators space . -) and international "+CC ..." numbers.
PHONE_FR = r"(?:\+33 ?(?:\(0\) ?)?|0033 ?|0)[1-9](?:[ .\-]?\d{2}){4}"
PHONE_INTL = r"\+\d{1,3}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?\d{1,4}(?:[ .\-]?\d{2,4}){2,4}"
PHONE_US = r"\(?\b\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}\b"
IBAN = r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b"
SSN_US = r"\b\d{3}-\d{2}-\d{4}\b"
IPV4 = r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"
DATE = (r"\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
        r"|\d{1,2} (?:janv|fevr|févr|mars|avr|mai|juin|juil|aout|août|sept|oct|nov|dec|déc|jan|feb|mar|apr|may|jun"
        r"|jul|aug|sep)[a-zéû]*\.? (?:19|20)\d{2})\b")
# A courtesy title followed by one or two capitalised words: "Dr Martin", "Mme Le Goff", "M. DUPONT".
TITLE = r"(?:Dr|Docteur|Pr|Professeur|Mme|Mlle|Madame|Mademoiselle|Monsieur|Mr|Mrs|Ms|Miss|M)"
TITLED_NAME = r"\b" + TITLE + r"\.? +(?:[A-ZÀ-Ý][\p{L}'\-]+)(?: +[A-ZÀ-Ý][\p{L}'\-]+)?"
# A label that announces a record number, then the number: "IPP : 00123456", "n° dossier 2023-0042".
LABELLED_ID = (r"(?i)(\b(?:IPP|NIP|NDA|MRN|n° ?dossier|num(?:éro|ero)? ?(?:de )?dossier|dossier n°|n° ?patient)"
               r"\s*(?:n°|no|:)?\s*)[A-Z0-9][A-Z0-9\-/]{3,}")
# A house number and a street type, up to the next punctuation: "12 bis rue de la Paix".
STREET = (r"(?i)\b\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\.|bd|boulevard|chemin|allée|allee|impasse|place"
          r"|route|quai|cours|square|street|road|lane|drive|avenue)\b[^,.;:\n]{2,60}")
# English order: number, name words, then the street type: "784 Stamm Lock Road".
STREET_EN = (r"\b\d{1,5} (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Road|Rd|Lane|Ln|Drive|Dr|Avenue|Ave|Court|Ct|Way"
             r"|Boulevard|Blvd|Place|Pl|Terrace|Close|Crescent|Parkway|Highway)\b\.?")
