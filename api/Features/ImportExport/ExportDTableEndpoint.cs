using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>
/// GET or POST /api/v2.1/workspace/{workspace_id}/dtable/{name}/export-dtable/ (E16): starts an export task of
/// the base for anyone with access to it (read-only shares included). Optional ignore_asset (query or body).
/// </summary>
public sealed class ExportDTableEndpoint : IoTaskEndpoint<ExportDTableRequest, IoTaskStartedResponse>
{
    public override void Configure()
    {
        Verbs(Http.GET, Http.POST);
        Routes("/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/export-dtable");
        Summary(s => s.Summary = "Start exporting a base as a .dtable archive (anyone with access to it)");
    }

    public override async Task HandleAsync(ExportDTableRequest req, CancellationToken ct)
    {
        var workspaceId = req.WorkspaceId;
        var name = req.Name;
        if (await GetWorkspaceAsync(workspaceId) is null)
        {
            return;
        }

        if (await Grains.GetGrain<IWorkspaceGrain>(workspaceId).Resolve(name) is not { } uuid)
        {
            await NotFoundAsync($"DTable {name} not found.");
            return;
        }

        var dtable = Grains.GetGrain<IDTableGrain>(uuid);
        if (await dtable.GetAccess(CallerId) == AccessLevel.None)
        {
            await ForbiddenAsync();
            return;
        }

        // A POST may send ignore_asset in its body or in the query: the binder took the body's.
        var ignoreAsset = req.IgnoreAsset;
        if (ignoreAsset == BoolField.Absent)
        {
            ignoreAsset = HttpContext.Request.Query["ignore_asset"].ToString().Trim().ToLowerInvariant() switch
            {
                "" => BoolField.Absent,
                "true" or "1" => BoolField.True,
                "false" or "0" => BoolField.False,
                _ => BoolField.Invalid,
            };
        }

        if (ignoreAsset == BoolField.Invalid)
        {
            await BadRequestAsync("ignore_asset invalid.");
            return;
        }

        var info = await dtable.GetInfo();
        var taskId = Guid.NewGuid();
        var task = TaskGrain(taskId);
        var publicUrl = PublicBase();
        await task.Create(new NewIoTask(IoTaskKind.Export, CallerId, uuid, workspaceId, info!.Name, publicUrl, ignoreAsset == BoolField.True));
        await task.Start();
        await Send.OkAsync(new IoTaskStartedResponse(TaskId(taskId), await DTables.TableResponse.FromAsync(Grains, info)), ct);
    }
}
