#!/usr/bin/env bash
# Installs what GeoFlowNet-SAR needs beyond the .NET SDK, only when it is missing, and says what it does.
# Debian 12: GDAL 3.6 (libgdal32 for raster I/O by P/Invoke, gdal-bin for gdalinfo in docs and checks), Redis.
set -euo pipefail

need=()
[ -e /usr/lib/x86_64-linux-gnu/libgdal.so.32 ] || ldconfig -p 2>/dev/null | grep -q 'libgdal.so.32' || need+=(libgdal32)
command -v gdalinfo >/dev/null 2>&1 || need+=(gdal-bin)
# Redis: cluster membership and grain state in the multi-process cluster tests (and a local cluster).
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]} from Debian (apt-get)…"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "install-deps: done."
else
  echo "install-deps: GDAL and Redis already installed ($(gdalinfo --version); $(redis-server --version | cut -d' ' -f1-3))."
fi

# Test services for the cluster (issue 6): Azurite, the Azure Blob emulator (npm), under .tools/azurite (git-ignored by
# its own .gitignore); the tests start it on a free loopback port and stop it. Pinned to 3.35.0: later versions want
# Node >= 21 and Debian 12 ships Node 20.
azurite_version=3.35.0
azurite_bin=.tools/azurite/node_modules/.bin/azurite-blob
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -x "$repo_root/$azurite_bin" ] && grep -q "\"version\": \"$azurite_version\"" "$repo_root/.tools/azurite/node_modules/azurite/package.json" 2>/dev/null; then
  echo "install-deps: Azurite $azurite_version already installed ($azurite_bin)."
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: installing npm from Debian (apt-get) for Azurite…"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  echo "install-deps: installing Azurite $azurite_version (npm) into .tools/azurite…"
  mkdir -p "$repo_root/.tools/azurite"
  printf '# Tools installed by scripts/install-deps.sh (not part of the repository).\n*\n' > "$repo_root/.tools/.gitignore"
  npm install --prefix "$repo_root/.tools/azurite" --no-audit --no-fund --loglevel=error "azurite@$azurite_version" >/dev/null
  echo "install-deps: Azurite installed."
fi

command -v dotnet >/dev/null 2>&1 || { echo "install-deps: the .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }
