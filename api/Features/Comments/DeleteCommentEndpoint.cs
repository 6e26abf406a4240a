using SeaTable.Grains.Comments;

namespace SeaTable.Api.Features.Comments;

/// <summary>DELETE comments/{comment_id}/ (rw) → {"success": true}: the author, or the base's owner; 404 for an unknown id.</summary>
public sealed class DeleteCommentEndpoint : CommentEndpointBase<CommentIdRequest, SuccessResponse>
{
    public override void Configure()
    {
        CommentRoutes("DELETE", "comments/{comment_id:long}", write: true);
        Summary(s => s.Summary = "Delete a comment (its author or the base owner)");
    }

    public override async Task HandleAsync(CommentIdRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: true) is not { } caller)
        {
            return;
        }

        var result = await caller.Comments.Delete(req.CommentId, caller.Actor, caller.IsBaseAdmin);
        await (result.Error == CommentError.None ? SendSuccessAsync() : SendFailureAsync(result.Error));
    }
}
