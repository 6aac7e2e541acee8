#!/usr/bin/env bash
# Compressed produce end to end, before and after the broker started decompressing and walking compressed
# batches: two builds of the broker (BEFORE_DIR holds the baseline build, this checkout the new one), the same
# Runnel producer, interleaved runs per codec. Prints, per run, records/sec (wall clock: noisy on a shared
# machine) and the broker's CPU time per million records (from /proc, steady under contention), and the
# after/before ratios per round.
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

cpu_ms() { # $1: pid; user + system CPU time in ms
  awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"
}

run_one() { # $1: tree, $2: codec; prints "records/sec broker-CPU-ms-per-million-records"
  read -r pid port data < <(start_broker "$1")
  local out cpu0 cpu1
  cpu0=$(cpu_ms "$pid")
  out=$(cd "$here" && node --import tsx bench/perf-produce.ts --brokers "127.0.0.1:$port" \
    --records "$records" --record-size "$record_size" --acks 1 --compression "$2" --linger-ms 5 2>&1 | tail -1)
  cpu1=$(cpu_ms "$pid")
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done # not our child: wait cannot be used
  rm -rf "$data" "$data.log"
  echo "$(echo "$out" | sed -n 's/.* records, \([0-9,]*\) records\/sec.*/\1/p' | tr -d ,) $(((cpu1 - cpu0) * 1000000 / records))"
}

echo "| codec | round | before rec/s | after rec/s | after/before | broker CPU ms per M records, before | after | after/before |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for codec in zstd lz4 snappy gzip; do
  for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) -eq 1 ]; then
      read -r b bc < <(run_one "$before_dir" "$codec")
      read -r a ac < <(run_one "$here" "$codec")
    else
      read -r a ac < <(run_one "$here" "$codec")
      read -r b bc < <(run_one "$before_dir" "$codec")
    fi
    echo "| $codec | $r | $b | $a | $(node -e "console.log(($a / $b).toFixed(2))") | $bc | $ac | $(node -e "console.log(($ac / $bc).toFixed(2))") |"
  done
done
