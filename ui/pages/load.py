"""Load: open the export (dialog, drop, recent files), check how it was read, adjust, and see each column's profile."""

from __future__ import annotations

import html

import pyarrow as pa

from curator.profile import ColumnProfile, profile_table
from curator.recipe.linking import person_keys_from
from curator.recipe.submission import Link
from curator.redact import printable
from curator.resources import demo_csv
from curator.source import ReadOptions
from curator.undo import Command, SetAttributes, Steps
from ui.data_view import DataView
from ui.i18n import core_text
from ui.pages.common import split
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import Session
from ui.workers import Operation, TaskRunner

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "iso8859-15", "cp850", "mac-roman"]
# The names people know the single-byte code pages by (the detected names are Python's codec names).
CODE_PAGE_NAMES = {"cp1252": "Windows-1252", "iso8859-15": "ISO-8859-15", "cp850": "DOS (cp850)",
                   "mac-roman": "Mac Roman"}
DELIMITERS = [(";", ";"), (",", ","), ("\t", "Tab"), ("|", "|")]


def profile_cells(profile: ColumnProfile) -> list[str]:
    """Column, type, empty, distinct and common values of one ColumnProfile."""
    shown = [f"{value} ({count})" for value, count in profile.top_values[:4]]
    # The type is one of the core's marked words (curator/profile/model.py TYPES): shown translated.
    return [profile.name, core_text(profile.inferred_type), str(profile.empty_count), str(profile.distinct_count),
            ", ".join(shown)]


class LoadPage(QWidget):
    openRequested = Signal()            # the user asks for the file dialog
    fileRequested = Signal(object)      # Path: a file to open as a new source (the demo data)
    rereadRequested = Signal(object)    # ReadOptions: read the same file again with these options

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner

        self.open_button = QPushButton(self.tr("Open a file…"), self)
        self.open_button.setToolTip(self.tr("Open a CSV, Excel, ODS, Parquet, SAS, Stata or SPSS file (Ctrl+O). "
                                            "You can also drop a file on the window."))
        self.open_button.setAccessibleName(self.tr("Open a data file"))
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button = QPushButton(self.tr("Try the demo data"), self)
        self.demo_button.setToolTip(self.tr("Open a synthetic cancer-registry export shipped with curator"))
        self.demo_button.setAccessibleName(self.tr("Open the demo data"))
        self.demo_button.clicked.connect(lambda: self.fileRequested.emit(demo_csv()))
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setAccessibleName(self.tr("Open file"))

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.demo_button)
        top.addSpacing(12)
        top.addWidget(self.path_label, 1)

        self.options_box = self._build_options()
        self.warnings_label = QLabel(self)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setAccessibleName(self.tr("Reading warnings"))
        self.warnings_label.setStyleSheet("QLabel { color: #8a5300; }")
        self.warnings_label.hide()
        self.code_page_label = QLabel(self)
        self.code_page_label.setWordWrap(True)
        self.code_page_label.setTextFormat(Qt.TextFormat.RichText)
        self.code_page_label.setAccessibleName(self.tr("Encoding chosen"))
        self.code_page_label.linkActivated.connect(self._use_runner_up)
        self.code_page_label.hide()

        self.data_view = DataView(self)
        self.profile_table = QTableWidget(0, 5, self)
        self.profile_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Type"), self.tr("Empty"), self.tr("Distinct"), self.tr("Frequent values")])
        self.profile_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.profile_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.profile_table.verticalHeader().hide()
        self.profile_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.profile_table.setWordWrap(False)
        self.profile_table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 140), (1, 65), (2, 55), (3, 62)):
            self.profile_table.setColumnWidth(column, width)
        self.profile_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.profile_table.setAccessibleName(self.tr("Column profiles"))
        self.profile_table.setToolTip(self.tr("What each column holds. Counts under 5 are shown as \"<5\"."))
        self.profile_table.cellDoubleClicked.connect(self._show_column)
        self.profile_status = QLabel(self.tr("The profile appears here once a file is read."), self)
        self.profile_status.setWordWrap(True)
        profile_box = QGroupBox(self.tr("Columns"), self)
        profile_layout = QVBoxLayout(profile_box)
        profile_layout.addWidget(self.profile_status)
        profile_layout.addWidget(self.profile_table, 1)

        splitter = split(self, Qt.Orientation.Horizontal, self.data_view, profile_box, (3, 2), [760, 480])
        self.submission_box = self._build_submission()
        content = split(self, Qt.Orientation.Vertical, self.submission_box, splitter, (2, 3), [300, 400])

        self.empty_state = QLabel(self.tr(
            "<h2>Open your export</h2>"
            "<p>Use <b>Open a file…</b>, drop the file on this window, or pick it in <b>File ▸ Open recent</b>.</p>"
            "<p>curator reads CSV and text files (any separator and encoding), Excel, LibreOffice, Parquet, "
            "SAS, Stata and SPSS files. The file itself is never changed.</p>"), self)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.empty_state)
        self.content.addWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.options_box)
        layout.addWidget(self.code_page_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.content, 1)

        self._options_timer = QTimer(self)
        self._options_timer.setSingleShot(True)
        self._options_timer.setInterval(400)    # re-read when the user stops changing options
        self._options_timer.timeout.connect(self._reread)

        self.session.loadedChanged.connect(self._show_loaded)
        self.session.recipeChanged.connect(self._show_submission)
        self.session.profilesChanged.connect(self._show_profiles)
        self._show_loaded()

    # --- linked submission -----------------------------------------------------------------
    def _build_submission(self) -> QGroupBox:
        """A submission's tables, the links proposed between them (each can be unticked) and the person key."""
        box = QGroupBox(self.tr("Submission: several tables, one package"), self)
        self.tables_table = QTableWidget(0, 4, box)
        self.tables_table.setHorizontalHeaderLabels([self.tr("Table"), self.tr("Rows"), self.tr("Columns"),
                                                     self.tr("Primary key")])
        self.tables_table.setAccessibleName(self.tr("Tables of the submission"))
        self.tables_table.setToolTip(self.tr("Click a table to show it here and on the Map, Protect and Check steps"))
        self.tables_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tables_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tables_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tables_table.verticalHeader().hide()
        self.tables_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tables_table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 130), (1, 70), (2, 70)):
            self.tables_table.setColumnWidth(column, width)
        # Three tables and the header in view without scrolling.
        self.tables_table.setMinimumHeight(4 * (self.fontMetrics().height() + 8) + 6)
        self.tables_table.itemSelectionChanged.connect(self._table_chosen)
        self.links_list = QListWidget(box)
        self.links_list.setAccessibleName(self.tr("Links between the tables"))
        self.links_list.setToolTip(self.tr("Untick a link that is wrong: its columns are then no longer joined"))
        self.links_list.setWordWrap(True)
        self.links_list.itemChanged.connect(self._link_ticked)
        self.person_combo = QComboBox(box)
        self.person_combo.setAccessibleName(self.tr("Person key"))
        self.person_combo.setToolTip(self.tr("The column identifying a person: k and the risk are counted in distinct "
                                             "persons across the tables"))
        self.person_combo.currentIndexChanged.connect(self._person_chosen)
        self.person_reason = QLabel(box)
        self.person_reason.setWordWrap(True)
        self.person_reason.setAccessibleName(self.tr("Why this person key"))
        right = QWidget(box)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        links_caption = QLabel(self.tr("Links proposed (untick a wrong one)"), right)
        links_caption.setBuddy(self.links_list)
        right_layout.addWidget(links_caption)
        right_layout.addWidget(self.links_list, 1)
        person_row = QHBoxLayout()
        caption = QLabel(self.tr("Person key"), right)
        caption.setBuddy(self.person_combo)
        person_row.addWidget(caption)
        person_row.addWidget(self.person_combo, 1)
        right_layout.addLayout(person_row)
        right_layout.addWidget(self.person_reason)
        row = QHBoxLayout(box)
        row.addWidget(split(box, Qt.Orientation.Horizontal, self.tables_table, right, (2, 3), [380, 620]))
        box.hide()
        return box

    def _show_submission(self) -> None:
        session = self.session
        self.submission_box.setVisible(session.is_submission())
        if not session.is_submission():
            return
        locale = QLocale()
        widgets = (self.tables_table, self.links_list, self.person_combo)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.tables_table.setRowCount(len(session.tables))
            for row, state in enumerate(session.tables):
                table = state.loaded.table
                cells = [state.recipe.name, locale.toString(table.num_rows), locale.toString(table.num_columns),
                         ", ".join(state.recipe.primary_key) or self.tr("none")]
                for column, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    cell.setToolTip(state.loaded.source.path if column == 0 else text)
                    self.tables_table.setItem(row, column, cell)
            self.tables_table.selectRow(session.active)
            linking = session.linking
            self.links_list.clear()
            for link in linking.proposed:
                item = QListWidgetItem(self.tr("{link} — {reason}").format(link=str(link),
                                                                            reason=core_text(link.reason)))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if link in linking.links else Qt.CheckState.Unchecked)
                item.setToolTip(item.text())
                self.links_list.addItem(item)
            if not linking.proposed:
                self.links_list.addItem(QListWidgetItem(self.tr("No link was found between these tables.")))
            self.person_combo.clear()
            self.person_combo.addItem(self.tr("none: the risk is counted in records"), None)
            for state in session.tables:
                for key in state.recipe.primary_key[:1]:
                    self.person_combo.addItem(f"{state.recipe.name}.{key}", f"{state.recipe.name}.{key}")
            chosen = person_table(session)
            self.person_combo.setCurrentIndex(max(self.person_combo.findData(".".join(chosen)), 0) if chosen else 0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        persons = [f"{state.recipe.name}.{state.recipe.person_key}" for state in session.tables
                   if state.recipe.person_key]
        reasons = [core_text(r) for r in session.linking.reasons if str(r).startswith("person key")]
        # The person table's reason; the other tables' ("it refers to ...") are its links, listed above.
        self.person_reason.setText(
            (self.tr("Persons are counted by {columns}.").format(columns=", ".join(persons)) if persons
             else self.tr("Without a person key, k and the risk are counted in records of each table."))
            + ("\n" + reasons[0] if reasons and persons else ""))
        self.person_reason.setToolTip("\n".join(reasons))

    def _table_chosen(self) -> None:
        rows = self.tables_table.selectionModel().selectedRows()
        if rows:
            self.session.select_table(rows[0].row())

    def _link_ticked(self, _item: QListWidgetItem) -> None:
        proposed = self.session.linking.proposed
        links = [link for row, link in enumerate(proposed)
                 if (item := self.links_list.item(row)) is not None and item.checkState() == Qt.CheckState.Checked]
        if links != self.session.linking.links:
            self._set_links(links, person_table(self.session), self.tr("tick or untick a link"))

    def _person_chosen(self, index: int) -> None:
        data = self.person_combo.itemData(index)
        chosen = tuple(data.split(".", 1)) if data else None
        if chosen != person_table(self.session):
            self._set_links(self.session.linking.links, chosen, self.tr("choose the person key"))

    def _set_links(self, links: list[Link], person: tuple[str, str] | None, label: str) -> None:
        """The links and every table's person key (the chosen one's, and the columns linked to it) as one step."""
        session = self.session
        keys = person_keys_from(session.table_names(), links, *(person or (None, None)))
        parts: list[Command] = [SetAttributes(session.linking, {"links": list(links)}, label)]
        parts += [SetAttributes(state.recipe, {"person_key": keys[state.recipe.name]}, label)
                  for state in session.tables if state.recipe.person_key != keys[state.recipe.name]]
        session.push(Steps(parts, label))

    # --- reading options -------------------------------------------------------------------
    def _build_options(self) -> QGroupBox:
        box = QGroupBox(self.tr("How the file is read (detected; change it if the preview looks wrong)"), self)
        self.encoding_combo = QComboBox(box)
        self.encoding_combo.addItem(self.tr("Detect"), None)
        for name in ENCODINGS:
            self.encoding_combo.addItem(name, name)
        self.encoding_combo.setToolTip(self.tr("Character encoding. If accents look wrong (Ã©, �), try cp1252 or utf-8."))
        self.encoding_combo.setAccessibleName(self.tr("Encoding"))
        self.delimiter_combo = QComboBox(box)
        self.delimiter_combo.addItem(self.tr("Detect"), None)
        for value, label in DELIMITERS:
            self.delimiter_combo.addItem(label, value)
        self.delimiter_combo.setToolTip(self.tr("Separator between columns. If everything is in one column, change it."))
        self.delimiter_combo.setAccessibleName(self.tr("Separator"))
        self.header_spin = QSpinBox(box)
        self.header_spin.setRange(0, 1000)
        self.header_spin.setSpecialValueText(self.tr("Detect"))
        self.header_spin.setToolTip(self.tr("Line (or sheet row) holding the column titles, from 1"))
        self.header_spin.setAccessibleName(self.tr("Header row"))
        self.sheet_combo = QComboBox(box)
        self.sheet_combo.setToolTip(self.tr("Sheet to read (spreadsheets only)"))
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.decimal_combo = QComboBox(box)
        self.decimal_combo.addItem(self.tr("Detect"), None)
        self.decimal_combo.addItem(self.tr("comma (3,5)"), ",")
        self.decimal_combo.addItem(self.tr("point (3.5)"), ".")
        self.decimal_combo.setToolTip(self.tr("Decimal mark used for numbers in the file"))
        self.decimal_combo.setAccessibleName(self.tr("Decimal mark"))

        # Three options a row: in one row, the French captions were cut at 900 px.
        grid = QGridLayout(box)
        for index, (label, widget) in enumerate((
                (self.tr("Encoding"), self.encoding_combo), (self.tr("Separator"), self.delimiter_combo),
                (self.tr("Header row"), self.header_spin), (self.tr("Sheet"), self.sheet_combo),
                (self.tr("Decimal mark"), self.decimal_combo))):
            caption = QLabel(label, box)
            caption.setBuddy(widget)
            grid.addWidget(caption, index // 3, 2 * (index % 3))
            grid.addWidget(widget, index // 3, 2 * (index % 3) + 1)
        grid.setColumnStretch(6, 1)
        for combo in (self.encoding_combo, self.delimiter_combo, self.sheet_combo, self.decimal_combo):
            combo.currentIndexChanged.connect(lambda _i: self._options_timer.start())
        self.header_spin.valueChanged.connect(lambda _v: self._options_timer.start())
        box.setEnabled(False)
        return box

    def chosen_options(self) -> ReadOptions:
        loaded = self.session.loaded
        base = loaded.source.options if loaded is not None else ReadOptions()
        return ReadOptions(
            format=base.format,
            encoding=self.encoding_combo.currentData(),
            delimiter=self.delimiter_combo.currentData(),
            header_row=self.header_spin.value() or None,
            sheet=self.sheet_combo.currentData(),
            decimal=self.decimal_combo.currentData(),
            quotechar=base.quotechar, thousands=base.thousands,
            max_uncompressed_bytes=base.max_uncompressed_bytes)

    def _reread(self) -> None:
        self.rereadRequested.emit(self.chosen_options())

    def _set_options(self, options: ReadOptions, sheets: list[str], is_text: bool) -> None:
        widgets = (self.encoding_combo, self.delimiter_combo, self.header_spin, self.sheet_combo, self.decimal_combo)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            _select(self.encoding_combo, options.encoding)
            _select(self.delimiter_combo, options.delimiter)
            self.header_spin.setValue(options.header_row or 0)
            self.sheet_combo.clear()
            for sheet in sheets:
                self.sheet_combo.addItem(sheet, sheet)
            _select(self.sheet_combo, options.sheet)
            _select(self.decimal_combo, options.decimal)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.encoding_combo.setEnabled(is_text)
        self.delimiter_combo.setEnabled(is_text)
        self.sheet_combo.setEnabled(bool(sheets))

    # --- showing what was read -------------------------------------------------------------
    def _show_loaded(self) -> None:
        loaded = self.session.loaded
        if loaded is None:
            self.content.setCurrentIndex(0)
            self.path_label.setText(self.tr("No file open."))
            return
        self.content.setCurrentIndex(1)
        self._show_submission()
        self.path_label.setText(loaded.source.path if not self.session.is_submission() else self.tr(
            "{count} tables, one package — {path}").format(count=len(self.session.tables), path=loaded.source.path))
        self.path_label.setToolTip(loaded.source.path)
        self.options_box.setEnabled(True)
        self._set_options(loaded.source.options, loaded.source.sheets, loaded.source.format in ("csv", "txt", "tsv"))
        self.data_view.set_table(loaded.table)
        if loaded.warnings:
            self.warnings_label.setText("⚠ " + "\n⚠ ".join(core_text(w) for w in loaded.warnings))
            self.warnings_label.show()
        else:
            self.warnings_label.hide()
        self._show_code_page(loaded.metadata.get("code_page"))
        if self.session.profiles is None:
            self._start_profile()
        else:
            self._show_profiles()

    def _show_code_page(self, choice: object) -> None:
        """The detected code page and the runner-up that also decodes the file, a line read in each."""
        if not isinstance(choice, dict) or not choice.get("runner_up"):
            self.code_page_label.hide()
            return
        chosen, other = choice["encoding"], choice["runner_up"]
        self.code_page_label.setText(self.tr(
            "Read as <b>{chosen}</b>, where the accents read as French. {other} also decodes this file: "
            "line {line} reads “{chosen_text}” in {chosen} and “{other_text}” in {other}. "
            "<a href=\"{other_code}\">Read it as {other}</a> if that one is right.").format(
                chosen=CODE_PAGE_NAMES.get(chosen, chosen), other=CODE_PAGE_NAMES.get(other, other),
                line=choice["line"], chosen_text=html.escape(printable(choice["chosen_text"])),
                other_text=html.escape(printable(choice["runner_up_text"])), other_code=html.escape(other)))
        self.code_page_label.show()

    def _use_runner_up(self, encoding: str) -> None:
        _select(self.encoding_combo, encoding)     # re-read as the user stops changing options

    def _start_profile(self) -> None:
        loaded = self.session.loaded
        if loaded is None:
            return
        table = loaded.table
        self._fill_profile_names()
        self.profile_status.setText(self.tr("Profiling the columns…"))

        # Keyed: profiling a newer table cancels the profile of the one it replaced.
        self.runner.run(Operation(lambda progress: profile_table(table, progress), self.tr("Profiling columns…"),
                                  lambda profiles: self._profiled(table, profiles), key="profile",
                                  error_title=self.tr("Cannot profile the columns")))

    def _profiled(self, table: pa.Table, profiles: list[ColumnProfile]) -> None:
        loaded = self.session.loaded
        if loaded is None or loaded.table is not table:    # a profile of a table since replaced
            return
        self.session.set_profiles(profiles)

    def _fill_profile_names(self) -> None:
        loaded = self.session.loaded
        names = loaded.table.column_names if loaded is not None else []
        self.profile_table.setRowCount(len(names))
        for row, name in enumerate(names):
            self.profile_table.setItem(row, 0, QTableWidgetItem(name))
            for column in range(1, 5):
                self.profile_table.setItem(row, column, QTableWidgetItem(""))

    def _show_profiles(self) -> None:
        profiles = self.session.profiles
        if not profiles:
            self._fill_profile_names()
            return
        self.profile_status.setText(self.tr("{count} columns. Double-click one to show it in the table.").format(
            count=len(profiles)))
        self.profile_table.setRowCount(len(profiles))
        for row, profile in enumerate(profiles):
            for column, text in enumerate(profile_cells(profile)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.profile_table.setItem(row, column, item)
        header = self.profile_table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def _show_column(self, row: int, _column: int) -> None:
        item = self.profile_table.item(row, 0)
        if item is None:
            return
        names = self.data_view.model.table().column_names
        if item.text() in names:
            index = self.data_view.model.index(0, names.index(item.text()))
            self.data_view.table_view.scrollTo(index)
            self.data_view.table_view.setCurrentIndex(index)


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index < 0 and value is not None:
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def person_table(session: Session) -> tuple[str, str] | None:
    """The table whose own key is the person key, and that key (None: risk counted in records)."""
    for state in session.tables:
        recipe = state.recipe
        if recipe.person_key and recipe.primary_key == [recipe.person_key]:
            return recipe.name, recipe.person_key
    return None
