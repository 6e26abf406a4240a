using SeaTable.Grains.Common;

namespace SeaTable.Grains.Content;

public sealed class BaseContentGrain(
    [PersistentState("content", StorageNames.Main)] IPersistentState<BaseContentState> state,
    TimeProvider clock) : Grain, IBaseContentGrain
{
    async Task<long> IBaseContentGrain.Initialize(string creatorId)
    {
        if (state.State.ContentJson is null)
        {
            state.State.ContentJson = DefaultContent.Create(creatorId, clock.GetUtcNow()).ToJsonString();
            await state.WriteStateAsync();
            return DefaultContent.RowCount;
        }

        return CountRows(state.State.ContentJson);
    }

    Task<string?> IBaseContentGrain.GetContentJson() => Task.FromResult(state.State.ContentJson);

    async Task IBaseContentGrain.Clear()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }

    private static long CountRows(string contentJson)
    {
        var content = System.Text.Json.Nodes.JsonNode.Parse(contentJson);
        return content?["tables"]?.AsArray().Sum(t => (long)(t?["rows"]?.AsArray().Count ?? 0)) ?? 0;
    }
}
