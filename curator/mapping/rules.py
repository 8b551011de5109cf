"""Coherence rules: what must hold between the fields of a row, between rows, and between tables.

Declared beside the concepts, in a vocabulary file or a Table Schema (``"rules"``), in one small
form (``docs/vocabulary.md``); read here and checked by ``curator/check/coherence.py``. Each rule is
one of:

- ``order``: ``"admission_date <= discharge_date"``, chains too (``"birth_date <= diagnosis_date <= death_date"``);
- ``presence``: ``{"if": "vital_status", "in": ["2"], "then": "death_date", "both_ways": true}``;
- ``span``: ``{"from": "birth_date", "to": "diagnosis_date", "unit": "years", "minimum": 0, "maximum": 120}``;
- ``unique``: ``["patient_local_id"]`` (every repeat of a key after its first row), optionally only in
  a table that maps none of ``unless_mapped``;
- ``plausible``: ``{"value": "weight_kg", "age": ["age", ["birth_date", "admission_date"]], "bands": [...]}``:
  a measure within the bounds of the band of age of its row (the first way of telling the age the
  table maps);
- ``within``: ``{"value": "diagnosis_date", "from": "admission_date", "to": "discharge_date"}`` with a
  ``link``: a date within one of the person's intervals, in the tables of a linked submission.

A rule with ``link`` (the concept that names the person) compares tables of one linked submission.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from curator.errors import InputError, Location
from curator.messages import QT_TRANSLATE_NOOP, Label, Text

KINDS = ("order", "presence", "span", "unique", "plausible", "within")
SPAN_UNITS = ("years", "days")
ORDERED_TYPES = ("date", "datetime", "year", "yearmonth", "integer", "number")
SPAN_TYPES = ("date", "datetime")
MEASURE_TYPES = ("integer", "number")
MAX_BANDS = 64
# Bounds on what a vocabulary may ask for: every rule costs a pass over the table.
MAX_RULES = 500
MAX_CONCEPTS = 8
RULE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# The one rule no vocabulary declares: a row identical, in every column, to an earlier one.
EXACT_DUPLICATES = "exact_duplicates"
_OPERATOR = re.compile(r"\s*(<=|>=|≤|≥|<|>)\s*")


@dataclass(frozen=True)
class Band:
    """The bounds of a measure from an age (whole years, included) up to the next band's."""

    age: float
    minimum: float | None
    maximum: float | None


@dataclass
class Rule:
    """One coherence rule. ``concepts`` lists every concept it reads, in the order it reads them."""

    id: str
    kind: str
    concepts: list[str]
    label: Label = field(default_factory=lambda: Label(""))
    strict: list[bool] = field(default_factory=list)      # order: per step, whether equal values break it
    condition_in: list[str] = field(default_factory=list)  # presence: the codes of the 'if' concept
    both_ways: bool = False                               # presence: the 'then' concept only with the condition
    unit: str = "years"                                    # span
    minimum: float | None = None                           # span
    maximum: float | None = None                           # span
    unless_mapped: list[str] = field(default_factory=list)  # unique: not in a table that maps one of these
    link: str | None = None                                # across tables: the concept naming the person
    ages: list[list[str]] = field(default_factory=list)    # plausible: ways of telling the age, first mapped wins
    bands: list[Band] = field(default_factory=list)        # plausible: bounds per band of age, by rising age

    @property
    def linked(self) -> bool:
        return self.link is not None

    def describe(self) -> str:
        """The rule in the form it was written (for the report and tooltips)."""
        if self.kind == "order":
            parts = [self.concepts[0]]
            for strict, concept in zip(self.strict, self.concepts[1:], strict=True):
                parts += ["<" if strict else "<=", concept]
            return " ".join(parts)
        if self.kind == "presence":
            arrow = "<=>" if self.both_ways else "=>"
            return f"{self.concepts[0]} in ({', '.join(self.condition_in)}) {arrow} {self.concepts[1]} present"
        if self.kind == "span":
            low = "" if self.minimum is None else f"{self.minimum:g}"
            high = "" if self.maximum is None else f"{self.maximum:g}"
            return f"{self.concepts[1]} - {self.concepts[0]} in [{low}, {high}] {self.unit}"
        if self.kind == "plausible":
            bands = "; ".join(f"{b.age:g}y: {_bound(b.minimum)}-{_bound(b.maximum)}" for b in self.bands)
            return f"{self.concepts[0]} for the age ({bands})"
        if self.kind == "within":
            return f"{self.concepts[0]} within one {self.concepts[1]} - {self.concepts[2]} of the same {self.link}"
        return "unique (" + ", ".join(self.concepts) + ")"


def _bound(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _bad(message: Text, where: Location, hint: Text | None = None) -> InputError:
    return InputError(message, where, hint=hint)


def _concept_of(name: Any, rule_id: str, types: Mapping[str, str], where: Location,
                allowed: tuple[str, ...] | None = None) -> str:
    if not isinstance(name, str) or name not in types:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}' names an unknown concept '{concept}'"),
                        rule=rule_id, concept=str(name)), where,
                   Text(QT_TRANSLATE_NOOP("core", "Use the id of a concept of this vocabulary.")))
    if allowed is not None and types[name] not in allowed:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': concept '{concept}' is of type '{value_type}', "
                                                  "which this rule cannot compare"),
                        rule=rule_id, concept=name, value_type=types[name]), where,
                   Text(QT_TRANSLATE_NOOP("core", "Use concepts of type: {choices}."), choices=", ".join(allowed)))
    return name


def _order(text: Any, rule: Rule, types: Mapping[str, str], where: Location) -> None:
    if not isinstance(text, str):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'order' must be text such as "
                                                  "'admission_date <= discharge_date'"), rule=rule.id), where)
    pieces = _OPERATOR.split(text.strip())
    names, operators = pieces[0::2], pieces[1::2]
    if len(names) < 2 or any(not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) for n in names):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': '{text}' is not an order of concepts"),
                        rule=rule.id, text=text), where,
                   Text(QT_TRANSLATE_NOOP("core", "Write concepts joined by one operator: <=, <, >= or >.")))
    rising = {op in ("<=", "<", "≤") for op in operators}
    if len(rising) != 1:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': '{text}' mixes rising and falling operators"),
                        rule=rule.id, text=text), where,
                   Text(QT_TRANSLATE_NOOP("core", "Write concepts joined by one operator: <=, <, >= or >.")))
    strict = [op in ("<", ">") for op in operators]
    if not rising.pop():
        names, strict = names[::-1], strict[::-1]
    rule.concepts = [_concept_of(n, rule.id, types, where, ORDERED_TYPES) for n in names]
    rule.strict = strict


def _presence(data: Any, rule: Rule, types: Mapping[str, str], where: Location) -> None:
    if not isinstance(data, dict) or "if" not in data or "then" not in data:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'presence' needs 'if', 'in' and 'then'"),
                        rule=rule.id), where)
    values = data.get("in")
    if not isinstance(values, list) or not values or not all(isinstance(v, str | int) for v in values):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'in' must list the values of '{concept}' "
                                                  "that make the condition"), rule=rule.id, concept=str(data["if"])),
                   where)
    rule.concepts = [_concept_of(data["if"], rule.id, types, where), _concept_of(data["then"], rule.id, types, where)]
    rule.condition_in = [str(v) for v in values]
    rule.both_ways = bool(data.get("both_ways", False))


def _number(value: Any, name: str, rule_id: str, where: Location) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': '{name}' must be a number"), rule=rule_id,
                        name=name), where)
    return float(value)


def _span(data: Any, rule: Rule, types: Mapping[str, str], where: Location) -> None:
    if not isinstance(data, dict) or "from" not in data or "to" not in data:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'span' needs 'from' and 'to'"), rule=rule.id), where)
    rule.concepts = [_concept_of(data["from"], rule.id, types, where, SPAN_TYPES),
                     _concept_of(data["to"], rule.id, types, where, SPAN_TYPES)]
    rule.unit = str(data.get("unit", "years"))
    if rule.unit not in SPAN_UNITS:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': unknown unit '{unit}'"), rule=rule.id, unit=rule.unit),
                   where, Text(QT_TRANSLATE_NOOP("core", "Use one of: {choices}."), choices=", ".join(SPAN_UNITS)))
    rule.minimum = _number(data.get("minimum"), "minimum", rule.id, where)
    rule.maximum = _number(data.get("maximum"), "maximum", rule.id, where)
    if rule.minimum is None and rule.maximum is None:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'span' needs a 'minimum' or a 'maximum'"),
                        rule=rule.id), where)
    if rule.minimum is not None and rule.maximum is not None and rule.minimum > rule.maximum:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'minimum' is above 'maximum'"), rule=rule.id), where)


def _unique(data: Any, rule: Rule, types: Mapping[str, str], where: Location) -> None:
    if not isinstance(data, list) or not data:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'unique' must list the concepts of the key"),
                        rule=rule.id), where)
    rule.concepts = [_concept_of(n, rule.id, types, where) for n in data]


def _plausible(data: Any, rule: Rule, types: Mapping[str, str], where: Location) -> None:
    if not isinstance(data, dict) or not all(k in data for k in ("value", "age", "bands")):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'plausible' needs 'value', 'age' and 'bands'"),
                        rule=rule.id), where)
    value = _concept_of(data["value"], rule.id, types, where, MEASURE_TYPES)
    ways = data["age"]
    if not isinstance(ways, list) or not ways or not all(
            isinstance(w, str) or (isinstance(w, list) and len(w) == 2) for w in ways):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'age' must list ages, or pairs of dates "
                                                  "[birth, event]"), rule=rule.id), where)
    rule.ages = [[_concept_of(w, rule.id, types, where, MEASURE_TYPES)] if isinstance(w, str)
                 else [_concept_of(d, rule.id, types, where, SPAN_TYPES) for d in w] for w in ways]
    bands = data["bands"]
    if not isinstance(bands, list) or not bands or len(bands) > MAX_BANDS or not all(isinstance(b, dict) for b in bands):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'bands' must list from 1 to {count} bands"),
                        rule=rule.id, count=MAX_BANDS), where,
                   Text(QT_TRANSLATE_NOOP("core", "Give each band its 'from_age' and a 'minimum' or a 'maximum'.")))
    for band in bands:
        age = _number(band.get("from_age"), "from_age", rule.id, where)
        low = _number(band.get("minimum"), "minimum", rule.id, where)
        high = _number(band.get("maximum"), "maximum", rule.id, where)
        if age is None or (low is None and high is None):
            raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': each band needs 'from_age' and a 'minimum' "
                                                      "or a 'maximum'"), rule=rule.id), where)
        if low is not None and high is not None and low > high:
            raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'minimum' is above 'maximum'"), rule=rule.id),
                       where)
        if rule.bands and age <= rule.bands[-1].age:
            raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': bands must rise in age"), rule=rule.id), where)
        rule.bands.append(Band(age, low, high))
    rule.concepts = list(dict.fromkeys([value, *(c for w in rule.ages for c in w)]))


def _within(data: Any, rule: Rule, types: Mapping[str, str], where: Location) -> None:
    if not isinstance(data, dict) or not all(k in data for k in ("value", "from", "to")):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'within' needs 'value', 'from' and 'to'"),
                        rule=rule.id), where)
    rule.concepts = [_concept_of(data[k], rule.id, types, where, SPAN_TYPES) for k in ("value", "from", "to")]


_READERS = {"order": _order, "presence": _presence, "span": _span, "unique": _unique, "plausible": _plausible,
            "within": _within}


def _rule(data: Any, types: Mapping[str, str], where: Location) -> Rule:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not RULE_ID.match(data["id"]):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "a rule has no valid 'id'")), where,
                   Text(QT_TRANSLATE_NOOP("core", "Give every rule an id of lower-case letters, digits and '_'.")))
    rule_id = data["id"]
    kinds = [k for k in KINDS if k in data]
    if len(kinds) != 1:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}' must say exactly one of: {choices}"), rule=rule_id,
                        choices=", ".join(KINDS)), where,
                   Text(QT_TRANSLATE_NOOP("core", "See the rule format in docs/vocabulary.md.")))
    rule = Rule(rule_id, kinds[0], [])
    _READERS[rule.kind](data[rule.kind], rule, types, where)
    if len(rule.concepts) > MAX_CONCEPTS:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}' reads more than {count} concepts"), rule=rule_id,
                        count=MAX_CONCEPTS), where)
    if rule.kind == "unique":
        unless = data.get("unless_mapped", [])
        if not isinstance(unless, list):
            raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'unless_mapped' must list concepts"),
                            rule=rule_id), where)
        rule.unless_mapped = [_concept_of(n, rule_id, types, where) for n in unless]
    if data.get("link") is not None:
        rule.link = _concept_of(data["link"], rule_id, types, where)
    elif rule.kind == "within":
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}': 'within' compares tables and needs a 'link'"),
                        rule=rule_id), where,
                   Text(QT_TRANSLATE_NOOP("core", "Name the concept of the person key in 'link', or write an 'order' "
                                                  "rule for dates of one row.")))
    english = str(data.get("label_en") or rule.describe())
    rule.label = Label(english, fr=str(data.get("label_fr") or english))
    return rule


def read_rules(items: Any, types: Mapping[str, str], where: Location) -> list[Rule]:
    """The rules of a vocabulary or schema, checked against its concepts (``types``: concept id -> value type)."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "'rules' must be a list")), where)
    if len(items) > MAX_RULES:
        raise _bad(Text(QT_TRANSLATE_NOOP("core", "more than {count} rules"), count=MAX_RULES), where)
    rules: list[Rule] = []
    for item in items:
        rule = _rule(item, types, where)
        if rule.id == EXACT_DUPLICATES:
            raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule id '{rule}' is reserved for curator's own check"),
                            rule=rule.id), where, Text(QT_TRANSLATE_NOOP("core", "Give the rule another id.")))
        if any(r.id == rule.id for r in rules):
            raise _bad(Text(QT_TRANSLATE_NOOP("core", "rule '{rule}' is defined twice"), rule=rule.id), where,
                       Text(QT_TRANSLATE_NOOP("core", "Give each rule a unique id.")))
        rules.append(rule)
    return rules
