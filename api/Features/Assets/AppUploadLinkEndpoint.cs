using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/app-upload-link/ with an API token (E6): a short-lived link that uploads into the
/// base's /asset/&lt;uuid&gt; folder, with the month folders clients put images and files in. Moves the
/// token's last_access.
/// </summary>
public sealed class AppUploadLinkEndpoint : AppTokenEndpoint
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "upload_link", TouchesLastAccess: true), "/api/v2.1/dtable/app-upload-link");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var use = ApiCaller.Use;

        var uuid = use.Token!.DTableUuid;
        var link = Resolve<AssetLinkTokens>().Create(new AssetLink(AssetLinkKind.Upload, uuid, ""));
        var month = Resolve<TimeProvider>().GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["upload_link"] = $"{PublicBase()}seafhttp/upload-api/{link}",
            ["parent_path"] = $"/asset/{uuid}",
            ["img_relative_path"] = $"images/{month}",
            ["file_relative_path"] = $"files/{month}",
        });
    }
}
