using System.Runtime.InteropServices;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>
/// A NULL-terminated char** we allocate ourselves (creation options, "KEY=VALUE"). Building it here instead of
/// with CSLSetNameValue keeps ownership simple: GDAL only reads it during the call, we free it afterwards.
/// </summary>
internal sealed unsafe class NativeStringList : IDisposable
{
    private readonly nint[] _strings;
    private nint _array;

    public NativeStringList(IEnumerable<string> items)
    {
        _strings = items.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        _array = Marshal.AllocCoTaskMem((_strings.Length + 1) * sizeof(nint));
        var slots = new Span<nint>((void*)_array, _strings.Length + 1);
        _strings.CopyTo(slots);
        slots[^1] = 0;
    }

    public static NativeStringList FromOptions(IEnumerable<KeyValuePair<string, string>> options) =>
        new(options.Select(o => $"{o.Key}={o.Value}"));

    public nint Pointer => _array;

    public void Dispose()
    {
        if (_array == 0) return;
        foreach (nint s in _strings)
            Marshal.FreeCoTaskMem(s);
        Marshal.FreeCoTaskMem(_array);
        _array = 0;
    }
}
