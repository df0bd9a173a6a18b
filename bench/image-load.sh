#!/usr/bin/env bash
# Loading a ~200 MB Debian root filesystem: Berth `load` of a docker-save archive and Berth `import` of a plain
# tar (docker CLI against a scratch Berth daemon whose data root is emptied before every run), and, where
# skopeo is installed, `skopeo copy docker-archive:X oci:DIR` of the same archive. Prints medians and ratios.
# The rootfs is built once with debootstrap (minbase, from the apt mirror this machine is configured with)
# and cached under $BERTH_BENCH_CACHE (default /var/tmp/berth-bench), outside the repository.
# Usage: bench/image-load.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
cache="${BERTH_BENCH_CACHE:-/var/tmp/berth-bench}"

if [ "$(id -u)" -ne 0 ]; then
  echo "image-load.sh: run as root (debootstrap and the daemon need it)" >&2
  exit 1
fi
for tool in hyperfine docker curl python3; do
  command -v "$tool" >/dev/null || { echo "image-load.sh: $tool is not installed" >&2; exit 1; }
done
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement
mkdir -p "$cache"

# The first deb line (one-line or deb822 format) that is not the security archive: its URI and suite.
apt_source() {
  python3 - <<'PY'
import glob
files = glob.glob("/etc/apt/sources.list") + sorted(glob.glob("/etc/apt/sources.list.d/*"))
for path in files:
    text = open(path).read()
    if path.endswith(".sources"):
        for stanza in text.split("\n\n"):
            f = {}
            for line in stanza.splitlines():
                if ":" in line and not line.startswith("#"):
                    k, v = line.split(":", 1)
                    f[k.strip().lower()] = v.split()
            if "deb" in f.get("types", []) and f.get("uris") and f.get("suites") and "security" not in f["uris"][0]:
                print(f["uris"][0], f["suites"][0]); raise SystemExit
    else:
        for line in text.splitlines():
            w = line.split()
            if len(w) >= 3 and w[0] == "deb" and "security" not in w[1]:
                w = [x for x in w if not x.startswith("[")]
                print(w[1], w[2]); raise SystemExit
raise SystemExit("no deb source found in /etc/apt/sources.list*")
PY
}

if [ ! -d "$cache/rootfs" ]; then
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  read -r mirror suite < <(apt_source)
  echo "building the rootfs: debootstrap --variant=minbase $suite from $mirror (once; log in $cache/debootstrap.log)"
  rm -rf "$cache/rootfs.partial"
  debootstrap --variant=minbase "$suite" "$cache/rootfs.partial" "$mirror" >"$cache/debootstrap.log" 2>&1
  mv "$cache/rootfs.partial" "$cache/rootfs"
fi
if [ ! -f "$cache/rootfs.tar" ]; then
  tar --numeric-owner -C "$cache/rootfs" -cf "$cache/rootfs.tar.partial" .
  mv "$cache/rootfs.tar.partial" "$cache/rootfs.tar"
fi

work="$(mktemp -d /tmp/berth-bench-load-XXXXXX)"
daemon="$work/daemon"
cleanup() { "$here/bench/scratch-daemon.sh" stop "$daemon" || true; rm -rf "$work"; }
trap cleanup EXIT
export DOCKER_CONFIG="$work/docker-config"
docker_cmd="docker -H unix://$daemon/berth.sock"

if [ ! -f "$cache/image.tar" ]; then
  "$here/bench/scratch-daemon.sh" fresh "$daemon"
  $docker_cmd import "$cache/rootfs.tar" bench/debian:minbase >/dev/null
  $docker_cmd save -o "$cache/image.tar.partial" bench/debian:minbase
  mv "$cache/image.tar.partial" "$cache/image.tar"
fi
echo "rootfs tar $(du -m "$cache/rootfs.tar" | cut -f1) MB, save archive $(du -m "$cache/image.tar" | cut -f1) MB, $runs runs each"

fresh="$here/bench/scratch-daemon.sh fresh $daemon"
commands=(
  --prepare "$fresh" -n "berth load" "$docker_cmd load -q -i $cache/image.tar"
  --prepare "$fresh" -n "berth import" "$docker_cmd import $cache/rootfs.tar bench/imported"
)
if command -v skopeo >/dev/null; then
  commands+=(--prepare "rm -rf $work/oci" -n "skopeo copy" "skopeo copy -q docker-archive:$cache/image.tar oci:$work/oci:bench")
else
  echo "skopeo is not installed: measuring Berth only"
fi
hyperfine --runs "$runs" --style basic --export-json "$work/result.json" "${commands[@]}" >"$work/hyperfine.log" 2>&1 \
  || { cat "$work/hyperfine.log" >&2; exit 1; }

python3 - "$work/result.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
for name, r in results.items():
    print(f"{name:13} median {r['median'] * 1000:8.0f} ms   (min {r['min'] * 1000:.0f}, max {r['max'] * 1000:.0f})")
if "skopeo copy" in results:
    base = results["skopeo copy"]["median"]
    for name in ("berth load", "berth import"):
        print(f"{name} / skopeo copy: {results[name]['median'] / base:.2f}")
PY
