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
step "custom-elements.json is current"
manifest_tmp=$(mktemp -d)
( cd packages/elements && "${PNPM[@]}" exec custom-elements-manifest analyze --outdir "$manifest_tmp" >/dev/null )
if ! diff -q "$manifest_tmp/custom-elements.json" packages/elements/custom-elements.json >/dev/null; then
  echo "packages/elements/custom-elements.json is out of date: run 'pnpm manifest' and commit it" >&2; exit 1
fi
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
