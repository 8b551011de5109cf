"""French places coarsened: a postcode or INSEE commune code to its département, then to its region."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text

# INSEE region codes (2016 regions) and their départements.
_REGIONS: dict[str, tuple[str, ...]] = {
    "84": ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    "27": ("21", "25", "39", "58", "70", "71", "89", "90"),
    "53": ("22", "29", "35", "56"),
    "24": ("18", "28", "36", "37", "41", "45"),
    "94": ("2A", "2B"),
    "44": ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"),
    "32": ("02", "59", "60", "62", "80"),
    "11": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "28": ("14", "27", "50", "61", "76"),
    "75": ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    "76": ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    "52": ("44", "49", "53", "72", "85"),
    "93": ("04", "05", "06", "13", "83", "84"),
    "01": ("971",), "02": ("972",), "03": ("973",), "04": ("974",), "06": ("976",),
    # Not regions: overseas collectivities, and "born or living abroad" (INSEE 99xxx codes).
    "COM": ("975", "977", "978", "984", "986", "987", "988", "989"),
    "99": ("99",),
}
REGION_OF_DEPARTMENT = {dep: region for region, deps in _REGIONS.items() for dep in deps}


def to_department(values: pa.Array, column: str) -> pa.Array:
    """Département code from a postcode or commune code (or a département code already).

    Overseas codes (97x, 98x) keep three digits. Corsican postcodes (20xxx) follow La Poste's rule:
    20000-20199 is Corse-du-Sud (2A), 20200-20699 Haute-Corse (2B); commune codes already say 2A/2B.
    A 4-digit number is a postcode that lost its leading zero (1000 -> 01000).
    """
    text = pc.utf8_upper(pc.replace_substring_regex(values.cast(pa.string()), r"\s+", ""))
    text = pc.if_else(pc.equal(pc.utf8_length(text), 0), pa.scalar(None, pa.string()), text)
    text = pc.if_else(pc.match_substring_regex(text, r"^[0-9]{4}$"), pc.utf8_lpad(text, 5, "0"), text)
    text = pc.if_else(pc.match_substring_regex(text, r"^[0-9]$"), pc.utf8_lpad(text, 2, "0"), text)
    first2 = pc.utf8_slice_codeunits(text, 0, 2)
    first3 = pc.utf8_slice_codeunits(text, 0, 3)
    corsica_south = pc.match_substring_regex(text, r"^20[01][0-9]{2}$")
    corsica_north = pc.match_substring_regex(text, r"^20[2-6][0-9]{2}$")
    overseas = pc.match_substring_regex(text, r"^9[78][0-9]{1,3}$")
    metropolitan = pc.match_substring_regex(text, r"^(?:[0-9]{2}|2[AB])(?:[0-9]{3})?$")
    null = pa.scalar(None, pa.string())
    result = pc.case_when(
        pc.make_struct(corsica_south, corsica_north, overseas, metropolitan),
        pa.scalar("2A"), pa.scalar("2B"), first3, first2)
    result = pc.if_else(pc.is_null(text), null, result)
    _refuse_unknown(text, result, column,
                    Text(QT_TRANSLATE_NOOP("core", "{count} value(s) are not French postcodes or commune codes, the "
                                                   "first on row {row}: '{value}'")),
                    Text(QT_TRANSLATE_NOOP("core", "Expected a 5-character postcode or INSEE commune code (2A/2B for "
                                                   "Corsica) or a département code.")))
    return result


def to_region(values: pa.Array, column: str) -> pa.Array:
    """INSEE region code of each place; overseas collectivities give "COM", abroad (99) gives "99"."""
    departments = to_department(values, column)
    keys = pa.array(list(REGION_OF_DEPARTMENT), pa.string())
    regions = pa.array(list(REGION_OF_DEPARTMENT.values()), pa.string())
    result = regions.take(pc.index_in(departments, value_set=keys))
    _refuse_unknown(departments, result, column,
                    Text(QT_TRANSLATE_NOOP("core", "{count} value(s) are not French départements, the first on row "
                                                   "{row}: '{value}'")),
                    Text(QT_TRANSLATE_NOOP("core", "Check the codes in this column.")))
    return result


def _refuse_unknown(source: pa.Array, result: pa.Array, column: str, message: Text, hint: Text) -> None:
    """``message``: a marked template with {count}, {row} and {value}."""
    bad = pc.and_(pc.is_valid(source), pc.is_null(result))
    if pc.any(bad).as_py():
        row = pc.index(bad, True).as_py()
        raise InputError(Text(message.template, count=pc.sum(bad).as_py(), row=row + 1, value=source[row].as_py()),
                         Location(column=column), hint=hint)
