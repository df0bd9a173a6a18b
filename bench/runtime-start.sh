#!/usr/bin/env bash
# Median wall time of `run` for a container whose process is `true`, under `berth runtime` and runc,
# side by side in one run, and the ratio berth/runc. Usage: bench/runtime-start.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-30}"

if [ "$(id -u)" -ne 0 ]; then
  echo "runtime-start.sh: run as root (containers need namespaces and cgroups)" >&2
  exit 1
fi
if ! command -v runc >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q runc >/dev/null
fi
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement

work="$(mktemp -d /tmp/berth-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$here/tests/fixtures/make-busybox-rootfs.sh" "$work/rootfs"
mkdir -p "$work/bundle" "$work/berth-root" "$work/runc-root"
"$here/tests/fixtures/write-busybox-config.sh" "$work/bundle/config.json" "$work/rootfs" bench '["true"]'

# Each command gets a fresh container id from the pid of the shell that execs it, so no run
# collides with a previous one; hyperfine subtracts that shell's start-up time, so -N (no shell)
# is not needed and could not give a fresh id per run.
berth_cmd="exec $here/out/berth runtime --root $work/berth-root run --bundle $work/bundle bench-\$\$"
runc_cmd="exec runc --root $work/runc-root run --bundle $work/bundle bench-\$\$"

# A runtime that cannot run the bundle at all is reported, not timed.
check() {
  local name="$1" cmd="$2"
  if ! out="$(sh -c "$cmd" 2>&1)"; then
    echo "$name: cannot run the bundle: $(echo "$out" | tail -1)" >&2
    return 1
  fi
}
ok_berth=1 ok_runc=1
check berth "$berth_cmd" || ok_berth=0
check runc "$runc_cmd" || ok_runc=0

median_seconds() {   # median of one command, in seconds
  local cmd="$1"
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 3 --runs "$runs" --export-json "$work/h.json" "$cmd" >/dev/null
    sed -nE 's/.*"median": *([0-9.eE+-]+).*/\1/p' "$work/h.json" | head -1
  else
    local i t0 t1
    for i in $(seq "$runs"); do
      t0=$(date +%s%N); sh -c "$cmd" >/dev/null; t1=$(date +%s%N)
      echo $((t1 - t0))
    done | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.6f\n", m / 1e9 }'
  fi
}

berth_s="" runc_s=""
[ "$ok_berth" -eq 1 ] && berth_s="$(median_seconds "$berth_cmd")"
[ "$ok_runc" -eq 1 ] && runc_s="$(median_seconds "$runc_cmd")"

ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
echo "runtime start (run of \`true\`, median of $runs):"
echo "  berth runtime: $([ -n "$berth_s" ] && ms "$berth_s" || echo failed)"
echo "  runc:          $([ -n "$runc_s" ] && ms "$runc_s" || echo failed)"
if [ -n "$berth_s" ] && [ -n "$runc_s" ]; then
  awk -v b="$berth_s" -v r="$runc_s" 'BEGIN { printf "  ratio berth/runc: %.2f\n", b / r }'
else
  echo "  ratio berth/runc: n/a"
  exit 1
fi
