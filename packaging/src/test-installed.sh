#!/usr/bin/env bash
# The packaging test (run by .ci/run as root on Debian): installs the .deb as a user would,
# starts the installed IDE headless with the startup probe, runs `plugboard` from PATH,
# removes the package and checks that nothing of it is left.
set -euo pipefail
deb="$(readlink -f "$1")"
fail() { echo "packaging test: FAILED: $*" >&2; exit 1; }
leftovers() {
  ls -d /opt/plugboard /usr/bin/plugboard /usr/share/applications/plugboard-*.desktop \
    /usr/share/mime/packages/plugboard-mime.xml 2>/dev/null || true
}

[ "$(id -u)" = 0 ] || fail "needs root (dpkg)"
dpkg -s plugboard >/dev/null 2>&1 && fail "plugboard is already installed here; remove it first"
[ -z "$(leftovers)" ] || fail "files of an earlier install are present: $(leftovers)"

echo "packaging test: installing $(basename "$deb") (with its dependencies)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null

[ "$(command -v plugboard)" = /usr/bin/plugboard ] || fail "plugboard is not on PATH"
version="$(plugboard --version | head -1)"
[[ "$version" == plugboard\ * ]] || fail "plugboard --version printed '$version'"
echo "packaging test: $version from PATH"

# A command on a real input, through the installed runtime.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'package demo:app;\n\ninterface greet {\n  hello: func(name: string) -> string;\n}\n' > "$work/app.wit"
plugboard wit "$work/app.wit" >/dev/null || fail "plugboard wit failed on a valid package"

# The IDE, headless, on a fresh settings folder: the probe prints the time to the first frame.
probe="$(cd "$work" && XDG_CONFIG_HOME="$work/config" HOME="$work" PLUGBOARD_HEADLESS=1 PLUGBOARD_STARTUP_PROBE=1 \
  timeout 120 /opt/plugboard/bin/Plugboard 2>"$work/ide.err")" || { cat "$work/ide.err" >&2; fail "the installed IDE did not start"; }
grep -q 'window shown [0-9]* ms after process start' <<<"$probe" || fail "no startup probe line in: $probe"
echo "packaging test: installed IDE: ${probe#plugboard: }"

grep -q '^MimeType=.*text/x-wit' /usr/share/applications/plugboard-Plugboard.desktop \
  || fail "the desktop entry does not declare the .wit file type"

echo "packaging test: removing the package"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq plugboard >/dev/null
dpkg -s plugboard >/dev/null 2>&1 && fail "the package is still installed after purge"
[ -z "$(leftovers)" ] || fail "left behind after removal: $(leftovers)"
echo "packaging test: passed"
