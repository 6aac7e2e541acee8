#!/bin/bash
# Metrics on vs off on the single-broker paths: each round starts this tree's broker without and with
# --metrics-listen (a fresh data dir each; with metrics, scraped every second throughout, far more often than
# Prometheus would) and drives it with this tree's client: produce acks=1, produce acks=all, consume.
#   bench/ab-metrics.sh [ROUNDS] [RECORDS]
# Needs dist/ (npm run build:ts). Prints records/s per case.
set -u
R=${1:-3}
N=${2:-2000000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
rate() { grep "$1" | grep -o '[0-9,]* records/sec' | head -1; }
for i in $(seq 1 "$R"); do
  for mode in off on; do
    D=$(mktemp -d)
    P=$((20000 + RANDOM % 20000))
    M=$((P + 1))
    extra=()
    [ "$mode" = on ] && extra=(--metrics-listen 127.0.0.1:$M)
    node dist/node.js --listen 127.0.0.1:$P --data-dir "$D" "${extra[@]}" >/dev/null 2>&1 &
    BP=$!
    sleep 1.5
    SP=
    if [ "$mode" = on ]; then
      (while kill -0 "$BP" 2>/dev/null; do curl -s "http://127.0.0.1:$M/metrics" >/dev/null; sleep 1; done) &
      SP=$!
    fi
    PR=$(node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:$P --records "$N" --record-size 100 --acks 1 2>&1 | rate '^\[runnel\]')
    PA=$(node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:$P --records "$N" --record-size 100 --acks all 2>&1 | rate '^\[runnel\]')
    CO=$(node --import tsx bench/perf-consume.ts --brokers 127.0.0.1:$P --fill --records "$N" 2>&1 | rate '^\[runnel\] consumed')
    echo "round $i metrics $mode: produce acks=1 [$PR] acks=all [$PA] consume [$CO] load $(cut -d' ' -f1 /proc/loadavg)"
    kill "$BP"
    wait "$BP" 2>/dev/null
    [ -n "$SP" ] && wait "$SP" 2>/dev/null
    rm -rf "$D"
  done
done
