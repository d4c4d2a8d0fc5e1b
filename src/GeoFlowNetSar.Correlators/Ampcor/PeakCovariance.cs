using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Ampcor;

/// <summary>
/// Ampcor's offset covariance estimate (ROI_PAC ampcor; the same formula as ISCE's cuAmpcor cuEstimateVariance),
/// from the normalised correlation ρ at its integer peak and the curvature there.
/// With second differences at a distance of one native pixel,
///   dxx = −N·(ρ(x+1) + ρ(x−1) − 2ρ₀),  dyy = −N·(ρ(y+1) + ρ(y−1) − 2ρ₀),
///   dxy = N·(ρ(+1,+1) + ρ(−1,−1) − ρ(+1,−1) − ρ(−1,+1))/4,
/// N the number of reference-chip pixels, n2 = 2·max(1 − ρ₀, 0), n4 = ½·N·(1 − ρ₀)², u = dxy² − dxx·dyy:
///   var_x = (−n2·u·dyy + n4·(dyy² + dxy²)) / u²,
///   var_y = (−n2·u·dxx + n4·(dxx² + dxy²)) / u²,
///   cov_xy = (n2·u·dxy − n4·(dxx + dyy)·dxy) / u²   (px²).
/// The leading term is the inverse Hessian scaled by 2(1 − ρ₀)/N: a sharper, higher and larger peak gives a
/// smaller variance. Where |u| &lt; 10⁻² (a flat surface) no estimate is given (NaN; Ampcor writes 99).
/// </summary>
public static class PeakCovariance
{
    private static readonly Scalar FlatCurvature = 1e-2.ToScalar();

    /// <summary>
    /// <paramref name="neighbourhood"/> [B, 3, 3]: ρ at (row + i·s, column + j·s), i, j ∈ {−1, 0, 1}, s samples = one
    /// native pixel; returns [B, 3] (var_x, var_y, cov_xy).
    /// </summary>
    public static Tensor Estimate(Tensor neighbourhood, double chipPixels)
    {
        using var chip = chipPixels.ToScalar();
        using var quarterChip = (0.25 * chipPixels).ToScalar();
        using var halfChip = (0.5 * chipPixels).ToScalar();
        var centre = neighbourhood[.., 1, 1];
        var twiceCentre = centre.mul(TorchScalars.Two);
        var dxx = (TorchScalars.Add(neighbourhood[.., 1, 2], neighbourhood[.., 1, 0]) - twiceCentre).neg().mul(chip);
        var dyy = (TorchScalars.Add(neighbourhood[.., 2, 1], neighbourhood[.., 0, 1]) - twiceCentre).neg().mul(chip);
        var dxy = (TorchScalars.Add(neighbourhood[.., 2, 2], neighbourhood[.., 0, 0]) - neighbourhood[.., 0, 2] - neighbourhood[.., 2, 0]).mul(quarterChip);
        var loss = TorchScalars.Subtract(TorchScalars.One, centre).clamp_min(TorchScalars.Zero);
        var n2 = loss.mul(TorchScalars.Two);
        var n4 = TorchScalars.Square(loss).mul(halfChip);
        var u = TorchScalars.Square(dxy) - dxx * dyy;
        var u2 = TorchScalars.Square(u);
        var varX = TorchScalars.Add(-n2 * u * dyy, n4 * TorchScalars.Add(TorchScalars.Square(dyy), TorchScalars.Square(dxy))) / u2;
        var varY = TorchScalars.Add(-n2 * u * dxx, n4 * TorchScalars.Add(TorchScalars.Square(dxx), TorchScalars.Square(dxy))) / u2;
        var covXY = (n2 * u * dxy - n4 * TorchScalars.Add(dxx, dyy) * dxy) / u2;
        var table = stack([varX, varY, covXY], 1);
        return where(u.abs().ge(FlatCurvature).unsqueeze(1), table, full_like(table, TorchScalars.NaN));
    }
}
