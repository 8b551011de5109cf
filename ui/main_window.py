"""The main window: a step bar (Load, Map, Protect, Check, Export), one page per step, a status bar.

The window owns the running operations (progress and Cancel in the status bar), the project file
(save, open, autosave, recent files) and the menus; pages do the step's work. It is the one place
that wires the pages together: a page's signal (navigate, checksWanted, ...) to another's slot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from curator import __version__
from curator.errors import CuratorError
from curator.load import read_file
from curator.recipe.model import Recipe
from curator.recipe.submission import Submission
from curator.resources import guide_path
from curator.source import LoadedTable, ReadOptions
from ui import settings as app_settings
from ui.analysis import Analysis, SubmissionAnalysis, analyse, analyse_reopened, analyse_submission
from ui.dialogs import show_error
from ui.i18n import LANGUAGES
from ui.pages.check import CheckPage
from ui.pages.common import Target, select_row_named
from ui.pages.export import ExportPage
from ui.pages.load import LoadPage
from ui.pages.map import MapPage
from ui.pages.protect import ProtectPage
from ui.qt import (
    QAction,
    QActionGroup,
    QButtonGroup,
    QCloseEvent,
    QDialog,
    QDialogButtonBox,
    QDragEnterEvent,
    QDropEvent,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLocale,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStandardPaths,
    Qt,
    QTextBrowser,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import Linking, Session, TableState
from ui.undo import UndoActions
from ui.workers import Operation, Task, TaskRunner

log = logging.getLogger(__name__)

PROJECT_SUFFIX = ".curator.json"
AUTOSAVE_INTERVAL_MS = 60_000
DATA_FILTER_PATTERNS = "*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.xlsb *.ods *.parquet *.feather *.sas7bdat *.xpt *.dta *.sav"


def autosave_path() -> Path:
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return base / "autosave" / f"project{PROJECT_SUFFIX}"


def is_project_file(path: Path) -> bool:
    return path.name.endswith(PROJECT_SUFFIX) or path.suffix.lower() == ".json"


class MainWindow(QMainWindow):
    languageChangeRequested = Signal(str)   # "system", "en" or "fr": the app rebuilds the window
    loadFinished = Signal(bool)             # True when a load replaced the table, False if it failed or was cancelled

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.session = session or Session(self)
        self.runner = TaskRunner(parent=self, report_error=self._report_error)
        self.runner.started.connect(self._task_started)
        self.runner.ended.connect(self._task_finished)
        self.runner.cancelled.connect(self._task_cancelled)
        self._shown_task: Task[object] | None = None
        self._force_close = False
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.setMinimumSize(900, 600)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_step_bar())
        self.pages = QStackedWidget(central)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self._build_next_bar())
        self.setCentralWidget(central)
        self._build_status_bar()    # before the pages: they may start tasks while being built

        self.load_page = LoadPage(self.session, self.runner, self)
        self.map_page = MapPage(self.session, self)
        self.protect_page = ProtectPage(self.session, self.runner, self)
        self.check_page = CheckPage(self.session, self.runner, self)
        self.export_page = ExportPage(self.session, self.runner, self)
        self._wire_pages()
        for page in (self.load_page, self.map_page, self.protect_page, self.check_page, self.export_page):
            self.pages.addWidget(page)

        self.undo_actions = UndoActions(self.session.stack, self)
        self._build_menus()

        self.session.loadedChanged.connect(self._update_status)
        for signal in (self.session.loadedChanged, self.session.recipeChanged, self.session.checked,
                       self.session.sourceChanged, self.export_page.written):
            signal.connect(self._mark_done_steps)
        self.session.cleanChanged.connect(self._update_title)
        self.session.projectPathChanged.connect(self._update_title)
        self.session.recipeChanged.connect(self._update_title)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self.go_to(0)
        self._update_status()
        self._update_title()
        self._mark_done_steps()
        if self.session.loaded is not None and self.session.suggestions is None:
            QTimer.singleShot(0, self.start_analysis)    # rebuilt window: finish what the old one started

    def _wire_pages(self) -> None:
        """What one page asks of another goes through here (or through the session), never page to page."""
        self.load_page.openRequested.connect(self.open_file_dialog)
        self.load_page.fileRequested.connect(self.open_file)
        self.load_page.rereadRequested.connect(self.reload_with_options)
        # The Map step shows the validation issues and the Export step needs the blockers: the checks
        # also run while they are in view.
        self.check_page.shown_with = (self.map_page, self.export_page)
        self.map_page.checksWanted.connect(self.check_page.refresh_soon)
        self.export_page.checksWanted.connect(self.check_page.check_if_stale)
        for page in (self.map_page, self.check_page):
            page.navigate.connect(self.go_to_target)

    # --- layout ----------------------------------------------------------------------------
    def step_texts(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Load"), self.tr("Open the export and check that it reads correctly")),
            (self.tr("Map"), self.tr("Match the columns and codes to the hub's vocabulary")),
            (self.tr("Protect"), self.tr("Pseudonymise, generalise and measure the re-identification risk")),
            (self.tr("Check"), self.tr("See what still blocks the export")),
            (self.tr("Export"), self.tr("Write the signed, encrypted package for the hub")),
        ]

    def _build_step_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("StepBar")
        bar.setAutoFillBackground(True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(4)
        self.step_buttons: list[QToolButton] = []
        self.step_group = QButtonGroup(bar)
        self.step_group.setExclusive(True)
        for number, (title, tip) in enumerate(self.step_texts(), start=1):
            if number > 1:
                arrow = QLabel("›", bar)
                arrow.setAccessibleName(self.tr("next step"))
                row.addWidget(arrow)
            button = QToolButton(bar)
            button.setText(f"{number}  {title}")
            button.setProperty("title", f"{number}  {title}")
            button.setCheckable(True)
            button.setToolTip(f"{tip} (Ctrl+{number})")
            button.setAccessibleName(self.tr("Step {number}: {title}").format(number=number, title=title))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(110)
            button.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self.step_group.addButton(button, number - 1)
            self.step_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.step_group.idClicked.connect(self.go_to)
        bar.setStyleSheet(
            "#StepBar { border-bottom: 1px solid palette(mid); }"
            "#StepBar QToolButton { padding: 6px 14px; border: 1px solid transparent; border-radius: 4px; }"
            "#StepBar QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
            " font-weight: bold; }"
            "#StepBar QToolButton:hover:!checked { border-color: palette(mid); }")
        return bar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.shape_label = QLabel(status)
        self.shape_label.setAccessibleName(self.tr("Rows and columns"))
        self.file_label = QLabel(status)
        self.file_label.setAccessibleName(self.tr("Source file"))
        self.encoding_label = QLabel(status)
        self.encoding_label.setAccessibleName(self.tr("Encoding"))
        self.progress_label = QLabel(status)
        self.progress_bar = QProgressBar(status)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"), status)
        self.cancel_button.setToolTip(self.tr("Stop this operation; what was there before is kept (Esc)"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running operation"))
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.clicked.connect(self.cancel_shown_task)
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            status.addWidget(widget)
            widget.hide()
        # Messages ("Read x.", "cancelled") in a label of their own: QStatusBar's temporary message is
        # drawn over the progress label and bar.
        self.message_label = QLabel(status)
        self.message_label.setAccessibleName(self.tr("Last message"))
        status.addWidget(self.message_label, 1)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        for widget in (self.shape_label, self.file_label, self.encoding_label):
            widget.setContentsMargins(10, 0, 10, 0)
            status.addPermanentWidget(widget)
        status.setStyleSheet("QStatusBar::item { border: none; border-left: 1px solid palette(mid); }")

    def say(self, text: str, milliseconds: int = 5000) -> None:
        """A short message in the status bar, beside the progress, never over it."""
        self.message_label.setText(text)
        self._message_timer.start(milliseconds)

    def current_message(self) -> str:
        return self.message_label.text()

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        self.open_action = self._action(self.tr("&Open data file…"), self.open_file_dialog, QKeySequence.StandardKey.Open,
                                        self.tr("Open a CSV, Excel, ODS, Parquet, SAS, Stata or SPSS file"))
        file_menu.addAction(self.open_action)
        self.open_project_action = self._action(self.tr("Open &project…"), self.open_project_dialog, "Ctrl+Shift+O",
                                                self.tr("Open a saved project (its decisions and its source file)"))
        file_menu.addAction(self.open_project_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action(self.tr("&Save project"), self.save_project, QKeySequence.StandardKey.Save,
                                        self.tr("Save every decision as a project file"))
        file_menu.addAction(self.save_action)
        self.save_as_action = self._action(self.tr("Save project &as…"), self.save_project_as,
                                           QKeySequence.StandardKey.SaveAs, self.tr("Save the project under a new name"))
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                                         self.tr("Close curator")))

        edit_menu = menu_bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_actions.undo_action)
        edit_menu.addAction(self.undo_actions.redo_action)

        settings_menu = menu_bar.addMenu(self.tr("&Settings"))
        language_menu = settings_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = app_settings.language_choice()
        choices = [("system", self.tr("Follow the system"))] + list(LANGUAGES.items())
        for code, name in choices:
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        self.guide_action = self._action(self.tr("&Guide"), lambda: self.show_guide(), QKeySequence.StandardKey.HelpContents,
                                         self.tr("What each step does, what k and quasi-identifiers mean, what the hub "
                                                 "receives (F1: this step's section)"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self._action(self.tr("&About curator"), self._about, None,
                                         self.tr("Version and purpose of curator")))

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: str | QKeySequence.StandardKey | None, tip: str) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- navigation ------------------------------------------------------------------------
    def go_to(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        self.step_buttons[step].setChecked(True)
        texts = self.step_texts()
        last = step + 1 >= len(texts)
        self.next_button.setVisible(not last)
        if not last:
            self.next_button.setText(self.tr("Next: {step} ›").format(step=texts[step + 1][0]))
            self.next_button.setToolTip(texts[step + 1][1])
        entered = getattr(self.pages.widget(step), "entered", None)
        if entered is not None:
            entered()

    def current_step(self) -> int:
        return self.pages.currentIndex()

    def _build_next_bar(self) -> QWidget:
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 0, 12, 6)
        row.addStretch(1)
        self.next_button = QPushButton(bar)
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.next_button.clicked.connect(lambda: self.go_to(min(self.current_step() + 1, self.pages.count() - 1)))
        row.addWidget(self.next_button)
        return bar

    def steps_done(self) -> list[bool]:
        """Which steps are done for the file open now: read; every column decided; the quasi-identifiers
        chosen with k; the checks of the current decisions find no blocker; this file's package written."""
        session = self.session
        loaded = session.loaded
        # A linked submission: every table mapped, and the quasi-identifiers chosen in at least one.
        tables: list[tuple[LoadedTable | None, Recipe]] = [
            (state.loaded, state.recipe) for number, state in enumerate(session.tables) if number != session.active]
        tables.append((loaded, session.recipe))
        mapped = all(table is not None and bool(table.table.column_names)
                     and set(table.table.column_names) <= {c.source for c in recipe.columns}
                     for table, recipe in tables)
        protected = mapped and any(bool(recipe.protection.quasi_identifiers) and recipe.protection.k_target is not None
                                   for _table, recipe in tables)
        written = self.export_page.last_result
        return [loaded is not None, mapped, protected, session.blocker_count == 0,
                written is not None and written.ok]

    def _mark_done_steps(self, *_args: object) -> None:
        for button, done in zip(self.step_buttons, self.steps_done(), strict=True):
            title = str(button.property("title"))
            # ✓ is in the fonts the bundle runs with (DejaVu Sans, the platforms' own).
            button.setText(f"✓ {title}" if done else title)
            button.setAccessibleDescription(self.tr("done") if done else "")

    # --- help ------------------------------------------------------------------------------
    GUIDE_SECTIONS = ("load", "map", "protect", "check", "export")

    def show_guide(self, section: str | None = None) -> QDialog:
        """The user guide in the interface language, at ``section`` (the current step's by default)."""
        language = "fr" if QLocale().language() == QLocale.Language.French else "en"
        path = guide_path(language)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("curator guide"))
        dialog.resize(760, 620)
        browser = QTextBrowser(dialog)
        browser.setObjectName("GuideBrowser")
        browser.setOpenExternalLinks(False)     # offline: nothing is fetched or followed
        browser.setAccessibleName(self.tr("User guide"))
        try:
            browser.setHtml(path.read_text(encoding="utf-8"))
        except OSError as exc:
            browser.setPlainText(self.tr("The guide could not be read: {error}").format(error=exc))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.close)
        layout = QVBoxLayout(dialog)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        dialog.open()
        anchor = section or self.GUIDE_SECTIONS[self.current_step()]
        browser.scrollToAnchor(anchor)
        self.guide_browser = browser
        return dialog

    def go_to_target(self, target: Target) -> None:
        """Show where a blocker or finding is fixed: the cell in the data, or the column's row."""
        self.go_to(target.step)
        if target.column is None:
            return
        if target.step == 0 and target.source_row is not None:
            self.load_page.data_view.jump_to_cell(target.source_row, target.column)
        elif target.step in (1, 2):
            page = self.map_page if target.step == 1 else self.protect_page
            select_row_named(page.columns_table, target.column)

    # --- operations ------------------------------------------------------------------------
    # Every operation the pages start runs on self.runner: its progress (and Cancel if it can stop)
    # shows in the status bar, the latest started in front unless that would hide a Cancel.
    def _report_error(self, title: str, error: Exception) -> None:
        show_error(self, title, error)

    def _task_started(self, task: Task[object]) -> None:
        task.signals.progress.connect(lambda fraction, message: self._task_progress(task, fraction, message))
        shown = self._shown_task
        # A measure the pages start on their own must not hide the Cancel of a task still running.
        if shown is not None and shown.can_cancel and not task.can_cancel and not shown.done.is_set():
            return
        self._show_task(task)

    def _show_task(self, task: Task[object]) -> None:
        self._shown_task = task
        self.progress_label.setText(task.label)
        self.progress_bar.setValue(0)
        self.progress_bar.setRange(0, 0)      # busy until the first progress report
        self.cancel_button.setVisible(task.can_cancel)
        self.cancel_button.setEnabled(True)
        self.progress_label.show()
        self.progress_bar.show()

    def _task_progress(self, task: Task[object], fraction: float, message: str) -> None:
        if task is not self._shown_task:
            return
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(int(fraction * 1000))
        # The core's progress detail, already in the interface language (ui.workers; "" if untranslated).
        self.progress_label.setText(f"{task.label} {message}".strip())

    def _task_cancelled(self, task: Task[object]) -> None:
        self.say(self.tr("{task}: cancelled, nothing was changed.").format(task=task.label), 8000)

    def _task_finished(self, task: Task[object]) -> None:
        if task is not self._shown_task:
            return
        others = [t for t in self.runner.running() if t is not task and not t.done.is_set()]
        if others:
            self._show_task(next((t for t in reversed(others) if t.can_cancel), others[-1]))
            return
        self._shown_task = None
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            widget.hide()

    def cancel_shown_task(self) -> None:
        if self._shown_task is not None and self._shown_task.can_cancel:
            self._shown_task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    # --- loading ---------------------------------------------------------------------------
    def open_file_dialog(self) -> None:
        source = self.session.source_path()
        start = str(source.parent) if source is not None else ""
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open a data file, or several as one submission"), start,
            self.tr("Data files ({patterns})").format(patterns=DATA_FILTER_PATTERNS) + ";;" + self.tr("All files (*)"))
        self.open_paths([Path(p) for p in paths])

    def open_paths(self, paths: list[Path]) -> Task[LoadedTable] | Task[SubmissionAnalysis] | None:
        """One file (or project) as today; several files, or a folder, as one linked submission."""
        if len(paths) == 1 and not paths[0].is_dir():
            return self.open_path(paths[0])
        if paths:
            return self.open_files(paths)
        return None

    def open_files(self, paths: list[Path]) -> Task[SubmissionAnalysis] | None:
        """Read and analyse several files (or a folder's) as one submission, its links proposed on the Load step."""
        if not self._confirm_discard():
            return None
        title = self.tr("Cannot read the submission")
        vocabulary_id = self.session.recipe.vocabulary.get("path") or self.session.recipe.vocabulary.get("id")

        def done(found: SubmissionAnalysis) -> None:
            self._show_submission(found, fresh=True, path=None)
            self.say(self.tr("Read {count} tables.").format(count=len(found.loaded)), 5000)
            self.loadFinished.emit(True)

        def failed(error: Exception) -> None:
            show_error(self, title, error)
            self.loadFinished.emit(False)

        return self.runner.run(Operation(lambda progress: analyse_submission(paths, vocabulary_id, progress),
                                         self.tr("Reading {count} files…").format(count=len(paths)), done,
                                         on_failure=failed, on_cancel=lambda: self.loadFinished.emit(False),
                                         key="load", error_title=title))

    def _show_submission(self, found: SubmissionAnalysis, fresh: bool, path: Path | None) -> None:
        """Put an analysed submission in the session: fresh, each table's recipe starts with its keys only
        (the Map step accepts the rest, as for one file); reopened, with the saved decisions."""
        # Every table's proposal takes the submission's k and protection settings (recipe init's), so that
        # accepting one table's suggestions does not set the k of all to that table's own proposal.
        found.submission.share()
        states = []
        for loaded, analysis, recipe in zip(found.loaded, found.analyses, found.submission.tables, strict=True):
            if fresh:
                current = Recipe(name=recipe.name, primary_key=list(recipe.primary_key), person_key=recipe.person_key,
                                 vocabulary=dict(recipe.vocabulary), source_columns=list(recipe.source_columns))
                proposed: Recipe | None = recipe
            else:
                current, proposed = recipe, analysis.proposed
            states.append(TableState(loaded, current, None, analysis.identifications, analysis.suggestions, proposed,
                                     [*analysis.notes]))
        links = list(found.submission.links)
        self.session.vocabulary = found.analyses[0].vocabulary
        self.session.set_submission(states, Linking(links, list(links), list(found.reasons)), path,
                                    new_project=fresh)

    def open_path(self, path: Path) -> Task[LoadedTable] | Task[SubmissionAnalysis] | None:
        """A data file or a project file, as given on the command line, dropped or picked from recent files."""
        if is_project_file(path):
            return self.open_project(path)
        return self.open_file(path)

    def open_file(self, path: Path, options: ReadOptions | None = None,
                  new_source: bool = True) -> Task[LoadedTable] | None:
        if new_source and not self._confirm_discard():
            return None
        path = Path(path)
        title = self.tr("Cannot read {name}").format(name=path.name)

        def done(loaded: LoadedTable) -> None:
            self.session.set_loaded(loaded, new_source=new_source)
            app_settings.add_recent_file(path)
            self.start_analysis()
            self.say(self.tr("Read {name}.").format(name=path.name), 5000)
            self.loadFinished.emit(True)

        def failed(error: Exception) -> None:
            show_error(self, title, error)
            self.loadFinished.emit(False)

        # Keyed: a file opened while another is still being read replaces it.
        return self.runner.run(Operation(lambda progress: read_file(path, options, progress),
                                         self.tr("Reading {name}…").format(name=path.name), done,
                                         on_failure=failed, on_cancel=lambda: self.loadFinished.emit(False),
                                         key="load", error_title=title))

    def start_analysis(self) -> Task[Analysis] | None:
        """Identify the columns and suggest concepts for the table just read (Map and Protect use them)."""
        loaded = self.session.loaded
        if loaded is None:
            return None
        vocabulary_id = self.session.recipe.vocabulary.get("path") or self.session.recipe.vocabulary.get("id")

        def done(result: Analysis) -> None:
            if self.session.loaded is loaded:       # not for a table since replaced
                self.session.set_analysis(result.vocabulary, result.identifications, result.suggestions,
                                          result.proposed, result.notes)

        return self.runner.run(Operation(lambda progress: analyse(loaded, vocabulary_id, progress),
                                         self.tr("Looking for identifying columns and suggesting concepts…"), done,
                                         key="analysis", error_title=self.tr("Cannot analyse the columns")))

    def reload_with_options(self, options: ReadOptions) -> Task[LoadedTable] | None:
        path = self.session.source_path()
        if path is None:
            return None
        return self.open_file(path, options, new_source=False)

    # --- project ---------------------------------------------------------------------------
    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a project"), "",
                                              self.tr("curator projects (*{suffix})").format(suffix=PROJECT_SUFFIX)
                                              + ";;" + self.tr("All files (*)"))
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path) -> Task[LoadedTable] | Task[SubmissionAnalysis] | None:
        if not self._confirm_discard():
            return None
        try:
            submission = Submission.load(path)
        except CuratorError as exc:
            show_error(self, self.tr("Cannot open the project"), exc)
            return None
        app_settings.add_recent_file(path)
        return self._adopt(submission, path)

    def restore_autosave(self) -> Task[LoadedTable] | Task[SubmissionAnalysis] | None:
        """Reopen the decisions autosaved before a crash; they count as unsaved until saved."""
        try:
            submission = Submission.load(autosave_path())
        except CuratorError as exc:
            show_error(self, self.tr("Cannot restore the autosaved project"), exc)
            return None
        project = str(app_settings.settings().value("autosave/project_path", "") or "")
        task = self._adopt(submission, Path(project) if project else None)
        if len(submission.tables) > 1 and task is not None:
            task.signals.succeeded.connect(self.session.stack.mark_unsaved)   # once the tables are in view
        else:
            self.session.stack.mark_unsaved()
        return task

    def _adopt(self, submission: Submission, path: Path | None) -> Task[LoadedTable] | Task[SubmissionAnalysis] | None:
        """A project of one table as before; of several, its files read again and analysed on a worker."""
        if len(submission.tables) == 1:
            return self._adopt_recipe(submission.tables[0], path)
        title = self.tr("Cannot open the project")

        def done(found: SubmissionAnalysis) -> None:
            self._show_submission(found, fresh=False, path=path)
            self.loadFinished.emit(True)

        def failed(error: Exception) -> None:
            show_error(self, title, error)
            self.loadFinished.emit(False)

        return self.runner.run(Operation(lambda progress: analyse_reopened(submission, progress),
                                         self.tr("Reading {count} files…").format(count=len(submission.tables)),
                                         done, on_failure=failed, on_cancel=lambda: self.loadFinished.emit(False),
                                         key="load", error_title=title))

    def _adopt_recipe(self, recipe: Recipe, path: Path | None) -> Task[LoadedTable] | None:
        self.session.open_recipe(recipe, path)
        source = recipe.source.get("path")
        if not source:
            return None
        source_path = Path(source)
        if not source_path.exists():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Source file not found"),
                              self.tr("The project's data file {path} was not found.").format(path=source_path),
                              QMessageBox.StandardButton.Ok, self)
            box.setInformativeText(self.tr("Open the file from its new place with File ▸ Open data file; "
                                           "the project's decisions are kept."))
            box.open()
            return None
        return self.open_file(source_path, recipe.reader, new_source=False)

    def save_project(self) -> bool:
        if self.session.project_path is None:
            return self.save_project_as()
        return self._save_to(self.session.project_path)

    def save_project_as(self) -> bool:
        suggested = ""
        source = self.session.source_path()
        if source is not None:
            suggested = str(source.with_name(source.stem + PROJECT_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the project"), suggested,
                                              self.tr("curator projects (*{suffix})").format(suffix=PROJECT_SUFFIX))
        if not path:
            return False
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except OSError as exc:
            show_error(self, self.tr("Cannot save the project"), exc)
            return False
        app_settings.add_recent_file(path)
        self.remove_autosave()
        self.say(self.tr("Project saved to {path}.").format(path=path), 5000)
        return True

    def autosave(self) -> Path | None:
        if self.session.is_clean():
            return None
        target = autosave_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.session.write(target)
        except OSError as exc:
            log.warning("autosave failed: %s", exc)
            return None
        settings = app_settings.settings()
        settings.setValue("autosave/project_path", str(self.session.project_path or ""))
        return target

    @staticmethod
    def remove_autosave() -> None:
        autosave_path().unlink(missing_ok=True)

    def _confirm_discard(self) -> bool:
        """Before replacing the project: True when it is saved, or the user saved it or chose to discard it."""
        if self.session.is_clean():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The project has decisions that are not saved. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._force_close and not self._confirm_discard():
            event.ignore()
            return
        self.runner.cancel_all()
        self.runner.wait_all(10_000)
        self.remove_autosave()
        event.accept()

    def close_without_asking(self) -> None:
        """Close for a rebuild (language change) or a test: the project stays in the session."""
        self._force_close = True
        self.runner.cancel_all()
        self.runner.wait_all(10_000)
        self.close()

    # --- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_paths(files)

    # --- recent files, language, about ----------------------------------------------------
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = app_settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
            return
        for number, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number}  {Path(name).name}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(Path(p)))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.tr("Clear the list"), app_settings.clear_recent_files)

    def _choose_language(self, code: str) -> None:
        app_settings.set_language_choice(code)
        self.languageChangeRequested.emit(code)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About curator"),
                          self.tr("curator {version}\n\nPrepares health-data exports for the hub: load, map, "
                                  "protect, check, and export a signed, encrypted package. Works offline."
                                  ).format(version=__version__))

    # --- status ----------------------------------------------------------------------------
    def _update_status(self) -> None:
        loaded = self.session.loaded
        if loaded is None:
            self.shape_label.setText(self.tr("No data loaded"))
            self.file_label.clear()
            self.encoding_label.clear()
            return
        locale = QLocale()
        self.shape_label.setText(self.tr("{rows} rows × {columns} columns").format(
            rows=locale.toString(loaded.table.num_rows), columns=locale.toString(loaded.table.num_columns)))
        source = Path(loaded.source.path)
        self.file_label.setText(source.name if not self.session.is_submission() else self.tr(
            "{name} (table {number} of {count})").format(name=source.name, number=self.session.active + 1,
                                                        count=len(self.session.tables)))
        self.file_label.setToolTip(str(source))
        options = loaded.source.options
        if options.encoding:
            self.encoding_label.setText(self.tr("Encoding: {encoding}").format(encoding=options.encoding))
        else:
            self.encoding_label.setText(loaded.source.format.upper())

    def _update_title(self, *_args: object) -> None:
        name = self.session.project_path.name if self.session.project_path else self.tr("Untitled project")
        source = self.session.source_path()
        title = f"{name}[*] — curator"
        if source is not None:
            title = f"{name}[*] ({source.name}) — curator"
        self.setWindowTitle(title)
        self.setWindowModified(not self.session.is_clean())
