using System.Globalization;
using System.Net;
using System.Text;
using SeaTable.Tests.Api;
using SeaTable.Tests.Assets;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.ImportExport;

[Collection(SharedServerCollection.Name)]
public sealed class CancelAndLimitTests_Sqlite(SharedServer server, ClassUsers users) : CancelAndLimitTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CancelAndLimitTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : CancelAndLimitTests(server, users);

/// <summary>
/// Cancelling a running import really stops it (E19): the answer comes once the work has stopped, and no base,
/// asset or task file remains. The configured size, row and column limits refuse a file and keep nothing.
/// </summary>
public abstract class CancelAndLimitTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private SeaTableAppFactory Factory => Server.Factory;

    /// <summary>An archive whose import takes a few seconds: thousands of small asset files.</summary>
    public static byte[] SlowArchive(int assets = 3000)
    {
        var builder = new ArchiveBuilder().Add("content.json", SampleBase.Content(extraRows: 20_000).ToJsonString());
        for (var i = 0; i < assets; i++)
        {
            builder.Add($"asset/files/2025-10/file-{i.ToString(CultureInfo.InvariantCulture)}.bin", Encoding.ASCII.GetBytes(new string('a', 1000) + i));
        }

        return builder.Build();
    }

    [SkippableFact]
    public async Task Cancelling_a_running_import_stops_it_and_leaves_no_base_and_no_files()
    {
        var owner = await users.GetAsync(Server, "canceller");
        using var client = owner.Client();
        var name = NewBaseName("cancelled");
        var answer = await client.ImportAsync(owner.WorkspaceId, name + ".dtable", SlowArchive());
        var taskId = answer.Str("task_id");
        var uuid = answer["table"]!.Str("uuid");

        // Once it works on its files: cancel.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await client.GetJsonAsync(StatusUrl(taskId));
            Assert.False(status["is_finished"]!.GetValue<bool>(), $"the import ended before it could be cancelled: {status.ToJsonString()}");
            if (status.Str("phase") == "running" && Directory.Exists(AssetFolder(Factory, uuid)))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the import never started");
            await Task.Delay(10);
        }

        AssertSuccess(await client.CallAsync(HttpMethod.Delete, CancelUrl(taskId, uuid, "import"), null, HttpStatusCode.OK));

        Assert.False(Directory.Exists(AssetFolder(Factory, uuid)), "the cancelled import left its assets");
        AssertNoTaskFiles(Factory, taskId);
        AssertError(await client.GetJsonAsync(StatusUrl(taskId), HttpStatusCode.NotFound), TaskNotFound);
        Assert.DoesNotContain(name, await client.BaseNamesAsync());
        // Really stopped: nothing is written after the answer.
        await Task.Delay(500);
        Assert.False(Directory.Exists(AssetFolder(Factory, uuid)), "the cancelled import went on writing");
        // The name is free again.
        await client.CreateBaseAsync(name);
    }

    [SkippableFact]
    public async Task Files_over_the_configured_limits_are_refused_and_leave_nothing()
    {
        await using var own = await OwnServer.StartAsync(Server.Storage, new Dictionary<string, string?>
        {
            ["SeaTable:ImportExport:CsvMaxBytes"] = "200",
            ["SeaTable:ImportExport:CsvMaxRows"] = "4",
            ["SeaTable:ImportExport:CsvMaxColumns"] = "3",
            ["SeaTable:ImportExport:MaxArchiveBytes"] = "8000",
            ["SeaTable:Content:MaxRows"] = "5",
        });
        var user = await own.NewUserAsync();
        using var client = user.Client();

        var (status, body) = await client.ImportRawAsync(user.WorkspaceId, "big.csv", Encoding.UTF8.GetBytes("A\n" + string.Concat(Enumerable.Repeat("0123456789\n", 30))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, "File big.csv is too large.");

        (status, body) = await client.ImportRawAsync(user.WorkspaceId, "big.dtable", SampleBase.Archive(SampleBase.Content(extraRows: 3000)).Build());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, "File big.dtable is too large.");

        (status, body) = await client.ImportRawAsync(user.WorkspaceId, "rows.csv", "A\n1\n2\n3\n4\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, "The number of rows exceeds the limit of 4.");

        (status, body) = await client.ImportRawAsync(user.WorkspaceId, "columns.csv", "A,B,C,D\n1,2,3,4\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, "The number of columns exceeds the limit of 3.");

        // The content grain's own limit (rows per base) fails the task, which removes its base.
        var over = await client.ImportAsync(user.WorkspaceId, "many.dtable", new ArchiveBuilder().Add("content.json", SampleBase.Content(extraRows: 10).ToJsonString()).Build());
        Assert.Equal("The number of rows exceeds the limit of 5.", await client.WaitFailedAsync(over.Str("task_id")));

        // At the limits exactly: accepted.
        var answer = await client.ImportAsync(user.WorkspaceId, "fits.csv", "A,B,C\n1,2,3\n4,5,6\n7,8,9\n"u8.ToArray());
        Assert.Equal("fits", answer["table"]!.Str("name"));

        Assert.Equal(["fits"], await client.BaseNamesAsync());
        var io = Path.Combine(own.Factory.DataDir, "blobs", "io");
        Assert.True(!Directory.Exists(io) || !Directory.EnumerateFileSystemEntries(io).Any(), "a refused import left task files");
        AssetCalls.AssertNoLeftovers(own.Factory.DataDir);
    }
}
