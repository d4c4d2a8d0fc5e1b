using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Bench;

/// <summary>
/// The same-answer check of bench/cluster/compare.sh: max |A − B| per band of two displacement GeoTIFFs, read in strips
/// of rows (a swath never sits whole in memory). A pixel that is NaN in one file and finite in the other makes the
/// difference infinite, as in DisplacementMetrics.MaxAbsDifference, and is counted.
/// </summary>
internal static class MosaicDiff
{
    private const int StripRows = 256;

    /// <summary>Prints one line per band ("band 1 dx: max |diff| 0 (0 NaN mismatches)") and a last "max_abs_diff VALUE" line; 2 on bad input.</summary>
    public static int Run(string a, string b)
    {
        foreach (string path in new[] { a, b })
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"error: {path}: the file does not exist.");
                return 2;
            }
        }
        using var first = GdalAmplitudeSource.Open(a);
        using var second = GdalAmplitudeSource.Open(b);
        if (first.Width != second.Width || first.Height != second.Height || first.Info.BandCount != second.Info.BandCount)
        {
            Console.Error.WriteLine($"error: {b} is {second.Width}x{second.Height} with {second.Info.BandCount} bands but {a} is " +
                $"{first.Width}x{first.Height} with {first.Info.BandCount} bands.");
            return 2;
        }

        double overall = 0;
        for (int band = 1; band <= first.Info.BandCount; band++)
        {
            using var x = GdalAmplitudeSource.Open(a, new AmplitudeReadOptions { Band = band, NoDataAsNaN = true });
            using var y = GdalAmplitudeSource.Open(b, new AmplitudeReadOptions { Band = band, NoDataAsNaN = true });
            var (max, mismatches) = Compare(x, y);
            string name = first.Info.Bands[band - 1].Description is { Length: > 0 } description ? $" {description}" : "";
            Console.WriteLine($"band {band}{name}: max |diff| {max:G6} ({mismatches:N0} NaN mismatches)");
            overall = Math.Max(overall, max);
        }
        Console.WriteLine($"max_abs_diff {overall:G6}");
        return 0;
    }

    private static (double Max, long NaNMismatches) Compare(IAmplitudeSource x, IAmplitudeSource y)
    {
        int width = x.Width;
        var left = new float[(long)width * StripRows];
        var right = new float[left.Length];
        double max = 0;
        long mismatches = 0;
        for (int row = 0; row < x.Height; row += StripRows)
        {
            var strip = new PixelRect(0, row, width, Math.Min(StripRows, x.Height - row));
            int n = checked((int)strip.Area);
            x.Read(strip, left.AsSpan(0, n));
            y.Read(strip, right.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                bool na = float.IsNaN(left[i]), nb = float.IsNaN(right[i]);
                if (na && nb) continue;
                if (na != nb)
                {
                    mismatches++;
                    max = double.PositiveInfinity;
                    continue;
                }
                max = Math.Max(max, Math.Abs((double)left[i] - right[i]));
            }
        }
        return (max, mismatches);
    }
}
