using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 POST (add) and DELETE (remove) …/links/ {link_id, table_name, other_table_name, table_row_id,
/// other_table_row_id}: {"success": true}.
/// </summary>
public abstract class LinkEndpoint(bool add) : BaseServerEndpoint<LinkRequest, SuccessResponse>
{
    public override async Task HandleAsync(LinkRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.ChangeLink(new LinkCommand(add, req.LinkId!, req.TableName!,
            req.OtherTableName!, req.TableRowId!, req.OtherTableRowId!));
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendContentErrorAsync(reply, write: true));
    }
}

public sealed class AddLinkEndpoint() : LinkEndpoint(add: true)
{
    public override void Configure()
    {
        Post(BaseRoutes.V1("links"));
        BaseWrite();
        Summary(s => s.Summary = "Link two rows through a link column (base token with rw)");
    }
}

public sealed class RemoveLinkEndpoint() : LinkEndpoint(add: false)
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1("links"));
        BaseWrite();
        Summary(s => s.Summary = "Unlink two rows (base token with rw)");
    }
}
