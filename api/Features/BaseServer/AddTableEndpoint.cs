using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>
/// POST …/tables/ {table_name, lang, columns?}: a new table with a "Default View" and, without columns, a
/// text column "Name". Columns are {column_name, column_type, column_data}; a link column names its other
/// table in column_data.other_table. Answers the table (_id, name, columns, views).
/// </summary>
public sealed class AddTableEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("tables"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller || await ReadFieldsAsync(ct) is not { } fields
            || await TableNameAsync(fields) is not { } name)
        {
            return;
        }

        var columns = fields.Json("columns");
        if (columns is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null) })
        {
            await BadRequestAsync("columns invalid.");
            return;
        }

        var reply = await caller.Content.AddTable(name, columns is { ValueKind: JsonValueKind.Array } array ? array.GetRawText() : null);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: true));
    }
}
