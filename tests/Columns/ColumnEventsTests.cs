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
        await using var socket = await Server.Factory.JoinRoomAsync(b);
        using var client = Server.Factory.BaseClient(b.Jwt);

        var key = (await client.InsertColumnAsync(b, "Size", "number", anchor: "0000")).Str("key");
        var inserted = await socket.NextOperationAsync();
        Assert.Equal("insert_column", inserted.Str("op_type"));
        Assert.Equal("Size", inserted["column_data"].Str("name"));

        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "rename_column", ["column"] = key, ["new_column_name"] = "Length" });
        var renamed = await socket.NextOperationAsync();
        Assert.Equal("rename_column", renamed.Str("op_type"));
        Assert.Equal(key, renamed.Str("column_key"));
        Assert.Equal("Length", renamed["column_data"].Str("name"));

        await client.SendJsonAsync(HttpMethod.Delete, b.V1("columns/"), new JsonObject { ["table_name"] = "Table1", ["column"] = key });
        var deleted = await socket.NextOperationAsync();
        Assert.Equal("delete_column", deleted.Str("op_type"));
        Assert.Equal(key, deleted.Str("column_key"));
    }
}
