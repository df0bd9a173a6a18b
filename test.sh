#!/usr/bin/env bash
# Builds Berth and runs every test project (unit and integration), then prints one summary line:
# "N passed, N failed[, N skipped]". Exits non-zero if anything failed or nothing ran.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# Integration tests create namespaces, mounts and cgroups.
if [ "$(id -u)" -ne 0 ]; then
  echo "test.sh: the integration tests need root; run: sudo ./test.sh" >&2
  exit 1
fi

# The integration tests run out/berth (or $BERTH_BIN), so the NativeAOT binary must be current.
if ! ./berth --version >/dev/null; then
  echo "test.sh: building out/berth failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if ! dotnet build Berth.slnx -nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: dotnet build Berth.slnx failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test Berth.slnx --no-build -nologo 2>&1 | tee "$log"
test_rc=${PIPESTATUS[0]}

# One "Passed!/Failed!  - Failed: a, Passed: b, Skipped: c, Total: d" line per test assembly.
read -r passed failed skipped assemblies < <(
  sed -nE 's/.*(Passed|Failed)! +- +Failed: *([0-9]+), *Passed: *([0-9]+), *Skipped: *([0-9]+).*/\3 \2 \4/p' "$log" |
    awk '{ p += $1; f += $2; s += $3; n++ } END { print p + 0, f + 0, s + 0, n + 0 }'
)

# A crashed test host prints no summary for its assembly; count that as a failure rather than hide it.
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited $test_rc with no failed test reported (a test host crashed or the run aborted)" >&2
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && [ "$assemblies" -gt 0 ]
