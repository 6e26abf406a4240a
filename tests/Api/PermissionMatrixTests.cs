using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

/// <summary>Every user call that touches a base.</summary>
public enum BaseOperation
{
    Rename,
    Delete,
    ListShares,
    AddShare,
    /// <summary>Raise the "r" share holder to "rw".</summary>
    UpdateShare,
    /// <summary>Remove the "rw" share holder.</summary>
    RemoveShare,
    RestoreFromTrash,
    EmptyTrash,
}

[Collection(SharedServerCollection.Name)]
public sealed class PermissionMatrixTests_Sqlite(SharedServer server, ClassUsers users) : PermissionMatrixTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class PermissionMatrixTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : PermissionMatrixTests(server, users);

/// <summary>
/// Only the owner manages a base (reference 1.7 check_dtable_admin_permission; 8.5, 8.6; trash restore "403 unless
/// caller == workspace owner"). Every refused call is checked to leave the base, its shares and the owner's
/// trash exactly as they were.
/// </summary>
public abstract class PermissionMatrixTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string ShareTarget = "target";

    /// <summary>Only the owner may; the trash calls answer by the caller's own trash.</summary>
    private static readonly PermissionMatrix<BaseOperation> Calls =
        new(Actor.Anonymous, Actor.InvalidToken, Actor.Stranger, Actor.ReadShare, Actor.ReadWriteShare, Actor.SystemAdmin, Actor.Owner)
        {
            [BaseOperation.Rename] = new(HttpMethod.Put, s => WorkspaceDTable(s.WorkspaceId),
                s => Bodies.Form(("old_name", s.Name), ("new_name", s.Name + "-renamed")), [Actor.Owner]),
            [BaseOperation.Delete] = new(HttpMethod.Delete, s => WorkspaceDTable(s.WorkspaceId), s => Bodies.Json(("name", s.Name)), [Actor.Owner]),
            [BaseOperation.ListShares] = new(HttpMethod.Get, s => ShareUrl(s.WorkspaceId, s.Name), null, [Actor.Owner]),
            [BaseOperation.AddShare] = new(HttpMethod.Post, s => ShareUrl(s.WorkspaceId, s.Name),
                s => Bodies.Form(("email", s["target"]), ("permission", "rw")), [Actor.Owner]) { Granted = Outcome.Answers(HttpStatusCode.Created) },
            [BaseOperation.UpdateShare] = new(HttpMethod.Put, s => ShareUrl(s.WorkspaceId, s.Name),
                s => Bodies.Form(("email", s.Reader.Id), ("permission", "rw")), [Actor.Owner]),
            [BaseOperation.RemoveShare] = new(HttpMethod.Delete, s => ShareUrl(s.WorkspaceId, s.Name), s => Bodies.Form(("email", s.Writer.Id)), [Actor.Owner]),
            // Only the caller's own trash is searched: someone else's base is not found, not revealed.
            [BaseOperation.RestoreFromTrash] = new(HttpMethod.Put, s => RestoreUrl(s.Id), null, [Actor.Owner])
            {
                Denied = Outcome.Error(HttpStatusCode.NotFound, "Base not found."),
            },
            // Empties the caller's own trash, never the owner's.
            [BaseOperation.EmptyTrash] = new(HttpMethod.Delete, _ => Trash, null, [Actor.Owner]) { Denied = Outcome.Success },
        };

    public static TheoryData<Actor, BaseOperation> Refusals => Calls.Refusals;

    /// <summary>The owner with every call; anyone added to a call's allowed actors is tried here too.</summary>
    public static TheoryData<Actor, BaseOperation> Grants => Calls.Grants;

    /// <summary>The matrix scene with the share target's id at hand; in the trash for the trash calls.</summary>
    private async Task<PermissionScene> SetUpAsync(BaseOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users);
        scene["target"] = (await scene.UserAsync(ShareTarget)).Id;
        if (operation is BaseOperation.RestoreFromTrash or BaseOperation.EmptyTrash)
        {
            await scene.TrashAsync();
        }

        return scene;
    }

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public async Task Only_the_owner_manages_a_base(Actor actor, BaseOperation operation)
    {
        var scene = await SetUpAsync(operation);

        await scene.AssertAsync(actor, Calls[operation]);

        await AssertUnchangedAsync(scene);
    }

    [SkippableTheory]
    [MemberData(nameof(Grants))]
    public async Task The_owner_may_do_everything(Actor actor, BaseOperation operation)
    {
        var scene = await SetUpAsync(operation);
        using var owner = scene.Owner.Client();

        var body = (await scene.AssertAsync(actor, Calls[operation])).Json;

        switch (operation)
        {
            case BaseOperation.Rename:
                Assert.Equal(scene.Name + "-renamed", body["table"].Str("name"));
                Assert.Equal(scene.Uuid, (await owner.FindOwnBaseAsync(scene.Name + "-renamed")).Str("uuid"));
                Assert.Null(await owner.FindOwnBaseAsync(scene.Name));
                break;
            case BaseOperation.Delete:
                AssertSuccess(body);
                Assert.Null(await owner.FindOwnBaseAsync(scene.Name));
                Assert.Contains(await owner.TrashListAsync(), t => t.Str("uuid") == scene.Uuid);
                break;
            case BaseOperation.ListShares:
                Assert.Equal(ExpectedShares(scene), ShareMap(body.Objects("user_list")));
                break;
            case BaseOperation.AddShare:
                AssertSuccess(body);
                Assert.Equal("rw", await SharedPermissionAsync(await scene.UserAsync(ShareTarget), scene.Uuid));
                break;
            case BaseOperation.UpdateShare:
                AssertSuccess(body);
                Assert.Equal("rw", await SharedPermissionAsync(scene.Reader, scene.Uuid));
                break;
            case BaseOperation.RemoveShare:
                AssertSuccess(body);
                Assert.Null(await SharedPermissionAsync(scene.Writer, scene.Uuid));
                Assert.Equal("r", await SharedPermissionAsync(scene.Reader, scene.Uuid));
                break;
            case BaseOperation.RestoreFromTrash:
                AssertSuccess(body);
                Assert.Equal(scene.Uuid, (await owner.FindOwnBaseAsync(scene.Name)).Str("uuid"));
                Assert.DoesNotContain(await owner.TrashListAsync(), t => t.Str("uuid") == scene.Uuid);
                break;
            case BaseOperation.EmptyTrash:
                AssertSuccess(body);
                Assert.DoesNotContain(await owner.TrashListAsync(), t => t.Str("uuid") == scene.Uuid);
                await owner.CallAsync(HttpMethod.Put, RestoreUrl(scene.Id), null, HttpStatusCode.NotFound);
                break;
        }
    }

    [SkippableTheory]
    [InlineData(BaseOperation.Rename)]
    [InlineData(BaseOperation.Delete)]
    [InlineData(BaseOperation.ListShares)]
    [InlineData(BaseOperation.AddShare)]
    public async Task A_share_holder_naming_the_base_in_their_own_workspace_finds_nothing(BaseOperation operation)
    {
        var scene = await SetUpAsync(operation);
        var call = Calls[operation] with { Denied = Outcome.Error(HttpStatusCode.NotFound, $"dtable {scene.Name} not found.") };

        await scene.InWorkspace(scene.Reader.WorkspaceId).AssertAsync(Actor.ReadShare, call);

        await AssertUnchangedAsync(scene);
    }

    [SkippableFact]
    public async Task A_share_holder_cannot_share_the_base_onwards_or_raise_their_own_permission()
    {
        var scene = await SetUpAsync(BaseOperation.AddShare);
        using var reader = scene.Reader.Client();
        var url = ShareUrl(scene.Owner.WorkspaceId, scene.Name);

        AssertError(await reader.CallAsync(HttpMethod.Put, url, Bodies.Form(("email", scene.Reader.Id), ("permission", "rw")),
            HttpStatusCode.Forbidden), PermissionDenied);
        var target = await scene.UserAsync(ShareTarget);
        AssertError(await reader.CallAsync(HttpMethod.Post, url, Bodies.Form(("email", target.Email), ("permission", "r")),
            HttpStatusCode.Forbidden), PermissionDenied);

        await AssertUnchangedAsync(scene);
    }

    /// <summary>The base is as the scene left it: name, uuid, live or trashed, and its two shares.</summary>
    private async Task AssertUnchangedAsync(PermissionScene scene)
    {
        using var owner = scene.Owner.Client();
        var live = await owner.FindOwnBaseAsync(scene.Name);
        var trash = await owner.TrashListAsync();
        if (scene.Trashed)
        {
            Assert.Null(live);
            var entry = Assert.Single(trash, t => t.Str("uuid") == scene.Uuid);
            Assert.Equal(scene.Name, entry.Str("name"));
            Assert.Null(await owner.FindOwnBaseAsync(scene.Name + "-renamed"));
            return;
        }

        Assert.NotNull(live);
        Assert.Equal(scene.Uuid, live.Str("uuid"));
        Assert.Equal(scene.Id, live.Long("id"));
        Assert.Null(await owner.FindOwnBaseAsync(scene.Name + "-renamed"));
        Assert.DoesNotContain(trash, t => t.Str("uuid") == scene.Uuid);
        var shares = await owner.SharesAsync(scene.Owner.WorkspaceId, scene.Name);
        Assert.Equal(ExpectedShares(scene), ShareMap(shares));
        Assert.Equal("r", await SharedPermissionAsync(scene.Reader, scene.Uuid));
        Assert.Equal("rw", await SharedPermissionAsync(scene.Writer, scene.Uuid));
        Assert.Null(await SharedPermissionAsync(await scene.UserAsync(ShareTarget), scene.Uuid));
    }

    private static SortedDictionary<string, string> ExpectedShares(PermissionScene scene) =>
        new(StringComparer.Ordinal) { [scene.Reader.Id] = "r", [scene.Writer.Id] = "rw" };

    private static SortedDictionary<string, string> ShareMap(IEnumerable<JsonObject> userList) =>
        new(userList.ToDictionary(u => u.Str("email"), u => u.Str("permission")), StringComparer.Ordinal);

    /// <summary>The permission the user sees the base shared with, from GET /api/v2.1/dtables/shared/, or null.</summary>
    private static async Task<string?> SharedPermissionAsync(ApiUser user, string uuid)
    {
        using var client = user.Client();
        return (await client.SharedDTablesAsync()).SingleOrDefault(t => t.Str("uuid") == uuid)?.Str("permission");
    }
}
