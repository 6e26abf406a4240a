namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// A silo-wide grain call filter, registered only by test hosts, that fails the calls <see cref="GrainFaults"/>
/// names: before they run, or after they ran (their state written) on the way back to the caller.
/// </summary>
public sealed class FaultInjectingGrainCallFilter(GrainFaults faults) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var timing = method is null ? null : faults.Strike(context, method.DeclaringType, method.Name);
        if (timing == FaultTiming.Before)
        {
            throw Injected(context);
        }

        await context.Invoke();
        if (timing == FaultTiming.After)
        {
            throw Injected(context);
        }
    }

    private static TimeoutException Injected(IIncomingGrainCallContext context) =>
        new($"Injected fault: {context.InterfaceMethod?.DeclaringType?.Name}.{context.InterfaceMethod?.Name} ({context.TargetId})");
}
