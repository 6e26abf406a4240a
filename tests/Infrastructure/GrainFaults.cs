namespace SeaTable.Tests.Infrastructure;

/// <summary>When an injected failure strikes the call it matches.</summary>
public enum FaultTiming
{
    /// <summary>The call does not run; its caller gets the failure.</summary>
    Before,

    /// <summary>The call runs (its state is written), then its caller gets the failure: an answer lost on the way back.</summary>
    After,
}

/// <summary>
/// Failures to inject into grain calls, armed by a test and struck by <see cref="FaultInjectingGrainCallFilter"/>:
/// the (skip + 1)-th call of the interface's method fails once, with a <see cref="TimeoutException"/> as when a
/// silo dies mid-call. Thread-safe: grain calls run on many threads.
/// </summary>
public sealed class GrainFaults
{
    private readonly Lock _lock = new();
    private readonly List<Fault> _armed = [];
    private readonly List<string> _struck = [];

    /// <summary>The calls failed so far, as "Interface.Method", for the test's assertions and messages.</summary>
    public IReadOnlyList<string> Struck
    {
        get
        {
            lock (_lock)
            {
                return [.. _struck];
            }
        }
    }

    /// <param name="when">Narrows the calls that count (a grain key, an argument), so other tests' calls pass.</param>
    public void Arm<TInterface>(string method, FaultTiming timing, int skip = 0, Func<IIncomingGrainCallContext, bool>? when = null)
    {
        lock (_lock)
        {
            _armed.Add(new Fault(typeof(TInterface), method, timing, skip, when));
        }
    }

    /// <summary>Whether the call targets the grain keyed by this guid.</summary>
    public static bool Targets(IIncomingGrainCallContext context, Guid key) =>
        context.TargetId.ToString().Contains(key.ToString("N"), StringComparison.OrdinalIgnoreCase);

    public void Clear()
    {
        lock (_lock)
        {
            _armed.Clear();
            _struck.Clear();
        }
    }

    /// <summary>The failure this call meets, if any; it is then disarmed.</summary>
    internal FaultTiming? Strike(IIncomingGrainCallContext context, Type? interfaceType, string method)
    {
        lock (_lock)
        {
            var index = _armed.FindIndex(f => f.Interface == interfaceType && f.Method == method && (f.When is null || f.When(context)));
            if (index < 0)
            {
                return null;
            }

            var fault = _armed[index];
            if (fault.Skip > 0)
            {
                _armed[index] = fault with { Skip = fault.Skip - 1 };
                return null;
            }

            _armed.RemoveAt(index);
            _struck.Add($"{interfaceType!.Name}.{method}");
            return fault.Timing;
        }
    }

    private sealed record Fault(Type Interface, string Method, FaultTiming Timing, int Skip, Func<IIncomingGrainCallContext, bool>? When);
}
