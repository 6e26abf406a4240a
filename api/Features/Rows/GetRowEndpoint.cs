using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Rows;

/// <summary>GET …/rows/{row_id}/?table_name= (v1 and v2): the row, cells keyed by column name (v2 convert_keys=false: by key).</summary>
public sealed class GetRowEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("rows/{row_id}"));
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

        if (!ListRowsEndpoint.TryFlag(Query("convert_keys"), true, out var byName) || !ListRowsEndpoint.TryFlag(Query("convert_link_id"), false, out var convertLinkId))
        {
            await BadRequestAsync("params invalid");
            return;
        }

        var reply = await caller.Content.GetRow(table, Route<string>("row_id")!, byName, convertLinkId);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: false));
    }
}
