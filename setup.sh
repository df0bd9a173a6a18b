#!/usr/bin/env bash
# Installs what Berth needs on Debian 12 (as root), builds it, and runs a first container through the daemon.
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
# skopeo is the independent reader the image tests check saved archives with; tini's static build is --init;
# nftables holds the rules of bridge networks and published ports; iproute2 is what the network tests inspect with.
packages=(clang zlib1g-dev busybox-static runc libseccomp2 hyperfine skopeo tini nftables iproute2)
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

# The main job: a first container through the daemon (the CLI starts one at the default socket if none answers).
# No registry is reachable from here, so where the engine has no busybox image, one is made from Debian's
# busybox-static and imported.
if ! ./berth image inspect busybox >/dev/null 2>&1; then
  echo "setup.sh: no busybox image in the engine and no registry to pull one from: making it from Debian's busybox-static"
  rootfs="$here/.cache/busybox-rootfs"
  rm -rf "$rootfs"
  tests/fixtures/make-busybox-rootfs.sh "$rootfs"
  tar -C "$rootfs" -cf - . | ./berth import -c 'CMD ["sh"]' - busybox:latest
fi
echo "setup.sh: running: ./berth run --rm busybox echo hello from a Berth container"
./berth run --rm busybox echo hello from a Berth container
