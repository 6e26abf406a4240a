namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain : IBaseRowLookupGrain
{
    Task<bool> IBaseRowLookupGrain.RowExists(string rowId) =>
        Task.FromResult(_content is { } content && content.Tables.Any(table => table.Rows.Find(rowId) is not null));
}
