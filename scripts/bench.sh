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
# The server's audited writes per second, on PostgreSQL when one answers here (and on PGlite).
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  KAOHE_BENCH_PGLITE=1 node --import tsx packages/server/bench/db.bench.ts
fi
