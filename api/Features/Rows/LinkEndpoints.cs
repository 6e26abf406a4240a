using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 POST (add) and DELETE (remove) …/links/ {link_id, table_name, other_table_name, table_row_id,
/// other_table_row_id}: {"success": true}.
/// </summary>
public abstract class LinkEndpoint(bool add) : RowWriteEndpoint
{
    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table))
        {
            return;
        }

        foreach (var name in new[] { "link_id", "other_table_name", "table_row_id", "other_table_row_id" })
        {
            if (fields.String(name) is not { Length: > 0 })
            {
                await BadRequestAsync($"{name} invalid.");
                return;
            }
        }

        var reply = await caller.Content.ChangeLink(new LinkCommand(add, fields.String("link_id")!, table,
            fields.String("other_table_name")!, fields.String("table_row_id")!, fields.String("other_table_row_id")!));
        await (reply.Error == ContentError.None ? SuccessAsync() : SendContentErrorAsync(reply, write: true));
    }
}

public sealed class AddLinkEndpoint() : LinkEndpoint(add: true)
{
    public override void Configure()
    {
        Post(Infrastructure.BaseTokens.BaseRoutes.V1("links"));
        BaseWrite();
    }
}

public sealed class RemoveLinkEndpoint() : LinkEndpoint(add: false)
{
    public override void Configure()
    {
        Delete(Infrastructure.BaseTokens.BaseRoutes.V1("links"));
        BaseWrite();
    }
}
