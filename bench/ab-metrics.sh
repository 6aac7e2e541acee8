#!/bin/bash
# Metrics on vs off on the single-broker hot paths, in one run: two brokers of this tree run side by side,
# one with --metrics-listen (scraped every SCRAPE_EVERY_S seconds, default 1, far more often than Prometheus
# would; 0: never), one without. Each round drives both in turn (which goes first alternates) with this
# tree's client: produce acks=1, then consume of what it produced. Prints records/s per case, and the CPU
# seconds each broker spent over all rounds: under load from other processes that is steadier than rates.
#   bench/ab-metrics.sh [ROUNDS] [RECORDS]
# Needs dist/ (npm run build:ts).
set -u
R=${1:-6}
N=${2:-4000000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
rate() { grep "$1" | grep -o '[0-9,]* records/sec' | head -1; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
P_OFF=$((20000 + RANDOM % 20000))
P_ON=$((P_OFF + 2))
D_OFF=$(mktemp -d)
D_ON=$(mktemp -d)
node dist/node.js --listen 127.0.0.1:$P_OFF --data-dir "$D_OFF" --log-level warn >/dev/null 2>&1 &
B_OFF=$!
node dist/node.js --listen 127.0.0.1:$P_ON --data-dir "$D_ON" --log-level warn \
  --metrics-listen 127.0.0.1:$((P_ON + 1)) >/dev/null 2>&1 &
B_ON=$!
sleep 2
EVERY=${SCRAPE_EVERY_S:-1}
if [ "$EVERY" != 0 ]; then
  (while kill -0 "$B_ON" 2>/dev/null; do
    curl -s "http://127.0.0.1:$((P_ON + 1))/metrics" >/dev/null
    sleep "$EVERY"
  done) &
fi
C_OFF=$(cpu $B_OFF)
C_ON=$(cpu $B_ON)
for i in $(seq 1 "$R"); do
  order="off on"
  [ $((i % 2)) -eq 0 ] && order="on off"
  for mode in $order; do
    P=$P_OFF
    [ "$mode" = on ] && P=$P_ON
    T=ab-$i
    PR=$(node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:$P --topic $T --records "$N" --record-size 100 --acks 1 2>&1 | rate '^\[runnel\]')
    CO=$(node --import tsx bench/perf-consume.ts --brokers 127.0.0.1:$P --topic $T --records "$N" 2>&1 | rate '^\[runnel\] consumed')
    echo "round $i metrics $mode: produce acks=1 [$PR] consume [$CO] load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "broker CPU over all rounds: metrics off $(echo "$(cpu $B_OFF) - $C_OFF" | bc) s, on $(echo "$(cpu $B_ON) - $C_ON" | bc) s"
kill "$B_OFF" "$B_ON"
wait "$B_OFF" "$B_ON" 2>/dev/null
rm -rf "$D_OFF" "$D_ON"
