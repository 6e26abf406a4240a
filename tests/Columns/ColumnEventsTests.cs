using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using SeaTable.Tests.Sockets;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Columns;

[Collection(SharedServerCollection.Name)]
public sealed class ColumnEventsTests_Sqlite(SharedServer server, ClassUsers users) : ColumnEventsTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ColumnEventsTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ColumnEventsTests(server, users);

/// <summary>Column writes reach the base's sockets as "update-dtable" events, one per logged operation, in order.</summary>
public abstract class ColumnEventsTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    [SkippableFact]
    public async Task Column_writes_are_pushed_as_update_dtable_events()
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync("column-listener");
        await using var socket = await SocketIoTestClient.ConnectAsync(Server.Factory, b.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.True((await socket.JoinRoomAsync(b.Uuid, b.Jwt))["success"]!.GetValue<bool>());
        using var client = Server.Factory.BaseClient(b.Jwt);

        var key = (await client.InsertColumnAsync(b, "Size", "number", anchor: "0000")).Str("key");
        var inserted = await NextOperationAsync(socket);
        Assert.Equal("insert_column", inserted.Str("op_type"));
        Assert.Equal("Size", inserted["column_data"].Str("name"));

        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "rename_column", ["column"] = key, ["new_column_name"] = "Length" });
        var renamed = await NextOperationAsync(socket);
        Assert.Equal("rename_column", renamed.Str("op_type"));
        Assert.Equal(key, renamed.Str("column_key"));
        Assert.Equal("Length", renamed["column_data"].Str("name"));

        await client.SendJsonAsync(HttpMethod.Delete, b.V1("columns/"), new JsonObject { ["table_name"] = "Table1", ["column"] = key });
        var deleted = await NextOperationAsync(socket);
        Assert.Equal("delete_column", deleted.Str("op_type"));
        Assert.Equal(key, deleted.Str("column_key"));
    }

    private static bool IsUpdate(string packet) => packet.StartsWith("42[\"update-dtable\"", StringComparison.Ordinal);

    private static async Task<JsonNode> NextOperationAsync(SocketIoTestClient socket)
    {
        var packet = JsonNode.Parse((await socket.NextAsync(IsUpdate))[2..])!.AsArray();
        return JsonNode.Parse(packet[1]!.GetValue<string>())!;
    }
}
