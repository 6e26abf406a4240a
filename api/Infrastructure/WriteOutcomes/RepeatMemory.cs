using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.WriteOutcomes;

/// <summary>
/// What the first run of a repeatable write found, for its repeats (<see cref="WriteOutcomeGuard"/> runs the same
/// request again): a base resolved by its name before the lost run renamed, trashed or restored it cannot be found
/// by that name or trash entry any more, so the repeat goes to the same base and asks it what became of it.
/// </summary>
public static class RepeatMemory
{
    private static readonly object BaseKey = new();

    public static Guid RememberBase(HttpContext context, Guid uuid)
    {
        context.Items[BaseKey] = uuid;
        return uuid;
    }

    /// <summary>The base the first run went to; null on a first run.</summary>
    public static Guid? RecalledBase(HttpContext context) =>
        context.Items.TryGetValue(BaseKey, out var value) && value is Guid uuid ? uuid : null;
}
