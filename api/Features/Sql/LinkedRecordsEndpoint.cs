using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Sql;

/// <summary>
/// POST /dtable-db/api/v1/linked-records/{uuid}/ (the clients' get_linked_records) and the gateway's
/// /api-gateway/api/v2/dtables/{uuid}/query-links/: the linked rows of many rows through one link column,
/// {row_id: [{"row_id", "display_value"}]}, each row's list paged by its own offset and limit.
/// </summary>
[Infrastructure.WriteOutcomes.RepeatableWrite]
public sealed class LinkedRecordsEndpoint : SqlEndpoint<LinkedRecordsRequest, Dictionary<string, IReadOnlyList<LinkedRecordDoc>>>
{
    public override void Configure()
    {
        SqlRead("/dtable-db/api/v1/linked-records/{uuid}", "/api-gateway/api/v2/dtables/{uuid}/query-links");
        Summary(s => s.Summary = "The linked rows of many rows through one link column, paged per row (base token)");
        Description(b => b.Produces<SqlErrorResponse>(StatusCodes.Status400BadRequest));
    }

    public override async Task HandleAsync(LinkedRecordsRequest req, CancellationToken ct)
    {
        if (await RefusedAsync())
        {
            return;
        }

        await SendSqlReplyAsync(await Sql.LinkedRecords(new LinkedRecordsQuery(req.Table, req.Column, req.Rows.GetRawText())));
    }
}
