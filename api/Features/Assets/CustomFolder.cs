using System.Security.Cryptography;
using System.Text;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// A base's custom folder: /asset/&lt;uuid&gt;/custom/ (reference 4.2), where scripts keep files of their own. Paths
/// come from clients relative to it ("/" is the folder itself); BlobPaths refuses "..", ".", backslashes, drive
/// letters, NUL and control characters, so a path never leaves the folder.
/// </summary>
public static class CustomFolder
{
    public const string Name = "custom";

    /// <summary>The path inside the custom folder ("" for the folder), or null when it is unsafe.</summary>
    public static string? Normalize(string? path) => BlobPaths.Normalize(path);

    /// <summary>The blob path of a path inside a base's custom folder.</summary>
    public static string BlobPath(Guid uuid, string path) =>
        path.Length == 0 ? $"{BlobPaths.AssetFolder(uuid)}/{Name}" : $"{BlobPaths.AssetFolder(uuid)}/{Name}/{path}";

    /// <summary>The path below the base's asset folder ("custom/…"), as upload links and download links take it.</summary>
    public static string AssetPath(string path) => path.Length == 0 ? Name : $"{Name}/{path}";

    /// <summary>
    /// The file's "uuid" (cells name custom assets as custom-asset://&lt;uuid&gt;.&lt;ext&gt;): derived from the base and the
    /// file's path, so it is stable while the file stays where it is. SeaTable keeps a table of them instead.
    /// </summary>
    public static Guid AssetUuid(Guid dtableUuid, string path)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{dtableUuid:N}/{Name}/{path}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
