using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.ApiTokens;

/// <summary>Who calls a token call.</summary>
public enum TokenActor
{
    Anonymous,
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

    public static TheoryData<TokenActor, TokenOperation> Refusals
    {
        get
        {
            var data = new TheoryData<TokenActor, TokenOperation>();
            foreach (var actor in Enum.GetValues<TokenActor>().Where(a => a != TokenActor.Owner))
            {
                foreach (var operation in Enum.GetValues<TokenOperation>())
                {
                    data.Add(actor, operation);
                }
            }

            return data;
        }
    }

    public static TheoryData<TokenOperation> Operations => [.. Enum.GetValues<TokenOperation>()];

    /// <summary>A base of the owner with one "r" token, shared "r" with the reader and "rw" with the writer.</summary>
    private sealed record Scene(ApiUser Owner, ApiUser Reader, ApiUser Writer, string Name, string Uuid, JsonObject Token);

    private async Task<Scene> SetUpAsync()
    {
        var owner = await users.GetAsync(Server, "owner");
        var reader = await users.GetAsync(Server, "reader");
        var writer = await users.GetAsync(Server, "writer");
        using var client = owner.Client();
        var name = NewBaseName("token-matrix");
        var table = await client.CreateBaseAsync(name);
        await client.ShareAsync(owner.WorkspaceId, name, reader.Id, "r");
        await client.ShareAsync(owner.WorkspaceId, name, writer.Id, "rw");
        var token = await client.CreateTokenAsync(owner.WorkspaceId, name, ExistingApp, "r");
        return new Scene(owner, reader, writer, name, table.Str("uuid"), token);
    }

    private async Task<HttpClient> ClientAsync(TokenActor actor, Scene scene) => actor switch
    {
        TokenActor.Anonymous => Server.Factory.CreateClient(),
        TokenActor.Stranger => (await users.GetAsync(Server, "stranger")).Client(),
        TokenActor.ReadShare => scene.Reader.Client(),
        TokenActor.ReadWriteShare => scene.Writer.Client(),
        TokenActor.SystemAdmin => await Server.CreateAdminClientAsync(),
        TokenActor.Owner => scene.Owner.Client(),
        _ => throw new ArgumentOutOfRangeException(nameof(actor)),
    };

    private static (HttpMethod Method, string Uri, HttpContent? Body) Request(TokenOperation operation, Scene scene) => operation switch
    {
        TokenOperation.Create => (HttpMethod.Post, TokensUrl(scene.Owner.WorkspaceId, scene.Name),
            Bodies.Json(("app_name", "new app"), ("permission", "rw"))),
        TokenOperation.List => (HttpMethod.Get, TokensUrl(scene.Owner.WorkspaceId, scene.Name), null),
        TokenOperation.Update => (HttpMethod.Put, TokenUrl(scene.Owner.WorkspaceId, scene.Name, ExistingApp),
            Bodies.Json(("permission", "rw"))),
        TokenOperation.Delete => (HttpMethod.Delete, TokenUrl(scene.Owner.WorkspaceId, scene.Name, ExistingApp), null),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private async Task<(HttpStatusCode Status, JsonNode Body)> ActAsync(TokenActor actor, TokenOperation operation, Scene scene)
    {
        using var client = await ClientAsync(actor, scene);
        var (method, uri, content) = Request(operation, scene);
        var (status, text) = await client.SendRawAsync(method, uri, content);
        return (status, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"{method} {uri}: not JSON: {text}"));
    }

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public async Task Only_the_owner_manages_the_tokens_of_a_base(TokenActor actor, TokenOperation operation)
    {
        var scene = await SetUpAsync();

        var (status, body) = await ActAsync(actor, operation, scene);

        var context = $"{actor} {operation}: {(int)status} {body.ToJsonString()}";
        Assert.True(status == HttpStatusCode.Forbidden, context);
        Assert.Equal(
            actor == TokenActor.Anonymous
                ? """{"detail":"Authentication credentials were not provided."}"""
                : """{"error_msg":"Permission denied."}""",
            body.ToJsonString());
        await AssertUnchangedAsync(scene);
    }

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public async Task The_owner_manages_the_tokens(TokenOperation operation)
    {
        var scene = await SetUpAsync();
        using var owner = scene.Owner.Client();

        var (status, body) = await ActAsync(TokenActor.Owner, operation, scene);

        var context = $"{operation}: {(int)status} {body.ToJsonString()}";
        var listed = await owner.ListTokensAsync(scene.Owner.WorkspaceId, scene.Name);
        switch (operation)
        {
            case TokenOperation.Create:
                Assert.True(status == HttpStatusCode.Created, context);
                AssertTokenObject(body, "new app", "rw", scene.Owner.Id);
                Assert.Equal([ExistingApp, "new app"], listed.Select(t => t.Str("app_name")));
                Assert.Equal(scene.Uuid, (await Server.Factory.ExchangeAsync(body.Str("api_token"))).Str("dtable_uuid"));
                break;
            case TokenOperation.List:
                Assert.True(status == HttpStatusCode.OK, context);
                Assert.Equal(scene.Token.ToJsonString(), Assert.Single(body.Objects("api_tokens")).ToJsonString());
                break;
            case TokenOperation.Update:
                Assert.True(status == HttpStatusCode.OK, context);
                AssertTokenObject(body, ExistingApp, "rw", scene.Owner.Id);
                Assert.Equal("rw", Assert.Single(listed).Str("permission"));
                break;
            case TokenOperation.Delete:
                Assert.True(status == HttpStatusCode.OK, context);
                Assert.Equal("""{"success":true}""", body.ToJsonString());
                Assert.Empty(listed);
                await Server.Factory.ExchangeAsync(scene.Token.Str("api_token"), HttpStatusCode.NotFound);
                break;
        }
    }

    [SkippableFact]
    public async Task A_share_holder_naming_the_base_in_their_own_workspace_finds_nothing()
    {
        var scene = await SetUpAsync();
        using var writer = scene.Writer.Client();

        var body = await writer.GetJsonAsync(TokensUrl(scene.Writer.WorkspaceId, scene.Name), HttpStatusCode.NotFound);

        Assert.Equal($$"""{"error_msg":"dtable {{scene.Name}} not found."}""", body.ToJsonString());
        await AssertUnchangedAsync(scene);
    }

    [SkippableFact]
    public async Task An_invalid_account_token_is_401()
    {
        var scene = await SetUpAsync();
        using var client = Server.Factory.CreateClient(RandomToken());

        var body = await client.GetJsonAsync(TokensUrl(scene.Owner.WorkspaceId, scene.Name), HttpStatusCode.Unauthorized);

        AssertDetail(body, "Invalid token");
        await AssertUnchangedAsync(scene);
    }

    [SkippableFact]
    public async Task An_api_token_is_not_an_account_token()
    {
        var scene = await SetUpAsync();
        using var client = Server.Factory.CreateClient(scene.Token.Str("api_token"));

        var body = await client.GetJsonAsync(TokensUrl(scene.Owner.WorkspaceId, scene.Name), HttpStatusCode.Unauthorized);

        AssertDetail(body, "Invalid token");
        await AssertUnchangedAsync(scene);
    }

    /// <summary>The base still has exactly its one "r" token, which still works.</summary>
    private async Task AssertUnchangedAsync(Scene scene)
    {
        using var owner = scene.Owner.Client();
        var listed = Assert.Single(await owner.ListTokensAsync(scene.Owner.WorkspaceId, scene.Name));
        Assert.Equal(scene.Token.ToJsonString(), listed.ToJsonString());
        var exchanged = await Server.Factory.ExchangeAsync(scene.Token.Str("api_token"));
        Assert.Equal(scene.Uuid, exchanged.Str("dtable_uuid"));
        Assert.Equal("r", (await Server.Factory.VerifyJwtAsync(exchanged.Str("access_token"))).Payload.Str("permission"));
    }
}
