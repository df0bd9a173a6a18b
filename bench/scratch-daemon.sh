#!/usr/bin/env bash
# A throw-away Berth daemon for the benchmarks, all its state under DIR (data root, exec root, socket, pid).
# Usage: bench/scratch-daemon.sh start|stop|fresh DIR   (fresh = stop, wipe the data root, start again)
# Prints nothing; the socket is DIR/berth.sock once start returns.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="$1"
dir="$2"
bin="$here/out/berth"

stop() {
  if [ -f "$dir/pid" ]; then
    local pid
    pid="$(cat "$dir/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      # The daemon is not our child here, so wait by polling its /proc entry until it is gone.
      for _ in $(seq 1 2000); do kill -0 "$pid" 2>/dev/null || break; sleep 0.005; done
    fi
    rm -f "$dir/pid"
  fi
}

# A default bridge of its own (bb + 8 hex of DIR), so a scratch daemon never shares berth0 or the "berth" nftables
# table with the machine's daemon; its subnet is chosen clear of the host's routes.
bridge="bb$(printf '%s' "$dir" | md5sum | cut -c1-8)"

# The bridges and firewall table the daemon made, once it is stopped (fresh starts without them).
remove_network() {
  [ -f "$dir/daemon.json" ] && bridge="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("bridge") or sys.argv[2])' "$dir/daemon.json" "$bridge")"
  ip link delete "$bridge" 2>/dev/null || true
  for f in "$dir"/data/networks/*.json; do
    [ -f "$f" ] || continue
    b="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("BridgeName") or "")' "$f")"
    [ -n "$b" ] && { ip link delete "$b" 2>/dev/null || true; }
  done
  nft delete table ip "berth_$bridge" 2>/dev/null || true
}

start() {
  mkdir -p "$dir"
  [ -f "$dir/daemon.json" ] || echo "{\"bridge\": \"$bridge\"}" >"$dir/daemon.json"
  "$bin" daemon --data-root "$dir/data" --exec-root "$dir/exec" -H "unix://$dir/berth.sock" \
    --config-file "$dir/daemon.json" >>"$dir/daemon.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 2000); do
    if curl -sf --unix-socket "$dir/berth.sock" http://berth/_ping >/dev/null 2>&1; then return 0; fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "scratch daemon exited; see $dir/daemon.log" >&2; exit 1; }
    sleep 0.005
  done
  echo "scratch daemon did not answer /_ping within 10s; see $dir/daemon.log" >&2
  exit 1
}

case "$cmd" in
  start) start ;;
  stop) stop; remove_network ;;
  fresh) stop; remove_network; rm -rf "$dir/data" "$dir/exec" "$dir/berth.sock"; start ;;
  *) echo "usage: $0 start|stop|fresh DIR" >&2; exit 2 ;;
esac
