namespace SeaTable.Api.Features.Comments;

/// <summary>GET comments/{comment_id}/: one comment (readers); 404 "comment not found.".</summary>
public sealed class GetCommentEndpoint : CommentEndpointBase<CommentIdRequest, CommentJson>
{
    public override void Configure()
    {
        CommentRoutes("GET", "comments/{comment_id:long}", write: false);
        Summary(s => s.Summary = "One comment (login token or base token)");
    }

    public override async Task HandleAsync(CommentIdRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: false) is not { } caller)
        {
            return;
        }

        await (await caller.Comments.Get(req.CommentId) is { } comment
            ? JsonAsync(CommentJson.From(caller.Uuid, comment))
            : NotFoundAsync("comment not found."));
    }
}
