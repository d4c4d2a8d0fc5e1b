using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>Discontinuities, changed ground, no texture and bad settings, for every method.</summary>
public class RobustnessTests(ITestOutputHelper output)
{
    static RobustnessTests() => TorchRuntime.Configure(1);

    /// <summary>
    /// Left half moved +0.8 px, right half −0.4 px (two exact shifts composited at column 128): away from the step
    /// by more than one window the estimate is right on either side, and nearer it stays between the two (no
    /// overshoot, no spurious motion).
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void SharpStepSwitchesSidesWithinOneWindow(string method)
    {
        const int size = 256, step = 128, window = 64;
        const double left = 0.8, right = -0.4;
        var (pre, post) = TestScenes.Step(size, seed: 41, step, left, right);
        using var estimator = Methods.Create(method, window, step: 8);
        var (dx, dy, _) = TestScenes.RunPipeline(pre, post, estimator);

        double worstLeft = 0, worstRight = 0, worstDy = 0, worstDyNear = 0, low = double.MaxValue, high = double.MinValue;
        int missing = 0;
        for (int y = 16; y < size - 16; y++)
            for (int x = 16; x < size - 16; x++)
            {
                float vx = dx[x, y], vy = dy[x, y];
                if (!float.IsFinite(vx) || !float.IsFinite(vy)) { missing++; continue; }
                bool near = x >= step - window && x < step + window;
                if (near) worstDyNear = Math.Max(worstDyNear, Math.Abs(vy));
                else worstDy = Math.Max(worstDy, Math.Abs(vy));
                if (x < step - window) worstLeft = Math.Max(worstLeft, Math.Abs(vx - left));
                else if (x >= step + window) worstRight = Math.Max(worstRight, Math.Abs(vx - right));
                else { low = Math.Min(low, vx); high = Math.Max(high, vx); }
            }
        output.WriteLine($"{method}: left max |e| {worstLeft:F4}, right {worstRight:F4}, |dy| max {worstDy:F4} ({worstDyNear:F4} near the step), near the step [{low:F3}, {high:F3}], missing {missing}");
        Assert.True(worstLeft <= 0.02, $"left of the step: max |error| {worstLeft:F4} px");
        Assert.True(worstRight <= 0.02, $"right of the step: max |error| {worstRight:F4} px");
        Assert.True(worstDy <= 0.02, $"dy should be 0: max |dy| {worstDy:F4} px");
        // Windows that straddle the step see two motions at once; their dy wobbles a little, nothing more.
        Assert.True(worstDyNear <= 0.1, $"dy should stay near 0 at the step: max |dy| {worstDyNear:F4} px");
        Assert.Equal(0, missing);
        Assert.True(low >= right - 0.05 && high <= left + 0.05, $"near the step the estimate leaves [{right}, {left}]: [{low:F3}, {high:F3}]");
    }

    /// <summary>
    /// POST with a 40×40 area replaced by unrelated speckle, 32-pixel windows: a window inside the changed area is
    /// masked, a window that mostly sees it is masked or still right, a window clear of it is right. Nothing reports
    /// the change as motion.
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void ChangedPatchIsMaskedNotReportedAsMotion(string method)
    {
        const int size = 192, window = 32, px = 76, py = 76, edge = 40;
        const double dx = 0.37, dy = -0.23;
        var (pre, shifted) = TestScenes.ConstantShift(size, TestScenes.Oversampled, seed: 51, dx, dy);
        var post = TestScenes.WithChangedPatch(shifted, px, py, edge, seed: 52);
        var origins = TestScenes.Grid(size, window, 4);
        using var estimator = Methods.CreateSmall(method, step: 4);
        var results = TestScenes.Estimate(estimator, pre, post, origins);

        int inside = 0, insideMasked = 0, mostly = 0, mostlyMasked = 0, clear = 0, clearValid = 0;
        double worstValid = 0, worstClear = 0;
        for (int i = 0; i < origins.Length; i++)
        {
            var o = origins[i];
            var r = results[i];
            int overlapX = Math.Max(0, Math.Min(o.X + window, px + edge) - Math.Max(o.X, px));
            int overlapY = Math.Max(0, Math.Min(o.Y + window, py + edge) - Math.Max(o.Y, py));
            double changed = overlapX * overlapY / (double)(window * window);
            double error = r.IsValid ? Math.Max(Math.Abs(r.Dx - dx), Math.Abs(r.Dy - dy)) : 0;
            if (r.IsValid) worstValid = Math.Max(worstValid, error);
            if (changed >= 1) { inside++; if (!r.IsValid) insideMasked++; }
            else if (changed >= 0.5) { mostly++; if (!r.IsValid) mostlyMasked++; }
            else if (changed == 0) { clear++; if (r.IsValid) { clearValid++; worstClear = Math.Max(worstClear, error); } }
        }
        output.WriteLine($"{method}: inside {insideMasked}/{inside} masked, mostly changed {mostlyMasked}/{mostly} masked, clear {clearValid}/{clear} valid (max |e| {worstClear:F4}), any valid max |e| {worstValid:F4}");
        Assert.True(inside > 0 && insideMasked == inside, $"{inside - insideMasked} of {inside} windows inside the changed area were reported");
        Assert.True(clearValid == clear, $"{clear - clearValid} of {clear} windows clear of the change were masked");
        // 32-pixel windows on speckle: ~0.01 px typical, a few hundredths at worst, changed ground or not.
        Assert.True(worstClear <= 0.06, $"windows clear of the change: max |error| {worstClear:F4} px");
        Assert.True(worstValid <= 0.12, $"a window touching the change reported {worstValid:F3} px of spurious motion");
    }

    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void ConstantInputGivesNaNEverywhere(string method)
    {
        var flat = new FloatImage(128, 128);
        Array.Fill(flat.Pixels, 7f);
        using var estimator = Methods.Create(method, 64, 16);
        var (dx, dy, report) = TestScenes.RunPipeline(flat, flat, estimator);
        Assert.True(report.NoEstimateAtAll);
        Assert.All(dx.Pixels, v => Assert.True(float.IsNaN(v)));
        Assert.All(dy.Pixels, v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void WindowLargerThanTheImageIsAClearError(string method)
    {
        var image = TestScenes.Speckle(48, TestScenes.Oversampled, seed: 61);
        using var estimator = Methods.Create(method, 64, 16);
        var error = Assert.Throws<SceneInputException>(() => TestScenes.RunPipeline(image, image, estimator));
        Assert.Contains("64-pixel window is larger than the 48x48 image", error.Message);
    }

    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void AFewMissingPixelsDoNotStopAnEstimate(string method)
    {
        var (pre, post) = TestScenes.ConstantShift(128, TestScenes.Oversampled, seed: 71, 0.37, -0.23);
        var holed = new FloatImage(128, 128, (float[])post.Pixels.Clone());
        for (int k = 0; k < 40; k++) holed[20 + k, 30] = float.NaN; // 40 of 4096 pixels of the first window
        using var estimator = Methods.Create(method, 64, 64);
        var results = TestScenes.Estimate(estimator, pre, holed, [new(0, 0), new(64, 64)]);
        Assert.All(results, r =>
        {
            Assert.True(r.IsValid);
            Assert.InRange(r.Dx, 0.37 - 0.05, 0.37 + 0.05);
            Assert.InRange(r.Dy, -0.23 - 0.05, -0.23 + 0.05);
        });
    }
}
