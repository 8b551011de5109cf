"""Map: each source column to a concept of the hub's vocabulary, with the suggestion, its score and its reason;
then the coded values of the selected column and their review state."""

from __future__ import annotations

import copy
import html
from collections.abc import Callable

from curator.mapping import CodeList
from curator.mapping.codes import approve, reject, set_code
from curator.recipe.model import ColumnDecision, Transform
from curator.recipe.params import ACTIONS, keeps_time
from curator.undo import ReplaceColumnDecision, SetAttributes
from ui.i18n import core_text, format_local
from ui.pages.common import (
    RebuiltWhenShown,
    TableSelector,
    add_validation_findings,
    item_target,
    notice,
    page_header,
    split,
)
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QPushButton,
    QScrollArea,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import Session

COLUMN, CLASS, CONCEPT, SUGGESTED, SCORE, REASON = range(6)


class CodePicker(QDialog):
    """A code list to pick from, filtered as one types: hundreds of codes (CCAM, ICD-10) fit in a
    dialog of a readable width, each code's label whole in its tooltip."""

    def __init__(self, parent: QWidget, prompt: str, choices: list[tuple[str | None, str]],
                 current: str | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Code of a value"))
        self.resize(560, 460)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Type to filter the codes (code or words)"))
        self.filter_edit.setAccessibleName(self.tr("Filter the codes"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Codes"))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        for code, text in choices:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(text)
            if code == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.filter_edit.textChanged.connect(self.filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        caption = QLabel(prompt, self)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter_edit.setFocus()

    def filter(self, text: str) -> None:
        """Show the codes whose code or label holds every word typed, in any case."""
        words = text.casefold().split()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(word in item.text().casefold() for word in words)
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = item
        current = self.list.currentItem()
        if first_shown is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first_shown)

    def has_choice(self) -> bool:
        current = self.list.currentItem()
        return current is not None and not current.isHidden()

    def chosen(self) -> str | None:
        current = self.list.currentItem()
        return current.data(Qt.ItemDataRole.UserRole) if current is not None else None


class MapPage(QWidget, RebuiltWhenShown):
    navigate = Signal(object)     # Target: the cell of a validation issue
    checksWanted = Signal()       # entered: the validation issues should be those of the current decisions

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        page_header(self, layout, self.tr("Map the columns"), self.tr(
            "Each column of your file gets a concept of the hub's vocabulary. curator suggests one with a score "
            "and the reason; accept it, or pick another in the list (type to search)."))
        self.status = notice(self, self.tr("Open a file on the Load step first."))
        layout.addWidget(self.status)
        self.table_selector = TableSelector(session, self)
        layout.addWidget(self.table_selector)

        buttons = QHBoxLayout()
        self.accept_all_button = QPushButton(self.tr("Accept all suggestions"), self)
        self.accept_all_button.setToolTip(self.tr(
            "Map every column to its suggested concept, with that concept's default protection (Ctrl+Shift+A)"))
        self.accept_all_button.setAccessibleName(self.tr("Accept all suggestions"))
        self.accept_all_button.setShortcut("Ctrl+Shift+A")
        self.accept_all_button.clicked.connect(self.accept_all)
        self.accept_one_button = QPushButton(self.tr("Accept for selected column"), self)
        self.accept_one_button.setToolTip(self.tr("Map the selected column to its suggested concept"))
        self.accept_one_button.setAccessibleName(self.tr("Accept the suggestion for the selected column"))
        self.accept_one_button.clicked.connect(self.accept_selected)
        buttons.addWidget(self.accept_all_button)
        buttons.addWidget(self.accept_one_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.columns_table = QTableWidget(0, 6, self)
        self.columns_table.setHorizontalHeaderLabels([
            self.tr("Column in your file"), self.tr("Identifies a person?"), self.tr("Concept in the recipe"),
            self.tr("Suggested concept"), self.tr("Score"), self.tr("Why")])
        self.columns_table.setAccessibleName(self.tr("Column mapping"))
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.columns_table.verticalHeader().hide()
        self.columns_table.setWordWrap(False)
        header = self.columns_table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((COLUMN, 170), (CLASS, 175), (CONCEPT, 290), (SUGGESTED, 170), (SCORE, 55)):
            self.columns_table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.columns_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.columns_table.itemSelectionChanged.connect(self._show_codes)
        self.columns_table.itemSelectionChanged.connect(self._show_reason)
        self.columns_table.itemSelectionChanged.connect(self._show_time)

        codes_box = QGroupBox(self.tr("Coded values of the selected column"), self)
        codes_layout = QVBoxLayout(codes_box)
        self.codes_hint = QLabel(self.tr("Select a coded column (sex, ICD-10, stage…) to review its values."), codes_box)
        self.codes_hint.setWordWrap(True)
        self.codes_table = QTableWidget(0, 3, codes_box)
        self.codes_table.setHorizontalHeaderLabels([self.tr("Value in your file"), self.tr("Code"), self.tr("Review")])
        self.codes_table.setAccessibleName(self.tr("Code values"))
        self.codes_table.setToolTip(self.tr("Double-click a value to choose its code by hand"))
        self.codes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.codes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.codes_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.codes_table.itemDoubleClicked.connect(lambda item: self.edit_code(self._code_value(item.row())))
        self.codes_table.verticalHeader().hide()
        self.codes_table.horizontalHeader().setStretchLastSection(True)
        self.codes_table.setColumnWidth(0, 105)
        self.codes_table.setColumnWidth(1, 55)
        self.approve_codes_button = QPushButton(self.tr("Approve all suggested codes"), codes_box)
        self.approve_codes_button.setToolTip(self.tr("Mark every suggested code of this column as approved"))
        self.approve_codes_button.clicked.connect(self.approve_codes)
        value_buttons = QHBoxLayout()
        self.approve_value_button = QPushButton(self.tr("Approve"), codes_box)
        self.approve_value_button.setToolTip(self.tr("Approve the code of the selected values"))
        self.approve_value_button.setAccessibleName(self.tr("Approve the selected codes"))
        self.approve_value_button.clicked.connect(lambda: self.approve_values(self._selected_values()))
        self.reject_value_button = QPushButton(self.tr("Reject"), codes_box)
        self.reject_value_button.setToolTip(self.tr("Reject the suggested code of the selected values: they need "
                                                    "a code chosen by hand"))
        self.reject_value_button.setAccessibleName(self.tr("Reject the selected codes"))
        self.reject_value_button.clicked.connect(lambda: self.reject_values(self._selected_values()))
        self.edit_value_button = QPushButton(self.tr("Set code…"), codes_box)
        self.edit_value_button.setToolTip(self.tr("Choose the code of the selected value by hand, or empty it"))
        self.edit_value_button.setAccessibleName(self.tr("Set the code of the selected value"))
        self.edit_value_button.clicked.connect(lambda: self.edit_code(next(iter(self._selected_values()), None)))
        for button in (self.approve_value_button, self.reject_value_button, self.edit_value_button):
            value_buttons.addWidget(button)
        codes_layout.addWidget(self.codes_hint)
        codes_layout.addWidget(self.codes_table, 1)
        codes_layout.addLayout(value_buttons)
        codes_layout.addWidget(self.approve_codes_button)

        issues_box = QGroupBox(self.tr("Validation issues"), self)
        issues_layout = QVBoxLayout(issues_box)
        self.issues_list = QListWidget(issues_box)
        self.issues_list.setAccessibleName(self.tr("Validation issues"))
        self.issues_list.setToolTip(self.tr("Values that do not fit their concept; double-click one to see its "
                                            "row and cell in the data"))
        self.issues_list.setWordWrap(True)
        self.issues_list.itemActivated.connect(self._go_to)
        issues_layout.addWidget(self.issues_list)
        # The reason column is narrow: the selected column's reason is shown whole, wrapped, beside it.
        why_box = QGroupBox(self.tr("Why"), self)
        why_layout = QVBoxLayout(why_box)
        self.reason_label = QLabel(why_box)
        self.reason_label.setWordWrap(True)
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason_label.setAccessibleName(self.tr("Why this concept is suggested"))
        why_layout.addWidget(self.reason_label, 1)
        # Date-times mapped to a date concept lose their time unless the user keeps it, explicitly.
        self.keep_time_box = QCheckBox(self.tr("Keep the time of day"), why_box)
        self.keep_time_box.setToolTip(self.tr(
            "The column holds dates with a time of day. Unticked, the package keeps the date alone; ticked, "
            "the date and the time."))
        self.keep_time_box.setAccessibleName(self.tr("Keep the time of day of the selected column"))
        self.keep_time_box.toggled.connect(self.set_keep_time)
        self.keep_time_box.hide()
        why_layout.addWidget(self.keep_time_box)
        # Each part keeps a usable height; at 900×600 the panel scrolls rather than crushing the codes.
        why_box.setMinimumHeight(90)
        codes_box.setMinimumHeight(230)
        issues_box.setMinimumHeight(110)
        side = split(self, Qt.Orientation.Vertical, why_box,
                     split(self, Qt.Orientation.Vertical, codes_box, issues_box), (1, 3))
        side_scroll = QScrollArea(self)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(side)
        splitter = split(self, Qt.Orientation.Horizontal, self.columns_table, side_scroll, sizes=[560, 340])
        layout.addWidget(splitter, 1)

        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setAccessibleName(self.tr("Notes on the suggestions"))
        layout.addWidget(self.notes_label)

        # Rebuilding the table is GUI-thread work: done for the page in view, else when it is entered.
        self._concepts_model: QStandardItemModel | None = None
        self.watch_session(self.session)
        self.session.checked.connect(self.show_issues)

    def decisions_changed(self) -> None:
        self._refresh_decisions()

    def entered(self) -> None:
        self.enter_rebuilt()
        self.checksWanted.emit()
        self.show_issues()

    def _go_to(self, item: QListWidgetItem) -> None:
        target = item_target(item)
        if target is not None:
            self.navigate.emit(target)

    def show_issues(self) -> None:
        """The validation findings of the last check (run by the Check step, also while this page is in view)."""
        self.issues_list.clear()
        report = self.session.validation
        if not self.session.recipe.columns:
            self.issues_list.addItem(QListWidgetItem(self.tr("Accept or choose concepts: the values are then "
                                                             "checked against them.")))
            return
        if report is None or self.session.blocker_count is None:
            self.issues_list.addItem(QListWidgetItem(self.tr("Checking the values…")))
            return
        if not add_validation_findings(self.issues_list, report, self.session.loaded):
            self.issues_list.addItem(QListWidgetItem(self.tr("Every value fits its concept.")))

    # --- labels ----------------------------------------------------------------------------
    def class_label(self, klass: str | None) -> str:
        return {"direct": self.tr("yes, directly"), "quasi": self.tr("in combination (quasi)"),
                "sensitive": self.tr("sensitive"), "none": self.tr("no")}.get(klass or "", self.tr("not checked"))

    def concept_label(self, concept_id: str | None) -> str:
        vocabulary = self.session.vocabulary
        if not concept_id:
            return self.tr("(not mapped)")
        concept = vocabulary.concepts.get(concept_id) if vocabulary is not None else None
        if concept is None:
            return concept_id
        # QLocale's default is set to the interface language (ui.i18n.install).
        french = QLocale().language() == QLocale.Language.French
        label = (concept.label_fr or concept.label_en) if french else (concept.label_en or concept.label_fr)
        # The label people read; the id (the recipe's word) is in the tooltips and the search.
        return label or concept_id

    # --- filling ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        self._concepts_model = self._build_concepts_model()
        loaded = self.session.loaded
        suggestions = self.session.suggestions
        enabled = loaded is not None and suggestions is not None and self.session.vocabulary is not None
        self.accept_all_button.setEnabled(enabled and self.session.proposed is not None)
        self.accept_one_button.setEnabled(enabled)
        if loaded is None:
            self.status.setText(self.tr("Open a file on the Load step first."))
            self.status.show()
            self.columns_table.setRowCount(0)
            return
        if suggestions is None:
            self.status.setText(self.tr("Looking at the columns… the suggestions appear here in a moment."))
            self.status.show()
        by_name = {s.name: s for s in suggestions or []}
        names = loaded.table.column_names
        self.columns_table.setRowCount(len(names))
        for row, name in enumerate(names):
            suggestion = by_name.get(name)
            best = suggestion.suggestions[0] if suggestion and suggestion.suggestions else None
            self._set(row, COLUMN, name)
            self._set(row, CLASS, self.class_label(self.session.effective_class(name)),
                      tip="\n".join(self._evidence(name)))
            self._set(row, SUGGESTED, self.concept_label(best.concept) if best else self.tr("nothing close"))
            self._set(row, SCORE, format_local("{score:.0%}", score=best.score) if best else "")
            reason = core_text(best.reason) if best else ""
            self._set(row, REASON, reason, tip=reason)
            self.columns_table.setCellWidget(row, CONCEPT, self._concept_combo(name))
        self.notes_label.setText("\n".join(f"• {core_text(n)}" for n in self.session.notes[:6]))
        self._refresh_decisions()
        self._show_reason()

    def _show_reason(self) -> None:
        row = self.columns_table.currentRow()
        item = self.columns_table.item(row, COLUMN) if row >= 0 else None
        suggestion = next((s for s in self.session.suggestions or [] if item is not None and s.name == item.text()),
                          None)
        best = suggestion.suggestions[0] if suggestion and suggestion.suggestions else None
        self.reason_label.setText("" if best is None or item is None else self.tr(
            "<b>Why {concept} for '{name}'</b>: {reason}").format(
            concept=html.escape(self.concept_label(best.concept)), name=html.escape(item.text()), reason=html.escape(core_text(best.reason))))

    def _evidence(self, name: str) -> list[str]:
        found = next((i for i in self.session.identifications or [] if i.name == name), None)
        return [core_text(e) for e in getattr(found, "evidence", []) or []]

    def _set(self, row: int, column: int, text: str, tip: str = "") -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(tip or text)
        self.columns_table.setItem(row, column, item)

    def _concept_combo(self, source: str) -> QComboBox:
        combo = QComboBox(self.columns_table)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName(self.tr("Concept for column {name}").format(name=source))
        combo.setToolTip(self.tr("Concept for '{name}'. Type to search the vocabulary.").format(name=source))
        if self._concepts_model is not None:
            combo.setModel(self._concepts_model)    # one list shared by every row's combo
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.activated.connect(lambda index, c=combo, s=source: self.choose_concept(s, c.itemData(index)))
        return combo

    def _build_concepts_model(self) -> QStandardItemModel:
        model = QStandardItemModel(self)
        none = QStandardItem(self.tr("(not mapped)"))
        none.setData(None, Qt.ItemDataRole.UserRole)
        model.appendRow(none)
        vocabulary = self.session.vocabulary
        for concept_id in sorted(vocabulary.concepts) if vocabulary is not None else []:
            item = QStandardItem(self.concept_label(concept_id))
            item.setData(concept_id, Qt.ItemDataRole.UserRole)
            item.setToolTip(f"{self.concept_label(concept_id)} ({concept_id})")
            model.appendRow(item)
        return model

    def _refresh_decisions(self) -> None:
        for row in range(self.columns_table.rowCount()):
            name_item = self.columns_table.item(row, COLUMN)
            combo = self.columns_table.cellWidget(row, CONCEPT)
            if name_item is None or not isinstance(combo, QComboBox):
                continue
            decision = self.session.recipe.column(name_item.text())
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(decision.concept if decision else None), 0))
            # A long label is cut by the cell: the whole of it is in the tooltip.
            combo.setToolTip(self.tr("{concept}\nConcept for '{name}'. Type to search the vocabulary.").format(
                concept=combo.currentText(), name=name_item.text()))
            line = combo.lineEdit()
            if line is not None:
                line.setCursorPosition(0)     # show the start of the label, not its end
            combo.blockSignals(False)
            class_item = self.columns_table.item(row, CLASS)
            if class_item is not None:
                class_item.setText(self.class_label(self.session.effective_class(name_item.text())))
        self._update_status()
        self._show_codes()
        self._show_time()

    def _update_status(self) -> None:
        loaded, vocabulary = self.session.loaded, self.session.vocabulary
        if loaded is None or vocabulary is None or self.session.suggestions is None:
            return
        mapped = sum(1 for c in self.session.recipe.columns if c.concept)
        self.status.setText(self.tr("Vocabulary {name} {version}. {mapped} of {total} columns mapped.").format(
            name=vocabulary.id, version=getattr(vocabulary, "version", ""), mapped=mapped,
            total=loaded.table.num_columns))

    # --- decisions -------------------------------------------------------------------------
    def accept_all(self) -> None:
        proposed = self.session.proposed
        if proposed is None:
            return
        recipe = self.session.recipe
        parts = {"columns": proposed.columns, "protection": proposed.protection,
                 "vocabulary": proposed.vocabulary, "source_columns": proposed.source_columns}
        self.session.push(SetAttributes(recipe, parts, self.tr("accept all suggestions")))

    def accept_selected(self) -> None:
        row = self.columns_table.currentRow()
        item = self.columns_table.item(row, COLUMN) if row >= 0 else None
        if item is None:
            return
        proposed = self.session.proposed.column(item.text()) if self.session.proposed else None
        if proposed is not None:
            self._push_decision(proposed, self.tr("accept the suggestion for '{name}'").format(name=item.text()))
            return
        suggestion = next((s for s in self.session.suggestions or [] if s.name == item.text()), None)
        if suggestion and suggestion.suggestions:
            self.choose_concept(item.text(), suggestion.assigned or suggestion.suggestions[0].concept)

    def choose_concept(self, source: str, concept_id: str | None) -> None:
        current = self.session.recipe.column(source)
        if current is not None and current.concept == concept_id:
            return
        decision = copy.deepcopy(current) if current is not None else ColumnDecision(source=source)
        decision.concept = concept_id
        decision.code_map, decision.code_review = {}, {}
        concept = self.session.vocabulary.concepts.get(concept_id) if concept_id and self.session.vocabulary else None
        if concept is not None and isinstance(getattr(concept, "default_action", None), Transform):
            decision.transform = copy.deepcopy(concept.default_action)
        if self.session.detected_class(source) == "direct" and decision.transform.action not in (
                "drop", "pseudonymise", "scrub"):
            decision.transform = Transform("drop")     # never let a mapping quietly export an identifier
        label = (self.tr("map '{name}' to {concept}").format(name=source, concept=concept_id) if concept_id
                 else self.tr("unmap '{name}'").format(name=source))
        self._push_decision(decision, label)

    def _holds_datetimes(self, decision: ColumnDecision | None) -> bool:
        """Whether ``decision`` maps a column profiled as date-times to a date concept, with an action
        that takes the ``time`` parameter."""
        vocabulary = self.session.vocabulary
        if decision is None or not decision.concept or vocabulary is None:
            return False
        concept = vocabulary.concepts.get(decision.concept)
        profile = next((p for p in self.session.profiles or [] if p.name == decision.source), None)
        return (concept is not None and concept.value_type == "date" and profile is not None
                and profile.inferred_type == "datetime"
                and "time" in ACTIONS.get(decision.transform.action, ACTIONS["drop"]).params)

    def _show_time(self) -> None:
        decision = self._selected_decision()
        shown = self._holds_datetimes(decision)
        self.keep_time_box.blockSignals(True)
        self.keep_time_box.setChecked(shown and decision is not None and keeps_time(decision.transform.params))
        self.keep_time_box.blockSignals(False)
        self.keep_time_box.setVisible(shown)

    def set_keep_time(self, keep: bool) -> None:
        """Keep or drop the time of day of the selected column's date-times, as one undo step."""
        current = self._selected_decision()
        if not self._holds_datetimes(current) or current is None or keeps_time(current.transform.params) == keep:
            return
        decision = copy.deepcopy(current)
        if keep:
            decision.transform.params["time"] = "keep"
        else:
            decision.transform.params.pop("time", None)      # dropping the time is the default
        label = (self.tr("keep the time of day of '{name}'") if keep
                 else self.tr("drop the time of day of '{name}'")).format(name=decision.source)
        self._push_decision(decision, label)

    def _push_decision(self, decision: ColumnDecision, label: str) -> None:
        self.session.push(ReplaceColumnDecision(self.session.recipe, decision, label))

    # --- coded values ----------------------------------------------------------------------
    def _selected_decision(self) -> ColumnDecision | None:
        row = self.columns_table.currentRow()
        item = self.columns_table.item(row, COLUMN) if row >= 0 else None
        return self.session.recipe.column(item.text()) if item is not None else None

    def _show_codes(self) -> None:
        decision = self._selected_decision()
        entries: list[tuple[str, str | None, str]] = []
        if decision is not None:
            values = sorted(set(decision.code_map) | set(decision.code_review))
            entries = [(v, decision.code_map.get(v), decision.code_review.get(v, "")) for v in values]
        self.codes_table.setRowCount(len(entries))
        states = {"suggested": self.tr("suggested"), "approved": self.tr("approved"),
                  "rejected": self.tr("rejected"), "unmapped": self.tr("no code found")}
        for row, (value, code, state) in enumerate(entries):
            shown_code = ("" if state in ("unmapped", "rejected") else self.tr("(emptied)")) if code is None else str(code)
            for column, text in enumerate((value, shown_code, states.get(state, state))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                self.codes_table.setItem(row, column, item)
        pending = decision is not None and any(s == "suggested" for s in decision.code_review.values())
        self.approve_codes_button.setEnabled(pending)
        for button in (self.approve_value_button, self.reject_value_button, self.edit_value_button):
            button.setEnabled(bool(entries))
        if decision is None:
            self.codes_hint.setText(self.tr("Select a coded column (sex, ICD-10, stage…) to review its values."))
        elif not entries:
            self.codes_hint.setText(self.tr("'{name}' has no values to recode: they are used as they are.").format(
                name=decision.source))
        else:
            self.codes_hint.setText(self.tr("{count} values of '{name}' and the code each becomes.").format(
                count=len(entries), name=decision.source))

    def _code_value(self, row: int) -> str | None:
        item = self.codes_table.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _selected_values(self) -> list[str]:
        rows = sorted({index.row() for index in self.codes_table.selectedIndexes()})
        return [v for v in (self._code_value(r) for r in rows) if v is not None]

    def code_list(self, decision: ColumnDecision) -> CodeList | None:
        """The code list of the decision's concept, if it has one."""
        vocabulary = self.session.vocabulary
        if vocabulary is None or not decision.concept:
            return None
        concept = vocabulary.concepts.get(decision.concept)
        return vocabulary.code_list_of(concept) if concept is not None else None

    def approve_values(self, values: list[str]) -> None:
        self._review_values(values, approve, self.tr("approve {count} code(s) of '{name}'"))

    def reject_values(self, values: list[str]) -> None:
        self._review_values(values, reject, self.tr("reject {count} code(s) of '{name}'"))

    def _review_values(self, values: list[str],
                       action: Callable[[dict[str, str | None], dict[str, str], list[str]], int], label: str) -> None:
        """Apply a bulk review action of curator.mapping.codes to ``values`` of the selected column, as one undo step."""
        decision = self._selected_decision()
        if decision is None or not values:
            return
        updated = copy.deepcopy(decision)
        if action(updated.code_map, updated.code_review, values):
            self._push_decision(updated, label.format(count=len(values), name=decision.source))

    def set_value_code(self, value: str, code: str | None) -> bool:
        """Map one value by hand (``None`` empties it). A code outside the concept's list is refused."""
        decision = self._selected_decision()
        if decision is None:
            return False
        code_list = self.code_list(decision)
        if code is not None and code_list is not None and code not in code_list:
            self.codes_hint.setText(self.tr("'{code}' is not a code of {concept}: choose one from the list.").format(
                code=code, concept=self.concept_label(decision.concept)))
            return False
        updated = copy.deepcopy(decision)
        set_code(updated.code_map, updated.code_review, value, code)
        label = (self.tr("empty '{value}' in '{name}'") if code is None
                 else self.tr("code '{value}' as {code} in '{name}'")).format(value=value, code=code, name=decision.source)
        self._push_decision(updated, label)
        return True

    def edit_code(self, value: str | None) -> CodePicker | None:
        """Ask for the code of ``value``: a code of the concept's list (type to filter), or empty."""
        decision = self._selected_decision()
        if decision is None or value is None:
            return None
        code_list = self.code_list(decision)
        language = "fr" if QLocale().language() == QLocale.Language.French else "en"
        choices: list[tuple[str | None, str]] = [(None, self.tr("(empty the value)"))]
        if code_list is not None:
            choices += [(code, f"{code} — {label}" if (label := code_list.label(code, language)) else code)
                        for code in code_list.codes]
        picker = CodePicker(self, self.tr("Code for '{value}' in '{name}':").format(value=value, name=decision.source),
                            choices, decision.code_map.get(value))
        picker.accepted.connect(lambda: picker.has_choice() and self.set_value_code(value, picker.chosen()))
        picker.open()
        return picker

    def approve_codes(self) -> None:
        decision = self._selected_decision()
        if decision is None:
            return
        updated = copy.deepcopy(decision)
        updated.code_review = {v: ("approved" if s == "suggested" else s) for v, s in decision.code_review.items()}
        self._push_decision(updated, self.tr("approve the codes of '{name}'").format(name=decision.source))

