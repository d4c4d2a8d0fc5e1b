#!/usr/bin/python3
"""Scores displacement GeoTIFFs (band 1 dx, band 2 dy, px) against FaultDeform-SAR truth.tif, as `geoflownet sweep`
does: MAE dx, MAE dy over every pixel with an estimate, near-fault MAE (dx and dy errors pooled) within 10 px of
the rupture (a pixel whose 3x3 neighbourhood spans more than 5 % of the scene's max |d| in dx or dy, dilated by a
square of radius 10: FaultProximity in GeoFlowNetSar.Core), and coverage. Errors are pooled over all scenes and
computed twice: on each method's own estimates (a method that masks low-quality windows is scored on what it
keeps, and its coverage says what it gave up), and on the pixels where EVERY compared method has an estimate (no
method scored on easier pixels).

usage: score.py OUT_DIR SCENE_DIR... (each SCENE_DIR holds truth.tif and <label>.tif per method)
"""
import csv
import glob
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
RADIUS = 10
ZERO = "(zero displacement)"


def bands(path):
    ds = gdal.Open(path)
    return ds.GetRasterBand(1).ReadAsArray().astype(np.float64), ds.GetRasterBand(2).ReadAsArray().astype(np.float64)


def span_exceeds(field, jump):
    padded_min = np.pad(field, 1, mode="edge")
    lo = np.full(field.shape, np.inf)
    hi = np.full(field.shape, -np.inf)
    h, w = field.shape
    for dy in range(3):
        for dx in range(3):
            window = padded_min[dy:dy + h, dx:dx + w]
            lo = np.minimum(lo, window)
            hi = np.maximum(hi, window)
    return hi - lo > jump


def dilate(mask, radius):
    h, w = mask.shape
    padded = np.pad(mask, radius, mode="constant")
    rows = np.zeros((h + 2 * radius, w), bool)
    for k in range(2 * radius + 1):
        rows |= padded[:, k:k + w]
    out = np.zeros((h, w), bool)
    for k in range(2 * radius + 1):
        out |= rows[k:k + h, :]
    return out


def near_fault(tx, ty):
    jump = 0.05 * max(np.nanmax(np.abs(tx)), np.nanmax(np.abs(ty)))
    return dilate(span_exceeds(tx, jump) | span_exceeds(ty, jump), RADIUS)


def main():
    out_dir, scenes = sys.argv[1], sys.argv[2:]
    labels = sorted({os.path.basename(p)[:-4] for s in scenes for p in glob.glob(os.path.join(s, "*.tif"))} - {"pre", "post", "truth"}) + [ZERO]
    # per label and scoring set ("own", "common"): |e dx|, |e dy|, near |e| (dx+dy), pixels, near samples
    sums = {(l, k): np.zeros(5) for l in labels for k in ("own", "common")}
    cover = {l: [0, 0] for l in labels}
    for scene in scenes:
        tx, ty = bands(os.path.join(scene, "truth.tif"))
        near = near_fault(tx, ty)
        estimates = {l: bands(os.path.join(scene, l + ".tif")) for l in labels if l != ZERO}
        # The no-motion baseline: what an estimator locked to 0 px would score (peak-locking favours it where |d| is small).
        estimates[ZERO] = (np.zeros_like(tx), np.zeros_like(ty))
        valid = {l: np.isfinite(dx) & np.isfinite(dy) for l, (dx, dy) in estimates.items()}
        common = np.logical_and.reduce(list(valid.values()))
        for l, (dx, dy) in estimates.items():
            cover[l][0] += valid[l].sum()
            cover[l][1] += valid[l].size
            for kind, mask in (("own", valid[l]), ("common", common)):
                ex, ey, nf = np.abs(dx - tx)[mask], np.abs(dy - ty)[mask], near[mask]
                sums[(l, kind)] += [ex.sum(), ey.sum(), ex[nf].sum() + ey[nf].sum(), mask.sum(), 2 * nf.sum()]
    rows = []
    for l in labels:
        for kind in ("own", "common"):
            s = sums[(l, kind)]
            rows.append({"method": l, "pixels": kind, "mae_dx_px": s[0] / s[3] if s[3] else float("nan"),
                         "mae_dy_px": s[1] / s[3] if s[3] else float("nan"),
                         "near_fault_mae_px": s[2] / s[4] if s[4] else float("nan"),
                         "coverage": cover[l][0] / cover[l][1], "scored_pixels": int(s[3])})
    with open(os.path.join(out_dir, "accuracy.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    text = ""
    for kind, title in (("own", "each method on its own estimates"), ("common", "on the pixels every method estimates")):
        chosen = [r for r in rows if r["pixels"] == kind]
        lines = [f"Scored {title} ({len(scenes)} scene(s)):", "",
                 "| method | MAE dx (px) | MAE dy (px) | near-fault MAE (px) | coverage | pixels scored |", "|---|---:|---:|---:|---:|---:|"]
        lines += [f"| {r['method']} | {r['mae_dx_px']:.4f} | {r['mae_dy_px']:.4f} | {r['near_fault_mae_px']:.4f} | "
                  f"{100 * r['coverage']:.1f} % | {r['scored_pixels']} |" for r in chosen]
        text += "\n".join(lines) + "\n\n"
    with open(os.path.join(out_dir, "accuracy.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
