using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// POST /seafhttp/upload-api/{token}[?ret-json=1]: Seafile's upload protocol (reference 4.3). Multipart
/// with one or more <c>file</c> parts, <c>parent_dir</c> (the link's /asset/&lt;uuid&gt;),
/// optional <c>relative_path</c> and <c>replace</c>. Files are streamed to a staging folder (the fields may
/// come after the files), checked, then moved into place; a failed upload leaves nothing behind.
/// </summary>
public sealed class FileUploadEndpoint : FileServiceEndpoint<FileUploadRequest>
{
    private const int MaxFieldBytes = 4096;
    private const int Status440InvalidFileName = 440;
    private const int Status442FileTooLarge = 442;

    public override void Configure()
    {
        Post("/seafhttp/upload-api/{token}");
        AllowAnonymous();
        Summary(s => s.Summary = "Upload files into a base's assets with an upload link (the link is the credential)");
        // The stored files' ids as text, or with ?ret-json=1 the stored files as JSON.
        Description(b => b.ClearDefaultProduces()
            .Produces(StatusCodes.Status200OK, typeof(string), "text/plain")
            .Produces<IReadOnlyList<UploadedFileResponse>>(StatusCodes.Status200OK, "application/json"));
    }

    public override async Task HandleAsync(FileUploadRequest req, CancellationToken ct)
    {
        if (await ReadLinkAsync(AssetLinkKind.Upload, req.Token) is not { } link)
        {
            return;
        }

        var boundary = MediaTypeHeaderValue.TryParse(HttpContext.Request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || !HttpContext.Request.HasFormContentType)
        {
            await TextAsync(StatusCodes.Status400BadRequest, "Bad request: a multipart form is required.");
            return;
        }

        var maxBytes = Resolve<IOptions<AssetOptions>>().Value.MaxUploadBytes;
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // Room for the multipart framing and fields around the files themselves.
            bodyLimit.MaxRequestBodySize = maxBytes + 1024 * 1024;
        }

        var blobs = Resolve<IBlobStore>();
        var staging = $"staging/{Guid.NewGuid():N}";
        try
        {
            await ReceiveAsync(link, boundary, maxBytes, blobs, staging, req.RetJson == "1", ct);
        }
        catch (BlobTooLargeException)
        {
            await TextAsync(Status442FileTooLarge, "File too large.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TextAsync(Status442FileTooLarge, "File too large.");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            await TextAsync(StatusCodes.Status400BadRequest, "Bad request: the upload was malformed or interrupted.");
        }
        finally
        {
            blobs.DeleteFolder(staging);
        }
    }

    private async Task ReceiveAsync(AssetLink link, string boundary, long maxBytes, IBlobStore blobs, string staging, bool retJson, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var staged = new List<(string Path, string Name, StoredBlob Blob)>();
        long total = 0;
        var reader = new MultipartReader(boundary, HttpContext.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            if (!string.IsNullOrEmpty(fileName))
            {
                var name = Path.GetFileName(fileName.Replace('\\', '/'));
                if (!BlobPaths.IsSafeSegment(name))
                {
                    await TextAsync(Status440InvalidFileName, "Invalid filename.");
                    return;
                }

                var stagedName = staged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var blob = await blobs.SaveAsync(staging, stagedName, section.Body, maxBytes - total, replace: true, ct);
                total += blob.Size;
                staged.Add(($"{staging}/{stagedName}", name, blob));
            }
            else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value is { Length: > 0 } fieldName)
            {
                fields[fieldName] = await ReadFieldAsync(section.Body, ct);
            }
        }

        if (staged.Count == 0)
        {
            await TextAsync(StatusCodes.Status400BadRequest, "Bad request: no file was uploaded.");
            return;
        }

        var assetFolder = BlobPaths.AssetFolder(link.DTableUuid);
        var parent = BlobPaths.Normalize(fields.GetValueOrDefault("parent_dir"));
        var expectedParent = $"asset/{link.DTableUuid}";
        if (parent is null || (parent != expectedParent && !parent.StartsWith(expectedParent + "/", StringComparison.Ordinal)))
        {
            await TextAsync(StatusCodes.Status403Forbidden, "Access denied: parent_dir must be the link's asset folder.");
            return;
        }

        if (BlobPaths.Normalize(fields.GetValueOrDefault("relative_path")) is not { } relative)
        {
            await TextAsync(StatusCodes.Status400BadRequest, "Bad request: invalid relative_path.");
            return;
        }

        var target = string.Join('/', new[] { assetFolder, parent[expectedParent.Length..].Trim('/'), relative }.Where(p => p.Length > 0));
        var replace = fields.GetValueOrDefault("replace") is "1" or "true";
        var stored = new List<(string Name, StoredBlob Blob)>();
        try
        {
            foreach (var (path, name, blob) in staged)
            {
                stored.Add((blobs.Move(path, target, name, replace), blob));
            }
        }
        catch
        {
            // All or nothing: files of this request already moved into place are removed again.
            foreach (var (name, _) in stored)
            {
                blobs.DeleteFile($"{target}/{name}");
            }

            throw;
        }

        if (retJson)
        {
            await Send.OkAsync(stored.Select(s => new UploadedFileResponse(s.Name, s.Blob.Sha1, s.Blob.Size)).ToList(), ct);
        }
        else
        {
            await TextAsync(StatusCodes.Status200OK, string.Join('\n', stored.Select(s => s.Blob.Sha1)));
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length > MaxFieldBytes)
        {
            throw new InvalidDataException("A form field is too long.");
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
