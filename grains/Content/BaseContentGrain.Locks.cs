using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    async Task<ContentReply> IBaseRowsExtrasGrain.LockRows(LockRowsCommand command)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (TableByNameOrId(content, command.Table) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.Table);
        }

        var ids = command.RowIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.FirstOrDefault(id => !table.Rows.Contains(id)) is { } missing)
        {
            return ContentReply.Fail(ContentError.RowNotFound, missing);
        }

        // Rows already in the state asked for are fine (SeaTable: "It is ok to include rows that were already locked").
        var changing = ids.Where(id => RowLocks.IsLocked(table.Rows.Find(id)!) != command.Lock).ToList();
        if (changing.Count > 0)
        {
            await CommitAsync([new LockRowsOp(table.Id, command.Lock, _pool.Intern(command.Actor)!, changing)]);
        }

        return new ContentReply(ContentError.None, Count: changing.Count);
    }
}
