using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Links;
using static SeaTable.Tests.Links.LinkCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sql.Api.SqlCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Sql.Api;

[Collection(SharedServerCollection.Name)]
public sealed class LinkedRecordsApiTests_Sqlite(SharedServer server, ClassUsers users) : LinkedRecordsApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class LinkedRecordsApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : LinkedRecordsApiTests(server, users);

/// <summary>
/// dtable-db's linked-records and the gateway's query-links (sql-reference.md 1.3): {row_id: [{row_id, display_value}]}
/// for many rows at once, each paged by its own offset and limit (10 by default, at most 100), linked rows by creation
/// time; unknown tables and columns and bad bodies a 400 in SQL's body, an unknown row an empty list.
/// </summary>
public abstract class LinkedRecordsApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    /// <summary>P1 linked to Cy then Ada (so creation order differs from link order), P2 to Bob, P3 to nobody.</summary>
    private async Task<(LinkedBase Base, HttpClient Client, string PeopleKey)> LinkedAsync()
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["row_id"] = l.Projects[0], ["other_rows_ids"] = new JsonArray(l.People[2], l.People[0]),
        });
        await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["row_id"] = l.Projects[1], ["other_rows_ids"] = new JsonArray(l.People[1]),
        });
        return (l, client, await client.ColumnKeyAsync(l.Base, "Projects", "People"));
    }

    private static JsonObject Linked(string rowId, string display) => new() { ["row_id"] = rowId, ["display_value"] = display };

    private static JsonArray Rows(params JsonNode[] rows) => new(rows);

    private static JsonObject Row(string id, int? offset = null, int? limit = null)
    {
        var row = new JsonObject { ["row_id"] = id };
        if (offset is { } o)
        {
            row["offset"] = o;
        }

        if (limit is { } l)
        {
            row["limit"] = l;
        }

        return row;
    }

    [SkippableFact]
    public async Task Answers_each_requested_row_with_its_linked_rows_and_display_values()
    {
        var (l, client, key) = await LinkedAsync();
        using var _ = client;
        var (p, people) = (l.Projects, l.People);
        var (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), new JsonObject
        {
            ["table_id"] = l.ProjectsId, ["link_column"] = key, ["rows"] = Rows(Row(p[0]), Row(p[1]), Row(p[2])),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        // A plain object in the request's order; P1's rows by creation time (Ada before Cy), not in link order.
        var expected = new JsonObject
        {
            [p[0]] = new JsonArray(Linked(people[0], "Ada"), Linked(people[2], "Cy")),
            [p[1]] = new JsonArray(Linked(people[1], "Bob")),
            [p[2]] = new JsonArray(),
        };
        Assert.Equal(expected.ToJsonString(), body!.ToJsonString());
    }

    [SkippableFact]
    public async Task The_other_side_of_the_link_shows_the_other_table_display_column()
    {
        var (l, client, _) = await LinkedAsync();
        using var __ = client;
        var backKey = await client.ColumnKeyAsync(l.Base, "Table1", "Projects");
        var (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), new JsonObject
        {
            ["table_id"] = l.PeopleId, ["link_column"] = backKey, ["rows"] = Rows(Row(l.People[0]), Row(l.People[1])),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new JsonObject
        {
            [l.People[0]] = new JsonArray(Linked(l.Projects[0], "P1")),
            [l.People[1]] = new JsonArray(Linked(l.Projects[1], "P2")),
        }.ToJsonString(), body!.ToJsonString());
    }

    [SkippableFact]
    public async Task A_select_display_column_shows_option_names_and_an_empty_cell_an_empty_string()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "linked-select");
        using var client = Server.Factory.BaseClient(b.Jwt);
        // "Levels" starts with a single-select column, so links to it display that column.
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject
        {
            ["table_name"] = "Levels", ["lang"] = "en",
            ["columns"] = new JsonArray(new JsonObject { ["column_name"] = "Level", ["column_type"] = "single-select" }),
        });
        await client.SendJsonAsync(HttpMethod.Post, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Levels", ["column"] = "Level",
            ["options"] = new JsonArray(new JsonObject { ["name"] = "gold" }, new JsonObject { ["name"] = "silver" }),
        });
        var gold = (await client.AppendRowAsync(b, new JsonObject { ["Level"] = "gold" }, "Levels")).Str("_id");
        var none = (await client.AppendRowAsync(b, new JsonObject(), "Levels")).Str("_id");
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject
        {
            ["table_name"] = "Players", ["lang"] = "en",
            ["columns"] = new JsonArray(
                new JsonObject { ["column_name"] = "Player", ["column_type"] = "text" },
                new JsonObject { ["column_name"] = "Rank", ["column_type"] = "link", ["column_data"] = new JsonObject { ["other_table"] = "Levels" } }),
        });
        var player = (await client.AppendRowAsync(b, new JsonObject { ["Player"] = "ann" }, "Players")).Str("_id");
        var tables = (await client.GetJsonAsync(b.V1("metadata/")))["metadata"].Objects("tables");
        var players = tables.Single(t => t.Str("name") == "Players");
        var rank = players.Objects("columns").Single(c => c.Str("name") == "Rank");
        await client.SendJsonAsync(HttpMethod.Put, b.V1("links/"), new JsonObject
        {
            ["link_id"] = rank["data"].Str("link_id"), ["table_name"] = "Players", ["other_table_name"] = "Levels",
            ["row_id"] = player, ["other_rows_ids"] = new JsonArray(gold, none),
        });

        var (status, body) = await client.PostAsync(LinkedRecords(b.Uuid), new JsonObject
        {
            ["table_id"] = players.Str("_id"), ["link_column"] = rank.Str("key"), ["rows"] = Rows(Row(player)),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new JsonObject { [player] = new JsonArray(Linked(gold, "gold"), Linked(none, "")) }.ToJsonString(), body!.ToJsonString());
    }

    [SkippableFact]
    public async Task Each_row_is_paged_by_its_own_offset_and_limit()
    {
        var (l, client, key) = await LinkedAsync();
        using var _ = client;
        // Twelve more people linked to P3: a page without a limit holds ten.
        var more = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            more.Add((await client.AppendRowAsync(l.Base, new JsonObject { ["Name"] = $"M{i:00}" })).Str("_id"));
        }

        await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["row_id"] = l.Projects[2], ["other_rows_ids"] = new JsonArray([.. Enumerable.Reverse(more).Select(m => (JsonNode)m)]),
        });
        var (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), new JsonObject
        {
            ["table_id"] = l.ProjectsId, ["link_column"] = key,
            ["rows"] = Rows(Row(l.Projects[2]), Row(l.Projects[0], offset: 1, limit: 1)),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(more.Take(10), body![l.Projects[2]]!.AsArray().Select(r => r!["row_id"]!.GetValue<string>()));
        Assert.Equal(new JsonArray(Linked(l.People[2], "Cy")).ToJsonString(), body[l.Projects[0]]!.ToJsonString());

        // Offset past the end, limit 0, a limit above 100 (lowered), numbers sent as text.
        (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), new JsonObject
        {
            ["table_id"] = l.ProjectsId, ["link_column"] = key,
            ["rows"] = Rows(Row(l.Projects[2], offset: 10, limit: 500), Row(l.Projects[1], offset: 5), Row(l.Projects[0], limit: 0)),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(more.Skip(10), body![l.Projects[2]]!.AsArray().Select(r => r!["row_id"]!.GetValue<string>()));
        Assert.Empty(body[l.Projects[1]]!.AsArray());
        Assert.Empty(body[l.Projects[0]]!.AsArray());

        (status, body) = await client.PostAsync(LinkedRecords(l.Uuid),
            $$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{"row_id": "{{l.Projects[2]}}", "offset": "11", "limit": "5"}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([more[11]], body![l.Projects[2]]!.AsArray().Select(r => r!["row_id"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task The_gateway_route_takes_its_own_field_names_and_both_routes_work_without_the_slash()
    {
        var (l, client, key) = await LinkedAsync();
        using var _ = client;
        var expected = new JsonObject { [l.Projects[1]] = new JsonArray(Linked(l.People[1], "Bob")) }.ToJsonString();
        var bodies = new (string Route, JsonObject Body)[]
        {
            // The clients' get_linked_records through the gateway.
            (LinkedRecords(l.Uuid, gateway: true), new JsonObject { ["table_id"] = l.ProjectsId, ["link_column_key"] = key, ["rows"] = Rows(Row(l.Projects[1])) }),
            // SeaTable's own tests: names.
            (LinkedRecords(l.Uuid, gateway: true, slash: false), new JsonObject { ["table_name"] = "Projects", ["link_column_name"] = "People", ["rows"] = Rows(Row(l.Projects[1])) }),
            // dtable-db without the slash (the SQL plugin's form), the table by name, the column by name.
            (LinkedRecords(l.Uuid, slash: false), new JsonObject { ["table_id"] = "Projects", ["link_column"] = "People", ["rows"] = Rows(Row(l.Projects[1])) }),
        };
        foreach (var (route, request) in bodies)
        {
            var (status, body) = await client.PostAsync(route, request);
            Assert.True(status == HttpStatusCode.OK, $"{route} {request.ToJsonString()}: {(int)status} {body?.ToJsonString()}");
            Assert.Equal(expected, body!.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task Unknown_rows_answer_an_empty_list_and_a_repeated_row_is_answered_once()
    {
        var (l, client, key) = await LinkedAsync();
        using var _ = client;
        var (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), new JsonObject
        {
            ["table_id"] = l.ProjectsId, ["link_column"] = key,
            ["rows"] = Rows(Row("AAAAAAAAAAAAAAAAAAAAAA"), Row(l.Projects[1]), Row(l.Projects[1], offset: 3)),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new JsonObject
        {
            ["AAAAAAAAAAAAAAAAAAAAAA"] = new JsonArray(),
            [l.Projects[1]] = new JsonArray(Linked(l.People[1], "Bob")),
        }.ToJsonString(), body!.ToJsonString());
    }

    [SkippableFact]
    public async Task A_deleted_linked_row_is_no_longer_listed()
    {
        var (l, client, key) = await LinkedAsync();
        using var _ = client;
        await client.SendJsonAsync(HttpMethod.Delete, l.Base.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row_id"] = l.People[0] });
        var (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), new JsonObject
        {
            ["table_id"] = l.ProjectsId, ["link_column"] = key, ["rows"] = Rows(Row(l.Projects[0])),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new JsonObject { [l.Projects[0]] = new JsonArray(Linked(l.People[2], "Cy")) }.ToJsonString(), body!.ToJsonString());
    }

    [SkippableFact]
    public async Task Unknown_tables_and_columns_and_bad_bodies_are_400_in_sql_body()
    {
        var (l, client, key) = await LinkedAsync();
        using var _ = client;
        var titleKey = await client.ColumnKeyAsync(l.Base, "Projects", "Title");
        var row = $$"""[{"row_id": "{{l.Projects[0]}}"}]""";
        var cases = new (string Body, string Message)[]
        {
            ($$"""{"table_id": "zzzz", "link_column": "{{key}}", "rows": {{row}}}""", "table zzzz not found"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "zzzz", "rows": {{row}}}""", "column zzzz not found"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{titleKey}}", "rows": {{row}}}""", $"column {titleKey} is not a link column"),
            ($$"""{"link_column": "{{key}}", "rows": {{row}}}""", "table_id invalid."),
            ($$"""{"table_id": "{{l.ProjectsId}}", "rows": {{row}}}""", "link_column invalid."),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}"}""", "rows invalid."),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": []}""", "rows invalid."),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": {"row_id": "x"} }""", "rows invalid."),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": ["{{l.Projects[0]}}"]}""", "rows invalid"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{"offset": 0}]}""", "rows invalid"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{"row_id": 5}]}""", "rows invalid"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{"row_id": "{{l.Projects[0]}}", "offset": -1}]}""", "rows invalid"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{"row_id": "{{l.Projects[0]}}", "limit": "ten"}]}""", "rows invalid"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{"row_id": "{{l.Projects[0]}}", "limit": 1.5}]}""", "rows invalid"),
            ($$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{{string.Join(",", Enumerable.Repeat(row[1..^1], 1001))}}]}""",
                "rows exceeded: at most 1000 rows per request."),
        };
        foreach (var (json, message) in cases)
        {
            var (status, body) = await client.PostAsync(LinkedRecords(l.Uuid), json);
            Assert.True(status == HttpStatusCode.BadRequest, $"{json[..Math.Min(json.Length, 200)]}: {(int)status} {body?.ToJsonString()}");
            AssertBody(Error(message), body);
        }

        // Not JSON at all: the house's 400 before any endpoint.
        var (notJson, _) = await client.PostAsync(LinkedRecords(l.Uuid), "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, notJson);

        // 1,000 rows are fine.
        var (ok, thousand) = await client.PostAsync(LinkedRecords(l.Uuid),
            $$"""{"table_id": "{{l.ProjectsId}}", "link_column": "{{key}}", "rows": [{{string.Join(",", Enumerable.Repeat(row[1..^1], 1000))}}]}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(2, thousand![l.Projects[0]]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task A_read_only_token_reads_linked_records_and_another_base_token_is_refused()
    {
        var (l, client, key) = await LinkedAsync();
        using var rw = client;
        var owner = await Owner;
        using var account = owner.Client();
        var readOnly = await account.CreateApiTokenAsync(owner.WorkspaceId, l.Base.Name, "linked-reader", "r");
        using var reader = owner.Factory.BaseClient(await owner.Factory.ExchangeJwtAsync(readOnly.Str("api_token")));
        var request = new JsonObject { ["table_id"] = l.ProjectsId, ["link_column"] = key, ["rows"] = Rows(Row(l.Projects[1])) };
        var (status, body) = await reader.PostAsync(LinkedRecords(l.Uuid), request);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new JsonObject { [l.Projects[1]] = new JsonArray(Linked(l.People[1], "Bob")) }.ToJsonString(), body!.ToJsonString());

        var other = await owner.NewBaseAsync(prefix: "linked-other");
        using var foreign = owner.Factory.BaseClient(other.Jwt);
        (status, _) = await foreign.PostAsync(LinkedRecords(l.Uuid), request.DeepClone());
        Assert.Equal(HttpStatusCode.Forbidden, status);

        using var anonymous = owner.Factory.BaseClient(null);
        (status, _) = await anonymous.PostAsync(LinkedRecords(l.Uuid, gateway: true), request.DeepClone());
        Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)status}");
    }
}
