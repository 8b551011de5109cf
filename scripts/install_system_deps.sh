#!/bin/sh
# System libraries Qt needs to start, and the stock tools the interoperability tests use
# (age, minisign, openssl; ReadStat's tool writes the SAS7BDAT test file). Installs them with apt-get when they are missing and we may;
# otherwise says what to install. Idempotent and quiet when everything is there.
# A C compiler with OpenSSL's and Python's headers builds the HMAC module (setup.py); without them
# `pip install` still succeeds and pseudonyms are hashed by the slower Python loop.
set -u
missing=""
for tool in age minisign openssl readstat gcc; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -f /usr/include/openssl/sha.h ] || missing="$missing openssl/sha.h"
"${PYTHON:-python3}" -c 'import os, sys, sysconfig; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    2>/dev/null || missing="$missing Python.h"
libs="libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libglib-2.0.so.0 libxkbcommon-x11.so.0"
if command -v ldconfig >/dev/null 2>&1; then
    for lib in $libs; do
        ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
    done
fi
[ -z "$missing" ] && exit 0

packages="age minisign openssl readstat gcc libssl-dev python3-dev libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "Installing system packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages >/dev/null
else
    echo "Missing:$missing" >&2
    echo "Install the Debian/Ubuntu packages: $packages (or your system's equivalents)." >&2
fi
exit 0
