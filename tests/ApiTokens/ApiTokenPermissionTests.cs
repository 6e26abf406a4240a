using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.ApiTokens;

/// <summary>The token calls E1-E4.</summary>
public enum TokenOperation
{
    Create,
    List,
    /// <summary>Raise the "r" token to "rw".</summary>
    Update,
    Delete,
}

[Collection(SharedServerCollection.Name)]
public sealed class ApiTokenPermissionTests_Sqlite(SharedServer server, ClassUsers users) : ApiTokenPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ApiTokenPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ApiTokenPermissionTests(server, users);

/// <summary>
/// Only the base owner manages its tokens (reference 2 "Common permission": shares, even "rw", get 403; 1.3 for
/// the anonymous body). Every refused call leaves the token list, and the token itself, as they were.
/// </summary>
public abstract class ApiTokenPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string ExistingApp = "existing app";

    /// <summary>Only the owner may, whatever the share.</summary>
    private static readonly PermissionMatrix<TokenOperation> Calls =
        new(Actor.Anonymous, Actor.Stranger, Actor.ReadShare, Actor.ReadWriteShare, Actor.SystemAdmin, Actor.Owner)
        {
            [TokenOperation.Create] = new(HttpMethod.Post, s => TokensUrl(s.WorkspaceId, s.Name),
                _ => Bodies.Json(("app_name", "new app"), ("permission", "rw")), [Actor.Owner]) { Granted = Outcome.Answers(HttpStatusCode.Created) },
            [TokenOperation.List] = new(HttpMethod.Get, s => TokensUrl(s.WorkspaceId, s.Name), null, [Actor.Owner]),
            [TokenOperation.Update] = new(HttpMethod.Put, s => TokenUrl(s.WorkspaceId, s.Name, ExistingApp), _ => Bodies.Json(("permission", "rw")), [Actor.Owner]),
            [TokenOperation.Delete] = new(HttpMethod.Delete, s => TokenUrl(s.WorkspaceId, s.Name, ExistingApp), null, [Actor.Owner]),
        };

    public static TheoryData<Actor, TokenOperation> Refusals => Calls.Refusals;

    /// <summary>The owner with every call; anyone added to a call's allowed actors is tried here too.</summary>
    public static TheoryData<Actor, TokenOperation> Grants => Calls.Grants;

    /// <summary>The matrix scene with one "r" token, <see cref="ExistingApp"/>.</summary>
    private async Task<PermissionScene> SetUpAsync()
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("token-matrix", ReadApp: ExistingApp));
        await scene.ApiTokenAsync("r");
        return scene;
    }

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public async Task Only_the_owner_manages_the_tokens_of_a_base(Actor actor, TokenOperation operation)
    {
        var scene = await SetUpAsync();

        await scene.AssertAsync(actor, Calls[operation]);

        await AssertUnchangedAsync(scene);
    }

    [SkippableTheory]
    [MemberData(nameof(Grants))]
    public async Task The_owner_manages_the_tokens(Actor actor, TokenOperation operation)
    {
        var scene = await SetUpAsync();
        var token = await scene.ApiTokenAsync("r");
        using var owner = scene.Owner.Client();

        var body = (await scene.AssertAsync(actor, Calls[operation])).Json;

        var listed = await owner.ListTokensAsync(scene.Owner.WorkspaceId, scene.Name);
        switch (operation)
        {
            case TokenOperation.Create:
                AssertTokenObject(body, "new app", "rw", scene.Owner.Id);
                Assert.Equal([ExistingApp, "new app"], listed.Select(t => t.Str("app_name")));
                Assert.Equal(scene.Uuid, (await Server.Factory.ExchangeAsync(body.Str("api_token"))).Str("dtable_uuid"));
                break;
            case TokenOperation.List:
                Assert.Equal(token.ToJsonString(), Assert.Single(body.Objects("api_tokens")).ToJsonString());
                break;
            case TokenOperation.Update:
                AssertTokenObject(body, ExistingApp, "rw", scene.Owner.Id);
                Assert.Equal("rw", Assert.Single(listed).Str("permission"));
                break;
            case TokenOperation.Delete:
                Assert.Equal("""{"success":true}""", body.ToJsonString());
                Assert.Empty(listed);
                await Server.Factory.ExchangeAsync(token.Str("api_token"), HttpStatusCode.NotFound);
                break;
        }
    }

    [SkippableFact]
    public async Task A_share_holder_naming_the_base_in_their_own_workspace_finds_nothing()
    {
        var scene = await SetUpAsync();
        var call = Calls[TokenOperation.List] with { Denied = Outcome.Error(HttpStatusCode.NotFound, $"dtable {scene.Name} not found.") };

        await scene.InWorkspace(scene.Writer.WorkspaceId).AssertAsync(Actor.ReadWriteShare, call);

        await AssertUnchangedAsync(scene);
    }

    [SkippableFact]
    public async Task An_invalid_account_token_is_401()
    {
        var scene = await SetUpAsync();

        await scene.AssertAsync(Actor.InvalidToken, Calls[TokenOperation.List]);

        await AssertUnchangedAsync(scene);
    }

    [SkippableFact]
    public async Task An_api_token_is_not_an_account_token()
    {
        var scene = await SetUpAsync();

        // The scene's "r" token, ExistingApp, sent as an account token.
        await scene.AssertAsync(Actor.ApiTokenRead, Calls[TokenOperation.List]);

        await AssertUnchangedAsync(scene);
    }

    /// <summary>The base still has exactly its one "r" token, which still works.</summary>
    private async Task AssertUnchangedAsync(PermissionScene scene)
    {
        var token = await scene.ApiTokenAsync("r");
        using var owner = scene.Owner.Client();
        var listed = Assert.Single(await owner.ListTokensAsync(scene.Owner.WorkspaceId, scene.Name));
        Assert.Equal(token.ToJsonString(), listed.ToJsonString());
        var exchanged = await Server.Factory.ExchangeAsync(token.Str("api_token"));
        Assert.Equal(scene.Uuid, exchanged.Str("dtable_uuid"));
        Assert.Equal("r", (await Server.Factory.VerifyJwtAsync(exchanged.Str("access_token"))).Payload.Str("permission"));
    }
}
