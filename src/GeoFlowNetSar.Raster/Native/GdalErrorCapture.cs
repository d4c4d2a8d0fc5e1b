using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>One message GDAL raised (CPLError).</summary>
internal readonly record struct GdalMessage(int Class, int Number, string Text)
{
    public bool IsFailure => Class >= GdalNative.CeFailure;
}

/// <summary>
/// A quiet CPL error handler. GDAL's default handler prints "ERROR n: ..." to stderr, which would both clutter a CLI
/// and lose the message for our exceptions. Messages are kept per thread because GDAL raises them on the thread that
/// made the call (and CPLGetLastErrorMsg is per thread too), so concurrent readers never see each other's errors.
/// GDAL already serialises calls to a global handler; this one only touches thread-local state.
/// </summary>
internal static unsafe class GdalErrorCapture
{
    // Bounded so that threads GDAL owns (compression workers), which nobody resets, cannot grow without limit.
    private const int MaxMessages = 64;

    [ThreadStatic]
    private static List<GdalMessage>? t_messages;

    public static nint HandlerPointer => (nint)(delegate* unmanaged[Cdecl]<int, int, byte*, void>)&OnError;

    /// <summary>Forgets this thread's earlier messages; call at the start of each operation.</summary>
    public static void Reset()
    {
        t_messages?.Clear();
        GdalNative.CPLErrorReset();
    }

    public static IReadOnlyList<GdalMessage> Messages => t_messages ?? [];

    public static bool HasFailure => t_messages?.Any(m => m.IsFailure) == true;

    /// <summary>The failures since <see cref="Reset"/> (else warnings, else GDAL's last message), for an exception.</summary>
    public static string Describe()
    {
        var messages = Messages;
        var failures = messages.Where(m => m.IsFailure).Select(m => m.Text.Trim().TrimEnd('.')).Distinct().ToList();
        if (failures.Count > 0) return string.Join("; ", failures);
        var warnings = messages.Where(m => m.Class == GdalNative.CeWarning).Select(m => m.Text.Trim().TrimEnd('.')).Distinct().ToList();
        if (warnings.Count > 0) return string.Join("; ", warnings);
        string? last = NativeStrings.Copy(GdalNative.CPLGetLastErrorMsg());
        return string.IsNullOrWhiteSpace(last) ? "GDAL gave no reason" : last;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(int errorClass, int errorNumber, byte* message)
    {
        // An exception must never unwind into GDAL's C frames.
        try
        {
            if (errorClass == GdalNative.CeDebug) return;
            var messages = t_messages ??= [];
            if (messages.Count >= MaxMessages) messages.RemoveAt(0);
            messages.Add(new GdalMessage(errorClass, errorNumber, Marshal.PtrToStringUTF8((nint)message) ?? string.Empty));
        }
        catch
        {
            // Dropping a diagnostic is better than crashing the process from a native callback.
        }
    }
}
