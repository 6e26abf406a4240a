using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using SeaTable.Tests.Sockets;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Views.ViewCalls;

namespace SeaTable.Tests.Views;

[Collection(SharedServerCollection.Name)]
public sealed class ViewEventsTests_Sqlite(SharedServer server, ClassUsers users) : ViewEventsTests(server, users);

/// <summary>View writes reach the base's room as "update-dtable" events with SeaTable's view operations.</summary>
public abstract class ViewEventsTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    [SkippableFact]
    public async Task Adding_changing_and_deleting_a_view_is_pushed_as_view_operations()
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync("view-listener");
        await using var socket = await Server.Factory.JoinRoomAsync(b);
        using var client = Server.Factory.BaseClient(b.Jwt);

        var view = await client.AddViewAsync(b, "Live");
        var inserted = await socket.NextOperationAsync();
        Assert.Equal("insert_view", inserted.Str("op_type"));
        Assert.Equal("0000", inserted.Str("table_id"));
        Assert.Equal(view.ToJsonString(), inserted["view_data"]!.ToJsonString());

        await client.UpdateViewAsync(b, "Live", new JsonObject { ["name"] = "Live 2", ["filters"] = new JsonArray(Filter("Name", "is_empty")) });
        var renamed = await socket.NextOperationAsync();
        Assert.Equal("rename_view", renamed.Str("op_type"));
        Assert.Equal(view.Str("_id"), renamed.Str("view_id"));
        Assert.Equal("Live 2", renamed.Str("view_name"));
        var filtered = await socket.NextOperationAsync();
        Assert.Equal("modify_filters", filtered.Str("op_type"));
        Assert.Equal("0000", filtered["filters"]![0].Str("column_key"));
        Assert.Equal("And", filtered.Str("filter_conjunction"));

        await client.CallAsync(HttpMethod.Delete, b.ViewUrl("Live 2"), null, HttpStatusCode.OK);
        var deleted = await socket.NextOperationAsync();
        Assert.Equal("delete_view", deleted.Str("op_type"));
        Assert.Equal(view.Str("_id"), deleted.Str("view_id"));
    }
}
