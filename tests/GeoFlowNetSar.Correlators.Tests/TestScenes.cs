using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Synthesis.Textures;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>Synthetic PRE/POST pairs with exactly known displacement, and ways to run and score an estimator on them.</summary>
internal static class TestScenes
{
    /// <summary>fmax ¼: the "2×-oversampled detection" (speckle amplitude that is not aliased).</summary>
    public const double Oversampled = 0.25;

    /// <summary>fmax ½: native single-look amplitude, aliased (where correlators peak-lock).</summary>
    public const double SingleLook = 0.5;

    private static readonly Dictionary<(int, int, double, int, double, double), FloatImage> Cache = new();

    /// <summary>|z| of a band-limited complex field, sampled at z(x − dx, y − dy): a feature at p appears at p + d.</summary>
    public static FloatImage Speckle(int size, double fmax, int seed, double dx = 0, double dy = 0, int waves = 600)
    {
        lock (Cache)
        {
            var key = (size, seed, fmax, waves, dx, dy);
            if (!Cache.TryGetValue(key, out var image))
                Cache[key] = image = new PlaneWaveField(waves, fmax, seed).Amplitude(size, size, dx, dy);
            return image;
        }
    }

    public static (FloatImage Pre, FloatImage Post) ConstantShift(int size, double fmax, int seed, double dx, double dy) =>
        (Speckle(size, fmax, seed), Speckle(size, fmax, seed, dx, dy));

    /// <summary>Columns left of <paramref name="stepColumn"/> moved by <paramref name="leftDx"/>, the others by <paramref name="rightDx"/>.</summary>
    public static (FloatImage Pre, FloatImage Post) Step(int size, int seed, int stepColumn, double leftDx, double rightDx)
    {
        var pre = Speckle(size, Oversampled, seed);
        var left = Speckle(size, Oversampled, seed, leftDx, 0);
        var right = Speckle(size, Oversampled, seed, rightDx, 0);
        var post = new FloatImage(size, size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                post[x, y] = x < stepColumn ? left[x, y] : right[x, y];
        return (pre, post);
    }

    /// <summary>POST with the square [x0, x0+edge)×[y0, y0+edge) replaced by unrelated speckle of the same statistics.</summary>
    public static FloatImage WithChangedPatch(FloatImage post, int x0, int y0, int edge, int seed)
    {
        var other = Speckle(post.Width, Oversampled, seed);
        var changed = new FloatImage(post.Width, post.Height, (float[])post.Pixels.Clone());
        for (int y = y0; y < y0 + edge; y++)
            for (int x = x0; x < x0 + edge; x++)
                changed[x, y] = other[x, y];
        return changed;
    }

    public static (FloatImage Dx, FloatImage Dy, SceneReport Report) RunPipeline(FloatImage pre, FloatImage post, IDisplacementEstimator estimator, int? chunkSize = null)
    {
        var sink = new InMemoryDisplacementSink(pre.Width, pre.Height, ["dx", "dy"]);
        var report = ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, sink,
            new SceneOptions(new MosaicOptions(), chunkSize));
        return (sink.Band("dx"), sink.Band("dy"), report);
    }

    /// <summary>Mean and max |estimate − truth| over pixels at least <paramref name="margin"/> from the edges (NaN pixels count as failures).</summary>
    public static (double Mean, double Max, int Missing) InteriorError(FloatImage estimate, double truth, int margin)
    {
        double sum = 0, max = 0;
        int count = 0, missing = 0;
        for (int y = margin; y < estimate.Height - margin; y++)
            for (int x = margin; x < estimate.Width - margin; x++)
            {
                float v = estimate[x, y];
                if (!float.IsFinite(v)) { missing++; continue; }
                double e = Math.Abs(v - truth);
                sum += e;
                max = Math.Max(max, e);
                count++;
            }
        return (count == 0 ? double.NaN : sum / count, count == 0 ? double.NaN : max, missing);
    }

    /// <summary>Windows on a regular grid over the whole image (origins), for per-window checks.</summary>
    public static WindowOrigin[] Grid(int size, int window, int step)
    {
        var origins = new List<WindowOrigin>();
        for (int y = 0; y + window <= size; y += step)
            for (int x = 0; x + window <= size; x += step)
                origins.Add(new WindowOrigin(x, y));
        return origins.ToArray();
    }

    public static WindowOffset[] Estimate(IWindowOffsetEstimator estimator, FloatImage pre, FloatImage post, WindowOrigin[] origins)
    {
        var results = new WindowOffset[origins.Length];
        estimator.Estimate(pre, post, origins, results);
        return results;
    }
}
