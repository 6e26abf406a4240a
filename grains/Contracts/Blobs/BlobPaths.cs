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
        // Only slashes are trimmed: spaces are part of a name ("note.txt " is a file of its own).
        var trimmed = (path ?? "").Trim('/');
        if (trimmed.Length == 0)
        {
            return "";
        }

        var segments = trimmed.Split('/');
        return segments.All(IsSafeSegment) ? string.Join('/', segments) : null;
    }

    /// <summary>
    /// A single file or folder name: not empty, at most 255 bytes of UTF-8 (the file-system limit), not "." or
    /// "..", no separators or control characters.
    /// </summary>
    public static bool IsSafeSegment(string segment) =>
        segment.Length > 0
        && System.Text.Encoding.UTF8.GetByteCount(segment) <= 255
        && segment is not ("." or "..")
        && segment.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && !segment.Any(char.IsControl);

    public static string AssetFolder(Guid dtableUuid) => "assets/" + dtableUuid.ToString();
}
