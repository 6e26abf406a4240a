using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sql.Api.SqlCalls;

namespace SeaTable.Tests.Sql.Api;

[Collection(SharedServerCollection.Name)]
public sealed class SqlQueryApiTests_Sqlite(SharedServer server, ClassUsers users) : SqlQueryApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class SqlQueryApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : SqlQueryApiTests(server, users);

/// <summary>
/// The query routes' own checks, before the grain: sql is required (400 in SQL's body), convert_keys a boolean,
/// parameters an array; a body of 1 MB of SQL reaches the grain (whose length bound answers a 4xx); every route
/// with and without its trailing slash.
/// </summary>
public abstract class SqlQueryApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task A_missing_or_empty_sql_is_a_400_in_sql_body_on_every_route()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "sql");
        using var client = b.Owner.Factory.BaseClient(b.Jwt);
        var routes = new[] { Query(b.Uuid), Query(b.Uuid, slash: false), Query(b.Uuid, gateway: true), Query(b.Uuid, gateway: true, slash: false) };
        foreach (var route in routes)
        {
            foreach (var json in new[] { "{}", """{"sql": ""}""", """{"sql": "   "}""", """{"sql": null}""", """{"sql": 5}""", """{"convert_keys": true}""" })
            {
                var (status, body) = await client.PostAsync(route, json);
                Assert.True(status == HttpStatusCode.BadRequest, $"{route} {json}: {(int)status} {body?.ToJsonString()}");
                AssertBody(Error("sql invalid."), body);
            }
        }

        // The same checks for a form body.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["convert_keys"] = "true" });
        var (formStatus, formBody) = await client.SendRawAsync(HttpMethod.Post, Query(b.Uuid), form);
        Assert.Equal(HttpStatusCode.BadRequest, formStatus);
        AssertBody(Error("sql invalid."), JsonNode.Parse(formBody));
    }

    [SkippableFact]
    public async Task Convert_keys_and_parameters_of_the_wrong_kind_are_400()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "sql");
        using var client = b.Owner.Factory.BaseClient(b.Jwt);
        var (status, body) = await client.PostAsync(Query(b.Uuid), """{"sql": "select * from Table1", "convert_keys": "maybe"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertBody(Error("convert_keys invalid."), body);
        (status, body) = await client.PostAsync(Query(b.Uuid, gateway: true), """{"sql": "select * from Table1 where Name = ?", "parameters": "Ada"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertBody(Error("parameters invalid."), body);
        (status, body) = await client.PostAsync(Query(b.Uuid, gateway: true), """{"sql": "select * from Table1 where Name = ?", "parameters": {"a": 1}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertBody(Error("parameters invalid."), body);
    }

    [SkippableFact]
    public async Task A_valid_request_reaches_the_grain_and_comes_back_in_sql_shape()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "sql");
        using var client = b.Owner.Factory.BaseClient(b.Jwt);
        foreach (var route in new[] { Query(b.Uuid), Query(b.Uuid, gateway: true, slash: false) })
        {
            var (status, body) = await client.PostAsync(route, """{"sql": "select * from Table1", "convert_keys": true, "parameters": []}""");
            Assert.True(status == HttpStatusCode.OK, $"{route}: {(int)status} {body?.ToJsonString()}");
            Assert.True(body!["success"]!.GetValue<bool>());
            // A new base's Table1: three empty rows, with the Name column and the system columns.
            Assert.Equal(3, body["results"]!.AsArray().Count);
            Assert.Contains(body["metadata"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "Name");
        }
    }

    [SkippableFact]
    public async Task A_megabyte_of_sql_reaches_the_grain_and_is_a_4xx()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "sql");
        using var client = b.Owner.Factory.BaseClient(b.Jwt);
        var sql = "select * from Table1 where Name = '" + new string('x', 1024 * 1024) + "'";
        var (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = sql });
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}");
        Assert.False(body!["success"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(body["error_message"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task A_base_token_of_another_base_and_no_token_are_refused()
    {
        var owner = await Owner;
        var b = await owner.NewBaseAsync(prefix: "sql");
        var other = await owner.NewBaseAsync(prefix: "sql-other");
        using var foreign = owner.Factory.BaseClient(other.Jwt);
        using var anonymous = owner.Factory.BaseClient(null);
        foreach (var route in new[] { Query(b.Uuid), Query(b.Uuid, gateway: true) })
        {
            var (status, _) = await foreign.PostAsync(route, """{"sql": "select * from Table1"}""");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            (status, _) = await anonymous.PostAsync(route, """{"sql": "select * from Table1"}""");
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)status}");
        }
    }
}
