#!/usr/bin/env bash
# Build the standalone bundle, run its self-test offscreen, write and sign the SHA-256 list.
#
#   build_spec/build_and_selftest.sh [--dist DIR] [--work DIR] [--key MINISIGN_SECRET_KEY]
#
# --dist   where the bundle folder `curator/` and its SHA256SUMS go (default: dist)
# --work   PyInstaller's scratch folder (default: build/pyinstaller)
# --key    the release minisign secret key (or CURATOR_RELEASE_KEY). Without one, a throwaway
#          key pair is made in the work folder so the signing step still runs; its bundle is
#          for testing only and the script says so.
#
# Prints the bundle's size and the time each step took. Exits non-zero if the build, the
# self-test, the checksums or the signature fail. Runs from a source checkout with .venv/ set up
# (`make setup`); on Windows, from Git Bash.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dist="$repo/dist"
work="$repo/build/pyinstaller"
key="${CURATOR_RELEASE_KEY:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) dist="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --key) key="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "build_and_selftest.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$dist" "$work"
dist="$(cd "$dist" && pwd)"
work="$(cd "$work" && pwd)"

if [ -x "$repo/.venv/bin/python" ]; then
    python="$repo/.venv/bin/python"
elif [ -x "$repo/.venv/Scripts/python.exe" ]; then
    python="$repo/.venv/Scripts/python.exe"
else
    python="${PYTHON:-python3}"
fi
"$python" -c "import PyInstaller" 2>/dev/null || {
    echo "PyInstaller is not installed: run \`$python -m pip install -e '.[dev]'\` (or make setup)" >&2
    exit 2
}
command -v minisign >/dev/null || { echo "minisign not found: install it (apt install minisign, brew install minisign, scoop install minisign)" >&2; exit 2; }
if command -v sha256sum >/dev/null; then
    sha256=(sha256sum); sha256_check=(sha256sum -c --quiet)
else
    sha256=(shasum -a 256); sha256_check=(shasum -a 256 -c)
fi

version="$("$python" -c 'import sys; sys.path.insert(0, sys.argv[1]); import curator; print(curator.__version__)' "$repo")"
bundle="$dist/curator"
exe_suffix=""
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) exe_suffix=".exe" ;; esac
now() { date +%s.%N 2>/dev/null | sed 's/N$//'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# 1. Build. --clean: a stale cache must never leak an old module into a release.
t0="$(now)"
echo "== building curator $version with PyInstaller into $bundle"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" "$repo/build_spec/curator.spec"
t1="$(now)"

# 2. Checksums of every file in the bundle, before anything runs it.
echo "== writing $dist/SHA256SUMS"
# Symbolic links (Linux, macOS) are listed too, with their target's content: a link pointed
# elsewhere shows up as a mismatch.
list_bundle() { (cd "$dist" && find curator \( -type f -o -type l \) | LC_ALL=C sort); }
(cd "$dist" && list_bundle | tr '\n' '\0' | xargs -0 "${sha256[@]}") > "$dist/SHA256SUMS.part"
mv "$dist/SHA256SUMS.part" "$dist/SHA256SUMS"

# 3. Self-test of the frozen program, offscreen, with no access to the source tree's packages.
echo "== frozen self-test: $bundle/curator$exe_suffix selftest"
t2="$(now)"
(cd "$work" && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen "$bundle/curator$exe_suffix" selftest)
t3="$(now)"

# 4. The self-test must leave the bundle unchanged: check the list against the files.
(cd "$dist" && "${sha256_check[@]}" SHA256SUMS)
extra="$(list_bundle | wc -l | tr -d ' ')"
listed="$(wc -l < "$dist/SHA256SUMS" | tr -d ' ')"
[ "$extra" = "$listed" ] || { echo "the self-test added files to the bundle ($listed listed, $extra now)" >&2; exit 1; }

# 5. Sign the list with minisign.
if [ -z "$key" ]; then
    key="$work/throwaway-release.key"
    rm -f "$key" "$work/throwaway-release.pub"
    minisign -G -W -q -s "$key" -p "$work/throwaway-release.pub" >/dev/null
    pub="$work/throwaway-release.pub"
    echo "!! no release key given (--key or CURATOR_RELEASE_KEY): signed with a THROWAWAY key, for testing only"
else
    pub="${key%.key}.pub"
fi
case "$(uname -s)" in
    Linux) os=linux ;; Darwin) os=macos ;; MINGW*|MSYS*|CYGWIN*) os=windows ;; *) os="$(uname -s)" ;;
esac
platform="$os-$(uname -m)"
minisign -S -s "$key" -m "$dist/SHA256SUMS" -x "$dist/SHA256SUMS.minisig" \
    -t "curator $version $platform bundle, built $(date -u +%Y-%m-%dT%H:%MZ)"
if [ -f "$pub" ]; then
    minisign -V -q -p "$pub" -m "$dist/SHA256SUMS" -x "$dist/SHA256SUMS.minisig"
    cp "$pub" "$dist/SHA256SUMS.signer.pub"
fi
t4="$(now)"

size_kb="$(du -sk "$bundle" | cut -f1)"
files="$(wc -l < "$dist/SHA256SUMS" | tr -d ' ')"
echo "== curator $version ($platform): $bundle"
echo "   size: $((size_kb / 1024)) MB ($files files)"
echo "   build: $(elapsed "$t0" "$t1") s, checksums: $(elapsed "$t1" "$t2") s, self-test: $(elapsed "$t2" "$t3") s," \
     "check and signature: $(elapsed "$t3" "$t4") s; total: $(elapsed "$t0" "$t4") s"
echo "   SHA256SUMS and SHA256SUMS.minisig in $dist"
