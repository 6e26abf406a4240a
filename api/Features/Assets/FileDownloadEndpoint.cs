using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>GET /seafhttp/files/{token}/{name}: streams the file a download link names (reference 4.4).</summary>
public sealed class FileDownloadEndpoint : FileServiceEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public override void Configure()
    {
        Get("/seafhttp/files/{token}/{name}");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadLinkAsync(AssetLinkKind.Download) is not { } link)
        {
            return;
        }

        await using var file = Resolve<IBlobStore>().OpenRead($"{BlobPaths.AssetFolder(link.DTableUuid)}/{link.Path}");
        if (file is null)
        {
            await TextAsync(StatusCodes.Status404NotFound, "File not found.");
            return;
        }

        var fileName = link.Path[(link.Path.LastIndexOf('/') + 1)..];
        var response = HttpContext.Response;
        response.ContentType = ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
        response.ContentLength = file.Length;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await file.CopyToAsync(response.Body, ct);
    }
}
