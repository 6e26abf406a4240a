using SeaTable.Grains.Common;

namespace SeaTable.Grains.Accounts;

public sealed class EmailIndexGrain(
    [PersistentState("email", StorageNames.Main)] IPersistentState<EmailIndexState> state) : Grain, IEmailIndexGrain
{
    Task<string?> IEmailIndexGrain.GetUserId() => Task.FromResult(state.State.UserId);

    async Task<bool> IEmailIndexGrain.TryClaim(string userId)
    {
        if (state.State.UserId == userId)
        {
            return true;
        }

        if (state.State.UserId is { } holder
            && await GrainFactory.GetGrain<IAccountGrain>(holder).GetProfile() is not null)
        {
            return false;
        }

        // Free, or held by a claim whose account was never created (a crash mid sign-up): take it over.
        state.State.UserId = userId;
        await state.WriteStateAsync();
        return true;
    }

    async Task IEmailIndexGrain.Release(string userId)
    {
        if (state.State.UserId == userId)
        {
            state.State.UserId = null;
            await state.WriteStateAsync();
        }
    }
}
