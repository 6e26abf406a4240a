namespace SeaTable.Grains.Content;

/// <summary>
/// The column calls of a base's content (dtable-server's …/columns/, …/batch-append-columns/,
/// …/column-options/, …/column-cascade-settings/). Implemented by the content grain itself (same key, same
/// activation): its own interface so that the column calls stay apart from the row and table calls.
/// </summary>
[Alias("seatable.IBaseColumnsGrain")]
public interface IBaseColumnsGrain : IGrainWithGuidKey
{
    /// <summary>
    /// New columns (a JSON array of {column_name, column_type, column_data}), all or none; placed after the
    /// anchor column when one is named, else at the end. The reply is the JSON array of the new columns.
    /// </summary>
    [Alias("AddColumns")]
    Task<ContentReply> AddColumns(AddColumnsCommand command);

    /// <summary>One of the PUT …/columns/ changes (rename, resize, freeze, move, modify type); the reply is the column.</summary>
    [Alias("UpdateColumn")]
    Task<ContentReply> UpdateColumn(UpdateColumnCommand command);

    /// <summary>Deletes a column (not the first); a link column takes its link and the other table's column with it.</summary>
    [Alias("DeleteColumn")]
    Task<ContentReply> DeleteColumn(TableRef table, string column);

    /// <summary>Adds, updates or deletes the options of a single- or multiple-select column.</summary>
    [Alias("ChangeColumnOptions")]
    Task<ContentReply> ChangeColumnOptions(ColumnOptionsCommand command);

    /// <summary>Makes a select column's options depend on a parent select column's (data.cascade_column_key, data.cascade_settings).</summary>
    [Alias("SetCascadeSettings")]
    Task<ContentReply> SetCascadeSettings(CascadeSettingsCommand command);
}
