using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Blobs;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/dtable/custom/app-asset-dir/?path=/folder with an API token (list_custom_assets):
/// {"dir": [{name, type: "dir"}], "file": [{name, type: "file", size, uuid}]}, the folder's direct entries by name.
/// The custom folder itself is there from the start (empty lists); another folder that is not there is 404
/// "Folder … not found.", an unsafe path 400 "path invalid.".
/// </summary>
public sealed class CustomAssetDirEndpoint : AppTokenEndpoint<CustomPathRequest, CustomAssetDirResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "asset_info"), "/api/v2.1/dtable/custom/app-asset-dir");
        Summary(s => s.Summary = "The folders and files of a folder of the base's custom folder (API token)");
    }

    public override async Task HandleAsync(CustomPathRequest req, CancellationToken ct)
    {
        if (CustomFolder.Normalize(req.Path) is not { } folder)
        {
            await BadRequestAsync("path invalid.");
            return;
        }

        var uuid = ApiCaller.Token.DTableUuid;
        var blobs = Resolve<IBlobStore>();
        var blobFolder = CustomFolder.BlobPath(uuid, folder);
        if (folder.Length > 0 && !blobs.FolderExists(blobFolder))
        {
            await NotFoundAsync($"Folder {req.Path} not found.");
            return;
        }

        var dirs = new SortedSet<string>(StringComparer.Ordinal);
        var files = new List<CustomDirEntry>();
        foreach (var relative in blobs.ListFiles(blobFolder))
        {
            var slash = relative.IndexOf('/');
            if (slash >= 0)
            {
                dirs.Add(relative[..slash]);
                continue;
            }

            await using var file = blobs.OpenRead($"{blobFolder}/{relative}");
            if (file is not null)
            {
                var path = folder.Length == 0 ? relative : $"{folder}/{relative}";
                files.Add(new CustomDirEntry(relative, "file", file.Length, CustomFolder.AssetUuid(uuid, path).ToString()));
            }
        }

        await Send.OkAsync(new CustomAssetDirResponse(
            [.. dirs.Select(d => new CustomDirEntry(d, "dir", null, null))],
            [.. files.OrderBy(f => f.Name, StringComparer.Ordinal)]), ct);
    }
}

public sealed record CustomDirEntry(string Name, string Type, long? Size, string? Uuid);

public sealed record CustomAssetDirResponse(IReadOnlyList<CustomDirEntry> Dir, IReadOnlyList<CustomDirEntry> File);
