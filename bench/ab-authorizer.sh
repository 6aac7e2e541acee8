#!/bin/bash
# The authorizer on vs off on the produce path, in one run: two brokers of this tree side by side, one with
# --authorizer standard and allow.everyone.if.no.acl.found (so the bench client needs no credentials) plus
# 100 ACLs on other topics (literal and prefixed: every decision walks the index, none short-circuits as a
# super user's would), one without an authorizer. Each round produces RECORDS records of 100 bytes (acks=1)
# to both in turn, the order alternating. Prints records/s per case and each broker's CPU seconds.
#   bench/ab-authorizer.sh [ROUNDS] [RECORDS]
# Needs dist/ (npm run build:ts).
set -u
R=${1:-4}
N=${2:-2000000}
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
  --authorizer standard --allow-everyone-if-no-acl-found true >/dev/null 2>&1 &
B_ON=$!
sleep 2
for i in $(seq 1 50); do
  node dist/node.js acl add -b 127.0.0.1:$P_ON --allow-principal "User:u$i" --operation Write \
    --topic "other-$i" --topic "team-$i" >/dev/null
  node dist/node.js acl add -b 127.0.0.1:$P_ON --allow-principal "User:u$i" --operation Read \
    --topic "t$((i % 9))-" --resource-pattern-type prefixed >/dev/null
done
echo "ACLs on the broker with the authorizer: $(node dist/node.js acl list -b 127.0.0.1:$P_ON --json | grep -o '"principal"' | wc -l)"
C_OFF=$(cpu $B_OFF)
C_ON=$(cpu $B_ON)
for i in $(seq 1 "$R"); do
  order="off on"
  [ $((i % 2)) -eq 0 ] && order="on off"
  for mode in $order; do
    P=$P_OFF
    [ "$mode" = on ] && P=$P_ON
    PR=$(node --import tsx bench/perf-produce.ts --brokers 127.0.0.1:$P --topic ab-$i --records "$N" --record-size 100 --acks 1 2>&1 | rate '^\[runnel\]')
    echo "round $i authorizer $mode: produce acks=1 [$PR] load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "broker CPU over all rounds: authorizer off $(echo "$(cpu $B_OFF) - $C_OFF" | bc) s, on $(echo "$(cpu $B_ON) - $C_ON" | bc) s"
kill "$B_OFF" "$B_ON"
wait "$B_OFF" "$B_ON" 2>/dev/null
rm -rf "$D_OFF" "$D_ON"
