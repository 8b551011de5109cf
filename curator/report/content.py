"""What the curation report says, independent of how it is shown (HTML for the app and the package, XLSX).

Everything here is built from names, decisions, counts and risk figures. No cell value of the
source or of the output is ever read into the report: code maps and per-value validation
decisions (whose keys are values) are only counted, suggestion reasons (which quote value ranges)
are left out, and validation examples are not copied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curator import __version__
from curator.check import ValidationReport
from curator.mapping import ColumnSuggestions, Vocabulary, suggest_columns
from curator.mapping.rules import EXACT_DUPLICATES
from curator.messages import Label
from curator.protect.persons import release_risk
from curator.protect.transforms import output_name, pseudonym_kind
from curator.protect.utility import HISTOGRAM_BINS, Utility
from curator.recipe.drift import LISTED_VALUES
from curator.recipe.model import ColumnDecision, Recipe
from curator.recipe.params import keeps_time
from curator.report.strings import EN, number, percent, translate_note, translator
from curator.result import CurationResult
from curator.source import LoadedTable

# Actions that coarsen a column: their cost is measured in distinct values lost.
COARSENING = ("generalise", "date_shift", "age_at", "band", "top_code", "bottom_code", "hierarchy", "rare_to_other")


@dataclass(frozen=True)
class Share:
    """A fraction shown as a percentage (a number with a percent format in XLSX)."""

    value: float
    digits: int = 1


Cell = str | int | float | Share


@dataclass
class Text:
    text: str
    style: str = "p"             # p, h3, note, warning, ok
    lead: str = ""               # a few words shown in bold before the text


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    numeric: tuple[int, ...] = ()          # right-aligned columns
    flagged: list[str] = field(default_factory=list)   # per row: "" or a style (kept-direct, direct, risk)
    key: str = ""                           # short name, used for the XLSX sheet


@dataclass
class BarChart:
    """Horizontal bars, one group per label, one bar per series."""

    title: str
    description: str
    labels: list[str]
    series: list[tuple[str, list[int]]]     # (series name, a value per label)
    alert: list[bool] = field(default_factory=list)   # per label: shown as needing attention
    alert_label: str = ""                              # what the attention means, for the legend


@dataclass
class SplitChart:
    """One 100% bar per row, split in two parts (at risk / safe)."""

    title: str
    description: str
    rows: list[tuple[str, int, int]]        # (label, at risk, safe)
    parts: tuple[str, str]


Block = Text | Table | BarChart | SplitChart


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ReportContent:
    language: str
    title: str
    lead: list[str]
    glance: list[tuple[str, str, bool]]      # (label, figure, needs attention)
    sections: list[Section]


def build_report(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, result: CurationResult,
                 suggestions: Sequence[ColumnSuggestions] | None = None, language: str = "en", today: date | None = None,
                 member: str = "data.parquet") -> ReportContent:
    """The report's content. ``suggestions`` (``curator.mapping.ColumnSuggestions``) give the match
    scores; they are computed from the source when not given and the source is in memory. ``member``:
    the package member the data leave in."""
    t = translator(language)
    in_memory = loaded.table.num_rows > 0
    classes = _classes(result)
    export = recipe.export
    producer = export.producer_name or export.producer_id or t("unnamed_producer")
    made = dict(version=__version__, date=(today or date.today()).isoformat(), producer=producer)
    lead = [t("made_by_dataset", dataset=export.dataset_title, **made) if export.dataset_title else t("made_by", **made),
            t("no_personal_data")]
    before = _risk_before(loaded, recipe) if in_memory else None
    sections = [
        _source_section(loaded, t, language, in_memory),
        *([_drift_section(result.applied, t)] if result.applied else []),
        _mapping_section(loaded, recipe, vocabulary, result, suggestions, classes, t, language),
        _transforms_section(recipe, result, classes, t),
        _validation_section(result.validation, t, language),
        _risk_section(recipe, result.risk, before, t, language),
        _generalisation_section(loaded, recipe, result, t, language, in_memory),
        _output_section(recipe, result, t, language, member),
    ]
    return ReportContent(language, t("title"), lead, _glance(loaded, recipe, result, classes, t, language), sections)


# --- pieces ------------------------------------------------------------------------------------------

def _classes(result: CurationResult) -> dict[str, str]:
    return {i.name: i.klass for i in result.identifications}


def _kept_direct(recipe: Recipe, result: CurationResult, classes: dict[str, str]) -> list[str]:
    kept = list(result.kept_direct)
    kept += [c.source for c in recipe.columns if classes.get(c.source) == "direct" and c.transform.action == "keep"
             and c.transform.keep_confirmed and c.source not in kept]
    return kept


def _glance(loaded: LoadedTable, recipe: Recipe, result: CurationResult, classes: dict[str, str],
            t: Any, language: str) -> list[tuple[str, str, bool]]:
    actions = [c.transform.action for c in recipe.columns]
    rows_in = loaded.source.rows or loaded.table.num_rows
    validation = result.validation
    broken = len(getattr(validation, "results", []) or [])
    glance = [(t("glance_rows"), number(rows_in, language), False),
              (t("glance_rows_out"), number(result.output_rows, language), result.output_rows < rows_in),
              (t("glance_columns"), number(result.table.num_columns, language), False),
              (t("glance_dropped"), number(actions.count("drop") + len(result.dropped_unmapped), language), False),
              (t("glance_pseudonymised"), number(actions.count("pseudonymise"), language), False),
              (t("glance_generalised"), number(sum(a in COARSENING for a in actions), language), False),
              (t("glance_issues"), number(broken, language), bool(getattr(validation, "unresolved", [])))]
    risk = result.risk or {}
    if risk.get("k") is not None:
        below = int(risk.get("records_below_k") or 0)
        glance.append((in_persons(t, risk)("glance_at_risk", k=risk["k"]), number(below, language), below > 0))
    return glance


def _source_section(loaded: LoadedTable, t: Any, language: str, in_memory: bool) -> Section:
    src = loaded.source
    options = src.options
    said = []
    for key, value in (("encoding", options.encoding), ("delimiter", options.delimiter),
                       ("header_row", options.header_row), ("decimal", options.decimal),
                       ("thousands", options.thousands)):
        if value in (None, ""):
            continue
        shown = {"\t": t("tab"), " ": t("space")}.get(str(value), t("quoted", value=value) if key != "header_row" else value)
        if key == "encoding":
            shown = value
        said.append(t(f"opt_{key}", value=shown))
    if src.sheets or options.sheet:
        said.append(t("opt_sheet", value=t("quoted", value=options.sheet or (src.sheets[0] if src.sheets else ""))))
    rows = [[t("file"), Path(src.path).name], [t("format"), src.format],
            [t("size"), t("bytes", size=number(src.size, language))], [t("sha256"), src.sha256 or "—"],
            [t("rows"), src.rows or loaded.table.num_rows],
            [t("columns"), loaded.table.num_columns],
            [t("read_with"), t("list_separator").join(str(s) for s in said) or "—"]]
    blocks: list[Block] = [Table(["", ""], rows, key="source")]
    if loaded.warnings:
        blocks.append(Text(t("load_warnings", count=len(loaded.warnings)), "note"))
    if not in_memory:
        blocks.append(Text(t("streamed"), "note"))
    return Section("source", t("source"), blocks)


def _drift_section(applied: dict[str, Any], t: Any) -> Section:
    """How the file differs from the recipe's, in full: the values with no mapping and the source's path.

    This is the one place these travel: only inside the encrypted package. The clear manifest gives
    column names and counts (``curator.recipe.drift.clear_summary``).
    """
    drift = applied.get("drift") or {}
    rows: list[list[Cell]] = []
    for r in drift.get("renamed", []):
        rows.append([t("drift_renamed"), r["new"], t("drift_was", old=r["old"], reason=r.get("reason", ""))])
    rows += [[t("drift_missing"), name, ""] for name in drift.get("missing_columns", [])]
    rows += [[t("drift_new"), name, ""] for name in drift.get("new_columns", [])]
    rows += [[t("drift_type"), c["column"], f"{c['was']} → {c['now']}"] for c in drift.get("type_changes", [])]
    for n in drift.get("new_codes", []):
        shown = ", ".join(f"“{v['value']}” ({v['rows']})" for v in n["values"][:LISTED_VALUES])
        more = len(n["values"]) - LISTED_VALUES
        rows.append([t("drift_codes"), n["column"], shown + (" " + t("drift_more", count=more) if more > 0 else "")])
    rows += [[t("drift_note"), "", note] for note in drift.get("notes", [])]
    rows += [[t("drift_skipped"), "", line] for line in applied.get("skipped", [])]
    blocks: list[Block] = [Text(t("drift_file", file=drift.get("file", "")), "p")]
    if rows:
        blocks.append(Table([t("drift_what"), t("col_source"), t("drift_detail")], rows, key="drift"))
    else:
        blocks.append(Text(t("drift_none"), "ok"))
    if drift.get("new_codes"):
        blocks.append(Text(t("drift_values_warning"), "warning"))
    return Section("drift", t("drift"), blocks)


def _class_label(klass: str | None, overridden: bool, t: Any) -> str:
    label = t(f"class_{klass}") if klass in ("direct", "quasi", "sensitive", "none") else t("class_unknown")
    return t("overridden", klass=label) if overridden else label


def _suggestion_scores(loaded: LoadedTable, vocabulary: Vocabulary, result: CurationResult,
                       suggestions: Sequence[ColumnSuggestions] | None) -> dict[str, dict[str, float]]:
    if suggestions is None:
        if loaded.table.num_rows == 0:
            return {}

        suggestions = suggest_columns(loaded.table, vocabulary, result.identifications)
    return {s.name: {x.concept: float(x.score) for x in s.suggestions} for s in suggestions}


def _concept_label(vocabulary: Vocabulary, concept_id: str | None, language: str) -> str:
    if not concept_id:
        return ""
    concept = getattr(vocabulary, "concepts", {}).get(concept_id)
    if concept is None:
        return ""
    first, second = (concept.label_fr, concept.label_en) if language == "fr" else (concept.label_en, concept.label_fr)
    return str(first or second or "")


def _mapping_section(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, result: CurationResult, suggestions: Sequence[ColumnSuggestions] | None,
                     classes: dict[str, str], t: Any, language: str) -> Section:
    vocab = vocabulary.describe()
    scores = _suggestion_scores(loaded, vocabulary, result, suggestions)
    kept_direct = set(_kept_direct(recipe, result, classes))
    rows: list[list[Any]] = []
    flagged: list[str] = []
    for c in recipe.columns:
        column_scores = scores.get(c.source)
        score: Cell
        if not c.concept:
            score = t("score_none")
        elif column_scores is not None and c.concept in column_scores:
            score = Share(column_scores[c.concept], digits=0)
        elif column_scores is not None:
            score = t("score_chosen")
        else:
            score = t("score_none")
        mapped_codes = sum(1 for code in c.code_map.values() if code is not None)
        rows.append([c.source, c.concept or t("unmapped"), _concept_label(vocabulary, c.concept, language), score,
                     _class_label(classes.get(c.source, c.identifying), bool(c.identifying), t),
                     mapped_codes or ""])
        flagged.append(_row_flag(c, classes, kept_direct))
    blocks: list[Block] = [
        Text(t("vocabulary", id=vocab.get("id", "?"), version=vocab.get("version", "?"))),
        Table([t("col_source"), t("col_concept"), t("col_label"), t("col_score"), t("col_class"), t("col_codes")],
              rows, numeric=(3, 5), flagged=flagged, key="columns"),
        Text(t("score_help"), "note")]
    if result.dropped_unmapped:
        blocks.append(Text(t("dropped_unmapped", columns=", ".join(result.dropped_unmapped)), "note"))
    return Section("mapping", t("mapping"), blocks)


def _row_flag(c: ColumnDecision, classes: dict[str, str], kept_direct: set[str]) -> str:
    if c.source in kept_direct:
        return "kept-direct"
    if classes.get(c.source) == "direct":
        return "direct"
    return ""


def describe_transform(decision: ColumnDecision, t: Any, kept_direct: bool = False) -> str:
    """The action of a column in plain words, with its parameters."""
    text = _described(decision, t, kept_direct)
    if decision.transform.action in ("keep", "date_shift") and keeps_time(decision.transform.params):
        text += t("act_time_kept")
    return text


def _described(decision: ColumnDecision, t: Any, kept_direct: bool) -> str:
    action = decision.transform.action
    params = decision.transform.params
    if action == "keep":
        return t("act_keep_direct") if kept_direct else t("act_keep")
    if action == "pseudonymise":
        try:
            kind = pseudonym_kind(decision)
        except Exception:          # an unknown kind is the Protect stage's error to report, not the report's
            kind = "generic"
        return t("act_pseudonymise", kind=t(f"kind_{kind}") if kind in ("nir", "name", "generic") else kind)
    if action == "generalise":
        to = params.get("to")
        if to in ("year", "year_month", "quarter", "department", "region"):
            return t(f"act_generalise_{to}")
        return t("act_generalise_other", to=to)
    if action == "date_shift":
        return t("act_date_shift", max_days=params.get("max_days", "?"), person=params.get("person_column", "?"))
    if action == "age_at":
        return t("act_age_at", reference=params.get("reference", "?"))
    if action == "band":
        if "width" in params:
            return t("act_band_width", width=params["width"])
        return t("act_band_edges", edges=", ".join(str(e) for e in params.get("edges", [])))
    if action in ("top_code", "bottom_code"):
        high = params.get("max", params.get("top")) if action == "top_code" else None
        low = params.get("bottom", params.get("min"))
        if high is not None and low is not None:
            return t("act_top_bottom_code", min=low, max=high)
        return t("act_top_code", max=high) if high is not None else t("act_bottom_code", min=low)
    if action == "hierarchy":
        return t("act_hierarchy", hierarchy=Path(str(params.get("hierarchy", "?"))).name, level=params.get("level", "?"))
    if action == "rare_to_other":
        other = params.get("other", "other")
        if other is None:
            return t("act_rare_to_empty", threshold=params.get("threshold", "?"))
        return t("act_rare_to_other", threshold=params.get("threshold", "?"), other=other)
    if action in ("drop", "scrub"):
        return t(f"act_{action}")
    text = t("act_other", action=action)
    if params:
        text += " (" + t("params", params=", ".join(f"{k} = {v}" for k, v in params.items())) + ")"
    return text


def _output_names(recipe: Recipe, result: CurationResult) -> dict[str, str]:
    present = set(result.table.column_names)
    return {c.source: output_name(c) for c in recipe.columns if output_name(c) in present}


def _transforms_section(recipe: Recipe, result: CurationResult, classes: dict[str, str], t: Any) -> Section:
    kept_direct = set(_kept_direct(recipe, result, classes))
    names = _output_names(recipe, result)
    rows: list[list[Cell]] = []
    flagged: list[str] = []
    for c in recipe.columns:
        how = describe_transform(c, t, c.source in kept_direct)
        reach = reach_description(c, recipe, result.generalisation, t) if c.source in names else ""
        rows.append([c.source, _class_label(classes.get(c.source, c.identifying), bool(c.identifying), t),
                     f"{how}; {reach}" if reach else how, names.get(c.source, "—")])
        flagged.append(_row_flag(c, classes, kept_direct) or ("dropped" if c.source not in names else ""))
    blocks: list[Block] = []
    if kept_direct:
        blocks.append(Text(t("kept_direct", columns=", ".join(sorted(kept_direct))), "warning",
                           lead=t("kept_direct_title")))
    blocks.append(Table([t("col_source"), t("col_class"), t("col_action"), t("col_output")], rows, flagged=flagged,
                        key="transforms"))
    if all(c.transform.action == "keep" for c in recipe.columns):
        blocks.append(Text(t("no_transforms"), "note"))
    return Section("transforms", t("transforms"), blocks)


def _decision_text(r: Any, t: Any, language: str) -> str:
    if r.decision == "keep" and getattr(r, "reason", ""):
        return str(t("dec_keep_reason", reason=r.reason))
    if r.decision in ("empty", "exclude_row", "keep"):
        return str(t(f"dec_{r.decision}"))
    if r.decided_rows:
        return str(t("dec_per_value", decided=number(int(r.decided_rows), language), count=number(int(r.count), language)))
    return str(t("dec_none"))


def validation_summary(validation: ValidationReport, t: Any, language: str) -> Text:
    """How many rows were checked, rules broken and findings left without a decision, in one sentence."""
    results = list(getattr(validation, "results", []) or [])
    rows_checked = number(int(getattr(validation, "rows", 0) or 0), language)
    if not results:
        return Text(t("validation_none", rows=rows_checked), "ok")
    unresolved = [r for r in results if not r.resolved]
    return Text(t("validation_summary", rows=rows_checked, rules=len(results),
                  values=number(sum(int(r.count) for r in results), language), unresolved=len(unresolved),
                  excluded=number(int(getattr(validation, "excluded_rows", 0) or 0), language)),
                "warning" if unresolved else "p")


def _validation_section(validation: ValidationReport, t: Any, language: str) -> Section:
    results = list(getattr(validation, "results", []) or [])
    blocks: list[Block] = [validation_summary(validation, t, language)]
    if results:
        rows = []
        for r in results:
            rule = t(f"rule_{r.rule}") if f"rule_{r.rule}" in _rule_keys() else r.rule
            column, detail = r.column, r.detail
            if getattr(r, "kind", "value") == "coherence":
                # The rule's own words, from the vocabulary, in the report's language.
                label = r.message.in_language(language) if isinstance(r.message, Label) else str(r.message)
                rule = f"{r.rule}: {label}"
                column = t("all_columns") if r.rule == EXACT_DUPLICATES else r.column
                if r.keys:
                    detail = t("list_separator").join(p for p in (detail, t("repeated_keys", keys=number(int(r.keys), language))) if p)
            rows.append([column, r.concept, rule, detail, int(r.count),
                         _decision_text(r, t, language), t("yes") if r.resolved else t("no")])
        blocks.append(Table([t("val_column"), t("val_concept"), t("val_rule"), t("val_expected"), t("val_count"),
                             t("val_decision"), t("val_resolved")], rows, numeric=(4,),
                            flagged=["" if r.resolved else "risk" for r in results], key="validation"))
        blocks.append(Text(t("validation_detail_note"), "note"))
    rules_off = dict(getattr(validation, "rules_off", {}) or {})
    if rules_off:
        blocks.append(Text(t("rules_off"), "h3"))
        blocks.append(Table([t("val_rule"), t("rule_off_reason")], [[rule, reason] for rule, reason in rules_off.items()],
                            key="rules_off"))
    notes = list(getattr(validation, "notes", []) or [])
    if notes:
        # Conversion notes read "column: what was done".
        split = [note.split(": ", 1) if ": " in note else ["", note] for note in notes]
        blocks.append(Text(t("conversions"), "h3"))
        blocks.append(Table([t("val_column"), t("conversion")],
                            [[column, translate_note(what, language)] for column, what in split], key="conversions"))
    return Section("validation", t("validation"), blocks)


def _rule_keys() -> set[str]:
    return {k for k in EN if k.startswith("rule_")}


def _risk_before(loaded: LoadedTable, recipe: Recipe) -> dict[str, Any] | None:
    """The risk of the source as read, over the same quasi-identifiers (before any transform)."""
    quasi = [q for q in recipe.protection.quasi_identifiers if q in loaded.table.column_names]
    if not quasi or len(quasi) != len(recipe.protection.quasi_identifiers):
        return None
    person = recipe.person_key if recipe.person_key in loaded.table.column_names else None
    return release_risk(loaded.table, quasi, recipe.protection.k_target, person).to_dict()


def in_persons(t: Any, risk: dict[str, Any] | None) -> Any:
    """``t`` saying "persons" where the risk is counted in persons: a key's ``_in_persons`` variant when
    there is one."""
    if (risk or {}).get("unit") != "persons":
        return t

    def said(key: str, **figures: object) -> str:
        return str(t(f"{key}_in_persons" if f"{key}_in_persons" in EN else key, **figures))

    return said


def _risk_section(recipe: Recipe, risk: dict[str, Any] | None, before: dict[str, Any] | None, t: Any,
                  language: str) -> Section:
    if not risk:
        return Section("risk", t("risk"), [Text(t("risk_none"), "note")])
    t = in_persons(t, risk)
    blocks: list[Block] = [Text(t("risk_intro", quasi=", ".join(risk.get("quasi_identifiers", []))))]
    k = risk.get("k")
    records = int(risk.get("records") or 0)
    if k is None:
        blocks.append(Text(t("k_none"), "note"))
    elif int(risk.get("records_below_k") or 0) == 0:
        blocks.append(Text(t("k_reached", k=k), "ok"))
    else:
        below = int(risk["records_below_k"])
        blocks.append(Text(t("k_not_reached", k=k, records=number(below, language),
                             share=percent(below / records if records else 0.0, language)), "warning"))
    accepted = recipe.protection.accept_below_k
    if k is not None and accepted:
        blocks.append(Text(t("k_accepted", k=k, reason=accepted.get("reason", "")), "warning"))

    def fig(data: dict[str, Any] | None, key: str, kind: str = "count") -> Cell:
        if data is None or data.get(key) is None:
            return "—"
        value = data[key]
        return Share(float(value)) if kind == "share" else int(value)

    counted = "risk_persons" if risk.get("unit") == "persons" else "risk_records"
    figures = [(counted, "records", "count"), ("risk_classes", "classes", "count"),
               ("risk_uniques", "sample_uniques", "count"), ("risk_smallest", "smallest_class", "count"),
               ("risk_average", "average_risk", "share"), ("risk_highest", "highest_risk", "share")]
    if k is not None:
        figures += [("risk_below_k", "records_below_k", "count"), ("risk_classes_below_k", "classes_below_k", "count")]
    rows = [[t(label), fig(before, key, kind), fig(risk, key, kind)] for label, key, kind in figures]
    if k is not None:
        rows.insert(0, [t("risk_k"), k, k])
    diversity = risk.get("l_diversity")
    if diversity:
        column = diversity.get("sensitive", "")
        rows.append([t("risk_l", column=column), "—", int(diversity.get("l", 0))])
        rows.append([t("risk_l_one", column=column), "—", int(diversity.get("records_with_one_value", 0))])
    headers = [t("fig"), t("before"), t("after")] if before is not None else [t("fig"), t("after")]
    if before is None:
        rows = [[r[0], r[2]] for r in rows]
    blocks.append(Table(headers, rows, numeric=tuple(range(1, len(headers))), key="risk"))
    if before is not None:
        blocks.append(Text(t("before_note"), "note"))
    blocks.extend(_risk_charts(risk, before, k, t, language))
    return Section("risk", t("risk"), blocks)


def _band_floor(label: str) -> int:
    return int(label.rstrip("+").split("-")[0])


def _risk_charts(risk: dict[str, Any], before: dict[str, Any] | None, k: int | None, t: Any,
                 language: str) -> list[Block]:
    after_bands = {b["sizes"]: int(b["records"]) for b in risk.get("class_size_distribution", [])}
    before_bands = {b["sizes"]: int(b["records"]) for b in (before or {}).get("class_size_distribution", [])}
    labels = sorted(set(after_bands) | set(before_bands), key=_band_floor)
    blocks: list[Block] = []
    if labels:
        series = []
        if before is not None:
            series.append((t("before"), [before_bands.get(label, 0) for label in labels]))
        series.append((t("after"), [after_bands.get(label, 0) for label in labels]))
        alert = [k is not None and _band_floor(label) < k for label in labels]
        blocks.append(BarChart(t("chart_sizes"), t("chart_sizes_desc"), labels, series, alert,
                               t("records_at_risk", k=k) if k is not None else ""))
        rows = [[label, *[values[i] for _, values in series]] for i, label in enumerate(labels)]
        blocks.append(Table([t("size_band"), *[f"{t('band_records')} ({name})" for name, _ in series]],
                            rows,
                            numeric=tuple(range(1, len(series) + 1)), flagged=["risk" if a else "" for a in alert],
                            key="class_sizes"))
    if k is not None:
        split = []
        for name, data in ((t("before"), before), (t("after"), risk)):
            if data is None or data.get("records_below_k") is None:
                continue
            below = int(data["records_below_k"])
            split.append((name, below, int(data.get("records") or 0) - below))
        if split:
            blocks.append(SplitChart(t("chart_at_risk"), t("chart_at_risk_desc", k=k), split,
                                     (t("records_at_risk", k=k), t("records_safe", k=k))))
    return blocks


def _distinct(table: pa.Table, column: str) -> int | None:
    if column not in table.column_names or table.num_rows == 0:
        return None
    return int(pc.count_distinct(table.column(column), mode="only_valid").as_py())


def _generalisation_section(loaded: LoadedTable, recipe: Recipe, result: CurationResult, t: Any, language: str,
                            in_memory: bool) -> Section:
    blocks: list[Block] = []
    levels = recipe.protection.generalisation
    if levels:
        blocks.append(Text(t("gen_levels", levels=", ".join(f"{c} → {lvl}" for c, lvl in levels.items()))))
        suppressed = int(result.generalisation.get("suppressed_records", 0) or 0)
        if result.generalisation.get("suppression_unit") == "cells":
            info = result.generalisation
            blocks.append(Text(t("gen_cells", cells=number(int(info.get("cells_suppressed", 0)), language),
                                 records=number(int(info.get("records_touched", 0)), language),
                                 whole=number(suppressed, language), k=recipe.protection.k_target), "note"))
        elif suppressed:
            blocks.append(Text(t("gen_suppressed", records=number(suppressed, language),
                                 k=recipe.protection.k_target), "note"))
        blocks.extend(_utility_blocks(result.generalisation.get("utility"), recipe, t))
    else:
        blocks.append(Text(t("gen_none"), "note"))
    names = _output_names(recipe, result)
    quasi = set(recipe.protection.quasi_identifiers)
    rows, flagged = [], []
    for c in recipe.columns:
        if c.transform.action not in COARSENING and not (c.source in quasi and c.transform.action != "drop"):
            continue
        before = _distinct(loaded.table, c.source) if in_memory else None
        after = _distinct(result.table, names[c.source]) if c.source in names else None
        # Distinct values lost measure what a coarsening cost; a column kept as it is lost none
        # (a code map may still merge spellings, which is not a loss of detail).
        coarsened = c.transform.action in COARSENING
        kept: Cell = Share(after / before) if coarsened and before and after is not None else "—"
        rows.append([c.source, describe_transform(c, t), "—" if before is None else before,
                     "—" if after is None else after, kept])
        flagged.append("" if c.transform.action in COARSENING else "risk")
    if rows:
        blocks.append(Table([t("gen_column"), t("gen_how"), t("gen_distinct_before"), t("gen_distinct_after"),
                             t("gen_kept_detail")], rows, numeric=(2, 3, 4), flagged=flagged, key="generalisation"))
        blocks.append(Text(t("gen_note"), "note"))
    else:
        blocks.append(Text(t("gen_empty"), "note"))
    excluded = int(getattr(result.validation, "excluded_rows", 0) or 0)
    if excluded:
        blocks.append(Text(t("gen_excluded", rows=number(excluded, language)), "warning"))
    return Section("generalisation", t("generalisation"), blocks)


# Actions whose every output value differs from the source's: only their histograms may enter the
# report, which never holds a value of the source (the app shows the others).
_RECODING = ("generalise", "band", "age_at", "hierarchy")


def _utility_blocks(data: dict[str, Any] | None, recipe: Recipe, t: Any) -> list[Block]:
    """Per quasi-identifier the shares kept, the loss measures and a histogram, from Reach k's utility."""
    if not data:
        return []
    recoded = {output_name(c) for c in recipe.columns if c.transform.action in _RECODING}
    utility = Utility.from_dict(data)
    quasi = {output_name(c) for c in recipe.columns if c.source in recipe.protection.quasi_identifiers}
    utility.columns = [c for c in utility.columns if c.name in quasi]
    if not utility.columns:
        return []
    rows: list[list[Cell]] = []
    for c in utility.columns:
        total = c.records or 1
        rows.append([c.name, c.level, Share(c.requested / total), Share(c.coarser / total), Share(c.suppressed / total)])
    blocks: list[Block] = [Text(t("util_title"), "h3"),
                           Table([t("gen_column"), t("util_level"), t("util_requested"), t("util_coarser"),
                                  t("util_suppressed")], rows, numeric=(1, 2, 3, 4), key="utility")]
    before, after = utility.before, utility.after
    blocks.append(Text(t("util_loss_title"), "h3"))
    blocks.append(Table([t("util_measure"), t("util_before"), t("util_after")], [
        [t("util_entropy"), Share(before.relative_entropy), Share(after.relative_entropy)],
        [t("util_precision"), Share(before.precision), Share(after.precision)],
        [t("util_discernibility"), Share(before.relative_discernibility, 3), Share(after.relative_discernibility, 3)],
    ], numeric=(1, 2), key="loss"))
    for c in utility.columns:
        if not c.histogram or (c.name not in recoded and c.level == 0):
            continue
        labels = [label for label, _before, _after in c.histogram]
        blocks.append(BarChart(t("util_histogram", column=c.name), t("util_histogram_desc", bins=HISTOGRAM_BINS),
                               labels, [(t("util_before"), [b for _l, b, _a in c.histogram]),
                                        (t("util_after"), [a for _l, _b, a in c.histogram])]))
    return blocks


def reach_description(decision: ColumnDecision, recipe: Recipe, generalisation: dict[str, Any], t: Any) -> str:
    """What Reach k did to a quasi-identifier, for the transforms table ("" when it did nothing)."""
    if decision.source not in recipe.protection.generalisation:
        return ""
    name = output_name(decision)
    level = int(generalisation.get("levels", {}).get(name, 0))
    cells = int(generalisation.get("cells_per_column", {}).get(name, generalisation.get("suppressed_records", 0)) or 0)
    examples = {c["name"]: c.get("histogram") or [] for c in (generalisation.get("utility") or {}).get("columns", [])}
    example = next((label for label, _b, _a in examples.get(name, []) if label != "*"), "")
    parts = [t("reach_level", level=level, example=example) if level else t("reach_as_is")]
    parts.append(t("reach_cells", cells=cells))
    return t("list_separator").join(parts)


def _type_label(arrow_type: pa.DataType, t: Any) -> str:
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return str(t("type_string"))
    if pa.types.is_date(arrow_type) or pa.types.is_timestamp(arrow_type):
        return str(t("type_date"))
    if pa.types.is_integer(arrow_type):
        return str(t("type_int"))
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return str(t("type_float"))
    if pa.types.is_boolean(arrow_type):
        return str(t("type_bool"))
    return str(arrow_type)


def _output_section(recipe: Recipe, result: CurationResult, t: Any, language: str, member: str) -> Section:
    sources = {name: source for source, name in _output_names(recipe, result).items()}
    rows = [[f.name, _type_label(f.type, t), sources.get(f.name, "")] for f in result.table.schema]
    return Section("output", t("output"), [
        Text(t("output_summary", rows=number(result.output_rows, language),
               columns=number(result.table.num_columns, language), member=member)),
        Table([t("out_column"), t("out_type"), t("out_from")], rows, key="output")])
