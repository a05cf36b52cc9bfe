#!/usr/bin/env bash
# Sourced by start.sh and test.sh: makes pnpm (pinned) and, for browser work, Chromium available,
# or stops with a message that says exactly what is missing.
set -euo pipefail
PNPM_VERSION=12.4.2

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; then
    PNPM=(pnpm); return
  fi
  echo "kaohe: installing pnpm $PNPM_VERSION with npm (newer 12.x releases refuse this workspace)" >&2
  if npm i -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 && [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; then
    PNPM=(pnpm); return
  fi
  echo "kaohe: global install not possible; using npx pnpm@$PNPM_VERSION" >&2
  PNPM=(npx -y "pnpm@$PNPM_VERSION")
}

ensure_deps() {
  "${PNPM[@]}" install --frozen-lockfile --reporter=append-only >/dev/null
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  if [ -x /usr/bin/chromium ]; then export CHROMIUM_PATH=/usr/bin/chromium; return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kaohe: installing Debian's chromium for the browser tests (apt-get, ~30 s)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    export CHROMIUM_PATH=/usr/bin/chromium; return
  fi
  echo "kaohe: Chromium is missing. Install Debian's 'chromium' package (apt-get install chromium) as root," >&2
  echo "       or set CHROMIUM_PATH to a Chromium/Chrome executable, then run the command again." >&2
  exit 3
}
