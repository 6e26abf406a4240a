using SeaTable.Api.Infrastructure;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>The three column-options calls: the same body, a different change.</summary>
public abstract class ColumnOptionsEndpoint(ColumnOptionsChange change) : ColumnEndpoint<ColumnOptionsRequest, SuccessResponse>
{
    public override async Task HandleAsync(ColumnOptionsRequest req, CancellationToken ct)
    {
        var reply = await Columns.ChangeColumnOptions(new ColumnOptionsCommand(req.Table, req.Column!, change, req.Options.GetRawText()));
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendColumnErrorAsync(reply));
    }
}

/// <summary>POST …/column-options/ {table_name, column, options: [{name, color, textColor}]}: options added with new ids; names already there are skipped.</summary>
public sealed class AddColumnOptionsEndpoint() : ColumnOptionsEndpoint(ColumnOptionsChange.Add)
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("column-options"));
        BaseWrite();
        Summary(s => s.Summary = "Add options to a single- or multiple-select column (base token with rw)");
    }
}

/// <summary>PUT …/column-options/ {table_name, column, options: [{id or name, name, color, textColor}]}: options changed.</summary>
public sealed class UpdateColumnOptionsEndpoint() : ColumnOptionsEndpoint(ColumnOptionsChange.Update)
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("column-options"));
        BaseWrite();
        Summary(s => s.Summary = "Change options of a select column by id or name (base token with rw)");
    }
}

/// <summary>DELETE …/column-options/ {table_name, column, options: [name or id]}: options deleted, the cells holding them cleared.</summary>
public sealed class DeleteColumnOptionsEndpoint() : ColumnOptionsEndpoint(ColumnOptionsChange.Delete)
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1AndV2("column-options"));
        BaseWrite();
        Summary(s => s.Summary = "Delete options of a select column (base token with rw)");
    }
}
