using System.Text;
using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>Chooses one subdataset of a container from what the user typed, or explains the choice they must make.</summary>
internal static class SubdatasetSelector
{
    public static SubdatasetInfo Choose(string container, IReadOnlyList<SubdatasetInfo> subdatasets, string selector)
    {
        var exact = subdatasets.FirstOrDefault(s => string.Equals(s.Name, selector, StringComparison.Ordinal));
        if (exact is not null) return exact;

        var matches = subdatasets.Where(s => s.Name.Contains(selector, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1) return matches[0];
        if (matches.Count == 0)
            throw new RasterInputException(container, $"'{container}' has no subdataset matching '{selector}'.{Listing(subdatasets)}");

        // A SAFE swath/polarisation is offered under several calibrations; the raw complex samples are what we want.
        var complex = matches.Where(IsRawComplex).ToList();
        if (complex.Count == 1) return complex[0];
        throw new RasterInputException(container, $"'{selector}' matches {matches.Count} subdatasets of '{container}'; give more of the name.{Listing(matches)}");
    }

    /// <summary>What to open when a SAFE product offers only subdatasets: the first uncalibrated complex measurement.</summary>
    public static SubdatasetInfo DefaultForSafe(IReadOnlyList<SubdatasetInfo> subdatasets) =>
        subdatasets.FirstOrDefault(IsRawComplex) ?? subdatasets[0];

    public static string Listing(IEnumerable<SubdatasetInfo> subdatasets)
    {
        var text = new StringBuilder(" Subdatasets:");
        foreach (var s in subdatasets)
        {
            text.Append("\n  ").Append(s.Name);
            if (!string.IsNullOrWhiteSpace(s.Description)) text.Append("  (").Append(s.Description).Append(')');
        }
        return text.ToString();
    }

    private static bool IsRawComplex(SubdatasetInfo s) =>
        s.Name.Contains(":UNCALIB:", StringComparison.OrdinalIgnoreCase) && s.Name.EndsWith(":COMPLEX", StringComparison.OrdinalIgnoreCase);
}
