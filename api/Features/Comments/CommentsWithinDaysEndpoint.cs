namespace SeaTable.Api.Features.Comments;

/// <summary>GET comments-within-days/?days=3: the base's comments of the last days, newest first, as {"comment_list"} (dtable-server: {"comments"}).</summary>
public abstract class CommentsWithinDaysEndpointBase : CommentEndpointBase<CommentsWithinDaysRequest, object>
{
    public sealed override void Configure()
    {
        CommentRoutes("GET", "comments-within-days", write: false);
        Summary(s => s.Summary = "The base's comments of the last days (login token or base token)");
    }

    public sealed override async Task HandleAsync(CommentsWithinDaysRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: false) is not { } caller)
        {
            return;
        }

        if (req.Days is < 0)
        {
            await BadRequestAsync("days invalid.");
            return;
        }

        var items = (await caller.Comments.WithinDays(req.Days ?? 3)).Select(c => CommentJson.From(caller.Uuid, c)).ToList();
        await JsonAsync(IsWebRoute ? new { comment_list = items } : new { comments = items });
    }
}

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class CommentsWithinDaysEndpoint : CommentsWithinDaysEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class ServerCommentsWithinDaysEndpoint : CommentsWithinDaysEndpointBase
{
    protected override bool OnWeb => false;
}
