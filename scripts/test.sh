#!/usr/bin/env bash
# Runs every test of the solution: installs missing system packages, restores NuGet packages, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "test: dotnet test GeoFlowNetSar.sln (restore + build + all test projects)…"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test GeoFlowNetSar.sln --nologo -v minimal "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test projects, in the plain "N passed, N failed" form.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
