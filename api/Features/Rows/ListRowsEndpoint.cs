using System.Globalization;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// GET …/rows/?table_name=[&amp;view_name][&amp;order_by&amp;direction][&amp;start][&amp;limit] (v1 and v2):
/// {"rows": [...]}, cells keyed by column name (v2: by key when convert_keys=false), at most 1,000 a page.
/// A view applies its filters and sorts; order_by sorts first.
/// </summary>
public sealed class ListRowsEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("rows"));
        BaseRead();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller)
        {
            return;
        }

        if (await QueryTableNameAsync() is not { } table)
        {
            return;
        }

        var direction = Query("direction")?.ToLowerInvariant();
        if (!TryInt(Query("start"), 0, out var start) || !TryInt(Query("limit"), RowLimits.List, out var limit)
            || direction is not (null or "" or "asc" or "desc") || !TryFlag(Query("convert_keys"), true, out var byName)
            || !TryFlag(Query("convert_link_id"), false, out var convertLinkId))
        {
            await BadRequestAsync("params invalid");
            return;
        }

        var query = new RowQuery(table, Query("view_name") is { Length: > 0 } view ? view : null,
            Query("order_by") is { Length: > 0 } orderBy ? orderBy : null, direction == "desc", start,
            limit == 0 ? RowLimits.List : Math.Min(limit, RowLimits.List), byName, convertLinkId);
        var reply = await caller.Content.ListRows(query);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: false));
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0);
    }

    internal static bool TryFlag(string? text, bool fallback, out bool value)
    {
        value = fallback;
        switch (text?.ToLowerInvariant())
        {
            case null or "":
                return true;
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                return false;
        }
    }
}
