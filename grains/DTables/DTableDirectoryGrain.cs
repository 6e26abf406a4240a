using Orleans.Concurrency;
using SeaTable.Grains.ImportExport;
using SeaTable.Grains.Sequences;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Grains.DTables;

[StatelessWorker]
public sealed class DTableDirectoryGrain : Grain, IDTableDirectoryGrain
{
    async Task<DTableResult> IDTableDirectoryGrain.CreateDTable(DTableDraft draft)
    {
        var created = await GrainFactory.GetGrain<IDTableGrain>(Guid.NewGuid()).Create(await NewDTable(draft, importTaskId: null));
        if (created.Error != DTableError.NameTaken
            || await GrainFactory.GetGrain<IWorkspaceGrain>(draft.WorkspaceId).Resolve(draft.Name) is not { } holder)
        {
            return created;
        }

        // A client's retry of a create whose answer it never got: the earlier attempt answers as it would have.
        return await GrainFactory.GetGrain<IDTableGrain>(holder).AnswerRetry(draft) is { } earlier
            ? new DTableResult(DTableError.None, earlier)
            : created;
    }

    async Task<DTableResult> IDTableDirectoryGrain.CreateImportedDTable(Guid taskId, Guid uuid, DTableDraft draft, bool callerIsAdmin)
    {
        var task = GrainFactory.GetGrain<IIoTaskGrain>(taskId);
        var created = await GrainFactory.GetGrain<IDTableGrain>(uuid).Create(await NewDTable(draft, taskId));
        if (created.Error != DTableError.None)
        {
            await task.Cancel(draft.CreatorId, callerIsAdmin);
            return created;
        }

        // Started only once the base holds its name: the task's first step checks that its base waits for it.
        await task.Start();
        return created;
    }

    async Task<DTableResult> IDTableDirectoryGrain.CopyDTable(Guid taskId, Guid sourceUuid, DTableDraft draft, string publicUrl)
    {
        // The task first: its watchdog then finishes or undoes everything after, even if this call dies half-way.
        var uuid = Guid.NewGuid();
        await GrainFactory.GetGrain<IIoTaskGrain>(taskId).Create(new NewIoTask(
            IoTaskKind.Copy, draft.CreatorId, uuid, draft.WorkspaceId, draft.Name, publicUrl, IgnoreAsset: false, sourceUuid));
        return await ((IDTableDirectoryGrain)this).CreateImportedDTable(taskId, uuid, draft, callerIsAdmin: false);
    }

    private async Task<NewDTable> NewDTable(DTableDraft draft, Guid? importTaskId) => new(
        await GrainFactory.GetGrain<IIdSequenceGrain>(Sequences.Sequences.DTable).Next(),
        draft.WorkspaceId, draft.OwnerId, draft.OrgId, draft.Name, draft.CreatorId, draft.Color, draft.TextColor, draft.Icon, importTaskId);
}
