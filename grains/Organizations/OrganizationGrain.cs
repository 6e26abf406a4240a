using System.Security.Cryptography;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;

namespace SeaTable.Grains.Organizations;

public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Main)] IPersistentState<OrganizationState> state,
    ICatalogWriter catalog,
    TimeProvider clock) : Grain, IOrganizationGrain
{
    async Task<OrganizationInfo> IOrganizationGrain.Create(string name, string adminUserId)
    {
        if (!state.State.Exists)
        {
            state.State = new OrganizationState
            {
                Exists = true,
                Name = name,
                AdminUserId = adminUserId,
                // SeaTable gives each team a random url prefix "org_" + 20 lower-case letters and digits.
                UrlPrefix = "org_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 20),
                CreatedAt = clock.GetUtcNow(),
                Members = [adminUserId],
            };
            await state.WriteStateAsync();
        }

        await catalog.UpsertOrganizationAsync(new CatalogOrganization(
            this.GetPrimaryKeyLong(), state.State.Name, state.State.AdminUserId, state.State.UrlPrefix, state.State.CreatedAt));
        return ToInfo();
    }

    Task<OrganizationInfo?> IOrganizationGrain.GetInfo() => Task.FromResult(state.State.Exists ? ToInfo() : null);

    async Task IOrganizationGrain.AddMember(string userId)
    {
        if (state.State.Exists && state.State.Members.Add(userId))
        {
            await state.WriteStateAsync();
        }
    }

    private OrganizationInfo ToInfo() => new(
        this.GetPrimaryKeyLong(), state.State.Name, state.State.AdminUserId, state.State.UrlPrefix, state.State.CreatedAt,
        [.. state.State.Members]);
}
