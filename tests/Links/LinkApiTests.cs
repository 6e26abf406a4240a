using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Links.LinkCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Links;

[Collection(SharedServerCollection.Name)]
public sealed class LinkApiTests_Sqlite(SharedServer server, ClassUsers users) : LinkApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class LinkApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : LinkApiTests(server, users);

/// <summary>
/// Links as SeaTable's clients write them (issue 14, item 3): the batch forms of POST and DELETE links/ with
/// other_rows_ids_map (Python batch_add_links / batch_remove_links, and the gateway's add_link), PUT links/ in the
/// v1 shape (update_link: row_id, other_rows_ids; npm updateLink with table ids only) and in the gateway's
/// (row_id_list, other_rows_ids_map), PUT batch-update-links/; and their bad input, each a 4xx, nothing written.
/// </summary>
public abstract class LinkApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    private async Task<(LinkedBase Base, HttpClient Client)> LinkedAsync() => await (await Owner).NewLinkedBaseAsync();

    [SkippableFact]
    public async Task Batch_add_and_remove_take_the_map_on_v1_and_the_gateway()
    {
        var (l, client) = await LinkedAsync();
        using var _ = client;
        var (p, people) = (l.Projects, l.People);

        // Python batch_add_links (v1): names, the map.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["other_rows_ids_map"] = Map((p[0], [people[0], people[1]]), (p[1], [people[1]])),
        }));
        var links = await client.ProjectLinksAsync(l);
        Assert.Equal([people[0], people[1]], links[p[0]]);
        Assert.Equal([people[1]], links[p[1]]);
        Assert.Empty(links[p[2]]);
        var back = await client.PeopleLinksAsync(l);
        Assert.Equal([p[0], p[1]], back[people[1]]);

        // The gateway's add_link: ids only, a pair already linked is skipped.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, l.Base.V2("links/", gateway: true), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
            ["other_rows_ids_map"] = Map((p[2], [people[2]]), (p[0], [people[0]])),
        }));
        links = await client.ProjectLinksAsync(l);
        Assert.Equal([people[2]], links[p[2]]);
        Assert.Equal([people[0], people[1]], links[p[0]]);

        // From the other side of the link: the map's rows are Table1's.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Table1", ["other_table_name"] = "Projects",
            ["other_rows_ids_map"] = Map((people[2], [p[1]])),
        }));
        Assert.Equal([people[1], people[2]], (await client.ProjectLinksAsync(l))[p[1]]);

        // Python batch_remove_links (v1) answers success; the gateway also counts the links it removed.
        Assert.Equal(new JsonObject { ["success"] = true }.ToJsonString(), (await client.SendJsonAsync(HttpMethod.Delete, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["other_rows_ids_map"] = Map((p[0], [people[0]])),
        })).ToJsonString());
        var removed = await client.SendJsonAsync(HttpMethod.Delete, l.Base.V2("links/", gateway: true), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
            ["other_rows_ids_map"] = Map((p[0], [people[1], people[2]]), (p[1], [people[1]])),
        });
        Assert.True(removed["success"]!.GetValue<bool>());
        Assert.Equal(2, removed.Long("deleted_links_count"));
        links = await client.ProjectLinksAsync(l);
        Assert.Empty(links[p[0]]);
        Assert.Equal([people[2]], links[p[1]]);

        // The single forms keep working.
        var single = new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["table_row_id"] = p[0], ["other_table_row_id"] = people[2],
        };
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), single));
        Assert.Equal([people[2]], (await client.ProjectLinksAsync(l))[p[0]]);
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Delete, l.Base.V1("links/"), single.DeepClone()));
        Assert.Empty((await client.ProjectLinksAsync(l))[p[0]]);
    }

    [SkippableFact]
    public async Task Put_links_replaces_a_rows_links_in_either_shape_and_batch_update_links_many()
    {
        var (l, client) = await LinkedAsync();
        using var _ = client;
        var (p, people) = (l.Projects, l.People);

        // Python update_link (v1): names, row_id, other_rows_ids.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["row_id"] = p[0], ["other_rows_ids"] = new JsonArray(people[0], people[1]),
        }));
        Assert.Equal([people[0], people[1]], (await client.ProjectLinksAsync(l))[p[0]]);

        // npm updateLink: table ids only; the old links go.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
            ["row_id"] = p[0], ["other_rows_ids"] = new JsonArray(people[2]),
        }));
        Assert.Equal([people[2]], (await client.ProjectLinksAsync(l))[p[0]]);
        Assert.DoesNotContain(p[0], (await client.PeopleLinksAsync(l))[people[0]]);

        // The gateway's update_link: row_id_list and the map.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, l.Base.V2("links/", gateway: true), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
            ["row_id_list"] = new JsonArray(p[1]), ["other_rows_ids_map"] = Map((p[1], [people[0], people[2]])),
        }));
        var links = await client.ProjectLinksAsync(l);
        Assert.Equal([people[0], people[2]], links[p[1]]);
        Assert.Equal([people[2]], links[p[0]]);

        // An empty list clears.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["row_id"] = p[0], ["other_rows_ids"] = new JsonArray(),
        }));
        Assert.Empty((await client.ProjectLinksAsync(l))[p[0]]);

        // batch_update_links (v1 and v2): a listed row left out of the map loses its links.
        foreach (var path in new[] { l.Base.V1("batch-update-links/"), l.Base.V2("batch-update-links/", gateway: true) })
        {
            AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, path, new JsonObject
            {
                ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
                ["row_id_list"] = new JsonArray(p[0], p[1], p[2]),
                ["other_rows_ids_map"] = Map((p[0], [people[1]]), (p[2], [people[0], people[1]])),
            }));
            links = await client.ProjectLinksAsync(l);
            Assert.Equal([people[1]], links[p[0]]);
            Assert.Empty(links[p[1]]);
            Assert.Equal([people[0], people[1]], links[p[2]]);
            Assert.Equal([p[0], p[2]], (await client.PeopleLinksAsync(l))[people[1]]);
        }
    }

    [SkippableFact]
    public async Task The_gateway_lists_link_cells_with_display_values_unless_told_otherwise()
    {
        var (l, client) = await LinkedAsync();
        using var _ = client;
        await client.SendJsonAsync(HttpMethod.Post, l.Base.V2("links/", gateway: true), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["other_rows_ids_map"] = Map((l.Projects[0], [l.People[1]])),
        });
        var row = (await client.GetJsonAsync(l.Base.V2("rows/?table_name=Projects&convert_keys=true", gateway: true))).Objects("rows")[0];
        var cell = Assert.Single(row["People"]!.AsArray())!;
        Assert.Equal(l.People[1], cell.Str("row_id"));
        Assert.Equal("Bob", cell.Str("display_value"));
        Assert.Equal("Bob", (await client.GetJsonAsync(l.Base.V2($"rows/{l.Projects[0]}/?table_name=Projects", gateway: true)))["People"]![0].Str("display_value"));
        var ids = (await client.GetJsonAsync(l.Base.V2("rows/?table_name=Projects&convert_link_id=false", gateway: true))).Objects("rows")[0];
        Assert.Equal(l.People[1], Assert.Single(ids["People"]!.AsArray())!.GetValue<string>());
        // v1 keeps dtable-server's default: row ids.
        Assert.Equal([l.People[1]], (await client.ProjectLinksAsync(l))[l.Projects[0]]);
    }

    [SkippableFact]
    public async Task Bad_links_input_answers_seatable_errors_and_writes_nothing()
    {
        var (l, client) = await LinkedAsync();
        using var _ = client;
        var (p, people) = (l.Projects, l.People);
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["other_rows_ids_map"] = Map((p[0], [people[0]])),
        }));
        await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("tables/"), new JsonObject { ["table_name"] = "Elsewhere", ["lang"] = "en" });
        var before = await client.ProjectLinksAsync(l);
        var missing = "AAAAAAAAAAAAAAAAAAAAAA";
        string Body(string link, string table, string other, string rest) =>
            $$"""{"link_id": "{{link}}", "table_name": "{{table}}", "other_table_name": "{{other}}", {{rest}}}""";
        var good = $$"""{"{{p[1]}}": ["{{people[1]}}"]}""";

        var cases = new (HttpMethod Method, string Path, string Json, HttpStatusCode Status, string Key, string Text)[]
        {
            // A missing row anywhere in the map: nothing of the map is written (p[1] stays unlinked).
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Table1", $$"""
                "other_rows_ids_map": {"{{p[1]}}": ["{{people[1]}}"], "{{missing}}": ["{{people[1]}}"]}
                """), HttpStatusCode.BadRequest, "error_type", "row_not_exist"),
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Table1", $$"""
                "other_rows_ids_map": {"{{p[1]}}": ["{{people[1]}}", "{{missing}}"]}
                """), HttpStatusCode.BadRequest, "error_type", "row_not_exist"),
            (HttpMethod.Put, "links/", Body(l.LinkId, "Projects", "Table1", $$"""
                "row_id": "{{missing}}", "other_rows_ids": []
                """), HttpStatusCode.BadRequest, "error_type", "row_not_exist"),
            (HttpMethod.Put, "batch-update-links/", Body(l.LinkId, "Projects", "Table1", $$"""
                "row_id_list": ["{{p[0]}}", "{{missing}}"], "other_rows_ids_map": {}
                """), HttpStatusCode.BadRequest, "error_type", "row_not_exist"),
            // A wrong link id, a table that is not in the link, a table that does not exist.
            (HttpMethod.Post, "links/", Body("zzzz", "Projects", "Table1", $"\"other_rows_ids_map\": {good}"), HttpStatusCode.BadRequest, "error_type", "link_not_exist"),
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Elsewhere", $"\"other_rows_ids_map\": {good}"), HttpStatusCode.BadRequest, "error_type", "link_not_exist"),
            (HttpMethod.Put, "links/", Body(l.LinkId, "Elsewhere", "Table1", $"\"row_id\": \"{p[1]}\", \"other_rows_ids\": []"), HttpStatusCode.BadRequest, "error_type", "link_not_exist"),
            (HttpMethod.Delete, "links/", Body(l.LinkId, "Projects", "Nowhere", $"\"other_rows_ids_map\": {good}"), HttpStatusCode.BadRequest, "error_type", "table_not_exist"),
            // Malformed maps and lists.
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Table1", "\"other_rows_ids_map\": []"), HttpStatusCode.BadRequest, "error_msg", "other_rows_ids_map invalid."),
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Table1", "\"other_rows_ids_map\": {}"), HttpStatusCode.BadRequest, "error_msg", "other_rows_ids_map invalid."),
            (HttpMethod.Delete, "links/", Body(l.LinkId, "Projects", "Table1", $"\"other_rows_ids_map\": {{\"{p[1]}\": \"{people[1]}\"}}"), HttpStatusCode.BadRequest, "error_msg", "other_rows_ids_map invalid."),
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Table1", $"\"other_rows_ids_map\": {{\"{p[1]}\": [1, 2]}}"), HttpStatusCode.BadRequest, "error_msg", "other_rows_ids_map invalid."),
            (HttpMethod.Put, "links/", Body(l.LinkId, "Projects", "Table1", $"\"row_id\": \"{p[1]}\", \"other_rows_ids\": \"{people[1]}\""), HttpStatusCode.BadRequest, "error_msg", "other_rows_ids invalid."),
            (HttpMethod.Put, "links/", Body(l.LinkId, "Projects", "Table1", "\"other_rows_ids\": []"), HttpStatusCode.BadRequest, "error_msg", "row_id invalid."),
            (HttpMethod.Put, "batch-update-links/", Body(l.LinkId, "Projects", "Table1", $"\"row_id_list\": \"{p[1]}\", \"other_rows_ids_map\": {good}"), HttpStatusCode.BadRequest, "error_msg", "row_id_list invalid."),
            (HttpMethod.Put, "batch-update-links/", Body(l.LinkId, "Projects", "Table1", $"\"row_id_list\": [\"{p[1]}\"], \"other_rows_ids_map\": 7"), HttpStatusCode.BadRequest, "error_msg", "other_rows_ids_map invalid."),
            (HttpMethod.Post, "links/", $$"""{"table_name": "Projects", "other_table_name": "Table1", "other_rows_ids_map": {{good}}}""", HttpStatusCode.BadRequest, "error_msg", "link_id invalid."),
            (HttpMethod.Post, "links/", $$"""{"link_id": "{{l.LinkId}}", "other_table_name": "Table1", "other_rows_ids_map": {{good}}}""", HttpStatusCode.BadRequest, "error_msg", "table_name invalid."),
            (HttpMethod.Post, "links/", $$"""{"link_id": "{{l.LinkId}}", "table_name": "Projects", "other_rows_ids_map": {{good}}}""", HttpStatusCode.BadRequest, "error_msg", "other_table_name invalid."),
            (HttpMethod.Post, "links/", Body(l.LinkId, "Projects", "Table1", "\"table_row_id\": \"x\""), HttpStatusCode.BadRequest, "error_msg", "other_table_row_id invalid."),
        };
        foreach (var (method, path, json, status, key, text) in cases)
        {
            foreach (var uri in new[] { l.Base.V1(path), l.Base.V2(path, gateway: true) })
            {
                var (answered, body) = await client.FailAsync(method, uri, json);
                Assert.True(answered == status, $"{method} {uri} {json}: {(int)answered} {body.ToJsonString()}");
                Assert.True(body[key]?.GetValue<string>() == text, $"{method} {uri} {json}: {body.ToJsonString()}");
            }
        }

        Assert.Equal(before, await client.ProjectLinksAsync(l));
    }
}
