using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>A displacement (or truth) GeoTIFF read whole: band 1 dx, band 2 dy, row-major.</summary>
public sealed record DisplacementRaster(int Width, int Height, float[] Dx, float[] Dy)
{
    public static DisplacementRaster Read(string path)
    {
        using var dx = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 1, NoDataAsNaN = true });
        if (dx.Info.BandCount < 2)
            throw new CliInputException($"{path}: has {dx.Info.BandCount} band(s); a displacement or truth raster needs band 1 dx and band 2 dy.");
        using var dy = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 2, NoDataAsNaN = true });
        return new DisplacementRaster(dx.Width, dx.Height, dx.ReadImage().Pixels, dy.ReadImage().Pixels);
    }
}

/// <summary>Checks a scene's files before any work starts: readable, PRE and POST (and the truth) of one size.</summary>
public static class SceneInputCheck
{
    public static (int Width, int Height) Check(string pre, string post, string? truth)
    {
        var (width, height) = Size(pre, "PRE");
        var (postWidth, postHeight) = Size(post, "POST");
        if ((postWidth, postHeight) != (width, height))
            throw new CliInputException($"{post}: POST is {postWidth}x{postHeight} but PRE ({pre}) is {width}x{height}; they must have the same size.");
        if (truth is not null)
        {
            var (truthWidth, truthHeight) = Size(truth, "truth");
            if ((truthWidth, truthHeight) != (width, height))
                throw new CliInputException($"{truth}: the truth is {truthWidth}x{truthHeight} but PRE ({pre}) is {width}x{height}; they must have the same size.");
            using var source = GdalAmplitudeSource.Open(truth);
            if (source.Info.BandCount < 2)
                throw new CliInputException($"{truth}: the truth has {source.Info.BandCount} band(s); it needs band 1 dx and band 2 dy (pixels).");
        }
        return (width, height);
    }

    private static (int Width, int Height) Size(string path, string role)
    {
        if (!File.Exists(path) && !path.Contains(':'))
            throw new CliInputException($"{path}: the {role} file does not exist.");
        using var source = GdalAmplitudeSource.Open(path);
        return (source.Width, source.Height);
    }
}
