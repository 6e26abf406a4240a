using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using SeaTable.Tests.Sockets;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sql.Api.SqlCalls;

namespace SeaTable.Tests.Sql.Api;

[Collection(SharedServerCollection.Name)]
public sealed class SqlHostileInputTests_Sqlite(SharedServer server, ClassUsers users) : SqlHostileInputTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class SqlHostileInputTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : SqlHostileInputTests(server, users);

/// <summary>
/// Bad and hostile statements through the server: each is a 4xx in SQL's error body, the base's grain still
/// answers the next statement at once, and nothing is half-written. Writes are one operation each, sent to the
/// base's sockets as "update-dtable".
/// </summary>
public abstract class SqlHostileInputTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    public static TheoryData<string, string> Statements => new()
    {
        { "SELEC * FORM Table1", "syntax" },
        { "SELECT * FROM Table1 WHERE", "syntax" },
        { "SELECT * FROM Nope", "no such table: Nope" },
        { "SELECT Nope FROM Table1", "no such column: Nope" },
        { "SELECT left('abc') FROM Table1", "left" },
        { "SELECT nosuch(Name) FROM Table1", "Unknown function" },
        { "SELECT Name + 1 FROM Table1", "Arithmetic" },
        { "SELECT Age / 0 FROM Table1", "Division by zero" },
        { "UPDATE Table1 SET _id = 'x'", "read-only" },
        { "UPDATE Table1 SET Age = 'not a number'", "Age" },
        { "INSERT INTO Table1 (Name) VALUES ('x')", "big data" },
        { "SELECT * FROM Table1; DROP TABLE Table1", "" },
        { "SELECT * FROM Table1 a, Table1 b", "" },
        { "SELECT year(Name) FROM Table1", "year" },
    };

    [SkippableTheory]
    [MemberData(nameof(Statements))]
    public async Task A_bad_statement_is_a_400_in_sql_body_and_changes_nothing(string sql, string mentions)
    {
        var (b, client) = await BaseAsync();
        var (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = sql });
        Assert.True(status == HttpStatusCode.BadRequest, $"{sql}: {(int)status} {body?.ToJsonString()}");
        Assert.False(body!["success"]!.GetValue<bool>());
        var message = body["error_message"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Contains(mentions, message, StringComparison.OrdinalIgnoreCase);
        await AssertUnchangedAsync(b, client);
    }

    [SkippableFact]
    public async Task Huge_and_deeply_nested_statements_are_refused_quickly_and_the_grain_goes_on()
    {
        var (b, client) = await BaseAsync();
        var hostile = new[]
        {
            "SELECT * FROM Table1 WHERE Age = " + new string('(', 10_000) + "1" + new string(')', 10_000),
            "SELECT * FROM Table1 WHERE " + string.Concat(Enumerable.Repeat("NOT ", 10_000)) + "Age = 1",
            "SELECT " + string.Join(" + ", Enumerable.Repeat("Age", 60_000)) + " FROM Table1",
            "SELECT * FROM Table1 WHERE Name = '" + new string('x', 1024 * 1024) + "'",
            "SELECT " + new string('-', 50_000) + "1 FROM Table1",
        };
        foreach (var sql in hostile)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var (status, body) = await client.PostAsync(Query(b.Uuid, gateway: true), new JsonObject { ["sql"] = sql });
            Assert.True(status == HttpStatusCode.BadRequest, $"{sql[..40]}…: {(int)status} {body?.ToJsonString()[..Math.Min(200, body?.ToJsonString().Length ?? 0)]}");
            Assert.False(body!["success"]!.GetValue<bool>());
            // Not a timing assertion on the answer: a bound that is checked before the work cannot take the statement's time.
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"{sql[..40]}… took {started.Elapsed}");
            await AssertUnchangedAsync(b, client);
        }
    }

    [SkippableFact]
    public async Task An_update_and_a_delete_are_each_one_operation_sent_to_the_room()
    {
        var (b, client) = await BaseAsync();
        await using var socket = await Server.Factory.JoinRoomAsync(b);
        var (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "UPDATE Table1 SET Age = 99 WHERE Age > 20" });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(2, body!["affected_rows"]!.GetValue<int>());
        var modified = await socket.NextOperationAsync();
        Assert.Equal("modify_rows", modified.Str("op_type"));
        Assert.Equal(2, modified["row_ids"]!.AsArray().Count);

        (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "DELETE FROM Table1 WHERE Age = 99" });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var deleted = await socket.NextOperationAsync();
        Assert.Equal("delete_rows", deleted.Str("op_type"));
        Assert.Equal(2, deleted["row_ids"]!.AsArray().Count);
        (_, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "SELECT COUNT(*) AS n FROM Table1" });
        Assert.Equal(4, body!["results"]![0]!["n"]!.GetValue<int>());
    }

    private async Task<(RowBase Base, HttpClient Client)> BaseAsync()
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync(prefix: "sql-hostile");
        var client = owner.Factory.BaseClient(b.Jwt);
        using (var content = new StringContent("""{"table_name": "Table1", "column_name": "Age", "column_type": "number"}""", Encoding.UTF8, "application/json"))
        {
            var (status, text) = await client.SendRawAsync(HttpMethod.Post, b.V1("columns/"), content);
            Assert.True(status == HttpStatusCode.OK, text);
        }

        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "Ada", ["Age"] = 36 });
        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "Grace", ["Age"] = 45 });
        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "Linus", ["Age"] = 12 });
        return (b, client);
    }

    /// <summary>Table1's three empty rows and the three appended, as they were, answered at once by the same grain.</summary>
    private static async Task AssertUnchangedAsync(RowBase b, HttpClient client)
    {
        var (status, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "SELECT Name, Age FROM Table1 WHERE Age IS NOT NULL ORDER BY Age", ["convert_keys"] = true });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(["Linus:12", "Ada:36", "Grace:45"],
            body!["results"]!.AsArray().Select(r => $"{r!["Name"]}:{r["Age"]}"));
        (_, body) = await client.PostAsync(Query(b.Uuid), new JsonObject { ["sql"] = "SELECT COUNT(*) AS n FROM Table1" });
        Assert.Equal(6, body!["results"]![0]!["n"]!.GetValue<int>());
    }
}
