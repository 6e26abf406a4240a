using Orleans.Concurrency;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Storage;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

/// <summary>
/// The content grain's contract (issue 6 imports and exports through it) and its storage: the log is
/// folded into a snapshot on deactivation, and the next activation reads the same content back.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class BaseContentGrainTests(GrainCluster cluster)
{
    private IContentStore Store => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IContentStore>();

    [Fact]
    public async Task Initialize_gives_the_default_content_once()
    {
        var grain = cluster.Grains.GetGrain<IBaseContentGrain>(Guid.NewGuid());
        Assert.Null(await grain.GetContentJson());
        Assert.Equal(3, await grain.Initialize("creator@auth.local"));
        var content = JsonNode.Parse((await grain.GetContentJson())!)!;
        var table = content["tables"]![0]!;
        Assert.Equal("Table1", table["name"]!.GetValue<string>());
        Assert.All(table["rows"]!.AsArray(), r => Assert.Equal("creator@auth.local", r!["_creator"]!.GetValue<string>()));
        Assert.Equal(3, await grain.Initialize("someone-else@auth.local"));
    }

    [Fact]
    public async Task Imported_content_comes_back_as_content_json_with_rows_keyed_by_column_key()
    {
        var grain = cluster.Grains.GetGrain<IBaseContentGrain>(Guid.NewGuid());
        var imported = new JsonObject
        {
            ["version"] = 40,
            ["format_version"] = 9,
            ["description"] = new JsonObject { ["text"] = "# kept" },
            ["tables"] = new JsonArray
            {
                new JsonObject
                {
                    ["_id"] = "0000", ["name"] = "People",
                    ["columns"] = new JsonArray
                    {
                        new JsonObject { ["key"] = "0000", ["name"] = "Name", ["type"] = "text" },
                        new JsonObject { ["key"] = "abcd", ["name"] = "Team", ["type"] = "single-select", ["data"] = new JsonObject { ["options"] = new JsonArray(new JsonObject { ["name"] = "Red", ["id"] = "111111" }) } },
                        new JsonObject { ["key"] = "lnk1", ["name"] = "Projects", ["type"] = "link", ["data"] = new JsonObject { ["link_id"] = "L001", ["table_id"] = "0000", ["other_table_id"] = "p000" } },
                    },
                    ["rows"] = new JsonArray
                    {
                        new JsonObject { ["_id"] = "AAAAAAAAAAAAAAAAAAAAAA", ["_ctime"] = "2025-09-23T13:24:35.237+00:00", ["_creator"] = "a@auth.local", ["0000"] = "Ada", ["abcd"] = "111111", ["_participants"] = new JsonArray() },
                        new JsonObject { ["_id"] = "BBBBBBBBBBBBBBBBBBBBBB", ["0000"] = "Bob" },
                    },
                    ["views"] = new JsonArray(new JsonObject { ["_id"] = "0000", ["name"] = "Everyone" }),
                },
                new JsonObject
                {
                    ["_id"] = "p000", ["name"] = "Projects",
                    ["columns"] = new JsonArray(new JsonObject { ["key"] = "0000", ["name"] = "Title", ["type"] = "text" }),
                    ["rows"] = new JsonArray(new JsonObject { ["_id"] = "CCCCCCCCCCCCCCCCCCCCCC", ["0000"] = "Engine" }),
                },
            },
            ["links"] = new JsonArray(new JsonObject
            {
                ["_id"] = "L001", ["table1_id"] = "0000", ["table2_id"] = "p000",
                ["table1_table2_map"] = new JsonObject { ["AAAAAAAAAAAAAAAAAAAAAA"] = new JsonArray("CCCCCCCCCCCCCCCCCCCCCC") },
                ["table2_table1_map"] = new JsonObject { ["CCCCCCCCCCCCCCCCCCCCCC"] = new JsonArray("AAAAAAAAAAAAAAAAAAAAAA") },
            }),
        };

        Assert.Equal(3, await ImportAsync(grain, imported.ToJsonString()));
        var back = JsonNode.Parse((await grain.GetContentJson())!)!;
        Assert.Equal("# kept", back["description"]!["text"]!.GetValue<string>());
        var people = back["tables"]![0]!;
        Assert.Equal(["Ada", "Bob"], people["rows"]!.AsArray().Select(r => r!["0000"]!.GetValue<string>()));
        Assert.Equal("111111", people["rows"]![0]!["abcd"]!.GetValue<string>());
        Assert.Equal("2025-09-23T13:24:35.237+00:00", people["rows"]![0]!["_ctime"]!.GetValue<string>());
        Assert.Equal("Everyone", people["views"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("CCCCCCCCCCCCCCCCCCCCCC", back["links"]![0]!["table1_table2_map"]!["AAAAAAAAAAAAAAAAAAAAAA"]![0]!.GetValue<string>());
        Assert.Equal(40, back["version"]!.GetValue<long>());

        var rows = JsonNode.Parse((await grain.ListRows(new RowQuery("People", null, null, false, 0, 1000, ByName: true, ConvertLinkId: true))).Json!)!["rows"]!.AsArray();
        Assert.Equal("Red", rows[0]!["Team"]!.GetValue<string>());
        Assert.Equal("Engine", rows[0]!["Projects"]![0]!["display_value"]!.GetValue<string>());

        await Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(grain, "[1, 2]"));
        await Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(grain, """{"tables": [{"name": "no id"}]}"""));
        Assert.Equal(back.ToJsonString(), JsonNode.Parse((await grain.GetContentJson())!)!.ToJsonString());

        // The same content imported in blocks of a few bytes (every piece split across calls), after a
        // byte-order mark: the same base. Until the commit the base keeps what it had.
        var other = cluster.Grains.GetGrain<IBaseContentGrain>(Guid.NewGuid());
        await other.Initialize("owner@auth.local");
        var initial = await other.GetContentJson();
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(imported.ToJsonString())];
        var import = Guid.NewGuid();
        await other.ImportBegin(import);
        long offset = 0;
        foreach (var block in utf8.Chunk(7))
        {
            await other.ImportAppend(import, offset, new Immutable<byte[]>(block));
            offset += block.Length;
        }

        Assert.Equal(initial, await other.GetContentJson());
        Assert.Equal(3, await other.ImportCommit(import));
        var otherBack = JsonNode.Parse((await other.GetContentJson())!)!;
        Assert.Equal(people.ToJsonString(), otherBack["tables"]![0]!.ToJsonString());
        Assert.Equal(back["links"]!.ToJsonString(), otherBack["links"]!.ToJsonString());

        // Refusals drop the import and leave the base as it was.
        Assert.Equal("not valid", await RefusedAsync(other, "[1, 2]"u8.ToArray()));
        Assert.Equal("not valid", await RefusedAsync(other, "{ not json"u8.ToArray()));
        Assert.Equal("not valid", await RefusedAsync(other, """{"tables": [{"_id": "0000", "name": "T", "rows": [{"_id": "a"}]"""u8.ToArray()));
        Assert.Equal("not valid", await RefusedAsync(other, """{"version": 3}"""u8.ToArray()));
        Assert.Equal("not valid", await RefusedAsync(other, """{"tables": []} {}"""u8.ToArray()));
        var lost = Guid.NewGuid();
        await other.ImportBegin(lost);
        var wrongOffset = await Assert.ThrowsAsync<ArgumentException>(() => other.ImportAppend(lost, 5, new Immutable<byte[]>("{}"u8.ToArray())));
        Assert.Contains("at byte 0", wrongOffset.Message);
        Assert.Contains("interrupted", (await Assert.ThrowsAsync<ArgumentException>(() => other.ImportCommit(lost))).Message);
        await other.ImportBegin(lost);
        await other.ImportAbort(lost);
        Assert.Contains("interrupted", (await Assert.ThrowsAsync<ArgumentException>(() => other.ImportAppend(lost, 0, new Immutable<byte[]>("{}"u8.ToArray())))).Message);
        Assert.Equal(people.ToJsonString(), JsonNode.Parse((await other.GetContentJson())!)!["tables"]![0]!.ToJsonString());
    }

    /// <summary>A whole content.json through the import contract, in 64 KB blocks; the row count.</summary>
    private static async Task<long> ImportAsync(IBaseContentGrain grain, string json)
    {
        var import = Guid.NewGuid();
        await grain.ImportBegin(import);
        long offset = 0;
        foreach (var block in System.Text.Encoding.UTF8.GetBytes(json).Chunk(64 * 1024))
        {
            await grain.ImportAppend(import, offset, new Immutable<byte[]>(block));
            offset += block.Length;
        }

        return await grain.ImportCommit(import);
    }

    /// <summary>Imports <paramref name="json"/> in two blocks and expects a refusal; the word that tells which.</summary>
    private static async Task<string> RefusedAsync(IBaseContentGrain grain, byte[] json)
    {
        var import = Guid.NewGuid();
        await grain.ImportBegin(import);
        var half = json.Length / 2;
        try
        {
            await grain.ImportAppend(import, 0, new Immutable<byte[]>(json[..half]));
            await grain.ImportAppend(import, half, new Immutable<byte[]>(json[half..]));
            await grain.ImportCommit(import);
        }
        catch (ArgumentException e)
        {
            Assert.Contains("interrupted", (await Assert.ThrowsAsync<ArgumentException>(() => grain.ImportCommit(import))).Message);
            return e.Message.Contains("not a valid content.json", StringComparison.Ordinal) ? "not valid" : e.Message;
        }

        return "accepted";
    }

    [Fact]
    public async Task Writes_are_logged_folded_into_a_snapshot_on_deactivation_and_read_back_then_cleared()
    {
        var uuid = Guid.NewGuid();
        var grain = cluster.Grains.GetGrain<IBaseContentGrain>(uuid);
        await grain.Initialize("owner@auth.local");
        for (var i = 0; i < 5; i++)
        {
            var reply = await grain.AppendRows(new AppendRowsCommand("Table1", $$"""[{"Name": "row {{i}}"}]""", "app", ApplyDefault: false));
            Assert.Equal(ContentError.None, reply.Error);
        }

        var logged = await Store.LoadAsync(uuid);
        Assert.Equal(5, logged.Operations.Count);
        Assert.Equal(1, logged.SnapshotVersion);
        var before = await grain.GetContentJson();

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var folded = await Store.LoadAsync(uuid);
        Assert.Empty(folded.Operations);
        Assert.Equal(6, folded.SnapshotVersion);
        Assert.Equal(before, await grain.GetContentJson());
        Assert.Equal(8, JsonNode.Parse((await grain.ListRows(new RowQuery("Table1", null, null, false, 0, 1000, true, false))).Json!)!["rows"]!.AsArray().Count);

        await grain.Clear();
        Assert.True((await Store.LoadAsync(uuid)).IsEmpty);
        Assert.Null(await grain.GetContentJson());
        Assert.Equal(ContentError.NoContent, (await grain.GetMetadata()).Error);
    }

    [Fact]
    public async Task A_base_holds_at_most_100000_rows()
    {
        var grain = cluster.Grains.GetGrain<IBaseContentGrain>(Guid.NewGuid());
        var rows = string.Join(",", Enumerable.Range(0, 100_001).Select(i => $$"""{"_id":"r{{i}}"}"""));
        var content = $$"""{"tables":[{"_id":"0000","name":"Big","columns":[{"key":"0000","name":"Name","type":"text"}],"rows":[{{rows}}]}]}""";
        await Assert.ThrowsAsync<ArgumentException>(() => ImportAsync(grain, content));

        // In blocks, the limit refuses the import as soon as the rows pass it, not at the commit.
        var import = Guid.NewGuid();
        await grain.ImportBegin(import);
        var over = content.Replace("]}]}", "," + string.Join(",", Enumerable.Range(100_001, 50_000).Select(i => $$"""{"_id":"r{{i}}"}""")) + "]}]}", StringComparison.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(over);
        var refusedAt = -1L;
        for (long offset = 0; offset < bytes.Length; offset += 65536)
        {
            var block = bytes[(int)offset..(int)Math.Min(bytes.Length, offset + 65536)];
            try
            {
                await grain.ImportAppend(import, offset, new Immutable<byte[]>(block));
            }
            catch (ArgumentException e)
            {
                Assert.Contains("exceeds the limit of 100000", e.Message);
                refusedAt = offset;
                break;
            }
        }

        Assert.True(refusedAt >= 0 && refusedAt < bytes.Length * 3 / 4, $"refused at {refusedAt} of {bytes.Length}");

        var full = content.Replace("""{"_id":"r100000"},""", "", StringComparison.Ordinal).Replace(""",{"_id":"r100000"}""", "", StringComparison.Ordinal);
        Assert.Equal(100_000, await ImportAsync(grain, full));
        var refused = await grain.AppendRows(new AppendRowsCommand("Big", """[{"Name": "one too many"}]""", "app", ApplyDefault: false));
        Assert.Equal(ContentError.RowsExceeded, refused.Error);
        await grain.Clear();
    }
}
