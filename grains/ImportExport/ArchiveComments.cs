using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using SeaTable.Grains.Comments;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// comments.json, this server's addition to the .dtable format: the base's row comments (SeaTable keeps them
/// outside its archives). Written only when the base has comments; an archive without one (SeaTable's, or an older
/// export of this server) imports with none. Listed in the manifest like every file.
/// </summary>
public static class ArchiveComments
{
    public const string EntryName = "comments.json";
    private const long MaxBytes = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One comment as stored in the archive, in dtable-web's field names.</summary>
    private sealed record Entry(long Id, string RowId, string Author, string Comment, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        bool Resolved, string? Detail);

    public static async Task WriteAsync(ZipArchive archive, ArchiveManifest manifest, IReadOnlyList<RowComment> comments, CancellationToken cancellationToken)
    {
        if (comments.Count == 0)
        {
            return;
        }

        var entry = archive.CreateEntry(EntryName, CompressionLevel.Fastest);
        await using var target = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingStream(target, long.MaxValue, EntryName, leaveOpen: true);
        await JsonSerializer.SerializeAsync(hashing, comments.Select(c =>
            new Entry(c.Id, c.RowId, c.Author, c.Comment, c.CreatedAt, c.UpdatedAt, c.Resolved, c.Detail)), Json, cancellationToken);
        manifest.Add(EntryName, hashing.Length64, hashing.Sha256Hex());
    }

    /// <summary>The archive's comments (checked against the manifest when there is one); empty without the entry.</summary>
    public static async Task<IReadOnlyList<RowComment>> ReadAsync(ZipArchiveEntry? entry, ArchiveManifest? manifest, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return [];
        }

        if (entry.Length > MaxBytes)
        {
            throw new IoTaskFailedException($"{EntryName} is larger than {MaxBytes} bytes.");
        }

        await using var source = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingStream(source, entry.Length, EntryName);
        List<Entry>? entries;
        try
        {
            entries = await JsonSerializer.DeserializeAsync<List<Entry>>(hashing, Json, cancellationToken);
            // Read to the end, so the hash covers the whole entry.
            await hashing.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new IoTaskFailedException($"{EntryName} is not a list of comments: {e.Message}");
        }

        manifest?.Check(EntryName, hashing.Length64, hashing.Sha256Hex());
        var comments = (entries ?? []).Where(e => e is not null).ToList();
        if (comments.Any(e => e.Id <= 0 || string.IsNullOrEmpty(e.RowId) || e.Author is null || e.Comment is null)
            || comments.Select(e => e.Id).Distinct().Count() != comments.Count)
        {
            throw new IoTaskFailedException($"{EntryName} holds a comment without id, row_id, author or comment, or an id twice.");
        }

        return [.. comments.Select(e => new RowComment(e.Id, e.RowId, e.Author, e.Comment, e.CreatedAt, e.UpdatedAt, e.Resolved, e.Detail))];
    }
}
