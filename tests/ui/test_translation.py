"""French is complete, follows the choice at run time, and Qt's own dialogs are translated too."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from curator.resources import resource_path
from ui import i18n
from ui.qt import QDialogButtonBox, QPushButton

TS = resource_path("translations", "curator_fr.ts")


@functools.cache
def _build_qm() -> None:
    """Once per test process: the .qm is a file of the repository that the bundle build copies too."""
    script = resource_path("..", "scripts", "build_translations.py").resolve()
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True)


def test_every_string_has_a_french_translation_with_the_same_placeholders():
    import re
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 200
    for message in messages:
        source = message.find("source").text
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert translation.text, source
        assert set(re.findall(r"\{[a-z_]+[^}]*\}", source)) == set(re.findall(r"\{[a-z_]+[^}]*\}", translation.text)), source


def test_every_text_of_the_code_is_in_the_catalogue(tmp_path):
    """lupdate over ui/ and curator/ finds no text the French catalogue lacks: a new message cannot ship in English."""
    import importlib.util
    import shutil

    script = resource_path("..", "scripts", "build_translations.py").resolve()
    spec = importlib.util.spec_from_file_location("build_translations", script)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    copy = tmp_path / "curator_fr.ts"
    shutil.copyfile(TS, copy)
    build.lupdate(copy, quiet=True)
    waiting = [m.find("source").text for m in ET.parse(copy).getroot().iter("message")
               if m.find("translation").get("type") == "unfinished"]
    assert waiting == []


def test_language_switch_rebuilds_the_window_in_french_and_keeps_the_work(qtbot, tmp_path):
    from tests.ui.conftest import write_cp1252_csv
    from ui.app import AppController

    _build_qm()
    i18n.install("en")
    controller = AppController()
    window = controller.build_window()
    window.show()
    path = write_cp1252_csv(tmp_path / "f.csv", [["nom", "code"], ["Hélène", "01"]])
    with qtbot.waitSignal(window.loadFinished, timeout=30_000):
        window.open_file(path)
    assert window.step_buttons[0].text().endswith("Load")
    french = controller.change_language("fr")
    try:
        assert french is not window and french.session is window.session
        assert french.step_buttons[0].text().endswith("Charger")
        assert french.load_page.data_view.model.data(french.load_page.data_view.model.index(0, 0)) == "Hélène"
        # Qt's own strings come from qtbase_fr.qm.
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        button = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert isinstance(button, QPushButton) and button.text().replace("&", "") == "Annuler"
    finally:
        french.close_without_asking()
        i18n.install("en")


# --- text built by the core ---------------------------------------------------------------------

# Words that French text never holds but the core's English always does (data values of the demo
# are French; concept ids shown beside their labels hold none of these).
MORE_ENGLISH = re.compile(r"\b(to|year|month|keep|drop|pseudonymise|generalise|DD/MM/YYYY|YYYY)\b")
ENGLISH_WORDS = re.compile(r"\b(values|the|are|of|with|rows|header|checked|found|sampled|whole|numbers|not|"
                           r"column|matches|identifying|decided|looks?)\b")


def _core_texts(value, seen=None) -> list:
    """Every ``Text`` the core built, reachable from ``value`` (objects, lists, dicts), nested ones included."""
    from curator.messages import Text

    seen = set() if seen is None else seen
    found = []
    if isinstance(value, Text):
        found.append(value)
        for inner in [*value.params.values(), *(value.parts or ())]:
            found += _core_texts(inner, seen)
        return found
    if isinstance(value, str | int | float | bool | bytes) or value is None or id(value) in seen:
        return found
    seen.add(id(value))
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, list | tuple | set):
        items = list(value)
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("curator"):
        items = list(vars(value).values())
    else:
        return found
    for item in items:
        found += _core_texts(item, seen)
    return found


def _visible_texts(pages) -> list[str]:
    from ui.qt import QLabel, QListWidget, QTableWidget

    texts = []
    for page in pages:
        texts += [t for label in page.findChildren(QLabel) for t in (label.text(), label.toolTip())]
        for table in page.findChildren(QTableWidget):
            for row in range(table.rowCount()):
                for column in range(table.columnCount()):
                    item = table.item(row, column)
                    if item is not None:
                        texts += [item.text(), item.toolTip()]
        for listing in page.findChildren(QListWidget):
            texts += [t for i in range(listing.count()) for t in (listing.item(i).text(), listing.item(i).toolTip())]
    return [t for t in texts if t]


def _french_translations() -> dict[str, str]:
    root = ET.parse(TS).getroot()
    return {m.find("source").text: m.find("translation").text
            for context in root.iter("context") if context.find("name").text == "core"
            for m in context.iter("message")}


@pytest.mark.slow
def _french_window_on_the_demo(qtbot):
    from curator.resources import demo_csv
    from tests.ui.conftest import load
    from ui.main_window import MainWindow
    from ui.session import Session

    _build_qm()
    assert i18n.install("fr")
    window = MainWindow(Session())
    window.show()
    assert load(qtbot, window, demo_csv())
    return window


def test_text_from_the_core_shows_in_french_on_every_page(qtbot):
    """The demo through the French window: suggestion reasons, identification evidence, notes, the
    validation summary, Reach k's result and the profile's types all show in French, with French
    number marks; and the same Texts give back the core's English, byte for byte, in English."""
    from ui.main_window import autosave_path

    window = _french_window_on_the_demo(qtbot)
    try:
        qtbot.waitUntil(lambda: not window.runner.running() and window.session.profiles is not None, timeout=120_000)
        window.map_page.accept_all()
        window.go_to(1)
        qtbot.waitUntil(lambda: window.session.blocker_count is not None and not window.runner.running(),
                        timeout=120_000)
        window.go_to(2)
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
        window.protect_page.reach_k()
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
        window.protect_page.use_suggestion()      # k = 5 is out of reach on the demo at its floors
        qtbot.waitUntil(lambda: not window.runner.running() and bool(window.session.recipe.protection.generalisation),
                        timeout=120_000)
        window.go_to(3)
        qtbot.waitUntil(lambda: window.session.blocker_count is not None and not window.runner.running(),
                        timeout=120_000)
        session = window.session
        pages = (window.load_page, window.map_page, window.protect_page, window.check_page)
        shown = _visible_texts(pages)
        built = _core_texts([session.suggestions, session.identifications, session.notes, session.loaded.warnings,
                             window.session.validation])
        built.append(window.session.validation.summary())

        # Every template the core used is in the translation, translated (an unmarked one would not be).
        french = _french_translations()
        templates = {t.template for t in built if t.parts is None}
        assert len(templates) > 25
        assert not [t for t in templates if not french.get(t)]

        # No English the core built is on screen, and no English words at all in the pages' texts.
        everything = "\n".join(shown)
        english = {str(t) for t in built if len(str(t)) > 12}
        assert len(english) > 30
        assert not [e for e in english if e in everything]
        assert not [t for t in shown if ENGLISH_WORDS.search(t)]

        # What the pages show is the French of what the core said.
        reasons = [window.map_page.columns_table.item(r, 5).text() for r in range(window.map_page.columns_table.rowCount())]
        best = {s.name: s.best for s in session.suggestions}
        names = [window.map_page.columns_table.item(r, 0).text() for r in range(len(reasons))]
        assert reasons == [i18n.core_text(best[n].reason) if best[n] else "" for n in names]
        assert any("des valeurs" in r and "\u00a0%" in r for r in reasons)
        assert "lignes vérifiées" in window.check_page.status.text()
        assert any(t.startswith("Trouvé : ") and " : niveau " in t for t in shown)
        types = {window.load_page.profile_table.item(r, 1).text() for r in range(window.load_page.profile_table.rowCount())}
        assert {"entier", "date"} <= types and not types & {"integer", "decimal", "text"}
        evidence = [e for i in session.identifications for e in i.evidence]
        assert any("valeurs échantillonnées" in i18n.core_text(e) and "\u202f" in i18n.core_text(e) for e in evidence)

        # Weights mapped to birth years break the range rule: the findings and the blocker read in French too.
        before = window.session.validation
        window.map_page.choose_concept("Poids (kg)", "birth_year")
        assert session.recipe.column("Poids (kg)").concept == "birth_year"
        window.check_page.run_checks()
        qtbot.waitUntil(lambda: window.session.validation is not before and not window.runner.running(),
                        timeout=120_000)
        report = window.session.validation
        assert report.unresolved
        found = _core_texts(report) + [report.summary()]
        shown = _visible_texts([window.check_page, window.map_page])
        blockers = [window.check_page.blockers_list.item(i).text() for i in range(window.check_page.blockers_list.count())]
        assert any("colonne « Poids (kg) » : " in b and "hors de l'intervalle autorisé" in b for b in blockers)
        assert not [str(t) for t in found if len(str(t)) > 12 and str(t) in "\n".join(shown)]
        assert not [t for t in shown if ENGLISH_WORDS.search(t)]
        built += found
    finally:
        window.close_without_asking()
        autosave_path().unlink(missing_ok=True)
        i18n.install("en")
    # In English the templates give back exactly what the core wrote (CLI, JSON and reports use that).
    assert all(i18n.core_text(t) == str(t) for t in built)


def test_a_core_text_is_plain_english_to_everything_else():
    import copy
    import json
    import pickle

    from curator.messages import QT_TRANSLATE_NOOP, Label, Text, word

    inner = word(QT_TRANSLATE_NOOP("core", "integer"))
    text = Text(QT_TRANSLATE_NOOP("core", "{pct}% of values are {what} ({concept})"), pct=45, what=inner,
                concept=Label("Postcode", fr="Code postal"))
    joined = Text.joined("; ", [text, "plain"])
    assert text == "45% of values are integer (Postcode)" and json.dumps([joined]) == json.dumps([str(joined)])
    for copied in (copy.deepcopy(joined), pickle.loads(pickle.dumps(joined))):
        assert copied == joined and isinstance(copied.parts[0], Text)
        assert copied.parts[0].params["what"].template == "integer"
        assert copied.parts[0].params["concept"].in_language("fr") == "Code postal"


def test_an_error_from_the_core_reads_in_french_and_stays_english_for_the_command_line(qapp, tmp_path):
    import pytest

    from curator.errors import CuratorError, InputError, Location
    from curator.load import read_file
    from ui.dialogs import error_texts

    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    with pytest.raises(CuratorError) as caught:
        read_file(empty)
    located = InputError("x", Location(file="f.xlsx", sheet="Données", line=3))
    _build_qm()
    assert i18n.install("fr")
    try:
        what, todo = error_texts(caught.value)
        assert what.endswith(" : Le fichier est vide (0 octet).") and todo.startswith("Exportez à nouveau les données")
        assert error_texts(located)[0] == "f.xlsx, feuille « Données », ligne 3 : x"
    finally:
        i18n.install("en")
    assert str(caught.value).endswith(": The file is empty (0 bytes).\nExport the data again from the source system "
                                      "and check the export finished.")
    assert error_texts(located)[0] == "f.xlsx, sheet 'Données', line 3: x"


# --- progress details and load errors -------------------------------------------------------------

def _french_window():
    from ui.main_window import MainWindow
    from ui.session import Session

    _build_qm()
    assert i18n.install("fr")
    window = MainWindow(Session())
    window.show()
    return window


def _close(window) -> None:
    from ui.main_window import autosave_path

    window.close_without_asking()
    autosave_path().unlink(missing_ok=True)
    i18n.install("en")


def test_the_status_bar_shows_the_core_progress_details_in_french(qtbot, tmp_path, monkeypatch):
    """A real load and analysis on worker threads: what the status bar shows while they run is the
    French of the core's progress details (they cross a Qt signal), with French number marks, and
    no detail the core reported was left out for want of a translation."""
    import ui.workers
    from tests.ui.conftest import write_cp1252_csv
    from ui.qt import QLocale

    reported: list[tuple[str, str]] = []

    def recording(message):
        detail = i18n.progress_detail(message)
        reported.append((str(message), detail))
        return detail

    monkeypatch.setattr(ui.workers, "progress_detail", recording)

    rows = [["nom", "code", "ville"]] + [[f"Hélène {i}", f"{i:05d}", "Besançon"] for i in range(2000)]
    path = write_cp1252_csv(tmp_path / "patients.csv", rows)
    window = _french_window()
    shown: list[str] = []
    # Connected after the window's own slot: the label is already set when this one reads it.
    window.runner.started.connect(
        lambda task: task.signals.progress.connect(lambda *_: shown.append(window.progress_label.text())))
    try:
        with qtbot.waitSignal(window.loadFinished, timeout=60_000) as blocker:
            window.open_file(path)
        assert blocker.args == [True]
        qtbot.waitUntil(lambda: not window.runner.running(), timeout=60_000)
        group = QLocale().groupSeparator()
        assert f"Lecture de patients.csv… 2{group}000 lignes lues" in shown
        assert any(t.endswith("Recherche de données identifiantes : colonne « ville »") for t in shown), shown
        assert any(t.endswith("suggestion de concepts pour « ville »") for t in shown), "\n".join(shown)
        english = re.compile(r"\b(Read|Reading|rows|Looking|column|suggesting|done|ready)\b")
        assert not [t for t in shown if english.search(t)]
        assert len([m for m, _ in reported if m]) > 10
        assert not [m for m, detail in reported if m and not detail]
    finally:
        _close(window)


def test_a_ragged_csv_opened_in_the_french_app_is_explained_in_french(qtbot, tmp_path):
    """The real load path on a file with short and long rows: the error dialog says what and where in
    French, line by line; the command line keeps the same error in English."""
    import pytest

    from curator.errors import CuratorError
    from curator.load import read_file
    from ui.qt import QMessageBox

    path = tmp_path / "registre.csv"
    path.write_bytes("nom;code;ville\nHélène;01000;Besançon\nJosé;2A\nLéa;75;Paris;extra\n".encode())
    window = _french_window()
    try:
        with qtbot.waitSignal(window.loadFinished, timeout=60_000) as blocker:
            window.open_file(path)
        assert blocker.args == [False]
        qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=10_000)
        box = window.findChildren(QMessageBox)[-1]
        what, todo = box.text(), box.informativeText()
        assert box.windowTitle() == "Impossible de lire registre.csv"
        assert what.startswith(f"{path}, ligne 3 : 2 ligne(s) n'ont pas les 3 champs de l'en-tête ; rien n'a été chargé")
        assert "  - ligne 3 : 2 champs au lieu de 3 : José;2A" in what
        assert "  - ligne 4 : 4 champs au lieu de 3 : Léa;75;Paris;extra" in what
        assert todo == ("Une valeur contient sans doute le séparateur « ; » sans guillemets, ou une ligne a été "
                        "coupée. Corrigez ces lignes dans le système source ou dans un éditeur de texte, puis "
                        "chargez à nouveau le fichier.")
        assert not re.search(r"\b(rows?|fields|line|header|separator|Fix)\b", what + todo)
        box.close()
    finally:
        _close(window)
    with pytest.raises(CuratorError) as caught:
        read_file(path)
    assert str(caught.value) == (
        f"{path}, line 3: 2 row(s) do not have the 3 fields of the header; nothing was loaded, so that no row is "
        "silently lost or shifted.\n  - line 3: 2 fields instead of 3: José;2A\n"
        "  - line 4: 4 fields instead of 3: Léa;75;Paris;extra\n"
        "A value probably contains the separator ';' without quotes, or a line was cut. Fix those lines in the "
        "source system or a text editor, then load the file again.")


def test_a_broken_project_and_bad_protection_inputs_are_explained_in_french(qtbot, tmp_path):
    """A project file from a newer curator opened in the French app, and a hierarchy file and a
    recipe with a duplicate output name as the core reports them: French in the dialog, English
    (unchanged) for the command line."""
    import pyarrow as pa
    import pytest

    from curator.errors import CuratorError
    from curator.protect.hierarchy import read_arx_csv
    from curator.protect.transforms import protect_table
    from curator.recipe.model import RECIPE_VERSION, ColumnDecision, Transform
    from ui.dialogs import error_texts
    from ui.qt import QMessageBox

    project = tmp_path / "registre.curator.json"
    project.write_text('{"format": "curator-recipe", "version": 99}', encoding="utf-8")
    hierarchy = tmp_path / "age.csv"
    hierarchy.write_text("34;30-39;*\n35;30-39\n", encoding="utf-8")
    errors = []
    for attempt in (lambda: read_arx_csv(hierarchy),
                    lambda: protect_table(pa.table({"a": ["1"], "b": ["2"]}),
                                          [ColumnDecision(source="a", output_name="x", transform=Transform("keep")),
                                           ColumnDecision(source="b", output_name="x", transform=Transform("keep"))],
                                          None)):
        with pytest.raises(CuratorError) as caught:
            attempt()
        errors.append(caught.value)
    window = _french_window()
    try:
        window.open_project(project)
        box = window.findChildren(QMessageBox)[-1]
        assert box.text() == (f"{project} : cette recette a été écrite par un curator plus récent (version de format "
                              f"99 ; ce curator lit jusqu'à la version {RECIPE_VERSION})")
        assert box.informativeText().startswith("Mettez à jour curator sur ce poste")
        box.close()
        assert error_texts(errors[0]) == (
            f"{hierarchy}, ligne 2 : la ligne 2 a 2 niveaux alors que la première ligne en a 3",
            "Chaque ligne doit contenir la valeur d'origine et le même nombre de niveaux.")
        assert error_texts(errors[1])[0] == ("colonne « b » : deux colonnes seraient exportées sous le même nom « x » : "
                                             "« a » et « b »")
    finally:
        _close(window)
    assert str(errors[0]) == (f"{hierarchy}, line 2: line 2 has 2 levels where the first line has 3\n"
                              "Every line needs the original value and the same number of levels.")
    assert str(errors[1]).startswith("column 'b': two columns would both be exported as 'x': 'a' and 'b'")


def test_a_package_that_fails_verification_reads_in_french(qapp, tmp_path):
    """The verdict the Export page shows when a package does not verify: the core's problems in French."""
    from curator.package.keys import load_signer, new_signing_key
    from curator.package.verify import verify_package

    _secret, public = new_signing_key(tmp_path / "producteur", None)
    truncated = tmp_path / "envoi.tar"
    truncated.write_bytes(b"manifest.json" + b"\0" * 300)
    verdict = verify_package(truncated, load_signer(public))
    assert not verdict.ok and len(verdict.problems) == 1
    english = verdict.problems[0]
    assert english.startswith("the package is not a sound archive: ")
    _build_qm()
    assert i18n.install("fr")
    try:
        french = i18n.core_text(english)
    finally:
        i18n.install("en")
    assert french == "le paquet n'est pas une archive saine : " + english.params["reason"]


def test_tooltips_undo_labels_dialogs_and_the_guide_speak_french(qtbot, tmp_path):
    """Beyond the pages' labels: every tooltip of every widget and action, the undo labels, the
    code picker, the replace-the-package question and the guide, with the demo mapped and protected."""
    from ui.main_window import autosave_path
    from ui.qt import QAction, QWidget

    window = _french_window_on_the_demo(qtbot)
    try:
        qtbot.waitUntil(lambda: not window.runner.running() and window.session.suggestions is not None,
                        timeout=120_000)
        window.map_page.accept_all()
        texts = [window.undo_actions.undo_action.text()]
        assert texts[0] == "&Annuler : accepter toutes les suggestions"
        for step in range(5):
            window.go_to(step)
            qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
        texts += [w.toolTip() for w in window.findChildren(QWidget)]
        notes = _visible_texts([window.check_page])
        assert any("JJ/MM/AAAA" in t for t in notes), notes      # format names in French
        texts += notes
        texts += [a.toolTip() for a in window.findChildren(QAction)] + [a.text() for a in window.findChildren(QAction)]
        coded = next(c for c in window.session.recipe.columns if c.code_review)
        window.go_to(1)
        from tests.ui.test_map_codes import _select_column
        _select_column(window.map_page, coded.source)
        picker = window.map_page.edit_code(window.map_page._code_value(0))
        texts += [picker.windowTitle(), picker.filter_edit.placeholderText()]
        texts += [b.text() for b in picker.findChildren(QPushButton)]
        picker.reject()
        guide = window.show_guide()
        texts.append(window.guide_browser.toPlainText())
        guide.close()
        shown = [t for t in texts if t]
        english = [t for t in shown if ENGLISH_WORDS.search(t.replace("&", "")) or MORE_ENGLISH.search(t)]
        assert not english, english
    finally:
        window.close_without_asking()
        autosave_path().unlink(missing_ok=True)
        i18n.install("en")


def test_the_package_carries_the_report_in_the_interface_language_or_both(qtbot, tmp_path):
    """Written from the French window with "both": curation-report.html is French, and the English one rides along."""
    from curator.package.keys import load_identity, load_signer, new_recipient_key, new_signing_key
    from curator.package.unpack import open_package
    from tests.ui.conftest import load, write_cp1252_csv
    from ui.main_window import MainWindow, autosave_path
    from ui.session import Session

    new_recipient_key(tmp_path / "hub", None)
    new_signing_key(tmp_path / "producer", None)
    path = write_cp1252_csv(tmp_path / "mesures.csv", [["taille", "poids"]] + [[str(150 + i % 40), str(50 + i % 30)]
                                                                                for i in range(40)])
    _build_qm()
    assert i18n.install("fr")
    window = MainWindow(Session())
    window.show()
    try:
        assert load(qtbot, window, path)
        qtbot.waitUntil(lambda: not window.runner.running() and window.session.suggestions is not None,
                        timeout=120_000)
        window.map_page.accept_all()
        window.go_to(4)
        page = window.export_page
        page.recipients_edit.setPlainText((tmp_path / "hub.pub").read_text(encoding="utf-8").strip())
        page.signing_edit.setText(str(tmp_path / "producer.key"))
        for field, value in (("producer_id", "REG-38"), ("producer_name", "Registre"), ("dataset_title", "Mesures")):
            page.metadata_edits[field].setText(value)
            page._metadata_edited(field)
        page.report_language.setCurrentIndex(page.report_language.findData("both"))
        qtbot.waitUntil(lambda: page.export_button.isEnabled() and not window.runner.running(), timeout=120_000)
        page.export()
        qtbot.waitUntil(lambda: page.last_result is not None and not window.runner.running(), timeout=120_000)
        assert page.last_result.ok, page.result_label.text()
    finally:
        window.close_without_asking()
        autosave_path().unlink(missing_ok=True)
        i18n.install("en")
    opened = tmp_path / "opened"
    open_package(tmp_path / "mesures-submission.tar", load_identity(tmp_path / "hub.key", None),
                 load_signer(tmp_path / "producer.pub"), opened)
    french = (opened / "curation-report.html").read_text(encoding="utf-8")
    english = (opened / "curation-report-en.html").read_text(encoding="utf-8")
    assert "<html lang='fr'>" in french and "Rapport de curation" in french and "Curation report" not in french
    assert "<html lang='en'>" in english and "Curation report" in english
    assert french == page.last_result.report_html
    words = re.sub(r"<(style|script)[^>]*>.*?</\1>|<[^>]+>", " ", french, flags=re.S)
    assert not ENGLISH_WORDS.findall(words), ENGLISH_WORDS.findall(words)


def test_a_linked_submission_reads_in_french(qtbot):
    """The Load step's links and their reasons, the Check step's findings across the tables and the
    Protect step's figures in persons: French, with no English the core built on screen."""
    from tests.conftest import SHARED_DATA
    from tests.ui.test_submission import TABLES, load_submission

    window = _french_window()
    try:
        load_submission(qtbot, window, [SHARED_DATA / "synthea" / f"{name}.csv" for name in TABLES])
        for index in range(3):
            window.session.select_table(index)
            qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
            window.map_page.accept_all()
        window.session.select_table(0)
        for step in (0, 2, 3):
            window.go_to(step)
            qtbot.waitUntil(lambda: not window.runner.running(), timeout=120_000)
        pages = (window.load_page, window.protect_page, window.check_page)
        shown = _visible_texts(pages)
        links = [window.load_page.links_list.item(i).text() for i in range(window.load_page.links_list.count())]
        assert len(links) == 3 and all("valeurs distinctes sont toutes des valeurs de" in t for t in links), links
        across = [window.check_page.across_list.item(i).text() for i in range(window.check_page.across_list.count())]
        assert any("compté en personnes : 27 personnes" in t for t in across), across
        assert window.protect_page.persons_box.title() == "Entre les tables, en personnes"
        view = window.session.submission_view
        built = _core_texts(view) + _core_texts([window.session.linking.links, window.session.linking.reasons])
        english = {str(t) for t in built if len(str(t)) > 12}
        assert english and not [e for e in english if any(e in text for text in shown)]
        assert not [t for t in links + across if ENGLISH_WORDS.search(t.split(" — ")[-1])]
    finally:
        _close(window)
