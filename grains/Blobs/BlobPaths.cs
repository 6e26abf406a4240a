namespace SeaTable.Grains.Blobs;

/// <summary>
/// Normalizes paths that come from clients. Only plain relative segments are accepted: no "..", no ".",
/// no empty segment in the middle, no backslash, no drive or control characters, so a path can never leave
/// the folder it is resolved in.
/// </summary>
public static class BlobPaths
{
    /// <summary>The path with leading/trailing slashes removed, or null when it is unsafe. "" is the folder itself.</summary>
    public static string? Normalize(string? path)
    {
        var trimmed = (path ?? "").Trim().Trim('/');
        if (trimmed.Length == 0)
        {
            return "";
        }

        var segments = trimmed.Split('/');
        return segments.All(IsSafeSegment) ? string.Join('/', segments) : null;
    }

    /// <summary>A single file or folder name: not empty, not "." or "..", no separators or control characters.</summary>
    public static bool IsSafeSegment(string segment) =>
        segment.Length is > 0 and <= 255
        && segment is not ("." or "..")
        && segment.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && !segment.Any(char.IsControl);

    public static string AssetFolder(Guid dtableUuid) => "assets/" + dtableUuid.ToString();
}
