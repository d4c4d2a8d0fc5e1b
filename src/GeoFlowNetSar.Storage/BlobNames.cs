namespace GeoFlowNetSar.Storage;

/// <summary>
/// Rules for blob names, the same for every store so that a name that works locally works in Azure: 1–1024
/// characters, '/'-separated segments that are neither empty, "." nor "..", no backslash, no control character,
/// no segment starting with ".tmp-" (reserved for the local store's partial writes).
/// </summary>
public static class BlobNames
{
    public const string TemporaryPrefix = ".tmp-";

    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 1024)
            throw new ArgumentException($"A blob name must have 1 to 1024 characters (got {name.Length}).", nameof(name));
        if (name.Contains('\\') || name.Any(char.IsControl))
            throw new ArgumentException($"Blob name '{name}' contains a backslash or a control character.", nameof(name));
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
                throw new ArgumentException($"Blob name '{name}' has an empty, '.' or '..' segment.", nameof(name));
            if (segment.StartsWith(TemporaryPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"Blob name '{name}' has a segment starting with the reserved '{TemporaryPrefix}'.", nameof(name));
        }
        return name;
    }

    /// <summary>A prefix may be empty or end with '/'; otherwise it follows the name rules.</summary>
    public static string ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0) return prefix;
        Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        return prefix;
    }
}
