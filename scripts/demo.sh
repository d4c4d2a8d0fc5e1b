#!/usr/bin/env bash
# The main job, end to end: installs missing system packages, builds the CLI, generates an example SAR pair
# with a known sub-pixel displacement, estimates it, and prints the error against the truth.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "demo: building the geoflownet CLI (Release)…"
dotnet build src/GeoFlowNetSar.Cli -c Release --nologo -v quiet
exec dotnet src/GeoFlowNetSar.Cli/bin/Release/net10.0/linux-x64/geoflownet.dll demo --out "${1:-out/demo}" "${@:2}"
