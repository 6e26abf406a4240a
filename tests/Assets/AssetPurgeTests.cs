using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Assets.AssetCalls;

namespace SeaTable.Tests.Assets;

[Collection(SharedServerCollection.Name)]
public sealed class AssetPurgeTests_Sqlite(SharedServer server) : AssetPurgeTests(server);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AssetPurgeTests_PostgreSql(PostgresSharedServer server) : AssetPurgeTests(server);

/// <summary>A base's assets live until the base is purged (reference 4.2, 6 "Trash semantics").</summary>
public abstract class AssetPurgeTests(ServerFixture server) : ApiTests(server)
{
    [SkippableFact]
    public async Task Emptying_the_trash_deletes_the_asset_folder_and_nothing_else()
    {
        // A user of this test alone: emptying the trash must touch nothing of the other tests.
        var owner = await ClassUsers.CreateAsync(Server, "assetpurge");
        var purged = await AppBase.CreateAsync(owner);
        var kept = await AppBase.CreateAsync(owner);
        await purged.UploadAsync("images/2020-02", "p.png", RandomBytes(100));
        await purged.UploadAsync("files/2020-02", "p.txt", RandomBytes(100));
        var keptContent = RandomBytes(50);
        await kept.UploadAsync("files/2020-02", "k.txt", keptContent);
        var downloadLink = (await purged.DownloadLinkAsync("/files/2020-02/p.txt")).Str("download_link");
        Assert.True(Directory.Exists(purged.AssetFolder));

        await purged.TrashAsync();
        Assert.True(File.Exists(purged.FilePath("files", "2020-02", "p.txt")), "The trash keeps the assets for a restore.");
        using var client = owner.Client();
        AssertSuccess(await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK));

        Assert.False(Directory.Exists(purged.AssetFolder), $"{purged.AssetFolder} is still there after the purge.");
        Assert.Equal(keptContent, await File.ReadAllBytesAsync(kept.FilePath("files", "2020-02", "k.txt")));
        Assert.DoesNotContain(BlobSnapshot(Server.Factory.DataDir).Keys, k => k.Contains(purged.Uuid, StringComparison.Ordinal));
        var (status, _) = await Server.Factory.AppGetAsync(UploadLinkPath, $"Token {purged.ApiToken}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        using var anonymous = Server.Factory.CreateClient();
        using var download = await anonymous.GetAsync(Local(downloadLink));
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [SkippableFact]
    public async Task Purging_a_base_without_assets_works()
    {
        var owner = await ClassUsers.CreateAsync(Server, "assetpurge");
        var app = await AppBase.CreateAsync(owner);
        await app.TrashAsync();
        using var client = owner.Client();

        AssertSuccess(await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK));

        Assert.False(Directory.Exists(app.AssetFolder));
        Assert.Empty(await client.TrashListAsync());
    }
}
