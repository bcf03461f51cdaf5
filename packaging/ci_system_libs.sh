#!/usr/bin/env bash
# CI on Linux: install, with apt-get and only when missing, the system libraries Qt and the
# bundle need on a bare Debian or Ubuntu machine. Elsewhere, or when nothing is missing: no-op.
set -euo pipefail

# Libraries Qt loads from the system: PySide6 links libGL and libEGL, which PyInstaller leaves
# out of the bundle on purpose; the others the bundle copies from this machine, so they must be
# here to build it. Each as `library:Debian package`. Then a font (without one, text renders as
# empty boxes) and the CA certificates the self-test checks.
system_needs=(
    "libGL.so.1:libgl1"
    "libEGL.so.1:libegl1"
    "libfontconfig.so.1:libfontconfig1"
    "libfreetype.so.6:libfreetype6"
    "libxkbcommon.so.0:libxkbcommon0"
    "libdbus-1.so.3:libdbus-1-3"
    "libglib-2.0.so.0:libglib2.0-0"
    "libX11.so.6:libx11-6"
    # Qt's X11 plugin: what a fresh desktop may lack, installed here so that the bundle
    # carries it (qt/platform_check.py lists them; the self-test checks they are bundled).
    "libxcb-cursor.so.0:libxcb-cursor0"
    "libxcb-icccm.so.4:libxcb-icccm4"
    "libxcb-image.so.0:libxcb-image0"
    "libxcb-keysyms.so.1:libxcb-keysyms1"
    "libxcb-render-util.so.0:libxcb-render-util0"
    "libxcb-shape.so.0:libxcb-shape0"
    "libxkbcommon-x11.so.0:libxkbcommon-x11-0"
)
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1; then
    known=$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p)
    missing=()
    for need in "${system_needs[@]}"; do
        grep -qF "${need%%:*} " <<<"$known" || missing+=("${need##*:}")
    done
    fonts=$(find /usr/share/fonts /usr/local/share/fonts \( -name '*.tt[fc]' -o -name '*.otf' \) \
        2>/dev/null || true)
    [ -n "$fonts" ] || missing+=(fonts-dejavu-core)
    [ -s /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "+ apt-get install ${missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            "${missing[@]}"
    fi
fi

# --- The Quartz oracle's needs (tests/test_quartz_oracle.py) -----------------------------------
# The test compares every schedule with the real Quartz 2.3.2, which the server runs: it needs a
# Java runtime and compiler and Debian's libquartz2-java (which brings slf4j). With CI=true the
# test fails rather than skip without them, so install them here when missing.
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1; then
    oracle_missing=()
    { command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; } \
        || oracle_missing+=(default-jdk-headless)
    [ -f /usr/share/java/quartz2.jar ] || oracle_missing+=(libquartz2-java)
    if [ ${#oracle_missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "+ apt-get install ${oracle_missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            "${oracle_missing[@]}"
    fi
fi
