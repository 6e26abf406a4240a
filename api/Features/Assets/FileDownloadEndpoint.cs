using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>GET /seafhttp/files/{token}/{name}: streams the file a download link names (reference 4.4).</summary>
public sealed class FileDownloadEndpoint : FileServiceEndpoint<FileDownloadRequest>
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public override void Configure()
    {
        Get("/seafhttp/files/{token}/{name}");
        AllowAnonymous();
        Summary(s => s.Summary = "Download the file a download link names (the link is the credential)");
        // The answer is the file itself, with the content type of its extension.
        Description(b => b.ClearDefaultProduces().Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream"));
    }

    public override async Task HandleAsync(FileDownloadRequest req, CancellationToken ct)
    {
        if (await ReadLinkAsync(AssetLinkKind.Download, req.Token) is not { } link)
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
