#!/bin/sh
# Installs the peer servers `npm run bench` compares Runnel with (Redis Streams, NATS JetStream) from
# Debian's apt repository, only those missing. The bench skips a peer whose server is not on PATH.
#   sudo scripts/install-peers.sh
set -eu

missing=""
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
command -v nats-server >/dev/null 2>&1 || missing="$missing nats-server"

if [ -z "$missing" ]; then
  echo "peers present: $(redis-server --version | cut -d' ' -f1-3), $(nats-server --version)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-peers: no apt-get here; install$missing by hand" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing:$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
# The packages enable system services; the bench starts its own servers in temp dirs, so stop any
# that the install started (policy-rc.d may already have prevented it).
for svc in redis-server nats-server; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $SUDO systemctl stop "$svc" || true
  fi
done
echo "peers installed: $(redis-server --version | cut -d' ' -f1-3), $(nats-server --version)"
