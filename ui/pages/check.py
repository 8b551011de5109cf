"""Check: what still blocks the export (and where to fix it), the validation issues, and the warnings."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from curator.check import Blocker, ValidationReport, blockers, convert_and_validate
from curator.errors import CuratorError
from curator.hubview import SubmissionView
from curator.mapping import Vocabulary
from curator.progress import ProgressCallback, scaled
from curator.protect.persons import source_release_risk
from curator.protect.reach import apply_recipe_generalisation, quasi_as_they_leave
from curator.recipe.model import Recipe, RuleDecision
from curator.recipe.privacy import unprotected_columns
from curator.undo import SetAttributes
from ui.i18n import core_text, format_local
from ui.pages.common import (
    ROLE_TARGET,
    TableSelector,
    Target,
    add_validation_findings,
    finding_text,
    item_target,
    notice,
    page_header,
    submission_measure,
)
from ui.qt import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import Session
from ui.workers import Operation, TaskRunner

ROLE_RULE = Qt.ItemDataRole.UserRole + 2       # (rule id, its columns), on items of the coherence list


@dataclass
class SubmissionCheck:
    """A linked submission's checks: every table's own, and what the export finds across them."""

    tables: list[CheckResult]
    view: SubmissionView


def check_submission(tables: list[tuple[pa.Table, Recipe, dict[str, str]]], vocabulary: Vocabulary,
                     across: Callable[[ProgressCallback | None], SubmissionView],
                     progress: ProgressCallback | None = None) -> SubmissionCheck:
    """Every table of a submission checked as one file is, then the submission across its tables (on a worker)."""
    results = [check_recipe(table, recipe, vocabulary, detected,
                            scaled(progress, 0.5 * number / len(tables), 0.5 * (number + 1) / len(tables)))
               for number, (table, recipe, detected) in enumerate(tables)]
    return SubmissionCheck(results, across(scaled(progress, 0.5, 1.0)))


@dataclass
class CheckResult:
    report: ValidationReport
    blockers: list[Blocker]
    unprotected: list[str]              # direct identifiers kept as they are without the user's confirmation
    generalisation: str | None          # why the export would refuse the Reach k levels (None: it would not)


def check_recipe(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary, detected: dict[str, str],
                 progress: ProgressCallback | None = None) -> CheckResult:
    """What the export would refuse or find wrong in ``table`` with ``recipe``'s decisions (on a worker)."""
    known = {c.source for c in recipe.columns}
    mapped = table.select([n for n in table.column_names if n in known])
    _typed, report = convert_and_validate(mapped, recipe, vocabulary, progress=progress)
    risk, suppressed = release_risk(table, recipe, vocabulary)
    found = list(blockers(recipe, vocabulary, report, detected, risk, suppressed))
    unprotected = unprotected_columns(recipe.columns, detected, vocabulary)
    return CheckResult(report, found, unprotected, generalisation_problem(table, recipe, vocabulary))


class CheckPage(QWidget):
    navigate = Signal(object)     # Target: where a blocker or finding is fixed

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.shown_with: Sequence[QWidget] = ()    # other pages in whose view the checks run too (set by the window)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        page_header(self, layout, self.tr("Check before export"), self.tr(
            "curator converts and validates every value against the vocabulary. Blockers must be settled before "
            "the package can be written; double-click one to go where it is fixed."))
        self.status = notice(self, self.tr("Open a file on the Load step first."))
        layout.addWidget(self.status)
        self.table_selector = TableSelector(session, self)
        layout.addWidget(self.table_selector)
        row = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Check again"), self)
        self.run_button.setToolTip(self.tr("Convert and validate the whole table with the current decisions (F5)"))
        self.run_button.setAccessibleName(self.tr("Run the checks"))
        self.run_button.setShortcut("F5")
        self.run_button.clicked.connect(self.run_checks)
        row.addWidget(self.run_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.blockers_list = QListWidget(self)
        self.blockers_list.setAccessibleName(self.tr("Blockers"))
        self.blockers_list.setWordWrap(True)
        self.blockers_list.itemActivated.connect(self._go_to)
        self.warnings_list = QListWidget(self)
        self.warnings_list.setAccessibleName(self.tr("Warnings and validation findings"))
        self.warnings_list.setWordWrap(True)
        self.warnings_list.itemActivated.connect(self._go_to)
        blockers_box = QGroupBox(self.tr("Blockers"), self)
        QVBoxLayout(blockers_box).addWidget(self.blockers_list)
        warnings_box = QGroupBox(self.tr("Warnings and validation findings"), self)
        QVBoxLayout(warnings_box).addWidget(self.warnings_list)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(blockers_box)
        splitter.addWidget(self._coherence_box())
        splitter.addWidget(warnings_box)
        splitter.addWidget(self._across_box())
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self._run_if_visible)
        self._checked_key: str | None = None
        self.session.recipeChanged.connect(self._recipe_changed)
        self.session.loadedChanged.connect(self._stale)
        self.session.identificationsChanged.connect(self._stale)
        self.session.sourceChanged.connect(self._forget)

    def _forget(self) -> None:
        """Another file or project: nothing found in the previous one stays on screen."""
        self.blockers_list.clear()
        self.warnings_list.clear()
        self.status.setText(self.tr("Open a file on the Load step first.") if self.session.loaded is None
                            else self.tr("Checking…"))

    def _across_box(self) -> QGroupBox:
        """A linked submission's findings across its tables: keys, links, rules between tables, k in persons."""
        box = QGroupBox(self.tr("Across the tables of the submission"), self)
        self.across_list = QListWidget(box)
        self.across_list.setAccessibleName(self.tr("Findings across the tables"))
        self.across_list.setWordWrap(True)
        QVBoxLayout(box).addWidget(self.across_list)
        box.setVisible(False)
        self.across_box = box
        self.session.tableChanged.connect(lambda: box.setVisible(self.session.is_submission()))
        self.session.sourceChanged.connect(lambda: box.setVisible(self.session.is_submission()))
        return box

    def _show_across(self, check: SubmissionCheck) -> list[str]:
        """The submission's findings in the list across tables; the blockers they add (other tables' too)."""
        view = check.view
        self.across_list.clear()
        blockers: list[str] = []
        names = self.session.table_names()
        for number, (name, result) in enumerate(zip(names, check.tables, strict=True)):
            own = len(result.blockers) + len(result.unprotected) + (1 if result.generalisation else 0)
            if number != self.session.active and own:
                blockers.append(self.tr("table '{table}': {count} blocker(s) — choose it above to see them").format(
                    table=name, count=own))
            blockers += [self.tr("table '{table}': {blocker}").format(table=name, blocker=core_text(str(b)))
                         for b in view.blockers.get(name, [])]
        for name in names:
            for finding in view.findings.get(name, []):
                item = QListWidgetItem(("✔ " if finding.resolved else "⚠ ") + self.tr("table '{table}': {finding}").format(
                    table=name, finding=finding_text(finding)))
                item.setToolTip(self.tr("Rule '{rule}'").format(rule=finding.rule))
                self.across_list.addItem(item)
        risk = view.risk
        if risk:
            unit = self.tr("persons") if risk.get("unit") == "persons" else self.tr("records")
            self.across_list.addItem(QListWidgetItem("ℹ " + format_local(self.tr(
                "Across the tables, counted in {unit}: {records:,} {unit}, {classes:,} groups, {uniques:,} unique, "
                "{below:,} below k = {k}."), unit=unit, records=risk.get("records") or 0,
                classes=risk.get("classes") or 0, uniques=risk.get("sample_uniques") or 0,
                below=risk.get("records_below_k") or 0, k=risk.get("k") or "–")))
        for note in view.notes[:10]:
            self.across_list.addItem(QListWidgetItem("ℹ " + core_text(note)))
        if not self.across_list.count():
            self.across_list.addItem(QListWidgetItem("✔ " + self.tr("No finding across the tables.")))
        self.session.set_submission_view(view)
        return blockers

    def _coherence_box(self) -> QGroupBox:
        """The findings of the coherence rules, one line per rule, and the decisions on the selected one."""
        box = QGroupBox(self.tr("Coherence between fields and rows"), self)
        layout = QVBoxLayout(box)
        self.coherence_list = QListWidget(box)
        self.coherence_list.setAccessibleName(self.tr("Coherence findings"))
        self.coherence_list.setWordWrap(True)
        self.coherence_list.itemActivated.connect(self._go_to)
        self.coherence_list.currentItemChanged.connect(lambda *_: self._enable_decisions())
        layout.addWidget(self.coherence_list)
        buttons = QHBoxLayout()
        self.decision_buttons: dict[str, QPushButton] = {}
        for action, text, tip in (
                ("exclude_row", self.tr("Exclude the rows"),
                 self.tr("The rows that break the rule leave the package (a repeat: every row after the first)")),
                ("keep", self.tr("Keep, with a reason…"), self.tr("The rows stay as they are; the reason is in the report")),
                ("empty", self.tr("Empty a value…"), self.tr("Empty one column's value on the rows that break the rule")),
                ("off", self.tr("Switch the rule off…"),
                 self.tr("The rule is not checked for this file; the reason is in the report")),
                ("clear", self.tr("Clear the decision"), self.tr("The rule's findings stop the export again"))):
            button = QPushButton(text, box)
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, a=action: self._decide_selected(a))
            buttons.addWidget(button)
            self.decision_buttons[action] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._enable_decisions()
        return box

    def _selected_rule(self) -> tuple[str, list[str]] | None:
        item = self.coherence_list.currentItem()
        found = item.data(ROLE_RULE) if item is not None else None
        return (found[0], list(found[1])) if found else None

    def _enable_decisions(self) -> None:
        selected = self._selected_rule()
        for button in self.decision_buttons.values():
            button.setEnabled(selected is not None)

    def _decide_selected(self, action: str) -> None:
        """Ask what the decision needs (a reason, a column), then record it."""
        selected = self._selected_rule()
        if selected is None:
            return
        rule, columns = selected
        reason, column = "", None
        if action in ("keep", "off"):
            question = (self.tr("Why are these rows kept as they are?") if action == "keep"
                        else self.tr("Why is this rule not checked for this file?"))
            reason, accepted = QInputDialog.getText(self, self.tr("Reason"), question)
            if not accepted or not reason.strip():
                return
        elif action == "empty":
            column, accepted = QInputDialog.getItem(self, self.tr("Empty a value"),
                                                    self.tr("Which column's value is emptied on these rows?"),
                                                    columns, 0, False)
            if not accepted:
                return
        self.decide(rule, action, reason.strip(), column)

    def decide(self, rule: str, action: str, reason: str = "", column: str | None = None) -> None:
        """Record the decision on a coherence rule's findings (``clear``: remove it) as one undoable step."""
        rules = [r for r in self.session.recipe.rules if r.rule != rule]
        if action != "clear":
            rules.append(RuleDecision(rule, action, reason, column))
        label = self.tr("Decide on rule '{rule}'").format(rule=rule)
        self.session.push(SetAttributes(self.session.recipe, {"rules": rules}, label))

    def _show_coherence(self, report: ValidationReport) -> None:
        """One line per rule broken or switched off, with what is decided."""
        current = self._selected_rule()
        self.coherence_list.clear()
        loaded = self.session.loaded
        header_row = (loaded.source.options.header_row or 1) if loaded is not None else 1
        for result in report.results:
            if result.kind != "coherence":
                continue
            text = finding_text(result)
            if result.keys:
                text += " " + self.tr("({keys} repeated key(s))").format(keys=format_local("{k:,}", k=result.keys))
            if result.decision:
                decided = {"exclude_row": self.tr("rows excluded"), "keep": self.tr("kept as they are"),
                           "empty": self.tr("value emptied")}.get(result.decision, result.decision)
                text += " — " + self.tr("decided: {decision}").format(decision=decided)
                if result.reason:
                    text += f" ({result.reason})"
            item = QListWidgetItem(("✔ " if result.resolved else "⚠ ") + text)
            item.setData(ROLE_RULE, (result.rule, result.columns))
            if result.examples:
                item.setData(ROLE_TARGET, Target(0, result.examples[0].column, result.examples[0].row - header_row - 1))
            item.setToolTip(self.tr("Rule '{rule}'. Double-click to show the first row in the data").format(
                rule=result.rule))
            self.coherence_list.addItem(item)
            if current is not None and current[0] == result.rule:
                self.coherence_list.setCurrentItem(item)
        for rule, reason in report.rules_off.items():
            item = QListWidgetItem("○ " + self.tr("rule '{rule}' switched off: {reason}").format(rule=rule, reason=reason))
            item.setData(ROLE_RULE, (rule, []))
            self.coherence_list.addItem(item)
            if current is not None and current[0] == rule:
                self.coherence_list.setCurrentItem(item)
        if not self.coherence_list.count():
            self.coherence_list.addItem(QListWidgetItem("✔ " + self.tr("No row breaks a coherence rule.")))
        self._enable_decisions()

    def entered(self) -> None:
        self.run_checks()

    def _decisions_key(self) -> str:
        """The recipe without the export metadata: who sends it changes nothing the checks look at."""
        data = self.session.recipe.to_dict()
        data.pop("export", None)
        return json.dumps(data, sort_keys=True, default=str)

    def refresh_soon(self) -> None:
        """Run the checks again shortly if the decisions changed since the last run."""
        self._recipe_changed()

    def _recipe_changed(self) -> None:
        if self._decisions_key() != self._checked_key:
            self._stale()

    def _stale(self) -> None:
        self.session.check_is_stale()
        self._checked_key = None
        self._timer.start()

    def _run_if_visible(self) -> None:
        # The Map step shows the validation issues too: its changes are checked while it is in view.
        if self.isVisible() or any(page.isVisible() for page in self.shown_with):
            self.run_checks()

    def check_if_stale(self) -> None:
        """Run the checks now unless the current decisions were checked already."""
        if self.session.blocker_count is None:
            self.run_checks()

    # --- checking --------------------------------------------------------------------------
    def run_checks(self) -> None:
        loaded, vocabulary = self.session.loaded, self.session.vocabulary
        if loaded is None:
            self.status.setText(self.tr("Open a file on the Load step first."))
            return
        if vocabulary is None:
            self.status.setText(self.tr("The columns are still being analysed: the checks run as soon as they are."))
            return
        key = self._decisions_key()
        recipe = copy.deepcopy(self.session.recipe)
        table = loaded.table
        detected = {i.name: i.klass for i in self.session.identifications or []}

        def done(result: CheckResult) -> None:
            if self.session.loaded is None or self.session.loaded.table is not table:
                return      # the check of a table since replaced: a newer one is on its way
            # Decisions changed while this ran (the timer checks them again): shown, but not counted.
            current = self._decisions_key() == key
            if current:
                self._checked_key = key
            self._show(result, current)

        self.status.setText(self.tr("Checking…"))
        across = submission_measure(self.session)
        if across is not None:
            self._run_submission(key, table, across)
            return
        # Keyed: a check started for newer decisions replaces one still running for older ones.
        self.runner.run(Operation(lambda progress: check_recipe(table, recipe, vocabulary, detected, progress),
                                  self.tr("Converting and validating…"), done, key="check",
                                  error_title=self.tr("Cannot run the checks")))

    def _run_submission(self, key: str, table: pa.Table,
                        across: Callable[[ProgressCallback | None], SubmissionView]) -> None:
        """Check every table of the submission, and the submission across them; show the one in view."""
        vocabulary = self.session.vocabulary
        assert vocabulary is not None
        tables = [(state.loaded.table if number != self.session.active else table,
                   copy.deepcopy(state.recipe if number != self.session.active else self.session.recipe),
                   {i.name: i.klass for i in (state.identifications if number != self.session.active
                                              else self.session.identifications) or []})
                  for number, state in enumerate(self.session.tables)]
        active = self.session.active

        def done(check: SubmissionCheck) -> None:
            if self.session.loaded is None or self.session.loaded.table is not table or self.session.active != active:
                return
            current = self._decisions_key() == key
            if current:
                self._checked_key = key
            result = check.tables[active]
            # The rules across tables found in this table are decided here, as its own rules are.
            name = self.session.recipe.name
            result.report.results.extend(f for f in check.view.findings.get(name, []) if f.kind == "coherence")
            self._show(result, current, self._show_across(check))

        self.runner.run(Operation(lambda progress: check_submission(tables, vocabulary, across, progress),
                                  self.tr("Converting and validating…"), done, key="check",
                                  error_title=self.tr("Cannot run the checks")))

    def _show(self, result: CheckResult, current: bool = True, across: Sequence[str] = ()) -> None:
        report, found, unprotected, generalisation = (result.report, result.blockers, result.unprotected,
                                                      result.generalisation)
        self.blockers_list.clear()
        self.warnings_list.clear()
        loaded = self.session.loaded
        recipe = self.session.recipe
        shown: list[tuple[str, Target]] = []
        if not recipe.columns:
            shown.append((self.tr("No column has a decision yet: accept the suggestions on the Map step."),
                          Target(1)))
        for name in unprotected:
            if not any(b.column == name for b in found):
                shown.append((self.tr("column '{name}' identifies people and would be exported as is — "
                                      "pseudonymise or drop it").format(name=name), Target(2, name)))
        if generalisation:
            shown.append((self.tr("Reach k: {problem}. Run Reach k again on the Protect step.").format(
                problem=generalisation), Target(2)))
        for blocker in found:
            step = 2 if "identif" in str(blocker) else 1
            shown.append((core_text(str(blocker)), Target(step, blocker.column)))
        shown += [(text, Target(3)) for text in across]
        for text, target in shown:
            item = QListWidgetItem("✖ " + text)
            item.setData(ROLE_TARGET, target)
            item.setToolTip(self.tr("Double-click to go where this is fixed"))
            self.blockers_list.addItem(item)
        if not shown:
            self.blockers_list.addItem(QListWidgetItem("✔ " + self.tr("No blocker: the package can be written.")))
        self._show_coherence(report)
        add_validation_findings(self.warnings_list, report, loaded)
        if loaded is not None:
            for name in loaded.table.column_names:
                if recipe.column(name) is None and recipe.columns:
                    item = QListWidgetItem(self.tr("column '{name}' has no decision: it will not be exported").format(
                        name=name))
                    item.setData(ROLE_TARGET, Target(1, name))
                    self.warnings_list.addItem(item)
        for note in report.notes[:10]:
            self.warnings_list.addItem(QListWidgetItem("ℹ " + core_text(note)))
        summary = core_text(report.summary())
        if shown:
            self.status.setText(self.tr("{count} blocker(s): the export stays disabled until they are settled. "
                                        "{summary}").format(count=len(shown), summary=summary))
        else:
            self.status.setText(self.tr("Nothing blocks the export. {summary}").format(summary=summary))
        self.session.set_checked(report, len(shown) if current else None)

    def _go_to(self, item: QListWidgetItem) -> None:
        target = item_target(item)
        if target is not None:
            self.navigate.emit(target)


def release_risk(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> tuple[dict[str, Any] | None, int]:
    """The risk of the data as the export would write them (for the "below k" blocker), and the records
    (persons) suppressed; nothing when it cannot be measured (the export then says why, see below)."""
    try:
        risk, suppressed = source_release_risk(table, recipe, vocabulary)
    except CuratorError:
        return None, 0
    return (risk.to_dict() if risk is not None else None), suppressed


def generalisation_problem(table: pa.Table, recipe: Recipe, vocabulary: Vocabulary) -> str | None:
    """Why the export would refuse the recipe's Reach k levels on this file (None when it would not)."""
    if not recipe.protection.generalisation:
        return None
    try:
        leaving, _names = quasi_as_they_leave(table, recipe, vocabulary)
        apply_recipe_generalisation(leaving, recipe)
    except CuratorError as exc:
        return core_text(exc.message)
    return None
