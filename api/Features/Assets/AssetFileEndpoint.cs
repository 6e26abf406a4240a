using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /workspace/{workspace_id}/asset/{uuid}/{path}: the file behind the URL an upload stores in an image or
/// file cell, for a signed-in user who may read the base (the web app's cookie, or a login token). Images are
/// shown inline (the grid's previews); everything else is a download, so an uploaded HTML page never runs as
/// this site.
/// </summary>
public sealed class AssetFileEndpoint : SeaTableEndpoint<AssetFileRequest, EmptyResponse>
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    // Raster images only: an SVG is a document that can carry script.
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif",
    };

    public override void Configure()
    {
        Get("/workspace/{workspace_id:long}/asset/{uuid}/{**path}");
        // The login token first: its challenge tells an invalid token (401) from none (403), as the account API does.
        AuthSchemes(Infrastructure.Authentication.AuthSchemes.LoginToken, Infrastructure.Authentication.AuthSchemes.WebSession);
        Summary(s => s.Summary = "A file of a base's assets by the URL its cell stores (web app cookie or login token; read access)");
        Description(b => b.ClearDefaultProduces()
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream"));
    }

    public override async Task HandleAsync(AssetFileRequest req, CancellationToken ct)
    {
        var path = BlobPaths.Normalize(Uri.UnescapeDataString(req.Path));
        if (!Guid.TryParse(req.Uuid, out var uuid) || string.IsNullOrEmpty(path))
        {
            await NotFoundAsync("File not found.");
            return;
        }

        var grain = Grains.GetGrain<IDTableGrain>(uuid);
        var table = await grain.GetInfo();
        // A trashed base keeps its files for a restore, but shows none of them.
        if (table is null || table.Deleted || table.WorkspaceId != req.WorkspaceId)
        {
            await NotFoundAsync("File not found.");
            return;
        }

        if (await grain.GetAccess(CallerId) == AccessLevel.None)
        {
            await ForbiddenAsync();
            return;
        }

        await using var file = Resolve<IBlobStore>().OpenRead($"{BlobPaths.AssetFolder(uuid)}/{path}");
        if (file is null)
        {
            await NotFoundAsync("File not found.");
            return;
        }

        var fileName = path[(path.LastIndexOf('/') + 1)..];
        var response = HttpContext.Response;
        var type = ContentTypes.TryGetContentType(fileName, out var known) ? known : "application/octet-stream";
        var inline = InlineTypes.Contains(type);
        response.ContentType = inline ? type : "application/octet-stream";
        response.ContentLength = file.Length;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.CacheControl = "private, max-age=300";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await file.CopyToAsync(response.Body, ct);
    }
}
