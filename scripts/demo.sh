#!/usr/bin/env bash
# The main job, end to end: installs missing system packages, builds the CLI, simulates an earthquake
# (FaultDeform-SAR: Okada fault with a surface rupture, speckled Sentinel-1-like pair), estimates its
# displacement with every available method, and prints the errors against the truth.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "demo: building the geoflownet CLI (Release)…"
dotnet build src/GeoFlowNetSar.Cli -c Release --nologo -v quiet
out="${1:-out/demo-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$(dirname "$out")"
exec dotnet src/GeoFlowNetSar.Cli/bin/Release/net10.0/linux-x64/geoflownet.dll demo --out "$out" "${@:2}"
