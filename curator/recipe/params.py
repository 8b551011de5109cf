"""Each action's parameters, their types and ranges: one table that checks recipes and documents them.

A recipe is a file a person edits or a colleague hands over, so every parameter is checked here
before any column is touched: a ``level`` that is ``null``, ``edges`` given as text, ``max: "year"``
or a width of ``1e308`` would otherwise surface as a traceback deep inside the protection, or as a
number the manifest cannot hold. :func:`parameters_markdown` renders :data:`ACTIONS` for
``docs/recipe.md`` (a test keeps the two the same).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Text

LARGEST_NUMBER = 2.0 ** 53         # beyond it a float no longer holds every integer: no real bound is that big
MAX_EDGES = 1000
MAX_TEXT = 4096
DEFAULT_K = 5      # the k a fresh recipe, Reach k and the Protect step start from when none is given


# The coarser forms of a date, and the kinds of pseudonym: the settings a recipe may name, which
# the protect stage implements.
DATE_LEVELS = ("year", "year_month", "quarter")
KINDS = ("generic", "nir", "name")
# What becomes of the time of day when a date-time column is mapped to a date concept.
TIMES = ("drop", "keep")


@dataclass(frozen=True)
class Param:
    """One parameter: its kind (``integer``, ``number``, ``numbers``, ``text``, ``choice``), range and meaning."""

    kind: str
    about: str
    minimum: float | None = None          # inclusive
    above: float | None = None            # exclusive
    maximum: float | None = None          # inclusive
    choices: tuple[str, ...] = ()
    nullable: bool = False
    aliases: tuple[str, ...] = ()

    def expected(self) -> str:
        """What a valid value looks like, in words (for messages and the documentation)."""
        if self.kind == "choice":
            text = "one of " + ", ".join(self.choices)
        elif self.kind == "text":
            text = "a text"
        else:
            text = {"integer": "a whole number", "number": "a number",
                    "numbers": "a list of numbers in increasing order"}[self.kind]
            bounds = []
            if self.minimum is not None:
                bounds.append(f"≥ {_fmt(self.minimum)}")
            if self.above is not None:
                bounds.append(f"> {_fmt(self.above)}")
            if self.maximum is not None:
                bounds.append(f"≤ {_fmt(self.maximum)}")
            if bounds:
                text += " " + " and ".join(bounds)
        return text + (" or null" if self.nullable else "")


@dataclass(frozen=True)
class Action:
    params: Mapping[str, Param] = field(default_factory=dict)
    at_least_one: tuple[str, ...] = ()     # one of these must be given
    at_most_one: tuple[str, ...] = ()      # these exclude each other


_NUMBER_BOUND = "at most 2^53 in size"
_TIME = Param("choice", "date-times mapped to a date concept: the time of day dropped (default) or kept",
              choices=TIMES)

ACTIONS: dict[str, Action] = {
    "keep": Action({"time": _TIME}),
    "drop": Action(),
    "scrub": Action(),
    "pseudonymise": Action({
        "kind": Param("choice", "normalisation before hashing (guessed from the concept or name when absent)",
                      choices=KINDS, nullable=True)}),
    "generalise": Action({
        "to": Param("choice", "the coarser form", choices=(*DATE_LEVELS, "department", "region")),
        "time": _TIME},
        at_least_one=("to",)),
    "date_shift": Action({
        "max_days": Param("integer", "largest shift in days, either way", minimum=1, maximum=36_500),
        "person_column": Param("text", "source column naming the person (one shift per person)"),
        "time": _TIME},
        at_least_one=("max_days",)),
    "age_at": Action({
        "reference": Param("text", "a date YYYY-MM-DD, or the source column holding one per row")},
        at_least_one=("reference",)),
    "band": Action({
        "width": Param("number", "bands start at multiples of it", above=0, maximum=LARGEST_NUMBER),
        "edges": Param("numbers", "band limits: <e0, [e0;e1[, ..., >=en", minimum=-LARGEST_NUMBER,
                       maximum=LARGEST_NUMBER)},
        at_least_one=("width", "edges"), at_most_one=("width", "edges")),
    "top_code": Action({
        "max": Param("number", "values above it become it", minimum=-LARGEST_NUMBER, maximum=LARGEST_NUMBER,
                     nullable=True, aliases=("top",)),
        "bottom": Param("number", "values below it become it", minimum=-LARGEST_NUMBER, maximum=LARGEST_NUMBER,
                        nullable=True, aliases=("min",))},
        at_least_one=("max", "bottom")),
    "bottom_code": Action({
        "min": Param("number", "values below it become it", minimum=-LARGEST_NUMBER, maximum=LARGEST_NUMBER,
                     aliases=("bottom",))},
        at_least_one=("min",)),
    "hierarchy": Action({
        "hierarchy": Param("text", "an ARX hierarchy CSV, or digits, date, intervals:W1,W2,..."),
        "level": Param("integer", "the level to generalise to (0 is the value itself)", minimum=0, maximum=1000)},
        at_least_one=("hierarchy",)),
    "rare_to_other": Action({
        "threshold": Param("integer", "values held by fewer records than this are replaced", minimum=1,
                           maximum=LARGEST_NUMBER),
        "other": Param("text", "what replaces them (null empties them; default: other)", nullable=True)},
        at_least_one=("threshold",)),
}
# Required on top of at_least_one: every parameter the action cannot do without.
_REQUIRED = {"date_shift": ("max_days", "person_column"), "hierarchy": ("hierarchy", "level")}


def _fmt(number: float) -> str:
    if number == LARGEST_NUMBER:
        return "2^53"
    if number == -LARGEST_NUMBER:
        return "-2^53"
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _shown(value: Any) -> str:
    text = "null" if value is None else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _problem(param: Param, value: Any) -> bool:
    """Whether ``value`` is not a valid value of ``param``."""
    if value is None:
        return not param.nullable
    if param.kind == "text":
        return not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT
    if param.kind == "choice":
        return not isinstance(value, str) or value not in param.choices
    if param.kind == "numbers":
        if not isinstance(value, list) or not 0 < len(value) <= MAX_EDGES:
            return True
        if any(_out_of_range(param, item) for item in value):
            return True
        return any(not a < b for a, b in zip(value, value[1:], strict=False))
    if param.kind == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        return True
    return _out_of_range(param, value)


def _out_of_range(param: Param, value: Any) -> bool:
    if not _is_number(value):
        return True
    try:
        number = float(value)
    except OverflowError:
        return True
    if not math.isfinite(number):
        return True
    return ((param.minimum is not None and number < param.minimum)
            or (param.above is not None and not number > param.above)
            or (param.maximum is not None and number > param.maximum))


def check_params(action: str, params: Any, column: str | None, where: str = "",
                 file: str | Path | None = None, complete: bool = True) -> None:
    """Raise InputError when ``params`` are not what ``action`` takes, naming the column and parameter.

    ``where`` is the JSON path of the parameters in the recipe (``columns[3].transform.params``).
    ``complete=False`` lets required parameters be missing: a project saved halfway (a date shift
    whose person column is not chosen yet) still opens; protecting the column needs them all.
    """
    spec = ACTIONS.get(action)
    if spec is None:
        return                      # an unknown action is the schema's and the protection's to refuse
    location = Location(file=file, column=column)
    details = [where] if where else []
    if not isinstance(params, dict):
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the settings of the action '{action}' must be an object, "
                                                        "not {value}"), action=action, value=_shown(params)),
                         location, hint=_HINT, details=details)
    names = {alias: name for name, param in spec.params.items() for alias in (name, *param.aliases)}
    for key in params:
        if key not in names:
            known = ", ".join(names) or "none"
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the action '{action}' has no setting '{key}' (its "
                                                            "settings: {known})"),
                                  action=action, key=str(key)[:40], known=known),
                             location, hint=_HINT, details=details)
    given: dict[str, str] = {}
    for key, value in params.items():
        name = names[key]
        if name in given:
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the action '{action}' is given both '{first}' and "
                                                            "'{second}', which mean the same"),
                                  action=action, first=given[name], second=key), location, hint=_HINT, details=details)
        given[name] = key
        param = spec.params[name]
        if _problem(param, value):
            raise InputError(Text(QT_TRANSLATE_NOOP("core", "the setting '{key}' of the action '{action}' must be "
                                                            "{expected}, not {value}"),
                                  key=key, action=action, expected=param.expected(), value=_shown(value)),
                             location, hint=_HINT, details=[f"{where}.{key}"] if where else [])
    present = [name for name in spec.params if name in given]
    missing = [name for name in _REQUIRED.get(action, ()) if name not in given] if complete else []
    if complete and spec.at_least_one and not any(params[given[name]] is not None
                                                  for name in spec.at_least_one if name in given):
        missing = missing or [" or ".join(f"'{n}'" for n in spec.at_least_one)]
    if missing:
        first = missing[0] if missing[0].startswith("'") else f"'{missing[0]}'"
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the action '{action}' needs the setting {key}"),
                              action=action, key=first), location, hint=_HINT, details=details)
    clash = [name for name in spec.at_most_one if name in present]
    if len(clash) > 1:
        raise InputError(Text(QT_TRANSLATE_NOOP("core", "the action '{action}' takes '{first}' or '{second}', not "
                                                        "both"), action=action, first=clash[0], second=clash[1]),
                         location, hint=_HINT, details=details)


_HINT = Text(QT_TRANSLATE_NOOP("core", "Correct the action's settings in the recipe (see docs/recipe.md), or choose "
                                       "the action again in the app."))


def check_decisions(decisions: Any, file: str | Path | None = None) -> None:
    """:func:`check_params` for every column decision of a recipe (``Recipe.columns``) as it is
    opened: types and ranges, not completeness (see ``complete``)."""
    for index, decision in enumerate(decisions):
        check_params(decision.transform.action, decision.transform.params, decision.source,
                     f"columns[{index}].transform.params", file, complete=False)


def parameters_markdown() -> str:
    """The table of :data:`ACTIONS` as ``docs/recipe.md`` shows it."""
    lines = ["| action | parameter | value | meaning |", "|---|---|---|---|"]
    for action, spec in ACTIONS.items():
        if not spec.params:
            lines.append(f"| `{action}` | | | no parameters |")
            continue
        required = set(_REQUIRED.get(action, ())) | (set(spec.at_least_one) if len(spec.at_least_one) == 1 else set())
        for name, param in spec.params.items():
            shown_name = " or ".join(f"`{n}`" for n in (name, *param.aliases))
            need = " (required)" if name in required else ""
            lines.append(f"| `{action}` | {shown_name}{need} | {param.expected()} | {param.about} |")
        if len(spec.at_least_one) > 1:
            one = " or ".join(f"`{n}`" for n in spec.at_least_one)
            both = ", not both" if spec.at_most_one else ""
            lines.append(f"| `{action}` | | | give {one}{both} |")
    lines.append("")
    lines.append(f"Numbers are finite ({_NUMBER_BOUND}); whole numbers are written without a decimal point; "
                 "an unknown parameter is refused.")
    return "\n".join(lines) + "\n"


def keeps_time(params: Mapping[str, Any]) -> bool:
    """Whether a column decision's parameters keep the time of day of date-times mapped to a date concept."""
    return params.get("time") == "keep"
