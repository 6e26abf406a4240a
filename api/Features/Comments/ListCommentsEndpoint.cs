using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.Comments;

/// <summary>
/// GET comments/?row_id=[&amp;page=1&amp;per_page=25]: a row's comments, newest first, with their count; without
/// row_id the whole base's. dtable-web answers {"comment_list", "count"}, dtable-server {"comments", "count"}.
/// </summary>
public abstract class ListCommentsEndpointBase : CommentEndpointBase<RowCommentsRequest, object>
{
    public sealed override void Configure()
    {
        CommentRoutes("GET", "comments", write: false);
        Summary(s => s.Summary = "A row's (or the base's) comments with their count (login token or base token)");
        Description(b => b.Produces<CommentListResponse>(200));
    }

    public sealed override async Task HandleAsync(RowCommentsRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: false) is not { } caller || await ReadPagingAsync(25) is not { } paging)
        {
            return;
        }

        var page = await caller.Comments.List(string.IsNullOrEmpty(req.RowId) ? null : req.RowId, paging.Page, paging.PerPage);
        var items = page.Comments.Select(c => CommentJson.From(caller.Uuid, c)).ToList();
        await JsonAsync(IsWebRoute ? new CommentListResponse(items, page.Count) : new ServerCommentListResponse(items, page.Count));
    }
}

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class ListCommentsEndpoint : ListCommentsEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class ListServerCommentsEndpoint : ListCommentsEndpointBase
{
    protected override bool OnWeb => false;
}
