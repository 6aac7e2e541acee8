#!/bin/bash
# A/B of two broker builds on the single-broker paths: each round starts one broker from each tree in turn
# (a fresh data dir each) and drives it with this tree's client: produce acks=1, produce acks=all, consume.
#   bench/ab-broker.sh BASE_TREE [ROUNDS] [RECORDS]
# BASE_TREE is another checkout with its own dist/ (npm run build:ts there). Prints records/s per case.
set -u
BASE=${1:?usage: bench/ab-broker.sh BASE_TREE [ROUNDS] [RECORDS]}
R=${2:-3}
N=${3:-2000000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
rate() { grep "$1" | grep -o '[0-9,]* records/sec' | head -1; }
for i in $(seq 1 "$R"); do
  for tree in "$BASE" "$HERE"; do
    D=$(mktemp -d)
    P=$((20000 + RANDOM % 20000))
    node "$tree/dist/node.js" --listen 127.0.0.1:$P --data-dir "$D" >/dev/null 2>&1 &
    BP=$!
    sleep 1.5
    PR=$(node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:$P --records "$N" --record-size 100 --acks 1 2>&1 | rate '^\[runnel\]')
    PA=$(node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:$P --records "$N" --record-size 100 --acks all 2>&1 | rate '^\[runnel\]')
    CO=$(node --import tsx bench/perf-consume.ts --brokers 127.0.0.1:$P --fill --records "$N" 2>&1 | rate '^\[runnel\] consumed')
    echo "round $i $tree: produce acks=1 [$PR] acks=all [$PA] consume [$CO] load $(cut -d' ' -f1 /proc/loadavg)"
    kill "$BP"
    wait "$BP" 2>/dev/null
    rm -rf "$D"
  done
done
