#!/usr/bin/env bash
# Issue 6 "Speed": the Orleans cluster (2 silo processes + client, Redis clustering, Azure Blob storage on Azurite)
# against the embedded run (`geoflownet run`: one in-process silo, local folder storage) on the same synthetic scene.
#
#   bench/cluster/compare.sh OUT_DIR
#
# Environment (all optional):
#   SIZE=4096        square scene edge; SIZE=swath gives the 9514 wide × 24418 high swath; WIDTH=… HEIGHT=… override
#   METHODS="unet"   methods to compare, in turn (METHOD=… is read too); e.g. METHODS="unet spatial"
#   EMBEDDED=1       0 skips the embedded runs (the swath's per-silo RSS measurement): no ratio, no same-answer check
#   SEED=1           synth scene seed
#   MAX_TILES=       GeoFlowNetSar:MaxConcurrentTiles of the silos (tiles in flight over the cluster; silo default 8)
#   CHUNK_SIZE=      the cluster's chunk edge (submit --chunk-size; default: from the memory budget, as embedded). Small
#                    values give a small scene several tiles, to see both silos work; the mosaic does not change (≤ 1e-6)
#   GEOFLOWNET_MODEL U-Net weights (.gfnw) for the embedded run and both silos alike, when models/ ships none
#   BIN=DIR          reuse (or publish into) DIR instead of a fresh temporary publish
#   KEEP=1           keep the work folder (scene, blobs, mosaics) instead of deleting it at exit
#   TMPDIR           where the work folder goes (it needs room for the scene, Azurite's blobs and the silos' scratch)
#
# Writes OUT_DIR/cluster.md (table: method, embedded s, cluster s and its upload share, ratio with the 1.15× goal, peak
# RSS per silo with the 3 GB goal, max |diff| cluster − embedded with the 1e-6 same-answer bound; date, machine, commit,
# load averages, seconds per step) plus the logs and report.json files of every run.
#
# Each silo runs with roles gpu,cpu (both take every tile) and 1 libtorch thread, so the two silos together use two
# cores; the embedded run uses every core (`--threads $(nproc)`). The cluster time runs from `submit` (client start,
# upload of PRE and POST, scene preparation, tiles, stitch) to Done; the silos are started before it and restarted
# for each method, so each method's peak RSS (VmHWM, read just before the silo is stopped) is its own.
# Timings only mean something on a quiet machine: the load averages are recorded, nothing is refused.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
[[ $# -eq 1 ]] || { echo "usage: bench/cluster/compare.sh OUT_DIR   (env: SIZE, METHODS, EMBEDDED, SEED, MAX_TILES, GEOFLOWNET_MODEL, BIN, KEEP)" >&2; exit 2; }
mkdir -p "$1"
out="$(cd "$1" && pwd)"

size="${SIZE:-4096}"
if [[ -n "${WIDTH:-}" || -n "${HEIGHT:-}" ]]; then
  width="${WIDTH:?WIDTH and HEIGHT go together}" height="${HEIGHT:?WIDTH and HEIGHT go together}"
elif [[ "$size" == swath ]]; then
  width=9514 height=24418
else
  width="$size" height="$size"
fi
[[ "$width" =~ ^[0-9]+$ && "$height" =~ ^[0-9]+$ ]] || { echo "error: scene size '$width x $height' is not two whole numbers (SIZE=N, SIZE=swath or WIDTH/HEIGHT)." >&2; exit 2; }
read -r -a methods <<< "${METHODS:-${METHOD:-unet}}"
embedded="${EMBEDDED:-1}"
seed="${SEED:-1}"
cores="$(nproc)"

if [[ -n "${GEOFLOWNET_MODEL:-}" ]]; then
  [[ -f "$GEOFLOWNET_MODEL" ]] || { echo "error: GEOFLOWNET_MODEL=$GEOFLOWNET_MODEL: the file does not exist." >&2; exit 2; }
  GEOFLOWNET_MODEL="$(cd "$(dirname "$GEOFLOWNET_MODEL")" && pwd)/$(basename "$GEOFLOWNET_MODEL")"
  export GEOFLOWNET_MODEL   # inherited by the embedded run and both silos
fi

"$repo/scripts/install-deps.sh"
azurite_blob="${GEOFLOWNET_AZURITE_BLOB:-$repo/.tools/azurite/node_modules/.bin/azurite-blob}"
[[ -x "$azurite_blob" ]] || { echo "error: $azurite_blob is missing (scripts/install-deps.sh installs it)." >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/geoflownet-clusterbench.XXXXXX")"
pids=()
# Stops every process this script started, by PID: SIGTERM, then SIGKILL after 60 s (a silo hands over its grains first).
stop_pid() {
  local pid="$1" waited=0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [[ $waited -lt 600 ]]; do sleep 0.1; waited=$((waited + 1)); done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "compare: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

steps="$work/steps.md"
: > "$steps"
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
step() { printf '| %s | %s s |\n' "$1" "$2" >> "$steps"; echo "compare: $1: $2 s"; }
log_tail() { echo "---- last lines of $1:" >&2; tail -n 40 "$1" >&2 || true; }

# A free loopback TCP port: random, and nothing answers on it.
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "error: no free loopback port found" >&2; return 1
}
# wait_port PORT PID LOG SECONDS: until something listens on PORT; fails when PID exits first.
wait_port() {
  local port="$1" pid="$2" log="$3" deadline=$((SECONDS + $4))
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "error: process $pid exited before listening on $port" >&2; log_tail "$log"; return 1; }
    [[ $SECONDS -lt $deadline ]] || { echo "error: nothing listens on 127.0.0.1:$port after $4 s" >&2; log_tail "$log"; return 1; }
    sleep 0.2
  done
}
# Peak resident set size of a live process in MiB (VmHWM: the high-water mark since it started).
peak_rss_mib() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
json_number() { grep -o "\"$2\": *[-0-9.eE+]*" "$1" | head -1 | sed 's/.*: *//'; }

# --- Publish (Release) -------------------------------------------------------------------------------------------------
bin="${BIN:-$work/bin}"
t0="$(now)"
for project in src/GeoFlowNetSar.Cli src/GeoFlowNetSar.Silo src/GeoFlowNetSar.Client bench/GeoFlowNetSar.Bench; do
  name="$(basename "$project")"
  if [[ -n "${BIN:-}" && -d "$bin/$name" ]]; then continue; fi
  echo "compare: publishing $project (Release) into $bin/$name…"
  dotnet publish "$repo/$project" -c Release -o "$bin/$name" --nologo -v quiet > "$work/publish-$name.log" 2>&1 \
    || { log_tail "$work/publish-$name.log"; exit 1; }
done
step "publish CLI, silo, client, bench (Release)" "$(seconds "$t0" "$(now)")"
cli=("$bin/GeoFlowNetSar.Cli/geoflownet")
silo_exe="$bin/GeoFlowNetSar.Silo/geoflownet-silo"
client_exe="$bin/GeoFlowNetSar.Client/geoflownet-client"
diff_exe="$bin/GeoFlowNetSar.Bench/geoflownet-bench"

if [[ " ${methods[*]} " == *" unet "* && -z "${GEOFLOWNET_MODEL:-}" && ! -f "$bin/GeoFlowNetSar.Cli/models/geoflownet-sar.gfnw" ]]; then
  echo "error: --method unet needs weights: models/geoflownet-sar.gfnw does not ship yet; set GEOFLOWNET_MODEL=PATH.gfnw" \
    "(e.g. GEOFLOWNET_MODEL=$repo/models/training/best.gfnw) or leave unet out of METHODS." >&2
  exit 2
fi

# --- Scene ---------------------------------------------------------------------------------------------------------------
t0="$(now)"
scene="$work/scene"
"${cli[@]}" synth scene --out "$scene" --size "$height" "$width" --seed "$seed" > "$work/synth.log" 2>&1 || { log_tail "$work/synth.log"; exit 1; }
step "synth scene ${width}×${height}" "$(seconds "$t0" "$(now)")"
scene_mb="$(du -cm "$scene/pre.tif" "$scene/post.tif" | awk 'END { print $1 }')"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A embedded_s embedded_rss embedded_report

# --- a. Embedded ---------------------------------------------------------------------------------------------------------
if [[ "$embedded" == 1 ]]; then
  for method in "${methods[@]}"; do
    echo "compare: embedded run, $method…"
    mkdir -p "$work/embedded-$method"
    t0="$(now)"
    /usr/bin/time -f "%e %M" -o "$work/embedded-$method.time" \
      "${cli[@]}" run --pre "$scene/pre.tif" --post "$scene/post.tif" --out "$work/embedded-$method/displacement.tif" \
      --method "$method" --threads "$cores" > "$out/embedded-$method.log" 2>&1 || { log_tail "$out/embedded-$method.log"; exit 1; }
    embedded_s[$method]="$(seconds "$t0" "$(now)")"
    embedded_rss[$method]="$(awk '{ printf "%.0f", $2 / 1024 }' "$work/embedded-$method.time")"
    cp "$work/embedded-$method/displacement.report.json" "$out/embedded-$method.report.json"
    embedded_report[$method]="$out/embedded-$method.report.json"
    step "embedded run, $method" "${embedded_s[$method]}"
  done
fi

# --- b. Cluster ----------------------------------------------------------------------------------------------------------
t0="$(now)"
redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --protected-mode no --daemonize no \
  > "$out/redis.log" 2>&1 &
redis_pid=$!; pids+=("$redis_pid")
wait_port "$redis_port" "$redis_pid" "$out/redis.log" 30

# Azurite keeps its blobs on disk (--location), not in memory: a swath's chunk and accumulator blobs are gigabytes.
azurite_port="$(free_port)"
mkdir -p "$work/azurite"
"$azurite_blob" --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$work/azurite" --disableTelemetry --skipApiVersionCheck --loose \
  > "$out/azurite.log" 2>&1 &
azurite_pid=$!; pids+=("$azurite_pid")
wait_port "$azurite_port" "$azurite_pid" "$out/azurite.log" 60
# Azurite's documented development account key (not a secret).
az="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
step "start redis-server and Azurite" "$(seconds "$t0" "$(now)")"

cluster_id="bench"
client=("$client_exe" --redis "127.0.0.1:$redis_port" --cluster-id "$cluster_id" --service-id "$cluster_id"
  --storage azure --azure-connection-string "$az" --container bench --connect-timeout 120)
declare -A cluster_s upload_s silo_rss max_diff tiles_per_silo cluster_report

for method in "${methods[@]}"; do
  t0="$(now)"
  silo_pids=()
  for i in 1 2; do
    silo_port="$(free_port)" gateway_port="$(free_port)"
    extra=(); [[ -n "${MAX_TILES:-}" ]] && extra=("--GeoFlowNetSar:MaxConcurrentTiles=$MAX_TILES")
    "$silo_exe" --Cluster:Clustering=redis "--Cluster:Redis=127.0.0.1:$redis_port" "--Cluster:ClusterId=$cluster_id" \
      "--Cluster:ServiceId=$cluster_id" "--Cluster:SiloName=silo-$i" "--Cluster:SiloPort=$silo_port" "--Cluster:GatewayPort=$gateway_port" \
      --Cluster:HealthPort=0 --Storage:Kind=azure "--Storage:ConnectionString=$az" --Storage:Container=bench \
      --GeoFlowNetSar:Roles=gpu,cpu --GeoFlowNetSar:TorchThreads=1 "--GeoFlowNetSar:WorkFolder=$work/silo-$i-$method" \
      --Logging:LogLevel:Default=Warning "${extra[@]}" > "$out/cluster-$method-silo-$i.log" 2>&1 &
    pid=$!; pids+=("$pid"); silo_pids+=("$pid")
    wait_port "$gateway_port" "$pid" "$out/cluster-$method-silo-$i.log" 120
  done
  step "start 2 silos ($method)" "$(seconds "$t0" "$(now)")"

  echo "compare: cluster run, $method…"
  t0="$(now)"
  chunk=(); [[ -n "${CHUNK_SIZE:-}" ]] && chunk=(--chunk-size "$CHUNK_SIZE")
  "${client[@]}" submit --scene "bench-$method" --pre "$scene/pre.tif" --post "$scene/post.tif" --method "$method" --wait "${chunk[@]}" \
    > "$out/cluster-$method-client.log" 2>&1 || { log_tail "$out/cluster-$method-client.log"; log_tail "$out/cluster-$method-silo-1.log"; exit 1; }
  cluster_s[$method]="$(seconds "$t0" "$(now)")"
  upload_s[$method]="$(awk '/^uploaded / { for (i = 1; i <= NF; i++) if ($i == "in") s += $(i + 1) } END { printf "%.1f", s }' "$out/cluster-$method-client.log")"
  step "cluster submit → Done, $method" "${cluster_s[$method]}"

  t0="$(now)"
  "${client[@]}" download --scene "bench-$method" --out "$work/cluster-$method" > "$out/cluster-$method-download.log" 2>&1 \
    || { log_tail "$out/cluster-$method-download.log"; exit 1; }
  cp "$work/cluster-$method/report.json" "$out/cluster-$method.report.json"
  cluster_report[$method]="$out/cluster-$method.report.json"
  tiles_per_silo[$method]="$(sed -n '/"tilesPerSilo"/,/}/p' "$out/cluster-$method.report.json" | grep -o '"[^"]*": *[0-9][0-9]*' | sed 's/"//g; s/: */: /' | paste -sd, - | sed 's/,/, /g' || true)"
  step "download mosaic ($method)" "$(seconds "$t0" "$(now)")"

  # c. Peak RSS of each silo just before it is stopped.
  rss=()
  for pid in "${silo_pids[@]}"; do rss+=("$(peak_rss_mib "$pid")"); done
  silo_rss[$method]="${rss[*]}"
  t0="$(now)"
  for pid in "${silo_pids[@]}"; do stop_pid "$pid"; done
  step "stop 2 silos ($method)" "$(seconds "$t0" "$(now)")"

  if [[ "$embedded" == 1 ]]; then
    t0="$(now)"
    "$diff_exe" mosaic-diff "$work/embedded-$method/displacement.tif" "$work/cluster-$method/displacement.tif" > "$out/diff-$method.log" 2>&1 \
      || { log_tail "$out/diff-$method.log"; exit 1; }
    max_diff[$method]="$(awk '/^max_abs_diff/ { print $2 }' "$out/diff-$method.log")"
    step "mosaic diff ($method)" "$(seconds "$t0" "$(now)")"
  fi
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
azurite_mb="$(du -sm "$work/azurite" | cut -f1)"

# --- d. Report -----------------------------------------------------------------------------------------------------------
# " ✓" when VALUE ≤ GOAL, " ✗" when above it or not a finite number (an infinite diff: NaN where the other has a value).
verdict() { awk -v v="$1" -v goal="$2" 'BEGIN { if (v == "" || v == "–") print ""; else if (v ~ /^[0-9.]+([eE][-+]?[0-9]+)?$/ && v + 0 <= goal + 0) print " ✓"; else print " ✗" }'; }
cell() { [[ -n "${1:-}" && -f "$1" ]] || { echo "–"; return; }; echo "$(json_number "$1" prepareSeconds) / $(json_number "$1" tileSeconds) / $(json_number "$1" stitchSeconds)"; }
commit="$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src bench || echo ' (+ local changes)')"
machine="$(. /etc/os-release && echo "$PRETTY_NAME"), $cores cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo) GiB RAM"
report="$out/cluster.md"
{
  echo "## Cluster vs. embedded (bench/cluster/compare.sh)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC, commit $commit. $machine."
  echo "Scene: FaultDeform-SAR \`synth scene --size $height $width --seed $seed\` (${width} wide × ${height} high, PRE + POST ${scene_mb} MB)."
  echo "Embedded: \`geoflownet run --threads $cores\` (one in-process silo, local folder blobs). Cluster: 2 \`geoflownet-silo\` processes"
  echo "(roles gpu,cpu, 1 libtorch thread each, MaxConcurrentTiles ${MAX_TILES:-8 (default)}, chunk size ${CHUNK_SIZE:-from the memory budget}), Redis clustering,"
  echo "Azure Blob storage on Azurite; \`geoflownet-client submit --wait\` timed from its start (upload included) to Done."
  if [[ " ${methods[*]} " == *" unet "* ]]; then echo "U-Net weights: ${GEOFLOWNET_MODEL:-models/geoflownet-sar.gfnw (shipped)}."; fi
  echo "Load average (1/5/15 min) before: $load_before; after: $load_after."
  echo
  echo "| method | embedded s | cluster s (upload s) | cluster / embedded (goal ≤ 1.15×) | peak RSS silo-1, silo-2 (goal ≤ 3 GB) | embedded peak RSS | max \|diff\| (≤ 1e-6) | tiles per silo |"
  echo "|---|---|---|---|---|---|---|---|"
  for method in "${methods[@]}"; do
    e="${embedded_s[$method]:-–}" c="${cluster_s[$method]}"
    ratio="–"; [[ "$e" != "–" ]] && ratio="$(awk -v c="$c" -v e="$e" 'BEGIN { printf "%.2f", c / e }')"
    read -r r1 r2 <<< "${silo_rss[$method]}"
    rss_cell="$r1 MiB$(verdict "$r1" 3072), $r2 MiB$(verdict "$r2" 3072)"
    d="${max_diff[$method]:-–}"
    echo "| $method | $e | $c (${upload_s[$method]}) | ${ratio}$([[ "$ratio" != "–" ]] && verdict "$ratio" 1.15) | $rss_cell | ${embedded_rss[$method]:-–}$([[ -n "${embedded_rss[$method]:-}" ]] && echo " MiB") | ${d}$(verdict "$d" 0.000001) | ${tiles_per_silo[$method]} |"
  done
  echo
  echo "Inside the scene (report.json timings, s): prepare (cut into chunk blobs) / tiles / stitch."
  echo
  echo "| method | embedded | cluster |"
  echo "|---|---|---|"
  for method in "${methods[@]}"; do
    echo "| $method | $(cell "${embedded_report[$method]:-}") | $(cell "${cluster_report[$method]}") |"
  done
  echo
  echo "Seconds per step (Azurite held ${azurite_mb} MB of blobs at the end):"
  echo
  echo "| step | wall time |"
  echo "|---|---|"
  cat "$steps"
} > "$report"
echo "compare: wrote $report"
cat "$report"
