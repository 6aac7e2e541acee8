#!/usr/bin/env bash
# Compressed produce end to end, before and after the broker started decompressing and walking compressed
# batches: two builds of the broker (BEFORE_DIR holds the baseline build, this checkout the new one), the same
# Runnel producer, interleaved runs per codec. Prints records/sec per run and the after/before ratio per round.
#
#   bench/validate-ab.sh BEFORE_DIR [ROUNDS=3] [RECORDS=300000] [RECORD_SIZE=200]
#
# BEFORE_DIR: a built copy of the tree without the change (dist/ built, node_modules present).
set -euo pipefail
before_dir=$1
rounds=${2:-3}
records=${3:-300000}
record_size=${4:-200}
here=$(cd "$(dirname "$0")/.." && pwd)

start_broker() { # $1: tree; prints "pid port"
  local data log port
  data=$(mktemp -d /tmp/runnel-ab-XXXXXX)
  log="$data.log"
  node "$1/dist/node.js" --listen 127.0.0.1:0 --data-dir "$data" --log-level warn >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 150); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  echo "$pid $port $data"
}

run_one() { # $1: tree, $2: codec; prints records/sec
  read -r pid port data < <(start_broker "$1")
  local out
  out=$(cd "$here" && node --import tsx bench/perf-produce.ts --brokers "127.0.0.1:$port" \
    --records "$records" --record-size "$record_size" --acks 1 --compression "$2" --linger-ms 5 2>&1 | tail -1)
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done # not our child: wait cannot be used
  rm -rf "$data" "$data.log"
  echo "$out" | sed -n 's/.* records, \([0-9,]*\) records\/sec.*/\1/p' | tr -d ,
}

echo "| codec | round | before rec/s | after rec/s | after/before |"
echo "| --- | --- | --- | --- | --- |"
for codec in zstd lz4 snappy gzip; do
  for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) -eq 1 ]; then
      b=$(run_one "$before_dir" "$codec")
      a=$(run_one "$here" "$codec")
    else
      a=$(run_one "$here" "$codec")
      b=$(run_one "$before_dir" "$codec")
    fi
    echo "| $codec | $r | $b | $a | $(node -e "console.log(($a / $b).toFixed(2))") |"
  done
done
