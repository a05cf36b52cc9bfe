#!/usr/bin/env bash
# custom-elements.json (editors and docs tools read it) must be what `pnpm manifest` makes of the
# elements' JSDoc today. The analyzer is run on a copy, because it also rewrites package.json's
# "customElements" to wherever it wrote. `--write` regenerates the file in place instead.
set -euo pipefail
cd "$(dirname "$0")/../packages/elements"
analyzer="$PWD/../../node_modules/.bin/custom-elements-manifest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r src package.json custom-elements-manifest.config.mjs "$tmp/"
analyze() { (cd "$tmp" && rm -f custom-elements.json && "$analyzer" analyze >/dev/null); }
if [ "${1:-}" = "--write" ]; then
  analyze
  cp "$tmp/custom-elements.json" custom-elements.json
  echo "kaohe: custom-elements.json written"
  exit 0
fi
# The analyzer now and then leaves a folder's modules out of its answer (seen twice on a loaded machine, and
# once in a fresh clone: src/kaohe-form-builder/*). A file that is current matches one of three runs; a
# stale one matches none.
for attempt in 1 2 3; do
  analyze
  if cmp -s "$tmp/custom-elements.json" custom-elements.json; then exit 0; fi
  echo "kaohe: custom-elements.json differs from the analyzer's run $attempt" >&2
done
if ! cmp -s "$tmp/custom-elements.json" custom-elements.json; then
  diff -u custom-elements.json "$tmp/custom-elements.json" | head -40 >&2 || true
  echo "kaohe: packages/elements/custom-elements.json is not current: run bash scripts/check-manifest.sh --write and commit it" >&2
  exit 1
fi
