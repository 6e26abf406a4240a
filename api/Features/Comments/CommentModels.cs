using System.Text.Json.Serialization;
using FluentValidation;
using SeaTable.Grains.Comments;

namespace SeaTable.Api.Features.Comments;

/// <summary>A call on a base's comments: the route's "{uuid}" (either form).</summary>
public record CommentsRequest
{
    [System.ComponentModel.Description("The base's uuid, with or without dashes.")]
    public string Uuid { get; init; } = "";
}

/// <summary>GET comments/?row_id=[&amp;page&amp;per_page] and comments-count/?row_id=.</summary>
public sealed record RowCommentsRequest : CommentsRequest
{
    [System.ComponentModel.Description("The row's _id; the comments list without it covers the whole base.")]
    public string? RowId { get; init; }
}

/// <summary>POST comments/ {row_id, comment} (row_id also in the query, as dtable-server's docs send it).</summary>
public sealed record AddCommentRequest : CommentsRequest
{
    public string? RowId { get; init; }

    public string? Comment { get; init; }
}

public sealed class AddCommentValidator : Validator<AddCommentRequest>
{
    public AddCommentValidator()
    {
        RuleFor(r => r.Comment).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("comment invalid.");
    }
}

/// <summary>GET, PUT, DELETE comments/{comment_id}/.</summary>
public sealed record CommentIdRequest : CommentsRequest
{
    public long CommentId { get; init; }
}

/// <summary>
/// PUT comments/{comment_id}/: dtable-web's {comment?, detail?, resolved?}, or dtable-server's
/// {"options": {comment?, resolved?}}; the whole body is read to accept both.
/// </summary>
public sealed record UpdateCommentRequest : CommentsRequest
{
    public long CommentId { get; init; }

    public Infrastructure.RequestFields Body { get; init; } = Infrastructure.RequestFields.Empty;
}

/// <summary>GET comments-within-days/?days= (default 3).</summary>
public sealed record CommentsWithinDaysRequest : CommentsRequest
{
    public int? Days { get; init; }
}

/// <summary>A comment as SeaTable shows it.</summary>
public sealed record CommentJson(
    long Id,
    string Author,
    string Comment,
    [property: JsonPropertyName("dtable_uuid")] string DTableUuid,
    string RowId,
    string CreatedAt,
    string UpdatedAt,
    string? Detail,
    bool Resolved)
{
    public static CommentJson From(Guid uuid, RowComment c) => new(c.Id, c.Author, c.Comment, uuid.ToString("N"), c.RowId,
        Infrastructure.IsoTime.Format(c.CreatedAt), Infrastructure.IsoTime.Format(c.UpdatedAt), c.Detail, c.Resolved);
}

/// <summary>dtable-web's list: {"comment_list", "count"}.</summary>
public sealed record CommentListResponse(IReadOnlyList<CommentJson> CommentList, int Count);

/// <summary>dtable-server's list: {"comments", "count"}.</summary>
public sealed record ServerCommentListResponse(IReadOnlyList<CommentJson> Comments, int Count);

public sealed record CommentCountResponse(int Count);

public sealed record CommentResponse(CommentJson Comment);
