using SeaTable.Grains.Comments;

namespace SeaTable.Api.Features.Comments;

/// <summary>DELETE comments/{comment_id}/ (rw) → {"success": true}: the author, or the base's owner; 404 for an unknown id.</summary>
public abstract class DeleteCommentEndpointBase : CommentEndpointBase<CommentIdRequest, SuccessResponse>
{
    public sealed override void Configure()
    {
        CommentRoutes("DELETE", "comments/{comment_id:long}", write: true);
        Summary(s => s.Summary = "Delete a comment (its author or the base owner)");
    }

    public sealed override async Task HandleAsync(CommentIdRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: true) is not { } caller)
        {
            return;
        }

        var result = await caller.Comments.Delete(req.CommentId, caller.Actor, caller.IsBaseAdmin);
        await (result.Error == CommentError.None ? SendSuccessAsync() : SendFailureAsync(result.Error));
    }
}

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class DeleteCommentEndpoint : DeleteCommentEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class DeleteServerCommentEndpoint : DeleteCommentEndpointBase
{
    protected override bool OnWeb => false;
}
