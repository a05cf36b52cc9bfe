#!/usr/bin/env bash
# `npm start`: builds the plugin's bundles and the demo, then starts the demo intranet and the Kaohe server behind it
# on http://127.0.0.1:5173 (PORT overrides) with a strict Content-Security-Policy.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_pnpm
ensure_deps
node packages/embed/build.mjs --check-size || echo "kaohe: the bundle is over its size budget (see above); serving it anyway" >&2
node demo/build.mjs
exec node --import tsx demo/start.ts
