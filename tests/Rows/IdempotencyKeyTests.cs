using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Links;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Links.LinkCalls;

namespace SeaTable.Tests.Rows;

[Collection(SharedServerCollection.Name)]
public sealed class IdempotencyKeyTests_Sqlite(SharedServer server, ClassUsers users) : IdempotencyKeyTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class IdempotencyKeyTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : IdempotencyKeyTests(server, users);

/// <summary>
/// Issue 16: a row write with an Idempotency-Key, sent again with the same key, answers the first answer (same
/// status, same body) and writes nothing more; the key with another request is 422; a bad key is 400.
/// </summary>
public abstract class IdempotencyKeyTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "idem");

    public static TheoryData<string> Kinds => [.. IdempotentWrites.Kinds];

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public async Task The_same_key_again_answers_the_first_answer_and_writes_once(string kind)
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        using var _ = client;
        await IdempotentWrites.PrepareAsync(client, l, kind);
        var (method, path, body) = IdempotentWrites.Request(l, kind);
        var key = "key-" + Guid.NewGuid();

        var first = await IdempotentWrites.SendAsync(client, method, path, body, key);
        var version = await IdempotentWrites.VersionAsync(client, l);
        var rows = await IdempotentWrites.RowCountAsync(client, l);
        var again = await IdempotentWrites.SendAsync(client, method, path, body, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first, again);
        Assert.Equal(version, await IdempotentWrites.VersionAsync(client, l));
        Assert.Equal(rows, await IdempotentWrites.RowCountAsync(client, l));
    }

    [SkippableFact]
    public async Task The_key_with_another_body_is_422_and_writes_nothing()
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        using var _ = client;
        var key = "reused-" + Guid.NewGuid();
        await IdempotentWrites.SendAsync(client, HttpMethod.Post, l.Base.V1("rows/"),
            new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "first" } }, key);
        var version = await IdempotentWrites.VersionAsync(client, l);

        var other = await IdempotentWrites.SendAsync(client, HttpMethod.Post, l.Base.V1("rows/"),
            new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "second" } }, key);

        Assert.Equal((HttpStatusCode)422, other.Status);
        Assert.Equal($$"""{"error_msg":"Idempotency-Key {{key}} was used for another request."}""", other.Body);
        Assert.Equal(version, await IdempotentWrites.VersionAsync(client, l));
    }

    [SkippableFact]
    public async Task A_key_is_kept_per_base()
    {
        var owner = await Owner;
        var (one, first) = await owner.NewLinkedBaseAsync();
        var (two, second) = await owner.NewLinkedBaseAsync();
        using var _ = first;
        using var __ = second;
        var key = "shared-" + Guid.NewGuid();
        var row = new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "x" } };

        Assert.Equal(HttpStatusCode.OK, (await IdempotentWrites.SendAsync(first, HttpMethod.Post, one.Base.V1("rows/"), row, key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await IdempotentWrites.SendAsync(second, HttpMethod.Post, two.Base.V1("rows/"), row, key)).Status);
    }

    [SkippableTheory]
    [InlineData(256, false)]
    [InlineData(10, true)]
    public async Task A_key_of_more_than_255_characters_or_not_printable_ascii_is_400(int length, bool withTab)
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        using var _ = client;
        var key = new string('k', length);
        if (withTab)
        {
            key = key[..5] + "\t" + key[5..];
        }

        var version = await IdempotentWrites.VersionAsync(client, l);
        var answer = await IdempotentWrites.SendAsync(client, HttpMethod.Post, l.Base.V1("rows/"),
            new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "x" } }, key);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("""{"error_msg":"Idempotency-Key must be 1 to 255 printable ASCII characters."}""", answer.Body);
        Assert.Equal(version, await IdempotentWrites.VersionAsync(client, l));
    }

    [SkippableFact]
    public async Task A_key_of_255_characters_is_accepted()
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        using var _ = client;
        var answer = await IdempotentWrites.SendAsync(client, HttpMethod.Post, l.Base.V1("rows/"),
            new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "x" } }, new string('~', 255));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }
}

/// <summary>Each row write kind with an Idempotency-Key, on v1, v2 and the API gateway, for the tests.</summary>
public static class IdempotentWrites
{
    public static readonly string[] Kinds =
    [
        "append v1", "append v2 gateway", "batch append v1", "update v1", "batch update v1", "update v2 gateway",
        "delete v1", "batch delete v1", "delete v2 gateway", "link add v1", "link remove v2", "links update v1",
        "batch update links gateway",
    ];

    /// <summary>What the write needs before it: a link to remove.</summary>
    public static async Task PrepareAsync(HttpClient client, LinkedBase l, string kind)
    {
        if (kind == "link remove v2")
        {
            await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), LinkPair(l));
        }
    }

    public static (HttpMethod Method, string Path, JsonObject Body) Request(LinkedBase l, string kind)
    {
        var b = l.Base;
        JsonObject Table(JsonObject body)
        {
            body["table_name"] = "Table1";
            return body;
        }

        return kind switch
        {
            "append v1" => (HttpMethod.Post, b.V1("rows/"), Table(new() { ["row"] = new JsonObject { ["Name"] = "once" } })),
            "append v2 gateway" => (HttpMethod.Post, b.V2("rows/", gateway: true),
                Table(new() { ["rows"] = new JsonArray(new JsonObject { ["Name"] = "once" }, new JsonObject { ["Name"] = "twice" }) })),
            "batch append v1" => (HttpMethod.Post, b.V1("batch-append-rows/"),
                Table(new() { ["rows"] = new JsonArray(new JsonObject { ["Name"] = "once" }) })),
            "update v1" => (HttpMethod.Put, b.V1("rows/"), Table(new() { ["row_id"] = l.People[0], ["row"] = new JsonObject { ["Name"] = "renamed" } })),
            "batch update v1" => (HttpMethod.Put, b.V1("batch-update-rows/"), Table(new()
            {
                ["updates"] = new JsonArray(new JsonObject { ["row_id"] = l.People[0], ["row"] = new JsonObject { ["Name"] = "renamed" } }),
            })),
            "update v2 gateway" => (HttpMethod.Put, b.V2("rows/", gateway: true), Table(new()
            {
                ["updates"] = new JsonArray(new JsonObject { ["row_id"] = l.People[1], ["row"] = new JsonObject { ["Name"] = "renamed" } }),
            })),
            "delete v1" => (HttpMethod.Delete, b.V1("rows/"), Table(new() { ["row_id"] = l.People[0] })),
            "batch delete v1" => (HttpMethod.Delete, b.V1("batch-delete-rows/"), Table(new() { ["row_ids"] = new JsonArray(l.People[0], l.People[1]) })),
            "delete v2 gateway" => (HttpMethod.Delete, b.V2("rows/", gateway: true), Table(new() { ["row_ids"] = new JsonArray(l.People[2]) })),
            "link add v1" => (HttpMethod.Post, b.V1("links/"), LinkPair(l)),
            "link remove v2" => (HttpMethod.Delete, b.V2("links/"), LinkPair(l)),
            "links update v1" => (HttpMethod.Put, b.V1("links/"), new JsonObject
            {
                ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
                ["row_id"] = l.Projects[0], ["other_rows_ids"] = new JsonArray(l.People[0], l.People[1]),
            }),
            "batch update links gateway" => (HttpMethod.Put, b.V2("batch-update-links/", gateway: true), new JsonObject
            {
                ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
                ["row_id_list"] = new JsonArray(l.Projects[1]), ["other_rows_ids_map"] = Map((l.Projects[1], [l.People[2]])),
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body, string key)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The base's content version: it grows with every write.</summary>
    public static async Task<long> VersionAsync(HttpClient client, LinkedBase l) =>
        (await client.GetJsonAsync(l.Base.V1("metadata/")))["metadata"]!["version"]!.GetValue<long>();

    public static async Task<int> RowCountAsync(HttpClient client, LinkedBase l) => (await client.ListRowsAsync(l.Base)).Count;

    private static JsonObject LinkPair(LinkedBase l) => new()
    {
        ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
        ["table_row_id"] = l.Projects[2], ["other_table_row_id"] = l.People[2],
    };
}
