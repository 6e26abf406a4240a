using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.Comments;

/// <summary>
/// POST comments/ {row_id, comment} (rw): a comment by the caller on a row that exists. dtable-web answers 201
/// {"comment": {...}}, dtable-server {"success": true}. A missing row is 404 "row not found." (dtable-server: 400
/// row_not_exist), an empty comment 400 "comment invalid.".
/// </summary>
public abstract class AddCommentEndpointBase : CommentEndpointBase<AddCommentRequest, object>
{
    public sealed override void Configure()
    {
        CommentRoutes("POST", "comments", write: true);
        Summary(s => s.Summary = "Comment on a row (login token or base token with rw)");
        Description(b => b.Produces<CommentResponse>(201));
    }

    public sealed override async Task HandleAsync(AddCommentRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: true) is not { } caller)
        {
            return;
        }

        var rowId = string.IsNullOrEmpty(req.RowId) ? HttpContext.Request.Query["row_id"].ToString() : req.RowId;
        if (string.IsNullOrEmpty(rowId))
        {
            await BadRequestAsync("row_id invalid.");
            return;
        }

        var result = await caller.Comments.Add(rowId, caller.Actor, req.Comment!);
        if (result.Comment is not { } comment)
        {
            await SendFailureAsync(result.Error);
            return;
        }

        await (IsWebRoute
            ? JsonAsync(new CommentResponse(CommentJson.From(caller.Uuid, comment)), StatusCodes.Status201Created)
            : SendSuccessAsync());
    }
}

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class AddCommentEndpoint : AddCommentEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class AddServerCommentEndpoint : AddCommentEndpointBase
{
    protected override bool OnWeb => false;
}
