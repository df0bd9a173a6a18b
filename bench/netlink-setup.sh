#!/usr/bin/env bash
# Networking cost per container with Berth's rtnetlink client (target well under 10 ms): new netns, veth pair
# into it on a bridge, then lo up, eth0 up, address and default route inside. Needs root.
# Usage: bench/netlink-setup.sh [RUNS] [THIRD_OCTET: uses 10.198.X.0/24, default 251]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-50}"
third="${2:-251}"
if ip -4 route show | grep -q "^10\.198\.$third\."; then
  echo "netlink-setup.sh: 10.198.$third.0/24 is routed on this host; pass another third octet" >&2
  exit 1
fi
project="$here/bench/netlink-setup/NetlinkSetupBench.csproj"
dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
exec dotnet "$here/bench/netlink-setup/bin/Release/net10.0/NetlinkSetupBench.dll" "$runs" "$third"
