using System.Globalization;
using System.Net;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Content;
using SeaTable.Grains.Workspaces;
using SeaTable.Tests.Api;
using SeaTable.Tests.ImportExport;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Healing;

[Collection(FaultServerCollection.Name)]
public sealed class HealingTests_Sqlite(FaultServer server) : HealingTests(server, server.Faults);

[Collection(PostgresFaultServerCollection.Name)]
public sealed class HealingTests_PostgreSql(PostgresFaultServer server) : HealingTests(server, server.Faults);

/// <summary>
/// Every multi-grain operation on bases, interrupted between two steps by an injected failure (a grain call
/// that fails before it runs, or after it wrote its state, as when a silo dies mid-call): within
/// <see cref="Deadline"/> the base is whole (listed, its token list answers, deletable) or absent (its name free).
/// </summary>
public abstract class HealingTests(ServerFixture server, GrainFaults faults) : ApiTests(server), IDisposable
{
    private const string CopyUrl = "/api/v2.1/dtable-copy/";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public void Dispose()
    {
        faults.Clear();
        GC.SuppressFinalize(this);
    }

    [SkippableTheory]
    [InlineData(FaultTiming.After)]
    [InlineData(FaultTiming.Before)]
    public async Task A_create_interrupted_at_the_name_claim_ends_whole(FaultTiming timing)
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("claim");
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.TryAddBase), timing, when: Named(name));

        var (status, body) = await client.SendRawAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name)));

        // The server runs the interrupted create again; the repeat finds (or makes) the base and answers the truth.
        Assert.True(status == HttpStatusCode.Created, $"the repeated create did not answer 201: {(int)status} {body}");
        Assert.Single(faults.Struck);
        await AssertWholeAsync(user, client, name);
    }

    [SkippableFact]
    public async Task A_create_interrupted_after_the_content_was_initialized_ends_whole()
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("init");
        faults.Arm<IBaseContentGrain>(nameof(IBaseContentGrain.Initialize), FaultTiming.After, when: Argument(0, user.Id));

        var (status, _) = await client.SendRawAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name)));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Single(faults.Struck);
        await AssertWholeAsync(user, client, name);
    }

    [SkippableFact]
    public async Task A_retry_of_an_interrupted_create_answers_201_with_the_base_it_made()
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("retry");
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.TryAddBase), FaultTiming.After, when: Named(name));
        var (status, _) = await client.SendRawAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name), ("color", "#aabbcc")));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Single(faults.Struck);

        var retried = (await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name), ("color", "#aabbcc")), HttpStatusCode.Created))["table"]!;

        var listed = Assert.Single(await client.OwnBasesAsync(), b => b.Str("name") == name);
        Assert.Equal(listed.Str("uuid"), retried.Str("uuid"));
        Assert.Equal(name, retried.Str("name"));
        // The retry found its own creation: other parameters, or a create after an answered one, are duplicates.
        AssertError(await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name)), HttpStatusCode.BadRequest),
            $"Table {name} already exists in this workspace.");
        var answered = NewBaseName("answered");
        await client.CreateBaseAsync(answered);
        AssertError(await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", answered)), HttpStatusCode.BadRequest),
            $"Table {answered} already exists in this workspace.");
        Assert.Single(await client.OwnBasesAsync(), b => b.Str("name") == name);
    }

    [SkippableFact]
    public async Task A_rename_interrupted_after_the_workspace_moved_the_name_ends_renamed()
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("old");
        var created = await client.CreateBaseAsync(name);
        var newName = NewBaseName("new");
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.TryRenameBase), FaultTiming.After, when: Named(name));

        var (status, _) = await client.SendRawAsync(HttpMethod.Put, WorkspaceDTable(user.WorkspaceId),
            Bodies.Json(("name", name), ("new_name", newName)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(faults.Struck);
        await EventuallyAsync(async () => (await client.OwnBasesAsync()).Any(b => b.Str("name") == newName && b.Str("uuid") == created.Str("uuid")),
            "the base listed under its new name");
        Assert.DoesNotContain(await client.OwnBasesAsync(), b => b.Str("name") == name);
        await AssertWholeAsync(user, client, newName);
        await client.CreateBaseAsync(name);
    }

    [SkippableFact]
    public async Task A_delete_interrupted_after_the_workspace_freed_the_name_ends_in_the_trash()
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("trash");
        var created = await client.CreateBaseAsync(name);
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.MoveToTrash), FaultTiming.After, when: Argument(0, Guid.Parse(created.Str("uuid"))));

        var (status, _) = await client.SendRawAsync(HttpMethod.Delete, WorkspaceDTable(user.WorkspaceId), Bodies.Json(("name", name)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(faults.Struck);
        await EventuallyAsync(async () => (await client.TrashListAsync()).Any(b => b.Str("uuid") == created.Str("uuid")), "the base in the trash");
        Assert.DoesNotContain(await client.OwnBasesAsync(), b => b.Str("name") == name);
        await client.CreateBaseAsync(name);
    }

    [SkippableFact]
    public async Task A_restore_interrupted_after_the_workspace_gave_the_name_back_ends_live()
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("restore");
        var created = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.TryRestore), FaultTiming.After, when: Named(name));

        var (status, _) = await client.SendRawAsync(HttpMethod.Put, RestoreUrl(created.Long("id")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(faults.Struck);
        await EventuallyAsync(async () => await client.FindOwnBaseAsync(name) is not null, "the base listed again");
        Assert.DoesNotContain(await client.TrashListAsync(), b => b.Str("uuid") == created.Str("uuid"));
        await AssertWholeAsync(user, client, name);
    }

    [SkippableTheory]
    [InlineData(nameof(IWorkspaceGrain.RemoveBase))]
    [InlineData(nameof(IBaseContentGrain.Clear))]
    public async Task A_purge_interrupted_between_its_steps_ends_absent(string step)
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("purge");
        var created = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
        var uuid = Guid.Parse(created.Str("uuid"));
        if (step == nameof(IWorkspaceGrain.RemoveBase))
        {
            faults.Arm<IWorkspaceGrain>(step, FaultTiming.After, when: Argument(0, uuid));
        }
        else
        {
            faults.Arm<IBaseContentGrain>(step, FaultTiming.After, when: c => GrainFaults.Targets(c, uuid));
        }

        var (status, body) = await client.SendRawAsync(HttpMethod.Delete, Trash);

        Assert.True(status != HttpStatusCode.OK, $"the injected failure did not reach the purge: {body}; struck: {string.Join(", ", faults.Struck)}");
        await EventuallyAsync(async () => (await client.TrashListAsync()).Count == 0, "an empty trash");
        AssertError(await client.CallAsync(HttpMethod.Put, RestoreUrl(created.Long("id")), null, HttpStatusCode.NotFound), "Base not found.");
        await client.CreateBaseAsync(name);
    }

    [SkippableFact]
    public async Task An_import_interrupted_after_its_base_claimed_the_name_ends_whole()
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("import");
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.TryAddBase), FaultTiming.After, when: Named(name));

        var (status, body) = await client.ImportRawAsync(user.WorkspaceId, name + ".dtable", SampleBase.Archive().Build());

        Assert.True(status != HttpStatusCode.OK, $"the injected failure did not reach the import: {(int)status} {body.ToJsonString()}");
        await AssertWholeAsync(user, client, name);
    }

    [SkippableFact]
    public async Task A_copy_interrupted_after_its_base_claimed_the_name_ends_whole()
    {
        var (user, client) = await UserAsync();
        var source = NewBaseName("source");
        await client.CreateBaseAsync(source);
        var copyName = source + "-copy";
        var workspace = user.WorkspaceId.ToString(CultureInfo.InvariantCulture);
        faults.Arm<IWorkspaceGrain>(nameof(IWorkspaceGrain.TryAddBase), FaultTiming.After, when: Named(copyName));

        var (status, body) = await client.SendRawAsync(HttpMethod.Post, CopyUrl, Bodies.Form(
            ("src_workspace_id", workspace), ("src_dtable", source), ("dst_workspace_id", workspace), ("dst_dtable", copyName)));

        Assert.True(status != HttpStatusCode.OK, $"the injected failure did not reach the copy: {(int)status} {body}");
        await AssertWholeAsync(user, client, copyName);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_share_or_unshare_interrupted_before_the_accounts_list_learnt_it_is_healed(bool share)
    {
        var (user, client) = await UserAsync();
        var name = NewBaseName("share");
        var created = await client.CreateBaseAsync(name);
        var target = await ClassUsers.CreateAsync(Server, "sharee");
        using var targetClient = target.Client();
        if (!share)
        {
            await client.CallAsync(HttpMethod.Post, ShareUrl(user.WorkspaceId, name), Bodies.Form(("email", target.Id), ("permission", "rw")), HttpStatusCode.Created);
            Assert.Single(await targetClient.SharedDTablesAsync());
        }

        // Every run of the request fails at the account (the server's own repeats included): only healing is left.
        var step = share ? nameof(IAccountGrain.AddSharedBase) : nameof(IAccountGrain.RemoveSharedBase);
        for (var i = 0; i < 4; i++)
        {
            faults.Arm<IAccountGrain>(step, FaultTiming.Before, when: c => c.TargetId.ToString().Contains(target.Id, StringComparison.Ordinal));
        }

        var (status, body) = share
            ? await client.SendRawAsync(HttpMethod.Post, ShareUrl(user.WorkspaceId, name), Bodies.Form(("email", target.Id), ("permission", "rw")))
            : await client.SendRawAsync(HttpMethod.Delete, ShareUrl(user.WorkspaceId, name), Bodies.Form(("email", target.Id)));

        Assert.True(faults.Struck.Count >= 1, $"the injected failure did not reach the account: {(int)status} {body}");
        await EventuallyAsync(async () => (await targetClient.SharedDTablesAsync()).Count == (share ? 1 : 0),
            share ? "the base in the target's shared list" : "the base gone from the target's shared list");
        var shares = await client.CallAsync(HttpMethod.Get, ShareUrl(user.WorkspaceId, name), null, HttpStatusCode.OK);
        Assert.Equal(share ? 1 : 0, shares.ToJsonString().Split(target.Id).Length - 1);
    }

    /// <summary>Only the calls whose first argument is the base's name count (other tests' calls pass).</summary>
    private static Func<IIncomingGrainCallContext, bool> Named(string name) => Argument(0, name);

    private static Func<IIncomingGrainCallContext, bool> Argument(int index, object value) =>
        context => context.Request.GetArgumentCount() > index && Equals(context.Request.GetArgument(index), value);

    private async Task<(ApiUser User, HttpClient Client)> UserAsync()
    {
        faults.Clear();
        // A user of this test alone: its trash holds only what the test put there.
        var user = await ClassUsers.CreateAsync(Server, "healer");
        return (user, user.Client());
    }

    /// <summary>Listed within the deadline; then its token list answers, it is deletable and its name then free.</summary>
    private static async Task AssertWholeAsync(ApiUser user, HttpClient client, string name)
    {
        await EventuallyAsync(async () => await client.FindOwnBaseAsync(name) is not null, $"the base {name} listed");
        var tokens = $"/api/v2.1/workspace/{user.WorkspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(name)}/api-tokens/";
        await client.CallAsync(HttpMethod.Get, tokens, null, HttpStatusCode.OK);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
        Assert.Null(await client.FindOwnBaseAsync(name));
        await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Not healed within {Deadline.TotalSeconds} s: {what}");
            }

            await Task.Delay(200);
        }
    }
}
