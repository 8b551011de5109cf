<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CheckPage</name>
    <message>
        <source>Check before export</source>
        <translation>Vérifier avant l&apos;export</translation>
    </message>
    <message>
        <source>curator converts and validates every value against the vocabulary. Blockers must be settled before the package can be written; double-click one to go where it is fixed.</source>
        <translation>curator convertit et valide chaque valeur d&apos;après le vocabulaire. Les points bloquants doivent être réglés avant d&apos;écrire le paquet ; double-cliquez sur l&apos;un d&apos;eux pour aller là où il se règle.</translation>
    </message>
    <message>
        <source>Open a file on the Load step first.</source>
        <translation>Ouvrez d&apos;abord un fichier à l&apos;étape Charger.</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Convert and validate the whole table with the current decisions (F5)</source>
        <translation>Convertir et valider toute la table avec les décisions actuelles (F5)</translation>
    </message>
    <message>
        <source>Run the checks</source>
        <translation>Lancer les vérifications</translation>
    </message>
    <message>
        <source>Blockers</source>
        <translation>Points bloquants</translation>
    </message>
    <message>
        <source>Warnings and validation findings</source>
        <translation>Avertissements et anomalies de validation</translation>
    </message>
    <message>
        <source>The columns are still being analysed: the checks run as soon as they are.</source>
        <translation>Les colonnes sont encore en cours d&apos;analyse : les vérifications se lancent dès qu&apos;elles sont prêtes.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Converting and validating…</source>
        <translation>Conversion et validation…</translation>
    </message>
    <message>
        <source>Cannot run the checks</source>
        <translation>Impossible de lancer les vérifications</translation>
    </message>
    <message>
        <source>No column has a decision yet: accept the suggestions on the Map step.</source>
        <translation>Aucune colonne n&apos;a encore de décision : acceptez les suggestions à l&apos;étape Correspondances.</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; identifies people and would be exported as is — pseudonymise or drop it</source>
        <translation>la colonne « {name} » identifie des personnes et serait exportée telle quelle — pseudonymisez-la ou supprimez-la</translation>
    </message>
    <message>
        <source>Reach k: {problem}. Run Reach k again on the Protect step.</source>
        <translation>Atteindre k : {problem}. Relancez « Atteindre k » à l&apos;étape Protéger.</translation>
    </message>
    <message>
        <source>Double-click to go where this is fixed</source>
        <translation>Double-cliquez pour aller là où cela se règle</translation>
    </message>
    <message>
        <source>No blocker: the package can be written.</source>
        <translation>Aucun point bloquant : le paquet peut être écrit.</translation>
    </message>
    <message>
        <source>row {row}, column &apos;{column}&apos;: &apos;{value}&apos; {message}</source>
        <translation>ligne {row}, colonne « {column} » : « {value} » {message}</translation>
    </message>
    <message>
        <source>Double-click to show this cell in the data</source>
        <translation>Double-cliquez pour afficher cette cellule dans les données</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; has no decision: it will not be exported</source>
        <translation>la colonne « {name} » n&apos;a pas de décision : elle ne sera pas exportée</translation>
    </message>
    <message>
        <source>{count} blocker(s): the export stays disabled until they are settled. {summary}</source>
        <translation>{count} point(s) bloquant(s) : l&apos;export reste désactivé tant qu&apos;ils ne sont pas réglés. {summary}</translation>
    </message>
    <message>
        <source>Nothing blocks the export. {summary}</source>
        <translation>Rien ne bloque l&apos;export. {summary}</translation>
    </message>
    <message>
        <source>Coherence between fields and rows</source>
        <translation>Cohérence entre champs et lignes</translation>
    </message>
    <message>
        <source>Across the tables of the submission</source>
        <translation>Entre les tables de l&apos;envoi</translation>
    </message>
    <message>
        <source>Findings across the tables</source>
        <translation>Anomalies entre les tables</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos;: {count} blocker(s) — choose it above to see them</source>
        <translation>table « {table} » : {count} point(s) bloquant(s) — choisissez-la ci-dessus pour les voir</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos;: {blocker}</source>
        <translation>table « {table} » : {blocker}</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos;: {finding}</source>
        <translation>table « {table} » : {finding}</translation>
    </message>
    <message>
        <source>Rule &apos;{rule}&apos;</source>
        <translation>Règle « {rule} »</translation>
    </message>
    <message>
        <source>persons</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>records</source>
        <translation>enregistrements</translation>
    </message>
    <message>
        <source>Across the tables, counted in {unit}: {records:,} {unit}, {classes:,} groups, {uniques:,} unique, {below:,} below k = {k}.</source>
        <translation>Entre les tables, compté en {unit} : {records:,} {unit}, {classes:,} groupes, {uniques:,} uniques, {below:,} sous k = {k}.</translation>
    </message>
    <message>
        <source>No finding across the tables.</source>
        <translation>Aucune anomalie entre les tables.</translation>
    </message>
    <message>
        <source>Coherence findings</source>
        <translation>Constats de cohérence</translation>
    </message>
    <message>
        <source>Exclude the rows</source>
        <translation>Exclure les lignes</translation>
    </message>
    <message>
        <source>The rows that break the rule leave the package (a repeat: every row after the first)</source>
        <translation>Les lignes qui enfreignent la règle sortent du paquet (une répétition : toutes les lignes après la première)</translation>
    </message>
    <message>
        <source>Keep, with a reason…</source>
        <translation>Conserver, avec une raison…</translation>
    </message>
    <message>
        <source>The rows stay as they are; the reason is in the report</source>
        <translation>Les lignes restent telles quelles ; la raison figure dans le rapport</translation>
    </message>
    <message>
        <source>Empty a value…</source>
        <translation>Vider une valeur…</translation>
    </message>
    <message>
        <source>Empty one column&apos;s value on the rows that break the rule</source>
        <translation>Vider la valeur d&apos;une colonne sur les lignes qui enfreignent la règle</translation>
    </message>
    <message>
        <source>Switch the rule off…</source>
        <translation>Désactiver la règle…</translation>
    </message>
    <message>
        <source>The rule is not checked for this file; the reason is in the report</source>
        <translation>La règle n&apos;est pas vérifiée pour ce fichier ; la raison figure dans le rapport</translation>
    </message>
    <message>
        <source>Clear the decision</source>
        <translation>Retirer la décision</translation>
    </message>
    <message>
        <source>The rule&apos;s findings stop the export again</source>
        <translation>Les constats de la règle bloquent de nouveau l&apos;export</translation>
    </message>
    <message>
        <source>Why are these rows kept as they are?</source>
        <translation>Pourquoi ces lignes sont-elles conservées telles quelles ?</translation>
    </message>
    <message>
        <source>Why is this rule not checked for this file?</source>
        <translation>Pourquoi cette règle n&apos;est-elle pas vérifiée pour ce fichier ?</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Empty a value</source>
        <translation>Vider une valeur</translation>
    </message>
    <message>
        <source>Which column&apos;s value is emptied on these rows?</source>
        <translation>Quelle colonne vider sur ces lignes ?</translation>
    </message>
    <message>
        <source>Decide on rule &apos;{rule}&apos;</source>
        <translation>Décider pour la règle « {rule} »</translation>
    </message>
    <message>
        <source>{count} row(s): {problem} — {columns}; first rows {rows}</source>
        <translation>{count} ligne(s) : {problem} — {columns} ; premières lignes {rows}</translation>
    </message>
    <message>
        <source>columns {names}</source>
        <translation>colonnes {names}</translation>
    </message>
    <message>
        <source>({keys} repeated key(s))</source>
        <translation>({keys} clé(s) répétée(s))</translation>
    </message>
    <message>
        <source>rows excluded</source>
        <translation>lignes exclues</translation>
    </message>
    <message>
        <source>kept as they are</source>
        <translation>conservées telles quelles</translation>
    </message>
    <message>
        <source>value emptied</source>
        <translation>valeur vidée</translation>
    </message>
    <message>
        <source>decided: {decision}</source>
        <translation>décidé : {decision}</translation>
    </message>
    <message>
        <source>Rule &apos;{rule}&apos;. Double-click to show the first row in the data</source>
        <translation>Règle « {rule} ». Double-cliquez pour afficher la première ligne dans les données</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos; switched off: {reason}</source>
        <translation>règle « {rule} » désactivée : {reason}</translation>
    </message>
    <message>
        <source>No row breaks a coherence rule.</source>
        <translation>Aucune ligne n&apos;enfreint une règle de cohérence.</translation>
    </message>
</context>
<context>
    <name>ClassSizeChart</name>
    <message>
        <source>No risk figures yet</source>
        <translation>Pas encore de mesure du risque</translation>
    </message>
</context>
<context>
    <name>CodePicker</name>
    <message>
        <source>Code of a value</source>
        <translation>Code d’une valeur</translation>
    </message>
    <message>
        <source>Type to filter the codes (code or words)</source>
        <translation>Tapez pour filtrer les codes (code ou mots)</translation>
    </message>
    <message>
        <source>Filter the codes</source>
        <translation>Filtrer les codes</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Show only rows containing…</source>
        <translation>Afficher seulement les lignes contenant…</translation>
    </message>
    <message>
        <source>Type text to show only the rows where a cell contains it (any case)</source>
        <translation>Tapez un texte pour n&apos;afficher que les lignes dont une cellule le contient (majuscules ou non)</translation>
    </message>
    <message>
        <source>Row filter</source>
        <translation>Filtre des lignes</translation>
    </message>
    <message>
        <source>Row number in the file (data rows, from 1)</source>
        <translation>Numéro de ligne dans le fichier (lignes de données, à partir de 1)</translation>
    </message>
    <message>
        <source>Row number to go to</source>
        <translation>Numéro de la ligne à afficher</translation>
    </message>
    <message>
        <source>Go to row</source>
        <translation>Aller à la ligne</translation>
    </message>
    <message>
        <source>Scroll to this row and select it (Ctrl+G)</source>
        <translation>Faire défiler jusqu&apos;à cette ligne et la sélectionner (Ctrl+G)</translation>
    </message>
    <message>
        <source>Rows shown</source>
        <translation>Lignes affichées</translation>
    </message>
    <message>
        <source>Data table</source>
        <translation>Table des données</translation>
    </message>
    <message>
        <source>Click a column title to sort by it; click again to reverse</source>
        <translation>Cliquez sur un titre de colonne pour trier ; cliquez à nouveau pour inverser</translation>
    </message>
    <message>
        <source>Row:</source>
        <translation>Ligne :</translation>
    </message>
    <message>
        <source>{total} rows</source>
        <translation>{total} lignes</translation>
    </message>
    <message>
        <source>{shown} of {total} rows</source>
        <translation>{shown} lignes sur {total}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where} : {message}</translation>
    </message>
    <message>
        <source>Check the file and the options, then try again.</source>
        <translation>Vérifiez le fichier et les options, puis réessayez.</translation>
    </message>
    <message>
        <source>There is not enough memory for this operation.</source>
        <translation>La mémoire est insuffisante pour cette opération.</translation>
    </message>
    <message>
        <source>Close other programs, or split the file into smaller parts, then try again.</source>
        <translation>Fermez d&apos;autres programmes ou découpez le fichier en parties plus petites, puis réessayez.</translation>
    </message>
    <message>
        <source>The file could not be read or written: {reason}</source>
        <translation>Le fichier n&apos;a pas pu être lu ou écrit : {reason}</translation>
    </message>
    <message>
        <source>Check that the file exists, that you may open it, and that the disk is not full.</source>
        <translation>Vérifiez que le fichier existe, que vous avez le droit de l&apos;ouvrir et que le disque n&apos;est pas plein.</translation>
    </message>
    <message>
        <source>Something went wrong inside curator: {error}</source>
        <translation>Un problème est survenu dans curator : {error}</translation>
    </message>
    <message>
        <source>Your decisions are kept. Save the project, then report this problem with the details below.</source>
        <translation>Vos décisions sont conservées. Enregistrez le projet, puis signalez ce problème avec les détails ci-dessous.</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Export the package</source>
        <translation>Exporter le paquet</translation>
    </message>
    <message>
        <source>curator writes one file for the hub: the protected data, the curation report and the manifest, encrypted so that only the hub can open it and signed so that it proves who made it.</source>
        <translation>curator écrit un seul fichier pour la plateforme : les données protégées, le rapport de curation et le manifeste, chiffrés pour que seule la plateforme puisse l&apos;ouvrir, et signés pour prouver qui l&apos;a produit.</translation>
    </message>
    <message>
        <source>Go through the Check step first.</source>
        <translation>Passez d&apos;abord par l&apos;étape Vérifier.</translation>
    </message>
    <message>
        <source>About this submission</source>
        <translation>À propos de cet envoi</translation>
    </message>
    <message>
        <source>Open the curation report shipped in the package in your web browser (a local file only you can read; nothing goes on the network)</source>
        <translation>Ouvrir le rapport de curation joint au paquet dans votre navigateur (un fichier local que vous seul pouvez lire ; rien ne passe par le réseau)</translation>
    </message>
    <message>
        <source>Producer identifier</source>
        <translation>Identifiant du producteur</translation>
    </message>
    <message>
        <source>Producer name</source>
        <translation>Nom du producteur</translation>
    </message>
    <message>
        <source>Dataset title</source>
        <translation>Titre du jeu de données</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Period covered</source>
        <translation>Période couverte</translation>
    </message>
    <message>
        <source>The identifier the hub gave your organisation</source>
        <translation>L&apos;identifiant attribué à votre organisme par la plateforme</translation>
    </message>
    <message>
        <source>For example 2020-2024</source>
        <translation>Par exemple 2020-2024</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <source>age1… (one public key of the hub per line)</source>
        <translation>age1… (une clé publique de la plateforme par ligne)</translation>
    </message>
    <message>
        <source>The hub&apos;s public key(s): only their owners can open the package</source>
        <translation>La ou les clés publiques de la plateforme : seuls leurs détenteurs pourront ouvrir le paquet</translation>
    </message>
    <message>
        <source>Recipient public keys</source>
        <translation>Clés publiques des destinataires</translation>
    </message>
    <message>
        <source>Hub&apos;s public keys</source>
        <translation>Clés publiques de la plateforme</translation>
    </message>
    <message>
        <source>Your signing key file (.key)</source>
        <translation>Votre fichier de clé de signature (.key)</translation>
    </message>
    <message>
        <source>Signing key files (*.key);;All files (*)</source>
        <translation>Clés de signature (*.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Clé de signature</translation>
    </message>
    <message>
        <source>Passphrase of the signing key (empty if none)</source>
        <translation>Phrase secrète de la clé de signature (vide s&apos;il n&apos;y en a pas)</translation>
    </message>
    <message>
        <source>Its passphrase</source>
        <translation>Sa phrase secrète</translation>
    </message>
    <message>
        <source>Pseudonymisation secret file</source>
        <translation>Fichier du secret de pseudonymisation</translation>
    </message>
    <message>
        <source>Secret files (*.secret *.age);;All files (*)</source>
        <translation>Fichiers de secret (*.secret *.age);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Create a new secret…</source>
        <translation>Créer un nouveau secret…</translation>
    </message>
    <message>
        <source>Create a new secret, saved under the passphrase below. Keep it: the same secret gives the same pseudonyms next year.</source>
        <translation>Créer un nouveau secret, protégé par la phrase secrète ci-dessous. Conservez-le : le même secret donnera les mêmes pseudonymes l&apos;an prochain.</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Passphrase of the secret</source>
        <translation>Phrase secrète du secret</translation>
    </message>
    <message>
        <source>Where to write the package</source>
        <translation>Où écrire le paquet</translation>
    </message>
    <message>
        <source>Packages (*.tar)</source>
        <translation>Paquets (*.tar)</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>Fichier du paquet</translation>
    </message>
    <message>
        <source>In the interface language</source>
        <translation>Dans la langue de l’interface</translation>
    </message>
    <message>
        <source>In French and English</source>
        <translation>En français et en anglais</translation>
    </message>
    <message>
        <source>The language of the curation report the package carries; with both, the second language is an extra report in the package</source>
        <translation>La langue du rapport de curation joint au paquet ; avec les deux, la seconde langue est un rapport de plus dans le paquet</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Langue du rapport</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Write the package</source>
        <translation>Écrire le paquet</translation>
    </message>
    <message>
        <source>Convert, protect, encrypt and sign; then verify what was written</source>
        <translation>Convertir, protéger, chiffrer et signer ; puis vérifier ce qui a été écrit</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Résultat de l&apos;export</translation>
    </message>
    <message>
        <source>Curation report…</source>
        <translation>Rapport de curation…</translation>
    </message>
    <message>
        <source>Show the curation report</source>
        <translation>Afficher le rapport de curation</translation>
    </message>
    <message>
        <source>Report as Excel…</source>
        <translation>Rapport en Excel…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>set {field}</source>
        <translation>modifier {field}</translation>
    </message>
    <message>
        <source>set the hub&apos;s keys</source>
        <translation>modifier les clés de la plateforme</translation>
    </message>
    <message>
        <source>open a file</source>
        <translation>ouvrir un fichier</translation>
    </message>
    <message>
        <source>run the checks</source>
        <translation>lancer les vérifications</translation>
    </message>
    <message>
        <source>settle the {count} blocker(s) on the Check step</source>
        <translation>régler le(s) {count} point(s) bloquant(s) à l&apos;étape Vérifier</translation>
    </message>
    <message>
        <source>fill in {fields} (the hub files the package under them)</source>
        <translation>remplir : {fields} (la plateforme classe le paquet sous ces noms)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>give the hub&apos;s public key</source>
        <translation>indiquer la clé publique de la plateforme</translation>
    </message>
    <message>
        <source>choose your signing key</source>
        <translation>choisir votre clé de signature</translation>
    </message>
    <message>
        <source>choose or create the pseudonymisation secret</source>
        <translation>choisir ou créer le secret de pseudonymisation</translation>
    </message>
    <message>
        <source>choose where to write the package</source>
        <translation>choisir où écrire le paquet</translation>
    </message>
    <message>
        <source>To write the package: {needs}.</source>
        <translation>Pour écrire le paquet : {needs}.</translation>
    </message>
    <message>
        <source>; </source>
        <translation> ; </translation>
    </message>
    <message>
        <source>Ready to write the package.</source>
        <translation>Prêt à écrire le paquet.</translation>
    </message>
    <message>
        <source>Save the curation report as an Excel workbook (.xlsx), one sheet per part</source>
        <translation>Enregistrer le rapport de curation dans un classeur Excel (.xlsx), une feuille par partie</translation>
    </message>
    <message>
        <source>Save the curation report as Excel</source>
        <translation>Enregistrer le rapport de curation en Excel</translation>
    </message>
    <message>
        <source>Cannot show the curation report</source>
        <translation>Impossible d’afficher le rapport de curation</translation>
    </message>
    <message>
        <source>The curation report is at {path}: open it in your browser.</source>
        <translation>Le rapport de curation est dans {path} : ouvrez-le dans votre navigateur.</translation>
    </message>
    <message>
        <source>Save the curation report</source>
        <translation>Enregistrer le rapport de curation</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot save the curation report</source>
        <translation>Impossible d&apos;enregistrer le rapport de curation</translation>
    </message>
    <message>
        <source>Curation report saved to {path}.</source>
        <translation>Rapport de curation enregistré dans {path}.</translation>
    </message>
    <message>
        <source>Type a passphrase for the new secret first.</source>
        <translation>Saisissez d&apos;abord une phrase secrète pour le nouveau secret.</translation>
    </message>
    <message>
        <source>Save the new secret</source>
        <translation>Enregistrer le nouveau secret</translation>
    </message>
    <message>
        <source>Secret files (*.secret)</source>
        <translation>Fichiers de secret (*.secret)</translation>
    </message>
    <message>
        <source>Cannot create the secret</source>
        <translation>Impossible de créer le secret</translation>
    </message>
    <message>
        <source>New secret saved to {path}. Keep a copy in a safe place.</source>
        <translation>Nouveau secret enregistré dans {path}. Gardez-en une copie en lieu sûr.</translation>
    </message>
    <message>
        <source>Replace the package?</source>
        <translation>Remplacer le paquet ?</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it with the package of this file?</source>
        <translation>{path} existe déjà. Le remplacer par le paquet de ce fichier ?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>verified: signature, manifest and every member check out</source>
        <translation>vérifié : la signature, le manifeste et chaque élément sont conformes</translation>
    </message>
    <message>
        <source>VERIFICATION FAILED: {problems}</source>
        <translation>ÉCHEC DE LA VÉRIFICATION : {problems}</translation>
    </message>
    <message>
        <source>Package written to {path} ({rows} rows, {columns} columns); {verdict}.</source>
        <translation>Paquet écrit dans {path} ({rows} lignes, {columns} colonnes) ; {verdict}.</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>Écriture du paquet…</translation>
    </message>
    <message>
        <source>Cannot write the package</source>
        <translation>Impossible d&apos;écrire le paquet</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <source>Run Reach k to see what the data keep</source>
        <translation>Lancez « Atteindre k » pour voir ce que gardent les données</translation>
    </message>
</context>
<context>
    <name>LoadPage</name>
    <message>
        <source>Open a file…</source>
        <translation>Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>Open a CSV, Excel, ODS, Parquet, SAS, Stata or SPSS file (Ctrl+O). You can also drop a file on the window.</source>
        <translation>Ouvrir un fichier CSV, Excel, ODS, Parquet, SAS, Stata ou SPSS (Ctrl+O). Vous pouvez aussi déposer un fichier sur la fenêtre.</translation>
    </message>
    <message>
        <source>Open a data file</source>
        <translation>Ouvrir un fichier de données</translation>
    </message>
    <message>
        <source>Try the demo data</source>
        <translation>Essayer les données de démonstration</translation>
    </message>
    <message>
        <source>Open a synthetic cancer-registry export shipped with curator</source>
        <translation>Ouvrir un export fictif de registre des cancers fourni avec curator</translation>
    </message>
    <message>
        <source>Open the demo data</source>
        <translation>Ouvrir les données de démonstration</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Fichier ouvert</translation>
    </message>
    <message>
        <source>Reading warnings</source>
        <translation>Avertissements de lecture</translation>
    </message>
    <message>
        <source>Encoding chosen</source>
        <translation>Encodage choisi</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Vides</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>Distinctes</translation>
    </message>
    <message>
        <source>Column profiles</source>
        <translation>Profil des colonnes</translation>
    </message>
    <message>
        <source>What each column holds. Counts under 5 are shown as &quot;&lt;5&quot;.</source>
        <translation>Ce que contient chaque colonne. Les effectifs inférieurs à 5 sont affichés « &lt;5 ».</translation>
    </message>
    <message>
        <source>The profile appears here once a file is read.</source>
        <translation>Le profil s&apos;affiche ici une fois le fichier lu.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Open your export&lt;/h2&gt;&lt;p&gt;Use &lt;b&gt;Open a file…&lt;/b&gt;, drop the file on this window, or pick it in &lt;b&gt;File ▸ Open recent&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;curator reads CSV and text files (any separator and encoding), Excel, LibreOffice, Parquet, SAS, Stata and SPSS files. The file itself is never changed.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Ouvrez votre export&lt;/h2&gt;&lt;p&gt;Utilisez &lt;b&gt;Ouvrir un fichier…&lt;/b&gt;, déposez le fichier sur cette fenêtre, ou choisissez-le dans &lt;b&gt;Fichier ▸ Fichiers récents&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;curator lit les fichiers CSV et texte (tout séparateur et tout encodage), Excel, LibreOffice, Parquet, SAS, Stata et SPSS. Le fichier lui-même n&apos;est jamais modifié.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Submission: several tables, one package</source>
        <translation>Envoi : plusieurs tables, un seul paquet</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation>Clé primaire</translation>
    </message>
    <message>
        <source>Tables of the submission</source>
        <translation>Tables de l&apos;envoi</translation>
    </message>
    <message>
        <source>Click a table to show it here and on the Map, Protect and Check steps</source>
        <translation>Cliquez sur une table pour l&apos;afficher ici et aux étapes Correspondances, Protéger et Vérifier</translation>
    </message>
    <message>
        <source>Links between the tables</source>
        <translation>Liens entre les tables</translation>
    </message>
    <message>
        <source>Untick a link that is wrong: its columns are then no longer joined</source>
        <translation>Décochez un lien faux : ses colonnes ne sont alors plus jointes</translation>
    </message>
    <message>
        <source>Person key</source>
        <translation>Clé de personne</translation>
    </message>
    <message>
        <source>The column identifying a person: k and the risk are counted in distinct persons across the tables</source>
        <translation>La colonne qui identifie une personne : k et le risque sont comptés en personnes distinctes sur toutes les tables</translation>
    </message>
    <message>
        <source>Why this person key</source>
        <translation>Pourquoi cette clé de personne</translation>
    </message>
    <message>
        <source>Links proposed (untick a wrong one)</source>
        <translation>Liens proposés (décochez un lien faux)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>{link} — {reason}</source>
        <translation>{link} — {reason}</translation>
    </message>
    <message>
        <source>No link was found between these tables.</source>
        <translation>Aucun lien n&apos;a été trouvé entre ces tables.</translation>
    </message>
    <message>
        <source>none: the risk is counted in records</source>
        <translation>aucune : le risque est compté en enregistrements</translation>
    </message>
    <message>
        <source>Persons are counted by {columns}.</source>
        <translation>Les personnes sont comptées par {columns}.</translation>
    </message>
    <message>
        <source>Without a person key, k and the risk are counted in records of each table.</source>
        <translation>Sans clé de personne, k et le risque sont comptés en enregistrements de chaque table.</translation>
    </message>
    <message>
        <source>tick or untick a link</source>
        <translation>cocher ou décocher un lien</translation>
    </message>
    <message>
        <source>choose the person key</source>
        <translation>choisir la clé de personne</translation>
    </message>
    <message>
        <source>How the file is read (detected; change it if the preview looks wrong)</source>
        <translation>Lecture du fichier (détectée ; modifiez-la si l&apos;aperçu semble faux)</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <source>Character encoding. If accents look wrong (Ã©, �), try cp1252 or utf-8.</source>
        <translation>Encodage des caractères. Si les accents sont faux (Ã©, �), essayez cp1252 ou utf-8.</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>Separator between columns. If everything is in one column, change it.</source>
        <translation>Séparateur des colonnes. Si tout est dans une seule colonne, changez-le.</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <source>Line (or sheet row) holding the column titles, from 1</source>
        <translation>Ligne (du fichier ou de la feuille) qui porte les titres des colonnes, à partir de 1</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>Ligne d&apos;en-tête</translation>
    </message>
    <message>
        <source>Sheet to read (spreadsheets only)</source>
        <translation>Feuille à lire (classeurs seulement)</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Feuille</translation>
    </message>
    <message>
        <source>comma (3,5)</source>
        <translation>virgule (3,5)</translation>
    </message>
    <message>
        <source>point (3.5)</source>
        <translation>point (3.5)</translation>
    </message>
    <message>
        <source>Decimal mark used for numbers in the file</source>
        <translation>Séparateur décimal des nombres du fichier</translation>
    </message>
    <message>
        <source>Decimal mark</source>
        <translation>Séparateur décimal</translation>
    </message>
    <message>
        <source>No file open.</source>
        <translation>Aucun fichier ouvert.</translation>
    </message>
    <message>
        <source>{count} tables, one package — {path}</source>
        <translation>{count} tables, un seul paquet — {path}</translation>
    </message>
    <message>
        <source>Profiling the columns…</source>
        <translation>Profil des colonnes en cours…</translation>
    </message>
    <message>
        <source>Frequent values</source>
        <translation>Valeurs fréquentes</translation>
    </message>
    <message>
        <source>Read as &lt;b&gt;{chosen}&lt;/b&gt;, where the accents read as French. {other} also decodes this file: line {line} reads “{chosen_text}” in {chosen} and “{other_text}” in {other}. &lt;a href=&quot;{other_code}&quot;&gt;Read it as {other}&lt;/a&gt; if that one is right.</source>
        <translation>Lu en &lt;b&gt;{chosen}&lt;/b&gt;, où les accents se lisent comme du français. {other} décode aussi ce fichier : la ligne {line} se lit « {chosen_text} » en {chosen} et « {other_text} » en {other}. &lt;a href=&quot;{other_code}&quot;&gt;Le lire en {other}&lt;/a&gt; si c’est celui-là le bon.</translation>
    </message>
    <message>
        <source>Profiling columns…</source>
        <translation>Profil des colonnes…</translation>
    </message>
    <message>
        <source>Cannot profile the columns</source>
        <translation>Impossible de profiler les colonnes</translation>
    </message>
    <message>
        <source>{count} columns. Double-click one to show it in the table.</source>
        <translation>{count} colonnes. Double-cliquez sur l&apos;une d&apos;elles pour l&apos;afficher dans la table.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Load</source>
        <translation>Charger</translation>
    </message>
    <message>
        <source>Open the export and check that it reads correctly</source>
        <translation>Ouvrir l&apos;export et vérifier qu&apos;il est bien lu</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Correspondances</translation>
    </message>
    <message>
        <source>Match the columns and codes to the hub&apos;s vocabulary</source>
        <translation>Faire correspondre les colonnes et les codes au vocabulaire de la plateforme</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>Protéger</translation>
    </message>
    <message>
        <source>Pseudonymise, generalise and measure the re-identification risk</source>
        <translation>Pseudonymiser, généraliser et mesurer le risque de réidentification</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>See what still blocks the export</source>
        <translation>Voir ce qui bloque encore l&apos;export</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Write the signed, encrypted package for the hub</source>
        <translation>Écrire le paquet signé et chiffré pour la plateforme</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>étape suivante</translation>
    </message>
    <message>
        <source>Step {number}: {title}</source>
        <translation>Étape {number} : {title}</translation>
    </message>
    <message>
        <source>Rows and columns</source>
        <translation>Lignes et colonnes</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>Fichier source</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop this operation; what was there before is kept (Esc)</source>
        <translation>Arrêter cette opération ; ce qui était là avant est conservé (Échap)</translation>
    </message>
    <message>
        <source>Cancel the running operation</source>
        <translation>Annuler l&apos;opération en cours</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Dernier message</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open data file…</source>
        <translation>&amp;Ouvrir un fichier de données…</translation>
    </message>
    <message>
        <source>Open a CSV, Excel, ODS, Parquet, SAS, Stata or SPSS file</source>
        <translation>Ouvrir un fichier CSV, Excel, ODS, Parquet, SAS, Stata ou SPSS</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>Ouvrir un &amp;projet…</translation>
    </message>
    <message>
        <source>Open a saved project (its decisions and its source file)</source>
        <translation>Ouvrir un projet enregistré (ses décisions et son fichier source)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Enregistrer le projet</translation>
    </message>
    <message>
        <source>Save every decision as a project file</source>
        <translation>Enregistrer toutes les décisions dans un fichier projet</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Enregistrer le projet &amp;sous…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>Enregistrer le projet sous un nouveau nom</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close curator</source>
        <translation>Fermer curator</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Guide</translation>
    </message>
    <message>
        <source>What each step does, what k and quasi-identifiers mean, what the hub receives (F1: this step&apos;s section)</source>
        <translation>Ce que fait chaque étape, ce que signifient k et les quasi-identifiants, ce que reçoit la plateforme (F1 : la section de cette étape)</translation>
    </message>
    <message>
        <source>&amp;About curator</source>
        <translation>À &amp;propos de curator</translation>
    </message>
    <message>
        <source>Version and purpose of curator</source>
        <translation>Version et rôle de curator</translation>
    </message>
    <message>
        <source>Next: {step} ›</source>
        <translation>Suivant : {step} ›</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>curator guide</source>
        <translation>Guide de curator</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guide d’utilisation</translation>
    </message>
    <message>
        <source>The guide could not be read: {error}</source>
        <translation>Le guide n’a pas pu être lu : {error}</translation>
    </message>
    <message>
        <source>{task}: cancelled, nothing was changed.</source>
        <translation>{task} : annulé, rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Data files ({patterns})</source>
        <translation>Fichiers de données ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Read {name}.</source>
        <translation>{name} a été lu.</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>Cannot read {name}</source>
        <translation>Impossible de lire {name}</translation>
    </message>
    <message>
        <source>Open a data file, or several as one submission</source>
        <translation>Ouvrir un fichier de données, ou plusieurs en un seul envoi</translation>
    </message>
    <message>
        <source>Cannot read the submission</source>
        <translation>Impossible de lire l&apos;envoi</translation>
    </message>
    <message>
        <source>Read {count} tables.</source>
        <translation>{count} tables lues.</translation>
    </message>
    <message>
        <source>Reading {count} files…</source>
        <translation>Lecture de {count} fichiers…</translation>
    </message>
    <message>
        <source>Looking for identifying columns and suggesting concepts…</source>
        <translation>Recherche des colonnes identifiantes et suggestion des concepts…</translation>
    </message>
    <message>
        <source>Cannot analyse the columns</source>
        <translation>Impossible d&apos;analyser les colonnes</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>curator projects (*{suffix})</source>
        <translation>Projets curator (*{suffix})</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>Impossible d&apos;ouvrir le projet</translation>
    </message>
    <message>
        <source>Cannot restore the autosaved project</source>
        <translation>Impossible de restaurer le projet enregistré automatiquement</translation>
    </message>
    <message>
        <source>Source file not found</source>
        <translation>Fichier source introuvable</translation>
    </message>
    <message>
        <source>The project&apos;s data file {path} was not found.</source>
        <translation>Le fichier de données du projet {path} est introuvable.</translation>
    </message>
    <message>
        <source>Open the file from its new place with File ▸ Open data file; the project&apos;s decisions are kept.</source>
        <translation>Ouvrez le fichier à son nouvel emplacement avec Fichier ▸ Ouvrir un fichier de données ; les décisions du projet sont conservées.</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Enregistrer le projet</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>Impossible d&apos;enregistrer le projet</translation>
    </message>
    <message>
        <source>Project saved to {path}.</source>
        <translation>Projet enregistré dans {path}.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>The project has decisions that are not saved. Save them first?</source>
        <translation>Le projet contient des décisions non enregistrées. Les enregistrer d&apos;abord ?</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Aucun fichier récent</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <source>About curator</source>
        <translation>À propos de curator</translation>
    </message>
    <message>
        <source>curator {version}

Prepares health-data exports for the hub: load, map, protect, check, and export a signed, encrypted package. Works offline.</source>
        <translation>curator {version}

Prépare les exports de données de santé pour la plateforme : charger, faire correspondre, protéger, vérifier et exporter un paquet signé et chiffré. Fonctionne hors ligne.</translation>
    </message>
    <message>
        <source>No data loaded</source>
        <translation>Aucune donnée chargée</translation>
    </message>
    <message>
        <source>{rows} rows × {columns} columns</source>
        <translation>{rows} lignes × {columns} colonnes</translation>
    </message>
    <message>
        <source>{name} (table {number} of {count})</source>
        <translation>{name} (table {number} sur {count})</translation>
    </message>
    <message>
        <source>Encoding: {encoding}</source>
        <translation>Encodage : {encoding}</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>Projet sans titre</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>Restaurer le travail non enregistré ?</translation>
    </message>
    <message>
        <source>curator was not closed normally. Restore the decisions it saved automatically?</source>
        <translation>curator ne s&apos;est pas fermé normalement. Restaurer les décisions enregistrées automatiquement ?</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Map the columns</source>
        <translation>Faire correspondre les colonnes</translation>
    </message>
    <message>
        <source>Each column of your file gets a concept of the hub&apos;s vocabulary. curator suggests one with a score and the reason; accept it, or pick another in the list (type to search).</source>
        <translation>Chaque colonne de votre fichier reçoit un concept du vocabulaire de la plateforme. curator en suggère un, avec un score et la raison ; acceptez-le ou choisissez-en un autre dans la liste (tapez pour chercher).</translation>
    </message>
    <message>
        <source>Open a file on the Load step first.</source>
        <translation>Ouvrez d&apos;abord un fichier à l&apos;étape Charger.</translation>
    </message>
    <message>
        <source>Accept all suggestions</source>
        <translation>Accepter toutes les suggestions</translation>
    </message>
    <message>
        <source>Map every column to its suggested concept, with that concept&apos;s default protection (Ctrl+Shift+A)</source>
        <translation>Associer chaque colonne à son concept suggéré, avec la protection par défaut de ce concept (Ctrl+Maj+A)</translation>
    </message>
    <message>
        <source>Accept for selected column</source>
        <translation>Accepter pour la colonne choisie</translation>
    </message>
    <message>
        <source>Map the selected column to its suggested concept</source>
        <translation>Associer la colonne sélectionnée à son concept suggéré</translation>
    </message>
    <message>
        <source>Accept the suggestion for the selected column</source>
        <translation>Accepter la suggestion pour la colonne sélectionnée</translation>
    </message>
    <message>
        <source>Column in your file</source>
        <translation>Colonne de votre fichier</translation>
    </message>
    <message>
        <source>Identifies a person?</source>
        <translation>Identifie une personne ?</translation>
    </message>
    <message>
        <source>Concept in the recipe</source>
        <translation>Concept retenu</translation>
    </message>
    <message>
        <source>Suggested concept</source>
        <translation>Concept suggéré</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>Correspondance des colonnes</translation>
    </message>
    <message>
        <source>Coded values of the selected column</source>
        <translation>Valeurs codées de la colonne choisie</translation>
    </message>
    <message>
        <source>Select a coded column (sex, ICD-10, stage…) to review its values.</source>
        <translation>Sélectionnez une colonne codée (sexe, CIM-10, stade…) pour revoir ses valeurs.</translation>
    </message>
    <message>
        <source>Value in your file</source>
        <translation>Valeur du fichier</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Code values</source>
        <translation>Valeurs codées</translation>
    </message>
    <message>
        <source>Double-click a value to choose its code by hand</source>
        <translation>Double-cliquez sur une valeur pour choisir son code à la main</translation>
    </message>
    <message>
        <source>Approve all suggested codes</source>
        <translation>Approuver tous les codes suggérés</translation>
    </message>
    <message>
        <source>Mark every suggested code of this column as approved</source>
        <translation>Marquer comme approuvé chaque code suggéré de cette colonne</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Approve the code of the selected values</source>
        <translation>Approuver le code des valeurs sélectionnées</translation>
    </message>
    <message>
        <source>Approve the selected codes</source>
        <translation>Approuver les codes sélectionnés</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Reject the suggested code of the selected values: they need a code chosen by hand</source>
        <translation>Rejeter le code proposé pour les valeurs sélectionnées : il faudra leur choisir un code à la main</translation>
    </message>
    <message>
        <source>Reject the selected codes</source>
        <translation>Rejeter les codes sélectionnés</translation>
    </message>
    <message>
        <source>Set code…</source>
        <translation>Choisir le code…</translation>
    </message>
    <message>
        <source>Choose the code of the selected value by hand, or empty it</source>
        <translation>Choisir à la main le code de la valeur sélectionnée, ou la vider</translation>
    </message>
    <message>
        <source>Set the code of the selected value</source>
        <translation>Choisir le code de la valeur sélectionnée</translation>
    </message>
    <message>
        <source>Validation issues</source>
        <translation>Problèmes de validation</translation>
    </message>
    <message>
        <source>Values that do not fit their concept; double-click one to see its row and cell in the data</source>
        <translation>Valeurs non conformes à leur concept ; double-cliquez sur l&apos;une d&apos;elles pour voir sa ligne et sa cellule dans les données</translation>
    </message>
    <message>
        <source>Why this concept is suggested</source>
        <translation>Pourquoi ce concept est suggéré</translation>
    </message>
    <message>
        <source>Keep the time of day</source>
        <translation>Conserver l&apos;heure</translation>
    </message>
    <message>
        <source>The column holds dates with a time of day. Unticked, the package keeps the date alone; ticked, the date and the time.</source>
        <translation>La colonne contient des dates avec une heure. Décoché, le paquet ne garde que la date ; coché, la date et l&apos;heure.</translation>
    </message>
    <message>
        <source>Keep the time of day of the selected column</source>
        <translation>Conserver l&apos;heure de la colonne sélectionnée</translation>
    </message>
    <message>
        <source>Notes on the suggestions</source>
        <translation>Remarques sur les suggestions</translation>
    </message>
    <message>
        <source>Accept or choose concepts: the values are then checked against them.</source>
        <translation>Acceptez ou choisissez les concepts : les valeurs sont alors contrôlées.</translation>
    </message>
    <message>
        <source>Checking the values…</source>
        <translation>Contrôle des valeurs…</translation>
    </message>
    <message>
        <source>Every value fits its concept.</source>
        <translation>Toutes les valeurs sont conformes à leur concept.</translation>
    </message>
    <message>
        <source>yes, directly</source>
        <translation>oui, directement</translation>
    </message>
    <message>
        <source>in combination (quasi)</source>
        <translation>en combinaison (quasi)</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>sensible</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>non examinée</translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation>(sans correspondance)</translation>
    </message>
    <message>
        <source>Looking at the columns… the suggestions appear here in a moment.</source>
        <translation>Examen des colonnes… les suggestions apparaissent ici dans un instant.</translation>
    </message>
    <message>
        <source>nothing close</source>
        <translation>rien d&apos;approchant</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why {concept} for &apos;{name}&apos;&lt;/b&gt;: {reason}</source>
        <translation>&lt;b&gt;Pourquoi {concept} pour « {name} »&lt;/b&gt; : {reason}</translation>
    </message>
    <message>
        <source>Concept for column {name}</source>
        <translation>Concept de la colonne {name}</translation>
    </message>
    <message>
        <source>Concept for &apos;{name}&apos;. Type to search the vocabulary.</source>
        <translation>Concept de « {name} ». Tapez pour chercher dans le vocabulaire.</translation>
    </message>
    <message>
        <source>{concept}
Concept for &apos;{name}&apos;. Type to search the vocabulary.</source>
        <translation>{concept}
Concept de « {name} ». Tapez pour chercher dans le vocabulaire.</translation>
    </message>
    <message>
        <source>Vocabulary {name} {version}. {mapped} of {total} columns mapped.</source>
        <translation>Vocabulaire {name} {version}. {mapped} colonnes sur {total} en correspondance.</translation>
    </message>
    <message>
        <source>accept all suggestions</source>
        <translation>accepter toutes les suggestions</translation>
    </message>
    <message>
        <source>accept the suggestion for &apos;{name}&apos;</source>
        <translation>accepter la suggestion pour « {name} »</translation>
    </message>
    <message>
        <source>map &apos;{name}&apos; to {concept}</source>
        <translation>associer « {name} » à {concept}</translation>
    </message>
    <message>
        <source>unmap &apos;{name}&apos;</source>
        <translation>retirer la correspondance de « {name} »</translation>
    </message>
    <message>
        <source>keep the time of day of &apos;{name}&apos;</source>
        <translation>conserver l&apos;heure de « {name} »</translation>
    </message>
    <message>
        <source>drop the time of day of &apos;{name}&apos;</source>
        <translation>retirer l&apos;heure de « {name} »</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>suggéré</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approuvé</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <source>no code found</source>
        <translation>aucun code trouvé</translation>
    </message>
    <message>
        <source>(emptied)</source>
        <translation>(vidée)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has no values to recode: they are used as they are.</source>
        <translation>« {name} » n&apos;a pas de valeurs à recoder : elles sont utilisées telles quelles.</translation>
    </message>
    <message>
        <source>{count} values of &apos;{name}&apos; and the code each becomes.</source>
        <translation>{count} valeurs de « {name} » et le code que devient chacune.</translation>
    </message>
    <message>
        <source>approve {count} code(s) of &apos;{name}&apos;</source>
        <translation>approuver {count} code(s) de « {name} »</translation>
    </message>
    <message>
        <source>reject {count} code(s) of &apos;{name}&apos;</source>
        <translation>rejeter {count} code(s) de « {name} »</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; is not a code of {concept}: choose one from the list.</source>
        <translation>« {code} » n&apos;est pas un code de {concept} : choisissez-en un dans la liste.</translation>
    </message>
    <message>
        <source>empty &apos;{value}&apos; in &apos;{name}&apos;</source>
        <translation>vider « {value} » dans « {name} »</translation>
    </message>
    <message>
        <source>code &apos;{value}&apos; as {code} in &apos;{name}&apos;</source>
        <translation>coder « {value} » en {code} dans « {name} »</translation>
    </message>
    <message>
        <source>(empty the value)</source>
        <translation>(vider la valeur)</translation>
    </message>
    <message>
        <source>Code for &apos;{value}&apos; in &apos;{name}&apos;:</source>
        <translation>Code de « {value} » dans « {name} » :</translation>
    </message>
    <message>
        <source>approve the codes of &apos;{name}&apos;</source>
        <translation>approuver les codes de « {name} »</translation>
    </message>
</context>
<context>
    <name>ProtectPage</name>
    <message>
        <source>Protect the people in the data</source>
        <translation>Protéger les personnes présentes dans les données</translation>
    </message>
    <message>
        <source>Choose what happens to each column on its way out. Columns that identify someone directly must be dropped or pseudonymised. Tick the quasi-identifiers (what an outsider could know) to measure the risk that remains.</source>
        <translation>Choisissez ce que devient chaque colonne à l&apos;export. Les colonnes qui identifient directement quelqu&apos;un doivent être supprimées ou pseudonymisées. Cochez les quasi-identifiants (ce qu&apos;un tiers pourrait connaître) pour mesurer le risque restant.</translation>
    </message>
    <message>
        <source>Open a file on the Load step first.</source>
        <translation>Ouvrez d&apos;abord un fichier à l&apos;étape Charger.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Identifies a person?</source>
        <translation>Identifie une personne ?</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Quasi-identifier</source>
        <translation>Quasi-identifiant</translation>
    </message>
    <message>
        <source>Protection of each column</source>
        <translation>Protection de chaque colonne</translation>
    </message>
    <message>
        <source>Re-identification risk</source>
        <translation>Risque de réidentification</translation>
    </message>
    <message>
        <source>Each record should look like at least k records on the quasi-identifiers</source>
        <translation>Chaque enregistrement doit ressembler à au moins k enregistrements sur les quasi-identifiants</translation>
    </message>
    <message>
        <source>k target</source>
        <translation>k visé</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Groups of look-alikes</source>
        <translation>Groupes de sosies</translation>
    </message>
    <message>
        <source>Unique records</source>
        <translation>Enregistrements uniques</translation>
    </message>
    <message>
        <source>Records at risk (below k)</source>
        <translation>Enregistrements à risque (sous k)</translation>
    </message>
    <message>
        <source>Highest risk</source>
        <translation>Risque maximal</translation>
    </message>
    <message>
        <source>Records by size of their group of look-alikes; red: smaller than k</source>
        <translation>Enregistrements selon la taille de leur groupe de sosies ; en rouge : moins de k</translation>
    </message>
    <message>
        <source>Chart of group sizes</source>
        <translation>Graphique des tailles de groupes</translation>
    </message>
    <message>
        <source>Quasi-identifiers in order of importance</source>
        <translation>Quasi-identifiants par ordre d&apos;importance</translation>
    </message>
    <message>
        <source>Reach k blanks cells of the last ones first and keeps the first ones longest</source>
        <translation>Atteindre k masque d&apos;abord les cellules des derniers et garde les premiers le plus longtemps</translation>
    </message>
    <message>
        <source>Order of importance</source>
        <translation>Ordre d&apos;importance</translation>
    </message>
    <message>
        <source>More important</source>
        <translation>Plus important</translation>
    </message>
    <message>
        <source>Less important</source>
        <translation>Moins important</translation>
    </message>
    <message>
        <source>Reach k</source>
        <translation>Atteindre k</translation>
    </message>
    <message>
        <source>Find the least generalisation of the quasi-identifiers that makes every group at least k records</source>
        <translation>Trouver la plus petite généralisation des quasi-identifiants qui donne des groupes d&apos;au moins k enregistrements</translation>
    </message>
    <message>
        <source>Across the tables, in persons</source>
        <translation>Entre les tables, en personnes</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Groups of look-alike persons</source>
        <translation>Groupes de personnes semblables</translation>
    </message>
    <message>
        <source>Unique persons</source>
        <translation>Personnes uniques</translation>
    </message>
    <message>
        <source>Persons at risk (below k)</source>
        <translation>Personnes à risque (sous k)</translation>
    </message>
    <message>
        <source>Risk in this table, in records</source>
        <translation>Risque dans cette table, en enregistrements</translation>
    </message>
    <message>
        <source>No person key, or no quasi-identifier ticked in a table linked to it: the risk is counted in records of each table (below).</source>
        <translation>Pas de clé de personne, ou aucun quasi-identifiant coché dans une table qui lui est liée : le risque est compté en enregistrements de chaque table (ci-dessous).</translation>
    </message>
    <message>
        <source>A person&apos;s quasi-identifiers are gathered from every table; each person counts once. Every person is in a group of at least {k}.</source>
        <translation>Les quasi-identifiants d&apos;une personne sont rassemblés depuis toutes les tables ; chaque personne compte une fois. Chaque personne est dans un groupe d&apos;au moins {k}.</translation>
    </message>
    <message>
        <source>Measuring the risk across the tables…</source>
        <translation>Mesure du risque entre les tables…</translation>
    </message>
    <message>
        <source>Cannot measure the risk across the tables</source>
        <translation>Impossible de mesurer le risque entre les tables</translation>
    </message>
    <message>
        <source>directly</source>
        <translation>directement</translation>
    </message>
    <message>
        <source>in combination (quasi)</source>
        <translation>en combinaison (quasi)</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>sensible</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>keep as is</source>
        <translation>garder tel quel</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>supprimer</translation>
    </message>
    <message>
        <source>pseudonymise</source>
        <translation>pseudonymiser</translation>
    </message>
    <message>
        <source>generalise</source>
        <translation>généraliser</translation>
    </message>
    <message>
        <source>shift dates (±30 days)</source>
        <translation>décaler les dates (±30 jours)</translation>
    </message>
    <message>
        <source>bands of 10</source>
        <translation>tranches de 10</translation>
    </message>
    <message>
        <source>cap at 90</source>
        <translation>plafonner à 90</translation>
    </message>
    <message>
        <source>rare values → other</source>
        <translation>valeurs rares → autre</translation>
    </message>
    <message>
        <source>scrub free text</source>
        <translation>nettoyer le texte libre</translation>
    </message>
    <message>
        <source>the year</source>
        <translation>à l’année</translation>
    </message>
    <message>
        <source>the year and month</source>
        <translation>à l’année et au mois</translation>
    </message>
    <message>
        <source>the quarter</source>
        <translation>au trimestre</translation>
    </message>
    <message>
        <source>the département</source>
        <translation>au département</translation>
    </message>
    <message>
        <source>the region</source>
        <translation>à la région</translation>
    </message>
    <message>
        <source>up to {days} days</source>
        <translation>jusqu’à {days} jours</translation>
    </message>
    <message>
        <source>bands of {width}</source>
        <translation>par tranches de {width}</translation>
    </message>
    <message>
        <source>at {reference}</source>
        <translation>au {reference}</translation>
    </message>
    <message>
        <source>Identification class of {name}</source>
        <translation>Classe d&apos;identification de {name}</translation>
    </message>
    <message>
        <source>What curator detected; change it if you know better</source>
        <translation>Ce que curator a détecté ; corrigez-le si vous en savez plus</translation>
    </message>
    <message>
        <source>Action for {name}</source>
        <translation>Action pour {name}</translation>
    </message>
    <message>
        <source>What happens to this column in the package</source>
        <translation>Ce que devient cette colonne dans le paquet</translation>
    </message>
    <message>
        <source>{name} is a quasi-identifier</source>
        <translation>{name} est un quasi-identifiant</translation>
    </message>
    <message>
        <source>Could an outsider know this about a person (age, sex, place, dates)?</source>
        <translation>Un tiers pourrait-il connaître cette information sur une personne (âge, sexe, lieu, dates) ?</translation>
    </message>
    <message>
        <source>No decision yet: accept the suggestions on the Map step, or choose an action per column here. Columns without a decision are not exported.</source>
        <translation>Aucune décision pour l&apos;instant : acceptez les suggestions à l&apos;étape Correspondances, ou choisissez ici une action par colonne. Les colonnes sans décision ne sont pas exportées.</translation>
    </message>
    <message>
        <source>{count} columns have no decision and will not be exported.</source>
        <translation>{count} colonnes n&apos;ont pas de décision et ne seront pas exportées.</translation>
    </message>
    <message>
        <source>Every column has a decision.</source>
        <translation>Chaque colonne a une décision.</translation>
    </message>
    <message>
        <source>mark &apos;{name}&apos; as {klass}</source>
        <translation>marquer « {name} » comme {klass}</translation>
    </message>
    <message>
        <source>Keep an identifying column?</source>
        <translation>Garder une colonne identifiante ?</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; identifies people directly. Keeping it exports it as it is.

Keep it anyway? The package records that you confirmed it.</source>
        <translation>« {name} » identifie directement des personnes. La garder l&apos;exporte telle quelle.

La garder quand même ? Le paquet enregistre que vous l&apos;avez confirmé.</translation>
    </message>
    <message>
        <source>{action} &apos;{name}&apos;</source>
        <translation>{action} « {name} »</translation>
    </message>
    <message>
        <source>add &apos;{name}&apos; to the quasi-identifiers</source>
        <translation>ajouter « {name} » aux quasi-identifiants</translation>
    </message>
    <message>
        <source>remove &apos;{name}&apos; from the quasi-identifiers</source>
        <translation>retirer « {name} » des quasi-identifiants</translation>
    </message>
    <message>
        <source>change the importance of &apos;{name}&apos;</source>
        <translation>changer l&apos;importance de « {name} »</translation>
    </message>
    <message>
        <source>set k to {k}</source>
        <translation>fixer k à {k}</translation>
    </message>
    <message>
        <source>(not exported)</source>
        <translation>(non exporté)</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(inchangé)</translation>
    </message>
    <message>
        <source>(no preview: {reason})</source>
        <translation>(pas d&apos;aperçu : {reason})</translation>
    </message>
    <message>
        <source>Tick the quasi-identifiers to measure the risk.</source>
        <translation>Cochez les quasi-identifiants pour mesurer le risque.</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Mesure en cours…</translation>
    </message>
    <message>
        <source>Measuring the re-identification risk…</source>
        <translation>Mesure du risque de réidentification…</translation>
    </message>
    <message>
        <source>Cannot measure the risk</source>
        <translation>Impossible de mesurer le risque</translation>
    </message>
    <message>
        <source>Every record is in a group of at least {k}.</source>
        <translation>Chaque enregistrement est dans un groupe d&apos;au moins {k}.</translation>
    </message>
    <message>
        <source>{count} records are in groups smaller than {k}: generalise a quasi-identifier, or use Reach k.</source>
        <translation>{count} enregistrements sont dans des groupes de moins de {k} : généralisez un quasi-identifiant ou utilisez « Atteindre k ».</translation>
    </message>
    <message>
        <source>{column}: level {level}/{top}</source>
        <translation>{column} : niveau {level}/{top}</translation>
    </message>
    <message>
        <source>; </source>
        <translation> ; </translation>
    </message>
    <message>
        <source>generalise to reach k = {k}</source>
        <translation>généraliser pour atteindre k = {k}</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>Looking for the least generalisation reaching k = {k}…</source>
        <translation>Recherche de la plus petite généralisation atteignant k = {k}…</translation>
    </message>
    <message>
        <source>Cannot reach k</source>
        <translation>Impossible d&apos;atteindre k</translation>
    </message>
    <message>
        <source>Floor (coarsest kept)</source>
        <translation>Plancher (le plus grossier admis)</translation>
    </message>
    <message>
        <source>Before → in the package (first values)</source>
        <translation>Avant → dans le paquet (premières valeurs)</translation>
    </message>
    <message>
        <source>Cells that may be suppressed</source>
        <translation>Cellules qui peuvent être supprimées</translation>
    </message>
    <message>
        <source>Reach k may blank at most this share of the quasi-identifier cells</source>
        <translation>« Atteindre k » peut effacer au plus cette part des cellules de quasi-identifiants</translation>
    </message>
    <message>
        <source>Records that may lose a cell</source>
        <translation>Enregistrements qui peuvent perdre une cellule</translation>
    </message>
    <message>
        <source>Reach k may touch at most this share of the records</source>
        <translation>« Atteindre k » peut toucher au plus cette part des enregistrements</translation>
    </message>
    <message>
        <source>Use the coarser floors suggested</source>
        <translation>Prendre les planchers plus grossiers proposés</translation>
    </message>
    <message>
        <source>What the data keep</source>
        <translation>Ce que gardent les données</translation>
    </message>
    <message>
        <source>As requested</source>
        <translation>Comme demandé</translation>
    </message>
    <message>
        <source>Coarser</source>
        <translation>Plus grossier</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Share of each quasi-identifier kept</source>
        <translation>Part conservée de chaque quasi-identifiant</translation>
    </message>
    <message>
        <source>Quasi-identifier shown in the histogram</source>
        <translation>Quasi-identifiant affiché dans l&apos;histogramme</translation>
    </message>
    <message>
        <source>Records per value: grey before Reach k, blue after, red the suppressed cells</source>
        <translation>Enregistrements par valeur : en gris avant « Atteindre k », en bleu après, en rouge les cellules supprimées</translation>
    </message>
    <message>
        <source>Histogram before and after Reach k</source>
        <translation>Histogramme avant et après « Atteindre k »</translation>
    </message>
    <message>
        <source>What the hub receives</source>
        <translation>Ce que reçoit la plateforme</translation>
    </message>
    <message>
        <source>Table of the package shown</source>
        <translation>Table du paquet affichée</translation>
    </message>
    <message>
        <source>The package holds every table of the submission: choose the one whose rows are shown here</source>
        <translation>Le paquet contient toutes les tables de l&apos;envoi : choisissez celle dont les lignes sont affichées ici</translation>
    </message>
    <message>
        <source>The first rows of the package&apos;s data</source>
        <translation>Les premières lignes des données du paquet</translation>
    </message>
    <message>
        <source>Reach k across the tables, in persons</source>
        <translation>Atteindre k entre les tables, en personnes</translation>
    </message>
    <message>
        <source>Reach k in persons</source>
        <translation>Atteindre k en personnes</translation>
    </message>
    <message>
        <source>Persons that may lose a cell</source>
        <translation>Personnes qui peuvent perdre une cellule</translation>
    </message>
    <message>
        <source>Reach k may touch at most this share of the persons (a person suppressed whole counts)</source>
        <translation>« Atteindre k » peut toucher au plus cette part des personnes (une personne supprimée entièrement compte)</translation>
    </message>
    <message>
        <source>Find the least generalisation of every table&apos;s quasi-identifiers that makes every group of persons, their quasi-identifiers gathered from all the tables, at least k persons</source>
        <translation>Trouver la moindre généralisation des quasi-identifiants de chaque table qui rend chaque groupe de personnes, leurs quasi-identifiants rassemblés depuis toutes les tables, d&apos;au moins k personnes</translation>
    </message>
    <message>
        <source>A person&apos;s quasi-identifiers are gathered from every table; each person counts once. {count} persons are in groups smaller than {k}: Reach k below generalises across the tables, in persons.</source>
        <translation>Les quasi-identifiants d&apos;une personne sont rassemblés depuis toutes les tables ; chaque personne compte une fois. {count} personnes sont dans des groupes de moins de {k} : « Atteindre k » ci-dessous généralise entre les tables, en personnes.</translation>
    </message>
    <message>
        <source>any level but *</source>
        <translation>tout niveau sauf *</translation>
    </message>
    <message>
        <source>as requested</source>
        <translation>comme demandé</translation>
    </message>
    <message>
        <source>year and month</source>
        <translation>année et mois</translation>
    </message>
    <message>
        <source>year</source>
        <translation>année</translation>
    </message>
    <message>
        <source>decade</source>
        <translation>décennie</translation>
    </message>
    <message>
        <source>département</source>
        <translation>département</translation>
    </message>
    <message>
        <source>bands of 5</source>
        <translation>tranches de 5</translation>
    </message>
    <message>
        <source>Floor of {name}</source>
        <translation>Plancher de {name}</translation>
    </message>
    <message>
        <source>The coarsest precision Reach k may release for this quasi-identifier; below it, cells are suppressed instead</source>
        <translation>La précision la plus grossière que « Atteindre k » peut publier pour ce quasi-identifiant ; au-delà, des cellules sont supprimées à la place</translation>
    </message>
    <message>
        <source>level {level}</source>
        <translation>niveau {level}</translation>
    </message>
    <message>
        <source>set the floor of &apos;{name}&apos;</source>
        <translation>modifier le plancher de « {name} »</translation>
    </message>
    <message>
        <source>set the suppression caps</source>
        <translation>modifier les plafonds de suppression</translation>
    </message>
    <message>
        <source>{count} records of this table are in groups smaller than {k}; the package is judged in persons across the tables (above).</source>
        <translation>{count} enregistrements de cette table sont dans des groupes de moins de {k} ; le paquet est jugé en personnes entre les tables (ci-dessus).</translation>
    </message>
    <message>
        <source>Found: {parts}. Information lost: {loss:.0%}; cells suppressed: {cells} in {records} records.</source>
        <translation>Trouvé : {parts}. Information perdue : {loss:.0%} ; cellules supprimées : {cells} dans {records} enregistrements.</translation>
    </message>
    <message>
        <source>generalise to reach k = {k} persons across the tables</source>
        <translation>généraliser pour atteindre k = {k} personnes entre les tables</translation>
    </message>
    <message>
        <source>Looking for the least generalisation reaching k = {k} persons across the tables…</source>
        <translation>Recherche de la moindre généralisation atteignant k = {k} personnes entre les tables…</translation>
    </message>
    <message>
        <source>{column} level {level}/{top}</source>
        <translation>{column} niveau {level}/{top}</translation>
    </message>
    <message>
        <source>{column} level {level}</source>
        <translation>{column} niveau {level}</translation>
    </message>
    <message>
        <source>no quasi-identifier</source>
        <translation>aucun quasi-identifiant</translation>
    </message>
    <message>
        <source>{levels} (no person key: k reached in its own records)</source>
        <translation>{levels} (pas de clé de personne : k atteint dans ses propres enregistrements)</translation>
    </message>
    <message>
        <source>{table}: {levels}</source>
        <translation>{table} : {levels}</translation>
    </message>
    <message>
        <source>cells suppressed on every row holding them: {cells} (of {touched} persons); persons suppressed whole, their rows leaving every table: {whole}</source>
        <translation>cellules supprimées sur chaque ligne qui les porte : {cells} (de {touched} personnes) ; personnes supprimées entièrement, leurs lignes quittant toutes les tables : {whole}</translation>
    </message>
    <message>
        <source>persons suppressed whole, their rows leaving every table: {whole}</source>
        <translation>personnes supprimées entièrement, leurs lignes quittant toutes les tables : {whole}</translation>
    </message>
    <message>
        <source>k = {k} reached in persons across the {count} tables ({persons} persons). {levels}. Information lost: {loss:.0%}; {suppressed}.</source>
        <translation>k = {k} atteint en personnes entre les {count} tables ({persons} personnes). {levels}. Information perdue : {loss:.0%} ; {suppressed}.</translation>
    </message>
    <message>
        <source>Raising the caps alone cannot reach k here: choose coarser floors, remove a quasi-identifier or lower k.</source>
        <translation>Relever les plafonds ne suffit pas ici à atteindre k : choisissez des planchers plus grossiers, retirez un quasi-identifiant ou baissez k.</translation>
    </message>
    <message>
        <source>persons</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>records</source>
        <translation>enregistrements</translation>
    </message>
    <message>
        <source>To reach k at these floors, raise “{cells_cap}” above to {cells} % and “{records_cap}” to {records} % ({count} {unit} touched), then run Reach k again.</source>
        <translation>Pour atteindre k à ces planchers, relevez « {cells_cap} » ci-dessus à {cells} % et « {records_cap} » à {records} % ({count} {unit} touchés), puis relancez « Atteindre k ».</translation>
    </message>
    <message>
        <source>use the coarser floors suggested</source>
        <translation>prendre les planchers plus grossiers proposés</translation>
    </message>
    <message>
        <source>Computing the package&apos;s data…</source>
        <translation>Calcul des données du paquet…</translation>
    </message>
    <message>
        <source>No package can be written yet: {reason}</source>
        <translation>Aucun paquet ne peut encore être écrit : {reason}</translation>
    </message>
    <message>
        <source>Computing what the hub receives…</source>
        <translation>Calcul de ce que reçoit la plateforme…</translation>
    </message>
    <message>
        <source>Cannot compute the package&apos;s data</source>
        <translation>Impossible de calculer les données du paquet</translation>
    </message>
    <message>
        <source>Pseudonyms under a throw-away secret, the same for every table: the tables join as in the package</source>
        <translation>Pseudonymes sous un secret jetable, le même pour toutes les tables : elles se joignent comme dans le paquet</translation>
    </message>
    <message>
        <source>{member}: the first {rows} of {total} rows as the package holds them.</source>
        <translation>{member} : les {rows} premières des {total} lignes, telles que le paquet les contient.</translation>
    </message>
    <message>
        <source>The first {rows} of {total} rows as the package holds them (pseudonyms under a throw-away secret).</source>
        <translation>Les {rows} premières des {total} lignes, telles que le paquet les contient (pseudonymes sous un secret jetable).</translation>
    </message>
    <message>
        <source>Run Reach k to measure what the protection costs.</source>
        <translation>Lancez « Atteindre k » pour mesurer ce que coûte la protection.</translation>
    </message>
    <message>
        <source>Information lost (ARX&apos;s measures), before → after Reach k: entropy {e0:.1%} → {e1:.1%}; precision {p0:.1%} → {p1:.1%}; discernibility {d0:.2%} → {d1:.2%}.</source>
        <translation>Information perdue (mesures d&apos;ARX), avant → après « Atteindre k » : entropie {e0:.1%} → {e1:.1%} ; précision {p0:.1%} → {p1:.1%} ; discernabilité {d0:.2%} → {d1:.2%}.</translation>
    </message>
    <message>
        <source>Reach k was cancelled.</source>
        <translation>« Atteindre k » a été annulé.</translation>
    </message>
</context>
<context>
    <name>TableSelector</name>
    <message>
        <source>Table of the submission shown</source>
        <translation>Table de l&apos;envoi affichée</translation>
    </message>
    <message>
        <source>This step works on one table at a time; the package holds them all</source>
        <translation>Cette étape travaille sur une table à la fois ; le paquet les contient toutes</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>Table :</translation>
    </message>
    <message>
        <source>{name} ({rows} rows)</source>
        <translation>{name} ({rows} lignes)</translation>
    </message>
    <message>
        <source>one of the {count} tables of this submission</source>
        <translation>une des {count} tables de cet envoi</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Annuler : {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Rétablir : {what}</translation>
    </message>
    <message>
        <source>Undo the last decision (Ctrl+Z)</source>
        <translation>Annuler la dernière décision (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo the decision just undone (Ctrl+Shift+Z)</source>
        <translation>Rétablir la décision annulée (Ctrl+Maj+Z)</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>column &apos;{column}&apos;: {message} — {hint}</source>
        <translation>colonne « {column} » : {message} — {hint}</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;: {message}</source>
        <translation>colonne « {column} » : {message}</translation>
    </message>
    <message>
        <source>{message} — {hint}</source>
        <translation>{message} — {hint}</translation>
    </message>
    <message>
        <source>the recipe was mapped against vocabulary &apos;{recorded}&apos;, not &apos;{vocabulary}&apos;</source>
        <translation>la recette a été établie avec le vocabulaire « {recorded} », pas « {vocabulary} »</translation>
    </message>
    <message>
        <source>Load the vocabulary the recipe names, or map the columns again.</source>
        <translation>Chargez le vocabulaire que nomme la recette, ou refaites la correspondance des colonnes.</translation>
    </message>
    <message>
        <source>concept &apos;{concept}&apos; is not in vocabulary &apos;{vocabulary}&apos;</source>
        <translation>le concept « {concept} » n&apos;existe pas dans le vocabulaire « {vocabulary} »</translation>
    </message>
    <message>
        <source>Map the column to a concept of this vocabulary, or leave it unmapped.</source>
        <translation>Associez la colonne à un concept de ce vocabulaire, ou laissez-la sans concept.</translation>
    </message>
    <message>
        <source>identifies a person directly and would be exported as is</source>
        <translation>identifie directement une personne et serait exportée telle quelle</translation>
    </message>
    <message>
        <source>Pseudonymise or drop it, or confirm explicitly that it must be kept.</source>
        <translation>Pseudonymisez-la ou supprimez-la, ou confirmez explicitement qu&apos;elle doit être conservée.</translation>
    </message>
    <message>
        <source>{count} value(s) have no code yet</source>
        <translation>{count} valeur(s) sans code pour l&apos;instant</translation>
    </message>
    <message>
        <source>Map them, empty them, or exclude their rows.</source>
        <translation>Attribuez-leur un code, videz-les ou excluez leurs lignes.</translation>
    </message>
    <message>
        <source>{count} value(s) {problem} (rule &apos;{rule}&apos;), first at row {row}</source>
        <translation>{count} valeur(s) : {problem} (règle « {rule} »), première à la ligne {row}</translation>
    </message>
    <message>
        <source>Correct the source, map the values, or decide: empty them, exclude the rows, or keep them.</source>
        <translation>Corrigez la source, recodez les valeurs, ou décidez : les vider, exclure les lignes ou les conserver.</translation>
    </message>
    <message>
        <source>decimal comma read as a decimal point</source>
        <translation>virgule décimale lue comme séparateur décimal</translation>
    </message>
    <message>
        <source>dates read as {formats}</source>
        <translation>dates lues au format {formats}</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>the date part was kept: the time of day of {count} values was dropped</source>
        <translation>la date a été gardée : l’heure de {count} valeurs a été retirée</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>JJ/MM/AAAA</translation>
    </message>
    <message>
        <source>DD-MM-YYYY</source>
        <translation>JJ-MM-AAAA</translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>JJ.MM.AAAA</translation>
    </message>
    <message>
        <source>YYYY/MM/DD</source>
        <translation>AAAA/MM/JJ</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>AAAAMMJJ</translation>
    </message>
    <message>
        <source>DDMMYYYY</source>
        <translation>JJMMAAAA</translation>
    </message>
    <message>
        <source>YYYY-MM-DDThh:mm:ss</source>
        <translation>AAAA-MM-JJThh:mm:ss</translation>
    </message>
    <message>
        <source>YYYY-MM-DD hh:mm:ss</source>
        <translation>AAAA-MM-JJ hh:mm:ss</translation>
    </message>
    <message>
        <source>YYYY-MM-DDThh:mm:ssZ</source>
        <translation>AAAA-MM-JJThh:mm:ssZ</translation>
    </message>
    <message>
        <source>DD/MM/YYYY hh:mm:ss</source>
        <translation>JJ/MM/AAAA hh:mm:ss</translation>
    </message>
    <message>
        <source>DD/MM/YYYY hh:mm</source>
        <translation>JJ/MM/AAAA hh:mm</translation>
    </message>
    <message>
        <source>YYYY-MM-DD hh:mm</source>
        <translation>AAAA-MM-JJ hh:mm</translation>
    </message>
    <message>
        <source>YYYY-MM-DDThh:mm</source>
        <translation>AAAA-MM-JJThh:mm</translation>
    </message>
    <message>
        <source>DDMONYYYY:hh:mm:ss</source>
        <translation>JJMOIAAAA:hh:mm:ss</translation>
    </message>
    <message>
        <source>DDMONYYYY</source>
        <translation>JJMOIAAAA</translation>
    </message>
    <message>
        <source>DD/MM/YY</source>
        <translation>JJ/MM/AA</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/JJ/AAAA</translation>
    </message>
    <message>
        <source>YYYY-MM-DD hh:mm:ss.ffffff</source>
        <translation>AAAA-MM-JJ hh:mm:ss.ffffff</translation>
    </message>
    <message>
        <source>YYYY-MM-DDThh:mm:ss.ffffff</source>
        <translation>AAAA-MM-JJThh:mm:ss.ffffff</translation>
    </message>
    <message>
        <source>DD month YYYY</source>
        <translation>JJ mois AAAA</translation>
    </message>
    <message>
        <source>{count} distinct value(s) recoded with the code map</source>
        <translation>{count} valeur(s) distincte(s) recodée(s) avec la table de codes</translation>
    </message>
    <message>
        <source>spaces, dots and dashes removed from {count} NIR(s)</source>
        <translation>espaces, points et tirets retirés de {count} NIR</translation>
    </message>
    <message>
        <source>not a date in the detected format</source>
        <translation>pas une date au format détecté</translation>
    </message>
    <message>
        <source>not a date and time</source>
        <translation>pas une date et heure</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>pas un nombre entier</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>pas un nombre</translation>
    </message>
    <message>
        <source>not a year</source>
        <translation>pas une année</translation>
    </message>
    <message>
        <source>not a year and month (YYYY-MM)</source>
        <translation>pas une année et un mois (AAAA-MM)</translation>
    </message>
    <message>
        <source>not a yes/no value</source>
        <translation>pas une valeur oui/non</translation>
    </message>
    <message>
        <source>outside the allowed range</source>
        <translation>hors de l&apos;intervalle autorisé</translation>
    </message>
    <message>
        <source>not in the expected form</source>
        <translation>pas sous la forme attendue</translation>
    </message>
    <message>
        <source>check digit (key) is wrong</source>
        <translation>clé de contrôle erronée</translation>
    </message>
    <message>
        <source>not a code of the list and not mapped</source>
        <translation>pas un code de la liste, et non recodée</translation>
    </message>
    <message>
        <source>not one of the allowed values</source>
        <translation>pas une des valeurs autorisées</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>longueur incorrecte</translation>
    </message>
    <message>
        <source>empty where a value is required</source>
        <translation>vide alors qu&apos;une valeur est obligatoire</translation>
    </message>
    <message>
        <source>duplicated where values must be unique</source>
        <translation>en double alors que les valeurs doivent être uniques</translation>
    </message>
    <message>
        <source>the same primary key on several rows</source>
        <translation>la même clé primaire sur plusieurs lignes</translation>
    </message>
    <message>
        <source>refers to no row of the table it links to</source>
        <translation>ne renvoie à aucune ligne de la table liée</translation>
    </message>
    <message>
        <source>{rows} rows checked: no problem found.</source>
        <translation>{rows} lignes vérifiées : aucun problème trouvé.</translation>
    </message>
    <message>
        <source>{rows} rows checked: {rules} rule(s) broken by {broken} value(s), {undecided} still to decide; {excluded} row(s) excluded.</source>
        <translation>{rows} lignes vérifiées : {rules} règle(s) enfreinte(s) par {broken} valeur(s), {undecided} encore à trancher ; {excluded} ligne(s) exclue(s).</translation>
    </message>
    <message>
        <source>checking &apos;{name}&apos;</source>
        <translation>vérification de « {name} »</translation>
    </message>
    <message>
        <source>{column}: {note}</source>
        <translation>{column} : {note}</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <source>ICD-10 (CIM-10) diagnosis codes</source>
        <translation>codes diagnostiques CIM-10</translation>
    </message>
    <message>
        <source>CCAM procedure codes</source>
        <translation>codes d&apos;actes CCAM</translation>
    </message>
    <message>
        <source>ATC drug codes</source>
        <translation>codes de médicaments ATC</translation>
    </message>
    <message>
        <source>ICD-O-3 morphology codes</source>
        <translation>codes de morphologie CIM-O-3</translation>
    </message>
    <message>
        <source>TNM stages</source>
        <translation>stades TNM</translation>
    </message>
    <message>
        <source>{sampled} are {what}</source>
        <translation>{sampled} sont des {what}</translation>
    </message>
    <message>
        <source>sampled values are vital statuses ({values})</source>
        <translation>les valeurs échantillonnées sont des statuts vitaux ({values})</translation>
    </message>
    <message>
        <source>sampled values are test results ({values})</source>
        <translation>les valeurs échantillonnées sont des résultats d&apos;examens ({values})</translation>
    </message>
    <message>
        <source>sampled values are discharge destinations ({values})</source>
        <translation>les valeurs échantillonnées sont des modes de sortie ({values})</translation>
    </message>
    <message>
        <source>phone numbers</source>
        <translation>numéros de téléphone</translation>
    </message>
    <message>
        <source>e-mail addresses</source>
        <translation>adresses e-mail</translation>
    </message>
    <message>
        <source>NIRs</source>
        <translation>NIR</translation>
    </message>
    <message>
        <source>dates</source>
        <translation>dates</translation>
    </message>
    <message>
        <source>names after a title (Dr, M., Mme...)</source>
        <translation>noms précédés d&apos;un titre (Dr, M., Mme...)</translation>
    </message>
    <message>
        <source>street addresses</source>
        <translation>adresses postales</translation>
    </message>
    <message>
        <source>record numbers after a label (IPP, dossier...)</source>
        <translation>numéros de dossier précédés d&apos;un libellé (IPP, dossier...)</translation>
    </message>
    <message>
        <source>{count:,} with {what}</source>
        <translation>{count:,} avec des {what}</translation>
    </message>
    <message>
        <source>{count:,} sampled values are free text ({words:.0f} words on average); found inside: {found}</source>
        <translation>{count:,} valeurs échantillonnées sont du texte libre ({words:.0f} mots en moyenne) ; trouvé dedans : {found}</translation>
    </message>
    <message>
        <source>{count:,} sampled values are free text ({words:.0f} words on average); nothing identifying found inside the sample, but free text may hold anything</source>
        <translation>{count:,} valeurs échantillonnées sont du texte libre ({words:.0f} mots en moyenne) ; rien d&apos;identifiant dans l&apos;échantillon, mais un texte libre peut contenir n&apos;importe quoi</translation>
    </message>
    <message>
        <source>{sampled} are valid NIRs (check key verified)</source>
        <translation>{sampled} sont des NIR valides (clé vérifiée)</translation>
    </message>
    <message>
        <source>{sampled} have a NIR&apos;s 13 digits without the key</source>
        <translation>{sampled} ont les 13 chiffres d&apos;un NIR, sans la clé</translation>
    </message>
    <message>
        <source>; </source>
        <translation> ; </translation>
    </message>
    <message>
        <source>{sampled} are valid RPPS numbers (11 digits, Luhn key)</source>
        <translation>{sampled} sont des numéros RPPS valides (11 chiffres, clé de Luhn)</translation>
    </message>
    <message>
        <source>{sampled} are 9-character numbers with a valid key, repeated like FINESS establishment numbers ({distinct:,} distinct)</source>
        <translation>{sampled} sont des numéros de 9 caractères à clé valide, répétés comme des numéros FINESS d&apos;établissement ({distinct:,} distincts)</translation>
    </message>
    <message>
        <source>{sampled} are 9-character numbers with a valid key, varied like ADELI practitioner numbers ({distinct:,} distinct)</source>
        <translation>{sampled} sont des numéros de 9 caractères à clé valide, variés comme des numéros ADELI de professionnels ({distinct:,} distincts)</translation>
    </message>
    <message>
        <source>{sampled} are e-mail addresses</source>
        <translation>{sampled} sont des adresses e-mail</translation>
    </message>
    <message>
        <source>{sampled} are phone numbers</source>
        <translation>{sampled} sont des numéros de téléphone</translation>
    </message>
    <message>
        <source>{sampled} are valid IBANs (check digits verified)</source>
        <translation>{sampled} sont des IBAN valides (clé vérifiée)</translation>
    </message>
    <message>
        <source>{sampled} are IP addresses</source>
        <translation>{sampled} sont des adresses IP</translation>
    </message>
    <message>
        <source>{sampled} are web addresses (URLs)</source>
        <translation>{sampled} sont des adresses web (URL)</translation>
    </message>
    <message>
        <source>{sampled} have the shape of a US social security number (123-45-6789)</source>
        <translation>{sampled} ont la forme d&apos;un numéro de sécurité sociale américain (123-45-6789)</translation>
    </message>
    <message>
        <source>{sampled} are UUIDs, record identifiers</source>
        <translation>{sampled} sont des UUID, identifiants d&apos;enregistrement</translation>
    </message>
    <message>
        <source>all {count:,} sampled values are distinct codes of one shape, like record identifiers</source>
        <translation>les {count:,} valeurs échantillonnées sont des codes distincts de même forme, comme des identifiants d&apos;enregistrement</translation>
    </message>
    <message>
        <source>all {count:,} sampled values are distinct whole numbers between {low} and {high}, like line numbers</source>
        <translation>les {count:,} valeurs échantillonnées sont des entiers distincts entre {low} et {high}, comme des numéros de ligne</translation>
    </message>
    <message>
        <source>full names (a first name and a surname)</source>
        <translation>noms complets (un prénom et un nom)</translation>
    </message>
    <message>
        <source>known first names</source>
        <translation>prénoms connus</translation>
    </message>
    <message>
        <source>known surnames</source>
        <translation>noms de famille connus</translation>
    </message>
    <message>
        <source>{sampled} look like street addresses (house number and street type)</source>
        <translation>{sampled} ressemblent à des adresses postales (numéro et type de voie)</translation>
    </message>
    <message>
        <source>5-character codes shaped like INSEE commune codes or postcodes</source>
        <translation>codes de 5 caractères en forme de codes commune INSEE ou de codes postaux</translation>
    </message>
    <message>
        <source>postcodes</source>
        <translation>codes postaux</translation>
    </message>
    <message>
        <source>INSEE commune codes</source>
        <translation>codes commune INSEE</translation>
    </message>
    <message>
        <source>{sampled} are French département codes</source>
        <translation>{sampled} sont des codes de département français</translation>
    </message>
    <message>
        <source>{sampled} are dates {low}–{high}, spread like birth dates</source>
        <translation>{sampled} sont des dates {low}–{high}, réparties comme des dates de naissance</translation>
    </message>
    <message>
        <source>{sampled} are dates {low}–{high}</source>
        <translation>{sampled} sont des dates {low}–{high}</translation>
    </message>
    <message>
        <source>all sampled values are one of {values}, a sex coding</source>
        <translation>toutes les valeurs échantillonnées sont parmi {values} : un codage du sexe</translation>
    </message>
    <message>
        <source>all sampled values are years {low}–{high}, like birth years</source>
        <translation>toutes les valeurs échantillonnées sont des années {low}–{high}, comme des années de naissance</translation>
    </message>
    <message>
        <source>all sampled values are whole numbers {low}–{high}, like ages in years</source>
        <translation>toutes les valeurs échantillonnées sont des entiers {low}–{high}, comme des âges en années</translation>
    </message>
    <message>
        <source>{matched:,} of {total:,} sampled values</source>
        <translation>{matched:,} des {total:,} valeurs échantillonnées</translation>
    </message>
    <message>
        <source>header resembles &apos;{synonym}&apos;</source>
        <translation>l&apos;en-tête ressemble à « {synonym} »</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direct</translation>
    </message>
    <message>
        <source>quasi</source>
        <translation>quasi</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>sensible</translation>
    </message>
    <message>
        <source>none</source>
        <translation>non identifiant</translation>
    </message>
    <message>
        <source>nir</source>
        <translation>NIR</translation>
    </message>
    <message>
        <source>patient id</source>
        <translation>identifiant patient</translation>
    </message>
    <message>
        <source>identifier</source>
        <translation>identifiant</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>nom de famille</translation>
    </message>
    <message>
        <source>birth name</source>
        <translation>nom de naissance</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>prénom</translation>
    </message>
    <message>
        <source>person name</source>
        <translation>nom de personne</translation>
    </message>
    <message>
        <source>practitioner name</source>
        <translation>nom de professionnel de santé</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>rpps</source>
        <translation>RPPS</translation>
    </message>
    <message>
        <source>adeli</source>
        <translation>ADELI</translation>
    </message>
    <message>
        <source>free text</source>
        <translation>texte libre</translation>
    </message>
    <message>
        <source>iban</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>ip</source>
        <translation>adresse IP</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>ssn</source>
        <translation>numéro de sécurité sociale américain</translation>
    </message>
    <message>
        <source>passport</source>
        <translation>passeport</translation>
    </message>
    <message>
        <source>driving licence</source>
        <translation>permis de conduire</translation>
    </message>
    <message>
        <source>gps lat</source>
        <translation>latitude GPS</translation>
    </message>
    <message>
        <source>gps lon</source>
        <translation>longitude GPS</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>date de naissance</translation>
    </message>
    <message>
        <source>birth year</source>
        <translation>année de naissance</translation>
    </message>
    <message>
        <source>death date</source>
        <translation>date de décès</translation>
    </message>
    <message>
        <source>age</source>
        <translation>âge</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>sexe</translation>
    </message>
    <message>
        <source>postcode</source>
        <translation>code postal</translation>
    </message>
    <message>
        <source>commune code</source>
        <translation>code commune</translation>
    </message>
    <message>
        <source>city</source>
        <translation>ville</translation>
    </message>
    <message>
        <source>department</source>
        <translation>département</translation>
    </message>
    <message>
        <source>region</source>
        <translation>région</translation>
    </message>
    <message>
        <source>country</source>
        <translation>pays</translation>
    </message>
    <message>
        <source>finess</source>
        <translation>FINESS</translation>
    </message>
    <message>
        <source>marital status</source>
        <translation>situation familiale</translation>
    </message>
    <message>
        <source>ethnicity</source>
        <translation>origine ethnique</translation>
    </message>
    <message>
        <source>occupation</source>
        <translation>profession</translation>
    </message>
    <message>
        <source>title</source>
        <translation>civilité</translation>
    </message>
    <message>
        <source>initials</source>
        <translation>initiales</translation>
    </message>
    <message>
        <source>coordinate</source>
        <translation>coordonnée</translation>
    </message>
    <message>
        <source>icd10</source>
        <translation>CIM-10</translation>
    </message>
    <message>
        <source>ccam</source>
        <translation>CCAM</translation>
    </message>
    <message>
        <source>atc</source>
        <translation>ATC</translation>
    </message>
    <message>
        <source>topography</source>
        <translation>topographie</translation>
    </message>
    <message>
        <source>morphology</source>
        <translation>morphologie</translation>
    </message>
    <message>
        <source>tnm</source>
        <translation>TNM</translation>
    </message>
    <message>
        <source>vital status</source>
        <translation>statut vital</translation>
    </message>
    <message>
        <source>discharge mode</source>
        <translation>mode de sortie</translation>
    </message>
    <message>
        <source>smoking</source>
        <translation>tabac</translation>
    </message>
    <message>
        <source>test result</source>
        <translation>résultat d&apos;examen</translation>
    </message>
    <message>
        <source>drug</source>
        <translation>médicament</translation>
    </message>
    <message>
        <source>diagnosis</source>
        <translation>diagnostic</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>acte</translation>
    </message>
    <message>
        <source>measurement</source>
        <translation>mesure</translation>
    </message>
    <message>
        <source>row number</source>
        <translation>numéro de ligne</translation>
    </message>
    <message>
        <source>record detail</source>
        <translation>détail d&apos;enregistrement</translation>
    </message>
    <message>
        <source>&apos;{klass}&apos; is not an identification class</source>
        <translation>« {klass} » n&apos;est pas une classe d&apos;identification</translation>
    </message>
    <message>
        <source>set by the user to {klass} (detected as {detected})</source>
        <translation>fixé par l&apos;utilisateur : {klass} (détecté : {detected})</translation>
    </message>
    <message>
        <source>set by the user to {klass} (same as detected)</source>
        <translation>fixé par l&apos;utilisateur : {klass} (comme détecté)</translation>
    </message>
    <message>
        <source>a NIR</source>
        <translation>un NIR</translation>
    </message>
    <message>
        <source>an RPPS number</source>
        <translation>un numéro RPPS</translation>
    </message>
    <message>
        <source>a FINESS number</source>
        <translation>un numéro FINESS</translation>
    </message>
    <message>
        <source>an ADELI number</source>
        <translation>un numéro ADELI</translation>
    </message>
    <message>
        <source>an e-mail address</source>
        <translation>une adresse e-mail</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>un numéro de téléphone</translation>
    </message>
    <message>
        <source>an IBAN</source>
        <translation>un IBAN</translation>
    </message>
    <message>
        <source>an IP address</source>
        <translation>une adresse IP</translation>
    </message>
    <message>
        <source>a URL</source>
        <translation>une URL</translation>
    </message>
    <message>
        <source>a US SSN</source>
        <translation>un numéro de sécurité sociale américain</translation>
    </message>
    <message>
        <source>a date</source>
        <translation>une date</translation>
    </message>
    <message>
        <source>a postcode</source>
        <translation>un code postal</translation>
    </message>
    <message>
        <source>a commune code</source>
        <translation>un code commune</translation>
    </message>
    <message>
        <source>a département</source>
        <translation>un département</translation>
    </message>
    <message>
        <source>an ICD-10 code</source>
        <translation>un code CIM-10</translation>
    </message>
    <message>
        <source>a CCAM code</source>
        <translation>un code CCAM</translation>
    </message>
    <message>
        <source>an ATC code</source>
        <translation>un code ATC</translation>
    </message>
    <message>
        <source>a morphology code</source>
        <translation>un code de morphologie</translation>
    </message>
    <message>
        <source>a sex code</source>
        <translation>un code de sexe</translation>
    </message>
    <message>
        <source>an age</source>
        <translation>un âge</translation>
    </message>
    <message>
        <source>a year</source>
        <translation>une année</translation>
    </message>
    <message>
        <source>whole column: {valid:,} of {filled:,} filled values are valid NIRs (check key verified)</source>
        <translation>colonne entière : {valid:,} des {filled:,} valeurs renseignées sont des NIR valides (clé vérifiée)</translation>
    </message>
    <message>
        <source>whole column: all {filled:,} filled values have a length {what} can have</source>
        <translation>colonne entière : les {filled:,} valeurs renseignées ont toutes une longueur possible pour {what}</translation>
    </message>
    <message>
        <source>whole column: {misfits:,} of {filled:,} filled values are too short or too long to be {what}</source>
        <translation>colonne entière : {misfits:,} des {filled:,} valeurs renseignées sont trop courtes ou trop longues pour être {what}</translation>
    </message>
    <message>
        <source>the header says nothing about the content: decided from the values alone</source>
        <translation>l&apos;en-tête ne dit rien du contenu : décidé d&apos;après les seules valeurs</translation>
    </message>
    <message>
        <source>the column is empty in the rows looked at</source>
        <translation>la colonne est vide dans les lignes examinées</translation>
    </message>
    <message>
        <source>neither the header nor the sampled values look identifying or medical</source>
        <translation>ni l&apos;en-tête ni les valeurs échantillonnées ne semblent identifiants ou médicaux</translation>
    </message>
    <message>
        <source>values are precise coordinates ({low:.4f} to {high:.4f}); with column {others} it forms a latitude/longitude pair, which locates a home</source>
        <translation>les valeurs sont des coordonnées précises ({low:.4f} à {high:.4f}) ; avec la colonne {others}, elle forme un couple latitude/longitude, qui situe un domicile</translation>
    </message>
    <message>
        <source>with column {others} it forms a latitude/longitude pair, which locates a home</source>
        <translation>avec la colonne {others}, elle forme un couple latitude/longitude, qui situe un domicile</translation>
    </message>
    <message>
        <source>a single coordinate without its pair: locates a band, not a home</source>
        <translation>une coordonnée seule, sans sa paire : situe une bande, pas un domicile</translation>
    </message>
    <message>
        <source>Looking for identifying data: column &apos;{name}&apos;</source>
        <translation>Recherche de données identifiantes : colonne « {name} »</translation>
    </message>
    <message>
        <source>Identifying columns: done</source>
        <translation>Recherche des colonnes identifiantes : terminée</translation>
    </message>
    <message>
        <source>Choose the right encoding (for example utf-8, cp1252, latin-1).</source>
        <translation>Choisissez le bon encodage (par exemple utf-8, cp1252, latin-1).</translation>
    </message>
    <message>
        <source>The file holds no data: it is blank or contains only spaces and empty lines.</source>
        <translation>Le fichier ne contient aucune donnée : il est vide ou ne contient que des espaces et des lignes vides.</translation>
    </message>
    <message>
        <source>The file cannot be decoded as {encoding}: {reason}.</source>
        <translation>Le fichier ne peut pas être décodé en {encoding} : {reason}.</translation>
    </message>
    <message>
        <source>The file has a header but no data rows.</source>
        <translation>Le fichier a un en-tête mais aucune ligne de données.</translation>
    </message>
    <message>
        <source>Export the data again, including the rows, or check the header row option.</source>
        <translation>Exportez à nouveau les données, lignes comprises, ou vérifiez l&apos;option de ligne d&apos;en-tête.</translation>
    </message>
    <message>
        <source>The file mixes Windows (CRLF) and Unix (LF) line endings; each was read as a line break.</source>
        <translation>Le fichier mélange des fins de ligne Windows (CRLF) et Unix (LF) ; chacune a été lue comme un saut de ligne.</translation>
    </message>
    <message>
        <source>The file cannot be decoded as {encoding}: byte 0x{byte:02X} in column &apos;{column}&apos; (data row {row}) has no character in that encoding.</source>
        <translation>Le fichier ne peut pas être décodé en {encoding} : l&apos;octet 0x{byte:02X} de la colonne « {column} » (ligne de données {row}) ne correspond à aucun caractère dans cet encodage.</translation>
    </message>
    <message>
        <source>Byte 0x{byte:02X} in column &apos;{column}&apos; (data row {row}) has no Windows-1252 character: such bytes were read as Latin-1 control characters.</source>
        <translation>L&apos;octet 0x{byte:02X} de la colonne « {column} » (ligne de données {row}) n&apos;a pas de caractère en Windows-1252 : ces octets ont été lus comme des caractères de contrôle Latin-1.</translation>
    </message>
    <message>
        <source>a line</source>
        <translation>une ligne</translation>
    </message>
    <message>
        <source>{place}: a quote ({quote}) opens a value and is never closed, so the lines after it were read into that value: {preview}</source>
        <translation>{place} : un guillemet ({quote}) ouvre une valeur et n&apos;est jamais fermé, si bien que les lignes suivantes ont été lues dans cette valeur : {preview}</translation>
    </message>
    <message>
        <source>{place}: {count} fields instead of {width}: {preview}</source>
        <translation>{place} : {count} champs au lieu de {width} : {preview}</translation>
    </message>
    <message>
        <source> (showing the first {count})</source>
        <translation> (les {count} premières sont affichées)</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <source>Close or remove the unmatched {quote} on that line, or choose another quote character.</source>
        <translation>Fermez ou supprimez le {quote} isolé sur cette ligne, ou choisissez un autre caractère de guillemet.</translation>
    </message>
    <message>
        <source>A value probably contains the separator &apos;{delimiter}&apos; without quotes, or a line was cut.</source>
        <translation>Une valeur contient sans doute le séparateur « {delimiter} » sans guillemets, ou une ligne a été coupée.</translation>
    </message>
    <message>
        <source>{count} row(s) do not have the {width} fields of the header{more}; nothing was loaded, so that no row is silently lost or shifted.</source>
        <translation>{count} ligne(s) n&apos;ont pas les {width} champs de l&apos;en-tête{more} ; rien n&apos;a été chargé, pour qu&apos;aucune ligne ne soit perdue ou décalée sans que vous le sachiez.</translation>
    </message>
    <message>
        <source>Fix those lines in the source system or a text editor, then load the file again.</source>
        <translation>Corrigez ces lignes dans le système source ou dans un éditeur de texte, puis chargez à nouveau le fichier.</translation>
    </message>
    <message>
        <source>The file is not valid {encoding} text.</source>
        <translation>Le fichier n&apos;est pas du texte {encoding} valide.</translation>
    </message>
    <message>
        <source>Choose the encoding the file was written in (for example cp1252 for Windows exports).</source>
        <translation>Choisissez l&apos;encodage dans lequel le fichier a été écrit (par exemple cp1252 pour les exports Windows).</translation>
    </message>
    <message>
        <source>The file cannot be read as delimited text: {reason}</source>
        <translation>Le fichier ne peut pas être lu comme du texte délimité : {reason}</translation>
    </message>
    <message>
        <source>Check the delimiter and quote options, or export the data again.</source>
        <translation>Vérifiez les options de séparateur et de guillemet, ou exportez à nouveau les données.</translation>
    </message>
    <message>
        <source>A value in column &apos;{column}&apos; is {characters:,} characters long (data row {row}), above the {limit:,} characters curator accepts in one cell: such a cell is a quote opened and never closed, which swallows the lines after it, or a whole document pasted into a cell.</source>
        <translation>Une valeur de la colonne « {column} » compte {characters:,} caractères (ligne de données {row}), au-delà des {limit:,} caractères que curator accepte dans une cellule : une telle cellule vient d&apos;un guillemet ouvert et jamais fermé, qui avale les lignes suivantes, ou d&apos;un document entier collé dans une cellule.</translation>
    </message>
    <message>
        <source>Look for an unmatched quote in that column near that row, or remove the pasted document, then load the file again.</source>
        <translation>Cherchez un guillemet isolé dans cette colonne près de cette ligne, ou supprimez le document collé, puis chargez à nouveau le fichier.</translation>
    </message>
    <message>
        <source>{count} column(s) have no name in the header (position {shown}); they were named column_N after their position.</source>
        <translation>{count} colonne(s) sans nom dans l&apos;en-tête (position {shown}) ; elles ont été nommées column_N d&apos;après leur position.</translation>
    </message>
    <message>
        <source>{count} column(s) have no name in the header (position {shown} and {more} more); they were named column_N after their position.</source>
        <translation>{count} colonne(s) sans nom dans l&apos;en-tête (position {shown} et {more} autres) ; elles ont été nommées column_N d&apos;après leur position.</translation>
    </message>
    <message>
        <source>The header name &apos;{name}&apos; appears {count} times; the repeats were renamed {renamed}.</source>
        <translation>Le nom d&apos;en-tête « {name} » apparaît {count} fois ; les répétitions ont été renommées {renamed}.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again; if it came by e-mail or USB key, copy it again.</source>
        <translation>Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau ; s&apos;il est arrivé par e-mail ou clé USB, copiez-le à nouveau.</translation>
    </message>
    <message>
        <source>The {format} file would expand to {size:,.0f} MB, above the limit of {limit:,.0f} MB: it may be a &apos;zip bomb&apos;.</source>
        <translation>Le fichier {format} se décompresserait en {size:,.0f} Mo, au-delà de la limite de {limit:,.0f} Mo : ce peut être une « bombe zip ».</translation>
    </message>
    <message>
        <source>If the workbook is genuine, export the sheet as CSV, or raise the max_uncompressed_bytes reading option.</source>
        <translation>Si le classeur est authentique, exportez la feuille en CSV, ou relevez l&apos;option de lecture max_uncompressed_bytes.</translation>
    </message>
    <message>
        <source>The part &apos;{part}&apos; of the {format} file expands {ratio:,} times (to {size:,.0f} MB): real workbooks never do; it may be a &apos;zip bomb&apos;.</source>
        <translation>La partie « {part} » du fichier {format} se décompresse {ratio:,} fois (jusqu&apos;à {size:,.0f} Mo) : un vrai classeur ne le fait jamais ; ce peut être une « bombe zip ».</translation>
    </message>
    <message>
        <source>Do not open this file; ask the sender for a genuine export.</source>
        <translation>N&apos;ouvrez pas ce fichier ; demandez à l&apos;expéditeur un export authentique.</translation>
    </message>
    <message>
        <source>Open it in Excel, remove the password and save it again, then load that copy.</source>
        <translation>Ouvrez-le dans Excel, retirez le mot de passe et enregistrez-le à nouveau, puis chargez cette copie.</translation>
    </message>
    <message>
        <source>The {format} file is damaged or not a real {format} workbook ({error}).</source>
        <translation>Le fichier {format} est endommagé ou n&apos;est pas un vrai classeur {format} ({error}).</translation>
    </message>
    <message>
        <source>The file is damaged or not a valid {format} file (its reader stopped: {detail}).</source>
        <translation>Le fichier est endommagé ou n&apos;est pas un fichier {format} valide (son lecteur s&apos;est arrêté : {detail}).</translation>
    </message>
    <message>
        <source>The file is damaged or not a valid {format} file.</source>
        <translation>Le fichier est endommagé ou n&apos;est pas un fichier {format} valide.</translation>
    </message>
    <message>
        <source>Reading the {format} file took longer than {seconds:,.0f} s and was stopped: it is probably damaged.</source>
        <translation>La lecture du fichier {format} a pris plus de {seconds:,.0f} s et a été arrêtée : il est probablement endommagé.</translation>
    </message>
    <message>
        <source>Reading the {format} file needed more than {gib:,.1f} GiB of memory and was stopped: it is probably damaged, or far too large for this computer.</source>
        <translation>La lecture du fichier {format} demandait plus de {gib:,.1f} Gio de mémoire et a été arrêtée : il est probablement endommagé, ou bien trop volumineux pour cet ordinateur.</translation>
    </message>
    <message>
        <source>Write the file again from the program that produced it, or copy it again if it came by e-mail or USB key.</source>
        <translation>Écrivez à nouveau le fichier depuis le programme qui l&apos;a produit, ou copiez-le à nouveau s&apos;il est arrivé par courriel ou clé USB.</translation>
    </message>
    <message>
        <source>Open it in the program that wrote it and save it again, or export the data as CSV.</source>
        <translation>Ouvrez-le dans le programme qui l&apos;a écrit et enregistrez-le à nouveau, ou exportez les données en CSV.</translation>
    </message>
    <message>
        <source>The sheet spans {rows:,} rows and {columns:,} columns, beyond what a spreadsheet can hold ({max_rows:,} rows, {max_columns:,} columns): the file is damaged.</source>
        <translation>La feuille s&apos;étend sur {rows:,} lignes et {columns:,} colonnes, au-delà de ce qu&apos;un tableur peut contenir ({max_rows:,} lignes, {max_columns:,} colonnes) : le fichier est endommagé.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.</source>
        <translation>Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau, ou exportez la feuille en CSV.</translation>
    </message>
    <message>
        <source>Opening the workbook</source>
        <translation>Ouverture du classeur</translation>
    </message>
    <message>
        <source>The workbook has no sheet named &apos;{sheet}&apos;.</source>
        <translation>Le classeur n&apos;a pas de feuille nommée « {sheet} ».</translation>
    </message>
    <message>
        <source>Sheets in this workbook: {sheets}.</source>
        <translation>Feuilles de ce classeur : {sheets}.</translation>
    </message>
    <message>
        <source>Every sheet of the workbook is empty.</source>
        <translation>Toutes les feuilles du classeur sont vides.</translation>
    </message>
    <message>
        <source>Check that you chose the right file and that the data was saved.</source>
        <translation>Vérifiez que vous avez choisi le bon fichier et que les données ont bien été enregistrées.</translation>
    </message>
    <message>
        <source>The workbook has {count} sheets; &apos;{chosen}&apos; was read. Choose another sheet with the sheet option: {others}.</source>
        <translation>Le classeur a {count} feuilles ; « {chosen} » a été lue. Choisissez une autre feuille avec l&apos;option Feuille : {others}.</translation>
    </message>
    <message>
        <source>The sheet &apos;{chosen}&apos; is hidden in the workbook; it was read because the visible sheets are empty.</source>
        <translation>La feuille « {chosen} » est masquée dans le classeur ; elle a été lue parce que les feuilles visibles sont vides.</translation>
    </message>
    <message>
        <source>The sheet is empty.</source>
        <translation>La feuille est vide.</translation>
    </message>
    <message>
        <source>Choose another sheet, or check the right file was chosen.</source>
        <translation>Choisissez une autre feuille, ou vérifiez que c&apos;est le bon fichier.</translation>
    </message>
    <message>
        <source>Converting cells</source>
        <translation>Conversion des cellules</translation>
    </message>
    <message>
        <source>The sheet has a header but no data rows.</source>
        <translation>La feuille a un en-tête mais aucune ligne de données.</translation>
    </message>
    <message>
        <source>Check the sheet and the header row option.</source>
        <translation>Vérifiez la feuille et l&apos;option Ligne d&apos;en-tête.</translation>
    </message>
    <message>
        <source>Check the sheet and the header row.</source>
        <translation>Vérifiez la feuille et la ligne d&apos;en-tête.</translation>
    </message>
    <message>
        <source>Row {row}, chosen as the header, is outside the sheet&apos;s data.</source>
        <translation>La ligne {row}, choisie comme en-tête, est en dehors des données de la feuille.</translation>
    </message>
    <message>
        <source>Choose another header row.</source>
        <translation>Choisissez une autre ligne d&apos;en-tête.</translation>
    </message>
    <message>
        <source>The header was found on row {row}; the {skipped} row(s) above it (titles or notes) were skipped.</source>
        <translation>L&apos;en-tête a été trouvé à la ligne {row} ; les {skipped} ligne(s) au-dessus (titres ou notes) ont été ignorées.</translation>
    </message>
    <message>
        <source>The header spans rows {first} and {second} (merged group cells); column names join the group and the name below it.</source>
        <translation>L&apos;en-tête occupe les lignes {first} et {second} (cellules de groupe fusionnées) ; les noms de colonnes réunissent le groupe et le nom en dessous.</translation>
    </message>
    <message>
        <source>Merged header cells on row {row} were spread over the columns they cover.</source>
        <translation>Les cellules d&apos;en-tête fusionnées de la ligne {row} ont été réparties sur les colonnes qu&apos;elles couvrent.</translation>
    </message>
    <message>
        <source>The file contains NUL bytes, so it is not plain text (binary data, a damaged export, or a text encoding curator cannot recognise).</source>
        <translation>Le fichier contient des octets NUL : ce n&apos;est donc pas du texte brut (données binaires, export endommagé, ou encodage que curator ne reconnaît pas).</translation>
    </message>
    <message>
        <source>Open it in a text editor to check it is the right file; export the data again as CSV (UTF-8 or Windows-1252) from the source system.</source>
        <translation>Ouvrez-le dans un éditeur de texte pour vérifier que c&apos;est le bon fichier ; exportez à nouveau les données en CSV (UTF-8 ou Windows-1252) depuis le système source.</translation>
    </message>
    <message>
        <source>The header was found on line {line}; the {skipped} line(s) above it (titles or notes) were skipped.</source>
        <translation>L&apos;en-tête a été trouvé à la ligne {line} ; les {skipped} ligne(s) au-dessus (titres ou notes) ont été ignorées.</translation>
    </message>
    <message>
        <source>The first line looks like data, not column names: columns were named column_1, column_2...; set the header row if this is wrong.</source>
        <translation>La première ligne ressemble à des données, pas à des noms de colonnes : les colonnes ont été nommées column_1, column_2... ; indiquez la ligne d&apos;en-tête si c&apos;est faux.</translation>
    </message>
    <message>
        <source>Line {line}, chosen as the header, is empty or beyond the first part of the file.</source>
        <translation>La ligne {line}, choisie comme en-tête, est vide ou au-delà du début du fichier.</translation>
    </message>
    <message>
        <source>values fit</source>
        <translation>les valeurs conviennent</translation>
    </message>
    <message>
        <source>{reason}; but column &apos;{naming}&apos; names the patient, so &apos;{name}&apos; is more likely this table&apos;s own record id</source>
        <translation>{reason} ; mais la colonne « {naming} » désigne le patient, donc « {name} » est plutôt l&apos;identifiant propre des enregistrements de cette table</translation>
    </message>
    <message>
        <source>suggesting concepts for &apos;{column}&apos;</source>
        <translation>suggestion de concepts pour « {column} »</translation>
    </message>
    <message>
        <source>suggestions ready</source>
        <translation>suggestions prêtes</translation>
    </message>
    <message>
        <source>{pct}% of values are NIRs with a valid key</source>
        <translation>{pct}&#xa0;% des valeurs sont des NIR à clé valide</translation>
    </message>
    <message>
        <source>{pct}% of values are RPPS/ADELI numbers with a valid key</source>
        <translation>{pct}&#xa0;% des valeurs sont des numéros RPPS/ADELI à clé valide</translation>
    </message>
    <message>
        <source>{pct}% of values are phone numbers</source>
        <translation>{pct}&#xa0;% des valeurs sont des numéros de téléphone</translation>
    </message>
    <message>
        <source>{pct}% of values are email addresses</source>
        <translation>{pct}&#xa0;% des valeurs sont des adresses e-mail</translation>
    </message>
    <message>
        <source>values are doctors&apos; names</source>
        <translation>les valeurs sont des noms de médecins</translation>
    </message>
    <message>
        <source>{pct}% of values are full names (first and last name together)</source>
        <translation>{pct}&#xa0;% des valeurs sont des noms complets (prénom et nom ensemble)</translation>
    </message>
    <message>
        <source>{pct}% of values are known first names</source>
        <translation>{pct}&#xa0;% des valeurs sont des prénoms connus</translation>
    </message>
    <message>
        <source>{pct}% of values are known surnames</source>
        <translation>{pct}&#xa0;% des valeurs sont des noms de famille connus</translation>
    </message>
    <message>
        <source>the column is empty</source>
        <translation>la colonne est vide</translation>
    </message>
    <message>
        <source>values are not dates</source>
        <translation>les valeurs ne sont pas des dates</translation>
    </message>
    <message>
        <source>{pct}% of values are dates</source>
        <translation>{pct}&#xa0;% des valeurs sont des dates</translation>
    </message>
    <message>
        <source>values are dates {first}–{last} ({pct}%)</source>
        <translation>les valeurs sont des dates {first}–{last} ({pct}&#xa0;%)</translation>
    </message>
    <message>
        <source>{pct}% of values are years</source>
        <translation>{pct}&#xa0;% des valeurs sont des années</translation>
    </message>
    <message>
        <source>values are not whole numbers</source>
        <translation>les valeurs ne sont pas des nombres entiers</translation>
    </message>
    <message>
        <source>values are not numbers</source>
        <translation>les valeurs ne sont pas des nombres</translation>
    </message>
    <message>
        <source>{pct}% of values are whole numbers</source>
        <translation>{pct}&#xa0;% des valeurs sont des nombres entiers</translation>
    </message>
    <message>
        <source>{pct}% of values are numbers</source>
        <translation>{pct}&#xa0;% des valeurs sont des nombres</translation>
    </message>
    <message>
        <source>values are whole numbers {low:g}–{high:g}</source>
        <translation>les valeurs sont des nombres entiers {low:g}–{high:g}</translation>
    </message>
    <message>
        <source>values are numbers {low:g}–{high:g}</source>
        <translation>les valeurs sont des nombres {low:g}–{high:g}</translation>
    </message>
    <message>
        <source>values are whole numbers {low:g}–{high:g}, {pct}% out of range</source>
        <translation>les valeurs sont des nombres entiers {low:g}–{high:g}, {pct}&#xa0;% hors de l&apos;intervalle</translation>
    </message>
    <message>
        <source>values are numbers {low:g}–{high:g}, {pct}% out of range</source>
        <translation>les valeurs sont des nombres {low:g}–{high:g}, {pct}&#xa0;% hors de l&apos;intervalle</translation>
    </message>
    <message>
        <source>{pct}% of values are yes/no</source>
        <translation>{pct}&#xa0;% des valeurs sont des oui/non</translation>
    </message>
    <message>
        <source>{pct}% of values are allowed ({allowed})</source>
        <translation>{pct}&#xa0;% des valeurs sont autorisées ({allowed})</translation>
    </message>
    <message>
        <source>{pct}% of distinct values are in the code list &apos;{code_list}&apos;</source>
        <translation>{pct}&#xa0;% des valeurs distinctes sont dans la liste de codes « {code_list} »</translation>
    </message>
    <message>
        <source>{pct}% of values match the pattern of &apos;{concept}&apos;</source>
        <translation>{pct}&#xa0;% des valeurs ont la forme attendue pour « {concept} »</translation>
    </message>
    <message>
        <source>{pct}% of values look like street addresses</source>
        <translation>{pct}&#xa0;% des valeurs ressemblent à des adresses postales</translation>
    </message>
    <message>
        <source>values are not text</source>
        <translation>les valeurs ne sont pas du texte</translation>
    </message>
    <message>
        <source>values are text of {length:.0f} characters on average</source>
        <translation>les valeurs sont du texte de {length:.0f} caractères en moyenne</translation>
    </message>
    <message>
        <source>values are dates</source>
        <translation>les valeurs sont des dates</translation>
    </message>
    <message>
        <source>values are people&apos;s names</source>
        <translation>les valeurs sont des noms de personnes</translation>
    </message>
    <message>
        <source>{pct}% of values are distinct</source>
        <translation>{pct}&#xa0;% des valeurs sont distinctes</translation>
    </message>
    <message>
        <source>{pct}% of values look like TNM stages</source>
        <translation>{pct}&#xa0;% des valeurs ressemblent à des stades TNM</translation>
    </message>
    <message>
        <source>{pct}% of values have the expected length</source>
        <translation>{pct}&#xa0;% des valeurs ont la longueur attendue</translation>
    </message>
    <message>
        <source>identification found {kind}</source>
        <translation>l&apos;identification a trouvé : {kind}</translation>
    </message>
    <message>
        <source>concept id</source>
        <translation>identifiant du concept</translation>
    </message>
    <message>
        <source>label</source>
        <translation>libellé</translation>
    </message>
    <message>
        <source>synonym</source>
        <translation>synonyme</translation>
    </message>
    <message>
        <source>abbreviation</source>
        <translation>abréviation</translation>
    </message>
    <message>
        <source>header &apos;{header}&apos; = &apos;{name}&apos; ({what})</source>
        <translation>en-tête « {header} » = « {name} » ({what})</translation>
    </message>
    <message>
        <source>header &apos;{header}&apos; ≈ &apos;{name}&apos; ({what}, {percent}%)</source>
        <translation>en-tête « {header} » ≈ « {name} » ({what}, {percent}&#xa0;%)</translation>
    </message>
    <message>
        <source>header &apos;{header}&apos; contains &apos;{name}&apos; ({what})</source>
        <translation>l&apos;en-tête « {header} » contient « {name} » ({what})</translation>
    </message>
    <message>
        <source>header &apos;{header}&apos; part of &apos;{name}&apos; ({what})</source>
        <translation>l&apos;en-tête « {header} » est une partie de « {name} » ({what})</translation>
    </message>
    <message>
        <source>header &apos;{header}&apos; shares words with &apos;{name}&apos; ({what})</source>
        <translation>l&apos;en-tête « {header} » a des mots en commun avec « {name} » ({what})</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>entier</translation>
    </message>
    <message>
        <source>decimal</source>
        <translation>décimal</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>datetime</source>
        <translation>date et heure</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>oui/non</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <source>applying the column transforms</source>
        <translation>application des transformations des colonnes</translation>
    </message>
    <message>
        <source>no quasi-identifier leaves in the package</source>
        <translation>aucun quasi-identifiant ne sort dans le paquet</translation>
    </message>
    <message>
        <source>Tick the quasi-identifiers that are exported (a dropped column cannot identify anyone).</source>
        <translation>Cochez les quasi-identifiants qui sont exportés (une colonne supprimée ne peut identifier personne).</translation>
    </message>
    <message>
        <source>the recipe generalises &apos;{source}&apos; to level {level}, but its hierarchy &apos;{spec}&apos; has levels 0 to {top} on this file</source>
        <translation>la recette généralise « {source} » au niveau {level}, mais sa hiérarchie « {spec} » n&apos;a que les niveaux 0 à {top} sur ce fichier</translation>
    </message>
    <message>
        <source>Run Reach k again on the Protect step and save the recipe.</source>
        <translation>Relancez « Atteindre k » à l&apos;étape Protéger et enregistrez la recette.</translation>
    </message>
    <message>
        <source>{name} → level {level}</source>
        <translation>{name} → niveau {level}</translation>
    </message>
    <message>
        <source>the generalisation in the recipe ({shown}) does not reach k = {k} on this file: {count} records are in groups smaller than {k}, more than the {allowed} ({cap:.1%}) that may be suppressed</source>
        <translation>la généralisation de la recette ({shown}) n&apos;atteint pas k = {k} sur ce fichier : {count} enregistrements sont dans des groupes de moins de {k}, plus que les {allowed} ({cap:.1%}) qui peuvent être supprimés</translation>
    </message>
    <message>
        <source>Open the file with this recipe in curator and run Reach k again on the Protect step, then save the recipe; or lower k, or raise the suppression cap.</source>
        <translation>Ouvrez le fichier avec cette recette dans curator et relancez « Atteindre k » à l&apos;étape Protéger, puis enregistrez la recette ; ou baissez k, ou relevez le plafond de suppression.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; matches no concept; kept under its own name (identification: {klass})</source>
        <translation>« {name} » ne correspond à aucun concept ; conservée sous son propre nom (identification : {klass})</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>non effectuée</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; matches no concept and is {klass}-identifying: dropped until it is mapped</source>
        <translation>« {name} » ne correspond à aucun concept et est identifiante ({klass}) : supprimée tant qu&apos;elle n&apos;est pas associée</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; looks directly identifying, so it is dropped rather than &apos;{action}&apos; (the default of {concept})</source>
        <translation>« {name} » semble directement identifiante : elle est donc supprimée plutôt que « {action} » (l&apos;action par défaut de {concept})</translation>
    </message>
    <message>
        <source>describing columns for the drift report</source>
        <translation>description des colonnes pour le rapport d&apos;écarts</translation>
    </message>
    <message>
        <source>quasi-identifiers for the risk measure: {names}; k target {k}</source>
        <translation>quasi-identifiants pour la mesure du risque : {names} ; k visé {k}</translation>
    </message>
    <message>
        <source>recipe ready</source>
        <translation>recette prête</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>conserver</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>supprimer</translation>
    </message>
    <message>
        <source>pseudonymise</source>
        <translation>pseudonymiser</translation>
    </message>
    <message>
        <source>generalise</source>
        <translation>généraliser</translation>
    </message>
    <message>
        <source>date_shift</source>
        <translation>décaler les dates</translation>
    </message>
    <message>
        <source>age_at</source>
        <translation>âge à une date</translation>
    </message>
    <message>
        <source>band</source>
        <translation>tranches</translation>
    </message>
    <message>
        <source>top_code</source>
        <translation>plafonner</translation>
    </message>
    <message>
        <source>producer_id</source>
        <translation>identifiant du producteur</translation>
    </message>
    <message>
        <source>producer_name</source>
        <translation>nom du producteur</translation>
    </message>
    <message>
        <source>dataset_title</source>
        <translation>titre du jeu de données</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>recette</translation>
    </message>
    <message>
        <source>this recipe describes a submission of {count} linked tables, not one file</source>
        <translation>cette recette décrit un envoi de {count} tables liées, pas un seul fichier</translation>
    </message>
    <message>
        <source>Give all the submission&apos;s files (or their folder) to &apos;curator apply&apos; with this recipe.</source>
        <translation>Donnez tous les fichiers de l&apos;envoi (ou leur dossier) à « curator apply » avec cette recette.</translation>
    </message>
    <message>
        <source>hierarchy</source>
        <translation>hiérarchie</translation>
    </message>
    <message>
        <source>rare_to_other</source>
        <translation>valeurs rares → autre</translation>
    </message>
    <message>
        <source>scrub</source>
        <translation>nettoyer le texte libre</translation>
    </message>
    <message>
        <source>bottom_code</source>
        <translation>ramener au plancher</translation>
    </message>
    <message>
        <source>cannot write the recipe ({reason})</source>
        <translation>impossible d&apos;écrire la recette ({reason})</translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos;</source>
        <translation>feuille « {sheet} »</translation>
    </message>
    <message>
        <source>cell {cell}</source>
        <translation>cellule {cell}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>ligne {line}</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;</source>
        <translation>colonne « {column} »</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>un tube nommé (FIFO)</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>un périphérique caractère</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>un périphérique bloc</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>une socket</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>un dossier</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>il n’existe pas</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <source>operation not permitted</source>
        <translation>opération non permise</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>plus de place sur le disque</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>le disque ou le dossier est en lecture seule</translation>
    </message>
    <message>
        <source>the file would exceed the largest size allowed</source>
        <translation>le fichier dépasserait la taille maximale permise</translation>
    </message>
    <message>
        <source>the disk quota is exceeded</source>
        <translation>le quota du disque est dépassé</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>c’est un dossier</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>une partie du chemin n’est pas un dossier</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>le nom est trop long</translation>
    </message>
    <message>
        <source>input/output error (the disk or network share failed)</source>
        <translation>erreur d’entrée-sortie (le disque ou le partage réseau a échoué)</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>cannot write ({reason})</source>
        <translation>écriture impossible ({reason})</translation>
    </message>
    <message>
        <source>cannot read ({reason})</source>
        <translation>lecture impossible ({reason})</translation>
    </message>
    <message>
        <source>Only {free} are free there. Free some space or write to another disk, then try again.</source>
        <translation>Seuls {free} sont libres à cet endroit. Libérez de la place ou écrivez sur un autre disque, puis réessayez.</translation>
    </message>
    <message>
        <source>Free some space or write to another disk, then try again.</source>
        <translation>Libérez de la place ou écrivez sur un autre disque, puis réessayez.</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <source>Write to a disk whose file system allows bigger files (not FAT32), or lift the file size limit.</source>
        <translation>Écrivez sur un disque dont le système de fichiers permet de plus gros fichiers (pas FAT32), ou levez la limite de taille des fichiers.</translation>
    </message>
    <message>
        <source>Check that you are allowed to use this file and the folders above it.</source>
        <translation>Vérifiez que vous avez le droit d’utiliser ce fichier et les dossiers qui le contiennent.</translation>
    </message>
    <message>
        <source>Check the name and folder, then try again.</source>
        <translation>Vérifiez le nom et le dossier, puis réessayez.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>This is {kind}, not a file curator can read.</source>
        <translation>C’est {kind}, pas un fichier que curator peut lire.</translation>
    </message>
    <message>
        <source>Choose the data file itself.</source>
        <translation>Choisissez le fichier de données lui-même.</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>Le fichier n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Check the name and folder, or choose the file again.</source>
        <translation>Vérifiez le nom et le dossier, ou choisissez à nouveau le fichier.</translation>
    </message>
    <message>
        <source>the {what} is bigger than {limit}: it cannot be one</source>
        <translation>le fichier ({what}) dépasse {limit} : ce ne peut pas en être un</translation>
    </message>
    <message>
        <source>{value}, which is not a number JSON allows</source>
        <translation>{value}, qui n’est pas un nombre permis en JSON</translation>
    </message>
    <message>
        <source>an integer of {digits:,} digits (at most {limit} are allowed)</source>
        <translation>un entier de {digits:,} chiffres (au plus {limit} permis)</translation>
    </message>
    <message>
        <source>the number {value}, which is too large</source>
        <translation>le nombre {value}, trop grand</translation>
    </message>
    <message>
        <source>nesting more than {limit} levels deep</source>
        <translation>une imbrication de plus de {limit} niveaux</translation>
    </message>
    <message>
        <source>Check that you chose the right file, or restore it from a backup.</source>
        <translation>Vérifiez que vous avez choisi le bon fichier, ou restaurez-le depuis une sauvegarde.</translation>
    </message>
    <message>
        <source>the {what} is not a UTF-8 text file</source>
        <translation>le fichier ({what}) n’est pas un texte UTF-8</translation>
    </message>
    <message>
        <source>the {what} is not valid JSON ({reason})</source>
        <translation>le fichier ({what}) n’est pas du JSON valide ({reason})</translation>
    </message>
    <message>
        <source>the {what} holds {problem}</source>
        <translation>le fichier ({what}) contient {problem}</translation>
    </message>
    <message>
        <source>the {what} holds {problem} at {path}</source>
        <translation>le fichier ({what}) contient {problem} en {path}</translation>
    </message>
    <message>
        <source>The file holds no columns.</source>
        <translation>Le fichier ne contient aucune colonne.</translation>
    </message>
    <message>
        <source>Check that you chose the right file.</source>
        <translation>Vérifiez que vous avez choisi le bon fichier.</translation>
    </message>
    <message>
        <source>Read {rows:,} rows</source>
        <translation>{rows:,} lignes lues</translation>
    </message>
    <message>
        <source>Streaming is available for CSV and Parquet files, not {format}.</source>
        <translation>La lecture en flux est possible pour les fichiers CSV et Parquet, pas {format}.</translation>
    </message>
    <message>
        <source>Read this file whole, or convert it to CSV or Parquet first.</source>
        <translation>Lisez ce fichier en entier, ou convertissez-le d&apos;abord en CSV ou en Parquet.</translation>
    </message>
    <message>
        <source>Only workbooks have sheets; this is a {format} file.</source>
        <translation>Seuls les classeurs ont des feuilles ; ce fichier est au format {format}.</translation>
    </message>
    <message>
        <source>Choose an Excel or OpenDocument file.</source>
        <translation>Choisissez un fichier Excel ou OpenDocument.</translation>
    </message>
    <message>
        <source>The {format} file is damaged or truncated ({error}).</source>
        <translation>Le fichier {format} est endommagé ou tronqué ({error}).</translation>
    </message>
    <message>
        <source>Write the file again from the tool that produced it, or copy it again.</source>
        <translation>Écrivez à nouveau le fichier avec l&apos;outil qui l&apos;a produit, ou copiez-le à nouveau.</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>lecture</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>lu</translation>
    </message>
    <message>
        <source>&apos;{requested}&apos; is not a format curator reads.</source>
        <translation>« {requested} » n&apos;est pas un format que curator sait lire.</translation>
    </message>
    <message>
        <source>Formats curator reads: {formats}.</source>
        <translation>Formats lus par curator : {formats}.</translation>
    </message>
    <message>
        <source>The file is empty (0 bytes).</source>
        <translation>Le fichier est vide (0 octet).</translation>
    </message>
    <message>
        <source>Export the data again from the source system and check the export finished.</source>
        <translation>Exportez à nouveau les données depuis le système source et vérifiez que l&apos;export est allé à son terme.</translation>
    </message>
    <message>
        <source>The file is {foreign}, not a data table, although its name ends in &apos;{suffix}&apos;.</source>
        <translation>Le fichier est {foreign}, pas une table de données, bien que son nom se termine par « {suffix} ».</translation>
    </message>
    <message>
        <source>Choose the data export itself (CSV, Excel, ODS, Parquet, SAS, Stata or SPSS).</source>
        <translation>Choisissez l&apos;export de données lui-même (CSV, Excel, ODS, Parquet, SAS, Stata ou SPSS).</translation>
    </message>
    <message>
        <source>curator does not read &apos;{suffix}&apos; files.</source>
        <translation>curator ne lit pas les fichiers « {suffix} ».</translation>
    </message>
    <message>
        <source>Save the data as one of: {formats}.</source>
        <translation>Enregistrez les données dans l&apos;un de ces formats : {formats}.</translation>
    </message>
    <message>
        <source>The file is a zip archive or Excel workbook, not text, although its name ends in &apos;{suffix}&apos;.</source>
        <translation>Le fichier est une archive zip ou un classeur Excel, pas du texte, bien que son nom se termine par « {suffix} ».</translation>
    </message>
    <message>
        <source>The file is a legacy Office file, not text, although its name ends in &apos;{suffix}&apos;.</source>
        <translation>Le fichier est un ancien fichier Office, pas du texte, bien que son nom se termine par « {suffix} ».</translation>
    </message>
    <message>
        <source>If it is an Excel workbook, rename it to .xlsx (or .xls) or save it as CSV from Excel.</source>
        <translation>S&apos;il s&apos;agit d&apos;un classeur Excel, renommez-le en .xlsx (ou .xls), ou enregistrez-le en CSV depuis Excel.</translation>
    </message>
    <message>
        <source>The file is a {kind} file, not text, although its name ends in &apos;{suffix}&apos;.</source>
        <translation>Le fichier est un fichier {kind}, pas du texte, bien que son nom se termine par « {suffix} ».</translation>
    </message>
    <message>
        <source>Rename it to .{kind} so curator reads it as such.</source>
        <translation>Renommez-le en .{kind} pour que curator le lise comme tel.</translation>
    </message>
    <message>
        <source>The workbook is encrypted with a password.</source>
        <translation>Le classeur est chiffré par un mot de passe.</translation>
    </message>
    <message>
        <source>Open it in Excel, remove the password (File &gt; Info &gt; Protect Workbook &gt; Encrypt with Password, clear it) and save it again, then load that copy.</source>
        <translation>Ouvrez-le dans Excel, retirez le mot de passe (Fichier &gt; Informations &gt; Protéger le classeur &gt; Chiffrer avec mot de passe, videz-le) et enregistrez-le à nouveau, puis chargez cette copie.</translation>
    </message>
    <message>
        <source>The file is not a valid {format} workbook (it is not a zip package); it may be truncated, corrupt or another format renamed.</source>
        <translation>Le fichier n&apos;est pas un classeur {format} valide (ce n&apos;est pas un paquet zip) ; il est peut-être tronqué, endommagé, ou d&apos;un autre format renommé.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it again, or export the data as CSV.</source>
        <translation>Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau, ou exportez les données en CSV.</translation>
    </message>
    <message>
        <source>The file is not a valid XLS workbook; it may be truncated, corrupt, or a text or HTML file renamed .xls.</source>
        <translation>Le fichier n&apos;est pas un classeur XLS valide ; il est peut-être tronqué, endommagé, ou un fichier texte ou HTML renommé en .xls.</translation>
    </message>
    <message>
        <source>Open it in Excel or LibreOffice and save it as .xlsx, or export the data as CSV.</source>
        <translation>Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx, ou exportez les données en CSV.</translation>
    </message>
    <message>
        <source>The file does not look like a {format} file (its content is {kind}).</source>
        <translation>Le fichier ne ressemble pas à un fichier {format} (son contenu est {kind}).</translation>
    </message>
    <message>
        <source>Check that you chose the right file, or rename it to its real format.</source>
        <translation>Vérifiez que vous avez choisi le bon fichier, ou renommez-le selon son vrai format.</translation>
    </message>
    <message>
        <source>The {format} file cannot be read: {error}.</source>
        <translation>Le fichier {format} ne peut pas être lu : {error}.</translation>
    </message>
    <message>
        <source>Check that it is a complete {format} file; write it again from {format} if it was cut or damaged.</source>
        <translation>Vérifiez que c&apos;est un fichier {format} complet ; enregistrez-le à nouveau depuis {format} s&apos;il a été tronqué ou endommagé.</translation>
    </message>
    <message>
        <source>Converting</source>
        <translation>conversion</translation>
    </message>
    <message>
        <source>Give the key&apos;s passphrase (on a terminal, or with --passphrase-file).</source>
        <translation>Indiquez la phrase secrète de la clé (dans un terminal, ou avec --passphrase-file).</translation>
    </message>
    <message>
        <source>signing key</source>
        <translation>clé de signature</translation>
    </message>
    <message>
        <source>the signing key is protected by a passphrase, and none was given</source>
        <translation>la clé de signature est protégée par une phrase secrète, et aucune n&apos;a été donnée</translation>
    </message>
    <message>
        <source>wrong passphrase for the signing key</source>
        <translation>phrase secrète erronée pour la clé de signature</translation>
    </message>
    <message>
        <source>Type the passphrase chosen when the key was made; keys cannot be recovered without it.</source>
        <translation>Saisissez la phrase secrète choisie à la création de la clé ; une clé ne peut pas être récupérée sans elle.</translation>
    </message>
    <message>
        <source>this is {kind}, not the producer&apos;s public key</source>
        <translation>ceci est {kind}, pas la clé publique du producteur</translation>
    </message>
    <message>
        <source>Give the producer&apos;s public key: the .pub file, or its &apos;RW...&apos; line (56 characters).</source>
        <translation>Donnez la clé publique du producteur : le fichier .pub, ou sa ligne « RW... » (56 caractères).</translation>
    </message>
    <message>
        <source>signer&apos;s public key</source>
        <translation>clé publique du signataire</translation>
    </message>
    <message>
        <source>this is {kind}, not a recipient&apos;s public key; give the hub&apos;s age1... public key</source>
        <translation>ceci est {kind}, pas la clé publique d&apos;un destinataire ; donnez la clé publique age1... du hub</translation>
    </message>
    <message>
        <source>Keep the private key where it was, and give its public key (the .pub file, or the &apos;age1...&apos; line).</source>
        <translation>Laissez la clé privée où elle est, et donnez sa clé publique (le fichier .pub, ou la ligne « age1... »).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an age recipient key (age1...)</source>
        <translation>« {text} » n&apos;est pas une clé de destinataire age (age1...)</translation>
    </message>
    <message>
        <source>Give the hub&apos;s public key: the &apos;age1...&apos; line, or the .pub file holding it.</source>
        <translation>Indiquez la clé publique de la plateforme : la ligne « age1... », ou le fichier .pub qui la contient.</translation>
    </message>
    <message>
        <source>recipient key</source>
        <translation>clé du destinataire</translation>
    </message>
    <message>
        <source>no age recipient key in this file</source>
        <translation>aucune clé de destinataire age dans ce fichier</translation>
    </message>
    <message>
        <source>The file should hold an &apos;age1...&apos; line.</source>
        <translation>Le fichier devrait contenir une ligne « age1... ».</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>identité</translation>
    </message>
    <message>
        <source>the {what} given is {kind} itself, not the name of a file</source>
        <translation>ce qui est donné comme {what} est {kind}, pas le nom d&apos;un fichier</translation>
    </message>
    <message>
        <source>Give the path of the key file.</source>
        <translation>Donnez le chemin du fichier de clé.</translation>
    </message>
    <message>
        <source>{what} file not found</source>
        <translation>fichier introuvable : {what}</translation>
    </message>
    <message>
        <source>Check the path; give the key file itself.</source>
        <translation>Vérifiez le chemin ; indiquez le fichier de clé lui-même.</translation>
    </message>
    <message>
        <source>cannot read the {what} file ({reason})</source>
        <translation>impossible de lire le fichier ({what}) : {reason}</translation>
    </message>
    <message>
        <source>this file is far too large to be a {what}</source>
        <translation>ce fichier est bien trop gros pour être une {what}</translation>
    </message>
    <message>
        <source>Give the key file itself.</source>
        <translation>Indiquez le fichier de clé lui-même.</translation>
    </message>
    <message>
        <source>the passphrase for the pseudonymisation secret is empty</source>
        <translation>la phrase secrète du secret de pseudonymisation est vide</translation>
    </message>
    <message>
        <source>Choose a passphrase; it is needed every time data are pseudonymised.</source>
        <translation>Choisissez une phrase secrète ; elle sera demandée à chaque pseudonymisation.</translation>
    </message>
    <message>
        <source>a secret file already exists here and would be replaced</source>
        <translation>un fichier de secret existe déjà à cet endroit et serait remplacé</translation>
    </message>
    <message>
        <source>Choose another file name; replacing a secret makes the old pseudonyms unlinkable.</source>
        <translation>Choisissez un autre nom de fichier ; remplacer un secret rend les anciens pseudonymes impossibles à relier.</translation>
    </message>
    <message>
        <source>cannot write the secret file ({reason})</source>
        <translation>impossible d&apos;écrire le fichier de secret ({reason})</translation>
    </message>
    <message>
        <source>cannot read the secret file ({reason})</source>
        <translation>impossible de lire le fichier de secret ({reason})</translation>
    </message>
    <message>
        <source>this file is not an encrypted pseudonymisation secret</source>
        <translation>ce fichier n&apos;est pas un secret de pseudonymisation chiffré</translation>
    </message>
    <message>
        <source>Give the secret file made by &apos;curator keys new-secret&apos; or the one issued by the hub.</source>
        <translation>Indiquez le fichier de secret créé par « curator keys new-secret » ou celui fourni par la plateforme.</translation>
    </message>
    <message>
        <source>wrong passphrase for the pseudonymisation secret, or the file is damaged</source>
        <translation>phrase secrète erronée pour le secret de pseudonymisation, ou fichier endommagé</translation>
    </message>
    <message>
        <source>Type the passphrase chosen when the secret was made (or given with it by the hub).</source>
        <translation>Saisissez la phrase secrète choisie à la création du secret (ou transmise avec lui par la plateforme).</translation>
    </message>
    <message>
        <source>cannot read the linkage secret ({reason})</source>
        <translation>impossible de lire le secret de chaînage ({reason})</translation>
    </message>
    <message>
        <source>the linkage secret is encrypted and no passphrase was given for it</source>
        <translation>le secret de chaînage est chiffré et aucune phrase secrète n&apos;a été donnée</translation>
    </message>
    <message>
        <source>Give the passphrase the hub sent with the secret.</source>
        <translation>Indiquez la phrase secrète envoyée par la plateforme avec le secret.</translation>
    </message>
    <message>
        <source>the secret in this file is not {count} bytes (256 bits)</source>
        <translation>le secret de ce fichier ne fait pas {count} octets (256 bits)</translation>
    </message>
    <message>
        <source>Ask the hub for the linkage secret again, or make a new one with &apos;curator keys new-secret&apos;.</source>
        <translation>Redemandez le secret de chaînage à la plateforme, ou créez-en un nouveau avec « curator keys new-secret ».</translation>
    </message>
    <message>
        <source>a pseudonymisation secret must be {count} bytes</source>
        <translation>un secret de pseudonymisation doit faire {count} octets</translation>
    </message>
    <message>
        <source>no quasi-identifier was chosen</source>
        <translation>aucun quasi-identifiant n&apos;a été choisi</translation>
    </message>
    <message>
        <source>Choose the columns an attacker could know.</source>
        <translation>Choisissez les colonnes qu&apos;un attaquant pourrait connaître.</translation>
    </message>
    <message>
        <source>no data were given for table &apos;{name}&apos;</source>
        <translation>aucune donnée n&apos;a été donnée pour la table « {name} »</translation>
    </message>
    <message>
        <source>k must be at least 1, not {k}</source>
        <translation>k doit valoir au moins 1, pas {k}</translation>
    </message>
    <message>
        <source>reaching k = {k} persons needs {cells} suppressed cells of {persons} persons ({whole} of them whole), more than the caps allow ({cells_allowed} cells, {persons_allowed} persons)</source>
        <translation>atteindre k = {k} personnes demande de masquer {cells} cellules de {persons} personnes (dont {whole} entièrement), plus que les plafonds ne le permettent ({cells_allowed} cellules, {persons_allowed} personnes)</translation>
    </message>
    <message>
        <source>Run &apos;curator recipe reach-k&apos; on these files again; or lower k, or raise the suppression caps.</source>
        <translation>Relancez « curator recipe reach-k » sur ces fichiers ; ou baissez k, ou relevez les plafonds de suppression.</translation>
    </message>
    <message>
        <source>no quasi-identifier of a table with a person key leaves in the package</source>
        <translation>aucun quasi-identifiant d&apos;une table ayant une clé de personne ne sort dans le paquet</translation>
    </message>
    <message>
        <source>Tick the quasi-identifiers an attacker could know in each table&apos;s protection.quasi_identifiers.</source>
        <translation>Cochez les quasi-identifiants qu&apos;un attaquant pourrait connaître dans protection.quasi_identifiers de chaque table.</translation>
    </message>
    <message>
        <source>counted in persons across the tables: each record below is a person</source>
        <translation>compté en personnes sur l&apos;ensemble des tables : chaque enregistrement ci-dessous est une personne</translation>
    </message>
    <message>
        <source>the package would be below the recipe&apos;s k across the tables: {problem}</source>
        <translation>le paquet serait sous le k de la recette sur l&apos;ensemble des tables : {problem}</translation>
    </message>
    <message>
        <source>Run &apos;curator recipe reach-k RECIPE FILES...&apos; to write a generalisation reaching k in persons across the tables into the recipe; or record in the recipe why this risk is accepted: protection.accept_below_k = {example}.</source>
        <translation>Lancez « curator recipe reach-k RECETTE FICHIERS... » pour écrire dans la recette une généralisation qui atteint k en personnes sur l&apos;ensemble des tables ; ou indiquez dans la recette pourquoi ce risque est accepté : protection.accept_below_k = {example}.</translation>
    </message>
    <message>
        <source>no column named {names}</source>
        <translation>aucune colonne nommée {names}</translation>
    </message>
    <message>
        <source>The columns are: {columns}.</source>
        <translation>Les colonnes sont : {columns}.</translation>
    </message>
    <message>
        <source>no hierarchy for the quasi-identifier &apos;{name}&apos;</source>
        <translation>aucune hiérarchie pour le quasi-identifiant « {name} »</translation>
    </message>
    <message>
        <source>Give a hierarchy for every quasi-identifier.</source>
        <translation>Indiquez une hiérarchie pour chaque quasi-identifiant.</translation>
    </message>
    <message>
        <source>the data hold {records} records, fewer than k = {k}</source>
        <translation>les données comptent {records} enregistrements, moins que k = {k}</translation>
    </message>
    <message>
        <source>Choose a smaller k.</source>
        <translation>Choisissez un k plus petit.</translation>
    </message>
    <message>
        <source>preparing the hierarchies</source>
        <translation>préparation des hiérarchies</translation>
    </message>
    <message>
        <source>{size:,} combinations of hierarchy levels are too many to search</source>
        <translation>{size:,} combinaisons de niveaux de hiérarchie : trop pour les explorer toutes</translation>
    </message>
    <message>
        <source>Use fewer quasi-identifiers, or hierarchies with fewer levels.</source>
        <translation>Utilisez moins de quasi-identifiants, ou des hiérarchies à moins de niveaux.</translation>
    </message>
    <message>
        <source>tried {count} generalisations</source>
        <translation>{count} généralisations essayées</translation>
    </message>
    <message>
        <source>no generalisation within the floors reaches k = {k}, even suppressing {cap:.1%} of the records</source>
        <translation>aucune généralisation dans les planchers n&apos;atteint k = {k}, même en supprimant {cap:.1%} des enregistrements</translation>
    </message>
    <message>
        <source>Choose a coarser floor for a quasi-identifier, allow more suppression, or lower k.</source>
        <translation>Choisissez un plancher plus grossier pour un quasi-identifiant, autorisez plus de suppression, ou baissez k.</translation>
    </message>
    <message>
        <source>no generalisation reaches k = {k}, even suppressing {cap:.1%} of the records</source>
        <translation>aucune généralisation n&apos;atteint k = {k}, même en supprimant {cap:.1%} des enregistrements</translation>
    </message>
    <message>
        <source>Lower k, allow more suppression, or use hierarchies that generalise further.</source>
        <translation>Baissez k, autorisez plus de suppressions, ou utilisez des hiérarchies qui généralisent davantage.</translation>
    </message>
    <message>
        <source>found</source>
        <translation>trouvée</translation>
    </message>
    <message>
        <source>profiling</source>
        <translation>profilage</translation>
    </message>
    <message>
        <source>looking for identifying columns</source>
        <translation>recherche des colonnes identifiantes</translation>
    </message>
    <message>
        <source>suggesting concepts</source>
        <translation>suggestion des concepts</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>encrypting</source>
        <translation>chiffrement</translation>
    </message>
    <message>
        <source>writing the package</source>
        <translation>écriture du paquet</translation>
    </message>
    <message>
        <source>package written</source>
        <translation>paquet écrit</translation>
    </message>
    <message>
        <source>the manifest&apos;s tables do not match the members: {problems}</source>
        <translation>les tables du manifeste ne correspondent pas aux membres : {problems}</translation>
    </message>
    <message>
        <source>a package needs at least one member</source>
        <translation>un paquet doit contenir au moins un élément</translation>
    </message>
    <message>
        <source>a package holds at most {limit} members; {count} were given</source>
        <translation>un paquet contient au plus {limit} membres ; {count} ont été donnés</translation>
    </message>
    <message>
        <source>Name members like &apos;data.parquet&apos; or &apos;report.html&apos;.</source>
        <translation>Nommez les éléments comme « data.parquet » ou « report.html ».</translation>
    </message>
    <message>
        <source>the member name {names} is given twice (letter case aside: Windows and macOS would keep one file)</source>
        <translation>le nom de membre {names} est donné deux fois (à la casse près : Windows et macOS ne garderaient qu&apos;un fichier)</translation>
    </message>
    <message>
        <source>the manifest would hold what its clear part may not: {fields}</source>
        <translation>le manifeste contiendrait ce que sa partie en clair ne peut pas contenir : {fields}</translation>
    </message>
    <message>
        <source>Every byte of manifest.json is public: see the list of its fields in docs/package-format.md.</source>
        <translation>Chaque octet de manifest.json est public : voyez la liste de ses champs dans docs/package-format.md.</translation>
    </message>
    <message>
        <source>the file for member &apos;{name}&apos; does not exist</source>
        <translation>le fichier de l&apos;élément « {name} » n&apos;existe pas</translation>
    </message>
    <message>
        <source>Choose an empty folder.</source>
        <translation>Choisissez un dossier vide.</translation>
    </message>
    <message>
        <source>Nothing was written to the output folder. Ask the producer to send the package again.</source>
        <translation>Rien n&apos;a été écrit dans le dossier de sortie. Demandez au producteur de renvoyer le paquet.</translation>
    </message>
    <message>
        <source>the package failed verification; it was not opened</source>
        <translation>le paquet n&apos;a pas passé la vérification ; il n&apos;a pas été ouvert</translation>
    </message>
    <message>
        <source>this package is not addressed to your key ({key}); the producer addressed it to {recipients}</source>
        <translation>ce paquet n&apos;est pas adressé à votre clé ({key}) ; le producteur l&apos;a adressé à {recipients}</translation>
    </message>
    <message>
        <source>Open it with the identity whose public key the producer used, or ask for a package made for your key.</source>
        <translation>Ouvrez-le avec l&apos;identité dont le producteur a utilisé la clé publique, ou demandez un paquet destiné à votre clé.</translation>
    </message>
    <message>
        <source>the output should be a folder, and this is a file</source>
        <translation>la sortie doit être un dossier, et ceci est un fichier</translation>
    </message>
    <message>
        <source>Give a new or empty folder with -o.</source>
        <translation>Indiquez un dossier nouveau ou vide avec -o.</translation>
    </message>
    <message>
        <source>the output folder already holds {names}; curator never overwrites</source>
        <translation>le dossier de sortie contient déjà {names} ; curator n&apos;écrase jamais de fichier</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name} : {problem}</translation>
    </message>
    <message>
        <source>cannot be decrypted ({reason}): it is damaged, or not encrypted to your key</source>
        <translation>ne peut pas être déchiffré ({reason}) : il est endommagé, ou n&apos;est pas chiffré pour votre clé</translation>
    </message>
    <message>
        <source>changed while it was being opened (SHA-256 differs from the signed manifest)</source>
        <translation>a changé pendant son ouverture (son SHA-256 diffère de celui du manifeste signé)</translation>
    </message>
    <message>
        <source>decrypting</source>
        <translation>déchiffrement</translation>
    </message>
    <message>
        <source>decrypts to {size} bytes where the manifest says {expected}</source>
        <translation>donne {size} octets une fois déchiffré, alors que le manifeste en annonce {expected}</translation>
    </message>
    <message>
        <source>decrypts to content whose SHA-256 differs from the producer&apos;s digest list</source>
        <translation>donne, une fois déchiffré, un contenu dont le SHA-256 diffère de la liste d&apos;empreintes du producteur</translation>
    </message>
    <message>
        <source>does not hold the producer&apos;s digest list ({reason})</source>
        <translation>ne contient pas la liste d&apos;empreintes du producteur ({reason})</translation>
    </message>
    <message>
        <source>does not hold the producer&apos;s digest list in the form curator writes</source>
        <translation>ne contient pas la liste d&apos;empreintes du producteur sous la forme qu&apos;écrit curator</translation>
    </message>
    <message>
        <source>belongs to submission {found}, not to {expected}</source>
        <translation>appartient à l&apos;envoi {found}, pas à {expected}</translation>
    </message>
    <message>
        <source>lists other members than the manifest</source>
        <translation>liste d&apos;autres éléments que le manifeste</translation>
    </message>
    <message>
        <source>a file of this name appeared in the output folder while opening</source>
        <translation>un fichier de ce nom est apparu dans le dossier de sortie pendant l&apos;ouverture</translation>
    </message>
    <message>
        <source>cannot read the package {path} ({reason})</source>
        <translation>impossible de lire le paquet {path} ({reason})</translation>
    </message>
    <message>
        <source>the package is not a sound archive: {reason}</source>
        <translation>le paquet n&apos;est pas une archive saine : {reason}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>the package should begin with {manifest} and {signature}; it begins with {found}</source>
        <translation>le paquet devrait commencer par {manifest} et {signature} ; il commence par {found}</translation>
    </message>
    <message>
        <source>{name} is {size} bytes, far larger than curator writes</source>
        <translation>{name} fait {size} octets, bien plus que ce qu&apos;écrit curator</translation>
    </message>
    <message>
        <source>the signature&apos;s trusted comment (&apos;{comment}&apos;) is not the one curator writes (&apos;curator submission:... created:... file:manifest.json&apos;)</source>
        <translation>le commentaire de confiance de la signature (« {comment} ») n&apos;est pas celui qu&apos;écrit curator (« curator submission:... created:... file:manifest.json »)</translation>
    </message>
    <message>
        <source>the signature&apos;s trusted comment gives {field} &apos;{found}&apos; where the manifest gives &apos;{expected}&apos;: the signature belongs to another submission</source>
        <translation>le commentaire de confiance de la signature donne {field} « {found} » là où le manifeste donne « {expected} » : la signature appartient à un autre envoi</translation>
    </message>
    <message>
        <source>manifest.json names signer key {named}, but it is signed by {actual}</source>
        <translation>manifest.json nomme la clé de signature {named}, mais il est signé par {actual}</translation>
    </message>
    <message>
        <source>{name} holds {size} bytes where the signed manifest says {expected}: the member was altered or replaced</source>
        <translation>{name} contient {size} octets alors que le manifeste signé en annonce {expected} : l&apos;élément a été modifié ou remplacé</translation>
    </message>
    <message>
        <source>{name} does not begin with an age header: it was altered</source>
        <translation>{name} ne commence pas par un en-tête age : il a été modifié</translation>
    </message>
    <message>
        <source>{name} is encrypted to {keys} X25519 keys; the manifest names {recipients}</source>
        <translation>{name} est chiffré pour {keys} clés X25519 ; le manifeste en nomme {recipients}</translation>
    </message>
    <message>
        <source>checking {name}</source>
        <translation>vérification de {name}</translation>
    </message>
    <message>
        <source>{name}: its SHA-256 ({actual}...) differs from the signed manifest&apos;s ({expected}...): the member was altered or replaced</source>
        <translation>{name} : son SHA-256 ({actual}...) diffère de celui du manifeste signé ({expected}...) : l&apos;élément a été modifié ou remplacé</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <source>manifest.json.minisig is not a minisign signature ({reason}): it was altered</source>
        <translation>manifest.json.minisig n&apos;est pas une signature minisign ({reason}) : il a été modifié</translation>
    </message>
    <message>
        <source>manifest.json is signed by another key (key id {actual}), not by the producer key you gave ({expected})</source>
        <translation>manifest.json est signé par une autre clé (identifiant {actual}), et non par la clé du producteur que vous avez indiquée ({expected})</translation>
    </message>
    <message>
        <source>the signature does not match manifest.json: the manifest or its signature was altered</source>
        <translation>la signature ne correspond pas à manifest.json : le manifeste ou sa signature a été modifié</translation>
    </message>
    <message>
        <source>manifest.json.minisig is not in the form curator writes (its untrusted comment or line ends changed): it was altered</source>
        <translation>manifest.json.minisig n&apos;a pas la forme qu&apos;écrit curator (son commentaire non signé ou ses fins de ligne ont changé) : il a été modifié</translation>
    </message>
    <message>
        <source>{name} appears {count} times in the package</source>
        <translation>{name} figure {count} fois dans le paquet</translation>
    </message>
    <message>
        <source>listed in the manifest but missing from the package: {names}</source>
        <translation>listés dans le manifeste mais absents du paquet : {names}</translation>
    </message>
    <message>
        <source>in the package but not listed in the manifest: {names}</source>
        <translation>présents dans le paquet mais absents du manifeste : {names}</translation>
    </message>
    <message>
        <source>the entries are out of order: {actual} where the manifest gives {expected}</source>
        <translation>les entrées ne sont pas dans l&apos;ordre : {actual} alors que le manifeste donne {expected}</translation>
    </message>
    <message>
        <source>identifying columns would leave as they are: {columns}</source>
        <translation>des colonnes identifiantes sortiraient telles quelles : {columns}</translation>
    </message>
    <message>
        <source>Drop or pseudonymise them, or choose &apos;keep&apos; and confirm it explicitly.</source>
        <translation>Supprimez-les ou pseudonymisez-les, ou choisissez « conserver » et confirmez-le explicitement.</translation>
    </message>
    <message>
        <source>identifying columns</source>
        <translation>recherche des colonnes identifiantes</translation>
    </message>
    <message>
        <source>converting and validating</source>
        <translation>conversion et validation</translation>
    </message>
    <message>
        <source>protecting</source>
        <translation>protection</translation>
    </message>
    <message>
        <source>measuring re-identification risk</source>
        <translation>mesure du risque de réidentification</translation>
    </message>
    <message>
        <source>curated</source>
        <translation>curation terminée</translation>
    </message>
    <message>
        <source>Profiling</source>
        <translation>Profilage</translation>
    </message>
    <message>
        <source>Profiled {done} of {count} columns</source>
        <translation>{done} colonnes profilées sur {count}</translation>
    </message>
    <message>
        <source>protecting {column}</source>
        <translation>protection de « {column} »</translation>
    </message>
    <message>
        <source>protection done</source>
        <translation>protection terminée</translation>
    </message>
    <message>
        <source>the column &apos;{column}&apos; is not in the data</source>
        <translation>la colonne « {column} » n&apos;est pas dans les données</translation>
    </message>
    <message>
        <source>The file&apos;s columns changed since the recipe was made: review the mapping.</source>
        <translation>Les colonnes du fichier ont changé depuis la création de la recette : revoyez les correspondances.</translation>
    </message>
    <message>
        <source>unknown action &apos;{action}&apos;</source>
        <translation>action inconnue « {action} »</translation>
    </message>
    <message>
        <source>this column identifies people directly and would be exported as it is</source>
        <translation>cette colonne identifie directement des personnes et serait exportée telle quelle</translation>
    </message>
    <message>
        <source>Drop or pseudonymise it, or confirm explicitly that it must be kept.</source>
        <translation>Supprimez-la ou pseudonymisez-la, ou confirmez explicitement qu&apos;elle doit être conservée.</translation>
    </message>
    <message>
        <source>two columns would both be exported as &apos;{name}&apos;: &apos;{first}&apos; and &apos;{second}&apos;</source>
        <translation>deux colonnes seraient exportées sous le même nom « {name} » : « {first} » et « {second} »</translation>
    </message>
    <message>
        <source>Give one of them another output name.</source>
        <translation>Donnez à l&apos;une d&apos;elles un autre nom de sortie.</translation>
    </message>
    <message>
        <source>pseudonymising needs the secret, and none was given</source>
        <translation>la pseudonymisation a besoin du secret, et aucun n&apos;a été donné</translation>
    </message>
    <message>
        <source>Open the secret file (or create one with &apos;curator keys new-secret&apos;).</source>
        <translation>Ouvrez le fichier de secret (ou créez-en un avec « curator keys new-secret »).</translation>
    </message>
    <message>
        <source>the action &apos;{action}&apos; needs the setting &apos;{key}&apos;</source>
        <translation>l&apos;action « {action} » a besoin du paramètre « {key} »</translation>
    </message>
    <message>
        <source>unknown kind of pseudonym &apos;{kind}&apos;</source>
        <translation>type de pseudonyme inconnu « {kind} »</translation>
    </message>
    <message>
        <source>no pseudonymisation secret was given</source>
        <translation>aucun secret de pseudonymisation n&apos;a été donné</translation>
    </message>
    <message>
        <source>Open or create the secret file (&apos;curator keys new-secret&apos;).</source>
        <translation>Ouvrez ou créez le fichier de secret (« curator keys new-secret »).</translation>
    </message>
    <message>
        <source>unknown generalisation &apos;{to}&apos;</source>
        <translation>généralisation inconnue « {to} »</translation>
    </message>
    <message>
        <source>Use year, year_month, quarter, department or region, or a hierarchy.</source>
        <translation>Utilisez year (année), year_month (année et mois), quarter (trimestre), department (département) ou region (région), ou une hiérarchie.</translation>
    </message>
    <message>
        <source>the person column &apos;{column}&apos; for the date shift is not in the data</source>
        <translation>la colonne de la personne « {column} » pour le décalage des dates n&apos;est pas dans les données</translation>
    </message>
    <message>
        <source>Choose the column that identifies the person.</source>
        <translation>Choisissez la colonne qui identifie la personne.</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>lecture</translation>
    </message>
    <message>
        <source>comparing with the recipe</source>
        <translation>comparaison avec la recette</translation>
    </message>
    <message>
        <source>{rows:,} rows, {rate:,.0f} rows/s</source>
        <translation>{rows:,} lignes, {rate:,.0f} lignes/s</translation>
    </message>
    <message>
        <source>writing again: {columns} keep their values as written</source>
        <translation>nouvelle écriture : {columns} gardent leurs valeurs telles qu&apos;écrites</translation>
    </message>
    <message>
        <source>analysis ready</source>
        <translation>analyse prête</translation>
    </message>
    <message>
        <source>no Table Schema (.json) file in this folder</source>
        <translation>aucun fichier Table Schema (.json) dans ce dossier</translation>
    </message>
    <message>
        <source>Point to a Table Schema file, or to a folder that holds them.</source>
        <translation>Indiquez un fichier Table Schema, ou un dossier qui en contient.</translation>
    </message>
    <message>
        <source>Table Schema</source>
        <translation>Table Schema</translation>
    </message>
    <message>
        <source>nomenclature {file} has no column &apos;{column}&apos;</source>
        <translation>la nomenclature {file} n&apos;a pas de colonne « {column} »</translation>
    </message>
    <message>
        <source>Check the &apos;nomenclature&apos; property of the field that points to it.</source>
        <translation>Vérifiez la propriété « nomenclature » du champ qui y renvoie.</translation>
    </message>
    <message>
        <source>this JSON file has no &apos;fields&apos; list: it is not a Table Schema</source>
        <translation>ce fichier JSON n&apos;a pas de liste « fields » : ce n&apos;est pas un Table Schema</translation>
    </message>
    <message>
        <source>field {position} of table {table} has no name</source>
        <translation>le champ {position} de la table {table} n&apos;a pas de nom</translation>
    </message>
    <message>
        <source>Every Table Schema field needs a &apos;name&apos;.</source>
        <translation>Chaque champ d&apos;un Table Schema doit avoir un « name ».</translation>
    </message>
    <message>
        <source>concept &apos;{concept}&apos; is not in vocabulary &apos;{vocabulary}&apos; {version}</source>
        <translation>le concept « {concept} » n&apos;existe pas dans le vocabulaire « {vocabulary} » {version}</translation>
    </message>
    <message>
        <source>Choose a concept of this vocabulary, or load the vocabulary the recipe was made with.</source>
        <translation>Choisissez un concept de ce vocabulaire, ou chargez le vocabulaire avec lequel la recette a été établie.</translation>
    </message>
    <message>
        <source>a code-list file must have the columns code;label_fr;label_en;synonyms</source>
        <translation>un fichier de liste de codes doit avoir les colonnes code;label_fr;label_en;synonyms</translation>
    </message>
    <message>
        <source>Rebuild it with scripts/build_vocabulary.py.</source>
        <translation>Reconstruisez-le avec scripts/build_vocabulary.py.</translation>
    </message>
    <message>
        <source>unknown default action &apos;{action}&apos;</source>
        <translation>action par défaut inconnue « {action} »</translation>
    </message>
    <message>
        <source>Use one of: {choices}.</source>
        <translation>Utilisez l&apos;une de ces valeurs : {choices}.</translation>
    </message>
    <message>
        <source>a concept has no &apos;id&apos;</source>
        <translation>un concept n&apos;a pas d&apos;« id »</translation>
    </message>
    <message>
        <source>Give every concept a stable id.</source>
        <translation>Donnez à chaque concept un identifiant stable.</translation>
    </message>
    <message>
        <source>concept &apos;{concept}&apos; has unknown value type &apos;{value_type}&apos;</source>
        <translation>le concept « {concept} » a un type de valeur inconnu « {value_type} »</translation>
    </message>
    <message>
        <source>concept &apos;{concept}&apos; has unknown class &apos;{identifying}&apos;</source>
        <translation>le concept « {concept} » a une classe inconnue « {identifying} »</translation>
    </message>
    <message>
        <source>code list &apos;{code_list}&apos; points to a missing file &apos;{file}&apos;</source>
        <translation>la liste de codes « {code_list} » renvoie à un fichier absent « {file} »</translation>
    </message>
    <message>
        <source>Reinstall curator, or rebuild the lists with scripts/build_vocabulary.py.</source>
        <translation>Réinstallez curator, ou reconstruisez les listes avec scripts/build_vocabulary.py.</translation>
    </message>
    <message>
        <source>vocabulary format version {version} is newer than this curator reads</source>
        <translation>la version de format du vocabulaire ({version}) est plus récente que celles que lit ce curator</translation>
    </message>
    <message>
        <source>Update curator.</source>
        <translation>Mettez curator à jour.</translation>
    </message>
    <message>
        <source>concept &apos;{concept}&apos; is defined twice</source>
        <translation>le concept « {concept} » est défini deux fois</translation>
    </message>
    <message>
        <source>Give each concept a unique id.</source>
        <translation>Donnez à chaque concept un identifiant unique.</translation>
    </message>
    <message>
        <source>concept &apos;{concept}&apos; refers to an unknown code list &apos;{code_list}&apos;</source>
        <translation>le concept « {concept} » renvoie à une liste de codes inconnue « {code_list} »</translation>
    </message>
    <message>
        <source>Add the code list or remove the reference.</source>
        <translation>Ajoutez la liste de codes ou retirez la référence.</translation>
    </message>
    <message>
        <source>vocabulary &apos;{vocabulary}&apos; not found</source>
        <translation>vocabulaire « {vocabulary} » introuvable</translation>
    </message>
    <message>
        <source>Give &apos;hub-core&apos;, a vocabulary JSON file, or a Table Schema file or folder.</source>
        <translation>Indiquez « hub-core », un fichier JSON de vocabulaire, ou un fichier ou dossier Table Schema.</translation>
    </message>
    <message>
        <source>vocabulary</source>
        <translation>vocabulaire</translation>
    </message>
    <message>
        <source>the vocabulary file does not hold a JSON object</source>
        <translation>le fichier de vocabulaire ne contient pas d&apos;objet JSON</translation>
    </message>
    <message>
        <source>this JSON file is neither a curator vocabulary nor a Table Schema</source>
        <translation>ce fichier JSON n&apos;est ni un vocabulaire curator ni un Table Schema</translation>
    </message>
    <message>
        <source>A Table Schema has a &apos;fields&apos; list; a curator vocabulary has &quot;format&quot;: &quot;curator-vocabulary&quot;.</source>
        <translation>Un Table Schema a une liste « fields » ; un vocabulaire curator a &quot;format&quot;: &quot;curator-vocabulary&quot;.</translation>
    </message>
    <message>
        <source>the hierarchy is empty</source>
        <translation>la hiérarchie est vide</translation>
    </message>
    <message>
        <source>line {line} has {count} levels where the first line has {width}</source>
        <translation>la ligne {line} a {count} niveaux alors que la première ligne en a {width}</translation>
    </message>
    <message>
        <source>Every line needs the original value and the same number of levels.</source>
        <translation>Chaque ligne doit contenir la valeur d&apos;origine et le même nombre de niveaux.</translation>
    </message>
    <message>
        <source>the value &apos;{value}&apos; is listed twice</source>
        <translation>la valeur « {value} » figure deux fois</translation>
    </message>
    <message>
        <source>Each original value must appear on one line only.</source>
        <translation>Chaque valeur d&apos;origine ne doit figurer que sur une seule ligne.</translation>
    </message>
    <message>
        <source>level {level} does not exist in hierarchy &apos;{name}&apos; (levels 0 to {top})</source>
        <translation>le niveau {level} n&apos;existe pas dans la hiérarchie « {name} » (niveaux 0 à {top})</translation>
    </message>
    <message>
        <source>{count} value(s) are not in hierarchy &apos;{name}&apos;: {values}</source>
        <translation>{count} valeur(s) absente(s) de la hiérarchie « {name} » : {values}</translation>
    </message>
    <message>
        <source>Add them to the hierarchy file, or choose a hierarchy that covers them.</source>
        <translation>Ajoutez-les au fichier de hiérarchie, ou choisissez une hiérarchie qui les couvre.</translation>
    </message>
    <message>
        <source>the hierarchy is not a CSV file curator can read ({reason})</source>
        <translation>la hiérarchie n’est pas un fichier CSV que curator peut lire ({reason})</translation>
    </message>
    <message>
        <source>Export it again from ARX (one line per value, &apos;;&apos;-separated).</source>
        <translation>Exportez-la de nouveau depuis ARX (une ligne par valeur, séparateur « ; »).</translation>
    </message>
    <message>
        <source>the hierarchies folder does not exist</source>
        <translation>le dossier des hiérarchies n&apos;existe pas</translation>
    </message>
    <message>
        <source>no hierarchy for column &apos;{column}&apos;</source>
        <translation>aucune hiérarchie pour la colonne « {column} »</translation>
    </message>
    <message>
        <source>Add &apos;{column}.csv&apos; or &apos;&lt;prefix&gt;_hierarchy_{column}.csv&apos; in ARX&apos;s format.</source>
        <translation>Ajoutez « {column}.csv » ou « &lt;préfixe&gt;_hierarchy_{column}.csv » au format d&apos;ARX.</translation>
    </message>
    <message>
        <source>&apos;{spec}&apos; does not give interval widths</source>
        <translation>« {spec} » ne donne pas de largeurs d&apos;intervalles</translation>
    </message>
    <message>
        <source>Write the widths after &apos;intervals:&apos;, for example intervals:5,10,20.</source>
        <translation>Écrivez les largeurs après « intervals: », par exemple intervals:5,10,20.</translation>
    </message>
    <message>
        <source>the hierarchy &apos;{spec}&apos; is neither a file nor a rule</source>
        <translation>la hiérarchie « {spec} » n&apos;est ni un fichier ni une règle</translation>
    </message>
    <message>
        <source>Give an ARX hierarchy CSV, or one of: digits, date, intervals:W1,W2,...</source>
        <translation>Indiquez un fichier CSV de hiérarchie ARX, ou l&apos;une de ces règles : digits, date, intervals:L1,L2,...</translation>
    </message>
    <message>
        <source>Re-create it with &apos;curator recipe init&apos;, or restore it from a backup.</source>
        <translation>Recréez-la avec « curator recipe init », ou restaurez-la depuis une sauvegarde.</translation>
    </message>
    <message>
        <source>this file does not hold a recipe (a JSON object is expected)</source>
        <translation>ce fichier ne contient pas de recette (un objet JSON est attendu)</translation>
    </message>
    <message>
        <source>this JSON file is a &apos;{declared}&apos;, not a curator recipe</source>
        <translation>ce fichier JSON est un « {declared} », pas une recette curator</translation>
    </message>
    <message>
        <source>Give the recipe written by &apos;curator recipe init&apos; or saved by the app.</source>
        <translation>Indiquez la recette écrite par « curator recipe init » ou enregistrée par l&apos;application.</translation>
    </message>
    <message>
        <source>the recipe has no valid format version ({version})</source>
        <translation>la recette n&apos;a pas de version de format valide ({version})</translation>
    </message>
    <message>
        <source>this recipe was written by a newer curator (format version {version}; this curator reads up to version {known})</source>
        <translation>cette recette a été écrite par un curator plus récent (version de format {version} ; ce curator lit jusqu&apos;à la version {known})</translation>
    </message>
    <message>
        <source>Update curator on this workstation, or open the recipe with the version that wrote it.</source>
        <translation>Mettez à jour curator sur ce poste, ou ouvrez la recette avec la version qui l&apos;a écrite.</translation>
    </message>
    <message>
        <source>recipe format version {version} is not known to this curator</source>
        <translation>la version de format de recette {version} est inconnue de ce curator</translation>
    </message>
    <message>
        <source>... and {count} more</source>
        <translation>... et {count} de plus</translation>
    </message>
    <message>
        <source>the recipe does not follow the recipe format ({count} problems)</source>
        <translation>la recette ne respecte pas le format des recettes ({count} problèmes)</translation>
    </message>
    <message>
        <source>the recipe does not follow the recipe format ({count} problem)</source>
        <translation>la recette ne respecte pas le format des recettes ({count} problème)</translation>
    </message>
    <message>
        <source>Fix the entries listed, or re-create the recipe with &apos;curator recipe init&apos;.</source>
        <translation>Corrigez les entrées listées, ou recréez la recette avec « curator recipe init ».</translation>
    </message>
    <message>
        <source>no public key {name} beside the signing key to verify with</source>
        <translation>aucune clé publique {name} à côté de la clé de signature pour vérifier le paquet</translation>
    </message>
    <message>
        <source>the values are {type}, not dates</source>
        <translation>les valeurs sont de type {type}, pas des dates</translation>
    </message>
    <message>
        <source>Map the column to a date concept, or choose another action.</source>
        <translation>Associez la colonne à un concept de date, ou choisissez une autre action.</translation>
    </message>
    <message>
        <source>{count} value(s) are not dates, the first on row {row}: &apos;{value}&apos;</source>
        <translation>{count} valeur(s) ne sont pas des dates, la première à la ligne {row} : « {value} »</translation>
    </message>
    <message>
        <source>Dates must be written YYYY-MM-DD or DD/MM/YYYY; correct or empty those cells.</source>
        <translation>Les dates doivent être écrites AAAA-MM-JJ ou JJ/MM/AAAA ; corrigez ou videz ces cellules.</translation>
    </message>
    <message>
        <source>unknown date generalisation &apos;{to}&apos;</source>
        <translation>généralisation de date inconnue « {to} »</translation>
    </message>
    <message>
        <source>date shift needs a whole number of days ≥ 1, not {days}</source>
        <translation>le décalage des dates demande un nombre entier de jours ≥ 1, pas {days}</translation>
    </message>
    <message>
        <source>{count} value(s) are not French postcodes or commune codes, the first on row {row}: &apos;{value}&apos;</source>
        <translation>{count} valeur(s) ne sont pas des codes postaux ou codes communes français, la première à la ligne {row} : « {value} »</translation>
    </message>
    <message>
        <source>Expected a 5-character postcode or INSEE commune code (2A/2B for Corsica) or a département code.</source>
        <translation>Attendu : un code postal ou un code commune INSEE de 5 caractères (2A/2B pour la Corse), ou un code de département.</translation>
    </message>
    <message>
        <source>{count} value(s) are not French départements, the first on row {row}: &apos;{value}&apos;</source>
        <translation>{count} valeur(s) ne sont pas des départements français, la première à la ligne {row} : « {value} »</translation>
    </message>
    <message>
        <source>Check the codes in this column.</source>
        <translation>Vérifiez les codes de cette colonne.</translation>
    </message>
    <message>
        <source>the values are {type}, not numbers</source>
        <translation>les valeurs sont de type {type}, pas des nombres</translation>
    </message>
    <message>
        <source>{count} value(s) are not numbers, the first on row {row}: &apos;{value}&apos;</source>
        <translation>{count} valeur(s) ne sont pas des nombres, la première à la ligne {row} : « {value} »</translation>
    </message>
    <message>
        <source>Correct or empty those cells, or choose another action for this column.</source>
        <translation>Corrigez ou videz ces cellules, ou choisissez une autre action pour cette colonne.</translation>
    </message>
    <message>
        <source>band width must be positive, not {width}</source>
        <translation>la largeur des tranches doit être positive, pas {width}</translation>
    </message>
    <message>
        <source>band edges are empty</source>
        <translation>les bornes des tranches sont vides</translation>
    </message>
    <message>
        <source>a band needs a &apos;width&apos; or &apos;edges&apos;</source>
        <translation>une tranche a besoin d&apos;une largeur (« width ») ou de bornes (« edges »)</translation>
    </message>
    <message>
        <source>the suppression cap must be a fraction between 0 and 1, not {cap}</source>
        <translation>le plafond de suppression doit être une fraction entre 0 et 1, pas {cap}</translation>
    </message>
    <message>
        <source>For 4 %, give 0.04.</source>
        <translation>Pour 4 %, indiquez 0.04.</translation>
    </message>
    <message>
        <source>{count} records are in classes smaller than {k}, more than the {allowed} ({cap:.1%}) that may be suppressed</source>
        <translation>{count} enregistrements sont dans des classes de moins de {k}, plus que les {allowed} ({cap:.1%}) qui peuvent être supprimés</translation>
    </message>
    <message>
        <source>Generalise the quasi-identifiers further (or let curator search for it), or raise the suppression cap.</source>
        <translation>Généralisez davantage les quasi-identifiants (ou laissez curator chercher comment), ou relevez le plafond de suppression.</translation>
    </message>
    <message>
        <source>a private age key (an identity)</source>
        <translation>une clé privée age (une identité)</translation>
    </message>
    <message>
        <source>an age plug-in identity</source>
        <translation>une identité de greffon age</translation>
    </message>
    <message>
        <source>a minisign secret key</source>
        <translation>une clé secrète minisign</translation>
    </message>
    <message>
        <source>a PEM private key</source>
        <translation>une clé privée PEM</translation>
    </message>
    <message>
        <source>an age-encrypted file (a protected identity or secret)</source>
        <translation>un fichier chiffré par age (une identité ou un secret protégés)</translation>
    </message>
    <message>
        <source>a 32-byte secret (hexadecimal or base64)</source>
        <translation>un secret de 32 octets (en hexadécimal ou en base64)</translation>
    </message>
    <message>
        <source>cannot read the package ({reason})</source>
        <translation>impossible de lire le paquet ({reason})</translation>
    </message>
    <message>
        <source>this is not a ledger of opened submissions</source>
        <translation>ce fichier n&apos;est pas un registre de soumissions ouvertes</translation>
    </message>
    <message>
        <source>Give the ledger file curator keeps (one JSON object per line), or a new file name.</source>
        <translation>Indiquez le registre que tient curator (un objet JSON par ligne), ou un nouveau nom de fichier.</translation>
    </message>
    <message>
        <source>submission {submission} (created {created}) was already opened on {opened}: this package is a copy sent again, or a replay; it was not opened</source>
        <translation>la soumission {submission} (créée le {created}) a déjà été ouverte le {opened} : ce paquet est une copie envoyée de nouveau, ou rejouée ; il n&apos;a pas été ouvert</translation>
    </message>
    <message>
        <source>Use the data opened the first time (ledger {ledger}); ask the producer for a new submission if the data changed.</source>
        <translation>Utilisez les données ouvertes la première fois (registre {ledger}) ; demandez une nouvelle soumission au producteur si les données ont changé.</translation>
    </message>
    <message>
        <source>cannot read the ledger ({reason})</source>
        <translation>impossible de lire le registre ({reason})</translation>
    </message>
    <message>
        <source>the work folder is not a folder of yours; curator keeps unencrypted work files only in a private folder</source>
        <translation>le dossier de travail n&apos;est pas un dossier à vous ; curator ne garde de fichiers de travail non chiffrés que dans un dossier privé</translation>
    </message>
    <message>
        <source>Remove it, or set CURATOR_WORK_DIR to a folder only you can read.</source>
        <translation>Supprimez-le, ou donnez à CURATOR_WORK_DIR un dossier que vous seul pouvez lire.</translation>
    </message>
    <message>
        <source>the file exists already; curator never overwrites it</source>
        <translation>le fichier existe déjà ; curator ne l&apos;écrase jamais</translation>
    </message>
    <message>
        <source>Choose another name, or move the old file away first.</source>
        <translation>Choisissez un autre nom, ou déplacez d&apos;abord l&apos;ancien fichier.</translation>
    </message>
    <message>
        <source>{name} exists already (left by an interrupted run, or put there by someone else); curator does not write through it</source>
        <translation>{name} existe déjà (laissé par une exécution interrompue, ou placé là par quelqu&apos;un d&apos;autre) ; curator n&apos;écrit pas à travers</translation>
    </message>
    <message>
        <source>Look at what it is, remove it, and run again.</source>
        <translation>Regardez ce que c&apos;est, supprimez-le, puis relancez.</translation>
    </message>
    <message>
        <source>{file} changed while it was being read (same size and modification time, other content): another program is probably writing to it</source>
        <translation>{file} a changé pendant sa lecture (même taille et même date de modification, autre contenu) : un autre programme est probablement en train d&apos;y écrire</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>disparu</translation>
    </message>
    <message>
        <source>{file} changed while it was being read (size {before:,} → {after} bytes): it is probably still being copied or exported</source>
        <translation>{file} a changé pendant sa lecture (taille {before:,} → {after} octets) : il est sans doute encore en cours de copie ou d’export</translation>
    </message>
    <message>
        <source>Wait until it is complete and try again; nothing was written.</source>
        <translation>Attendez qu’il soit complet et réessayez ; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>the settings of the action &apos;{action}&apos; must be an object, not {value}</source>
        <translation>les réglages de l’action « {action} » doivent être un objet, pas {value}</translation>
    </message>
    <message>
        <source>the action &apos;{action}&apos; has no setting &apos;{key}&apos; (its settings: {known})</source>
        <translation>l’action « {action} » n’a pas de réglage « {key} » (ses réglages : {known})</translation>
    </message>
    <message>
        <source>the action &apos;{action}&apos; is given both &apos;{first}&apos; and &apos;{second}&apos;, which mean the same</source>
        <translation>l’action « {action} » reçoit à la fois « {first} » et « {second} », qui veulent dire la même chose</translation>
    </message>
    <message>
        <source>the setting &apos;{key}&apos; of the action &apos;{action}&apos; must be {expected}, not {value}</source>
        <translation>le réglage « {key} » de l’action « {action} » doit être {expected}, pas {value}</translation>
    </message>
    <message>
        <source>the action &apos;{action}&apos; needs the setting {key}</source>
        <translation>l’action « {action} » a besoin du réglage {key}</translation>
    </message>
    <message>
        <source>the action &apos;{action}&apos; takes &apos;{first}&apos; or &apos;{second}&apos;, not both</source>
        <translation>l’action « {action} » prend « {first} » ou « {second} », pas les deux</translation>
    </message>
    <message>
        <source>Correct the action&apos;s settings in the recipe (see docs/recipe.md), or choose the action again in the app.</source>
        <translation>Corrigez les réglages de l’action dans la recette (voir docs/recipe.md), ou choisissez de nouveau l’action dans l’application.</translation>
    </message>
    <message>
        <source>{count} row(s): {problem} (rule &apos;{rule}&apos;), first at row {row}</source>
        <translation>{count} ligne(s) : {problem} (règle « {rule} »), d&apos;abord à la ligne {row}</translation>
    </message>
    <message>
        <source>Correct the source, or decide: exclude the rows, keep them with a reason, or switch the rule off with a reason.</source>
        <translation>Corrigez la source, ou décidez : exclure les lignes, les conserver avec une raison, ou désactiver la règle avec une raison.</translation>
    </message>
    <message>
        <source>exclude_row</source>
        <translation>exclure les lignes</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <source>all columns</source>
        <translation>toutes les colonnes</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos; names an unknown concept &apos;{concept}&apos;</source>
        <translation>la règle « {rule} » nomme un concept inconnu « {concept} »</translation>
    </message>
    <message>
        <source>Use the id of a concept of this vocabulary.</source>
        <translation>Utilisez l&apos;identifiant d&apos;un concept de ce vocabulaire.</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: concept &apos;{concept}&apos; is of type &apos;{value_type}&apos;, which this rule cannot compare</source>
        <translation>règle « {rule} » : le concept « {concept} » est de type « {value_type} », que cette règle ne sait pas comparer</translation>
    </message>
    <message>
        <source>Use concepts of type: {choices}.</source>
        <translation>Utilisez des concepts de type : {choices}.</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;order&apos; must be text such as &apos;admission_date &lt;= discharge_date&apos;</source>
        <translation>règle « {rule} » : « order » doit être un texte comme « admission_date &lt;= discharge_date »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;{text}&apos; is not an order of concepts</source>
        <translation>règle « {rule} » : « {text} » n&apos;est pas un ordre de concepts</translation>
    </message>
    <message>
        <source>Write concepts joined by one operator: &lt;=, &lt;, &gt;= or &gt;.</source>
        <translation>Écrivez des concepts reliés par un seul opérateur : &lt;=, &lt;, &gt;= ou &gt;.</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;{text}&apos; mixes rising and falling operators</source>
        <translation>règle « {rule} » : « {text} » mélange des opérateurs croissants et décroissants</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;presence&apos; needs &apos;if&apos;, &apos;in&apos; and &apos;then&apos;</source>
        <translation>règle « {rule} » : « presence » demande « if », « in » et « then »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;in&apos; must list the values of &apos;{concept}&apos; that make the condition</source>
        <translation>règle « {rule} » : « in » doit lister les valeurs de « {concept} » qui font la condition</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;{name}&apos; must be a number</source>
        <translation>règle « {rule} » : « {name} » doit être un nombre</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;span&apos; needs &apos;from&apos; and &apos;to&apos;</source>
        <translation>règle « {rule} » : « span » demande « from » et « to »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: unknown unit &apos;{unit}&apos;</source>
        <translation>règle « {rule} » : unité inconnue « {unit} »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;span&apos; needs a &apos;minimum&apos; or a &apos;maximum&apos;</source>
        <translation>règle « {rule} » : « span » demande un « minimum » ou un « maximum »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;minimum&apos; is above &apos;maximum&apos;</source>
        <translation>règle « {rule} » : « minimum » dépasse « maximum »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;unique&apos; must list the concepts of the key</source>
        <translation>règle « {rule} » : « unique » doit lister les concepts de la clé</translation>
    </message>
    <message>
        <source>a rule has no valid &apos;id&apos;</source>
        <translation>une règle n&apos;a pas d&apos;« id » valable</translation>
    </message>
    <message>
        <source>Give every rule an id of lower-case letters, digits and &apos;_&apos;.</source>
        <translation>Donnez à chaque règle un id fait de minuscules, de chiffres et de « _ ».</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos; must say exactly one of: {choices}</source>
        <translation>la règle « {rule} » doit dire exactement un de : {choices}</translation>
    </message>
    <message>
        <source>See the rule format in docs/vocabulary.md.</source>
        <translation>Voir le format des règles dans docs/vocabulary.md.</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos; reads more than {count} concepts</source>
        <translation>la règle « {rule} » lit plus de {count} concepts</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;unless_mapped&apos; must list concepts</source>
        <translation>règle « {rule} » : « unless_mapped » doit lister des concepts</translation>
    </message>
    <message>
        <source>&apos;rules&apos; must be a list</source>
        <translation>« rules » doit être une liste</translation>
    </message>
    <message>
        <source>more than {count} rules</source>
        <translation>plus de {count} règles</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;plausible&apos; needs &apos;value&apos;, &apos;age&apos; and &apos;bands&apos;</source>
        <translation>règle « {rule} » : « plausible » demande « value », « age » et « bands »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;age&apos; must list ages, or pairs of dates [birth, event]</source>
        <translation>règle « {rule} » : « age » doit lister des âges, ou des paires de dates [naissance, événement]</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;bands&apos; must list from 1 to {count} bands</source>
        <translation>règle « {rule} » : « bands » doit lister de 1 à {count} tranches</translation>
    </message>
    <message>
        <source>Give each band its &apos;from_age&apos; and a &apos;minimum&apos; or a &apos;maximum&apos;.</source>
        <translation>Donnez à chaque tranche son « from_age » et un « minimum » ou un « maximum ».</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: each band needs &apos;from_age&apos; and a &apos;minimum&apos; or a &apos;maximum&apos;</source>
        <translation>règle « {rule} » : chaque tranche demande « from_age » et un « minimum » ou un « maximum »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: bands must rise in age</source>
        <translation>règle « {rule} » : les tranches doivent aller en âge croissant</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;within&apos; needs &apos;value&apos;, &apos;from&apos; and &apos;to&apos;</source>
        <translation>règle « {rule} » : « within » demande « value », « from » et « to »</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos;: &apos;within&apos; compares tables and needs a &apos;link&apos;</source>
        <translation>règle « {rule} » : « within » compare des tables et demande un « link »</translation>
    </message>
    <message>
        <source>Name the concept of the person key in &apos;link&apos;, or write an &apos;order&apos; rule for dates of one row.</source>
        <translation>Nommez dans « link » le concept de la clé des personnes, ou écrivez une règle « order » pour les dates d&apos;une même ligne.</translation>
    </message>
    <message>
        <source>rule id &apos;{rule}&apos; is reserved for curator&apos;s own check</source>
        <translation>l&apos;id de règle « {rule} » est réservé à une vérification de curator</translation>
    </message>
    <message>
        <source>Give the rule another id.</source>
        <translation>Donnez un autre id à la règle.</translation>
    </message>
    <message>
        <source>rule &apos;{rule}&apos; is defined twice</source>
        <translation>la règle « {rule} » est définie deux fois</translation>
    </message>
    <message>
        <source>Give each rule a unique id.</source>
        <translation>Donnez à chaque règle un id unique.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a quasi-identifier: {reason}</source>
        <translation>« {name} » est un quasi-identifiant : {reason}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not ticked as a quasi-identifier. {reason}</source>
        <translation>« {name} » n&apos;est pas coché comme quasi-identifiant. {reason}</translation>
    </message>
    <message>
        <source>{name}: {with_it} classes with it, {without} without; {below} records below k with it, {below_without} without</source>
        <translation>{name} : {with_it} classes avec, {without} sans ; {below} enregistrements sous k avec, {below_without} sans</translation>
    </message>
    <message>
        <source>k is reached with a coarser floor for {name}: level {level} (values such as &apos;{example}&apos;)</source>
        <translation>k est atteint avec un plancher plus grossier pour {name} : niveau {level} (valeurs comme « {example} »)</translation>
    </message>
    <message>
        <source>k is reached with coarser floors together: {levels}</source>
        <translation>k est atteint avec ces planchers plus grossiers ensemble : {levels}</translation>
    </message>
    <message>
        <source>k is reached with {more_cells} more suppressed cells and {more_records} more records touched (caps of {cell_share:.1%} of the cells and {record_share:.1%} of the records)</source>
        <translation>k est atteint avec {more_cells} cellules supprimées et {more_records} enregistrements touchés de plus (plafonds de {cell_share:.1%} des cellules et {record_share:.1%} des enregistrements)</translation>
    </message>
    <message>
        <source>k = {k} cannot be reached within the floors and the suppression cap: it needs {cells} suppressed cells in {records} records, and the cap allows {cells_allowed} cells in {records_allowed} records</source>
        <translation>k = {k} ne peut être atteint dans les planchers et le plafond de suppression : il faudrait supprimer {cells} cellules dans {records} enregistrements, et le plafond permet {cells_allowed} cellules dans {records_allowed} enregistrements</translation>
    </message>
    <message>
        <source>Choose a coarser floor for a quasi-identifier that drives the risk, raise the suppression cap, remove a quasi-identifier an attacker cannot know, or lower k.</source>
        <translation>Choisissez un plancher plus grossier pour un quasi-identifiant qui fait le risque, relevez le plafond de suppression, retirez un quasi-identifiant qu&apos;un attaquant ne peut pas connaître, ou baissez k.</translation>
    </message>
    <message>
        <source>reaching k = {k} needs {cells} suppressed cells in {records} records, more than the cap allows ({cells_allowed} cells, {records_allowed} records)</source>
        <translation>atteindre k = {k} demande de supprimer {cells} cellules dans {records} enregistrements, plus que ne le permet le plafond ({cells_allowed} cellules, {records_allowed} enregistrements)</translation>
    </message>
    <message>
        <source>Run Reach k again on the Protect step (it can generalise a column further, within its floor), or raise the suppression cap.</source>
        <translation>Relancez « Atteindre k » à l&apos;étape Protéger (il peut généraliser une colonne davantage, dans son plancher), ou relevez le plafond de suppression.</translation>
    </message>
    <message>
        <source>records</source>
        <translation>enregistrements</translation>
    </message>
    <message>
        <source>persons</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>{classes} class(es) hold fewer than k = {k} {unit}: {count} of {total} {unit} fall short</source>
        <translation>{classes} classe(s) comptent moins de k = {k} {unit} : {count} {unit} sur {total} sont en dessous</translation>
    </message>
    <message>
        <source>Run Reach k (&apos;curator recipe reach-k RECIPE FILE&apos;, or Reach k on the Protect step) to write a generalisation that reaches k into the recipe; or record in the recipe why this risk is accepted: protection.accept_below_k = {example}.</source>
        <translation>Lancez « Atteindre k » (« curator recipe reach-k RECETTE FICHIER », ou « Atteindre k » à l&apos;étape Protéger) pour écrire dans la recette une généralisation qui atteint k ; ou indiquez dans la recette pourquoi ce risque est accepté : protection.accept_below_k = {example}.</translation>
    </message>
    <message>
        <source>no table named &apos;{name}&apos;</source>
        <translation>aucune table nommée « {name} »</translation>
    </message>
    <message>
        <source>The tables are: {tables}.</source>
        <translation>Les tables sont : {tables}.</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos; has no column &apos;{column}&apos;</source>
        <translation>la table « {table} » n&apos;a pas de colonne « {column} »</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos; has no person key</source>
        <translation>la table « {table} » n&apos;a pas de clé de personne</translation>
    </message>
    <message>
        <source>Name the column of &apos;{table}&apos; that identifies the person, or leave its quasi-identifiers out.</source>
        <translation>Indiquez la colonne de « {table} » qui identifie la personne, ou retirez ses quasi-identifiants.</translation>
    </message>
    <message>
        <source>quasi-identifiers from several tables need a person key</source>
        <translation>des quasi-identifiants de plusieurs tables demandent une clé de personne</translation>
    </message>
    <message>
        <source>Name the person key of each table.</source>
        <translation>Indiquez la clé de personne de chaque table.</translation>
    </message>
    <message>
        <source>gathering each person&apos;s quasi-identifiers</source>
        <translation>rassemblement des quasi-identifiants de chaque personne</translation>
    </message>
    <message>
        <source>the generalisation in the recipe does not reach k = {k} persons on this file: {count} persons are in groups smaller than {k}, more than the {allowed} ({cap:.1%}) that may be suppressed</source>
        <translation>la généralisation de la recette n&apos;atteint pas k = {k} personnes sur ce fichier : {count} personnes sont dans des groupes de moins de {k}, plus que les {allowed} ({cap:.1%}) qui peuvent être supprimées</translation>
    </message>
    <message>
        <source>Run &apos;curator recipe reach-k&apos; on this file again; or lower k, or raise the suppression cap.</source>
        <translation>Relancez « curator recipe reach-k » sur ce fichier ; ou baissez k, ou relevez le plafond de suppression.</translation>
    </message>
    <message>
        <source>{values}: {size} {unit}</source>
        <translation>{values} : {size} {unit}</translation>
    </message>
    <message>
        <source>the package would be below the recipe&apos;s k: {problem}</source>
        <translation>le paquet serait en dessous du k de la recette : {problem}</translation>
    </message>
    <message>
        <source>{keys} key(s) of {table} are held by several rows</source>
        <translation>{keys} clé(s) de {table} figurent sur plusieurs lignes</translation>
    </message>
    <message>
        <source>{table}.{columns} → {ref_table}.{ref_columns}: no such row</source>
        <translation>{table}.{columns} → {ref_table}.{ref_columns} : aucune ligne correspondante</translation>
    </message>
    <message>
        <source>required export fields are empty: {fields}; the hub cannot file a submission without them</source>
        <translation>des champs d&apos;export obligatoires sont vides : {fields} ; la plateforme ne peut pas classer un envoi sans eux</translation>
    </message>
    <message>
        <source>Fill them in the recipe&apos;s &apos;export&apos; section (or on the Export page) and export again.</source>
        <translation>Remplissez-les dans la section « export » de la recette (ou sur la page Exporter) et exportez à nouveau.</translation>
    </message>
    <message>
        <source>a submission needs at least one table</source>
        <translation>un envoi contient au moins une table</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot name a table: lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only, starting with a letter or digit</source>
        <translation>« {name} » ne peut pas nommer une table : lettres minuscules, chiffres, « . », « _ » et « - » seulement, en commençant par une lettre ou un chiffre</translation>
    </message>
    <message>
        <source>two tables would be the same member {names}</source>
        <translation>deux tables deviendraient le même membre {names}</translation>
    </message>
    <message>
        <source>the tables cannot be described: {problems}</source>
        <translation>les tables ne peuvent pas être décrites : {problems}</translation>
    </message>
    <message>
        <source>Name each table and its keys after its output columns.</source>
        <translation>Nommez chaque table et ses clés d&apos;après ses colonnes en sortie.</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos; has no column &apos;{column}&apos; (named by its primary key)</source>
        <translation>la table « {table} » n&apos;a pas de colonne « {column} » (nommée par sa clé primaire)</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos; has no column &apos;{column}&apos; (named by a foreign key)</source>
        <translation>la table « {table} » n&apos;a pas de colonne « {column} » (nommée par une clé étrangère)</translation>
    </message>
    <message>
        <source>a foreign key of table &apos;{table}&apos; refers to table &apos;{ref}&apos;, which the submission does not hold</source>
        <translation>une clé étrangère de la table « {table} » renvoie à la table « {ref} », que l&apos;envoi ne contient pas</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos; has no column &apos;{column}&apos; (referred to by a foreign key of &apos;{source}&apos;)</source>
        <translation>la table « {table} » n&apos;a pas de colonne « {column} » (à laquelle renvoie une clé étrangère de « {source} »)</translation>
    </message>
    <message>
        <source>a foreign key of table &apos;{table}&apos; pairs {count} column(s) with {ref_count} of &apos;{ref}&apos;</source>
        <translation>une clé étrangère de la table « {table} » associe {count} colonne(s) à {ref_count} de « {ref} »</translation>
    </message>
    <message>
        <source>cannot write the data package ({reason})</source>
        <translation>impossible d&apos;écrire le data package ({reason})</translation>
    </message>
    <message>
        <source>{table}.{column} refers to {ref_table}.{ref_column}, but one is &apos;{action}&apos; and the other &apos;{ref_action}&apos;: the tables could not be joined</source>
        <translation>{table}.{column} renvoie à {ref_table}.{ref_column}, mais l&apos;une est « {action} » et l&apos;autre « {ref_action} » : les tables ne pourraient plus être jointes</translation>
    </message>
    <message>
        <source>Pseudonymise both ends of every link (or remove the link from the recipe&apos;s &apos;links&apos;).</source>
        <translation>Pseudonymisez les deux extrémités de chaque lien (ou retirez le lien des « links » de la recette).</translation>
    </message>
    <message>
        <source>{table}.{column} is pseudonymised as a &apos;{kind}&apos; like {ref_table}.{ref_column}, which it refers to</source>
        <translation>{table}.{column} est pseudonymisée comme « {kind} », comme {ref_table}.{ref_column} à laquelle elle renvoie</translation>
    </message>
    <message>
        <source>no data file was found in what was given</source>
        <translation>aucun fichier de données n&apos;a été trouvé dans ce qui a été donné</translation>
    </message>
    <message>
        <source>Give the files, or a folder holding them directly.</source>
        <translation>Donnez les fichiers, ou un dossier qui les contient directement.</translation>
    </message>
    <message>
        <source>{count} files were given; a submission holds at most {most} tables</source>
        <translation>{count} fichiers ont été donnés ; un envoi contient au plus {most} tables</translation>
    </message>
    <message>
        <source>&apos;{column}&apos; identifies the rows of {table}: its {rows} values are all present and all different</source>
        <translation>« {column} » identifie les lignes de {table} : ses {rows} valeurs sont toutes présentes et toutes différentes</translation>
    </message>
    <message>
        <source>its header names {table}</source>
        <translation>son en-tête nomme {table}</translation>
    </message>
    <message>
        <source>both are mapped to {concept}</source>
        <translation>les deux correspondent à {concept}</translation>
    </message>
    <message>
        <source>all its {distinct} distinct values are values of {table}.{key}</source>
        <translation>ses {distinct} valeurs distinctes sont toutes des valeurs de {table}.{key}</translation>
    </message>
    <message>
        <source>{missing} of its {distinct} distinct values are not in {table}.{key} (orphans, reported at apply)</source>
        <translation>{missing} de ses {distinct} valeurs distinctes ne sont pas dans {table}.{key} (orphelines, signalées à l&apos;application)</translation>
    </message>
    <message>
        <source>primary key {table}.{column}: {why}</source>
        <translation>clé primaire {table}.{column} : {why}</translation>
    </message>
    <message>
        <source>{table} has no primary key: no identifier column holds a different value on every row</source>
        <translation>{table} n&apos;a pas de clé primaire : aucune colonne d&apos;identifiant n&apos;a une valeur différente sur chaque ligne</translation>
    </message>
    <message>
        <source>link {link}: {why}</source>
        <translation>lien {link} : {why}</translation>
    </message>
    <message>
        <source>no person key: no table&apos;s key names a person nor do its columns describe people; risk is counted in records</source>
        <translation>pas de clé de personne : aucune clé de table ne désigne une personne et aucune table ne décrit des personnes ; le risque est compté en enregistrements</translation>
    </message>
    <message>
        <source>its key is mapped to or identified as a person&apos;s identifier</source>
        <translation>sa clé correspond à un identifiant de personne, ou a été détectée comme tel</translation>
    </message>
    <message>
        <source>its columns describe people ({count} kinds: names, birth, sex...)</source>
        <translation>ses colonnes décrivent des personnes ({count} sortes : noms, naissance, sexe…)</translation>
    </message>
    <message>
        <source>person key {table}.{column}: {why}</source>
        <translation>clé de personne {table}.{column} : {why}</translation>
    </message>
    <message>
        <source>person key {table}.{column}: it refers to {person}.{key}</source>
        <translation>clé de personne {table}.{column} : elle renvoie à {person}.{key}</translation>
    </message>
    <message>
        <source>{table} has no person key: none of its columns refers to {person}.{key}</source>
        <translation>{table} n&apos;a pas de clé de personne : aucune de ses colonnes ne renvoie à {person}.{key}</translation>
    </message>
    <message>
        <source>{table}.{column} is a key: pseudonymised rather than &apos;{action}&apos;, so that the tables still join</source>
        <translation>{table}.{column} est une clé : pseudonymisée plutôt que « {action} », pour que les tables restent jointes</translation>
    </message>
    <message>
        <source>{table}: {note}</source>
        <translation>{table} : {note}</translation>
    </message>
    <message>
        <source>Correct the recipe&apos;s &apos;tables&apos; and &apos;links&apos;, or re-create it with &apos;curator recipe init&apos;.</source>
        <translation>Corrigez les « tables » et « links » de la recette, ou recréez-la avec « curator recipe init ».</translation>
    </message>
    <message>
        <source>tables[{number}] has no name</source>
        <translation>tables[{number}] n&apos;a pas de nom</translation>
    </message>
    <message>
        <source>two tables are named &apos;{name}&apos;</source>
        <translation>deux tables s&apos;appellent « {name} »</translation>
    </message>
    <message>
        <source>table &apos;{table}&apos;: key column &apos;{column}&apos; is not one of its columns</source>
        <translation>table « {table} » : la colonne clé « {column} » n&apos;est pas une de ses colonnes</translation>
    </message>
    <message>
        <source>links[{number}] names table &apos;{table}&apos;, which the recipe does not describe</source>
        <translation>links[{number}] nomme la table « {table} », que la recette ne décrit pas</translation>
    </message>
    <message>
        <source>links[{number}]: &apos;{columns}&apos; not in table &apos;{table}&apos;</source>
        <translation>links[{number}] : « {columns} » n&apos;est pas dans la table « {table} »</translation>
    </message>
    <message>
        <source>links[{number}] joins {count} column(s) to {ref_count}</source>
        <translation>links[{number}] joint {count} colonne(s) à {ref_count}</translation>
    </message>
    <message>
        <source>the submission&apos;s tables and links do not fit together</source>
        <translation>les tables et les liens de l&apos;envoi ne concordent pas</translation>
    </message>
</context>
</TS>
