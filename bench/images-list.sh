#!/usr/bin/env bash
# Median wall time of `berth images` against a scratch daemon holding a few images (target < 30 ms), with
# `docker images` beside it when the docker CLI is installed. Usage: bench/images-list.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-50}"
for tool in hyperfine curl python3; do
  command -v "$tool" >/dev/null || { echo "images-list.sh: $tool is not installed" >&2; exit 1; }
done
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement
bin="$here/out/berth"

work="$(mktemp -d /tmp/berth-bench-images-XXXXXX)"
daemon="$work/daemon"
cleanup() { "$here/bench/scratch-daemon.sh" stop "$daemon" || true; rm -rf "$work"; }
trap cleanup EXIT
export DOCKER_CONFIG="$work/docker-config"
sock="$daemon/berth.sock"
"$here/bench/scratch-daemon.sh" fresh "$daemon"

# A few images through the API itself (no docker CLI needed): the 3-layer fixture, four small imports, two more tags.
api() { curl -sf --unix-socket "$sock" "$@" >/dev/null; }
api -X POST -H 'Content-Type: application/x-tar' --data-binary "@$here/tests/fixtures/docker-20.10-save-3layers.tar" \
  "http://berth/images/load?quiet=1"
for i in 1 2 3 4; do
  mkdir -p "$work/tree$i"
  echo "image $i" >"$work/tree$i/file"
  tar -C "$work/tree$i" -cf "$work/tree$i.tar" .
  api -X POST -H 'Content-Type: application/x-tar' --data-binary "@$work/tree$i.tar" \
    "http://berth/images/create?fromSrc=-&repo=bench/small&tag=v$i"
done
api -X POST "http://berth/images/fixture:2layers/tag?repo=bench/fixture&tag=a"
api -X POST "http://berth/images/fixture:2layers/tag?repo=localhost:5000/bench/fixture&tag=b"
count="$(curl -sf --unix-socket "$sock" http://berth/images/json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

commands=()
if "$bin" -H "unix://$sock" images >/dev/null 2>&1; then
  commands+=(-n "berth images" "$bin -H unix://$sock images")
else
  echo "note: this berth has no working \`images\` command yet; timing \`docker images\` only"
fi
if command -v docker >/dev/null; then
  commands+=(-n "docker images" "docker -H unix://$sock images")
fi
[ ${#commands[@]} -gt 0 ] || { echo "images-list.sh: neither \`berth images\` nor the docker CLI can list images" >&2; exit 1; }

hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$work/result.json" "${commands[@]}" >"$work/hyperfine.log" 2>&1 \
  || { cat "$work/hyperfine.log" >&2; exit 1; }
python3 - "$work/result.json" "$count" "$runs" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    target = "  (target < 30 ms)" if r["command"] == "berth images" else ""
    print(f"{r['command']:13} median {r['median'] * 1000:6.1f} ms (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}; "
          f"{sys.argv[2]} images, {sys.argv[3]} runs){target}")
PY
