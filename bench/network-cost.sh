#!/usr/bin/env bash
# What networking costs per container: median wall time of `berth run --rm busybox true` on the default bridge,
# on a user network (which adds the embedded DNS server) and with --network none; the difference is the cost
# (target < 10 ms). Then the throughput of a published port: 1 GiB sent from the host into a container (busybox nc
# writing to /dev/null) through -p on 127.0.0.1, against the same transfer over the host's loopback to a receiver
# bound to 127.0.0.1 (Python, as busybox nc cannot bind one address).
# Usage: bench/network-cost.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-30}"
for tool in hyperfine python3 busybox; do
  command -v "$tool" >/dev/null || { echo "network-cost.sh: $tool is not installed" >&2; exit 1; }
done
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement
bin="$here/out/berth"

work="$(mktemp -d /tmp/berth-bench-net-XXXXXX)"
daemon="$work/daemon"
sock="$daemon/berth.sock"
berth() { "$bin" -H "unix://$sock" "$@"; }
cleanup() {
  berth rm -f $(berth ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  berth network rm benchnet >/dev/null 2>&1 || true
  "$here/bench/scratch-daemon.sh" stop "$daemon" || true
  rm -rf "$work"
}
trap cleanup EXIT
"$here/bench/scratch-daemon.sh" fresh "$daemon"
"$here/tests/fixtures/make-busybox-rootfs.sh" "$work/rootfs" >/dev/null
tar -C "$work/rootfs" -cf - . | berth import -c 'CMD ["sh"]' - busybox:latest >/dev/null
berth network create benchnet >/dev/null

hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$work/result.json" \
  -n "none" "$bin -H unix://$sock run --rm --network none busybox true" \
  -n "bridge" "$bin -H unix://$sock run --rm busybox true" \
  -n "user network" "$bin -H unix://$sock run --rm --network benchnet busybox true" >"$work/hyperfine.log" 2>&1 \
  || { cat "$work/hyperfine.log" >&2; exit 1; }
python3 - "$work/result.json" "$runs" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = results["none"]["median"]
for name, r in results.items():
    extra = "" if name == "none" else f"  (networking: {(r['median'] - base) * 1000:+.1f} ms; target < 10 ms)"
    print(f"run --rm, {name:13} median {r['median'] * 1000:7.1f} ms ({sys.argv[2]} runs){extra}")
PY

# Throughput.
send() {
  python3 - "$1" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
chunk = b"\0" * (1 << 20)
deadline = time.monotonic() + 20
while True:
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        break
    except OSError:
        if time.monotonic() > deadline: raise
start = time.monotonic()
for _ in range(1024):
    s.sendall(chunk)
s.shutdown(socket.SHUT_WR)
s.recv(1)   # EOF once the receiver has read everything and closed
print(f"{1024 / (time.monotonic() - start):8.0f} MiB/s")
PY
}
berth run -d --name sink -p 127.0.0.1::9000 busybox sh -c 'nc -l -p 9000 >/dev/null' >/dev/null
port="$(berth port sink 9000 | cut -d: -f2)"
echo "1 GiB through -p 127.0.0.1:$port->9000:  $(send "$port")"
python3 - "$work/sink-port" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
c, _ = s.accept()
while c.recv(1 << 20):
    pass
c.close()
PY
for _ in $(seq 1 2000); do [ -s "$work/sink-port" ] && break; sleep 0.005; done
echo "1 GiB over the host's loopback:        $(send "$(cat "$work/sink-port")")"
wait
