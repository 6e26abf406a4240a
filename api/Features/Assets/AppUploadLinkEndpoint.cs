using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/app-upload-link/ with an API token (E6): a short-lived link that uploads into the
/// base's /asset/&lt;uuid&gt; folder, with the month folders clients put images and files in. Moves the
/// token's last_access.
/// </summary>
public sealed class AppUploadLinkEndpoint : AppTokenEndpoint<EmptyRequest, AppUploadLinkResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "upload_link", TouchesLastAccess: true), "/api/v2.1/dtable/app-upload-link");
        Summary(s => s.Summary = "A link to upload files into the base's assets (API token)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        await Send.OkAsync(AppUploadLinkResponse.For(ApiCaller.Token.DTableUuid, PublicBase(), Resolve<AssetLinkTokens>(), Resolve<TimeProvider>()), ct);
    }
}

/// <summary>Where to upload (the link's POST takes the file, parent_dir and relative_path) and the month folders.</summary>
public sealed record AppUploadLinkResponse(string UploadLink, string ParentPath, string ImgRelativePath, string FileRelativePath)
{
    /// <summary>A new upload link into the base's /asset/&lt;uuid&gt; folder, with this month's image and file folders.</summary>
    public static AppUploadLinkResponse For(Guid uuid, string publicBase, AssetLinkTokens links, TimeProvider clock)
    {
        var link = links.Create(new AssetLink(AssetLinkKind.Upload, uuid, ""));
        var month = clock.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return new AppUploadLinkResponse($"{publicBase}seafhttp/upload-api/{link}", $"/asset/{uuid}", $"images/{month}", $"files/{month}");
    }
}
