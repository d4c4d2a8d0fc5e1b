using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Synthesis.RealPairs;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>How `synth dataset --source pairs:A,B` resamples POST (`--warp`).</summary>
public enum PairWarp
{
    /// <summary>The complex field when both rasters are complex (SLC), detected amplitude otherwise.</summary>
    Auto,

    /// <summary>The complex field, then detection; a raster with real samples is an error.</summary>
    Complex,

    /// <summary>Detected amplitude (complex rasters read as |z|): approximate, amplitude is not band-limited.</summary>
    Amplitude,
}

/// <summary>Parses `--source pairs:A,B` and opens the two rasters through GDAL, as complex fields or as amplitude.</summary>
public static class PairSources
{
    /// <summary>Splits "A,B" at the comma that is not inside double quotes (HDF5 names quote the file).</summary>
    public static (string Pre, string Post) Parse(string spec)
    {
        int depth = 0, split = -1;
        for (int i = 0; i < spec.Length; i++)
        {
            if (spec[i] == '"') depth ^= 1;
            else if (spec[i] == ',' && depth == 0)
            {
                if (split >= 0) { split = -2; break; }
                split = i;
            }
        }
        if (split < 0)
            throw new CliInputException($"--source pairs:{spec}: expected two rasters separated by one comma, e.g. pairs:pre.tif,post.tif.");
        string pre = spec[..split].Trim(), post = spec[(split + 1)..].Trim();
        if (pre.Length == 0 || post.Length == 0)
            throw new CliInputException($"--source pairs:{spec}: expected two rasters separated by one comma, e.g. pairs:pre.tif,post.tif.");
        return (pre, post);
    }

    /// <summary>
    /// Opens both rasters: as complex fields when <paramref name="warp"/> asks for it, or is Auto and both bands are
    /// complex; as amplitude otherwise.
    /// </summary>
    /// <exception cref="RasterInputException">A raster cannot be opened, or is not complex when Complex is asked for.</exception>
    public static OpenedPair Open(string pre, string post, int band, bool decibels, PairWarp warp = PairWarp.Auto)
    {
        var options = new AmplitudeReadOptions { Band = band, InputIsDecibels = decibels, NoDataAsNaN = true };
        if (warp == PairWarp.Complex) return OpenComplex(pre, post, options);
        var a = GdalAmplitudeSource.Open(pre, options);
        try
        {
            var b = GdalAmplitudeSource.Open(post, options);
            if (warp == PairWarp.Auto && a.DataType.IsComplex() && b.DataType.IsComplex())
            {
                b.Dispose();
                a.Dispose();
                return OpenComplex(pre, post, options);
            }
            return new OpenedPair(a, b, a.DataType, b.DataType, a.Info.PixelSpacing, null, null);
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    private static OpenedPair OpenComplex(string pre, string post, AmplitudeReadOptions options)
    {
        var a = GdalComplexSource.Open(pre, options);
        try
        {
            var b = GdalComplexSource.Open(post, options);
            return new OpenedPair(new DetectedAmplitudeSource(a), new DetectedAmplitudeSource(b), a.DataType, b.DataType,
                a.Info.PixelSpacing, a, b);
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }
}

/// <summary>
/// The two opened rasters of a real pair. <see cref="Pre"/> and <see cref="Post"/> are their amplitude (for sizes, names
/// and messages; complex rasters are seen through |z|); <see cref="IsComplex"/> tells whether the complex fields are
/// warped.
/// </summary>
public sealed class OpenedPair : IDisposable
{
    private readonly IDisposable[] _owned;
    private readonly IComplexSource? _preField;
    private readonly IComplexSource? _postField;

    internal OpenedPair(IAmplitudeSource pre, IAmplitudeSource post, RasterDataType preType, RasterDataType postType, PixelSpacing spacing,
        GdalComplexSource? preField, GdalComplexSource? postField)
    {
        Pre = pre;
        Post = post;
        PreDataType = preType;
        PostDataType = postType;
        PixelSpacing = spacing;
        _preField = preField;
        _postField = postField;
        _owned = [.. new object?[] { pre, post, preField, postField }.OfType<IDisposable>()];
    }

    public IAmplitudeSource Pre { get; }
    public IAmplitudeSource Post { get; }
    public RasterDataType PreDataType { get; }
    public RasterDataType PostDataType { get; }

    /// <summary>PRE's pixel spacing (for the displacement's metres-to-pixels conversion).</summary>
    public PixelSpacing PixelSpacing { get; }

    public bool IsComplex => _preField is not null;

    public AlignmentResult Align() =>
        IsComplex ? RealPairSampler.Align(_preField!, _postField!) : RealPairSampler.Align(Pre, Post);

    public RealPairSampler Sampler(AlignmentResult alignment, FaultDeformOptions options) =>
        IsComplex ? new RealPairSampler(_preField!, _postField!, alignment, options) : new RealPairSampler(Pre, Post, alignment, options);

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }
}
