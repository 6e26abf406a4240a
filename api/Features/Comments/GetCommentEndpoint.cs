namespace SeaTable.Api.Features.Comments;

/// <summary>GET comments/{comment_id}/: one comment (readers); 404 "comment not found.".</summary>
public abstract class GetCommentEndpointBase : CommentEndpointBase<CommentIdRequest, CommentJson>
{
    public sealed override void Configure()
    {
        CommentRoutes("GET", "comments/{comment_id:long}", write: false);
        Summary(s => s.Summary = "One comment (login token or base token)");
    }

    public sealed override async Task HandleAsync(CommentIdRequest req, CancellationToken ct)
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

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class GetCommentEndpoint : GetCommentEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class GetServerCommentEndpoint : GetCommentEndpointBase
{
    protected override bool OnWeb => false;
}
