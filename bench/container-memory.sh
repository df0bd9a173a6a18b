#!/usr/bin/env bash
# Proportional memory (PSS) each running container costs outside its own processes: its shim, plus what the
# daemon grew by, divided by the number of containers (target < 1 MB); and whether N containers run at once
# (target: 1,000 on this machine). Containers are `busybox sleep` with --network none, started 16 at a time.
# Usage: bench/container-memory.sh [N]   (default 1000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-1000}"
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement
bin="$here/out/berth"

work="$(mktemp -d /tmp/berth-bench-mem-XXXXXX)"
daemon="$work/daemon"
sock="$daemon/berth.sock"
berth() { "$bin" -H "unix://$sock" "$@"; }
cleanup() {
  berth ps -aq 2>/dev/null | xargs -r -n 50 "$bin" -H "unix://$sock" rm -f >/dev/null 2>&1 || true
  "$here/bench/scratch-daemon.sh" stop "$daemon" || true
  rm -rf "$work"
}
trap cleanup EXIT
"$here/bench/scratch-daemon.sh" fresh "$daemon"
"$here/tests/fixtures/make-busybox-rootfs.sh" "$work/rootfs" >/dev/null
tar -C "$work/rootfs" -cf - . | berth import -c 'CMD ["sh"]' - busybox:latest >/dev/null

pss() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup"; }
daemon_pid="$(cat "$daemon/pid")"
berth run --rm --network none busybox true   # the daemon's first container, outside the baseline
daemon_before="$(pss "$daemon_pid")"

start=$(date +%s%N)
seq 1 "$count" | xargs -P 16 -I{} "$bin" -H "unix://$sock" run -d --network none busybox sleep 3600 >/dev/null
end=$(date +%s%N)
running="$(berth ps -q | wc -l)"

# Each container's shim is the parent of its init. (A shim from the daemon's warm pool has no container arguments on
# its command line, so it cannot be found by name; the one idle warm shim is not a container's cost and not counted.)
shims=0
shim_kib=0
for init in $(berth inspect -f '{{.State.Pid}}' $(berth ps -q)); do
  pid="$(awk '{ print $4 }' "/proc/$init/stat")"
  shims=$((shims + 1))
  shim_kib=$((shim_kib + $(pss "$pid")))
done
daemon_after="$(pss "$daemon_pid")"
per=$(( (shim_kib + daemon_after - daemon_before) / running ))
echo "$running of $count containers running (started in $(( (end - start) / 1000000 )) ms, 16 at a time)  (target: 1,000)"
echo "shims: $shims, $((shim_kib / shims)) KiB PSS each; daemon PSS $daemon_before -> $daemon_after KiB"
echo "per container outside its own processes: $per KiB PSS  (target < 1024 KiB)"
