using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>Checks a PRE/POST pair and an estimator before any work starts; messages name the files.</summary>
public static class SceneValidation
{
    public static void EnsureCompatible(IAmplitudeSource pre, IAmplitudeSource post, IDisplacementEstimator estimator)
    {
        if (pre.Width <= 0 || pre.Height <= 0)
            throw new SceneInputException($"{pre.Name}: the raster is empty ({pre.Width}x{pre.Height}).");
        if (post.Width <= 0 || post.Height <= 0)
            throw new SceneInputException($"{post.Name}: the raster is empty ({post.Width}x{post.Height}).");
        if (pre.Width != post.Width || pre.Height != post.Height)
            throw new SceneInputException(
                $"{post.Name}: POST is {post.Width}x{post.Height} but PRE ({pre.Name}) is {pre.Width}x{pre.Height}; " +
                "the images must be co-registered on the same grid.");
        if (estimator.Step < 1)
            throw new SceneInputException($"The step must be at least 1 pixel (got {estimator.Step}).");
        if (estimator.WindowSize > pre.Width || estimator.WindowSize > pre.Height)
            throw new SceneInputException(
                $"{pre.Name}: the {estimator.WindowSize}-pixel window is larger than the {pre.Width}x{pre.Height} image; " +
                "choose a smaller --window.");
    }
}
