using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.ImportExport;

/// <summary>Who calls.</summary>
public enum IoActor
{
    Anonymous,
    /// <summary>A user the base is not shared with.</summary>
    Stranger,
    ReadShare,
    ReadWriteShare,
    /// <summary>The system admin, who does not own the base and has no share.</summary>
    SystemAdmin,
    Owner,
    /// <summary>An API token of the base sent as "Token &lt;api token&gt;" (the calls take account tokens only).</summary>
    ApiToken,
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
    private SeaTableAppFactory Factory => Server.Factory;

    private sealed record Scene(ApiUser Owner, ApiUser Reader, ApiUser Writer, ApiUser Stranger, string Name, string Uuid, string ApiToken);

    private async Task<Scene> SetUpAsync()
    {
        var owner = await users.GetAsync(Server, "io-owner");
        var reader = await users.GetAsync(Server, "io-reader");
        var writer = await users.GetAsync(Server, "io-writer");
        var stranger = await users.GetAsync(Server, "io-stranger");
        using var client = owner.Client();
        var name = NewBaseName("io-perm");
        var table = await client.CreateBaseAsync(name);
        await client.ShareAsync(owner.WorkspaceId, name, reader.Id, "r");
        await client.ShareAsync(owner.WorkspaceId, name, writer.Id, "rw");
        var token = await client.CallAsync(HttpMethod.Post,
            $"/api/v2.1/workspace/{owner.WorkspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(name)}/api-tokens/",
            Bodies.Json(("app_name", "io"), ("permission", "rw")), HttpStatusCode.Created);
        return new Scene(owner, reader, writer, stranger, name, table.Str("uuid"), token.Str("api_token"));
    }

    private async Task<HttpClient> ClientAsync(Scene scene, IoActor actor)
    {
        switch (actor)
        {
            case IoActor.Anonymous:
                return Factory.CreateClient();
            case IoActor.SystemAdmin:
                return await Server.CreateAdminClientAsync();
            case IoActor.ApiToken:
                var client = Factory.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", scene.ApiToken);
                return client;
            default:
                return (actor switch
                {
                    IoActor.Stranger => scene.Stranger,
                    IoActor.ReadShare => scene.Reader,
                    IoActor.ReadWriteShare => scene.Writer,
                    _ => scene.Owner,
                }).Client();
        }
    }

    [SkippableTheory]
    [InlineData(IoActor.Owner, HttpStatusCode.OK)]
    [InlineData(IoActor.ReadShare, HttpStatusCode.OK)]
    [InlineData(IoActor.ReadWriteShare, HttpStatusCode.OK)]
    [InlineData(IoActor.Stranger, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.SystemAdmin, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.Anonymous, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.ApiToken, HttpStatusCode.Unauthorized)]
    public async Task Export_is_for_anyone_with_access_to_the_base(IoActor actor, HttpStatusCode expected)
    {
        var scene = await SetUpAsync();
        using var client = await ClientAsync(scene, actor);

        var body = await client.CallAsync(HttpMethod.Post, ExportUrl(scene.Owner.WorkspaceId, scene.Name), null, expected);

        switch (actor)
        {
            case IoActor.Anonymous:
                AssertDetail(body, NotAuthenticated);
                return;
            case IoActor.ApiToken:
                AssertDetail(body, "Invalid token");
                return;
            case IoActor.Stranger or IoActor.SystemAdmin:
                AssertError(body, PermissionDenied);
                return;
        }

        // A sharer exports the base too, and downloads the file of the task they started.
        Assert.Equal(scene.Uuid, body["table"]!.Str("uuid"));
        var taskId = body.Str("task_id");
        await client.WaitFinishedAsync(taskId);
        using var download = await client.GetAsync(ContentUrl(taskId, scene.Uuid));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("content.json", Entries(await download.Content.ReadAsByteArrayAsync()).Keys);
    }

    [SkippableTheory]
    [InlineData(IoActor.Owner, HttpStatusCode.OK)]
    [InlineData(IoActor.SystemAdmin, HttpStatusCode.OK)]
    [InlineData(IoActor.ReadShare, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.ReadWriteShare, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.Stranger, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.Anonymous, HttpStatusCode.Forbidden)]
    [InlineData(IoActor.ApiToken, HttpStatusCode.Unauthorized)]
    public async Task Status_and_download_are_for_the_starter_and_admins(IoActor actor, HttpStatusCode expected)
    {
        var scene = await SetUpAsync();
        using var owner = scene.Owner.Client();
        var taskId = await owner.StartExportAsync(scene.Owner.WorkspaceId, scene.Name);
        // Wait for the end without reading the status (reading it would use it up).
        using (var waiter = await Server.CreateAdminClientAsync())
        {
            await WaitDownloadableAsync(waiter, taskId, scene.Uuid);
        }

        using var client = await ClientAsync(scene, actor);
        using var download = await client.GetAsync(ContentUrl(taskId, scene.Uuid));
        var status = await client.GetAsync(StatusUrl(taskId));

        Assert.Equal(expected, download.StatusCode);
        Assert.Equal(expected, status.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("application/x-zip-compressed", download.Content.Headers.ContentType?.MediaType);
            var body = await status.ReadJsonAsync(HttpStatusCode.OK);
            Assert.True(body["is_finished"]!.GetValue<bool>());
            Assert.Equal("export", body.Str("task_type"));
            Assert.Equal(scene.Uuid, body.Str("dtable_uuid"));
        }
        else if (actor == IoActor.Anonymous)
        {
            AssertDetail(await status.ReadJsonAsync(expected), NotAuthenticated);
        }
        else if (actor != IoActor.ApiToken)
        {
            AssertError(await status.ReadJsonAsync(expected), PermissionDenied);
            AssertError(await download.ReadJsonAsync(expected), PermissionDenied);
            // A refused caller does not use the status up: the starter still sees the end.
            Assert.True((await owner.GetJsonAsync(StatusUrl(taskId)))["is_finished"]!.GetValue<bool>());
        }
    }

    [SkippableFact]
    public async Task Cancel_is_for_the_starter_and_admins_and_checks_its_parameters()
    {
        var scene = await SetUpAsync();
        using var owner = scene.Owner.Client();
        var taskId = await owner.StartExportAsync(scene.Owner.WorkspaceId, scene.Name);
        using var admin = await Server.CreateAdminClientAsync();
        await WaitDownloadableAsync(admin, taskId, scene.Uuid);

        foreach (var actor in new[] { IoActor.Stranger, IoActor.ReadShare, IoActor.ReadWriteShare })
        {
            using var client = await ClientAsync(scene, actor);
            AssertError(await client.CallAsync(HttpMethod.Delete, CancelUrl(taskId, scene.Uuid, "export"), null, HttpStatusCode.Forbidden), PermissionDenied);
        }

        using (var anonymous = Factory.CreateClient())
        {
            AssertDetail(await anonymous.CallAsync(HttpMethod.Delete, CancelUrl(taskId, scene.Uuid, "export"), null, HttpStatusCode.Forbidden), NotAuthenticated);
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
        var file = FileBody(NewBaseName("import-perm") + ".csv", "A\n1\n"u8.ToArray());
        using (var anonymous = Factory.CreateClient())
        {
            AssertDetail(await anonymous.CallAsync(HttpMethod.Post, ImportUrl(scene.Owner.WorkspaceId), file, HttpStatusCode.Forbidden), NotAuthenticated);
        }

        foreach (var actor in new[] { IoActor.Stranger, IoActor.ReadWriteShare, IoActor.SystemAdmin })
        {
            using var client = await ClientAsync(scene, actor);
            AssertError(await client.CallAsync(HttpMethod.Post, ImportUrl(scene.Owner.WorkspaceId), FileBody("x.csv", "A\n1\n"u8.ToArray()), HttpStatusCode.Forbidden), PermissionDenied);
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
