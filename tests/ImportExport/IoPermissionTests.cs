using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.ImportExport;

/// <summary>The import/export calls.</summary>
public enum IoOperation
{
    Export,
    /// <summary>The file of a finished export.</summary>
    Download,
    /// <summary>The status of a finished export.</summary>
    Status,
    /// <summary>Cancels a finished export (deletes its file).</summary>
    Cancel,
    Import,
}

[Collection(SharedServerCollection.Name)]
public sealed class IoPermissionTests_Sqlite(SharedServer server, ClassUsers users) : IoPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class IoPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : IoPermissionTests(server, users);

/// <summary>
/// Who may do what (reference 11 "Authorization differs per endpoint", tightened as the issue asks): export
/// for anyone with access to the base (E16); status, download and cancel only for the task's starter and
/// system admins; import into one's own workspace only. Each side is tried.
/// </summary>
public abstract class IoPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    /// <summary>The scene value holding the finished export's task id.</summary>
    private const string TaskKey = "task";

    private static readonly PermissionMatrix<IoOperation> Calls =
        new(Actor.Owner, Actor.ReadShare, Actor.ReadWriteShare, Actor.Stranger, Actor.SystemAdmin, Actor.Anonymous, Actor.ApiTokenReadWrite)
        {
            [IoOperation.Export] = new(HttpMethod.Post, s => ExportUrl(s.WorkspaceId, s.Name), null, [Actor.Owner, Actor.ReadShare, Actor.ReadWriteShare]),
            [IoOperation.Download] = new(HttpMethod.Get, s => ContentUrl(s[TaskKey], s.Uuid), null, [Actor.Owner, Actor.SystemAdmin]),
            [IoOperation.Status] = new(HttpMethod.Get, s => StatusUrl(s[TaskKey]), null, [Actor.Owner, Actor.SystemAdmin]),
            [IoOperation.Cancel] = new(HttpMethod.Delete, s => CancelUrl(s[TaskKey], s.Uuid, "export"), null, [Actor.Owner, Actor.SystemAdmin]),
            [IoOperation.Import] = new(HttpMethod.Post, s => ImportUrl(s.WorkspaceId), _ => FileBody("x.csv", "A\n1\n"u8.ToArray()), [Actor.Owner]),
        };

    public static TheoryData<Actor> Everyone => Calls.Everyone;

    private SeaTableAppFactory Factory => Server.Factory;

    private Task<PermissionScene> SetUpAsync() =>
        PermissionScene.CreateAsync(Server, users, new SceneOptions("io-perm", ReadWriteApp: "io"));

    [SkippableTheory]
    [MemberData(nameof(Everyone))]
    public async Task Export_is_for_anyone_with_access_to_the_base(Actor actor)
    {
        var scene = await SetUpAsync();
        using var client = await scene.ClientAsync(actor, Surface.Account);

        var answer = await scene.AssertAsync(actor, Calls[IoOperation.Export], client);
        if (!Calls[IoOperation.Export].Allows(actor))
        {
            return;
        }

        // A sharer exports the base too, and downloads the file of the task they started.
        var body = answer.Json;
        Assert.Equal(scene.Uuid, body["table"]!.Str("uuid"));
        var taskId = body.Str("task_id");
        await client.WaitFinishedAsync(taskId);
        using var download = await client.GetAsync(ContentUrl(taskId, scene.Uuid));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("content.json", Entries(await download.Content.ReadAsByteArrayAsync()).Keys);
    }

    [SkippableTheory]
    [MemberData(nameof(Everyone))]
    public async Task Status_and_download_are_for_the_starter_and_admins(Actor actor)
    {
        var scene = await SetUpAsync();
        using var owner = scene.Owner.Client();
        scene[TaskKey] = await owner.StartExportAsync(scene.Owner.WorkspaceId, scene.Name);
        // Wait for the end without reading the status (reading it would use it up).
        using (var waiter = await Server.CreateAdminClientAsync())
        {
            await WaitDownloadableAsync(waiter, scene[TaskKey], scene.Uuid);
        }

        using var client = await scene.ClientAsync(actor, Surface.Account);
        var download = await scene.AssertAsync(actor, Calls[IoOperation.Download], client);
        var status = await scene.AssertAsync(actor, Calls[IoOperation.Status], client);

        if (Calls[IoOperation.Status].Allows(actor))
        {
            Assert.Equal("application/x-zip-compressed", download.MediaType);
            var body = status.Json;
            Assert.True(body["is_finished"]!.GetValue<bool>());
            Assert.Equal("export", body.Str("task_type"));
            Assert.Equal(scene.Uuid, body.Str("dtable_uuid"));
        }
        else
        {
            // A refused caller does not use the status up: the starter still sees the end.
            Assert.True((await owner.GetJsonAsync(StatusUrl(scene[TaskKey])))["is_finished"]!.GetValue<bool>());
        }
    }

    [SkippableFact]
    public async Task Cancel_is_for_the_starter_and_admins_and_checks_its_parameters()
    {
        var scene = await SetUpAsync();
        using var owner = scene.Owner.Client();
        var taskId = scene[TaskKey] = await owner.StartExportAsync(scene.Owner.WorkspaceId, scene.Name);
        using var admin = await Server.CreateAdminClientAsync();
        await WaitDownloadableAsync(admin, taskId, scene.Uuid);

        foreach (var actor in new[] { Actor.Stranger, Actor.ReadShare, Actor.ReadWriteShare, Actor.Anonymous })
        {
            await scene.AssertAsync(actor, Calls[IoOperation.Cancel]);
        }

        AssertError(await owner.CallAsync(HttpMethod.Delete, $"{StatusPath}?dtable_uuid={scene.Uuid}&task_type=export", null, HttpStatusCode.BadRequest), TaskIdInvalid);
        AssertError(await owner.CallAsync(HttpMethod.Delete, CancelUrl(taskId, scene.Uuid, "copy"), null, HttpStatusCode.BadRequest), "task_type invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Delete, $"{StatusPath}?task_id={taskId}&task_type=export", null, HttpStatusCode.BadRequest), "dtable_uuid invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Delete, CancelUrl(taskId, scene.Uuid, "import"), null, HttpStatusCode.BadRequest), TaskIdInvalid);
        AssertError(await owner.CallAsync(HttpMethod.Delete, CancelUrl(taskId, Guid.NewGuid().ToString(), "export"), null, HttpStatusCode.BadRequest), TaskIdInvalid);
        AssertError(await owner.CallAsync(HttpMethod.Delete, CancelUrl(Guid.NewGuid().ToString(), scene.Uuid, "export"), null, HttpStatusCode.BadRequest), TaskIdInvalid);
        // Still there after every refusal.
        using (var download = await owner.GetAsync(ContentUrl(taskId, scene.Uuid)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        // The admin cancels the finished export: its file is deleted and the task is gone.
        AssertSuccess(await admin.CallAsync(HttpMethod.Delete, CancelUrl(taskId, scene.Uuid.Replace("-", ""), "export"), null, HttpStatusCode.OK));
        AssertError(await owner.GetJsonAsync(ContentUrl(taskId, scene.Uuid), HttpStatusCode.NotFound), TaskNotFound);
        AssertError(await owner.GetJsonAsync(StatusUrl(taskId), HttpStatusCode.NotFound), TaskNotFound);
        AssertNoTaskFiles(Factory, taskId);
        AssertError(await owner.CallAsync(HttpMethod.Delete, CancelUrl(taskId, scene.Uuid, "export"), null, HttpStatusCode.BadRequest), TaskIdInvalid);
    }

    [SkippableFact]
    public async Task Bad_ids_unknown_tasks_and_bases_get_seatables_errors()
    {
        var scene = await SetUpAsync();
        using var owner = scene.Owner.Client();
        AssertError(await owner.GetJsonAsync(StatusPath, HttpStatusCode.BadRequest), TaskIdInvalid);
        AssertError(await owner.GetJsonAsync(StatusUrl("1582970303923"), HttpStatusCode.BadRequest), TaskIdInvalid);
        AssertError(await owner.GetJsonAsync(StatusUrl(Guid.NewGuid().ToString()), HttpStatusCode.NotFound), TaskNotFound);
        AssertError(await owner.GetJsonAsync($"{ContentPath}?dtable_uuid={scene.Uuid}", HttpStatusCode.BadRequest), TaskIdInvalid);
        AssertError(await owner.GetJsonAsync($"{ContentPath}?task_id={Guid.NewGuid()}", HttpStatusCode.BadRequest), "dtable_uuid invalid.");
        AssertError(await owner.GetJsonAsync(ContentUrl(Guid.NewGuid().ToString(), Guid.NewGuid().ToString()), HttpStatusCode.NotFound), "DTable not found.");
        AssertError(await owner.GetJsonAsync(ContentUrl(Guid.NewGuid().ToString(), scene.Uuid), HttpStatusCode.NotFound), TaskNotFound);
        AssertError(await owner.GetJsonAsync(ExportUrl(scene.Owner.WorkspaceId, "no such base"), HttpStatusCode.NotFound), "DTable no such base not found.");
        AssertError(await owner.GetJsonAsync(ExportUrl(987654321, scene.Name), HttpStatusCode.NotFound), "Workspace 987654321 not found.");
        AssertError(await owner.GetJsonAsync(ExportUrl(scene.Owner.WorkspaceId, scene.Name) + "?ignore_asset=maybe", HttpStatusCode.BadRequest), "ignore_asset invalid.");

        // An export of another base does not download under this base's uuid.
        var other = NewBaseName("other");
        var otherTable = await owner.CreateBaseAsync(other);
        var taskId = await owner.StartExportAsync(scene.Owner.WorkspaceId, other);
        await WaitDownloadableAsync(owner, taskId, otherTable.Str("uuid"));
        AssertError(await owner.GetJsonAsync(ContentUrl(taskId, scene.Uuid), HttpStatusCode.NotFound), TaskNotFound);
    }

    [SkippableFact]
    public async Task Import_is_for_the_workspace_owner()
    {
        var scene = await SetUpAsync();
        foreach (var actor in new[] { Actor.Anonymous, Actor.Stranger, Actor.ReadWriteShare, Actor.SystemAdmin })
        {
            await scene.AssertAsync(actor, Calls[IoOperation.Import]);
        }

        using var owner = scene.Owner.Client();
        AssertError(await owner.CallAsync(HttpMethod.Post, ImportUrl(987654321), FileBody("x.csv", "A\n1\n"u8.ToArray()), HttpStatusCode.NotFound), "Workspace 987654321 not found.");
        Assert.DoesNotContain("x", await owner.BaseNamesAsync());
    }

    /// <summary>Waits until the export downloads (without reading its status, which would use it up).</summary>
    private static async Task WaitDownloadableAsync(HttpClient client, string taskId, string uuid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(ContentUrl(taskId, uuid));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"export {taskId} never became downloadable: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }
}
