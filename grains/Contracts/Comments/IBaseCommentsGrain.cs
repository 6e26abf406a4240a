namespace SeaTable.Grains.Comments;

/// <summary>
/// The row comments of one base (key: the base uuid), kept in the grain's persisted state: every change is
/// written before it is answered. A comment names its row by id; a new comment's row must exist in the base's
/// content (asked of the content grain).
/// </summary>
[Alias("seatable.IBaseCommentsGrain")]
public interface IBaseCommentsGrain : IGrainWithGuidKey
{
    /// <summary>A page of the comments, newest first: of one row, or of the whole base when <paramref name="rowId"/> is null.</summary>
    [Alias("List")]
    Task<CommentPage> List(string? rowId, int page, int perPage);

    [Alias("Count")]
    Task<int> Count(string rowId);

    /// <summary>The comment counts of every row that has comments.</summary>
    [Alias("CountByRow")]
    Task<IReadOnlyDictionary<string, int>> CountByRow();

    [Alias("Get")]
    Task<RowComment?> Get(long id);

    /// <summary>Comments created in the last <paramref name="days"/> days, newest first.</summary>
    [Alias("WithinDays")]
    Task<IReadOnlyList<RowComment>> WithinDays(int days);

    [Alias("Add")]
    Task<CommentResult> Add(string rowId, string author, string comment);

    /// <summary>
    /// Changes a comment: its text (and detail) only by its author; <paramref name="resolved"/> by anyone who may
    /// write the base (resolving a thread is a reviewer's act).
    /// </summary>
    [Alias("Update")]
    Task<CommentResult> Update(long id, string callerId, string? comment, string? detail, bool? resolved);

    /// <summary>Deletes a comment: its author, or the base's owner (<paramref name="callerIsBaseAdmin"/>).</summary>
    [Alias("Delete")]
    Task<CommentResult> Delete(long id, string callerId, bool callerIsBaseAdmin);

    /// <summary>Every comment, oldest first, for an export.</summary>
    [Alias("Export")]
    Task<IReadOnlyList<RowComment>> Export();

    /// <summary>Replaces every comment (an import or a copy); ids are kept. Idempotent.</summary>
    [Alias("Import")]
    Task Import(IReadOnlyList<RowComment> comments);

    /// <summary>Deletes every comment for good (the base is purged or its import abandoned).</summary>
    [Alias("Clear")]
    Task Clear();
}

[GenerateSerializer, Immutable, Alias("seatable.RowComment")]
public sealed record RowComment(
    [property: Id(0)] long Id,
    [property: Id(1)] string RowId,
    [property: Id(2)] string Author,
    [property: Id(3)] string Comment,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] bool Resolved,
    [property: Id(7)] string? Detail);

[GenerateSerializer, Immutable, Alias("seatable.CommentPage")]
public sealed record CommentPage([property: Id(0)] IReadOnlyList<RowComment> Comments, [property: Id(1)] int Count);

[GenerateSerializer, Alias("seatable.CommentError")]
public enum CommentError
{
    None,
    /// <summary>The comment's row is not in the base (or the base has no content).</summary>
    RowNotFound,
    CommentNotFound,
    /// <summary>Only the author may change the text, only the author or the owner delete.</summary>
    NotAuthor,
}

[GenerateSerializer, Immutable, Alias("seatable.CommentResult")]
public sealed record CommentResult([property: Id(0)] CommentError Error, [property: Id(1)] RowComment? Comment = null);
