using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/custom/app-asset-file/?path=/folder&amp;name=a.pdf with an API token (get_custom_file_info):
/// {"dirent": {obj_name, file_size, uuid, parent_path}}, the uuid clients put in custom-asset:// cell URLs. Unsafe
/// path or name: 400 "path invalid." / "name invalid."; no such file: 404 "File … not found.".
/// </summary>
public sealed class CustomAssetFileEndpoint : AppTokenEndpoint<CustomAssetFileRequest, CustomAssetFileResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "asset_info"), "/api/v2.1/dtable/custom/app-asset-file");
        Summary(s => s.Summary = "A file of the base's custom folder: name, size and asset uuid (API token)");
    }

    public override async Task HandleAsync(CustomAssetFileRequest req, CancellationToken ct)
    {
        if (CustomFolder.Normalize(req.Path) is not { } folder)
        {
            await BadRequestAsync("path invalid.");
            return;
        }

        if (req.Name is not { } name || !BlobPaths.IsSafeSegment(name))
        {
            await BadRequestAsync("name invalid.");
            return;
        }

        var uuid = ApiCaller.Token.DTableUuid;
        var path = folder.Length == 0 ? name : $"{folder}/{name}";
        await using var file = Resolve<IBlobStore>().OpenRead(CustomFolder.BlobPath(uuid, path));
        if (file is null)
        {
            await NotFoundAsync($"File {name} not found.");
            return;
        }

        await Send.OkAsync(new CustomAssetFileResponse(new CustomDirent(
            ObjName: name,
            FileSize: file.Length,
            Uuid: CustomFolder.AssetUuid(uuid, path).ToString(),
            ParentPath: "/" + folder)), ct);
    }
}

public sealed record CustomAssetFileRequest
{
    [System.ComponentModel.Description("The folder inside the custom folder, e.g. / or /reports.")]
    public string? Path { get; init; }

    [System.ComponentModel.Description("The file's name in that folder.")]
    public string? Name { get; init; }
}

public sealed record CustomDirent(string ObjName, long FileSize, string Uuid, string ParentPath);

public sealed record CustomAssetFileResponse(CustomDirent Dirent);
