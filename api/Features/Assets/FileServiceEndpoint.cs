using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// Base of the file service behind the asset links, which speaks Seafile's file-server protocol: no
/// account, the link's token is the credential, and errors are plain text with Seafile's status codes.
/// </summary>
public abstract class FileServiceEndpoint<TRequest> : SeaTableEndpoint<TRequest, object> where TRequest : notnull
{
    protected Task TextAsync(int status, string text)
    {
        HttpContext.Response.StatusCode = status;
        HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        return HttpContext.Response.WriteAsync(text, HttpContext.RequestAborted);
    }

    /// <summary>The link's grant for a base that is still live, or null after answering 403/404.</summary>
    protected async Task<AssetLink?> ReadLinkAsync(AssetLinkKind kind, string token)
    {
        var link = Resolve<AssetLinkTokens>().Read(token);
        if (link is null || link.Kind != kind)
        {
            await TextAsync(StatusCodes.Status403Forbidden, "Access denied: the link is invalid or has expired.");
            return null;
        }

        if (await Grains.GetGrain<IDTableGrain>(link.DTableUuid).GetInfo() is not { Deleted: false })
        {
            await TextAsync(StatusCodes.Status404NotFound, "The base no longer exists.");
            return null;
        }

        return link;
    }
}
