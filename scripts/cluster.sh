#!/usr/bin/env bash
# Start, stop and inspect N Runnel brokers on this machine, forming one cluster.
#
#   scripts/cluster.sh start [N]     N brokers (default 3): node ids 1..N, ports 9092, 9192, 9292, ...,
#                                    data in $RUNNEL_CLUSTER_DIR/nodeK (default ./cluster-data),
#                                    logs in $RUNNEL_CLUSTER_DIR/nodeK.log
#   scripts/cluster.sh stop          SIGTERM every broker started here, waits for them to exit
#   scripts/cluster.sh status        which brokers run, and the cluster as broker 1's Metadata sees it (kcat)
#   scripts/cluster.sh kill K        SIGKILL broker K (a crash); `start` brings the missing ones back
#
# Extra broker flags go in RUNNEL_FLAGS (e.g. RUNNEL_FLAGS="--fsync always").
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${RUNNEL_CLUSTER_DIR:-./cluster-data}"
HOST=127.0.0.1
BASE_PORT=9092
STEP=100

port_of() { echo $((BASE_PORT + ($1 - 1) * STEP)); }
pid_of() { cat "$DIR/node$1.pid" 2>/dev/null || true; }
# Alive and not a zombie (a killed broker whose parent has not reaped it still answers kill -0).
running() {
  local p s
  p=$(pid_of "$1")
  [[ -n "$p" ]] || return 1
  s=$(ps -o stat= -p "$p" 2>/dev/null) || return 1
  [[ -n "$s" && "$s" != Z* ]]
}
count() { cat "$DIR/size" 2>/dev/null || echo 0; }

start() {
  local n="${1:-$(count)}"
  [[ "$n" -ge 1 ]] || n=3
  [[ -f dist/node.js ]] || npm run build:ts >/dev/null
  mkdir -p "$DIR"
  echo "$n" >"$DIR/size"
  for k in $(seq 1 "$n"); do
    if running "$k"; then echo "broker $k already running (pid $(pid_of "$k"))"; continue; fi
    local peers=()
    for j in $(seq 1 "$n"); do [[ "$j" == "$k" ]] || peers+=("$HOST:$(port_of "$j")"); done
    local peer_list
    peer_list=$(IFS=,; echo "${peers[*]:-}")
    # shellcheck disable=SC2086
    node dist/node.js --node-id "$k" --listen "$HOST:$(port_of "$k")" --data-dir "$DIR/node$k" \
      ${peer_list:+--peers "$peer_list"} ${RUNNEL_FLAGS:-} >>"$DIR/node$k.log" 2>&1 &
    echo $! >"$DIR/node$k.pid"
    echo "broker $k: pid $!, $HOST:$(port_of "$k"), log $DIR/node$k.log"
  done
}

stop() {
  for k in $(seq 1 "$(count)"); do
    if running "$k"; then kill -TERM "$(pid_of "$k")"; fi
  done
  for k in $(seq 1 "$(count)"); do
    while running "$k"; do sleep 0.1; done
    rm -f "$DIR/node$k.pid"
  done
  echo "stopped"
}

status() {
  for k in $(seq 1 "$(count)"); do
    if running "$k"; then echo "broker $k: running (pid $(pid_of "$k")) on $HOST:$(port_of "$k")"
    else echo "broker $k: not running"; fi
  done
  if command -v kcat >/dev/null; then
    for k in $(seq 1 "$(count)"); do
      if running "$k"; then kcat -b "$HOST:$(port_of "$k")" -L -m 5 2>&1 | head -40; break; fi
    done
  fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  kill) kill -KILL "$(pid_of "$2")" && echo "broker $2 killed" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
