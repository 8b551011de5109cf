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
        <source>The checks are not available in this version of curator (or the columns are still being analysed).</source>
        <translation>Les vérifications ne sont pas disponibles dans cette version de curator (ou les colonnes sont encore en cours d&apos;analyse).</translation>
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
</context>
<context>
    <name>ClassSizeChart</name>
    <message>
        <source>No risk figures yet</source>
        <translation>Pas encore de mesure du risque</translation>
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
        <source>Create…</source>
        <translation>Créer…</translation>
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
        <source>Read the curation report shipped in the package</source>
        <translation>Lire le rapport de curation joint au paquet</translation>
    </message>
    <message>
        <source>Show the curation report</source>
        <translation>Afficher le rapport de curation</translation>
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
        <source>Ready to write the package.</source>
        <translation>Prêt à écrire le paquet.</translation>
    </message>
    <message>
        <source>Curation report</source>
        <translation>Rapport de curation</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>Enregistrer en Excel…</translation>
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
        <source>Creating a secret is not available in this version of curator.</source>
        <translation>La création d&apos;un secret n&apos;est pas disponible dans cette version de curator.</translation>
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
        <source>Column profiles are not available in this version of curator.</source>
        <translation>Le profil des colonnes n&apos;est pas disponible dans cette version de curator.</translation>
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
        <source>&amp;About curator</source>
        <translation>À &amp;propos de curator</translation>
    </message>
    <message>
        <source>Version and purpose of curator</source>
        <translation>Version et rôle de curator</translation>
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
        <source>Open a data file</source>
        <translation>Ouvrir un fichier de données</translation>
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
        <source>Reading files</source>
        <translation>La lecture des fichiers</translation>
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
        <source>Not available</source>
        <translation>Non disponible</translation>
    </message>
    <message>
        <source>{what} is not available in this version of curator.</source>
        <translation>{what} n&apos;est pas disponible dans cette version de curator.</translation>
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
        <source>Mapping is not available in this version of curator.</source>
        <translation>La mise en correspondance n&apos;est pas disponible dans cette version de curator.</translation>
    </message>
    <message>
        <source>nothing close</source>
        <translation>rien d&apos;approchant</translation>
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
        <source>Code of a value</source>
        <translation>Code d&apos;une valeur</translation>
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
        <source>Before → after (first values)</source>
        <translation>Avant → après (premières valeurs)</translation>
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
        <source>Reach k</source>
        <translation>Atteindre k</translation>
    </message>
    <message>
        <source>Find the least generalisation of the quasi-identifiers that makes every group at least k records</source>
        <translation>Trouver la plus petite généralisation des quasi-identifiants qui donne des groupes d&apos;au moins k enregistrements</translation>
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
        <source>The risk measure is not available in this version of curator.</source>
        <translation>La mesure du risque n&apos;est pas disponible dans cette version de curator.</translation>
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
        <source>Reach k is not available in this version of curator.</source>
        <translation>« Atteindre k » n&apos;est pas disponible dans cette version de curator.</translation>
    </message>
    <message>
        <source>level</source>
        <translation>niveau</translation>
    </message>
    <message>
        <source>Found: {parts}. Information lost: {loss:.0%}; records suppressed: {suppressed}.</source>
        <translation>Trouvé : {parts}. Information perdue : {loss:.0%} ; enregistrements supprimés : {suppressed}.</translation>
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
</TS>
