using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;
using SeaTable.Grains.Content.Storage;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Columns;

[Collection(SharedServerCollection.Name)]
public sealed class ColumnStorageTests_Sqlite(SharedServer server, ClassUsers users) : ColumnStorageTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ColumnStorageTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ColumnStorageTests(server, users);

/// <summary>Column writes are logged operations: replayed from the log, kept over a deactivation, and carried by .dtable export and import.</summary>
public abstract class ColumnStorageTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    /// <summary>Every kind of column write, with rows whose cells they change.</summary>
    private async Task<RowBase> BaseWithColumnWritesAsync()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "colstore");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.AddTableAsync(b, "Other");
        await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-columns/"), new JsonObject { ["table_name"] = "Table1", ["columns"] = ColumnCalls.EveryType() });
        await client.InsertColumnAsync(b, "Kind", "text", anchor: "0000");
        await client.InsertColumnAsync(b, "Gone", "text");
        await client.AppendRowAsync(b, new JsonObject
        {
            ["Name"] = "one", ["Kind"] = "big", ["Gone"] = "x", ["Amount"] = 3, ["Status"] = "open", ["Tags"] = new JsonArray("a", "b"),
            ["Stars"] = 4, ["Took"] = "0:45", ["Place"] = new JsonObject { ["lng"] = 1.5, ["lat"] = 2.5 }, ["Due"] = "2024-01-02 03:04",
        });
        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "two", ["Kind"] = "small" });
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "modify_column_type", ["column"] = "Kind", ["new_column_type"] = "single-select" });
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "rename_column", ["column"] = "Text", ["new_column_name"] = "Title" });
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "resize_column", ["column"] = "Title", ["new_column_width"] = 300 });
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "freeze_column", ["column"] = "Title", ["frozen"] = true });
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "move_column", ["column"] = "Title", ["target_column"] = "Stars" });
        await client.SendJsonAsync(HttpMethod.Delete, b.V1("columns/"), new JsonObject { ["table_name"] = "Table1", ["column"] = "Gone" });
        await client.SendJsonAsync(HttpMethod.Delete, b.V1("column-options/"), new JsonObject { ["table_name"] = "Table1", ["column"] = "Tags", ["options"] = new JsonArray("a") });
        await client.SendJsonAsync(HttpMethod.Post, b.V1("column-options/"), new JsonObject { ["table_name"] = "Table1", ["column"] = "Status", ["options"] = new JsonArray(new JsonObject { ["name"] = "closed" }) });
        await client.SendJsonAsync(HttpMethod.Post, b.V1("column-cascade-settings/"), new JsonObject
        {
            ["table_name"] = "Table1", ["child_column"] = "Tags", ["parent_column"] = "Status", ["cascade_settings"] = new JsonObject { ["open"] = new JsonArray("b") },
        });
        return b;
    }

    [SkippableFact]
    public async Task Column_writes_replay_from_the_log_and_survive_a_deactivation()
    {
        var b = await BaseWithColumnWritesAsync();
        using var writer = Server.Factory.BaseClient(b.Jwt);
        var uuid = Guid.Parse(b.Uuid);
        var grains = Server.Factory.Services.GetRequiredService<IGrainFactory>();
        var live = await grains.GetGrain<IBaseContentGrain>(uuid).GetContentJson();

        // What an activation does: the snapshot, then every logged operation decoded and applied.
        var stored = await Server.Factory.Services.GetRequiredService<IContentStore>().LoadAsync(uuid);
        Assert.NotEmpty(stored.Operations);
        var reader = new ContentJsonReader(new StringPool());
        using (var snapshot = Payloads.Open(stored.Snapshot!))
        {
            await new ContentJsonParser(reader).ReadAsync(snapshot, CancellationToken.None);
        }

        var replayed = reader.Take();
        foreach (var operation in stored.Operations)
        {
            foreach (var op in ContentOpLog.Decode(operation.Data, reader))
            {
                op.Apply(replayed);
            }

            replayed.Version = operation.Version;
        }

        using (var buffer = new MemoryStream())
        {
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                ContentJsonWriter.WriteContent(json, replayed);
            }

            Assert.Equal(JsonNode.Parse(live!)!.ToJsonString(), JsonNode.Parse(buffer.ToArray())!.ToJsonString());
        }

        var before = await writer.ColumnsAsync(b);
        var rowsBefore = await writer.ListRowsAsync(b);
        await grains.GetGrain<IBaseContentGrain>(uuid).AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        Assert.Equal(before.Select(c => c.ToJsonString()), (await writer.ColumnsAsync(b)).Select(c => c.ToJsonString()));
        Assert.Equal(rowsBefore.Select(r => r.ToJsonString()), (await writer.ListRowsAsync(b)).Select(r => r.ToJsonString()));
        Assert.Equal(["Name", "Kind", "Long", "Amount", "Share", "Done", "Due", "Took", "Status", "Tags", "People", "Picture", "Attachment", "Mail", "Site", "Stars", "Title"],
            before.Select(c => c.Str("name")).Take(17));
        var one = rowsBefore.Single(r => r["Name"]?.ToString() == "one");
        Assert.Equal("big", one.Str("Kind"));
        Assert.Equal(["b"], one["Tags"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Null(one["Gone"]);
    }

    [SkippableFact]
    public async Task A_column_of_every_type_round_trips_through_dtable_export_and_import()
    {
        var owner = await Owner;
        var b = await BaseWithColumnWritesAsync();
        using var client = owner.Client();
        var archive = await client.ExportBytesAsync(owner.WorkspaceId, b.Name, b.Uuid);
        var name = NewBaseName("colcopy");
        var answer = await client.ImportAsync(owner.WorkspaceId, name + ".dtable", archive);
        await client.WaitFinishedAsync(answer.Str("task_id"));

        var source = await Server.Factory.ContentAsync(b.Uuid);
        var copy = await Server.Factory.ContentAsync(answer["table"].Str("uuid"));
        foreach (var (a, c) in source["tables"]!.AsArray().Zip(copy["tables"]!.AsArray()))
        {
            Assert.Equal(a!["columns"]!.ToJsonString(), c!["columns"]!.ToJsonString());
            Assert.Equal(a["rows"]!.AsArray().Select(r => r!.ToJsonString()), c["rows"]!.AsArray().Select(r => r!.ToJsonString()));
        }

        Assert.Equal(source["links"]!.ToJsonString(), copy["links"]!.ToJsonString());
        var types = source["tables"]![0]!["columns"]!.AsArray().Select(c => c.Str("type")).ToHashSet();
        Assert.Superset(ColumnCalls.EveryType().Select(c => c.Str("column_type")).ToHashSet(), types);
    }
}
