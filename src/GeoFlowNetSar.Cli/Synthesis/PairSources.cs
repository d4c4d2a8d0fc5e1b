using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>Parses `--source pairs:A,B` and opens the two rasters through GDAL as amplitude (complex → |z|).</summary>
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

    public static (GdalAmplitudeSource Pre, GdalAmplitudeSource Post) Open(string pre, string post, int band, bool decibels)
    {
        var options = new AmplitudeReadOptions { Band = band, InputIsDecibels = decibels, NoDataAsNaN = true };
        var a = GdalAmplitudeSource.Open(pre, options);
        try
        {
            return (a, GdalAmplitudeSource.Open(post, options));
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }
}
