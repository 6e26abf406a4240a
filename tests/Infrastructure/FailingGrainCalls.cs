using Orleans;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// A test-only incoming grain call filter: the next <c>count</c> calls of a chosen grain method run, then fail with a
/// <see cref="TimeoutException"/>, as a caller sees a call whose answer was lost (the write happened, nobody knows).
/// </summary>
public sealed class FailingGrainCalls : IIncomingGrainCallFilter
{
    private readonly Lock _gate = new();
    private string? _method;
    private int _remaining;

    public int Failed { get; private set; }

    /// <summary>Fails the next <paramref name="count"/> calls of the method (by name) after they ran.</summary>
    public void FailAfterRunning(string method, int count = 1)
    {
        lock (_gate)
        {
            _method = method;
            _remaining = count;
            Failed = 0;
        }
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        lock (_gate)
        {
            if (_remaining <= 0 || context.InterfaceMethod?.Name != _method)
            {
                return;
            }

            _remaining--;
            Failed++;
        }

        throw new TimeoutException($"Injected: the answer of {context.InterfaceMethod?.Name} was lost.");
    }
}
