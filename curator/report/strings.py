"""Every word the curation report prints, in English and French, in one place.

The report is rendered in one language (the app's, or the one the command line was asked for).
A string is a ``str.format`` template; its placeholders are the same in every language, which a
test checks, so a translator can reorder words but cannot lose a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from curator.check.report import RULE_TEXT

LANGUAGES = ("en", "fr")

EN: dict[str, str] = {
    "title": "Curation report",
    "made_by": "Made with curator {version} on {date} for {producer}.",
    "made_by_dataset": "Made with curator {version} on {date} for {producer} — {dataset}.",
    "unnamed_producer": "an unnamed producer",
    "no_personal_data": "This report holds no personal data: column names, decisions, counts and risk figures only, "
                        "never a value of the data.",
    "contents": "Contents",
    # headline
    "at_a_glance": "At a glance",
    "glance_rows": "rows read",
    "glance_rows_out": "rows exported",
    "glance_columns": "columns exported",
    "glance_dropped": "columns not exported",
    "glance_pseudonymised": "columns pseudonymised",
    "glance_generalised": "columns coarsened",
    "glance_issues": "validation rules broken",
    "glance_at_risk": "records in classes smaller than k = {k}",
    "glance_at_risk_in_persons": "persons in classes smaller than k = {k}",
    # source
    "source": "Source file",
    "file": "file",
    "format": "format",
    "size": "size",
    "sha256": "SHA-256",
    "rows": "rows",
    "columns": "columns",
    "sheet": "sheet",
    "read_with": "read with",
    "bytes": "{size} bytes",
    "opt_encoding": "encoding {value}",
    "opt_delimiter": "separator {value}",
    "opt_header_row": "header on line {value}",
    "opt_decimal": "decimal mark {value}",
    "opt_thousands": "thousands separator {value}",
    "opt_sheet": "sheet {value}",
    "quoted": "“{value}”",
    "tab": "tab",
    "space": "space",
    "load_warnings": "Remarks made while reading: {count}.",
    "streamed": "The file was processed in batches: figures that need the whole source in memory are not given.",
    # drift (a recipe applied to a new file)
    "drift": "Differences from the file the recipe was made on",
    "drift_file": "File read: {file}",
    "drift_none": "None: the file has the columns, types and code values the recipe was made on.",
    "drift_what": "difference",
    "drift_detail": "detail",
    "drift_renamed": "renamed",
    "drift_was": "was “{old}” ({reason})",
    "drift_missing": "missing",
    "drift_new": "new column",
    "drift_type": "type changed",
    "drift_codes": "values with no mapping",
    "drift_more": "and {count} more",
    "drift_note": "note",
    "drift_skipped": "skipped",
    "drift_values_warning": "The values with no mapping are quoted as the file holds them: a column shifted in "
                            "the export can put names or identifiers here. They travel only inside the encrypted "
                            "package, never in its clear manifest.",
    # mapping
    "mapping": "Columns: mapping and protection",
    "vocabulary": "Vocabulary {id} version {version}.",
    "col_source": "source column",
    "col_concept": "concept",
    "col_label": "meaning",
    "col_score": "match score",
    "col_class": "identification",
    "col_action": "what was done",
    "col_codes": "code values mapped",
    "col_output": "exported as",
    "unmapped": "(not mapped)",
    "not_exported": "(not exported)",
    "score_chosen": "chosen by hand",
    "score_none": "—",
    "class_direct": "direct identifier",
    "class_quasi": "quasi-identifier",
    "class_sensitive": "sensitive",
    "class_none": "not identifying",
    "class_unknown": "?",
    "overridden": "{klass} (set by the user)",
    "score_help": "The match score is how well the column's header and values fit the concept (100% = certain), "
                  "as the suggestion computed it; a concept chosen by hand has none.",
    "dropped_unmapped": "Columns not in the recipe, and therefore not exported: {columns}.",
    "kept_direct_title": "Identifying columns exported as they are.",
    "kept_direct": "These columns identify a person directly and were exported unchanged by the producer's explicit, "
                   "confirmed choice: {columns}. The manifest records this choice.",
    # transforms
    "transforms": "Transforms",
    "transforms_intro": "Every action other than keeping a column as it is, with its parameters.",
    "no_transforms": "Every exported column is kept as it is.",
    "act_keep": "kept as it is",
    "act_keep_direct": "kept as it is although it identifies a person (explicitly confirmed)",
    "act_drop": "not exported",
    "act_pseudonymise": "replaced by a pseudonym (HMAC-SHA-256 under the producer's secret; normalised as {kind})",
    "kind_nir": "a NIR",
    "kind_name": "a name",
    "kind_generic": "text",
    "act_generalise_year": "reduced to the year",
    "act_generalise_year_month": "reduced to the year and month",
    "act_generalise_quarter": "reduced to the year and quarter",
    "act_generalise_department": "reduced to the département",
    "act_generalise_region": "reduced to the region",
    "act_generalise_other": "generalised to {to}",
    "act_date_shift": "dates shifted by a per-person offset of at most ±{max_days} days (person: {person})",
    "act_age_at": "replaced by the age at {reference}",
    "act_band_width": "grouped into bands {width} wide",
    "act_band_edges": "grouped into bands with limits {edges}",
    "act_top_code": "values above {max} replaced by {max}",
    "act_bottom_code": "values below {min} replaced by {min}",
    "act_top_bottom_code": "values outside {min}–{max} replaced by the nearest limit",
    "act_hierarchy": "generalised through the hierarchy {hierarchy} to level {level}",
    "act_rare_to_other": "categories with fewer than {threshold} records replaced by “{other}”",
    "act_rare_to_empty": "categories with fewer than {threshold} records emptied",
    "act_scrub": "free text scrubbed of what the detectors find (names, numbers, phones, e-mails, addresses, dates)",
    "act_time_kept": "; the time of day kept",
    "act_other": "{action}",
    "params": "parameters: {params}",
    # validation
    "validation": "Validation",
    "validation_none": "{rows} rows checked: no rule was broken.",
    "validation_summary": "{rows} rows checked: {rules} rule(s) broken by {values} value(s); {unresolved} still "
                          "without a decision; {excluded} row(s) excluded.",
    "val_column": "column",
    "val_concept": "concept",
    "val_rule": "rule",
    "val_expected": "expected",
    "val_count": "offending rows",
    "val_decision": "decision",
    "val_resolved": "settled",
    "dec_empty": "emptied",
    "dec_exclude_row": "rows excluded",
    "dec_keep": "kept as written",
    "dec_none": "no decision",
    "dec_per_value": "decided value by value ({decided} of {count} rows)",
    "yes": "yes",
    "no": "no",
    "conversions": "Conversions made",
    "conversion": "conversion",
    "note_nir": "spaces, dots and dashes removed from {count} NIR(s)",
    "note_codes": "{count} distinct value(s) recoded with the code map",
    "note_dates": "dates read as {formats}",
    "note_decimal": "decimal comma read as a decimal point",
    "note_time_dropped": "the date part was kept: the time of day of {count} values was dropped",
    "validation_detail_note": "The rows concerned are listed in validation-report.csv beside this report.",
    "rules_off": "Coherence rules switched off",
    "rule_off_reason": "reason given",
    "dec_keep_reason": "kept: {reason}",
    "all_columns": "all columns",
    "repeated_keys": "{keys} repeated key(s)",
    # risk
    "risk": "Re-identification risk",
    "risk_none": "No quasi-identifier was chosen: the re-identification risk was not measured.",
    "risk_intro": "Records that share the same values of the quasi-identifiers ({quasi}) form a class; the smaller "
                  "a record's class, the easier it is to single out (prosecutor model, as in ARX).",
    "fig": "figure",
    "before": "source",
    "after": "exported",
    "risk_records": "records",
    "risk_classes": "classes",
    "risk_uniques": "records alone in their class (sample uniques)",
    "risk_smallest": "smallest class",
    "risk_average": "average risk",
    "risk_highest": "highest risk",
    "risk_k": "k target",
    "risk_below_k": "records in classes smaller than k",
    "risk_classes_below_k": "classes smaller than k",
    "risk_persons": "persons (counted once, whatever their rows)",
    "risk_intro_in_persons": "Persons who share the same values of the quasi-identifiers ({quasi}) form a class, each "
                          "person counted once whatever their rows; the smaller a person's class, the easier the "
                          "person is to single out (prosecutor model, as in ARX).",
    "risk_uniques_in_persons": "persons alone in their class (sample uniques)",
    "risk_below_k_in_persons": "persons in classes smaller than k",
    "k_reached_in_persons": "k = {k} is reached: every person is in a class of at least {k} persons.",
    "k_not_reached_in_persons": "k = {k} is not reached: {records} person(s) ({share}) are in classes smaller than {k}.",
    "chart_sizes_desc_in_persons": "Number of persons by size of their class.",
    "chart_at_risk_in_persons": "Persons at risk",
    "chart_at_risk_desc_in_persons": "Persons in classes smaller than k = {k} and the others.",
    "band_records_in_persons": "persons",
    "k_accepted": "The producer accepted a package below k = {k}, for this reason: {reason}",
    "risk_l": "l-diversity of {column} (fewest distinct values in a class)",
    "risk_l_one": "records whose class shares one {column} value",
    "k_reached": "k = {k} is reached: every record is in a class of at least {k}.",
    "k_not_reached": "k = {k} is not reached: {records} record(s) ({share}) are in classes smaller than {k}.",
    "k_none": "No k target was set.",
    "chart_sizes": "Class sizes",
    "chart_sizes_desc": "Number of records by size of their class.",
    "chart_at_risk": "Records at risk",
    "chart_at_risk_desc": "Records in classes smaller than k = {k} and the others.",
    "records_at_risk": "in classes < {k}",
    "records_safe": "in classes ≥ {k}",
    "size_band": "class size",
    "band_classes": "classes",
    "band_records": "records",
    "before_note": "“source” is the file as read (before any transform), “exported” the data in the package.",
    # generalisation
    "generalisation": "Generalisation and what it cost",
    "gen_levels": "Generalisation levels reached (found by “reach k” or set by hand): {levels}.",
    "gen_none": "No hierarchy level was chosen by “reach k”.",
    "gen_suppressed": "{records} records were still in groups smaller than k = {k} after generalisation: "
                      "their quasi-identifiers were suppressed (replaced by *).",
    "gen_cells": "{cells} quasi-identifier cells were suppressed (replaced by *) in {records} records, "
                 "{whole} of them on every quasi-identifier, so that each class holds at least k = {k} records "
                 "(a * counts as a value of its own).",
    "util_title": "What each quasi-identifier keeps",
    "util_level": "Reach k level",
    "util_requested": "at the requested precision",
    "util_coarser": "coarser",
    "util_suppressed": "suppressed",
    "util_loss_title": "Information loss (ARX's measures; 0 = as requested, 100 % = everything suppressed)",
    "util_measure": "measure",
    "util_before": "before Reach k",
    "util_after": "after Reach k",
    "util_entropy": "non-uniform entropy",
    "util_precision": "precision",
    "util_discernibility": "discernibility",
    "util_histogram": "{column}: values before and after Reach k",
    "util_histogram_desc": "Records per released value (the most frequent {bins}), before and after suppression; * counts the suppressed cells.",
    "reach_as_is": "Reach k: as requested",
    "reach_level": "Reach k: level {level} (such as {example})",
    "reach_cells": "{cells} cells suppressed",
    "gen_column": "column",
    "gen_how": "how",
    "gen_distinct_before": "distinct values in the source",
    "gen_distinct_after": "distinct values exported",
    "gen_kept_detail": "detail kept",
    "gen_excluded": "Rows excluded by validation decisions: {rows}.",
    "gen_note": "“Detail kept” is the number of distinct values exported divided by the number in the source: the "
                "lower it is, the coarser the column became. A shaded row is a quasi-identifier exported as it is.",
    "gen_empty": "No quasi-identifier was coarsened.",
    # output
    "output": "Exported data",
    "output_summary": "{rows} rows × {columns} columns in {member}.",
    "out_column": "column",
    "out_type": "type",
    "out_from": "from source column",
    "type_string": "text",
    "type_date": "date",
    "type_int": "whole number",
    "type_float": "number",
    "type_bool": "yes/no",
    # a linked submission: its overview, then each table's report
    "title_tables": "{title} ({count} tables)",
    "submission": "Submission",
    "sub_intro": "{tables} tables, {links} link(s), one package and one submission id.",
    "sub_table": "table",
    "sub_rows": "rows exported",
    "sub_columns": "columns exported",
    "sub_primary_key": "primary key",
    "sub_person_key": "person key",
    "sub_validation": "validation",
    "sub_links_note": "Each link names a column of one table and the key of the table it points at; an orphan row "
                      "points at no row of that table.",
    "sub_from": "column",
    "sub_to": "points at",
    "sub_orphans": "orphan rows",
    "glance_table_rows": "{table}: rows exported",
    "glance_across": "{unit} across the tables",
    "glance_across_below": "{unit} in classes smaller than k = {k}",
    "unit_persons": "persons",
    "unit_records": "records",
    "across": "Risk across the tables",
    "across_persons": "Across the tables, counted in persons: {records} persons in {classes} classes; persons alone "
                      "in their class (sample uniques): {uniques}; smallest class: {smallest} persons. A person's "
                      "quasi-identifiers ({quasi}) are gathered from every table; a person with many rows counts once.",
    "across_records": "Across the tables, counted in records: {records} records in {classes} classes; records alone "
                      "in their class (sample uniques): {uniques}; smallest class: {smallest} records. "
                      "Quasi-identifiers: {quasi}.",
    "across_k_reached": "k = {k} is reached across the tables: every class holds at least {k} {unit}.",
    "across_k_not_reached": "k = {k} is not reached across the tables: {below} {unit} ({share}) are in classes "
                            "smaller than {k}.",
    "across_reach": "Reach k across the tables (k = {k} {unit}):",
    "across_cells": "quasi-identifier cells suppressed (replaced by *) on every row holding them",
    "across_touched": "persons whose cells were suppressed",
    "across_whole": "persons suppressed whole (their rows left every table)",
    "table_section": "{table}: {title}",
    "list_separator": "; ",
    "risk_across_only": "None of this table's columns is counted as a quasi-identifier in the risk measure: the "
                        "risk is counted across the tables, in the “Submission” section.",
    # xlsx
    "sheet_summary": "Summary",
    "sheet_columns": "Columns",
    "sheet_validation": "Validation",
    "sheet_risk": "Risk",
    "sheet_generalisation": "Generalisation",
    "sheet_output": "Output",
}

FR: dict[str, str] = {
    "title": "Rapport de curation",
    "made_by": "Établi avec curator {version} le {date} pour {producer}.",
    "made_by_dataset": "Établi avec curator {version} le {date} pour {producer} — {dataset}.",
    "unnamed_producer": "un producteur non nommé",
    "no_personal_data": "Ce rapport ne contient aucune donnée personnelle : noms de colonnes, décisions, effectifs et "
                        "mesures de risque seulement, jamais une valeur des données.",
    "contents": "Sommaire",
    "at_a_glance": "En bref",
    "glance_rows": "lignes lues",
    "glance_rows_out": "lignes exportées",
    "glance_columns": "colonnes exportées",
    "glance_dropped": "colonnes non exportées",
    "glance_pseudonymised": "colonnes pseudonymisées",
    "glance_generalised": "colonnes agrégées",
    "glance_issues": "règles de validation enfreintes",
    "glance_at_risk": "enregistrements dans des classes de moins de k = {k}",
    "glance_at_risk_in_persons": "personnes dans des classes de moins de k = {k}",
    "source": "Fichier source",
    "file": "fichier",
    "format": "format",
    "size": "taille",
    "sha256": "SHA-256",
    "rows": "lignes",
    "columns": "colonnes",
    "sheet": "feuille",
    "read_with": "lu avec",
    "bytes": "{size} octets",
    "opt_encoding": "encodage {value}",
    "opt_delimiter": "séparateur {value}",
    "opt_header_row": "en-tête ligne {value}",
    "opt_decimal": "séparateur décimal {value}",
    "opt_thousands": "séparateur de milliers {value}",
    "opt_sheet": "feuille {value}",
    "quoted": "« {value} »",
    "tab": "tabulation",
    "space": "espace",
    "load_warnings": "Remarques faites à la lecture : {count}.",
    "streamed": "Le fichier a été traité par lots : les mesures qui demandent toute la source en mémoire ne sont pas "
                "données.",
    # drift (a recipe applied to a new file)
    "drift": "Différences avec le fichier sur lequel la recette a été faite",
    "drift_file": "Fichier lu : {file}",
    "drift_none": "Aucune : le fichier a les colonnes, les types et les codes sur lesquels la recette a été faite.",
    "drift_what": "différence",
    "drift_detail": "détail",
    "drift_renamed": "renommée",
    "drift_was": "s’appelait « {old} » ({reason})",
    "drift_missing": "absente",
    "drift_new": "nouvelle colonne",
    "drift_type": "type changé",
    "drift_codes": "valeurs sans correspondance",
    "drift_more": "et {count} de plus",
    "drift_note": "remarque",
    "drift_skipped": "ignoré",
    "drift_values_warning": "Les valeurs sans correspondance sont citées telles que le fichier les contient : une "
                            "colonne décalée à l’export peut y mettre des noms ou des identifiants. Elles ne "
                            "voyagent que dans le paquet chiffré, jamais dans son manifeste en clair.",
    "mapping": "Colonnes : correspondance et protection",
    "vocabulary": "Vocabulaire {id} version {version}.",
    "col_source": "colonne source",
    "col_concept": "concept",
    "col_label": "signification",
    "col_score": "score",
    "col_class": "identification",
    "col_action": "traitement",
    "col_codes": "valeurs de code transcodées",
    "col_output": "exportée sous le nom",
    "unmapped": "(sans correspondance)",
    "not_exported": "(non exportée)",
    "score_chosen": "choisi à la main",
    "score_none": "—",
    "class_direct": "identifiant direct",
    "class_quasi": "quasi-identifiant",
    "class_sensitive": "sensible",
    "class_none": "non identifiant",
    "class_unknown": "?",
    "overridden": "{klass} (fixé par l'utilisateur)",
    "score_help": "Le score dit à quel point l'en-tête et les valeurs de la colonne correspondent au concept "
                  "(100 % = certain), selon la suggestion calculée ; un concept choisi à la main n'en a pas.",
    "dropped_unmapped": "Colonnes absentes de la recette, donc non exportées : {columns}.",
    "kept_direct_title": "Colonnes identifiantes exportées telles quelles.",
    "kept_direct": "Ces colonnes identifient directement une personne et ont été exportées sans changement par le "
                   "choix explicite et confirmé du producteur : {columns}. Le manifeste enregistre ce choix.",
    "transforms": "Transformations",
    "transforms_intro": "Chaque traitement autre que la conservation telle quelle, avec ses paramètres.",
    "no_transforms": "Toutes les colonnes exportées sont conservées telles quelles.",
    "act_keep": "conservée telle quelle",
    "act_keep_direct": "conservée telle quelle bien qu'identifiante (choix confirmé explicitement)",
    "act_time_kept": " ; l'heure conservée",
    "act_drop": "non exportée",
    "act_pseudonymise": "remplacée par un pseudonyme (HMAC-SHA-256 sous le secret du producteur ; normalisée comme "
                        "{kind})",
    "kind_nir": "un NIR",
    "kind_name": "un nom",
    "kind_generic": "du texte",
    "act_generalise_year": "réduite à l'année",
    "act_generalise_year_month": "réduite à l'année et au mois",
    "act_generalise_quarter": "réduite à l'année et au trimestre",
    "act_generalise_department": "réduite au département",
    "act_generalise_region": "réduite à la région",
    "act_generalise_other": "généralisée en {to}",
    "act_date_shift": "dates décalées d'un écart propre à chaque personne, d'au plus ±{max_days} jours "
                      "(personne : {person})",
    "act_age_at": "remplacée par l'âge au {reference}",
    "act_band_width": "regroupée en tranches de {width}",
    "act_band_edges": "regroupée en tranches de bornes {edges}",
    "act_top_code": "valeurs au-dessus de {max} remplacées par {max}",
    "act_bottom_code": "valeurs au-dessous de {min} remplacées par {min}",
    "act_top_bottom_code": "valeurs hors de {min}–{max} remplacées par la borne la plus proche",
    "act_hierarchy": "généralisée par la hiérarchie {hierarchy} au niveau {level}",
    "act_rare_to_other": "modalités de moins de {threshold} enregistrements remplacées par « {other} »",
    "act_rare_to_empty": "modalités de moins de {threshold} enregistrements vidées",
    "act_scrub": "texte libre expurgé de ce que les détecteurs trouvent (noms, numéros, téléphones, courriels, "
                 "adresses, dates)",
    "act_other": "{action}",
    "params": "paramètres : {params}",
    "validation": "Validation",
    "validation_none": "{rows} lignes vérifiées : aucune règle enfreinte.",
    "validation_summary": "{rows} lignes vérifiées : {rules} règle(s) enfreinte(s) par {values} valeur(s) ; "
                          "{unresolved} encore sans décision ; {excluded} ligne(s) exclue(s).",
    "val_column": "colonne",
    "val_concept": "concept",
    "val_rule": "règle",
    "val_expected": "attendu",
    "val_count": "lignes en défaut",
    "val_decision": "décision",
    "val_resolved": "réglé",
    "dec_empty": "vidées",
    "dec_exclude_row": "lignes exclues",
    "dec_keep": "conservées telles quelles",
    "dec_none": "aucune décision",
    "dec_per_value": "décidé valeur par valeur ({decided} lignes sur {count})",
    "yes": "oui",
    "no": "non",
    "rule_date": "pas une date au format détecté",
    "rule_datetime": "pas une date et heure",
    "rule_integer": "pas un nombre entier",
    "rule_number": "pas un nombre",
    "rule_year": "pas une année",
    "rule_yearmonth": "pas une année et un mois (AAAA-MM)",
    "rule_boolean": "pas une valeur oui/non",
    "rule_range": "hors de l'intervalle permis",
    "rule_pattern": "pas sous la forme attendue",
    "rule_check_digit": "clé de contrôle fausse",
    "rule_code": "pas un code de la liste et non transcodé",
    "rule_enum": "pas une des valeurs permises",
    "rule_length": "longueur incorrecte",
    "rule_required": "vide alors qu'une valeur est exigée",
    "rule_unique": "en double alors que les valeurs doivent être uniques",
    "rule_primary_key": "la même clé primaire sur plusieurs lignes",
    "rule_orphan": "ne renvoie à aucune ligne de la table liée",
    "conversions": "Conversions effectuées",
    "conversion": "conversion",
    "note_nir": "espaces, points et tirets retirés de {count} NIR",
    "note_codes": "{count} valeur(s) distincte(s) transcodée(s) par la table de codes",
    "note_dates": "dates lues au format {formats}",
    "note_decimal": "virgule décimale lue comme un point décimal",
    "note_time_dropped": "la date a été gardée : l'heure de {count} valeurs a été retirée",
    "validation_detail_note": "Les lignes concernées sont listées dans validation-report.csv, à côté de ce rapport.",
    "rules_off": "Règles de cohérence désactivées",
    "rule_off_reason": "raison donnée",
    "dec_keep_reason": "conservées : {reason}",
    "all_columns": "toutes les colonnes",
    "repeated_keys": "{keys} clé(s) répétée(s)",
    "risk": "Risque de ré-identification",
    "risk_none": "Aucun quasi-identifiant n'a été choisi : le risque de ré-identification n'a pas été mesuré.",
    "risk_intro": "Les enregistrements qui partagent les mêmes valeurs des quasi-identifiants ({quasi}) forment une "
                  "classe ; plus la classe d'un enregistrement est petite, plus il est facile de l'isoler (modèle du "
                  "procureur, comme dans ARX).",
    "fig": "mesure",
    "before": "source",
    "after": "exporté",
    "risk_records": "enregistrements",
    "risk_classes": "classes",
    "risk_uniques": "enregistrements seuls dans leur classe (uniques)",
    "risk_smallest": "plus petite classe",
    "risk_average": "risque moyen",
    "risk_highest": "risque maximal",
    "risk_k": "k visé",
    "risk_below_k": "enregistrements dans des classes de moins de k",
    "risk_classes_below_k": "classes de moins de k",
    "risk_persons": "personnes (comptées une fois, quel que soit leur nombre de lignes)",
    "risk_intro_in_persons": "Les personnes qui partagent les mêmes valeurs des quasi-identifiants ({quasi}) forment une "
                          "classe, chaque personne comptée une fois quel que soit son nombre de lignes ; plus la "
                          "classe d'une personne est petite, plus il est facile de l'isoler (modèle du procureur, "
                          "comme dans ARX).",
    "risk_uniques_in_persons": "personnes seules dans leur classe (uniques dans l'échantillon)",
    "risk_below_k_in_persons": "personnes dans des classes de moins de k",
    "k_reached_in_persons": "k = {k} est atteint : chaque personne est dans une classe d'au moins {k} personnes.",
    "k_not_reached_in_persons": "k = {k} n'est pas atteint : {records} personne(s) ({share}) sont dans des classes de "
                             "moins de {k}.",
    "chart_sizes_desc_in_persons": "Nombre de personnes selon la taille de leur classe.",
    "chart_at_risk_in_persons": "Personnes à risque",
    "chart_at_risk_desc_in_persons": "Personnes dans des classes de moins de k = {k} et les autres.",
    "band_records_in_persons": "personnes",
    "k_accepted": "Le producteur a accepté un paquet en dessous de k = {k}, pour cette raison : {reason}",
    "risk_l": "l-diversité de {column} (moins de valeurs distinctes dans une classe)",
    "risk_l_one": "enregistrements dont la classe partage une seule valeur de {column}",
    "k_reached": "k = {k} est atteint : chaque enregistrement est dans une classe d'au moins {k}.",
    "k_not_reached": "k = {k} n'est pas atteint : {records} enregistrement(s) ({share}) sont dans des classes de "
                     "moins de {k}.",
    "k_none": "Aucun k n'a été fixé.",
    "chart_sizes": "Taille des classes",
    "chart_sizes_desc": "Nombre d'enregistrements selon la taille de leur classe.",
    "chart_at_risk": "Enregistrements à risque",
    "chart_at_risk_desc": "Enregistrements dans des classes de moins de k = {k} et les autres.",
    "records_at_risk": "classes < {k}",
    "records_safe": "classes ≥ {k}",
    "size_band": "taille de classe",
    "band_classes": "classes",
    "band_records": "enregistrements",
    "before_note": "« source » est le fichier tel que lu (avant toute transformation), « exporté » les données du "
                   "paquet.",
    "generalisation": "Généralisation et ce qu'elle a coûté",
    "gen_levels": "Niveaux de généralisation retenus (trouvés par « atteindre k » ou fixés à la main) : {levels}.",
    "gen_none": "Aucun niveau de hiérarchie n'a été choisi par « atteindre k ».",
    "gen_suppressed": "{records} enregistrements restaient dans des groupes de moins de k = {k} après la "
                      "généralisation : leurs quasi-identifiants ont été supprimés (remplacés par *).",
    "gen_cells": "{cells} cellules de quasi-identifiants ont été supprimées (remplacées par *) dans {records} "
                 "enregistrements, dont {whole} sur tous les quasi-identifiants, pour que chaque classe compte au moins "
                 "k = {k} enregistrements (un * compte comme une valeur à part entière).",
    "util_title": "Ce que chaque quasi-identifiant conserve",
    "util_level": "niveau « atteindre k »",
    "util_requested": "à la précision demandée",
    "util_coarser": "plus grossier",
    "util_suppressed": "supprimé",
    "util_loss_title": "Perte d'information (mesures d'ARX ; 0 = comme demandé, 100 % = tout supprimé)",
    "util_measure": "mesure",
    "util_before": "avant « atteindre k »",
    "util_after": "après « atteindre k »",
    "util_entropy": "entropie non uniforme",
    "util_precision": "précision",
    "util_discernibility": "discernabilité",
    "util_histogram": "{column} : valeurs avant et après « atteindre k »",
    "util_histogram_desc": "Enregistrements par valeur publiée (les {bins} plus fréquentes), avant et après suppression ; * compte les cellules supprimées.",
    "reach_as_is": "atteindre k : comme demandé",
    "reach_level": "atteindre k : niveau {level} (par exemple {example})",
    "reach_cells": "{cells} cellules supprimées",
    "gen_column": "colonne",
    "gen_how": "comment",
    "gen_distinct_before": "valeurs distinctes dans la source",
    "gen_distinct_after": "valeurs distinctes exportées",
    "gen_kept_detail": "détail conservé",
    "gen_excluded": "Lignes exclues par les décisions de validation : {rows}.",
    "gen_note": "« Détail conservé » est le nombre de valeurs distinctes exportées divisé par celui de la source : "
                "plus il est bas, plus la colonne a été agrégée. Une ligne ombrée est un quasi-identifiant exporté "
                "tel quel.",
    "gen_empty": "Aucun quasi-identifiant n'a été agrégé.",
    "output": "Données exportées",
    "output_summary": "{rows} lignes × {columns} colonnes dans {member}.",
    "out_column": "colonne",
    "out_type": "type",
    "out_from": "colonne source",
    "type_string": "texte",
    "type_date": "date",
    "type_int": "nombre entier",
    "type_float": "nombre",
    "type_bool": "oui/non",
    "title_tables": "{title} ({count} tables)",
    "submission": "Soumission",
    "sub_intro": "{tables} tables, {links} lien(s), un seul paquet et un seul identifiant de soumission.",
    "sub_table": "table",
    "sub_rows": "lignes exportées",
    "sub_columns": "colonnes exportées",
    "sub_primary_key": "clé primaire",
    "sub_person_key": "clé de personne",
    "sub_validation": "validation",
    "sub_links_note": "Chaque lien part d'une colonne d'une table vers la clé de la table qu'elle désigne ; une ligne "
                      "orpheline ne renvoie à aucune ligne de cette table.",
    "sub_from": "colonne",
    "sub_to": "renvoie à",
    "sub_orphans": "lignes orphelines",
    "glance_table_rows": "{table} : lignes exportées",
    "glance_across": "{unit} sur l'ensemble des tables",
    "glance_across_below": "{unit} dans des classes de moins de k = {k}",
    "unit_persons": "personnes",
    "unit_records": "enregistrements",
    "across": "Risque sur l'ensemble des tables",
    "across_persons": "Sur l'ensemble des tables, compté en personnes : {records} personnes réparties en {classes} "
                      "classes ; personnes seules dans leur classe (uniques dans l'échantillon) : {uniques} ; plus "
                      "petite classe : {smallest} personnes. Les quasi-identifiants d'une personne ({quasi}) sont "
                      "rassemblés depuis toutes les tables ; une personne qui a plusieurs lignes compte une seule fois.",
    "across_records": "Sur l'ensemble des tables, compté en enregistrements : {records} enregistrements répartis en "
                      "{classes} classes ; enregistrements seuls dans leur classe (uniques dans l'échantillon) : "
                      "{uniques} ; plus petite classe : {smallest} enregistrements. Quasi-identifiants : {quasi}.",
    "across_k_reached": "k = {k} est atteint sur l'ensemble des tables : chaque classe compte au moins {k} {unit}.",
    "across_k_not_reached": "k = {k} n'est pas atteint sur l'ensemble des tables : {below} {unit} ({share}) sont "
                            "dans des classes de moins de {k}.",
    "across_reach": "« Atteindre k » sur l'ensemble des tables (k = {k} {unit}) :",
    "across_cells": "cellules de quasi-identifiants supprimées (remplacées par *) sur chaque ligne qui les porte",
    "across_touched": "personnes dont des cellules ont été supprimées",
    "across_whole": "personnes supprimées entièrement (toutes leurs lignes retirées de chaque table)",
    "table_section": "{table} : {title}",
    "list_separator": " ; ",
    "risk_across_only": "Aucune colonne de cette table n'entre comme quasi-identifiant dans la mesure du risque : "
                        "le risque est mesuré sur l'ensemble des tables, dans la partie « Soumission ».",
    "sheet_summary": "Résumé",
    "sheet_columns": "Colonnes",
    "sheet_validation": "Validation",
    "sheet_risk": "Risque",
    "sheet_generalisation": "Généralisation",
    "sheet_output": "Export",
}

# The rules in plain words: English from the Check stage itself, so that both say the same.
EN.update({f"rule_{rule}": text for rule, text in RULE_TEXT.items()})

STRINGS = {"en": EN, "fr": FR}

# The Check stage writes its conversion notes in English; these patterns give them back in the
# report's language. A note of another shape is shown as it was written.
NOTE_PATTERNS = (
    (re.compile(r"spaces, dots and dashes removed from (?P<count>[\d,]+) NIR\(s\)"), "note_nir"),
    (re.compile(r"(?P<count>[\d,]+) distinct value\(s\) recoded with the code map"), "note_codes"),
    (re.compile(r"dates read as (?P<formats>.+)"), "note_dates"),
    (re.compile(r"decimal comma read as a decimal point"), "note_decimal"),
    (re.compile(r"the date part was kept: the time of day of (?P<count>[\d,]+) values was dropped"), "note_time_dropped"),
)


def translate_note(note: str, language: str = "en") -> str:
    """A conversion note of the Check stage in ``language``."""
    if language == "en":
        return note
    t = translator(language)
    for pattern, key in NOTE_PATTERNS:
        match = pattern.fullmatch(note)
        if match:
            figures = match.groupdict()
            if "count" in figures:       # written with English marks by the Check stage
                figures["count"] = number(int(figures["count"].replace(",", "")), language)
            return t(key, **figures)
    return note


def translator(language: str = "en") -> Callable[..., str]:
    """``t(key, **figures)``: the string in ``language`` (English when unknown), filled in."""
    table = STRINGS.get(language, EN)

    def t(key: str, **figures: object) -> str:
        return table.get(key, EN[key]).format(**figures)

    return t


def number(value: float | int, language: str = "en") -> str:
    """A count with the language's thousands separator (a narrow no-break space in French)."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.4g}"
    if language == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(fraction: float, language: str = "en", digits: int = 1) -> str:
    text = f"{fraction * 100:.{digits}f}"
    return (text.replace(".", ",") + "\u00a0%") if language == "fr" else text + "%"
