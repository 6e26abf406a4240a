using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Common;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Sql;

/// <summary>
/// POST /dtable-db/api/v1/query/{uuid}/ and /api-gateway/api/v2/dtables/{uuid}/sql/ (the Python client posts …/sql
/// without the slash): one SQL statement on the base, {"success": true, "results", "metadata"}. Any base token may
/// read; UPDATE and DELETE need "rw", which the grain checks (it alone knows what the statement does).
/// </summary>
public sealed class QueryEndpoint : SqlEndpoint<SqlQueryRequest, SqlQueryResponse>
{
    public override void Configure()
    {
        SqlRead("/dtable-db/api/v1/query/{uuid}", "/api-gateway/api/v2/dtables/{uuid}/sql");
        Summary(s => s.Summary = "Run one SQL statement on the base: SELECT, UPDATE, DELETE (base token; writes need rw)");
        Description(b => b
            .Produces<SqlErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<SqlErrorResponse>(StatusCodes.Status403Forbidden));
    }

    public override async Task HandleAsync(SqlQueryRequest req, CancellationToken ct)
    {
        if (await RefusedAsync())
        {
            return;
        }

        var caller = Caller;
        if (IsSelect(req.Sql!))
        {
            // A SELECT changes nothing: after a lost answer it is run again, not answered "outcome unknown".
            Infrastructure.WriteOutcomes.WriteOutcomeGuard.MarkRepeatable(HttpContext);
        }

        var parameters = req.Parameters.ValueKind == JsonValueKind.Array ? req.Parameters.GetRawText() : null;
        var reply = await Sql.Query(new SqlQuery(req.Sql!, req.ConvertKeys == Infrastructure.BoolField.True, parameters,
            caller.Permission == SharePermission.ReadWrite, caller.Actor, CurrentUser));
        await SendSqlReplyAsync(reply);
    }

    private static bool IsSelect(string sql) => sql.AsSpan().TrimStart().StartsWith("select", StringComparison.OrdinalIgnoreCase);
}
