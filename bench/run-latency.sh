#!/usr/bin/env bash
# Median wall time of `berth run --rm --network none busybox true` and of `docker run` of the same against
# Berth (target < 20 ms), with Docker's own engine beside them when one answers at /var/run/docker.sock;
# then the time to start 50 containers with -d in parallel (target < 2 s).
# Usage: bench/run-latency.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-30}"
for tool in hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "run-latency.sh: $tool is not installed" >&2; exit 1; }
done
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement
bin="$here/out/berth"

work="$(mktemp -d /tmp/berth-bench-run-XXXXXX)"
daemon="$work/daemon"
cleanup() {
  "$bin" -H "unix://$daemon/berth.sock" rm -f $("$bin" -H "unix://$daemon/berth.sock" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  "$here/bench/scratch-daemon.sh" stop "$daemon" || true
  rm -rf "$work"
}
trap cleanup EXIT
export DOCKER_CONFIG="$work/docker-config"
sock="$daemon/berth.sock"
"$here/bench/scratch-daemon.sh" fresh "$daemon"
berth() { "$bin" -H "unix://$sock" "$@"; }

# The busybox image, from Debian's busybox-static, as the quick start makes it.
"$here/tests/fixtures/make-busybox-rootfs.sh" "$work/rootfs" >/dev/null
tar -C "$work/rootfs" -cf - . | berth import -c 'CMD ["sh"]' - busybox:latest >/dev/null
berth run --rm --network none busybox true || { echo "run-latency.sh: berth run failed" >&2; exit 1; }

commands=(-n "berth run" "$bin -H unix://$sock run --rm --network none busybox true")
if command -v docker >/dev/null; then
  commands+=(-n "docker run (Berth)" "docker -H unix://$sock run --rm --network none busybox true")
  if docker -H unix:///var/run/docker.sock version >/dev/null 2>&1; then
    tar -C "$work/rootfs" -cf - . | docker -H unix:///var/run/docker.sock import -c 'CMD ["sh"]' - berth-bench-busybox:latest >/dev/null
    commands+=(-n "docker run (Docker)" "docker -H unix:///var/run/docker.sock run --rm --network none berth-bench-busybox true")
  fi
fi
hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$work/result.json" "${commands[@]}" >"$work/hyperfine.log" 2>&1 \
  || { cat "$work/hyperfine.log" >&2; exit 1; }
python3 - "$work/result.json" "$runs" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    target = "  (target < 20 ms)" if r["command"] == "berth run" else ""
    print(f"{r['command']:20} median {r['median'] * 1000:7.1f} ms (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}; {sys.argv[2]} runs){target}")
PY

# 50 detached containers started at once; the clock stops when every `run -d` has returned.
start=$(date +%s%N)
for i in $(seq 1 50); do berth run -d --network none busybox sleep 600 >/dev/null & done
wait
end=$(date +%s%N)
running="$(berth ps -q | wc -l)"
echo "50 x run -d in parallel: $(( (end - start) / 1000000 )) ms, $running running  (target < 2000 ms)"
