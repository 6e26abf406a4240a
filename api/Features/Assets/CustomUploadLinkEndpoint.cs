using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/custom/app-upload-link/?path=/folder with an API token (the Python client's
/// get_custom_file_upload_link and upload_local_file_to_custom_folder): an upload link for the base's assets with
/// parent_path /asset/&lt;uuid&gt; and relative_path custom/&lt;path&gt;, which the upload creates. Moves last_access (VCUR).
/// An unsafe path is 400 "path invalid.".
/// </summary>
public sealed class CustomUploadLinkEndpoint : AppTokenEndpoint<CustomPathRequest, CustomUploadLinkResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "upload_link", TouchesLastAccess: true), "/api/v2.1/dtable/custom/app-upload-link");
        Summary(s => s.Summary = "A link to upload files into a folder of the base's custom folder (API token)");
    }

    public override async Task HandleAsync(CustomPathRequest req, CancellationToken ct)
    {
        if (CustomFolder.Normalize(req.Path) is not { } path)
        {
            await BadRequestAsync("path invalid.");
            return;
        }

        var uuid = ApiCaller.Token.DTableUuid;
        var link = Resolve<AssetLinkTokens>().Create(new AssetLink(AssetLinkKind.Upload, uuid, ""));
        await Send.OkAsync(new CustomUploadLinkResponse($"{PublicBase()}seafhttp/upload-api/{link}", $"/asset/{uuid}", CustomFolder.AssetPath(path)), ct);
    }
}

/// <summary>A path inside the custom folder ("/" for the folder itself).</summary>
public sealed record CustomPathRequest
{
    [System.ComponentModel.Description("A path inside the base's custom folder, e.g. /reports or /reports/a.pdf.")]
    public string? Path { get; init; }
}

/// <summary>Where to upload: the link takes the file with parent_dir = parent_path and relative_path.</summary>
public sealed record CustomUploadLinkResponse(string UploadLink, string ParentPath, string RelativePath);
