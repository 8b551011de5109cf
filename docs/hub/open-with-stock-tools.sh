#!/bin/sh
# Open a curator submission package with the stock tools alone: tar, minisign, age, sha256sum,
# openssl, and POSIX utilities. The hub's procedure, written as a script rather than prose, so
# that every check is made by a command and none "by eye". docs/hub/README.md walks through it.
#
#   open-with-stock-tools.sh PACKAGE HUB_KEY PRODUCER_PUB OUTDIR [CA_PEM]
#
# PACKAGE       the .tar the producer sent (every byte of it may be hostile)
# HUB_KEY       the hub's age identity (age-keygen's file; a passphrase-protected one is asked for)
# PRODUCER_PUB  the producer's minisign public key file, received beforehand by a trusted channel
# OUTDIR        a folder that must not exist yet: created 0700, it receives manifest.json, its
#               signature(s) and the decrypted members, and nothing at all unless every check passes
# CA_PEM        the certificate authorities the hub trusts for the organisation's CMS signature;
#               when given, the package must carry one (manifest.json.p7s)
#
# Exit status: 0 opened; 1 refused (the package, or a key, failed a check: OUTDIR is removed);
# 2 wrong use. Nothing is written outside OUTDIR.
set -eu
umask 077
LC_ALL=C
export LC_ALL
unset CDPATH

me=open-with-stock-tools
usage() {
    echo "usage: $me PACKAGE HUB_KEY PRODUCER_PUB OUTDIR [CA_PEM]" >&2
    exit 2
}
say() { printf '%s: %s\n' "$me" "$*" >&2; }
# Any refusal goes through here: what failed, where, and the promise that nothing is kept.
fail() {
    say "REFUSED: $*"
    say "the package must not be used; nothing was kept (ask the producer to send it again)"
    exit 1
}

[ "$#" -eq 4 ] || [ "$#" -eq 5 ] || usage
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
package=$(absolute "$1")
hub_key=$(absolute "$2")
producer_pub=$(absolute "$3")
outdir=$(absolute "$4")
ca_pem=""
[ "$#" -eq 5 ] && ca_pem=$(absolute "$5")

for tool in tar minisign age sha256sum openssl awk sed cmp wc tr mkdir mv rm; do
    command -v "$tool" >/dev/null 2>&1 || { say "$tool is not installed"; exit 2; }
done
for given in "$package" "$hub_key" "$producer_pub" ${ca_pem:+"$ca_pem"}; do
    [ -f "$given" ] && [ -r "$given" ] || { say "$given: not a readable file"; exit 2; }
done

# --- the private folder ------------------------------------------------------------------------
# mkdir fails when OUTDIR exists in any form (folder, file, symlink): everything below is written
# in a folder this run made, readable by its owner alone, so no path in it was planted beforehand.
mkdir -m 700 -- "$outdir" 2>/dev/null || {
    say "$outdir: cannot create it (it must not exist yet, and its parent folder must)"
    exit 2
}
opened=0
cleanup() {
    [ "$opened" = 1 ] || rm -rf -- "$outdir"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

work=$outdir/.work
files=$work/files        # what the archive holds, extracted after it was listed and checked
plain=$work/plain        # what age decrypted, checked before anything reaches OUTDIR
mkdir -m 700 -- "$work" "$files" "$plain"
# One copy of the package, read once: the original may change between two readings, this copy
# cannot (it is in the private folder). Every later step reads the copy.
copy=$work/package.tar
cat -- "$package" > "$copy" || fail "$package: cannot be read"

sha256_of() { sha256sum < "$1" | awk '{ print $1 }'; }
size_of() { wc -c < "$1" | tr -d ' \t'; }

# A strict reader of canonical JSON (keys sorted, no whitespace, only the escapes Python writes),
# flattened to one "path<TAB>value" line per string, number or literal: /members/0/name<TAB>data.parquet.
# A key that is not [A-Za-z0-9_]+ becomes "~N" (its position), so no crafted key can pose as a path.
json_flatten() { # FILE LABEL
    [ "$(tr -d '\000' < "$1" | wc -c)" -eq "$(wc -c < "$1")" ] || fail "$2: holds a NUL byte"
    [ "$(wc -l < "$1")" -eq 0 ] || fail "$2: holds a line break (canonical JSON has none)"
    awk -v what="$2" '
    function bad(message) { printf "%s: not canonical JSON: %s\n", what, message > "/dev/stderr"; exit 3 }
    function at() { return " at byte " i }
    function value(path,    c, literal) {
        if (i > n) bad("it ends too early")
        c = substr(s, i, 1)
        if (c == "{") { object(path); return }
        if (c == "[") { array(path); return }
        if (c == "\"") { print path "\t" string(); return }
        if (match(substr(s, i, 40), /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)/)) {
            literal = substr(s, i, RLENGTH)
            i += RLENGTH
            print path "\t" literal
            return
        }
        bad("unexpected \"" c "\"" at())
    }
    function string(    start, c, e, hex) {
        i++
        start = i
        while (i <= n) {
            c = substr(s, i, 1)
            if (c == "\"") { i++; return substr(s, start, i - 1 - start) }
            if (c == "\\") {
                e = substr(s, i + 1, 1)
                if (e == "u") {
                    hex = substr(s, i + 2, 4)
                    if (hex !~ /^00[01][0-9a-f]$/ || hex ~ /^000[89acd]$/) bad("escape \\u" hex at())
                    i += 6
                } else if (index("\"\\bfnrt", e) > 0 && e != "") {
                    i += 2
                } else bad("escape \\" e at())
                continue
            }
            if (c ~ control) bad("a control character in a string" at())
            i++
        }
        bad("a string is not closed")
    }
    function object(path,    key, previous, count, component, c) {
        if (++depth > 32) bad("nested too deep" at())
        i++
        if (substr(s, i, 1) == "}") { i++; depth--; return }
        count = 0
        while (1) {
            if (substr(s, i, 1) != "\"") bad("expected a key" at())
            key = string()
            if (count > 0 && index(key, "\\") == 0 && index(previous, "\\") == 0 && !(previous < key))
                bad("key \"" key "\" after \"" previous "\": keys not sorted, or repeated" at())
            previous = key
            component = (key ~ /^[A-Za-z0-9_]+$/) ? key : "~" count
            count++
            if (substr(s, i, 1) != ":") bad("expected \":\"" at())
            i++
            value(path "/" component)
            c = substr(s, i, 1)
            i++
            if (c == "}") { depth--; return }
            if (c != ",") bad("expected \",\" or \"}\"" at())
        }
    }
    function array(path,    index_, c) {
        if (++depth > 32) bad("nested too deep" at())
        i++
        if (substr(s, i, 1) == "]") { i++; depth--; return }
        index_ = 0
        while (1) {
            value(path "/" index_)
            index_++
            c = substr(s, i, 1)
            i++
            if (c == "]") { depth--; return }
            if (c != ",") bad("expected \",\" or \"]\"" at())
        }
    }
    BEGIN { control = sprintf("[%c-%c]", 1, 31) }
    { s = s $0 }
    END {
        n = length(s)
        i = 1
        depth = 0
        if (substr(s, 1, 1) != "{") bad("it is not a JSON object")
        value("")
        if (i <= n) bad("text follows the object" at())
    }' < "$1" || fail "$2 cannot be read as curator writes it (above)"
}
# The value at PATH of a flattened file, or nothing.
field() { awk -F '\t' -v path="$2" '$1 == path { print substr($0, length(path) + 2); exit }' "$1"; }
# Shell patterns rather than grep, which would accept a value of several lines if one matched.
is_size() {
    case $1 in '' | *[!0-9]* | 0?*) return 1 ;; esac
    [ "${#1}" -le 16 ]
}
is_sha256() {
    case $1 in *[!0-9a-f]*) return 1 ;; esac
    [ "${#1}" -eq 64 ]
}
is_member_name() {
    case $1 in '' | [!A-Za-z0-9]* | *[!A-Za-z0-9._-]*) return 1 ;; esac
    [ "${#1}" -le 81 ]
}

# --- 1. list the archive before anything is extracted -------------------------------------------
# Every entry must be a regular file ("-" in the listing's mode) with a plain name: no folder,
# symlink, hard link, device, no "/" or "..", no name twice. A symlink planted in transit, say
# data.parquet -> /somewhere/else, would otherwise let a later write go outside OUTDIR.
names=$work/names
tar -tf - < "$copy" > "$names" 2>"$work/tar.err" || fail "$package: not a tar archive ($(sed -n 1p "$work/tar.err"))"
tar -tvf - < "$copy" > "$work/listing" 2>"$work/tar.err" || fail "$package: cannot be listed"
[ -s "$names" ] || fail "$package: the archive is empty"
[ "$(wc -l < "$names")" -eq "$(wc -l < "$work/listing")" ] \
    || fail "$package: the listing and the names disagree (an entry name holds a line break?)"
entry=0
while IFS= read -r name <&3 && IFS= read -r line <&4; do
    entry=$((entry + 1))
    case $name in
        manifest.json | manifest.json.minisig | manifest.json.p7s | digests.json.age) ;;
        *.age) is_member_name "${name%.age}" \
                   || fail "$package: entry $entry, '$name', is not a plain member name" ;;
        *) fail "$package: entry $entry, '$name', is not one a package holds" ;;
    esac
    case $line in
        *" -> "* | *" link to "*) fail "$package: entry $entry is a link: $line" ;;
        -*" $name") ;;
        *) fail "$package: entry $entry is not a regular file: $line" ;;
    esac
done 3< "$names" 4< "$work/listing"
repeated=$(sort < "$names" | uniq -d | sed -n 1p)
[ -z "$repeated" ] || fail "$package: '$repeated' appears more than once"
[ "$(sed -n 1p "$names")" = manifest.json ] && [ "$(sed -n 2p "$names")" = manifest.json.minisig ] \
    || fail "$package: it does not begin with manifest.json and manifest.json.minisig"

# -k: never replace a file; owner and mode are not taken from the archive (this may run as root),
# so every file is its runner's, 0600 under umask 077.
extract() {
    tar -xkf - -C "$files" --no-same-owner --no-same-permissions -- "$@" < "$copy" 2>"$work/tar.err" \
        && ! grep -q . "$work/tar.err"
}
# Only the manifest and its signature for now: nothing else leaves the archive before the
# manifest it is checked against is known to be the producer's.
extract manifest.json manifest.json.minisig \
    || fail "$package: cannot extract manifest.json ($(sed -n 1p "$work/tar.err"))"
manifest=$files/manifest.json
signature=$files/manifest.json.minisig

# --- 2. who made it: the producer's minisign signature ------------------------------------------
[ "$(sed -n 1p "$signature")" = "untrusted comment: signature of a curator submission manifest" ] \
    || fail "manifest.json.minisig: its first line is not curator's untrusted comment"
# -H: the prehashed form curator writes; -Q: print the trusted comment alone.
trusted=$(minisign -V -H -Q -x "$signature" -p "$producer_pub" -m "$manifest" 2>"$work/minisign.err") \
    || fail "manifest.json: the signature does not verify with $producer_pub ($(tr '\n' ' ' < "$work/minisign.err"))"

flat=$work/manifest.flat
json_flatten "$manifest" manifest.json > "$flat"
submission=$(field "$flat" /submission_id)
created=$(field "$flat" /created)
[ "$(field "$flat" /format)" = curator-package ] || fail "manifest.json: 'format' is not curator-package"
[ "$(field "$flat" /format_version)" = 1 ] \
    || fail "manifest.json: format version '$(field "$flat" /format_version)' is not 1, the one this script reads"
printf '%s\n' "$submission" | grep -Eqx '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' \
    || fail "manifest.json: 'submission_id' is missing or not a UUID"
printf '%s\n' "$created" | grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z' \
    || fail "manifest.json: 'created' is missing or not a UTC time"
[ "$trusted" = "curator submission:$submission created:$created file:manifest.json" ] \
    || fail "manifest.json.minisig: its trusted comment ($trusted) does not name submission $submission created $created"

# The manifest names its signer's key id; it must be the key that verified it. minisign prints a
# key id as the 8 bytes after "Ed" in the public key, in reverse order.
key_id=$(sed -n 2p "$producer_pub" | awk '
    BEGIN { alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" }
    {
        for (group = 0; group < 4; group++) {
            x = 0
            for (j = 1; j <= 4; j++) x = x * 64 + index(alphabet, substr($0, group * 4 + j, 1)) - 1
            byte[group * 3] = int(x / 65536); byte[group * 3 + 1] = int(x / 256) % 256; byte[group * 3 + 2] = x % 256
        }
        for (k = 9; k >= 2; k--) printf "%02X", byte[k]
        print ""
    }')
[ "$(field "$flat" /signer/minisign_key_id)" = "$key_id" ] \
    || fail "manifest.json: it names signer key $(field "$flat" /signer/minisign_key_id), not $producer_pub's $key_id"

# --- 3. what the package must hold, from the signed manifest ------------------------------------
# expected: one line per entry, in archive order: NAME SIZE SHA256 (size and digest of the .age as stored)
expected=$work/expected
members=$work/members    # NAME PLAINTEXT_SIZE, in the manifest's order
: > "$members"
{
    echo manifest.json
    echo manifest.json.minisig
    cms_file=$(field "$flat" /cms/file)
    cms_certificate=$(field "$flat" /cms/certificate_sha256)
    if [ -n "$cms_file$cms_certificate" ]; then
        [ "$cms_file" = manifest.json.p7s ] && is_sha256 "$cms_certificate" \
            || fail "manifest.json: the 'cms' entry is malformed"
        echo manifest.json.p7s
    fi
    [ "$(field "$flat" /digests/file)" = digests.json.age ] || fail "manifest.json: the 'digests' entry is malformed"
    size=$(field "$flat" /digests/encrypted/size)
    sha=$(field "$flat" /digests/encrypted/sha256)
    is_size "$size" && is_sha256 "$sha" || fail "manifest.json: the digests' encrypted size or SHA-256 is malformed"
    echo "digests.json.age $size $sha"
    k=0
    while [ -n "$(field "$flat" "/members/$k/name")" ]; do
        name=$(field "$flat" "/members/$k/name")
        is_member_name "$name" || fail "manifest.json: member $((k + 1)), '$name', is not a usable member name"
        case $name in
            *.age | manifest.json | manifest.json.minisig | manifest.json.p7s | digests.json)
                fail "manifest.json: member $((k + 1)), '$name', is a name reserved for the package's own files" ;;
        esac
        [ "$(field "$flat" "/members/$k/file")" = "$name.age" ] \
            || fail "manifest.json: member '$name' should be stored as '$name.age'"
        plain_size=$(field "$flat" "/members/$k/size")
        size=$(field "$flat" "/members/$k/encrypted/size")
        sha=$(field "$flat" "/members/$k/encrypted/sha256")
        is_size "$plain_size" && is_size "$size" && is_sha256 "$sha" \
            || fail "manifest.json: member '$name': a size or the SHA-256 is malformed"
        echo "$name.age $size $sha"
        echo "$name $plain_size" >> "$members"
        k=$((k + 1))
    done
    [ "$k" -gt 0 ] || fail "manifest.json: no member is listed"
} > "$expected"
repeated=$(awk '{ print $1 }' "$members" | sort | uniq -d | sed -n 1p)
[ -z "$repeated" ] || fail "manifest.json: member '$repeated' is listed twice"
if [ -n "$ca_pem" ] && [ -z "$cms_file" ]; then
    fail "manifest.json: the package has no organisation signature (manifest.json.p7s), and $ca_pem was given to check one"
fi

# The archive holds exactly the listed entries, in the listed order, each once: an extra .age
# (or anything else), a missing or a reordered one is refused before it is extracted.
awk '{ print $1 }' "$expected" > "$work/expected-names"
if ! cmp -s "$work/expected-names" "$names"; then
    extra=$(awk 'NR == FNR { listed[$0] = 1; next } !($0 in listed) { print; exit }' "$work/expected-names" "$names")
    missing=$(awk 'NR == FNR { held[$0] = 1; next } !($0 in held) { print; exit }' "$names" "$work/expected-names")
    [ -z "$extra" ] || fail "$package: it holds '$extra', which the signed manifest does not list"
    [ -z "$missing" ] || fail "$package: '$missing' is listed in the manifest but missing from the package"
    fail "$package: its entries are not in the manifest's order"
fi

# --- 4. complete and intact: every encrypted entry's size and SHA-256, by command ---------------
# shellcheck disable=SC2046 # the names were checked: letters, digits, "._-" only
extract $(sed -n '3,$p' "$names") || fail "$package: cannot extract it ($(sed -n 1p "$work/tar.err"))"
held=$(cd "$files" && ls -A | wc -l | tr -d ' ')
[ "$held" -eq "$(wc -l < "$names")" ] || fail "$package: extraction made $held files, not the $(wc -l < "$names") listed"
while read -r file size sha; do
    path=$files/$file
    [ -f "$path" ] && [ ! -h "$path" ] || fail "$file: not a regular file after extraction"
    [ -n "$size" ] || continue    # the manifest and its signatures: covered by the signatures
    actual=$(size_of "$path")
    [ "$actual" = "$size" ] || fail "$file: its size ($actual bytes) differs from the signed manifest's ($size)"
    actual=$(sha256_of "$path")
    [ "$actual" = "$sha" ] \
        || fail "$file: its SHA-256 ($actual) differs from the signed manifest's ($sha): the member was altered or replaced"
done < "$expected"

# --- 5. the organisation's certificate signature (when there is one) ----------------------------
if [ -n "$cms_file" ]; then
    signer_pem=$work/cms-signer.pem
    if [ -n "$ca_pem" ]; then
        # Only CA_PEM is trusted (not the system's store); -purpose any: an organisation
        # certificate need not carry the e-mail protection usage.
        openssl cms -verify -binary -inform DER -in "$files/manifest.json.p7s" -content "$manifest" \
            -purpose any -CAfile "$ca_pem" -no-CApath -no-CAstore -signer "$signer_pem" \
            > /dev/null 2>"$work/cms.err" \
            || fail "manifest.json.p7s: the certificate signature does not verify with $ca_pem ($(sed -n 1p "$work/cms.err"))"
    else
        openssl cms -verify -binary -inform DER -in "$files/manifest.json.p7s" -content "$manifest" \
            -noverify -signer "$signer_pem" > /dev/null 2>"$work/cms.err" \
            || fail "manifest.json.p7s: the certificate signature does not verify ($(sed -n 1p "$work/cms.err"))"
        say "note: no CA_PEM given: the certificate signature matches the manifest, but whether the certificate is trustworthy was not checked"
    fi
    # A signature by another certificate, even one the same CA issued to another organisation,
    # verifies above: the signed manifest names the one certificate it must be.
    [ "$(grep -c -- '-----BEGIN CERTIFICATE-----' "$signer_pem")" -eq 1 ] \
        || fail "manifest.json.p7s: it has more than one signer"
    openssl x509 -in "$signer_pem" -outform DER -out "$work/cms-signer.der" 2>/dev/null \
        || fail "manifest.json.p7s: cannot read the signer's certificate"
    actual=$(sha256_of "$work/cms-signer.der")
    [ "$actual" = "$cms_certificate" ] \
        || fail "manifest.json.p7s: signed with certificate $actual, not the one the manifest names ($cms_certificate)"
    cms_subject=$(openssl x509 -in "$signer_pem" -noout -subject -nameopt RFC2253 2>/dev/null | sed 's/^subject=//')
fi

# --- 6. addressed to us -------------------------------------------------------------------------
recipients=$(awk -F '\t' '$1 ~ /^\/recipients\/[0-9]+\/key$/ { print $2 }' "$flat")
[ -n "$recipients" ] || fail "manifest.json: no recipient is named"
recipient_count=$(printf '%s\n' "$recipients" | wc -l | tr -d ' ')
if ours=$(age-keygen -y "$hub_key" 2>/dev/null) && [ -n "$ours" ]; then
    found=""
    for key in $ours; do
        printf '%s\n' "$recipients" | grep -Fqx -- "$key" && found=$key
    done
    [ -n "$found" ] || fail "this package is not addressed to your key ($(printf '%s' "$ours" | tr '\n' ' '))"
else
    say "note: age-keygen -y cannot read $hub_key (protected by a passphrase?): whether it is a recipient is left to age -d"
fi
# Each age header holds one X25519 stanza per recipient: none may be encrypted to a key the
# manifest does not name.
while read -r file size sha; do
    [ -n "$size" ] || continue
    stanzas=$(awk '/^--- / { exit } /^-> X25519 / { count++ } END { print count + 0 }' "$files/$file")
    [ "$stanzas" = "$recipient_count" ] \
        || fail "$file: its age header names $stanzas recipients, the manifest $recipient_count"
done < "$expected"

# --- 7. decrypt into files this run creates, then check the plaintexts --------------------------
# set -C: ">" refuses a path that already exists (a planted file or symlink), besides the check.
# age writes what it decrypted before it notices a damaged end: the digests below are what count.
decrypt() { # ENCRYPTED OUTPUT
    [ ! -e "$2" ] && [ ! -h "$2" ] || fail "$2: already exists"
    (set -C; age -d -i "$hub_key" < "$1" > "$2") 2>"$work/age.err" \
        || fail "$(basename "$1"): cannot be decrypted with $hub_key ($(sed -n 1p "$work/age.err"))"
}
decrypt "$files/digests.json.age" "$work/digests.json"
json_flatten "$work/digests.json" digests.json > "$work/digests.flat"
[ "$(field "$work/digests.flat" /format)" = curator-digests ] && [ "$(field "$work/digests.flat" /format_version)" = 1 ] \
    || fail "digests.json: not a curator digest list of version 1"
[ "$(field "$work/digests.flat" /submission_id)" = "$submission" ] \
    || fail "digests.json: it names submission '$(field "$work/digests.flat" /submission_id)', not $submission"
k=0
while read -r name plain_size; do
    [ "$(field "$work/digests.flat" "/members/$k/name")" = "$name" ] \
        || fail "digests.json: entry $((k + 1)) is not '$name', the manifest's member $((k + 1))"
    digest_size=$(field "$work/digests.flat" "/members/$k/size")
    digest_sha=$(field "$work/digests.flat" "/members/$k/sha256")
    [ "$digest_size" = "$plain_size" ] && is_sha256 "$digest_sha" \
        || fail "digests.json: '$name' has size '$digest_size' (the manifest says $plain_size) or a malformed SHA-256"
    decrypt "$files/$name.age" "$plain/$name"
    actual=$(size_of "$plain/$name")
    [ "$actual" = "$plain_size" ] || fail "$name: decrypted to $actual bytes, not the $plain_size listed"
    actual=$(sha256_of "$plain/$name")
    [ "$actual" = "$digest_sha" ] \
        || fail "$name: its decrypted SHA-256 ($actual) differs from digests.json's ($digest_sha)"
    k=$((k + 1))
done < "$members"
[ -z "$(field "$work/digests.flat" "/members/$k/name")" ] || fail "digests.json: it lists more members than the manifest"

# --- 8. hand over: only now does OUTDIR receive files, then the work folder goes ----------------
for file in manifest.json manifest.json.minisig ${cms_file:+manifest.json.p7s}; do
    mv -- "$files/$file" "$outdir/$file"
done
while read -r name plain_size; do
    [ ! -e "$outdir/$name" ] && [ ! -h "$outdir/$name" ] || fail "$outdir/$name: already exists"
    mv -- "$plain/$name" "$outdir/$name"
done < "$members"
list=$(awk '{ print $1 }' "$members")
rm -rf -- "$work"
opened=1

echo "OPENED submission $submission created $created"
echo "signed by minisign key $key_id${cms_file:+ and certificate $cms_subject}"
for name in $list; do
    echo "  $outdir/$name"
done
