using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

/// <summary>Who calls.</summary>
public enum Actor
{
    Anonymous,
    InvalidToken,
    /// <summary>A user the base is not shared with.</summary>
    Stranger,
    /// <summary>A user with an "r" share of the base.</summary>
    ReadShare,
    /// <summary>A user with an "rw" share of the base.</summary>
    ReadWriteShare,
    /// <summary>The system admin, who does not own the base.</summary>
    SystemAdmin,
    Owner,
}

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

    public static TheoryData<Actor, BaseOperation> Refusals
    {
        get
        {
            var data = new TheoryData<Actor, BaseOperation>();
            foreach (var actor in Enum.GetValues<Actor>().Where(a => a != Actor.Owner))
            {
                foreach (var operation in Enum.GetValues<BaseOperation>())
                {
                    data.Add(actor, operation);
                }
            }

            return data;
        }
    }

    public static TheoryData<BaseOperation> Operations => [.. Enum.GetValues<BaseOperation>()];

    /// <summary>A base of the owner, shared "r" with the reader and "rw" with the writer; in the trash for the trash calls.</summary>
    private sealed record Scene(ApiUser Owner, ApiUser Reader, ApiUser Writer, ApiUser Target, string Name, string Uuid, long Id, bool Trashed);

    private async Task<Scene> SetUpAsync(BaseOperation operation)
    {
        var owner = await users.GetAsync(Server, "owner");
        var reader = await users.GetAsync(Server, "reader");
        var writer = await users.GetAsync(Server, "writer");
        var target = await users.GetAsync(Server, ShareTarget);
        using var client = owner.Client();
        var name = NewBaseName("matrix");
        var table = await client.CreateBaseAsync(name);
        await client.ShareAsync(owner.WorkspaceId, name, reader.Id, "r");
        await client.ShareAsync(owner.WorkspaceId, name, writer.Id, "rw");
        var trashed = operation is BaseOperation.RestoreFromTrash or BaseOperation.EmptyTrash;
        if (trashed)
        {
            await client.DeleteBaseAsync(owner.WorkspaceId, name);
        }

        return new Scene(owner, reader, writer, target, name, table.Str("uuid"), table.Long("id"), trashed);
    }

    private async Task<HttpClient> ClientAsync(Actor actor, Scene scene)
    {
        switch (actor)
        {
            case Actor.Anonymous:
                return Server.Factory.CreateClient();
            case Actor.InvalidToken:
                return Server.Factory.CreateClient("0000000000000000000000000000000000000000");
            case Actor.SystemAdmin:
                return await Server.CreateAdminClientAsync();
            case Actor.Owner:
                return scene.Owner.Client();
            case Actor.ReadShare:
                return scene.Reader.Client();
            case Actor.ReadWriteShare:
                return scene.Writer.Client();
            case Actor.Stranger:
                return (await users.GetAsync(Server, "stranger")).Client();
            default:
                throw new ArgumentOutOfRangeException(nameof(actor));
        }
    }

    private static (HttpMethod Method, string Uri, HttpContent? Body) Request(BaseOperation operation, Scene scene) => operation switch
    {
        BaseOperation.Rename => (HttpMethod.Put, WorkspaceDTable(scene.Owner.WorkspaceId),
            Bodies.Form(("old_name", scene.Name), ("new_name", scene.Name + "-renamed"))),
        BaseOperation.Delete => (HttpMethod.Delete, WorkspaceDTable(scene.Owner.WorkspaceId), Bodies.Json(("name", scene.Name))),
        BaseOperation.ListShares => (HttpMethod.Get, ShareUrl(scene.Owner.WorkspaceId, scene.Name), null),
        BaseOperation.AddShare => (HttpMethod.Post, ShareUrl(scene.Owner.WorkspaceId, scene.Name),
            Bodies.Form(("email", scene.Target.Id), ("permission", "rw"))),
        BaseOperation.UpdateShare => (HttpMethod.Put, ShareUrl(scene.Owner.WorkspaceId, scene.Name),
            Bodies.Form(("email", scene.Reader.Id), ("permission", "rw"))),
        BaseOperation.RemoveShare => (HttpMethod.Delete, ShareUrl(scene.Owner.WorkspaceId, scene.Name),
            Bodies.Form(("email", scene.Writer.Id))),
        BaseOperation.RestoreFromTrash => (HttpMethod.Put, RestoreUrl(scene.Id), null),
        BaseOperation.EmptyTrash => (HttpMethod.Delete, Trash, null),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private async Task<(HttpStatusCode Status, JsonNode Body)> ActAsync(Actor actor, BaseOperation operation, Scene scene)
    {
        using var client = await ClientAsync(actor, scene);
        var (method, uri, content) = Request(operation, scene);
        var (status, text) = await client.SendRawAsync(method, uri, content);
        return (status, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"{method} {uri}: not JSON: {text}"));
    }

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public async Task Only_the_owner_manages_a_base(Actor actor, BaseOperation operation)
    {
        var scene = await SetUpAsync(operation);

        var (status, body) = await ActAsync(actor, operation, scene);

        var context = $"{actor} {operation}: {(int)status} {body.ToJsonString()}";
        switch (actor, operation)
        {
            case (Actor.Anonymous, _):
                Assert.True(status == HttpStatusCode.Forbidden, context);
                AssertDetail(body, NotAuthenticated);
                break;
            case (Actor.InvalidToken, _):
                Assert.True(status == HttpStatusCode.Unauthorized, context);
                AssertDetail(body, "Invalid token");
                break;
            case (_, BaseOperation.RestoreFromTrash):
                // Only the caller's own trash is searched: someone else's base is not found, not revealed.
                Assert.True(status == HttpStatusCode.NotFound, context);
                AssertError(body, "Base not found.");
                break;
            case (_, BaseOperation.EmptyTrash):
                // Empties the caller's own trash, never the owner's.
                Assert.True(status == HttpStatusCode.OK, context);
                AssertSuccess(body);
                break;
            default:
                Assert.True(status == HttpStatusCode.Forbidden, context);
                AssertError(body, PermissionDenied);
                break;
        }

        await AssertUnchangedAsync(scene);
    }

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public async Task The_owner_may_do_everything(BaseOperation operation)
    {
        var scene = await SetUpAsync(operation);
        using var owner = scene.Owner.Client();

        var (status, body) = await ActAsync(Actor.Owner, operation, scene);

        Assert.True(status == HttpStatusCode.OK, $"{operation}: {(int)status} {body.ToJsonString()}");
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
                Assert.Equal("rw", await SharedPermissionAsync(scene.Target, scene.Uuid));
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
        var reader = scene with { Owner = scene.Reader };

        var (status, body) = await ActAsync(Actor.ReadShare, operation, reader);

        Assert.True(status == HttpStatusCode.NotFound, $"{operation}: {(int)status} {body.ToJsonString()}");
        AssertError(body, $"dtable {scene.Name} not found.");
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
        AssertError(await reader.CallAsync(HttpMethod.Post, url, Bodies.Form(("email", scene.Target.Email), ("permission", "r")),
            HttpStatusCode.Forbidden), PermissionDenied);

        await AssertUnchangedAsync(scene);
    }

    /// <summary>The base is as the scene left it: name, uuid, live or trashed, and its two shares.</summary>
    private async Task AssertUnchangedAsync(Scene scene)
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
        Assert.Null(await SharedPermissionAsync(scene.Target, scene.Uuid));
    }

    private static SortedDictionary<string, string> ExpectedShares(Scene scene) =>
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
