using System.Text.Json;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// manifest.json, this server's addition to the .dtable format: the format version and each file's size and
/// SHA-256, so a damaged or altered archive is refused on import. Archives without one (SeaTable's own) are
/// imported unchecked; SeaTable ignores the extra file in ours.
/// </summary>
public sealed class ArchiveManifest
{
    public const string EntryName = "manifest.json";
    public const string Format = "seatable-orleans-dtable";
    public const int FormatVersion = 1;
    private const int MaxManifestBytes = 64 * 1024 * 1024;

    private readonly Dictionary<string, (long Size, string Sha256)> _files = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Files => _files.Keys;

    public void Add(string name, long size, string sha256) => _files[name] = (size, sha256);

    public void WriteTo(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("format_version", FormatVersion);
        writer.WriteString("hash", "sha256");
        writer.WriteStartObject("files");
        foreach (var (name, (size, sha256)) in _files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("size", size);
            writer.WriteString("sha256", sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads a manifest; <see cref="IoTaskFailedException"/> when it is not one this server understands.</summary>
    public static ArchiveManifest Read(Stream stream, long declaredLength)
    {
        if (declaredLength > MaxManifestBytes)
        {
            throw new IoTaskFailedException("manifest.json is too large.");
        }

        var manifest = new ArchiveManifest();
        try
        {
            using var hashing = new HashingStream(stream, declaredLength, EntryName);
            using var document = JsonDocument.Parse(hashing);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format_version", out var version) || version.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
            {
                throw new IoTaskFailedException("manifest.json is invalid: it needs format_version and files.");
            }

            if (!version.TryGetInt32(out var number) || number < 1 || number > FormatVersion)
            {
                throw new IoTaskFailedException($"manifest.json has format_version {version.GetRawText()}, this server reads up to {FormatVersion}.");
            }

            foreach (var file in files.EnumerateObject())
            {
                if (file.Value.ValueKind != JsonValueKind.Object
                    || !file.Value.TryGetProperty("size", out var size) || !size.TryGetInt64(out var bytes)
                    || !file.Value.TryGetProperty("sha256", out var hash) || hash.ValueKind != JsonValueKind.String)
                {
                    throw new IoTaskFailedException($"manifest.json is invalid: the entry of {file.Name} needs size and sha256.");
                }

                manifest.Add(file.Name, bytes, hash.GetString()!.ToLowerInvariant());
            }
        }
        catch (JsonException e)
        {
            throw new IoTaskFailedException($"manifest.json is not valid JSON: {e.Message}");
        }

        return manifest;
    }

    /// <summary>Refuses a file whose size or SHA-256 differs from its manifest entry, or that the manifest does not list.</summary>
    public void Check(string name, long size, string sha256)
    {
        if (!_files.TryGetValue(name, out var expected))
        {
            throw new IoTaskFailedException($"The archive entry {name} is not listed in manifest.json.");
        }

        if (expected.Size != size || !string.Equals(expected.Sha256, sha256, StringComparison.Ordinal))
        {
            throw new IoTaskFailedException($"The archive entry {name} does not match its SHA-256 in manifest.json: the archive is damaged or was altered.");
        }
    }
}
