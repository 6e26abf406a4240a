using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Assets;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Assets.AssetCalls;

namespace SeaTable.Tests.WebApp;

/// <summary>The one call of the account upload link, tried as every caller.</summary>
public enum AssetUploadLinkOperation
{
    Get,
}

[Collection(SharedServerCollection.Name)]
public sealed class AssetUploadLinkTests_Sqlite(SharedServer server, ClassUsers users) : AssetUploadLinkTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AssetUploadLinkTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AssetUploadLinkTests(server, users);

/// <summary>
/// GET /api/v2.1/workspace/{id}/dtable-asset-upload-link/?name=: the upload link for a signed-in user who may write
/// the base (the web app's image and file cells, dtable-web-api's getTableAssetUploadLink), for no one else; the
/// link stores into the base's assets, where the asset URL opens the file.
/// </summary>
public abstract class AssetUploadLinkTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static readonly PermissionMatrix<AssetUploadLinkOperation> Calls =
        new(Actor.Anonymous, Actor.InvalidToken, Actor.Stranger, Actor.ReadShare, Actor.ReadWriteShare, Actor.SystemAdmin, Actor.Owner,
            Actor.ApiTokenRead, Actor.ApiTokenReadWrite)
        {
            [AssetUploadLinkOperation.Get] = new(HttpMethod.Get,
                s => $"/api/v2.1/workspace/{s.WorkspaceId}/dtable-asset-upload-link/?name={Uri.EscapeDataString(s.Name)}", null,
                [Actor.ReadWriteShare, Actor.Owner]),
        };

    public static TheoryData<Actor, AssetUploadLinkOperation> Matrix => Calls.Cases;

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Writers_of_the_base_get_an_upload_link_and_no_one_else_does(Actor actor, AssetUploadLinkOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("upload-link"));
        var answer = await scene.AssertAsync(actor, Calls[operation]);
        if (Calls[operation].Allows(actor))
        {
            var link = answer.Json;
            Assert.Equal($"/asset/{scene.Uuid}", link.Str("parent_path"));
            Assert.Equal($"images/{Month()}", link.Str("img_relative_path"));
            Assert.Equal($"files/{Month()}", link.Str("file_relative_path"));
            Assert.Contains("/seafhttp/upload-api/", link.Str("upload_link"), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task The_link_stores_into_the_base_and_the_asset_url_opens_the_file()
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("upload-link-use"));
        using var owner = scene.Owner.Client();
        var link = await owner.GetJsonAsync($"/api/v2.1/workspace/{scene.WorkspaceId}/dtable-asset-upload-link/?name={Uri.EscapeDataString(scene.Name)}");
        var body = new MultipartBody().File("dot.png", Png).Field("parent_dir", link.Str("parent_path")).Field("relative_path", link.Str("img_relative_path"));
        var stored = Assert.Single(await scene.Factory.UploadJsonAsync(link.Str("upload_link"), body));
        Assert.Equal("dot.png", stored["name"]!.GetValue<string>());

        using var image = await owner.GetAsync($"/workspace/{scene.WorkspaceId}/asset/{scene.Uuid}/{link.Str("img_relative_path")}/dot.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
    }

    [SkippableTheory]
    [InlineData("", HttpStatusCode.BadRequest, "name invalid.")]
    [InlineData("no such base", HttpStatusCode.NotFound, "dtable no such base not found.")]
    public async Task A_missing_or_unknown_base_is_refused_in_seatables_words(string name, HttpStatusCode status, string message)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("upload-link-bad"));
        using var owner = scene.Owner.Client();
        var (answered, text) = await owner.SendRawAsync(HttpMethod.Get, $"/api/v2.1/workspace/{scene.WorkspaceId}/dtable-asset-upload-link/?name={Uri.EscapeDataString(name)}", null);
        Assert.Equal(status, answered);
        Assert.Equal($$"""{"error_msg":"{{message}}"}""", text);
    }
}
