using System.Runtime.InteropServices;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>Copies GDAL-owned C strings and string lists (char**, NULL-terminated) into managed memory.</summary>
internal static unsafe class NativeStrings
{
    public static string? Copy(nint utf8) => utf8 == 0 ? null : Marshal.PtrToStringUTF8(utf8);

    public static string CopyOrEmpty(nint utf8) => Copy(utf8) ?? string.Empty;

    public static List<string> CopyList(nint list)
    {
        var result = new List<string>();
        if (list == 0) return result;
        for (nint* item = (nint*)list; *item != 0; item++)
            result.Add(Marshal.PtrToStringUTF8(*item) ?? string.Empty);
        return result;
    }

    /// <summary>Splits GDAL's "KEY=VALUE" metadata entries, keeping their order.</summary>
    public static List<KeyValuePair<string, string>> CopyNameValueList(nint list)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (string entry in CopyList(list))
        {
            int equals = entry.IndexOf('=');
            if (equals > 0)
                result.Add(new(entry[..equals], entry[(equals + 1)..]));
        }
        return result;
    }
}
