#!/usr/bin/env bash
# The one command that runs every check: types, lint, Node tests, bundle build and weight,
# browser tests in real Chromium, and the end-to-end tests. Any failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_pnpm
ensure_deps
ensure_chromium

step() { printf '\n== %s ==\n' "$1"; }
step "typecheck";      "${PNPM[@]}" exec tsc -p tsconfig.json
step "lint";           "${PNPM[@]}" exec eslint . --max-warnings=0
step "manifest";       bash scripts/check-manifest.sh
step "node tests";     bash scripts/test-node.sh
if [ -f packages/embed/build.mjs ]; then
  step "bundle";       node packages/embed/build.mjs --check-size
fi
step "browser tests";  "${PNPM[@]}" exec web-test-runner --config web-test-runner.config.mjs
mapfile -t e2e < <(find tests packages -path '*/node_modules' -prune -o -name '*.e2e.test.ts' -print | sort)
if [ ${#e2e[@]} -gt 0 ]; then
  step "end-to-end";   node --import tsx --test "${e2e[@]}"
fi
echo
echo "kaohe: every check passed"
