using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Sockets;

[Collection(SharedServerCollection.Name)]
public sealed class RowEventsTests_Sqlite(SharedServer server, ClassUsers users) : RowEventsTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class RowEventsTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : RowEventsTests(server, users);

/// <summary>Row changes reach the sockets that joined the base's room as "update-dtable" events, in order; other rooms see nothing.</summary>
public abstract class RowEventsTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    [SkippableFact]
    public async Task Appends_updates_and_deletes_are_pushed_to_the_room_as_update_dtable_events()
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync("listener");
        var other = await owner.NewBaseAsync("elsewhere");
        await using var socket = await Server.Factory.JoinRoomAsync(b);
        await using var otherSocket = await Server.Factory.JoinRoomAsync(other);
        using var client = Server.Factory.BaseClient(b.Jwt);

        var id = (await client.AppendRowAsync(b, new JsonObject { ["Name"] = "live" })).Str("_id");
        var appended = await socket.NextOperationAsync();
        Assert.Equal("append_rows", appended.Str("op_type"));
        Assert.Equal("0000", appended.Str("table_id"));
        var row = Assert.Single(appended["row_datas"]!.AsArray())!;
        Assert.Equal(id, row.Str("_id"));
        Assert.Equal("live", row.Str("0000"));
        Assert.Equal("listener", row.Str("_creator"));

        await client.SendJsonAsync(HttpMethod.Put, b.V1("rows/"), new JsonObject
        {
            ["table_name"] = "Table1", ["row_id"] = id, ["row"] = new JsonObject { ["Name"] = "changed" },
        });
        var modified = await socket.NextOperationAsync();
        Assert.Equal("modify_rows", modified.Str("op_type"));
        Assert.Equal("changed", modified["updated"]![id].Str("0000"));

        await client.SendJsonAsync(HttpMethod.Delete, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row_id"] = id });
        var deleted = await socket.NextOperationAsync();
        Assert.Equal("delete_rows", deleted.Str("op_type"));
        Assert.Equal([id], deleted["row_ids"]!.AsArray().Select(i => i!.GetValue<string>()));

        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => otherSocket.NextAsync(UpdateEvents.IsUpdate, TimeSpan.FromMilliseconds(500)));
    }
}
