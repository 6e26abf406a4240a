using SeaTable.Grains.Common;

namespace SeaTable.Grains.Accounts;

public sealed class AccountTokenGrain(
    [PersistentState("token", StorageNames.Main)] IPersistentState<AccountTokenState> state) : Grain, IAccountTokenGrain
{
    async Task IAccountTokenGrain.Bind(string userId)
    {
        if (state.State.UserId != userId)
        {
            state.State.UserId = userId;
            await state.WriteStateAsync();
        }
    }

    Task<string?> IAccountTokenGrain.GetUserId() => Task.FromResult(state.State.UserId);
}
