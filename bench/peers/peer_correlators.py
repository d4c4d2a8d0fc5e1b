#!/usr/bin/python3
"""Peer correlators for the accuracy/speed comparison of issue 5 (bench only, never a test dependency).

Runs one of two well-known implementations over the same window grid as `geoflownet estimate` and writes a
displacement GeoTIFF in the project's convention (DESIGN.md: band 1 dx, band 2 dy in pixels; a feature at p in
PRE appears at p + d in POST), interpolated linearly between window centres exactly as the shared pipeline does
(AxisGrid: origins 0, step, 2*step, ... plus one window clamped to the edge; centre = origin + (W - 1)/2; flat
beyond the first and last centres).

  skimage  skimage.registration.phase_cross_correlation(PRE window, POST window, upsample_factor=U)
           (Guizar-Sicairos upsampled DFT, no apodisation: the library's defaults). It returns the shift that
           registers POST onto PRE, so d = -shift.
  opencv   cv2.matchTemplate(POST window, inner (W - 2R)^2 of the PRE window, TM_CCOEFF_NORMED): an NCC surface
           over lags [-R, R]^2; integer peak, then a 3-point parabola per axis (the usual sub-pixel fit).

Timing: `seconds` is the correlation loop only; `end_to_end_seconds` adds reading PRE and POST, interpolating to full
resolution and writing the GeoTIFF (the span `geoflownet estimate` reports as its time). Library imports are outside
both.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def axis_origins(length, window, step):
    if window > length:
        raise SystemExit(f"error: window {window} px is larger than the image ({length} px)")
    regular = (length - window) // step + 1
    origins = [k * step for k in range(regular)]
    if (regular - 1) * step + window < length:
        origins.append(length - window)
    return np.array(origins)


def read_band(path):
    ds = gdal.Open(path)
    return ds.GetRasterBand(1).ReadAsArray().astype(np.float32), ds


def skimage_offsets(pre, post, xs, ys, window, upsample):
    from skimage.registration import phase_cross_correlation
    dx = np.full((len(ys), len(xs)), np.nan, np.float64)
    dy = np.full_like(dx, np.nan)
    for j, y in enumerate(ys):
        for i, x in enumerate(xs):
            a = pre[y:y + window, x:x + window]
            b = post[y:y + window, x:x + window]
            if not (np.isfinite(a).all() and np.isfinite(b).all()) or a.std() == 0 or b.std() == 0:
                continue
            shift, _, _ = phase_cross_correlation(a, b, upsample_factor=upsample)
            dy[j, i], dx[j, i] = -shift[0], -shift[1]
    return dx, dy


def parabola(left, centre, right):
    denominator = left - 2.0 * centre + right
    return 0.0 if denominator >= 0 else 0.5 * (left - right) / denominator


def opencv_offsets(pre, post, xs, ys, window, radius):
    import cv2
    dx = np.full((len(ys), len(xs)), np.nan, np.float64)
    dy = np.full_like(dx, np.nan)
    inner = window - 2 * radius
    for j, y in enumerate(ys):
        for i, x in enumerate(xs):
            template = pre[y + radius:y + radius + inner, x + radius:x + radius + inner]
            image = post[y:y + window, x:x + window]
            if not (np.isfinite(template).all() and np.isfinite(image).all()) or template.std() == 0:
                continue
            surface = cv2.matchTemplate(image, template, cv2.TM_CCOEFF_NORMED)
            _, _, _, (px, py) = cv2.minMaxLoc(surface)
            fx = parabola(surface[py, px - 1], surface[py, px], surface[py, px + 1]) if 0 < px < surface.shape[1] - 1 else 0.0
            fy = parabola(surface[py - 1, px], surface[py, px], surface[py + 1, px]) if 0 < py < surface.shape[0] - 1 else 0.0
            dx[j, i] = px - radius + fx
            dy[j, i] = py - radius + fy
    return dx, dy


def interpolate(grid, centres_x, centres_y, width, height):
    """Separable linear interpolation between window centres, flat beyond the outer ones (NaN propagates)."""
    cols = np.arange(width, dtype=np.float64)
    rows = np.arange(height, dtype=np.float64)
    along_x = np.stack([np.interp(cols, centres_x, grid[j]) for j in range(grid.shape[0])])
    return np.stack([np.interp(rows, centres_y, along_x[:, c]) for c in range(width)], axis=1)


def write(path, template_ds, dx, dy):
    driver = gdal.GetDriverByName("GTiff")
    tmp = path + ".partial.tif"
    out = driver.Create(tmp, dx.shape[1], dx.shape[0], 2, gdal.GDT_Float32, ["COMPRESS=DEFLATE", "TILED=YES"])
    if template_ds.GetGeoTransform(can_return_null=True):
        out.SetGeoTransform(template_ds.GetGeoTransform())
    if template_ds.GetProjection():
        out.SetProjection(template_ds.GetProjection())
    for k, (name, data) in enumerate((("dx", dx), ("dy", dy)), start=1):
        band = out.GetRasterBand(k)
        band.SetDescription(name)
        band.SetNoDataValue(float("nan"))
        band.WriteArray(data.astype(np.float32))
    out = None
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--method", choices=["skimage", "opencv"], required=True)
    parser.add_argument("--pre", required=True)
    parser.add_argument("--post", required=True)
    parser.add_argument("--out", required=True, help="displacement GeoTIFF to write (dx, dy)")
    parser.add_argument("--window", type=int, default=64)
    parser.add_argument("--step", type=int, default=8)
    parser.add_argument("--upsample", type=int, default=100, help="skimage upsample_factor (1/U px)")
    parser.add_argument("--search", type=int, default=8, help="opencv search radius R (Ampcor's default)")
    parser.add_argument("--threads", type=int, default=1, help="OpenCV threads (numpy FFT is single-threaded)")
    parser.add_argument("--timing-json", help="append {method, seconds, megapixels, windows} to this JSON-lines file")
    args = parser.parse_args()
    if args.method == "skimage":
        from skimage.registration import phase_cross_correlation  # noqa: F401 (imported here: outside the timings)
    else:
        import cv2
        cv2.setNumThreads(args.threads)

    end_to_end = time.perf_counter()
    pre, pre_ds = read_band(args.pre)
    post, _ = read_band(args.post)
    if pre.shape != post.shape:
        raise SystemExit(f"error: {args.post}: size {post.shape} differs from PRE {pre.shape}")
    height, width = pre.shape
    xs = axis_origins(width, args.window, args.step)
    ys = axis_origins(height, args.window, args.step)

    start = time.perf_counter()
    if args.method == "skimage":
        dx, dy = skimage_offsets(pre, post, xs, ys, args.window, args.upsample)
    else:
        dx, dy = opencv_offsets(pre, post, xs, ys, args.window, args.search)
    seconds = time.perf_counter() - start

    centres_x = xs + (args.window - 1) / 2.0
    centres_y = ys + (args.window - 1) / 2.0
    write(args.out, pre_ds, interpolate(dx, centres_x, centres_y, width, height), interpolate(dy, centres_x, centres_y, width, height))
    end_to_end = time.perf_counter() - end_to_end
    megapixels = width * height / 1e6
    record = {"method": args.method, "window": args.window, "step": args.step, "seconds": seconds,
              "end_to_end_seconds": end_to_end, "megapixels": megapixels, "seconds_per_megapixel": seconds / megapixels,
              "windows": int(len(xs) * len(ys))}
    print(json.dumps(record))
    if args.timing_json:
        with open(args.timing_json, "a") as f:
            f.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    sys.exit(main())
