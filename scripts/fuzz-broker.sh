#!/usr/bin/env bash
# The broker fuzz test for longer than npm test runs it: random and mutated frames against a live broker.
# Usage: scripts/fuzz-broker.sh [SECONDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
export FUZZ_MS=$((seconds * 1000))
[ -n "${2:-}" ] && export FUZZ_SEED=$2
npm run build >/dev/null
TEST_FILE_TIMEOUT_MS=$(((seconds + 120) * 1000)) node scripts/run-tests.mjs broker-fuzz
