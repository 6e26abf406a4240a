using System.Text.Json;
using SeaTable.Grains.Comments;

namespace SeaTable.Api.Features.Comments;

/// <summary>
/// PUT comments/{comment_id}/ (rw) → {"success": true}: <c>comment</c> or <c>detail</c> changes the text (the
/// author only, else 403), <c>resolved</c> marks it resolved or open (anyone who may write). dtable-server's
/// {"options": {...}} form is read too. Nothing to change, an empty comment or a bad resolved is 400.
/// </summary>
public abstract class UpdateCommentEndpointBase : CommentEndpointBase<UpdateCommentRequest, SuccessResponse>
{
    public sealed override void Configure()
    {
        CommentRoutes("PUT", "comments/{comment_id:long}", write: true);
        Summary(s => s.Summary = "Edit or resolve a comment (login token or base token with rw)");
    }

    public sealed override async Task HandleAsync(UpdateCommentRequest req, CancellationToken ct)
    {
        if (await AccessAsync(req, write: true) is not { } caller)
        {
            return;
        }

        var options = req.Body.Json("options") is { ValueKind: JsonValueKind.Object } nested ? nested : (JsonElement?)null;
        var comment = options is { } o ? Text(o, "comment") : req.Body.String("comment");
        var detail = options is { } d ? Text(d, "detail") : req.Body.Json("detail") is { ValueKind: not JsonValueKind.String and not JsonValueKind.Null } json ? json.GetRawText() : req.Body.String("detail");
        var resolved = options is { } r ? Bool(r, "resolved") : req.Body.Bool("resolved");
        if (resolved == BoolField.Invalid)
        {
            await BadRequestAsync("resolved invalid.");
            return;
        }

        if (comment is not null && string.IsNullOrWhiteSpace(comment))
        {
            await BadRequestAsync("comment invalid.");
            return;
        }

        if (comment is null && detail is null && resolved == BoolField.Absent)
        {
            await BadRequestAsync("params invalid");
            return;
        }

        var result = await caller.Comments.Update(req.CommentId, caller.Actor, comment, detail,
            resolved == BoolField.Absent ? null : resolved == BoolField.True);
        await (result.Error == CommentError.None ? SendSuccessAsync() : SendFailureAsync(result.Error));
    }

    private static string? Text(JsonElement options, string name) =>
        options.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.GetRawText() : null;

    private static BoolField Bool(JsonElement options, string name) => !options.TryGetProperty(name, out var value) ? BoolField.Absent : value.ValueKind switch
    {
        JsonValueKind.True => BoolField.True,
        JsonValueKind.False => BoolField.False,
        JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1 ? BoolField.True : BoolField.False,
        JsonValueKind.String when value.GetString()?.ToLowerInvariant() is "true" or "1" => BoolField.True,
        JsonValueKind.String when value.GetString()?.ToLowerInvariant() is "false" or "0" => BoolField.False,
        _ => BoolField.Invalid,
    };
}

/// <summary>The call at dtable-web's route (login token or base token).</summary>
public sealed class UpdateCommentEndpoint : UpdateCommentEndpointBase
{
    protected override bool OnWeb => true;
}

/// <summary>The call at dtable-server's routes (base token).</summary>
public sealed class UpdateServerCommentEndpoint : UpdateCommentEndpointBase
{
    protected override bool OnWeb => false;
}
