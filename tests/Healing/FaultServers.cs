using Microsoft.Extensions.DependencyInjection;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Healing;

/// <summary>The SQLite server of the healing tests: the shared server's setup plus the fault-injecting grain call filter.</summary>
public sealed class FaultServer : SharedServer
{
    public GrainFaults Faults { get; } = new();

    protected override Action<IServiceCollection> TestServices => services => services.AddFaultInjection(Faults);
}

/// <summary>The PostgreSQL server of the healing tests, likewise.</summary>
public sealed class PostgresFaultServer : PostgresSharedServer
{
    public GrainFaults Faults { get; } = new();

    protected override Action<IServiceCollection> TestServices => services => services.AddFaultInjection(Faults);
}

public static class FaultInjection
{
    /// <summary>The filter sees every grain call of the silo (a silo resolves all registered incoming filters).</summary>
    public static void AddFaultInjection(this IServiceCollection services, GrainFaults faults)
    {
        services.AddSingleton(faults);
        services.AddSingleton<IIncomingGrainCallFilter, FaultInjectingGrainCallFilter>();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultServerCollection : ICollectionFixture<FaultServer>
{
    public const string Name = "server-faults";
}

[CollectionDefinition(Name)]
public sealed class PostgresFaultServerCollection : ICollectionFixture<PostgresFaultServer>
{
    public const string Name = "server-postgresql-faults";
}
