using Orleans.Concurrency;
namespace SeaTable.Grains.Content;

/// <summary>
/// The tables, columns, rows and views of one base (key: the base uuid). Kept in memory while active;
/// every write is logged durably before it is acknowledged (see the content grain).
/// </summary>
[Alias("seatable.IBaseContentGrain")]
public interface IBaseContentGrain : IGrainWithGuidKey
{
    /// <summary>Gives a new base SeaTable's initial content unless it has content; returns its row count.</summary>
    [Alias("Initialize")]
    Task<long> Initialize(string creatorId);

    /// <summary>The content as SeaTable's content.json text (rows keyed by column key); null when the base has none.</summary>
    [Alias("GetContentJson")]
    Task<string?> GetContentJson();

    /// <summary>
    /// Starts replacing the whole content by a SeaTable content.json sent in blocks (<see cref="ImportAppend"/>)
    /// and made the base's content, durably, by <see cref="ImportCommit"/>: the base is built as the blocks
    /// come, and the text is never held whole, on either side. Until the commit the base keeps its content; a
    /// new begin drops an unfinished import. The import lives in this activation's memory: if the activation
    /// ends first, the next call with <paramref name="importId"/> throws <see cref="ArgumentException"/> and the
    /// import has to start again.
    /// </summary>
    [Alias("ImportBegin")]
    Task ImportBegin(Guid importId);

    /// <summary>
    /// The next block of the content.json, at byte <paramref name="offset"/> of it (a block lost or repeated is
    /// refused). Passed as immutable: a call within the silo does not copy it; do not change it afterwards.
    /// Throws <see cref="ArgumentException"/> for content that cannot be a base, is over the row limit, or
    /// for an import this activation does not know; the import is then dropped.
    /// </summary>
    [Alias("ImportAppend")]
    Task ImportAppend(Guid importId, long offset, Immutable<byte[]> block);

    /// <summary>Makes the imported content the base's, durably; returns the row count. Throws as <see cref="ImportAppend"/>.</summary>
    [Alias("ImportCommit")]
    Task<long> ImportCommit(Guid importId);

    /// <summary>Drops an unfinished import; nothing when there is none.</summary>
    [Alias("ImportAbort")]
    Task ImportAbort(Guid importId);

    /// <summary>
    /// The content as one consistent content.json, gzip-compressed (as snapshots are kept): a tenth of the
    /// text's size, for exports to read piece by piece. Null when the base has no content.
    /// </summary>
    [Alias("ExportContent")]
    Task<ContentExport?> ExportContent();

    /// <summary>Deletes the content for good (snapshot and log).</summary>
    [Alias("Clear")]
    Task Clear();

    /// <summary>The whole base as content.json (UTF-8), for GET …/dtables/&lt;uuid&gt;/.</summary>
    [Alias("GetBase")]
    Task<ContentReply> GetBase();

    /// <summary>The "metadata" object: tables with columns and views.</summary>
    [Alias("GetMetadata")]
    Task<ContentReply> GetMetadata();

    /// <summary>A table's views (JSON array).</summary>
    [Alias("ListViews")]
    Task<ContentReply> ListViews(string tableName);

    /// <summary>A table's columns (JSON array), without those the view hides when a view is named.</summary>
    [Alias("ListColumns")]
    Task<ContentReply> ListColumns(string tableName, string? viewName);

    /// <summary>A page of rows: {"rows":[...]}.</summary>
    [Alias("ListRows")]
    Task<ContentReply> ListRows(RowQuery query);

    [Alias("GetRow")]
    Task<ContentReply> GetRow(string tableName, string rowId, bool byName, bool convertLinkId);

    /// <summary>Appends rows, or inserts one next to an anchor row; the reply has the new ids and the first row by key.</summary>
    [Alias("AppendRows")]
    Task<ContentReply> AppendRows(AppendRowsCommand command);

    [Alias("UpdateRows")]
    Task<ContentReply> UpdateRows(UpdateRowsCommand command);

    /// <summary>Deletes rows; ids that are not there are skipped. The reply's count is how many went.</summary>
    [Alias("DeleteRows")]
    Task<ContentReply> DeleteRows(string tableName, IReadOnlyList<string> rowIds);

    /// <summary>A new table (columns as the API sends them: column_name, column_type, column_data); the reply is the table.</summary>
    [Alias("AddTable")]
    Task<ContentReply> AddTable(string tableName, string? columnsJson);

    [Alias("RenameTable")]
    Task<ContentReply> RenameTable(string tableName, string newName);

    [Alias("DeleteTable")]
    Task<ContentReply> DeleteTable(string tableName);

    /// <summary>Links (or unlinks) a row of one table to a row of the other table of a link column.</summary>
    [Alias("ChangeLink")]
    Task<ContentReply> ChangeLink(LinkCommand command);
}
