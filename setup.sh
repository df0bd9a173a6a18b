#!/usr/bin/env bash
# Installs what Berth needs on Debian 12 (as root), builds it, and runs a first container
# with `berth runtime` on a busybox bundle: the quick start's main job until the daemon exists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: run as root (it installs packages and starts a container): sudo ./setup.sh" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# clang and zlib1g-dev link the NativeAOT binary; busybox-static makes test and demo root filesystems;
# runc is the reference the tests and benchmarks compare against; libseccomp2 backs seccomp filters;
# skopeo is the independent reader the image tests check saved archives with.
packages=(clang zlib1g-dev busybox-static runc libseccomp2 hyperfine skopeo)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  # Debian 12 ships no .NET SDK; it comes with this kind of machine, and elsewhere from Microsoft's feed.
  echo "setup.sh: the .NET 10 SDK is missing: install dotnet-sdk-10.0, then run ./setup.sh again" >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

echo "setup.sh: building out/berth (NativeAOT)"
./berth --version

# The main job: one container from a busybox bundle, run by Berth's OCI runtime alone.
demo="$here/.cache/quickstart"
mkdir -p "$demo/bundle" "$demo/state"
tests/fixtures/make-busybox-rootfs.sh "$demo/rootfs"
id="quickstart-$$"
tests/fixtures/write-busybox-config.sh "$demo/bundle/config.json" "$demo/rootfs" berth-quickstart \
  '["sh", "-c", "echo \"Hello from a Berth container: hostname $(hostname), pid $$, $(ls /sys/class/net | wc -l) network interface(s)\""]' \
  "\"cgroupsPath\": \"/berth-$id\", \"resources\": { \"memory\": { \"limit\": 67108864 }, \"pids\": { \"limit\": 64 } },"
echo "setup.sh: running $id with: ./berth runtime --root $demo/state run --bundle $demo/bundle $id"
./berth runtime --root "$demo/state" run --bundle "$demo/bundle" "$id"
