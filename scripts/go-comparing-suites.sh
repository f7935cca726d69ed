#!/usr/bin/env bash
# Prints the test suites that compare with the real go (they run go, or the action that runs it), one per line, for
# the runs on the oldest supported Go (.ci/run, .github/workflows/ci.yml). Found by what they import: support/go.js
# itself, or a scenario file shared by several suites that runs go (cache-jobs.ts: the cache jobs rely on how each Go
# version treats a restored zip without its .ziphash). The real-world suite runs on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs_go='runGo\(|findGo\(|goTestEnv\(|runAction\('
helpers=$(grep -rlE "$runs_go" __tests__ --include='*.ts' --exclude='*.test.ts' --exclude-dir=support |
  xargs -r -n1 basename | sed 's/\.ts$//' | paste -sd'|')
{
  grep -rlE "support/go\.js'" __tests__ --include='*.test.ts' | xargs grep -lE "$runs_go"
  if [ -n "$helpers" ]; then grep -rlE "/($helpers)\.js'" __tests__ --include='*.test.ts'; fi
} | grep -v '^__tests__/realworld/' | sort -u
