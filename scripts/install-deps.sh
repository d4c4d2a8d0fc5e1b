#!/usr/bin/env bash
# Installs what GeoFlowNet-SAR needs beyond the .NET SDK, only when it is missing, and says what it does.
# Debian 12: GDAL 3.6 (libgdal32 for raster I/O by P/Invoke, gdal-bin for gdalinfo in docs and checks).
set -euo pipefail

need=()
[ -e /usr/lib/x86_64-linux-gnu/libgdal.so.32 ] || ldconfig -p 2>/dev/null | grep -q 'libgdal.so.32' || need+=(libgdal32)
command -v gdalinfo >/dev/null 2>&1 || need+=(gdal-bin)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]} from Debian (apt-get)…"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "install-deps: done."
else
  echo "install-deps: GDAL already installed ($(gdalinfo --version))."
fi

command -v dotnet >/dev/null 2>&1 || { echo "install-deps: the .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }
