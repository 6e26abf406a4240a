using Orleans;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// Test-only (setting <c>SeaTable:Testing:HoldAfter</c>, never set in production): after a grain call named
/// "Interface.Method" has run (its state written) for a first argument starting with <c>hold-</c>, the call is
/// held for good and the silo prints <see cref="Marker"/>, so that a test can kill -9 this silo exactly between
/// two steps of a multi-grain operation and check that the cluster heals it. Real processes cannot take the
/// in-process fault injection of the other healing tests. Only the first such call in the whole cluster is held
/// (a file in the shared data folder says it happened), so the survivors' healing of it runs free.
/// </summary>
internal sealed class StepHoldFilter(string heldCall, string dataDir) : IIncomingGrainCallFilter
{
    public const string Marker = "seatable-test: holding after";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod is { } method && $"{method.DeclaringType?.Name}.{method.Name}" == heldCall
            && context.Request.GetArgumentCount() > 0 && context.Request.GetArgument(0) is string first
            && first.StartsWith("hold-", StringComparison.Ordinal) && ClaimTheHold(first))
        {
            Console.Out.WriteLine($"{Marker} {heldCall} {first}");
            await Console.Out.FlushAsync();
            await Task.Delay(Timeout.Infinite);
        }
    }

    private bool ClaimTheHold(string argument)
    {
        try
        {
            using var claim = new FileStream(Path.Combine(dataDir, $"held-{argument}"), FileMode.CreateNew);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
