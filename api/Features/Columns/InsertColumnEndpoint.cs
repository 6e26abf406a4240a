using Microsoft.AspNetCore.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>POST …/columns/ {table_name|table_id, column_name, column_type, column_data, anchor_column}: the new column.</summary>
public sealed class InsertColumnEndpoint : ColumnEndpoint<InsertColumnRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("columns"));
        BaseWrite();
        Summary(s => s.Summary = "Add a column, at the end or after an anchor column (base token with rw)");
        Description(b => b.Produces<ColumnDoc>(200));
    }

    public override async Task HandleAsync(InsertColumnRequest req, CancellationToken ct)
    {
        var column = new JsonObject { ["column_name"] = req.ColumnName, ["column_type"] = req.ColumnType ?? "text" };
        if (req.ColumnData.ValueKind == JsonValueKind.Object)
        {
            column["column_data"] = JsonNode.Parse(req.ColumnData.GetRawText());
        }

        var anchor = req.AnchorColumn is { Length: > 0 } a ? a : req.ColumnKey is { Length: > 0 } k ? k : null;
        var reply = await Columns.AddColumns(new AddColumnsCommand(req.Table, new JsonArray(column).ToJsonString(), anchor));
        if (reply.Json is not { } json)
        {
            await SendColumnErrorAsync(reply);
            return;
        }

        // The grain answers the list of new columns; this call made one.
        using var document = JsonDocument.Parse(json);
        await SendRawJsonAsync(System.Text.Encoding.UTF8.GetBytes(document.RootElement[0].GetRawText()));
    }
}
