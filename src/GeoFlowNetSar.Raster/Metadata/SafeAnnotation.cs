using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>
/// Sentinel-1 SAFE product annotation (annotation/s1?-&lt;swath&gt;-&lt;product&gt;-&lt;pol&gt;-....xml), which carries the
/// pixel spacing GDAL does not expose for a measurement TIFF: rangePixelSpacing (slant range, between columns) and
/// azimuthPixelSpacing (between rows), both in metres.
/// </summary>
public static class SafeAnnotation
{
    /// <summary>Reads the spacing of one annotation file; null when the file is absent, not XML or lacks the fields.</summary>
    public static PixelSpacing? TryReadPixelSpacing(string annotationXmlPath)
    {
        try
        {
            if (!File.Exists(annotationXmlPath)) return null;
            // Annotation files are plain XML; DTDs are refused so a hostile product cannot expand entities.
            using var reader = XmlReader.Create(annotationXmlPath, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            var info = XDocument.Load(reader).Root?.Element("imageAnnotation")?.Element("imageInformation");
            double? range = ParseMetres(info?.Element("rangePixelSpacing")?.Value);
            double? azimuth = ParseMetres(info?.Element("azimuthPixelSpacing")?.Value);
            return range is { } x && azimuth is { } y ? new PixelSpacing(x, y, PixelSpacingSource.SafeAnnotation) : null;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The annotation of a measurement TIFF: same file name with .xml, in the product's annotation folder.</summary>
    public static string? FindForMeasurement(string measurementTiffPath)
    {
        string full = Path.GetFullPath(measurementTiffPath);
        string? measurementDir = Path.GetDirectoryName(full);
        if (measurementDir is null || !string.Equals(Path.GetFileName(measurementDir), "measurement", StringComparison.OrdinalIgnoreCase))
            return null;
        string? productDir = Path.GetDirectoryName(measurementDir);
        if (productDir is null) return null;
        string candidate = Path.Combine(productDir, "annotation", Path.GetFileNameWithoutExtension(full) + ".xml");
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>
    /// Picks the annotation among the files GDAL used for a dataset: an annotation/*.xml directly (SAFE driver), or the
    /// one belonging to a measurement TIFF. <paramref name="swath"/>/<paramref name="polarisation"/> (e.g. IW1, VV)
    /// narrow the choice when a product holds several.
    /// </summary>
    internal static string? FindAmong(IEnumerable<string> files, string? swath, string? polarisation)
    {
        var list = files.ToList();
        var annotations = list
            .Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                && string.Equals(Path.GetFileName(Path.GetDirectoryName(f)), "annotation", StringComparison.OrdinalIgnoreCase))
            .ToList();
        annotations.AddRange(list
            .Where(f => f.EndsWith(".tif", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase))
            .Select(FindForMeasurement)
            .OfType<string>());
        var matching = annotations.Where(a => NameHas(a, swath) && NameHas(a, polarisation)).ToList();
        return (matching.Count > 0 ? matching : annotations).FirstOrDefault(File.Exists);
    }

    // Annotation names are lower-case and dash-separated: s1a-iw1-slc-vv-....xml.
    private static bool NameHas(string path, string? token) =>
        string.IsNullOrEmpty(token) || Path.GetFileName(path).Contains($"-{token.ToLowerInvariant()}-", StringComparison.OrdinalIgnoreCase);

    private static double? ParseMetres(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && PixelSpacing.IsValid(value)
            ? value
            : null;
}
