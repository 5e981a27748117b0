#!/usr/bin/env bash
# Debian's Chromium, and a Chinese font for it, for the kiosk's browser test (tests/browser),
# which drives it with playwright-core. Never a browser build of playwright's own: the machines
# this project runs on reach only the package registries. Does nothing when both are there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
# Without a CJK font the kiosk's screenshots show boxes instead of Chinese.
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-cjk)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "== chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== chromium: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "== chromium: $("$CHROMIUM" --version)"
  exit 0
fi

# Not root, or not Debian: say what to do. Without Chromium the browser test skips itself.
echo "== chromium: missing ${missing[*]}; the kiosk's browser test will be skipped without Chromium." >&2
echo "   On Debian, as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
