using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;
using static SeaTable.Tests.Sql.Api.SqlCalls;

namespace SeaTable.Tests.Sql.Api;

[Collection(SharedServerCollection.Name)]
public sealed class SqlWriteApiTests_Sqlite(SharedServer server, ClassUsers users) : SqlWriteApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class SqlWriteApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : SqlWriteApiTests(server, users);

/// <summary>
/// What the endpoint hands the grain, seen through the engine's answers: CanWrite is the token's "rw" (an "r" app
/// token and the user's own token of an "r" share are refused UPDATE and DELETE with 403 in SQL's body, nothing
/// written; "rw" writes), convert_keys and parameters reach the statement. These wait for the SQL engine.
/// </summary>
public abstract class SqlWriteApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task An_r_token_may_select_but_not_update_or_delete_and_an_rw_token_may()
    {
        var owner = await Owner;
        var b = await owner.NewBaseAsync(prefix: "sql-write");
        using var rw = owner.Factory.BaseClient(b.Jwt);
        var id = (await rw.AppendRowAsync(b, new JsonObject { ["Name"] = "before" })).Str("_id");
        using var account = owner.Client();
        var readOnly = await account.CreateApiTokenAsync(owner.WorkspaceId, b.Name, "sql-reader", "r");
        using var r = owner.Factory.BaseClient(await owner.Factory.ExchangeJwtAsync(readOnly.Str("api_token")));

        var (status, body) = await r.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "SELECT Name FROM Table1 WHERE Name = 'before'", ["convert_keys"] = true });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("before", Assert.Single(body!["results"]!.AsArray())!["Name"]!.GetValue<string>());

        foreach (var sql in new[] { "UPDATE Table1 SET Name = 'after' WHERE Name = 'before'", "DELETE FROM Table1 WHERE Name = 'before'" })
        {
            foreach (var route in new[] { Query(b.Uuid), Query(b.Uuid, gateway: true, slash: false) })
            {
                (status, body) = await r.PostAsync(route, new JsonObject { ["sql"] = sql });
                Assert.True(status == HttpStatusCode.Forbidden, $"{route} {sql}: {(int)status} {body?.ToJsonString()}");
                Assert.False(body!["success"]!.GetValue<bool>());
                Assert.False(string.IsNullOrEmpty(body["error_message"]!.GetValue<string>()));
            }
        }

        Assert.Equal("before", (await rw.GetJsonAsync(b.V1($"rows/{id}/?table_name=Table1")))["Name"]!.GetValue<string>());

        (status, body) = await rw.PostAsync(Query(b.Uuid, gateway: true), new JsonObject
        {
            ["sql"] = "UPDATE Table1 SET Name = ? WHERE Name = ?", ["parameters"] = new JsonArray("after", "before"),
        });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.True(body!["success"]!.GetValue<bool>());
        Assert.Equal("after", (await rw.GetJsonAsync(b.V1($"rows/{id}/?table_name=Table1")))["Name"]!.GetValue<string>());

        // The last modifier is the app, as for the row API's writes.
        (status, body) = await rw.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = $"SELECT _last_modifier FROM Table1 WHERE _id = '{id}'" });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(b.AppName, Assert.Single(body!["results"]!.AsArray())!["_last_modifier"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Convert_keys_chooses_names_or_keys()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "sql-keys");
        using var client = b.Owner.Factory.BaseClient(b.Jwt);
        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "keyed" });
        var (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "SELECT Name FROM Table1 WHERE Name = 'keyed'" });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        // The default is keys: Table1's first column is "0000".
        Assert.Equal("keyed", Assert.Single(body!["results"]!.AsArray())!["0000"]!.GetValue<string>());
        (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "SELECT Name FROM Table1 WHERE Name = 'keyed'", ["convert_keys"] = true });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("keyed", Assert.Single(body!["results"]!.AsArray())!["Name"]!.GetValue<string>());
    }
}
