using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain : IBaseRowsExtrasGrain
{
    Task<ContentReply> IBaseRowsExtrasGrain.ChangeLinks(LinksCommand command) => KeyedAsync(() => ChangeLinksAsync(command));

    private async Task<ContentReply> ChangeLinksAsync(LinksCommand command)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (TableByNameOrId(content, command.Table) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.Table);
        }

        if (TableByNameOrId(content, command.OtherTable) is not { } other)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.OtherTable);
        }

        if (content.LinkById(command.LinkId) is not { } link
            || !((link.Table1Id == table.Id && link.Table2Id == other.Id) || (link.Table2Id == table.Id && link.Table1Id == other.Id)))
        {
            return ContentReply.Fail(ContentError.LinkNotFound, command.LinkId);
        }

        // Every row first: a call that names one missing row writes nothing.
        var rowIds = command.Rows.Select(r => r.RowId).Concat(command.RowIdList ?? []);
        if (rowIds.FirstOrDefault(id => !table.Rows.Contains(id)) is { } missing)
        {
            return ContentReply.Fail(ContentError.RowNotFound, missing);
        }

        if (command.Rows.SelectMany(r => r.OtherRowIds).FirstOrDefault(id => !other.Rows.Contains(id)) is { } missingOther)
        {
            return ContentReply.Fail(ContentError.RowNotFound, missingOther);
        }

        // In a link of a table to itself the named table is table 1, as the single form takes it.
        var forward = link.Table1Id == table.Id && link.Table2Id == other.Id;
        return command.Change == LinkChange.Replace
            ? await ReplaceLinksAsync(link, table, other, command)
            : await AddOrRemoveLinksAsync(link, forward, table, command);
    }

    private async Task<ContentReply> AddOrRemoveLinksAsync(ContentLink link, bool forward, ContentTable table, LinksCommand command)
    {
        var add = command.Change == LinkChange.Add;
        var pairs = new List<LinkPair>();
        var seen = new HashSet<LinkPair>();
        foreach (var row in command.Rows)
        {
            var linked = link.Linked(table.Id, row.RowId);
            foreach (var otherId in row.OtherRowIds)
            {
                var pair = forward ? new LinkPair(row.RowId, otherId) : new LinkPair(otherId, row.RowId);
                if (linked.Contains(otherId, StringComparer.Ordinal) != add && seen.Add(pair))
                {
                    pairs.Add(pair);
                }
            }
        }

        var reply = new ContentReply(ContentError.None, Count: pairs.Count);
        if (pairs.Count == 1)
        {
            // One pair keeps the single form's operation (and event) of SeaTable.
            await CommitAsync([new LinkRowsOp(add, link.Id, link.Table1Id, link.Table2Id, pairs[0].Table1RowId, pairs[0].Table2RowId)], reply);
        }
        else if (pairs.Count > 1)
        {
            await CommitAsync([new LinkPairsOp(add, link.Id, link.Table1Id, link.Table2Id, pairs)], reply);
        }

        return reply;
    }

    private async Task<ContentReply> ReplaceLinksAsync(ContentLink link, ContentTable table, ContentTable other, LinksCommand command)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var row in command.Rows)
        {
            map[row.RowId] = [.. row.OtherRowIds.Distinct(StringComparer.Ordinal)];
        }

        var changed = new List<LinkRows>();
        var count = 0;
        foreach (var rowId in (command.RowIdList ?? [.. map.Keys]).Distinct(StringComparer.Ordinal))
        {
            var wanted = map.GetValueOrDefault(rowId) ?? [];
            var current = link.Linked(table.Id, rowId);
            var difference = wanted.Except(current, StringComparer.Ordinal).Count() + current.Except(wanted, StringComparer.Ordinal).Count();
            if (difference > 0)
            {
                changed.Add(new LinkRows(rowId, wanted));
                count += difference;
            }
        }

        var reply = new ContentReply(ContentError.None, Count: count);
        if (changed.Count > 0)
        {
            await CommitAsync([new UpdateLinksOp(link.Id, table.Id, other.Id, changed)], reply);
        }

        return reply;
    }

    /// <summary>A table by name, else by id: SeaTable's clients send table_id where they have no name.</summary>
    private static ContentTable? TableByNameOrId(BaseContent content, string nameOrId) =>
        content.TableByName(nameOrId) ?? content.TableById(nameOrId);
}
