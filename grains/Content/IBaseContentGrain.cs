using Orleans.Concurrency;
namespace SeaTable.Grains.Content;

/// <summary>
/// The tables, columns, rows and views of one base (key: the base uuid). Kept in memory while active;
/// every write is logged durably before it is acknowledged (see <see cref="BaseContentGrain"/>).
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
    /// Replaces the whole content with a SeaTable content.json; durable when it returns. Returns the row count.
    /// Throws <see cref="ArgumentException"/> for a content.json that cannot be a base, or one over the row limit.
    /// </summary>
    [Alias("ImportContent")]
    Task<long> ImportContent(string contentJson);

    /// <summary>
    /// <see cref="ImportContent"/> from content.json as UTF-8 bytes (a leading byte-order mark is skipped):
    /// parsed where they lie, without a .NET string of twice their size or a transcoded copy. The bytes are
    /// passed as immutable, so a call within the silo does not copy them either; do not change them afterwards.
    /// </summary>
    [Alias("ImportContentUtf8")]
    Task<long> ImportContentUtf8(Immutable<byte[]> contentJson);

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
