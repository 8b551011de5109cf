"""Map: each source column to a concept of the hub's vocabulary, with the suggestion, its score and its reason;
then the coded values of the selected column and their review state."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from curator.recipe.model import ColumnDecision, Transform
from curator.undo import ReplaceColumnDecision, SetAttributes
from ui.pages.common import notice, page_header
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLocale,
    QPushButton,
    QSplitter,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow

COLUMN, CLASS, CONCEPT, SUGGESTED, SCORE, REASON = range(6)


class MapPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        page_header(self, layout, self.tr("Map the columns"), self.tr(
            "Each column of your file gets a concept of the hub's vocabulary. curator suggests one with a score "
            "and the reason; accept it, or pick another in the list (type to search)."))
        self.status = notice(self, self.tr("Open a file on the Load step first."))
        layout.addWidget(self.status)

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

        codes_box = QGroupBox(self.tr("Coded values of the selected column"), self)
        codes_layout = QVBoxLayout(codes_box)
        self.codes_hint = QLabel(self.tr("Select a coded column (sex, ICD-10, stage…) to review its values."), codes_box)
        self.codes_hint.setWordWrap(True)
        self.codes_table = QTableWidget(0, 3, codes_box)
        self.codes_table.setHorizontalHeaderLabels([self.tr("Value in your file"), self.tr("Code"), self.tr("Review")])
        self.codes_table.setAccessibleName(self.tr("Code values"))
        self.codes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.codes_table.verticalHeader().hide()
        self.codes_table.horizontalHeader().setStretchLastSection(True)
        self.codes_table.setColumnWidth(0, 110)
        self.codes_table.setColumnWidth(1, 60)
        self.approve_codes_button = QPushButton(self.tr("Approve all suggested codes"), codes_box)
        self.approve_codes_button.setToolTip(self.tr("Mark every suggested code of this column as approved"))
        self.approve_codes_button.clicked.connect(self.approve_codes)
        codes_layout.addWidget(self.codes_hint)
        codes_layout.addWidget(self.codes_table, 1)
        codes_layout.addWidget(self.approve_codes_button)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.columns_table)
        splitter.addWidget(codes_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 280])
        layout.addWidget(splitter, 1)

        self.notes_label = QLabel(self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setAccessibleName(self.tr("Notes on the suggestions"))
        layout.addWidget(self.notes_label)

        # Rebuilding the table is GUI-thread work: done for the page in view, else when it is entered.
        self._dirty = True
        self._concepts_model: QStandardItemModel | None = None
        self.session.identificationsChanged.connect(self._invalidate)
        self.session.loadedChanged.connect(self._invalidate)
        self.session.recipeChanged.connect(lambda: self._refresh_decisions() if self.isVisible() else None)

    def _invalidate(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def entered(self) -> None:
        if self._dirty:
            self.refresh()
        else:
            self._refresh_decisions()

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
        return f"{concept_id} — {label}" if label else concept_id

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
        elif self.session.vocabulary is None:
            self.status.setText(self.tr("Mapping is not available in this version of curator."))
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
            self._set(row, SCORE, f"{best.score:.0%}" if best else "")
            self._set(row, REASON, best.reason if best else "", tip=best.reason if best else "")
            self.columns_table.setCellWidget(row, CONCEPT, self._concept_combo(name))
        self.notes_label.setText("\n".join(f"• {n}" for n in self.session.notes[:6]))
        self._refresh_decisions()

    def _evidence(self, name: str) -> list[str]:
        found = next((i for i in self.session.identifications or [] if i.name == name), None)
        return list(getattr(found, "evidence", []) or [])

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
            line = combo.lineEdit()
            if line is not None:
                line.setCursorPosition(0)     # show the concept id, not the end of its label
            combo.blockSignals(False)
            class_item = self.columns_table.item(row, CLASS)
            if class_item is not None:
                class_item.setText(self.class_label(self.session.effective_class(name_item.text())))
        self._update_status()
        self._show_codes()

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

    def _push_decision(self, decision: ColumnDecision, label: str) -> None:
        self.session.push(ReplaceColumnDecision(self.session.recipe, decision, label))

    # --- coded values ----------------------------------------------------------------------
    def _selected_decision(self) -> ColumnDecision | None:
        row = self.columns_table.currentRow()
        item = self.columns_table.item(row, COLUMN) if row >= 0 else None
        return self.session.recipe.column(item.text()) if item is not None else None

    def _show_codes(self) -> None:
        decision = self._selected_decision()
        entries: list[tuple[str, Any, str]] = []
        if decision is not None:
            values = sorted(set(decision.code_map) | set(decision.code_review))
            entries = [(v, decision.code_map.get(v), decision.code_review.get(v, "")) for v in values]
        self.codes_table.setRowCount(len(entries))
        states = {"suggested": self.tr("suggested"), "approved": self.tr("approved"),
                  "rejected": self.tr("rejected"), "unmapped": self.tr("no code found")}
        for row, (value, code, state) in enumerate(entries):
            for column, text in enumerate((value, "" if code is None else str(code), states.get(state, state))):
                self.codes_table.setItem(row, column, QTableWidgetItem(text))
        pending = decision is not None and any(s == "suggested" for s in decision.code_review.values())
        self.approve_codes_button.setEnabled(pending)
        if decision is None:
            self.codes_hint.setText(self.tr("Select a coded column (sex, ICD-10, stage…) to review its values."))
        elif not entries:
            self.codes_hint.setText(self.tr("'{name}' has no values to recode: they are used as they are.").format(
                name=decision.source))
        else:
            self.codes_hint.setText(self.tr("{count} values of '{name}' and the code each becomes.").format(
                count=len(entries), name=decision.source))

    def approve_codes(self) -> None:
        decision = self._selected_decision()
        if decision is None:
            return
        updated = copy.deepcopy(decision)
        updated.code_review = {v: ("approved" if s == "suggested" else s) for v, s in decision.code_review.items()}
        self._push_decision(updated, self.tr("approve the codes of '{name}'").format(name=decision.source))

