using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Links;

/// <summary>
/// A base with the default "Table1" (three starter rows, then "Ada", "Bob", "Cy") and a table "Projects"
/// ("P1", "P2", "P3") whose link column "People" links to Table1.
/// </summary>
public sealed record LinkedBase(RowBase Base, string LinkId, string ProjectsId, string PeopleId, IReadOnlyList<string> People, IReadOnlyList<string> Projects)
{
    public string Uuid => Base.Uuid;
}

public static class LinkCalls
{
    /// <summary>The base and a client with its "rw" base token (dispose it).</summary>
    public static async Task<(LinkedBase Base, HttpClient Client)> NewLinkedBaseAsync(this ApiUser owner)
    {
        var b = await owner.NewBaseAsync(prefix: "links");
        var client = owner.Factory.BaseClient(b.Jwt);
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject
        {
            ["table_name"] = "Projects", ["lang"] = "en",
            ["columns"] = new JsonArray(
                new JsonObject { ["column_name"] = "Title", ["column_type"] = "text" },
                new JsonObject { ["column_name"] = "People", ["column_type"] = "link", ["column_data"] = new JsonObject { ["other_table"] = "Table1" } }),
        });
        var people = new List<string>();
        foreach (var name in new[] { "Ada", "Bob", "Cy" })
        {
            people.Add((await client.AppendRowAsync(b, new JsonObject { ["Name"] = name })).Str("_id"));
        }

        var projects = new List<string>();
        foreach (var title in new[] { "P1", "P2", "P3" })
        {
            projects.Add((await client.AppendRowAsync(b, new JsonObject { ["Title"] = title }, "Projects")).Str("_id"));
        }

        var tables = (await client.GetJsonAsync(b.V1("metadata/")))["metadata"].Objects("tables");
        var projectsTable = tables.Single(t => t.Str("name") == "Projects");
        var linkId = projectsTable.Objects("columns").Single(c => c.Str("name") == "People")["data"].Str("link_id");
        return (new LinkedBase(b, linkId, projectsTable.Str("_id"), tables.Single(t => t.Str("name") == "Table1").Str("_id"), people, projects), client);
    }

    /// <summary>Each project's linked people (row ids), read through v1 rows.</summary>
    public static async Task<Dictionary<string, List<string>>> ProjectLinksAsync(this HttpClient client, LinkedBase l) =>
        (await client.ListRowsAsync(l.Base, "Projects")).ToDictionary(r => r.Str("_id"), r => r["People"]!.AsArray().Select(i => i!.GetValue<string>()).ToList());

    /// <summary>Each person's linked projects (the other side of the same link).</summary>
    public static async Task<Dictionary<string, List<string>>> PeopleLinksAsync(this HttpClient client, LinkedBase l) =>
        (await client.ListRowsAsync(l.Base)).Where(r => r["Projects"] is not null)
            .ToDictionary(r => r.Str("_id"), r => r["Projects"]!.AsArray().Select(i => i!.GetValue<string>()).ToList());

    public static JsonObject Map(params (string Row, string[] Others)[] rows)
    {
        var map = new JsonObject();
        foreach (var (row, others) in rows)
        {
            map[row] = new JsonArray([.. others.Select(o => (JsonNode)o)]);
        }

        return map;
    }

    /// <summary>A call expected to fail: its status and parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> FailAsync(this HttpClient client, HttpMethod method, string uri, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var (status, body) = await client.SendRawAsync(method, uri, content);
        Assert.True((int)status is >= 400 and < 500, $"{method} {uri} {json}: {(int)status} {body}");
        return (status, JsonNode.Parse(body)!.AsObject());
    }
}
