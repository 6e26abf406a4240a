using System.Text.Json;
using FluentValidation;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>PUT …/lock-rows/ and …/unlock-rows/ {table_name, row_ids}.</summary>
public sealed record LockRowsRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The rows to lock or unlock (1 to 10,000); rows already so are fine, every row must exist.")]
    public JsonElement RowIds { get; init; }
}

public sealed class LockRowsValidator : Validator<LockRowsRequest>
{
    public LockRowsValidator()
    {
        this.RequireTableName();
        this.RequireArray(r => r.RowIds, "row_ids", RowLimits.Delete);
        RuleFor(r => r.RowIds).Must(ids => ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length > 0))
            .WithMessage("row_ids invalid.");
    }
}

/// <summary>
/// Sets or clears the rows' _locked (true) and _locked_by (the caller): a locked row refuses updates and
/// deletes with 403 row_locked until it is unlocked. {"success": true}; a missing row: 400 row_not_exist, nothing locked.
/// </summary>
public abstract class LockRowsEndpoint(bool lockRows) : BaseServerEndpoint<LockRowsRequest, SuccessResponse>
{
    public override async Task HandleAsync(LockRowsRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var ids = req.RowIds.EnumerateArray().Select(i => i.GetString()!).ToList();
        var reply = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(caller.Uuid).LockRows(new LockRowsCommand(req.TableName!, ids, lockRows, caller.Actor));
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendContentErrorAsync(reply, write: true));
    }
}

public sealed class LockRowsPutEndpoint() : LockRowsEndpoint(lockRows: true)
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("lock-rows"));
        BaseWrite();
        Summary(s => s.Summary = "Lock rows against edits (base token with rw)");
    }
}

public sealed class UnlockRowsPutEndpoint() : LockRowsEndpoint(lockRows: false)
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("unlock-rows"));
        BaseWrite();
        Summary(s => s.Summary = "Unlock rows (base token with rw)");
    }
}
