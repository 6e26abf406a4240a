using FluentValidation;
using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.BaseCopy;

/// <summary>
/// POST /api/v2.1/dtable-copy/ {src_workspace_id, src_dtable (the Python client sends "name"), dst_workspace_id,
/// dst_dtable?} → {"dtable": {...}}: a new base in the destination workspace with the source's content, assets
/// and comments, under dst_dtable, or else the source's name ("<name>(copy)" … when taken). The caller must be able to read the source
/// and own the destination workspace (else 403 "Permission denied."); a taken name is 400 "Table … already
/// exists." and nothing is made. The copy is an export and an import run by one task (the directory grain owns
/// it); the answer waits for its end.
/// </summary>
public sealed class CopyDTableEndpoint : SeaTableEndpoint<CopyDTableRequest, CopyDTableResponse>
{
    private static readonly TimeSpan WaitStep = TimeSpan.FromSeconds(10);
    private const int MaxGeneratedNames = 20;

    public override void Configure()
    {
        Post("/api/v2.1/dtable-copy");
        Summary(s => s.Summary = "Copy a base with its content and assets into a workspace the caller owns (login token)");
    }

    public override async Task HandleAsync(CopyDTableRequest req, CancellationToken ct)
    {
        var sourceName = req.SrcDtable ?? req.Name;
        if (string.IsNullOrEmpty(sourceName))
        {
            await BadRequestAsync("src_dtable invalid.");
            return;
        }

        var targetName = string.IsNullOrEmpty(req.DstDtable) ? sourceName : req.DstDtable;
        if (!BaseNames.IsValid(targetName))
        {
            await BadRequestAsync("dst_dtable invalid.");
            return;
        }

        if (await ResolveBaseAsync(req.SrcWorkspaceId!.Value, sourceName) is not { } source)
        {
            return;
        }

        if (await Grains.GetGrain<IDTableGrain>(source.Uuid).GetAccess(CallerId) == AccessLevel.None
            || await GetWorkspaceAsync(req.DstWorkspaceId!.Value) is not { } destination)
        {
            if (!HttpContext.Response.HasStarted)
            {
                await ForbiddenAsync();
            }

            return;
        }

        if (destination.OwnerId != CallerId)
        {
            await ForbiddenAsync();
            return;
        }

        var publicUrl = PublicBase();
        var directory = Grains.GetGrain<IDTableDirectoryGrain>(0);
        // Without a name of its own the copy is named after the source, and "<name>(copy)", "<name>(copy 2)" …
        // when that is taken, as SeaTable's "copy base" does: the Python client's copy_base sends no new name,
        // so a copy within the source's own workspace would otherwise never succeed. A name the caller gave
        // that is taken is refused.
        var candidates = string.IsNullOrEmpty(req.DstDtable)
            ? Enumerable.Range(0, MaxGeneratedNames).Select(i => i switch
            {
                0 => sourceName,
                1 => $"{sourceName}(copy)",
                _ => $"{sourceName}(copy {i})",
            }).Where(BaseNames.IsValid)
            : [targetName];
        var taskId = Guid.Empty;
        DTableResult? created = null;
        foreach (var candidate in candidates)
        {
            taskId = Guid.NewGuid();
            created = await directory.CopyDTable(taskId, source.Uuid,
                new DTableDraft(destination.Id, destination.OwnerId, destination.OrgId, candidate, CallerId), publicUrl);
            if (created.Error != DTableError.NameTaken)
            {
                break;
            }
        }

        if (created is not { Error: DTableError.None })
        {
            await BadRequestAsync($"Table {targetName} already exists.");
            return;
        }

        // The answer waits for the task (not for the client: an aborted request leaves the task to finish).
        var task = Grains.GetGrain<IIoTaskGrain>(taskId);
        IoTaskStatus? status;
        do
        {
            status = await task.WaitForEnd(WaitStep);
        }
        while (status is { IsFinished: false });

        if (status is { Phase: IoTaskPhase.Finished } && await Grains.GetGrain<IDTableGrain>(created.Table!.Uuid).GetInfo() is { } table)
        {
            await Send.OkAsync(new CopyDTableResponse(await DTables.TableResponse.FromAsync(Grains, table)), ct);
            return;
        }

        await BadRequestAsync(status?.Error ?? "Copy dtable failed.");
    }
}

public sealed record CopyDTableRequest
{
    public long? SrcWorkspaceId { get; init; }

    [System.ComponentModel.Description("The source base's name.")]
    public string? SrcDtable { get; init; }

    [System.ComponentModel.Description("The source base's name, as the Python client's copy_base sends it.")]
    public string? Name { get; init; }

    public long? DstWorkspaceId { get; init; }

    [System.ComponentModel.Description("The copy's name; the source's when absent.")]
    public string? DstDtable { get; init; }
}

public sealed class CopyDTableValidator : Validator<CopyDTableRequest>
{
    public CopyDTableValidator()
    {
        RuleFor(r => r.SrcWorkspaceId).NotNull().WithMessage("src_workspace_id invalid.");
        RuleFor(r => r.DstWorkspaceId).NotNull().WithMessage("dst_workspace_id invalid.");
    }
}

/// <summary>{"dtable": the new base}.</summary>
public sealed record CopyDTableResponse(DTables.TableResponse Dtable);
