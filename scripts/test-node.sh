#!/usr/bin/env bash
# Node's test runner finds no .ts files by itself and would exit 0 on a typo:
# pass the files explicitly and refuse to run on an empty list.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find packages tests -path '*/node_modules' -prune -o -name '*.test.ts' -print \
  | grep -v '\.browser\.test\.ts$' | grep -v '\.e2e\.test\.ts$' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "kaohe: no Node test files found" >&2; exit 1; fi
exec node --import tsx --test --test-reporter=spec "${files[@]}"
