#!/usr/bin/env bash
# Peer comparison of issue 5: our frequency correlator vs scikit-image phase_cross_correlation (upsampled DFT), our
# Ampcor vs OpenCV NCC template matching + parabola, on the same FaultDeform-SAR scenes and the same window/step.
#
#   bench/peers/compare.sh accuracy OUT_DIR   # MAE dx, dy, near-fault on SCENES scenes of SIZE² → OUT_DIR/accuracy.md
#   bench/peers/compare.sh timing OUT_DIR     # one SIZE² scene, every method on ONE thread → OUT_DIR/timing.md
#
# Settings (environment): SCENES (4), SIZE (512; use 1024 for the clean timing run), WINDOW (64), STEP (8),
# SEARCH (8: Ampcor's and OpenCV's search radius), UPSAMPLE (100: skimage's upsample_factor), FIRST_SEED
# (2^62 + 900,000,100: the validation range, never trained on). Timing is only meaningful on a quiet machine.
# Needs Debian's python3-skimage python3-opencv python3-numpy python3-gdal (installed here with apt-get if missing).
set -euo pipefail
mode="${1:?usage: compare.sh accuracy|timing OUT_DIR}"
out="${2:?usage: compare.sh accuracy|timing OUT_DIR}"
cd "$(dirname "$0")/../.."
SCENES="${SCENES:-4}" SIZE="${SIZE:-512}" WINDOW="${WINDOW:-64}" STEP="${STEP:-8}" SEARCH="${SEARCH:-8}" UPSAMPLE="${UPSAMPLE:-100}"
FIRST_SEED="${FIRST_SEED:-4611686019327388004}"
py=/usr/bin/python3
if ! "$py" -c "import skimage, cv2, numpy; from osgeo import gdal" 2>/dev/null; then
  echo "compare: installing python3-skimage python3-opencv python3-numpy python3-gdal (apt-get)…"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq python3-skimage python3-opencv python3-numpy python3-gdal >/dev/null
fi
dotnet build src/GeoFlowNetSar.Cli -c Release --nologo -v quiet >/dev/null
cli=(dotnet src/GeoFlowNetSar.Cli/bin/Release/net10.0/linux-x64/geoflownet.dll)
peers=bench/peers/peer_correlators.py
mkdir -p "$out"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

# Seconds of the pipeline run (reading, correlation, interpolation, writing) from `estimate`'s summary table.
estimate() { # scene label method [extra…]
  local scene=$1 label=$2 method=$3; shift 3
  "${cli[@]}" estimate --pre "$scene/pre.tif" --post "$scene/post.tif" --out "$scene/$label.tif" --overwrite \
    --method "$method" --window "$WINDOW" --step "$STEP" --threads 1 "$@" | sed -n 's/.*time *│ *\([0-9.]*\) s.*/\1/p'
}

case "$mode" in
accuracy)
  scenes=()
  for ((i = 0; i < SCENES; i++)); do
    scene="$out/scene$i"; scenes+=("$scene")
    [ -f "$scene/truth.tif" ] || "${cli[@]}" synth scene --out "$scene" --size "$SIZE" --seed $((FIRST_SEED + i)) --threads 1 | tail -1
    estimate "$scene" ours-frequency frequency >/dev/null
    estimate "$scene" ours-frequency-dft frequency --subpixel upsampled-dft >/dev/null
    estimate "$scene" ours-ampcor ampcor >/dev/null
    estimate "$scene" ours-ampcor-unmasked ampcor --min-snr 0 >/dev/null   # no SNR mask, as OpenCV's
    "$py" $peers --method skimage --pre "$scene/pre.tif" --post "$scene/post.tif" --out "$scene/skimage-pcc.tif" \
      --window "$WINDOW" --step "$STEP" --upsample "$UPSAMPLE" >/dev/null
    "$py" $peers --method opencv --pre "$scene/pre.tif" --post "$scene/post.tif" --out "$scene/opencv-ncc.tif" \
      --window "$WINDOW" --step "$STEP" --search "$SEARCH" >/dev/null
    echo "compare: scene $i done"
  done
  "$py" bench/peers/score.py "$out" "${scenes[@]}"
  ;;
timing)
  scene="$out/timing-scene"
  [ -f "$scene/truth.tif" ] || "${cli[@]}" synth scene --out "$scene" --size "$SIZE" --seed "$FIRST_SEED" --threads 1 | tail -1
  estimate "$scene" warm-up frequency >/dev/null   # first run pays for disk cache and libtorch start-up
  mpx=$("$py" -c "print($SIZE * $SIZE / 1e6)")
  f=$(estimate "$scene" ours-frequency frequency)
  a=$(estimate "$scene" ours-ampcor ampcor)
  s=$("$py" $peers --method skimage --pre "$scene/pre.tif" --post "$scene/post.tif" --out "$scene/skimage-pcc.tif" \
      --window "$WINDOW" --step "$STEP" --upsample "$UPSAMPLE" | "$py" -c "import json,sys; print(json.load(sys.stdin)['seconds'])")
  o=$("$py" $peers --method opencv --pre "$scene/pre.tif" --post "$scene/post.tif" --out "$scene/opencv-ncc.tif" \
      --window "$WINDOW" --step "$STEP" --search "$SEARCH" --threads 1 | "$py" -c "import json,sys; print(json.load(sys.stdin)['seconds'])")
  "$py" - "$mpx" "$f" "$s" "$a" "$o" "$WINDOW" "$STEP" "$SIZE" "$(uptime | sed 's/.*load average: //')" > "$out/timing.md" <<'PY'
import sys
mpx, f, s, a, o = map(float, sys.argv[1:6])
w, st, size, load = sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9]
print(f"One {size}x{size} scene, window {w} step {st}, one thread each; load average at the end: {load}.")
print("Ours: the whole `estimate` pipeline (read, correlate, interpolate, write); peers: the correlation loop only.\n")
print("| method | s | s/Mpx | ratio |")
print("|---|---:|---:|---|")
print(f"| ours frequency | {f:.2f} | {f / mpx:.2f} | {s / f:.1f}x faster than skimage (goal >= 20x) |")
print(f"| skimage phase_cross_correlation | {s:.2f} | {s / mpx:.2f} | |")
print(f"| ours ampcor | {a:.2f} | {a / mpx:.2f} | {o / a:.2f}x the speed of OpenCV NCC (goal >= 1) |")
print(f"| OpenCV matchTemplate + parabola | {o:.2f} | {o / mpx:.2f} | |")
PY
  cat "$out/timing.md"
  ;;
*) echo "usage: compare.sh accuracy|timing OUT_DIR" >&2; exit 2 ;;
esac
