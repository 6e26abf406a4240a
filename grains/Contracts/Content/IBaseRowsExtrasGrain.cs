namespace SeaTable.Grains.Content;

/// <summary>
/// The row API's calls beyond the basics (issue 14, links and rows): links by the map of the batch forms,
/// row locks, one table's metadata, table copies, the gateway's row shape and appends that answer every
/// new row. Implemented by the content grain itself (same key, same activation as <see cref="IBaseContentGrain"/>).
/// Tables are named by name or, failing that, by id.
/// </summary>
[Alias("seatable.IBaseRowsExtrasGrain")]
public interface IBaseRowsExtrasGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Adds, removes or replaces links of rows of one table to rows of the other table of a link column;
    /// every row is checked before anything is written. The reply's count is how many links changed.
    /// </summary>
    [Alias("ChangeLinks")]
    Task<ContentReply> ChangeLinks(LinksCommand command);

    /// <summary>Locks (or unlocks) rows: the system fields _locked and _locked_by. Every row must exist.</summary>
    [Alias("LockRows")]
    Task<ContentReply> LockRows(LockRowsCommand command);

    /// <summary>One table's metadata: {_id, name, columns, views}.</summary>
    [Alias("GetTableMetadata")]
    Task<ContentReply> GetTableMetadata(string table);

    /// <summary>A copy of a table named "&lt;name&gt;(copy)", with or without its rows; the reply is the new table.</summary>
    [Alias("DuplicateTable")]
    Task<ContentReply> DuplicateTable(string table, bool withRecords);

    /// <summary>Rows as the API gateway lists them: every column present (null when empty), and _archived, _locked, _locked_by.</summary>
    [Alias("ListRowsFilled")]
    Task<ContentReply> ListRowsFilled(RowQuery query);

    /// <summary>One row in the gateway's shape (see <see cref="ListRowsFilled"/>).</summary>
    [Alias("GetRowFilled")]
    Task<ContentReply> GetRowFilled(string tableName, string rowId, bool byName, bool convertLinkId);

    /// <summary>As <see cref="IBaseContentGrain.AppendRows"/>, the reply's JSON an array of every new row (by column key).</summary>
    [Alias("AppendRowsReturning")]
    Task<ContentReply> AppendRowsReturning(AppendRowsCommand command);
}

/// <summary>What a links call does with the rows of its map.</summary>
[GenerateSerializer]
public enum LinkChange
{
    Add,
    Remove,
    /// <summary>Each listed row's links become exactly the ids of the map (none when the map leaves it out).</summary>
    Replace,
}

/// <summary>One row of a links call and the rows of the other table it concerns.</summary>
[GenerateSerializer, Immutable, Alias("seatable.LinkRows")]
public sealed record LinkRows([property: Id(0)] string RowId, [property: Id(1)] IReadOnlyList<string> OtherRowIds);

/// <summary>
/// A links call: the link column's <see cref="LinkId"/>, the table of the rows and the other table (name or
/// id), and per row the other rows. For <see cref="LinkChange.Replace"/> <see cref="RowIdList"/> names the rows
/// to replace (the map's rows when null).
/// </summary>
[GenerateSerializer, Immutable, Alias("seatable.LinksCommand")]
public sealed record LinksCommand(
    [property: Id(0)] LinkChange Change,
    [property: Id(1)] string LinkId,
    [property: Id(2)] string Table,
    [property: Id(3)] string OtherTable,
    [property: Id(4)] IReadOnlyList<LinkRows> Rows,
    [property: Id(5)] IReadOnlyList<string>? RowIdList = null);

/// <summary>Rows to lock (or unlock) in a table (name or id), by whom (becomes _locked_by).</summary>
[GenerateSerializer, Immutable, Alias("seatable.LockRowsCommand")]
public sealed record LockRowsCommand(
    [property: Id(0)] string Table,
    [property: Id(1)] IReadOnlyList<string> RowIds,
    [property: Id(2)] bool Lock,
    [property: Id(3)] string Actor);
