#!/usr/bin/env bash
# Runs every test of the solution: installs missing system packages, restores NuGet packages, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "test: dotnet test GeoFlowNetSar.sln (restore + build + all test projects)…"
dotnet test GeoFlowNetSar.sln --nologo -v minimal "$@"
