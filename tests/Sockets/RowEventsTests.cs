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
        await using var socket = await JoinAsync(b);
        await using var otherSocket = await JoinAsync(other);
        using var client = Server.Factory.BaseClient(b.Jwt);

        var id = (await client.AppendRowAsync(b, new JsonObject { ["Name"] = "live" })).Str("_id");
        var appended = await NextOperationAsync(socket);
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
        var modified = await NextOperationAsync(socket);
        Assert.Equal("modify_rows", modified.Str("op_type"));
        Assert.Equal("changed", modified["updated"]![id].Str("0000"));

        await client.SendJsonAsync(HttpMethod.Delete, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row_id"] = id });
        var deleted = await NextOperationAsync(socket);
        Assert.Equal("delete_rows", deleted.Str("op_type"));
        Assert.Equal([id], deleted["row_ids"]!.AsArray().Select(i => i!.GetValue<string>()));

        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => otherSocket.NextAsync(IsUpdate, TimeSpan.FromMilliseconds(500)));
    }

    private async Task<SocketIoTestClient> JoinAsync(RowBase b)
    {
        var socket = await SocketIoTestClient.ConnectAsync(Server.Factory, b.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.True((await socket.JoinRoomAsync(b.Uuid, b.Jwt))["success"]!.GetValue<bool>());
        return socket;
    }

    private static bool IsUpdate(string packet) => packet.StartsWith("42[\"update-dtable\"", StringComparison.Ordinal);

    /// <summary>The next event's operation: the event carries it as a JSON string, as dtable-server sends it.</summary>
    private static async Task<JsonNode> NextOperationAsync(SocketIoTestClient socket)
    {
        var packet = JsonNode.Parse((await socket.NextAsync(IsUpdate))[2..])!.AsArray();
        return JsonNode.Parse(packet[1]!.GetValue<string>())!;
    }
}
