using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/app-download-link/?path=/images/2020-02/a.jpg with an API token (E7): a
/// short-lived link to one file of the base's assets. The path is inside /asset/&lt;uuid&gt;/; ".." and
/// other escapes are refused. Does not move last_access (as SeaTable).
/// </summary>
public sealed class AppDownloadLinkEndpoint : AppTokenEndpoint<AppDownloadLinkRequest, AppDownloadLinkResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "download_link"), "/api/v2.1/dtable/app-download-link");
        Summary(s => s.Summary = "A link to download one file of the base's assets (API token)");
    }

    public override async Task HandleAsync(AppDownloadLinkRequest req, CancellationToken ct)
    {
        var requested = req.Path ?? "/";
        if (BlobPaths.Normalize(requested) is not { } path)
        {
            await BadRequestAsync("path invalid.");
            return;
        }

        var uuid = ApiCaller.Token.DTableUuid;
        var blobs = Resolve<IBlobStore>();
        var folder = BlobPaths.AssetFolder(uuid);
        if (!blobs.FolderExists(folder))
        {
            await BadRequestAsync("asset not found.");
            return;
        }

        if (path.Length == 0 || !blobs.FileExists($"{folder}/{path}"))
        {
            await BadRequestAsync($"path {requested} not found.");
            return;
        }

        var link = Resolve<AssetLinkTokens>().Create(new AssetLink(AssetLinkKind.Download, uuid, path));
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        await Send.OkAsync(new AppDownloadLinkResponse($"{PublicBase()}seafhttp/files/{link}/{Uri.EscapeDataString(fileName)}"), ct);
    }
}

public sealed record AppDownloadLinkRequest
{
    /// <summary>The file's path inside the base's assets, e.g. /images/2020-02/a.jpg.</summary>
    [System.ComponentModel.Description("The file's path inside the base's assets, e.g. /images/2020-02/a.jpg.")]
    public string? Path { get; init; }
}

public sealed record AppDownloadLinkResponse(string DownloadLink);
