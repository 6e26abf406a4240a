namespace SeaTable.Grains.Content;

/// <summary>
/// SeaTable's SQL over a base (dtable-db's query and linked-records calls), evaluated next to the rows on the
/// same activation as <see cref="IBaseContentGrain"/> (same class, same key): a query never copies the base
/// to another silo. UPDATE and DELETE are one logged write each, fanned out as "update-dtable".
/// </summary>
[Alias("seatable.IBaseSqlGrain")]
public interface IBaseSqlGrain : IGrainWithGuidKey
{
    /// <summary>Runs one statement; the reply's JSON is the whole success body {"success": true, "results", "metadata"}.</summary>
    [Alias("Query")]
    Task<SqlReply> Query(SqlQuery query);

    /// <summary>
    /// The linked rows of many rows through one link column: the reply's JSON is an object of row id to
    /// [{"row_id", "display_value"}], each list paged by the row's own offset and limit.
    /// </summary>
    [Alias("LinkedRecords")]
    Task<SqlReply> LinkedRecords(LinkedRecordsQuery query);
}

/// <summary>
/// One SQL statement. <see cref="ParametersJson"/> is a JSON array of values for the statement's "?"
/// placeholders (null when none). <see cref="ConvertKeys"/>: results keyed by column name instead of key.
/// <see cref="CanWrite"/>: the caller may change the base (UPDATE, DELETE); <see cref="Actor"/> becomes the
/// rows' _last_modifier; <see cref="CurrentUser"/> is the caller's user id where it has one.
/// </summary>
[GenerateSerializer, Immutable, Alias("seatable.SqlQuery")]
public sealed record SqlQuery(
    [property: Id(0)] string Sql,
    [property: Id(1)] bool ConvertKeys,
    [property: Id(2)] string? ParametersJson,
    [property: Id(3)] bool CanWrite,
    [property: Id(4)] string Actor,
    [property: Id(5)] string? CurrentUser = null);

/// <summary>Linked rows of <see cref="RowsJson"/> (a JSON array of {"row_id", "offset", "limit"}) through a link column of a table (by id or name).</summary>
[GenerateSerializer, Immutable, Alias("seatable.LinkedRecordsQuery")]
public sealed record LinkedRecordsQuery(
    [property: Id(0)] string TableId,
    [property: Id(1)] string LinkColumn,
    [property: Id(2)] string RowsJson);

/// <summary>What went wrong with a statement; the API turns each into SeaTable's status and error body.</summary>
[GenerateSerializer]
public enum SqlError
{
    None,
    /// <summary>The base has no content (purged, or never created).</summary>
    NoContent,
    /// <summary>The text is not a statement of the language; the message names the position.</summary>
    Syntax,
    /// <summary>A statement that parses but cannot run: unknown table or column, wrong arguments, a type mismatch, division by zero ...</summary>
    Invalid,
    /// <summary>A write (UPDATE, DELETE) by a caller who may only read.</summary>
    Forbidden,
    /// <summary>A statement this server (like SeaTable without big data storage) does not run: INSERT.</summary>
    NotSupported,
    /// <summary>Over a bound: SQL length, nesting depth, join size, result size or time.</summary>
    LimitExceeded,
}

/// <summary>The answer of a SQL call: an error with its message, or the JSON body (UTF-8) SeaTable answers.</summary>
[GenerateSerializer, Immutable, Alias("seatable.SqlReply")]
public sealed record SqlReply(
    [property: Id(0)] SqlError Error,
    [property: Id(1)] string? Message = null,
    [property: Id(2)] byte[]? Json = null,
    [property: Id(3)] long Count = 0)
{
    public static SqlReply Fail(SqlError error, string message) => new(error, message);
}
