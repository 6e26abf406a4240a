using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/custom/app-download-link/?path=/folder/a.pdf with an API token (get_custom_file_download_link,
/// download_custom_file): {"download_link"} for a file of the base's custom folder. An unsafe path is 400 "path
/// invalid.", a file that is not there 400 "path … not found." (as app-download-link/ answers).
/// </summary>
public sealed class CustomDownloadLinkEndpoint : AppTokenEndpoint<CustomPathRequest, AppDownloadLinkResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "download_link"), "/api/v2.1/dtable/custom/app-download-link");
        Summary(s => s.Summary = "A link to download a file of the base's custom folder (API token)");
    }

    public override async Task HandleAsync(CustomPathRequest req, CancellationToken ct)
    {
        if (CustomFolder.Normalize(req.Path) is not { } path)
        {
            await BadRequestAsync("path invalid.");
            return;
        }

        var uuid = ApiCaller.Token.DTableUuid;
        if (path.Length == 0 || !Resolve<IBlobStore>().FileExists(CustomFolder.BlobPath(uuid, path)))
        {
            await BadRequestAsync($"path {req.Path} not found.");
            return;
        }

        var link = Resolve<AssetLinkTokens>().Create(new AssetLink(AssetLinkKind.Download, uuid, CustomFolder.AssetPath(path)));
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        await Send.OkAsync(new AppDownloadLinkResponse($"{PublicBase()}seafhttp/files/{link}/{Uri.EscapeDataString(fileName)}"), ct);
    }
}
