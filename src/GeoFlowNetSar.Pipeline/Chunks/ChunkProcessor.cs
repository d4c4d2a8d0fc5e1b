using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// Runs an estimator over one chunk: reads the chunk's input from PRE and POST, estimates every window whose
/// origin lies in the chunk's core, and lands the estimates in an accumulator over the chunk's output region.
/// The embedded run and the cluster's tile grains both call this; it is the only place windows are estimated.
/// </summary>
public static class ChunkProcessor
{
    public static ChunkResult Process(
        ChunkPlan plan, Chunk chunk, IAmplitudeSource pre, IAmplitudeSource post, IDisplacementEstimator estimator,
        CancellationToken cancellationToken = default)
    {
        var accumulator = new DisplacementAccumulator(chunk.Output);
        if (chunk.WindowCount == 0) return new ChunkResult(chunk, accumulator, 0, 0);

        var preImage = ReadInput(pre, chunk.Input);
        var postImage = ReadInput(post, chunk.Input);
        MarkInvalidCore(chunk, preImage, postImage, accumulator);

        var origins = new WindowOrigin[chunk.WindowCount];
        var grid = plan.Grid;
        int n = 0;
        for (int r = 0; r < chunk.WindowRowCount; r++)
            for (int c = 0; c < chunk.WindowColumnCount; c++)
                origins[n++] = new WindowOrigin(
                    grid.Columns.Origins[chunk.FirstWindowColumn + c] - chunk.Input.X,
                    grid.Rows.Origins[chunk.FirstWindowRow + r] - chunk.Input.Y);

        var (missing, estimating) = estimator switch
        {
            IWindowOffsetEstimator offsets => WindowOffsetSplatter.Run(plan, chunk, offsets, preImage, postImage, origins, accumulator, cancellationToken),
            IDenseWindowEstimator dense => DenseWindowAdder.Run(chunk, dense, preImage, postImage, origins, accumulator, cancellationToken),
            _ => throw new NotSupportedException($"Estimator '{estimator.Method}' implements neither window contract."),
        };
        return new ChunkResult(chunk, accumulator, chunk.WindowCount, missing, estimating);
    }

    private static FloatImage ReadInput(IAmplitudeSource source, PixelRect rect)
    {
        var image = new FloatImage(rect.Width, rect.Height);
        source.Read(rect, image.Pixels);
        return image;
    }

    // Each pixel belongs to exactly one chunk core, so the mask is written once whatever the chunking.
    private static void MarkInvalidCore(Chunk chunk, FloatImage pre, FloatImage post, DisplacementAccumulator accumulator)
    {
        var core = chunk.Core.Intersect(chunk.Output);
        var invalid = new bool[core.Area];
        bool any = false;
        for (int y = 0; y < core.Height; y++)
        {
            int src = (core.Y - chunk.Input.Y + y) * pre.Width + (core.X - chunk.Input.X);
            for (int x = 0; x < core.Width; x++)
            {
                bool bad = !float.IsFinite(pre.Pixels[src + x]) || !float.IsFinite(post.Pixels[src + x]);
                invalid[y * core.Width + x] = bad;
                any |= bad;
            }
        }
        if (any) accumulator.MarkInvalid(core, invalid);
    }
}
