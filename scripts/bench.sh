#!/usr/bin/env bash
# Every benchmark: prints numbers, asserts nothing. Figures in the README come from this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_pnpm
ensure_deps
ensure_chromium
node --import tsx packages/scoring/bench/score-pay.bench.ts
for entry in packages/scoring/bench/score-pay.bench.ts packages/store/bench/*.bench.ts packages/elements/bench/*.bench.ts; do
  [ -f "$entry" ] && node scripts/bench-browser.mjs "$entry"
done
