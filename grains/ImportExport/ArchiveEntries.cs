using System.IO.Compression;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// The checks every entry of an uploaded archive passes before anything is extracted: safe relative paths
/// (no "..", no absolute or drive paths, no backslashes), no symbolic links, no duplicates, and bounds on the
/// entry count, the declared total size and the expansion ratio (zip bombs).
/// </summary>
public static class ArchiveEntries
{
    public const string ContentJson = "content.json";
    public const string AssetPrefix = "asset/";
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const long RatioCheckFloor = 1024 * 1024;

    /// <summary>The file entries (folders left out) by name; <see cref="IoTaskFailedException"/> for the first unsafe one.</summary>
    public static Dictionary<string, ZipArchiveEntry> Check(ZipArchive archive, ImportExportOptions options)
    {
        var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long total = 0;
        var count = 0;
        foreach (var entry in archive.Entries)
        {
            if (++count > options.MaxArchiveEntries)
            {
                throw new IoTaskFailedException($"The archive has more than {options.MaxArchiveEntries} entries.");
            }

            var name = entry.FullName;
            if (!IsSafePath(name))
            {
                throw new IoTaskFailedException($"The archive entry \"{name}\" has an unsafe path (absolute, \"..\" or backslash); nothing was imported.");
            }

            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymlink)
            {
                throw new IoTaskFailedException($"The archive entry \"{name}\" is a symbolic link; links are not accepted.");
            }

            if (name.EndsWith('/'))
            {
                continue;
            }

            if (!files.TryAdd(name, entry))
            {
                throw new IoTaskFailedException($"The archive holds the entry \"{name}\" twice.");
            }

            total += entry.Length;
            if (entry.Length < 0 || total > options.MaxUncompressedBytes)
            {
                throw new IoTaskFailedException($"The archive expands to more than {options.MaxUncompressedBytes} bytes (a zip bomb?); nothing was imported.");
            }

            if (entry.Length > RatioCheckFloor && entry.Length > (long)options.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw new IoTaskFailedException(
                    $"The archive entry \"{name}\" expands {entry.Length / Math.Max(1, entry.CompressedLength)} times (more than {options.MaxCompressionRatio}): it looks like a zip bomb; nothing was imported.");
            }
        }

        return files;
    }

    /// <summary>A relative path of plain segments; folders end with '/'.</summary>
    public static bool IsSafePath(string name)
    {
        if (name.Length == 0 || name.Contains('\\') || name.StartsWith('/') || name.Contains('\0'))
        {
            return false;
        }

        var segments = name.TrimEnd('/').Split('/');
        return segments.All(s => s.Length > 0 && s is not ("." or "..") && !s.Contains(':') && !s.Any(char.IsControl));
    }
}
