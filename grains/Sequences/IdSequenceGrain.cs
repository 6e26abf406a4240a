using Orleans.Concurrency;
using SeaTable.Grains.Common;

namespace SeaTable.Grains.Sequences;

[GenerateSerializer]
public sealed class IdSequenceState
{
    /// <summary>Every id below this value has been handed out or skipped; persisted once per block.</summary>
    [Id(0)] public long Reserved { get; set; }
}

/// <summary>
/// Reserves ids in blocks so that only one write in <see cref="BlockSize"/> ids touches storage. Ids left
/// unused in a block when the grain deactivates are skipped, never reused: ids stay unique, with gaps.
/// </summary>
public sealed class IdSequenceGrain(
    [PersistentState("sequence", StorageNames.Main)] IPersistentState<IdSequenceState> state) : Grain, IIdSequenceGrain
{
    internal const int BlockSize = 64;
    private long _next = -1;

    async Task<long> IIdSequenceGrain.Next()
    {
        if (_next < 0 || _next >= state.State.Reserved)
        {
            var start = Math.Max(state.State.Reserved, 1);
            state.State.Reserved = start + BlockSize;
            await state.WriteStateAsync();
            _next = start;
        }

        return _next++;
    }
}
