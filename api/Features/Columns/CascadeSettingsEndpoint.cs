using SeaTable.Api.Infrastructure;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>
/// POST …/column-cascade-settings/ {table_name, child_column, parent_column, cascade_settings: {parent option:
/// [child options]}}: {"success": true}; kept in the child column's data (cascade_column_key, cascade_settings by option id).
/// </summary>
public sealed class CascadeSettingsEndpoint : ColumnEndpoint<CascadeSettingsRequest, SuccessResponse>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("column-cascade-settings"));
        BaseWrite();
        Summary(s => s.Summary = "Make a select column's options depend on a parent select column (base token with rw)");
    }

    public override async Task HandleAsync(CascadeSettingsRequest req, CancellationToken ct)
    {
        var reply = await Columns.SetCascadeSettings(new CascadeSettingsCommand(req.Table, req.ChildColumn!, req.ParentColumn!, req.CascadeSettings.GetRawText()));
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendColumnErrorAsync(reply));
    }
}
