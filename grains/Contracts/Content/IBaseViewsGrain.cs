namespace SeaTable.Grains.Content;

/// <summary>
/// The views of a base's tables and rows filtered on the fly, on the same activation as
/// <see cref="IBaseContentGrain"/> (same class, same key). Writes are logged as SeaTable's view operations.
/// </summary>
[Alias("seatable.IBaseViewsGrain")]
public interface IBaseViewsGrain : IGrainWithGuidKey
{
    /// <summary>One view of a table (JSON object).</summary>
    [Alias("GetView")]
    Task<ContentReply> GetView(string tableName, string viewName);

    /// <summary>A new view with no filters, sorts or hidden columns; answers the view.</summary>
    [Alias("AddView")]
    Task<ContentReply> AddView(AddViewCommand command);

    /// <summary>
    /// Changes a view: a JSON object with any of name, filters, filter_conjunction, sorts, groupbys,
    /// hidden_columns, is_locked. Everything is checked before anything is written; answers the view.
    /// </summary>
    [Alias("UpdateView")]
    Task<ContentReply> UpdateView(string tableName, string viewName, string updatesJson);

    /// <summary>Deletes a view; a table's last view stays.</summary>
    [Alias("DeleteView")]
    Task<ContentReply> DeleteView(string tableName, string viewName);

    /// <summary>The rows that pass the given filters (within the view's, when a view is named): {"rows": [...]}.</summary>
    [Alias("FilterRows")]
    Task<ContentReply> FilterRows(FilterRowsQuery query);
}

/// <summary>A view to add: its name, type ("table" unless said) and lock.</summary>
[GenerateSerializer, Immutable, Alias("seatable.AddViewCommand")]
public sealed record AddViewCommand(
    [property: Id(0)] string TableName,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Type,
    [property: Id(3)] bool IsLocked);

/// <summary>
/// Rows filtered by a JSON array of filters joined by "And" or "Or", optionally within a view, for a caller
/// (the user id "include_me" compares with; null when unknown).
/// </summary>
[GenerateSerializer, Immutable, Alias("seatable.FilterRowsQuery")]
public sealed record FilterRowsQuery(
    [property: Id(0)] string TableName,
    [property: Id(1)] string? ViewName,
    [property: Id(2)] string FiltersJson,
    [property: Id(3)] string? Conjunction,
    [property: Id(4)] string? CurrentUser,
    [property: Id(5)] bool ByName = true);
