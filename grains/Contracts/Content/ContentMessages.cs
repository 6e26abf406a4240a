namespace SeaTable.Grains.Content;

/// <summary>What went wrong with a content call; the API turns each into SeaTable's status and body.</summary>
[GenerateSerializer]
public enum ContentError
{
    None,
    /// <summary>The base has no content (purged, or never created).</summary>
    NoContent,
    TableNotFound,
    RowNotFound,
    ViewNotFound,
    ColumnNotFound,
    LinkNotFound,
    /// <summary>A value that cannot be stored in its column; <see cref="ContentReply.Detail"/> says which.</summary>
    ValueInvalid,
    ParamsInvalid,
    TableExists,
    /// <summary>The base would hold more rows than allowed (HTTP 443 "Rows exceeded.").</summary>
    RowsExceeded,
    /// <summary>Another limit (tables per base, columns per table) would be exceeded.</summary>
    LimitExceeded,
    /// <summary>A locked row (lock-rows/) was to be changed or deleted; <see cref="ContentReply.Detail"/> is its id.</summary>
    RowLocked,
    /// <summary>A view of that name exists in the table.</summary>
    ViewExists,
    /// <summary>The table's last view cannot be deleted.</summary>
    LastView,
    /// <summary>A filter, sort or other view setting SeaTable refuses; <see cref="ContentReply.Detail"/> is its text.</summary>
    ViewInvalid,
    /// <summary>The request's Idempotency-Key answered another request on this base; <see cref="ContentReply.Detail"/> is the key.</summary>
    IdempotencyKeyReused,
}

/// <summary>
/// The answer of a content call: an error, or the JSON it produced (UTF-8, already in SeaTable's shape),
/// with the ids of new rows and a count where the call has them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ContentReply(
    [property: Id(0)] ContentError Error,
    [property: Id(1)] string? Detail = null,
    [property: Id(2)] byte[]? Json = null,
    [property: Id(3)] IReadOnlyList<string>? RowIds = null,
    [property: Id(4)] long Count = 0)
{
    public static ContentReply Fail(ContentError error, string? detail = null) => new(error, detail);
}

/// <summary>A base's content.json, gzip-compressed, and its row count (for progress).</summary>
[GenerateSerializer, Immutable, Alias("seatable.ContentExport")]
public sealed record ContentExport([property: Id(0)] byte[] GzipJson, [property: Id(1)] long Rows);

/// <summary>A rows listing: table, optional view, order, and the page (start, limit); the caller for a view's "include_me" filters.</summary>
[GenerateSerializer, Immutable]
public sealed record RowQuery(
    [property: Id(0)] string TableName,
    [property: Id(1)] string? ViewName,
    [property: Id(2)] string? OrderBy,
    [property: Id(3)] bool Descending,
    [property: Id(4)] int Start,
    [property: Id(5)] int Limit,
    [property: Id(6)] bool ByName,
    [property: Id(7)] bool ConvertLinkId,
    [property: Id(8)] string? CurrentUser = null);

/// <summary>
/// Rows to add (a JSON array of objects keyed by column name or key), by whom (the app or user id that
/// becomes _creator), optionally next to an anchor row.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AppendRowsCommand(
    [property: Id(0)] string TableName,
    [property: Id(1)] string RowsJson,
    [property: Id(2)] string Actor,
    [property: Id(3)] bool ApplyDefault,
    [property: Id(4)] string? AnchorRowId = null,
    [property: Id(5)] bool InsertAbove = false);

/// <summary>Row updates: a JSON array of {"row_id", "row": {column: value}}.</summary>
[GenerateSerializer, Immutable]
public sealed record UpdateRowsCommand(
    [property: Id(0)] string TableName,
    [property: Id(1)] string UpdatesJson,
    [property: Id(2)] string Actor);

/// <summary>Link or unlink two rows through the link column <see cref="LinkId"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record LinkCommand(
    [property: Id(0)] bool Add,
    [property: Id(1)] string LinkId,
    [property: Id(2)] string TableName,
    [property: Id(3)] string OtherTableName,
    [property: Id(4)] string RowId,
    [property: Id(5)] string OtherRowId);
