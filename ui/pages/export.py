"""Export: who sends what to whom, the keys, the pseudonymisation secret, then the package and its verdict."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from curator.identify import ColumnIdentification
from curator.mapping import Vocabulary
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.package.keys import load_signer, load_signing_key
from curator.package.verify import verify_package
from curator.pipeline import curate, export_package
from curator.progress import ProgressCallback, scaled
from curator.protect.secret import new_secret, read_secret_file, write_secret_file
from curator.recipe.apply import apply_submission
from curator.recipe.model import Recipe
from curator.recipe.submission import Submission
from curator.report import ReportContent, build_report
from curator.report.html import render_html
from curator.report.xlsx import write_content_xlsx
from curator.source import LoadedTable
from curator.undo import SetAttributes
from curator.workspace import create_private, run_folder
from ui import settings as app_settings
from ui.dialogs import show_error
from ui.i18n import core_text
from ui.pages.common import notice, page_header
from ui.qt import (
    QComboBox,
    QDesktopServices,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QLocale,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import Session
from ui.workers import Operation, TaskRunner

# How the report is shown: the system's browser (a test replaces it to see what would be opened).
open_url = QDesktopServices.openUrl

METADATA = ("producer_id", "producer_name", "dataset_title", "dataset_description", "period")


@dataclass
class ExportResult:
    path: str
    rows: int
    columns: int
    ok: bool                                    # the package verified against the signer's public key
    problems: list[str] = dataclasses.field(default_factory=list)
    report_html: str = ""                       # the curation report the package carries, to read in the app
    report_content: ReportContent | None = None


class ExportPage(QWidget):
    checksWanted = Signal()       # entered: the export needs the checks of the current decisions
    written = Signal()            # a package was written (last_result holds it) or forgotten

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.last_result: ExportResult | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 8)
        page_header(self, outer, self.tr("Export the package"), self.tr(
            "curator writes one file for the hub: the protected data, the curation report and the manifest, "
            "encrypted so that only the hub can open it and signed so that it proves who made it."))
        self.status = notice(self, self.tr("Go through the Check step first."))
        outer.addWidget(self.status)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        columns = QHBoxLayout(body)

        about = QGroupBox(self.tr("About this submission"), body)
        about_form = QFormLayout(about)
        self.metadata_edits: dict[str, QLineEdit] = {}
        captions = self.metadata_captions()
        required = set(self.session.recipe.export.REQUIRED)
        tips = {"producer_id": self.tr("The identifier the hub gave your organisation"),
                "period": self.tr("For example 2020-2024")}
        for field in METADATA:
            edit = QLineEdit(about)
            edit.setAccessibleName(captions[field])
            edit.setToolTip(tips.get(field, captions[field]))
            edit.editingFinished.connect(lambda f=field: self._metadata_edited(f))
            self.metadata_edits[field] = edit
            about_form.addRow(captions[field] + (" *" if field in required else ""), edit)

        keys = QGroupBox(self.tr("Keys"), body)
        keys_form = QFormLayout(keys)
        self.recipients_edit = QPlainTextEdit(keys)
        self.recipients_edit.setPlaceholderText(self.tr("age1… (one public key of the hub per line)"))
        self.recipients_edit.setToolTip(self.tr("The hub's public key(s): only their owners can open the package"))
        self.recipients_edit.setAccessibleName(self.tr("Recipient public keys"))
        self.recipients_edit.setMaximumHeight(70)
        self.recipients_edit.textChanged.connect(self._recipients_edited)
        keys_form.addRow(self.tr("Hub's public keys"), self.recipients_edit)
        self.signing_edit, signing_row = self._file_row(keys, self.tr("Your signing key file (.key)"),
                                                        self.tr("Signing key files (*.key);;All files (*)"))
        keys_form.addRow(self.tr("Signing key"), signing_row)
        self.signing_passphrase = self._password(keys, self.tr("Passphrase of the signing key (empty if none)"))
        keys_form.addRow(self.tr("Its passphrase"), self.signing_passphrase)
        self.secret_edit, secret_row = self._file_row(keys, self.tr("Pseudonymisation secret file"),
                                                      self.tr("Secret files (*.secret *.age);;All files (*)"))
        self.new_secret_button = QPushButton(self.tr("Create a new secret…"), keys)
        self.new_secret_button.setToolTip(self.tr("Create a new secret, saved under the passphrase below. Keep it: "
                                                  "the same secret gives the same pseudonyms next year."))
        self.new_secret_button.clicked.connect(self.create_secret)
        keys_form.addRow(self.tr("Secret"), secret_row)
        self.secret_passphrase = self._password(keys, self.tr("Passphrase of the secret"))
        keys_form.addRow(self.tr("Its passphrase"), self.secret_passphrase)
        # On its own row: beside Browse it left the path field a few characters wide at 900x600.
        keys_form.addRow("", self.new_secret_button)
        self.output_edit, output_row = self._file_row(keys, self.tr("Where to write the package"),
                                                      self.tr("Packages (*.tar)"), save=True)
        keys_form.addRow(self.tr("Package file"), output_row)
        self.report_language = QComboBox(keys)
        self.report_language.addItem(self.tr("In the interface language"), "interface")
        self.report_language.addItem(self.tr("In French and English"), "both")
        self.report_language.setToolTip(self.tr("The language of the curation report the package carries; with both, "
                                                "the second language is an extra report in the package"))
        self.report_language.setAccessibleName(self.tr("Report language"))
        keys_form.addRow(self.tr("Report"), self.report_language)

        columns.addWidget(about, 1, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(keys, 1, Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        bottom = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Write the package"), self)
        self.export_button.setToolTip(self.tr("Convert, protect, encrypt and sign; then verify what was written"))
        self.export_button.setAccessibleName(self.tr("Write the package"))
        self.export_button.clicked.connect(self.export)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Export result"))
        self.report_button = QPushButton(self.tr("Curation report…"), self)
        self.report_button.setToolTip(self.tr("Open the curation report shipped in the package in your web browser "
                                              "(a local file only you can read; nothing goes on the network)"))
        self.report_button.setAccessibleName(self.tr("Show the curation report"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.show_report)
        self.report_xlsx_button = QPushButton(self.tr("Report as Excel…"), self)
        self.report_xlsx_button.setToolTip(self.tr("Save the curation report as an Excel workbook (.xlsx), one sheet per part"))
        self.report_xlsx_button.setAccessibleName(self.tr("Save the curation report as Excel"))
        self.report_xlsx_button.setEnabled(False)
        self.report_xlsx_button.clicked.connect(lambda: self.save_report_xlsx())
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.report_button)
        bottom.addWidget(self.report_xlsx_button)
        bottom.addWidget(self.result_label, 1)
        outer.addLayout(bottom)

        self.session.recipeChanged.connect(self._fill_from_recipe)
        self.session.checked.connect(self._update_state)
        self.session.sourceChanged.connect(self._forget)
        self.session.projectPathChanged.connect(self._remember)
        self._restore_form()
        for edit in (self.signing_edit, self.secret_edit, self.output_edit, self.signing_passphrase,
                     self.secret_passphrase):
            edit.textChanged.connect(lambda _text: self._remember())
        self._fill_from_recipe()

    # --- one file, one state; what is kept ----------------------------------------------------
    def _path_edits(self) -> dict[str, QLineEdit]:
        return {"signing_key": self.signing_edit, "secret": self.secret_edit, "output": self.output_edit}

    def _restore_form(self) -> None:
        """A rebuilt page (a language change) shows the paths and passphrases the session holds."""
        for name, edit in self._path_edits().items():
            edit.setText(self.session.export_paths.get(name, ""))
        self.signing_passphrase.setText(self.session.passphrases.get("signing_key", ""))
        self.secret_passphrase.setText(self.session.passphrases.get("secret", ""))

    def _remember(self) -> None:
        """Paths and passphrases into the session; key paths and the output folder into this project's
        settings (never a passphrase)."""
        paths = {name: edit.text() for name, edit in self._path_edits().items()}
        self.session.export_paths = paths
        self.session.passphrases = {"signing_key": self.signing_passphrase.text(),
                                    "secret": self.secret_passphrase.text()}
        output = paths.get("output", "")
        app_settings.set_project_paths(self.session.settings_key(), {
            "signing_key": paths.get("signing_key", ""), "secret": paths.get("secret", ""),
            "output_folder": str(Path(output).parent) if output else ""})

    def _forget(self) -> None:
        """Another file or project: the previous package, its verdict and its report go; the key files
        are this project's if it has some remembered, and the package is named after the new file."""
        self.last_result = None
        self.result_label.setText("")
        self.report_button.setEnabled(False)
        self.report_xlsx_button.setEnabled(False)
        self.written.emit()
        remembered = app_settings.project_paths(self.session.settings_key())
        for name in ("signing_key", "secret"):
            if remembered.get(name):
                self._path_edits()[name].setText(remembered[name])
        self.output_edit.setText(self._default_output(remembered.get("output_folder")))
        self._update_state()

    def _default_output(self, folder: str | None = None) -> str:
        # The recipe's source first: an opened project names its file before the file is read.
        recorded = self.session.recipe.source.get("path")
        source = Path(recorded) if recorded else self.session.source_path()
        if source is None:
            return ""
        # A linked submission is named after the folder holding its tables.
        stem = source.parent.name if self.session.is_submission() and source.parent.name else source.stem
        return str(Path(folder or source.parent) / (stem + "-submission.tar"))

    def metadata_captions(self) -> dict[str, str]:
        return {"producer_id": self.tr("Producer identifier"), "producer_name": self.tr("Producer name"),
                "dataset_title": self.tr("Dataset title"), "dataset_description": self.tr("Description"),
                "period": self.tr("Period covered")}

    # --- widgets ---------------------------------------------------------------------------
    def _file_row(self, parent: QWidget, tip: str, filters: str, save: bool = False) -> tuple[QLineEdit, QWidget]:
        holder = QWidget(parent)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(holder)
        edit.setToolTip(tip)
        edit.setAccessibleName(tip)
        browse = QPushButton(self.tr("Browse…"), holder)
        browse.setToolTip(tip)

        def pick() -> None:
            if save:
                path, _ = QFileDialog.getSaveFileName(self, tip, edit.text(), filters)
            else:
                path, _ = QFileDialog.getOpenFileName(self, tip, edit.text(), filters)
            if path:
                edit.setText(path)
                self._update_state()

        browse.clicked.connect(pick)
        edit.textChanged.connect(lambda _t: self._update_state())
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return edit, holder

    def _password(self, parent: QWidget, tip: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setToolTip(tip)
        edit.setAccessibleName(tip)
        return edit

    def entered(self) -> None:
        if self.session.loaded is not None and not self.output_edit.text():
            folder = app_settings.project_paths(self.session.settings_key()).get("output_folder")
            self.output_edit.setText(self._default_output(folder))
        self.checksWanted.emit()
        self._update_state()

    # --- recipe <-> form -------------------------------------------------------------------
    def _fill_from_recipe(self) -> None:
        export = self.session.recipe.export
        for field, edit in self.metadata_edits.items():
            if edit.text() != getattr(export, field):
                edit.setText(getattr(export, field))
        text = "\n".join(export.recipients)
        if self.recipients_edit.toPlainText().strip() != text.strip():
            self.recipients_edit.blockSignals(True)
            self.recipients_edit.setPlainText(text)
            self.recipients_edit.blockSignals(False)
        self._update_state()

    def _metadata_edited(self, field: str) -> None:
        value = self.metadata_edits[field].text().strip()
        export = self.session.recipe.export
        if getattr(export, field) != value:
            self.session.push(SetAttributes(export, {field: value},
                                            self.tr("set {field}").format(field=self.metadata_captions()[field].lower())))

    def _recipients_edited(self) -> None:
        keys = [line.strip() for line in self.recipients_edit.toPlainText().splitlines() if line.strip()]
        if keys != self.session.recipe.export.recipients:
            self.session.push(SetAttributes(self.session.recipe.export, {"recipients": keys},
                                            self.tr("set the hub's keys")))

    # --- state -----------------------------------------------------------------------------
    def missing(self) -> list[str]:
        """What is still needed before the package can be written, in words."""
        needs = []
        blockers = self.session.blocker_count
        if self.session.loaded is None:
            needs.append(self.tr("open a file"))
        if blockers is None:
            needs.append(self.tr("run the checks"))
        elif blockers:
            needs.append(self.tr("settle the {count} blocker(s) on the Check step").format(count=blockers))
        missing = self.session.recipe.export.missing_required()
        if missing:
            captions = self.metadata_captions()
            needs.append(self.tr("fill in {fields} (the hub files the package under them)").format(
                fields=self.tr(", ").join(captions[name].lower() for name in missing)))
        if not self.session.recipe.export.recipients:
            needs.append(self.tr("give the hub's public key"))
        if not self.signing_edit.text():
            needs.append(self.tr("choose your signing key"))
        recipes = [state.recipe for state in self.session.tables] or [self.session.recipe]
        pseudonymised = any(c.transform.action == "pseudonymise" for recipe in recipes for c in recipe.columns)
        if pseudonymised and not self.secret_edit.text():
            needs.append(self.tr("choose or create the pseudonymisation secret"))
        if not self.output_edit.text():
            needs.append(self.tr("choose where to write the package"))
        return needs

    def _update_state(self) -> None:
        needs = self.missing()
        self.export_button.setEnabled(not needs)
        if needs:
            self.status.setText(self.tr("To write the package: {needs}.").format(needs=self.tr("; ").join(needs)))
        else:
            self.status.setText(self.tr("Ready to write the package."))

    def show_report(self) -> Path | None:
        """Open the report the package carries in the system's browser: written to this run's private
        work folder (0700, removed on exit) as the one self-contained page it is, so that its styles and
        charts render as the hub will see them; nothing in it is fetched from the network."""
        result = self.last_result
        if result is None or not result.report_html:
            return None
        folder = run_folder()
        number = sum(1 for _ in folder.glob("curation-report-*.html")) + 1
        path = folder / f"curation-report-{number}.html"
        try:
            with create_private(path) as out:
                out.write(result.report_html.encode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - shown to the user with what to do
            show_error(self, self.tr("Cannot show the curation report"), exc)
            return None
        if not open_url(QUrl.fromLocalFile(str(path))):
            self.result_label.setText(self.tr("The curation report is at {path}: open it in your browser.").format(
                path=path))
        return path

    def save_report_xlsx(self, path: str | Path | None = None) -> Path | None:
        """Write the last export's curation report to an .xlsx file (asked for when ``path`` is None)."""
        result = self.last_result
        if result is None or result.report_content is None:
            return None
        if path is None:
            suggested = Path(result.path or "curation-report").with_suffix(".xlsx")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the curation report"),
                                                    str(suggested.with_name(suggested.stem + "-report.xlsx")),
                                                    self.tr("Excel workbooks (*.xlsx)"))
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        try:
            write_content_xlsx(target, result.report_content)
        except Exception as exc:  # noqa: BLE001 - shown to the user with what to do
            show_error(self, self.tr("Cannot save the curation report"), exc)
            return None
        self.result_label.setText(self.tr("Curation report saved to {path}.").format(path=target))
        return target

    # --- actions ---------------------------------------------------------------------------
    def create_secret(self) -> None:
        passphrase = self.secret_passphrase.text()
        if not passphrase:
            self.result_label.setText(self.tr("Type a passphrase for the new secret first."))
            self.secret_passphrase.setFocus()
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the new secret"), "pseudonymisation.secret",
                                              self.tr("Secret files (*.secret)"))
        if not path:
            return
        try:
            write_secret_file(path, new_secret(), passphrase)
        except Exception as exc:  # noqa: BLE001 - shown to the user with what to do
            show_error(self, self.tr("Cannot create the secret"), exc)
            return
        self.secret_edit.setText(path)
        self.result_label.setText(self.tr("New secret saved to {path}. Keep a copy in a safe place.").format(path=path))

    def export(self) -> QMessageBox | None:
        """Write the package; over an existing file only once the user said so (the box is returned)."""
        if self.session.loaded is None or self.session.vocabulary is None or self.missing():
            self._update_state()
            return None
        out_path = Path(self.output_edit.text())
        if not out_path.exists():
            self._write(out_path)
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Replace the package?"),
                          self.tr("{path} already exists. Replace it with the package of this file?").format(
                              path=out_path),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Replace"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.finished.connect(lambda answer: self._write(out_path) if answer == QMessageBox.StandardButton.Yes else None)
        box.open()
        return box

    def _write(self, out_path: Path) -> None:
        loaded, vocabulary = self.session.loaded, self.session.vocabulary
        if loaded is None or vocabulary is None:
            return
        recipe = copy.deepcopy(self.session.recipe)
        signing_path, signing_pass = self.signing_edit.text(), self.signing_passphrase.text() or None
        secret_path, secret_pass = self.secret_edit.text(), self.secret_passphrase.text()
        language = "fr" if QLocale().language() == QLocale.Language.French else "en"
        languages = [language] + ([{"fr": "en", "en": "fr"}[language]]
                                  if self.report_language.currentData() == "both" else [])
        # What Load found is passed on, so that the export does not identify every column again.
        detected = list(self.session.identifications) if self.session.identifications is not None else None
        submission = copy.deepcopy(self.session.submission()) if self.session.is_submission() else None
        paths = [Path(state.loaded.source.path) for state in self.session.tables]

        def work(progress: ProgressCallback) -> ExportResult:
            if submission is not None:
                return write_submission_and_verify(submission, paths, out_path, signing_path, signing_pass,
                                                   secret_path, secret_pass, progress, languages)
            return write_and_verify(loaded, recipe, vocabulary, out_path, signing_path, signing_pass,
                                    secret_path, secret_pass, progress, languages, detected)

        def done(result: ExportResult) -> None:
            self.last_result = result
            verdict = self.tr("verified: signature, manifest and every member check out") if result.ok else \
                self.tr("VERIFICATION FAILED: {problems}").format(problems=self.tr("; ").join(core_text(p) for p in result.problems))
            self.result_label.setText(self.tr("Package written to {path} ({rows} rows, {columns} columns); "
                                              "{verdict}.").format(path=result.path, rows=result.rows,
                                                                   columns=result.columns, verdict=verdict))
            self.report_button.setEnabled(bool(result.report_html))
            self.report_xlsx_button.setEnabled(result.report_content is not None)
            self.written.emit()

        self.result_label.setText(self.tr("Writing the package…"))
        self.runner.run(Operation(work, self.tr("Writing the package…"), done, key="export",
                                  error_title=self.tr("Cannot write the package")))


def write_submission_and_verify(submission: Submission, paths: Sequence[Path], out_path: Path, signing_path: str,
                                signing_passphrase: str | None, secret_path: str, secret_passphrase: str,
                                progress: ProgressCallback | None, languages: Sequence[str] = ("en",)) -> ExportResult:
    """A linked submission's one package, by the CLI's own ``apply_submission`` (every table read again
    from its file), then verified against the signer's public key; with the report the package
    carries, in ``languages[0]``."""
    secret = read_secret_file(secret_path, secret_passphrase) if secret_path else None
    signing_key = load_signing_key(signing_path, signing_passphrase)
    applied = apply_submission(paths, submission, out_path, list(submission.export.recipients), signing_key, secret,
                               progress=scaled(progress, 0.0, 0.95), report_languages=languages)
    ok, problems = verify_written(out_path, signing_path)
    return ExportResult(str(out_path), sum(table.rows for table in applied.tables),
                        sum(len(table.columns) for table in applied.tables), ok, problems,
                        *_shown(lambda: applied.report))


def verify_written(out_path: Path, signing_path: str) -> tuple[bool, list[str]]:
    """The package checked against the public key beside the signing key (a problem when there is none)."""
    public = Path(signing_path).with_suffix(".pub")
    if not public.exists():
        return False, [Text(QT_TRANSLATE_NOOP("core", "no public key {name} beside the signing key to verify with"),
                            name=public.name)]
    verdict = verify_package(out_path, load_signer(public))
    return bool(verdict.ok), list(verdict.problems)


def write_and_verify(loaded: LoadedTable, recipe: Recipe, vocabulary: Vocabulary, out_path: Path, signing_path: str,
                     signing_passphrase: str | None, secret_path: str, secret_passphrase: str,
                     progress: ProgressCallback | None, languages: Sequence[str] = ("en",),
                     detected: list[ColumnIdentification] | None = None) -> ExportResult:
    """The pipeline's curate + export, then verify what was written against the signer's public key.

    ``detected``: the session's identifications of the loaded table (the recipe's overrides apply on top)."""
    secret = read_secret_file(secret_path, secret_passphrase) if secret_path else None
    signing_key = load_signing_key(signing_path, signing_passphrase)
    result = curate(loaded, recipe, vocabulary, secret, progress=scaled(progress, 0.0, 0.6), detected=detected)
    export_package(loaded, recipe, vocabulary, result, out_path, list(recipe.export.recipients), signing_key,
                   progress=scaled(progress, 0.6, 0.95), report_languages=languages)
    ok, problems = verify_written(out_path, signing_path)
    return ExportResult(str(out_path), result.table.num_rows, result.table.num_columns, ok, problems,
                        *_shown(lambda: build_report(loaded, recipe, vocabulary, result, language=languages[0])))


def _shown(content: Callable[[], ReportContent | None]) -> tuple[str, ReportContent | None]:
    """The report the package carries as HTML and as content, to read in the app and save as XLSX;
    nothing when it cannot be built (the package is written: a missing preview must not hide that)."""
    try:
        built = content()
        return (render_html(built), built) if built is not None else ("", None)
    except Exception:  # noqa: BLE001 - see above
        return "", None
