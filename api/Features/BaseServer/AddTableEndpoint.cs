using Microsoft.AspNetCore.Http;
using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>
/// POST …/tables/ {table_name, lang, columns?}: a new table with a "Default View" and, without columns, a
/// text column "Name". Columns are {column_name, column_type, column_data}; a link column names its other
/// table in column_data.other_table. Answers the table (_id, name, columns, views).
/// </summary>
public sealed class AddTableEndpoint : BaseServerEndpoint<AddTableRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("tables"));
        BaseWrite();
        Summary(s => s.Summary = "Add a table with a default view (base token with rw)");
        Description(b => b.Produces<TableDoc>(200));
    }

    public override async Task HandleAsync(AddTableRequest req, CancellationToken ct)
    {
        var columns = req.Columns.ValueKind == JsonValueKind.Array ? req.Columns.GetRawText() : null;
        var reply = await Caller.Content.AddTable(req.TableName!, columns);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: true));
    }
}
