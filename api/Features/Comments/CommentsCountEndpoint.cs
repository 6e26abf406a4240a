using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.Comments;

/// <summary>
/// GET comments-count/?row_id= → {"count": n}, a row's comment count; without row_id, dtable-web's per-base
/// form: {"count": total, "row_counts": {row_id: n}} (the counts the web app shows on each row).
/// </summary>
public abstract class CommentsCountEndpointBase : CommentEndpointBase<RowCommentsRequest, object>
{
    public sealed override void Configure()
    {
        CommentRoutes("GET", "comments-count", write: false);
        Summary(s => s.Summary = "A row's comment count, or every row's (login token or base token)");
        Description(b => b.Produces<CommentCountResponse>(200));
    }

    public sealed override async Task HandleAsync(RowCommentsRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: false) is not { } caller)
        {
            return;
        }

        if (!string.IsNullOrEmpty(req.RowId))
        {
            await JsonAsync(new CommentCountResponse(await caller.Comments.Count(req.RowId)));
            return;
        }

        var byRow = await caller.Comments.CountByRow();
        await JsonAsync(new BaseCommentCountResponse(byRow.Values.Sum(), byRow));
    }
}

public sealed record BaseCommentCountResponse(int Count, IReadOnlyDictionary<string, int> RowCounts);

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class CommentsCountEndpoint : CommentsCountEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class ServerCommentsCountEndpoint : CommentsCountEndpointBase
{
    protected override bool OnWeb => false;
}
