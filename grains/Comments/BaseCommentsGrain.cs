using SeaTable.Grains.Common;
using SeaTable.Grains.Content;

namespace SeaTable.Grains.Comments;

/// <summary>
/// A base's row comments in the grain's persisted state (Orleans' ADO.NET storage: SQLite or PostgreSQL), written
/// before each answer. Comments are few next to rows, so the state holds them whole; the content grain is asked
/// only whether a new comment's row exists.
/// </summary>
public sealed class BaseCommentsGrain(
    [PersistentState("comments", StorageNames.Main)] IPersistentState<BaseCommentsState> state,
    TimeProvider clock) : Grain, IBaseCommentsGrain
{
    private List<RowComment> All => state.State.Comments;

    Task<CommentPage> IBaseCommentsGrain.List(string? rowId, int page, int perPage)
    {
        var matching = All.Where(c => rowId is null || c.RowId == rowId).OrderByDescending(c => c.Id).ToList();
        var start = (long)(Math.Max(page, 1) - 1) * Math.Max(perPage, 1);
        var items = start >= matching.Count ? [] : matching.Skip((int)start).Take(Math.Max(perPage, 1)).ToList();
        return Task.FromResult(new CommentPage(items, matching.Count));
    }

    Task<int> IBaseCommentsGrain.Count(string rowId) => Task.FromResult(All.Count(c => c.RowId == rowId));

    Task<IReadOnlyDictionary<string, int>> IBaseCommentsGrain.CountByRow() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(All.GroupBy(c => c.RowId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    Task<RowComment?> IBaseCommentsGrain.Get(long id) => Task.FromResult(All.Find(c => c.Id == id));

    Task<IReadOnlyList<RowComment>> IBaseCommentsGrain.WithinDays(int days)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromDays(Math.Max(days, 0));
        return Task.FromResult<IReadOnlyList<RowComment>>(All.Where(c => c.CreatedAt >= since).OrderByDescending(c => c.Id).ToList());
    }

    async Task<CommentResult> IBaseCommentsGrain.Add(string rowId, string author, string comment)
    {
        if (!await GrainFactory.GetGrain<IBaseRowLookupGrain>(this.GetPrimaryKey()).RowExists(rowId))
        {
            return new CommentResult(CommentError.RowNotFound);
        }

        var now = Seconds(clock.GetUtcNow());
        var added = new RowComment(state.State.LastId + 1, rowId, author, comment, now, now, Resolved: false, Detail: null);
        state.State.LastId = added.Id;
        All.Add(added);
        await WriteAsync(() => All.Remove(added), () => state.State.LastId--);
        return new CommentResult(CommentError.None, added);
    }

    async Task<CommentResult> IBaseCommentsGrain.Update(long id, string callerId, string? comment, string? detail, bool? resolved)
    {
        var index = All.FindIndex(c => c.Id == id);
        if (index < 0)
        {
            return new CommentResult(CommentError.CommentNotFound);
        }

        var old = All[index];
        if ((comment is not null || detail is not null) && old.Author != callerId)
        {
            return new CommentResult(CommentError.NotAuthor);
        }

        var changed = old with
        {
            Comment = comment ?? old.Comment,
            Detail = detail ?? old.Detail,
            Resolved = resolved ?? old.Resolved,
            UpdatedAt = Seconds(clock.GetUtcNow()),
        };
        All[index] = changed;
        await WriteAsync(() => All[index] = old);
        return new CommentResult(CommentError.None, changed);
    }

    async Task<CommentResult> IBaseCommentsGrain.Delete(long id, string callerId, bool callerIsBaseAdmin)
    {
        var index = All.FindIndex(c => c.Id == id);
        if (index < 0)
        {
            return new CommentResult(CommentError.CommentNotFound);
        }

        var old = All[index];
        if (old.Author != callerId && !callerIsBaseAdmin)
        {
            return new CommentResult(CommentError.NotAuthor);
        }

        All.RemoveAt(index);
        await WriteAsync(() => All.Insert(index, old));
        return new CommentResult(CommentError.None, old);
    }

    Task<IReadOnlyList<RowComment>> IBaseCommentsGrain.Export() =>
        Task.FromResult<IReadOnlyList<RowComment>>(All.OrderBy(c => c.Id).ToList());

    async Task IBaseCommentsGrain.Import(IReadOnlyList<RowComment> comments)
    {
        state.State = new BaseCommentsState
        {
            Comments = comments.OrderBy(c => c.Id).ToList(),
            LastId = comments.Count == 0 ? 0 : comments.Max(c => c.Id),
        };
        await state.WriteStateAsync();
    }

    async Task IBaseCommentsGrain.Clear()
    {
        await state.ClearStateAsync();
        state.State = new BaseCommentsState();
    }

    /// <summary>Writes the state; on failure puts memory back as it was, so it never runs ahead of storage.</summary>
    private async Task WriteAsync(params Action[] undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            foreach (var step in undo)
            {
                step();
            }

            throw;
        }
    }

    /// <summary>dtable-web's times have seconds precision.</summary>
    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
